import Foundation

// Maps people recognise, without JavaScript and without tiles: inline SVG in an equirectangular projection
// scaled by cos(latitude), the dataset's geometry over the outlines of the surrounding Kreise or Länder
// (official boundaries, catalog/geo/) with their names. karte.html (SiteOverviewMap.swift) uses the same canvas.

/// A projection of a lon/lat box onto a `width` × `height` SVG, and writers for paths and labels.
struct SiteMapCanvas {
    var view: BoundingBox
    var width: Double
    var height: Double
    private var kx = 1.0, scale = 1.0, offX = 0.0, offY = 0.0

    /// `box` fitted into the canvas with `margin` pixels around it; the visible box may be wider or taller.
    init(fitting box: BoundingBox, width: Double, height: Double, margin: Double) {
        self.width = width
        self.height = height
        let midLat = (box.north + box.south) / 2
        kx = max(cos(midLat * .pi / 180), 0.05)
        let spanX = max((box.east - box.west) * kx, 1e-9)
        let spanY = max(box.north - box.south, 1e-9)
        scale = min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY)
        offX = (width - spanX * scale) / 2
        offY = (height - spanY * scale) / 2
        let west = box.west - offX / (kx * scale), north = box.north + offY / scale
        view = BoundingBox(west: west, south: north - height / scale, east: west + width / (kx * scale), north: north)
    }

    func x(_ lon: Double) -> Double { (lon - view.west) * kx * scale }
    func y(_ lat: Double) -> Double { (view.north - lat) * scale }

    static func n(_ v: Double) -> String {
        var s = String(format: "%.1f", v)
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s == "-0" ? "0" : s
    }

    func intersects(_ b: BoundingBox) -> Bool {
        b.west <= view.east && b.east >= view.west && b.south <= view.north && b.north >= view.south
    }

    /// SVG path data of a geometry's rings and lines in whole pixels; positions within a pixel of the last one
    /// kept are skipped, so outlines cost bytes in proportion to their size on the map.
    func pathData(_ g: ExportGeometry) -> String {
        var parts: [String] = []
        func ring(_ r: [[Double]], close: Bool) {
            var kept: [(Double, Double)] = []
            for p in r {
                let q = (x(p[0]), y(p[1]))
                let r = (q.0.rounded(), q.1.rounded())
                if let last = kept.last, last == r { continue }
                kept.append(r)
            }
            if close { kept = clip(kept) }
            kept = Self.simplify(kept, tolerance: 0.8)
            guard kept.count >= (close ? 4 : 2) else { return }
            parts.append(kept.enumerated().map { i, q in (i == 0 ? "M" : "L") + String(Int(q.0)) + " " + String(Int(q.1)) }.joined(separator: " ") + (close ? "Z" : ""))
        }
        func walk(_ g: ExportGeometry) {
            switch g {
            case .point, .multiPoint: break
            case .lineString(let l): ring(l, close: false)
            case .multiLineString(let m): m.forEach { ring($0, close: false) }
            case .polygon(let rs): rs.forEach { ring($0, close: true) }
            case .multiPolygon(let m): m.forEach { $0.forEach { ring($0, close: true) } }
            case .collection(let gs): gs.forEach(walk)
            }
        }
        walk(g)
        return parts.joined(separator: " ")
    }

    /// A closed ring cut to the canvas plus a few pixels (Sutherland–Hodgman), so a Land around a small map
    /// costs only the part that shows. The result is closed again.
    func clip(_ ring: [(Double, Double)]) -> [(Double, Double)] {
        let lo = -4.0, hiX = width + 4, hiY = height + 4
        var pts = Array(ring.dropLast())
        let edges: [((Double, Double)) -> Bool] = [{ $0.0 >= lo }, { $0.0 <= hiX }, { $0.1 >= lo }, { $0.1 <= hiY }]
        let cuts: [(Double, Double, Double, Double) -> (Double, Double)] = [
            { ax, ay, bx, by in (lo, ay + (by - ay) * (lo - ax) / (bx - ax)) },
            { ax, ay, bx, by in (hiX, ay + (by - ay) * (hiX - ax) / (bx - ax)) },
            { ax, ay, bx, by in (ax + (bx - ax) * (lo - ay) / (by - ay), lo) },
            { ax, ay, bx, by in (ax + (bx - ax) * (hiY - ay) / (by - ay), hiY) },
        ]
        for (inside, cut) in zip(edges, cuts) {
            guard let last = pts.last else { break }
            var out: [(Double, Double)] = []
            var prev = last
            for p in pts {
                if inside(p) {
                    if !inside(prev) { out.append(cut(prev.0, prev.1, p.0, p.1)) }
                    out.append(p)
                } else if inside(prev) {
                    out.append(cut(prev.0, prev.1, p.0, p.1))
                }
                prev = p
            }
            pts = out
        }
        let rounded = pts.map { ($0.0.rounded(), $0.1.rounded()) }
        var deduped: [(Double, Double)] = []
        for p in rounded where deduped.last.map({ $0 != p }) ?? true { deduped.append(p) }
        guard let first = deduped.first else { return [] }
        return deduped + [first]
    }

    /// Douglas–Peucker in pixels: positions closer than `tolerance` to the line between the kept ones go (the
    /// first and last stay, so a closed ring stays closed).
    static func simplify(_ ps: [(Double, Double)], tolerance: Double) -> [(Double, Double)] {
        guard ps.count > 3 else { return ps }
        var keep = Array(repeating: false, count: ps.count)
        keep[0] = true
        keep[ps.count - 1] = true
        var stack = [(0, ps.count - 1)]
        while let (a, b) = stack.popLast() {
            guard b > a + 1 else { continue }
            let (ax, ay) = ps[a], (bx, by) = ps[b]
            let dx = bx - ax, dy = by - ay
            let len = (dx * dx + dy * dy).squareRoot()
            var worst = -1.0, index = a
            for i in (a + 1)..<b {
                let (px, py) = ps[i]
                let d = len == 0 ? ((px - ax) * (px - ax) + (py - ay) * (py - ay)).squareRoot() : abs(dy * px - dx * py + bx * ay - by * ax) / len
                if d > worst { worst = d; index = i }
            }
            if worst > tolerance {
                keep[index] = true
                stack.append((a, index))
                stack.append((index, b))
            }
        }
        return ps.indices.filter { keep[$0] }.map { ps[$0] }
    }

    /// Circles for the points of a geometry.
    func points(_ g: ExportGeometry, cls: String) -> String {
        SiteMap.positions(g).isEmpty ? "" : pointList(g).map { "<circle class=\"\(cls)\" cx=\"\(Self.n(x($0[0])))\" cy=\"\(Self.n(y($0[1])))\" r=\"5\"/>\n" }.joined()
    }

    private func pointList(_ g: ExportGeometry) -> [[Double]] {
        switch g {
        case .point(let p): [p]
        case .multiPoint(let l): l
        case .collection(let gs): gs.flatMap(pointList)
        default: []
        }
    }

    /// A text label centred on a lon/lat position, when all of it fits on the canvas (`size`: font size in px).
    func label(_ text: String, at p: [Double], cls: String, size: Double = 9) -> String {
        let px = x(p[0]), py = y(p[1])
        let half = Double(text.count) * size * 0.3  // about half the width of the text
        guard px - half > 1, px + half < width - 1, py > size, py < height - 2 else { return "" }
        return "<text class=\"\(cls)\" x=\"\(Self.n(px))\" y=\"\(Self.n(py))\" text-anchor=\"middle\">\(SiteHTML.escape(text))</text>\n"
    }
}

