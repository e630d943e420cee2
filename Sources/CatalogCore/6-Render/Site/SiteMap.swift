import Foundation

// A small offline map: the dataset's geometry drawn as inline SVG in an equirectangular projection scaled by
// cos(latitude), with a graticule and the corner coordinates. No tiles, no script.

enum SiteMap {
    static let width = 320.0
    static let height = 220.0
    static let margin = 24.0

    /// The bounding box of every position in a geometry.
    static func bounds(_ g: ExportGeometry) -> BoundingBox? { g.bounds }

    static func positions(_ g: ExportGeometry) -> [[Double]] {
        switch g {
        case .point(let p): [p]
        case .multiPoint(let l), .lineString(let l): l
        case .multiLineString(let m), .polygon(let m): m.flatMap { $0 }
        case .multiPolygon(let m): m.flatMap { $0.flatMap { $0 } }
        case .collection(let gs): gs.flatMap(positions)
        }
    }

    /// Coordinates with up to 5 decimals, German decimal comma, degree sign.
    static func coordinate(_ v: Double) -> String {
        var s = String(format: "%.5f", v)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        if s == "-0" { s = "0" }
        return s.replacingASCII(UInt8(ascii: "."), with: ",") + "°"
    }

    static func svg(_ g: ExportGeometry, id: String) -> String {
        guard let raw = bounds(g) else { return "" }
        // Give points and tiny shapes some room around them.
        let minSpan = 0.01
        var b = raw
        if b.east - b.west < minSpan { b.west -= minSpan / 2; b.east += minSpan / 2 }
        if b.north - b.south < minSpan { b.south -= minSpan / 2; b.north += minSpan / 2 }
        let midLat = (b.north + b.south) / 2
        let kx = max(cos(midLat * .pi / 180), 0.05)
        let spanX = (b.east - b.west) * kx
        let spanY = b.north - b.south
        let scale = min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY)
        let offX = (width - spanX * scale) / 2
        let offY = (height - spanY * scale) / 2
        func x(_ lon: Double) -> Double { offX + (lon - b.west) * kx * scale }
        func y(_ lat: Double) -> Double { offY + (b.north - lat) * scale }
        func n(_ v: Double) -> String { String(format: "%.1f", v) }
        func path(_ ring: [[Double]], close: Bool) -> String {
            ring.enumerated().map { i, p in (i == 0 ? "M" : "L") + n(x(p[0])) + " " + n(y(p[1])) }.joined(separator: " ") + (close ? " Z" : "")
        }

        var shapes = ""
        func draw(_ g: ExportGeometry) {
            switch g {
            case .point(let p):
                shapes += "<circle class=\"pt\" cx=\"\(n(x(p[0])))\" cy=\"\(n(y(p[1])))\" r=\"5\"/>\n"
            case .multiPoint(let l):
                for p in l { draw(.point(p)) }
            case .lineString(let l):
                shapes += "<path class=\"ln\" d=\"\(path(l, close: false))\"/>\n"
            case .multiLineString(let m):
                for l in m { draw(.lineString(l)) }
            case .polygon(let rings):
                shapes += "<path class=\"pg\" fill-rule=\"evenodd\" d=\"\(rings.map { path($0, close: true) }.joined(separator: " "))\"/>\n"
            case .multiPolygon(let m):
                for p in m { draw(.polygon(p)) }
            case .collection(let gs):
                for g in gs { draw(g) }
            }
        }
        draw(g)

        // Graticule: a few round-valued lines of longitude and latitude.
        var grid = ""
        var labels = ""
        for (lo, hi, vertical) in [(b.west, b.east, true), (b.south, b.north, false)] {
            let step = niceStep((hi - lo) / 3)
            var v = (lo / step).rounded(.up) * step
            var count = 0
            while v <= hi, count < 8 {
                let label = SiteHTML.escape(gridLabel(v, step: step))
                if vertical {
                    grid += "<line x1=\"\(n(x(v)))\" y1=\"0\" x2=\"\(n(x(v)))\" y2=\"\(n(height))\"/>\n"
                    labels += "<text x=\"\(n(x(v) + 2))\" y=\"\(n(height - 4))\">\(label)</text>\n"
                } else {
                    grid += "<line x1=\"0\" y1=\"\(n(y(v)))\" x2=\"\(n(width))\" y2=\"\(n(y(v)))\"/>\n"
                    labels += "<text x=\"3\" y=\"\(n(y(v) - 3))\">\(label)</text>\n"
                }
                v += step
                count += 1
            }
        }
        let title = "Karte der räumlichen Abdeckung (\(g.typeName)): von \(coordinate(raw.west)) bis \(coordinate(raw.east)) östlicher Länge, "
            + "\(coordinate(raw.south)) bis \(coordinate(raw.north)) nördlicher Breite"
        var s = "<figure class=\"map\">\n"
        s += "<svg viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-labelledby=\"\(id)-titel\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        s += "<title id=\"\(id)-titel\">\(SiteHTML.escape(title))</title>\n"
        s += "<rect class=\"bg\" x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(n(height))\"/>\n"
        s += "<g class=\"grid\">\n\(grid)</g>\n<g class=\"shape\">\n\(shapes)</g>\n<g class=\"labels\" aria-hidden=\"true\">\n\(labels)</g>\n</svg>\n"
        s += "<figcaption>Umriss ohne Hintergrundkarte; Gitterlinien in runden Grad-Schritten.</figcaption>\n</figure>\n"
        return s
    }

    /// A graticule label with as many decimals as the step needs: `6°`, `50,5°`, `6,02°`.
    static func gridLabel(_ v: Double, step: Double) -> String {
        let decimals = max(0, min(5, Int((-log10(step)).rounded(.up))))
        var s = String(format: "%.\(decimals)f", v)
        if s.hasPrefix("-"), Double(s) == 0 { s.removeFirst() }
        return s.replacingASCII(UInt8(ascii: "."), with: ",") + "°"
    }

    /// 1, 2 or 5 times a power of ten, at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let p = pow(10, (log10(raw)).rounded(.down))
        for m in [1.0, 2, 5, 10] where m * p >= raw { return m * p }
        return 10 * p
    }
}
