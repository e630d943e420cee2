import Foundation

// karte.html: the catalogue on a map of Germany (Länder outlines with names, the areas of the datasets'
// political geocodings and the sources' own geometries, each linked), a table of areas with counts, and one page
// per area (gebiet/<ARS>.html) with its map and its datasets. Inline SVG and links only; no script needed.
// Lists are paged like the facet pages (SiteRenderer.listPageSize per page: gebiet/<ARS>.seite-2.html …; the
// datasets with their own geometry from karte.html on gebiet/eigene-geometrie.seite-2.html …), and the overview
// draws at most `ownShapeLimit` own geometries, so no page grows with the catalogue.

enum SiteOverviewMap {
    struct AreaGroup {
        var area: BoundaryArea
        var entries: [Int]
        var path: String { path(page: 1) }

        /// Regional keys are digits: `….seite-N` never collides with another area's first page.
        func path(page: Int) -> String { page == 1 ? "gebiet/\(area.key).html" : "gebiet/\(area.key).seite-\(page).html" }
    }

    /// The further pages of the datasets with their own geometry (the first is on karte.html).
    static func ownPath(page: Int) -> String { page == 1 ? "karte.html" : "gebiet/eigene-geometrie.seite-\(page).html" }

    /// The overview map draws at most this many of the sources' own geometries (all are in datasets.geojson).
    static let ownShapeLimit = 1000

    /// Datasets by the area their geometry was derived from, most datasets first; and the entries whose
    /// geometry is the source's own.
    static func groups(_ ctx: SiteContext) -> (areas: [AreaGroup], own: [Int]) {
        var byKey: [String: [Int]] = [:]
        var own: [Int] = []
        for (i, e) in ctx.model.entries.enumerated() {
            let f = e.dataset.facts
            if let a = f.area, f.geometrySource == .politicalGeocoding {
                byKey[a.key, default: []].append(i)
            } else if f.geometry != nil {
                own.append(i)
            }
        }
        let areas = byKey.compactMap { key, entries in ctx.input.boundaries.area(key: key).map { AreaGroup(area: $0, entries: entries) } }
            .sorted { ($1.entries.count, $0.area.key) < ($0.entries.count, $1.area.key) }
        return (areas, own)
    }

    /// One page of the overview's lists: page `page` of an area's datasets, or of those with their own geometry.
    enum ListPage {
        case area(AreaGroup, page: Int)
        case own(page: Int)
    }

    /// karte.html, then the area pages and the further pages of own geometries, each handed to `emit` as it is
    /// rendered (only when the run has boundaries). Rendered in batches like the facet pages: all of them at
    /// once were 105 MB of page text at 100 k datasets in heaptrack, the largest part of the run's heap peak.
    static func pages(_ ctx: SiteContext, emit: (ExportFile) -> Void) {
        let boundaries = ctx.input.boundaries
        guard !boundaries.isEmpty else { return }
        let (areas, own) = groups(ctx)
        emit(ExportFile(name: "karte.html", text: ctx.page(title: "Karte", depth: 0, current: "karte.html", body: overview(ctx, areas: areas, own: own))))
        let areaJobs = areas.flatMap { g in (1...SiteRenderer.pageCount(g.entries.count)).map { ListPage.area(g, page: $0) } }
        let ownPages = SiteRenderer.pageCount(own.count)
        let ownJobs = ownPages > 1 ? (2...ownPages).map { ListPage.own(page: $0) } : []
        SiteRenderer.streamPages(areaJobs + ownJobs, emit: emit) { job in
            switch job {
            case .area(let g, let page): areaPage(ctx, g, page: page)
            case .own(let page): ownPage(ctx, own, page: page)
            }
        }
    }

