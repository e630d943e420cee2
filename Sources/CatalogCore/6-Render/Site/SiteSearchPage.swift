import Foundation

// The search results page `opendata serve` answers at `/suche`: the static site's look (same frame, facet
// column and list items), computed per request from the CKAN API's `SearchIndex`; no script needed.

/// What `/suche?q=…&thema=…&sortierung=datum&seite=2` asks.
package struct SiteSearchQuery: Sendable, Hashable {
    package enum Sort: String, Sendable, CaseIterable {
        case relevanz, datum

        var label: String { self == .relevanz ? "Relevanz" : "Datum (zuletzt geändert)" }
    }

    package var q = ""
    package var sort: Sort = .relevanz
    package var page = 1
    /// Facet key per kind (the same keys as the static facet pages: `thema=soci`, `format=csv` …).
    package var filters: [SiteFacetKind: String] = [:]

    package init() {}

    /// From query parameters; unknown or invalid values fall back to the defaults (page 1, relevance).
    package init(parameters: [String: String]) {
        q = String((parameters["q"] ?? "").prefix(500))
        sort = parameters["sortierung"].flatMap(Sort.init(rawValue:)) ?? .relevanz
        page = parameters["seite"].flatMap { Int($0) }.map { max(1, $0) } ?? 1
        for kind in SiteFacetKind.allCases {
            if let v = parameters[kind.rawValue], !v.isEmpty { filters[kind] = String(v.prefix(100)) }
        }
    }

    /// The page's relative URL with these parameters (`suche?q=…`), in a fixed parameter order.
    func url(page: Int = 1, filters: [SiteFacetKind: String]? = nil) -> String {
        var parts: [String] = []
        func add(_ k: String, _ v: String) { parts.append(k + "=" + Self.encode(v)) }
        if !q.isEmpty { add("q", q) }
        for kind in SiteFacetKind.allCases { if let v = (filters ?? self.filters)[kind] { add(kind.rawValue, v) } }
        if sort != .relevanz { add("sortierung", sort.rawValue) }
        if page > 1 { add("seite", String(page)) }
        return parts.isEmpty ? "suche" : "suche?" + parts.joined(separator: "&")
    }

    static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    static func encode(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "" }
}