extension SiteMap {
    /// A point inside an area for its name: on the horizontal line through the middle of its largest polygon,
    /// the middle of the widest stretch inside it (a centroid can fall into a hole: Brandenburg around Berlin).
    static func labelPoint(_ g: ExportGeometry) -> [Double]? {
        let polys: [[[[Double]]]]
        switch g {
        case .polygon(let p): polys = [p]
        case .multiPolygon(let m): polys = m
        default: return g.bounds.map { [($0.west + $0.east) / 2, ($0.south + $0.north) / 2] }
        }
        guard let poly = polys.max(by: { abs(GeometryCheck.signedArea($0[0])) < abs(GeometryCheck.signedArea($1[0])) }),
            let b = ExportGeometry.polygon(poly).bounds
        else { return nil }
        let yLine = (b.south + b.north) / 2
        var xs: [Double] = []
        for r in poly {
            for i in 0..<(r.count - 1) {
                let a = r[i], c = r[i + 1]
                if (a[1] > yLine) != (c[1] > yLine) { xs.append(a[0] + (yLine - a[1]) / (c[1] - a[1]) * (c[0] - a[0])) }
            }
        }
        xs.sort()
        var best: (Double, Double)? = nil
        for i in stride(from: 0, to: xs.count - 1, by: 2) where best == nil || xs[i + 1] - xs[i] > best!.1 - best!.0 {
            best = (xs[i], xs[i + 1])
        }
        guard let best else { return [(b.west + b.east) / 2, yLine] }
        return [(best.0 + best.1) / 2, yLine]
    }