    /// gebiet/<ARS>.html (the area's map and its first datasets) or one of its further pages.
    static func areaPage(_ ctx: SiteContext, _ g: AreaGroup, page: Int) -> ExportFile {
        let n = g.entries.count
        let pages = SiteRenderer.pageCount(n)
        let range = SiteRenderer.pageRange(page, total: n)
        var b = "<h1>\(SiteHTML.escape(g.area.name))\(page > 1 ? " – Seite \(page) von \(pages)" : "")</h1>\n"
        b += "<p>\(SiteHTML.escape(g.area.kind.isEmpty ? g.area.level.label : g.area.kind)), Regionalschlüssel <code>\(g.area.key)</code>: "
        b += "\(SiteHTML.number(n)) \(n == 1 ? "Datensatz" : "Datensätze"), deren Fläche aus dem politischen Raumbezug abgeleitet ist. "
        b += "<a href=\"../karte.html\">Zur Übersichtskarte</a></p>\n"
        if page == 1 {
            let area = PublishedArea(geocoding: "", key: g.area.key, name: g.area.name, kind: g.area.kind, level: g.area.level, exact: true)
            b += SiteMap.datasetMap(g.area.geometry, area: area, source: .politicalGeocoding, boundaries: ctx.input.boundaries, id: "gebietskarte")
        }
        b += "<h2>Datensätze</h2>\n"
        b += SiteRenderer.hits(page: page, total: n)
        b += SiteRenderer.datasetList(ctx, indexes: Array(g.entries[range]), depth: 1, id: nil)
        b += SiteRenderer.pager(page: page, pages: pages) { String(g.path(page: $0).dropFirst("gebiet/".count)) }
        let title = page == 1 ? g.area.name : "\(g.area.name) – Seite \(page) von \(pages)"
        return ExportFile(name: g.path(page: page), text: ctx.page(title: title, depth: 1, current: nil, body: b))
    }

    /// A further page (2 …) of the datasets with their own geometry (page 1 is the list on karte.html).
    static func ownPage(_ ctx: SiteContext, _ own: [Int], page: Int) -> ExportFile {
        let pages = SiteRenderer.pageCount(own.count)
        let range = SiteRenderer.pageRange(page, total: own.count)
        var b = "<h1>Datensätze mit eigener Geometrie – Seite \(page) von \(pages)</h1>\n"
        b += "<p>Datensätze, deren Quelle eine eigene Geometrie angibt. <a href=\"../karte.html\">Zur Übersichtskarte</a></p>\n"
        b += SiteRenderer.hits(page: page, total: own.count)
        b += SiteRenderer.datasetList(ctx, indexes: Array(own[range]), depth: 1, id: nil)
        b += SiteRenderer.pager(page: page, pages: pages) { $0 == 1 ? "../karte.html#eigene" : String(ownPath(page: $0).dropFirst("gebiet/".count)) }
        return ExportFile(name: ownPath(page: page), text: ctx.page(title: "Datensätze mit eigener Geometrie – Seite \(page) von \(pages)", depth: 1, current: nil, body: b))
    }

    static func overview(_ ctx: SiteContext, areas: [AreaGroup], own: [Int]) -> String {
        let boundaries = ctx.input.boundaries
        let total = ctx.model.entries.count
        let mapped = areas.reduce(0) { $0 + $1.entries.count } + own.count
        var b = "<h1>Karte</h1>\n"
        b += "<p>\(mapped) von \(total) Datensätzen haben einen Raumbezug auf der Karte: \(areas.reduce(0) { $0 + $1.entries.count }) über ihren politischen Raumbezug "
        b += "(die Fläche des genannten Landes, Kreises oder der Gemeinde), \(own.count) mit einer eigenen Geometrie der Quelle. "
        b += "Ein Klick auf eine Fläche führt zu ihren Datensätzen; alle Geometrien stehen in <a href=\"datasets.geojson\">datasets.geojson</a>."
        if own.count > ownShapeLimit {
            b += " Die Karte zeigt die eigenen Geometrien der ersten \(SiteHTML.number(ownShapeLimit)) von \(SiteHTML.number(own.count)) Datensätzen."
        }
        b += "</p>\n"
        b += svg(ctx, areas: areas, own: own)
        b += "<section aria-labelledby=\"gebiete\">\n<h2 id=\"gebiete\">Gebiete</h2>\n<div class=\"scroll\"><table>\n"
        b += "<thead><tr><th scope=\"col\">Gebiet</th><th scope=\"col\">Art</th><th scope=\"col\">Regionalschlüssel</th><th scope=\"col\">Datensätze</th></tr></thead>\n<tbody>\n"
        for g in areas {
            b += "<tr><td><a href=\"\(g.path)\">\(SiteHTML.escape(g.area.name))</a></td><td>\(SiteHTML.escape(g.area.kind.isEmpty ? g.area.level.label : g.area.kind))</td>"
            b += "<td><code>\(g.area.key)</code></td><td>\(g.entries.count)</td></tr>\n"
        }
        b += "</tbody>\n</table></div>\n</section>\n"
        if !own.isEmpty {
            let pages = SiteRenderer.pageCount(own.count)
            b += "<section aria-labelledby=\"eigene\">\n<h2 id=\"eigene\">Datensätze mit eigener Geometrie</h2>\n"
            b += SiteRenderer.hits(page: 1, total: own.count)
            b += SiteRenderer.datasetList(ctx, indexes: Array(own.prefix(SiteRenderer.listPageSize)), depth: 0, id: nil)
            b += SiteRenderer.pager(page: 1, pages: pages) { $0 == 1 ? "#eigene" : ownPath(page: $0) }
            b += "</section>\n"
        }
        b += "<p class=\"sub\">\(SiteMap.attribution(boundaries)).</p>\n"
        return b
    }