/// The site model and list items of one snapshot, kept by the server to answer `/suche`.
package struct SiteSearch: Sendable {
    let context: SiteContext
    /// The list position (`SiteModel.entries`) of every catalogue position (the `SearchIndex` document order).
    let listPosition: [Int]

    package var count: Int { context.model.entries.count }

    /// `recordedSources` / `skippedSources` (titles) make the page carry the same notice as the static pages.
    package init(catalog: Catalog, sourceTitles: [String: String] = [:], downloads: [String] = [],
                 recordedSources: [String] = [], skippedSources: [String] = []) {
        let catalog = PublishedView.ensure(catalog)
        var input = SiteInput(catalog: catalog, downloads: downloads, sourceTitles: sourceTitles)
        input.recordedSources = recordedSources.sorted()
        input.skippedSources = skippedSources.sorted()
        let model = SiteModel(input)
        var ctx = SiteContext(input: input, model: model)
        let base = ctx
        ctx.listItems = ParallelMap.map(Array(model.entries.indices), minimum: 512, chunk: 128) { SiteRenderer.listItem(base, $0) }
        context = ctx
        var byURI: [String: Int] = [:]
        for (i, e) in model.entries.enumerated() where byURI[e.dataset.uri] == nil { byURI[e.dataset.uri] = i }
        listPosition = catalog.datasets.map { byURI[$0.uri] ?? 0 }
    }

    /// The results: list positions with their scores, after the text query and the facet filters, sorted.
    package func results(_ query: SiteSearchQuery, index: SearchIndex) -> (hits: [(entry: Int, score: Int)], facets: [SiteFacetKind: [(key: String, count: Int)]]) {
        let entries = context.model.entries
        var matched: [(entry: Int, score: Int)]
        if let scores = index.scores(SearchText.queryTerms(query.q)) {
            matched = scores.map { (entry: listPosition[$0.key], score: $0.value) }
        } else {
            matched = entries.indices.map { (entry: $0, score: 0) }
        }
        func passes(_ i: Int, except: SiteFacetKind?) -> Bool {
            query.filters.allSatisfy { kind, key in kind == except || (entries[i].keys[kind] ?? []).contains(key) }
        }
        var facets: [SiteFacetKind: [(key: String, count: Int)]] = [:]
        for kind in SiteFacetKind.allCases {
            var counts: [String: Int] = [:]
            for m in matched where passes(m.entry, except: kind) {
                for k in entries[m.entry].keys[kind] ?? [] { counts[k, default: 0] += 1 }
            }
            facets[kind] = counts.map { (key: $0.key, count: $0.value) }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.key < $1.key }
        }
        var hits = matched.filter { passes($0.entry, except: nil) }
        switch query.sort {
        case .relevanz:
            hits.sort { $0.score != $1.score ? $0.score > $1.score : $0.entry < $1.entry }
        case .datum:
            let modified = { (i: Int) in entries[i].dataset.modified?.lexical ?? "" }
            hits.sort { a, b in
                let ma = modified(a.entry), mb = modified(b.entry)
                return ma != mb ? ma > mb : a.entry < b.entry
            }
        }
        return (hits, facets)
    }

    /// The whole HTML page.
    package func page(_ query: SiteSearchQuery, index: SearchIndex) -> String {
        let (hits, facets) = results(query, index: index)
        let size = SiteRenderer.listPageSize
        let pages = max(1, (hits.count + size - 1) / size)
        let page = min(query.page, pages)
        let range = ((page - 1) * size)..<min(hits.count, page * size)
        let esc = SiteHTML.escape
        var b = "<h1>" + (query.q.isEmpty ? "Suche" : "Suche nach „\(esc(query.q))“") + "</h1>\n"
        b += form(query)
        b += "<div class=\"layout\">\n" + facetNav(query, facets) + "<section class=\"results\" aria-labelledby=\"liste-titel\">\n"
        b += "<h2 id=\"liste-titel\">Treffer</h2>\n<p class=\"hits\">"
        if hits.isEmpty {
            b += "Keine Treffer. Andere oder weniger Suchwörter versuchen, Filter entfernen oder die <a href=\"index.html\">Liste aller Datensätze</a> ansehen."
        } else if pages == 1 {
            b += "\(SiteHTML.number(hits.count)) Treffer von \(SiteHTML.number(count)) Datensätzen"
        } else {
            b += "Treffer \(SiteHTML.number(range.lowerBound + 1))–\(SiteHTML.number(range.upperBound)) von \(SiteHTML.number(hits.count))"
        }
        b += "</p>\n"
        if !hits.isEmpty {
            b += SiteRenderer.datasetList(context, indexes: hits[range].map(\.entry), depth: 0, id: "treffer-liste")
        }
        b += pager(query, page: page, pages: pages)
        b += "</section>\n</div>\n"
        let title = query.q.isEmpty ? "Suche" : "Suche nach „\(query.q)“"
        return context.page(title: title, depth: 0, current: nil, body: b)
    }

    func form(_ query: SiteSearchQuery) -> String {
        let esc = SiteHTML.escape
        var f = "<form id=\"suche\" class=\"filter\" role=\"search\" action=\"suche\" method=\"get\">\n"
        f += "<div class=\"field wide\"><label for=\"s-q\">Suche in Titel, Beschreibung, Schlagwörtern, Herausgeber und Dateinamen</label>"
        f += "<input type=\"search\" id=\"s-q\" name=\"q\" value=\"\(esc(query.q))\"></div>\n"
        f += "<div class=\"field\"><label for=\"s-sort\">Sortierung</label><select id=\"s-sort\" name=\"sortierung\">"
        for s in SiteSearchQuery.Sort.allCases {
            f += "<option value=\"\(s.rawValue)\"\(s == query.sort ? " selected" : "")>\(s.label)</option>"
        }
        f += "</select></div>\n"
        for kind in SiteFacetKind.allCases {
            if let v = query.filters[kind] { f += "<input type=\"hidden\" name=\"\(kind.rawValue)\" value=\"\(esc(v))\">\n" }
        }
        f += "<div class=\"field buttons\"><button type=\"submit\">Suchen</button></div>\n</form>\n"
        return f
    }

    /// Facet values with their counts in the current results (each counted with the other facets' filters);
    /// a link adds the value to the filters, the chosen value's link removes it.
    func facetNav(_ query: SiteSearchQuery, _ facets: [SiteFacetKind: [(key: String, count: Int)]]) -> String {
        let esc = SiteHTML.escape
        var h = "<nav class=\"facets\" aria-labelledby=\"facetten-titel\">\n<h2 id=\"facetten-titel\">Treffer filtern</h2>\n"
        for kind in SiteFacetKind.allCases {
            let values = facets[kind] ?? []
            guard !values.isEmpty || query.filters[kind] != nil else { continue }
            h += "<h3>\(esc(kind.title))</h3>\n"
            func item(_ key: String, _ count: Int) -> String {
                let label = kind == .lizenz
                    ? SiteHTML.badge(LicenceStatus(rawValue: key) ?? .missing)
                    : esc(context.model.value(kind, key: key)?.label ?? key)
                var filters = query.filters
                let chosen = filters[kind] == key
                filters[kind] = chosen ? nil : key
                let link = esc(query.url(filters: filters))
                let text = chosen ? "\(label) <span class=\"sub\">(Filter entfernen)</span>" : label
                return "<li><a href=\"\(link)\"\(chosen ? " aria-current=\"true\"" : "")>\(text)</a> <span class=\"count\">\(count)</span></li>\n"
            }
            var list = values
            if let chosen = query.filters[kind], let i = list.firstIndex(where: { $0.key == chosen }) {
                list.insert(list.remove(at: i), at: 0)
            } else if let chosen = query.filters[kind] {
                list.insert((chosen, 0), at: 0)
            }
            let shown = 8
            h += "<ul class=\"facet\">\n" + list.prefix(shown).map { item($0.key, $0.count) }.joined() + "</ul>\n"
            if list.count > shown {
                h += "<details><summary>\(list.count - shown) weitere \(esc(kind.plural))</summary>\n<ul class=\"facet\">\n"
                h += list.dropFirst(shown).map { item($0.key, $0.count) }.joined() + "</ul>\n</details>\n"
            }
        }
        return h + "</nav>\n"
    }

    /// First/previous, up to nine numbered pages around the current one, next/last.
    func pager(_ query: SiteSearchQuery, page: Int, pages: Int) -> String {
        guard pages > 1 else { return "" }
        let esc = SiteHTML.escape
        var h = "<nav class=\"pager\" aria-label=\"Seiten der Treffer\">\n<p>Seite \(page) von \(pages)</p>\n<ul>\n"
        if page > 1 {
            h += "<li><a href=\"\(esc(query.url(page: 1)))\">« Erste</a></li>\n"
            h += "<li><a href=\"\(esc(query.url(page: page - 1)))\" rel=\"prev\">‹ Zurück</a></li>\n"
        }
        let from = max(1, min(page - 4, pages - 8)), to = min(pages, from + 8)
        for n in from...to {
            h += n == page
                ? "<li><a href=\"\(esc(query.url(page: n)))\" aria-current=\"page\"><strong>\(n)</strong></a></li>\n"
                : "<li><a href=\"\(esc(query.url(page: n)))\">\(n)</a></li>\n"
        }
        if page < pages {
            h += "<li><a href=\"\(esc(query.url(page: page + 1)))\" rel=\"next\">Weiter ›</a></li>\n"
            h += "<li><a href=\"\(esc(query.url(page: pages)))\">Letzte »</a></li>\n"
        }
        return h + "</ul>\n</nav>\n"
    }
}