    /// The attribution of the official boundaries, linked to the BKG as its licence asks.
    static func attribution(_ boundaries: Boundaries) -> String {
        let text = SiteHTML.escape(boundaries.attribution)
        return "Grenzen: <a href=\"https://www.bkg.bund.de\">\(text)</a>"
    }

    /// "Abgeleitet aus dem politischen Raumbezug …" for a geometry derived from the geocoding, else "".
    static func derivationNote(_ f: PublishedFacts) -> String {
        guard f.geometrySource == .politicalGeocoding, let a = f.area else { return "" }
        let what = a.exact ? "" : " (kleinstes bekanntes Gebiet, das ihn enthält)"
        return "<p class=\"map-note\">Fläche abgeleitet aus dem politischen Raumbezug: <strong>\(SiteHTML.escape(a.name))</strong>, \(SiteHTML.escape(a.kind.isEmpty ? a.level.label : a.kind))\(what).</p>\n"
    }

    /// The dataset's map: its geometry highlighted over the outlines of the surrounding areas (Kreise for small
    /// geometries, else Länder) with their names. Without boundaries it is the plain outline map (`svg`).
    /// Everything a dataset page's map depends on besides the run's boundaries (`datasetMap` reads nothing else):
    /// datasets with equal keys (every dataset of one municipality whose outline was derived from its geocoding)
    /// get the same map, drawn once per run.
    struct Key: Hashable, Sendable {
        /// The published GeoJSON geometry.
        var geometry: String
        var area: PublishedArea?
        var source: GeometrySource?

        init(_ facts: PublishedFacts) {
            geometry = facts.geometry?.geoJSON ?? ""
            area = facts.area
            source = facts.geometrySource
        }
    }

    /// The dataset page's map (`id` "karte") for each distinct key among the datasets with a geometry, drawn in
    /// parallel. At 100 k generated datasets drawing a map per page was a quarter of the site's work.
    static func datasetMaps(_ facts: [PublishedFacts], boundaries: Boundaries) -> [Key: String] {
        let keys = Array(Set(facts.lazy.filter { $0.geometry != nil }.map(Key.init)))
        let maps = ParallelMap.map(keys, minimum: 64, chunk: 16) { key -> String? in
            ExportGeometry(geoJSON: key.geometry).map { datasetMap($0, area: key.area, source: key.source, boundaries: boundaries, id: "karte") }
        }
        var out: [Key: String] = [:]
        for (key, map) in zip(keys, maps) { out[key] = map }
        return out
    }