    /// Germany with its Länder (not `role="img"`: the areas in it are links), the catalogue's areas filled and linked, a marker with the count on each area
    /// (small ones would vanish at this scale) and the sources' own geometries.
    static func svg(_ ctx: SiteContext, areas: [AreaGroup], own: [Int]) -> String {
        let laender = ctx.input.boundaries.areas(level: .land)
        guard let first = laender.first else { return "" }
        var box = first.bbox
        for a in laender {
            box = BoundingBox(west: min(box.west, a.bbox.west), south: min(box.south, a.bbox.south), east: max(box.east, a.bbox.east), north: max(box.north, a.bbox.north))
        }
        let canvas = SiteMapCanvas(fitting: box, width: 480, height: 620, margin: 8)
        let n = SiteMapCanvas.n
        var s = "<figure class=\"map overview\">\n<svg viewBox=\"0 0 \(n(canvas.width)) \(n(canvas.height))\" width=\"\(Int(canvas.width))\" height=\"\(Int(canvas.height))\" aria-labelledby=\"karte-titel\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        let names = areas.map { "\($0.area.name) (\($0.entries.count))" }.joined(separator: ", ")
        s += "<title id=\"karte-titel\">\(SiteHTML.escape("Deutschland mit seinen Ländern; Gebiete mit Datensätzen: " + (names.isEmpty ? "keine" : names)))</title>\n"
        s += "<rect class=\"bg\" x=\"0\" y=\"0\" width=\"\(n(canvas.width))\" height=\"\(n(canvas.height))\"/>\n<g class=\"ctx-land\">\n"
        for a in laender { s += "<path d=\"\(canvas.pathData(a.geometry))\"/>\n" }
        s += "</g>\n<g class=\"shape\">\n"
        for g in areas.reversed() {
            let label = SiteHTML.escape("\(g.area.name): \(g.entries.count) \(g.entries.count == 1 ? "Datensatz" : "Datensätze")")
            s += "<a href=\"\(g.path)\"><title>\(label)</title><path class=\"pg\" fill-rule=\"evenodd\" d=\"\(canvas.pathData(g.area.geometry))\"/>"
            if let p = SiteMap.labelPoint(g.area.geometry) {
                s += "<circle class=\"count\" cx=\"\(n(canvas.x(p[0])))\" cy=\"\(n(canvas.y(p[1])))\" r=\"11\"/>"
                s += "<text class=\"count\" x=\"\(n(canvas.x(p[0])))\" y=\"\(n(canvas.y(p[1]) + 4))\" text-anchor=\"middle\">\(g.entries.count)</text>"
            }
            s += "</a>\n"
        }
        for i in own.prefix(ownShapeLimit) {
            let e = ctx.model.entries[i]
            guard let g = e.dataset.facts.geometry?.geometry else { continue }
            let d = canvas.pathData(g)
            s += "<a href=\"\(SiteHTML.escape(e.path))\"><title>\(SiteHTML.escape(e.dataset.title))</title>"
            if !d.isEmpty { s += "<path class=\"src\" d=\"\(d)\"/>" }
            s += canvas.points(g, cls: "pt") + "</a>\n"
        }
        s += "</g>\n<g class=\"labels\" aria-hidden=\"true\">\n"
        for a in laender {
            if let p = SiteMap.labelPoint(a.geometry) { s += canvas.label(a.name, at: [p[0], p[1] - 0.12], cls: "ctx-name") }
        }
        s += "</g>\n</svg>\n<figcaption>Länder Deutschlands; farbig die Gebiete, aus deren politischem Raumbezug Datensätze ihre Fläche haben, mit der Zahl der Datensätze. \(SiteMap.attribution(ctx.input.boundaries)).</figcaption>\n</figure>\n"
        return s
    }
}