    static func datasetMap(_ g: ExportGeometry, area: PublishedArea?, source: GeometrySource?, boundaries: Boundaries, id: String) -> String {
        guard !boundaries.isEmpty, let raw = g.bounds else { return svg(g, id: id) }
        // Room around the geometry: half its size, at least 0.1° so points and small areas sit in their Kreis.
        let padX = max((raw.east - raw.west) * 0.5, 0.1), padY = max((raw.north - raw.south) * 0.5, 0.07)
        let box = BoundingBox(west: raw.west - padX, south: raw.south - padY, east: raw.east + padX, north: raw.north + padY)
        let canvas = SiteMapCanvas(fitting: box, width: 360, height: 260, margin: 0)
        let small = canvas.view.east - canvas.view.west < 3
        let context = boundaries.areas(level: small ? .kreis : .land).filter { canvas.intersects($0.bbox) }
        let n = SiteMapCanvas.n
        // The geometry for the optional tile map (SiteMapScript.swift).
        var s = "<figure class=\"map\" data-geojson=\"\(SiteHTML.escape(g.compactGeoJSON))\">\n"
        s += "<svg viewBox=\"0 0 \(n(canvas.width)) \(n(canvas.height))\" width=\"\(Int(canvas.width))\" height=\"\(Int(canvas.height))\" role=\"img\" aria-labelledby=\"\(id)-titel\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        s += "<title id=\"\(id)-titel\">\(SiteHTML.escape(mapTitle(g, raw: raw, area: area, context: context)))</title>\n"
        s += "<rect class=\"bg\" x=\"0\" y=\"0\" width=\"\(n(canvas.width))\" height=\"\(n(canvas.height))\"/>\n<g class=\"ctx\">\n"
        for a in context { s += "<path d=\"\(canvas.pathData(a.geometry))\"/>\n" }
        s += "</g>\n"
        if small {
            s += "<g class=\"ctx-land\">\n"
            for a in boundaries.areas(level: .land) where canvas.intersects(a.bbox) { s += "<path d=\"\(canvas.pathData(a.geometry))\"/>\n" }
            s += "</g>\n"
        }
        s += "<g class=\"shape\">\n"
        let d = canvas.pathData(g)
        if !d.isEmpty { s += "<path class=\"pg\" fill-rule=\"evenodd\" d=\"\(d)\"/>\n" }
        s += canvas.points(g, cls: "pt") + "</g>\n<g class=\"labels\" aria-hidden=\"true\">\n"
        // Not the dataset's own area again at another level (Berlin the Land is also Berlin the Kreis).
        let own = area?.key ?? "-"
        for a in context where !a.key.hasPrefix(own) && !own.hasPrefix(a.key) {
            if let p = labelPoint(a.geometry) { s += canvas.label(a.name, at: p, cls: "ctx-name") }
        }
        if let a = area, let p = labelPoint(g) { s += canvas.label(a.name, at: p, cls: "name", size: 12) }
        s += "</g>\n</svg>\n"
        s += "<figcaption>\(source == .politicalGeocoding ? "Fläche des politischen Raumbezugs" : "Geometrie der Quelle") über den Grenzen der \(small ? "Kreise" : "Länder"). \(attribution(boundaries)).</figcaption>\n</figure>\n"
        return s
    }

    static func mapTitle(_ g: ExportGeometry, raw: BoundingBox, area: PublishedArea?, context: [BoundaryArea]) -> String {
        var t = "Karte der räumlichen Abdeckung"
        if let a = area { t += ": \(a.name)" }
        t += " (von \(coordinate(raw.west)) bis \(coordinate(raw.east)) östlicher Länge, \(coordinate(raw.south)) bis \(coordinate(raw.north)) nördlicher Breite)"
        let own = area?.key ?? "-"
        let names = context.filter { !$0.key.hasPrefix(own) && !own.hasPrefix($0.key) }.map(\.name).prefix(12)
        if !names.isEmpty { t += "; Umgebung: " + names.joined(separator: ", ") }
        return t
    }
}
