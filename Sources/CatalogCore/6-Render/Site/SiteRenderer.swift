// The static site: index with facet pages, one page per dataset, downloads and harvest pages, one stylesheet
// and one small script. German UI; relative links only, so it works from any web server or opened as files.
// Pure and byte-stable: the only timestamps are the report's and the catalogue's.

package enum SiteRenderer {
    /// Every page and asset, sorted by file name. With `harvestReport`, harvest.html shows that report while
    /// every other page is rendered from `input` alone (so it stays byte-identical across unchanged runs).
    package static func render(_ input: SiteInput, harvestReport: RunReport? = nil) -> [ExportFile] {
        let collected = FileCollector()
        stream(input, harvestReport: harvestReport, emit: collected.add)
        return collected.files()
    }

    /// Renders the site and hands every page to `emit` as it is done (pages in parallel batches, one `emit` at
    /// a time), so a large catalogue's pages need not be in memory together. The model is built once.
    package static func stream(_ input: SiteInput, harvestReport: RunReport? = nil, emit: @escaping @Sendable (ExportFile) -> Void) {
        let site = streamAllButHarvest(input, emit: emit)
        site.checkPages(input.quality ?? QualityReport(input.catalog), validation: input.validation, history: input.history, emit: emit)
        emit(site.harvestPage(harvestReport))
    }

    /// Every page but harvest.html and the pages of checks made on the exports (quality, validation), handed to
    /// `emit` as in `stream`; the result renders those later, so the pipeline can render the site while the
    /// exports are still running, validate the exported RDF, and add the run's report last. `catalogIndex`: the
    /// full-text index over `input.catalog.datasets` in catalogue order, if the caller made one (a run: for
    /// server-index.bin); the site renumbers it to its list order instead of indexing every dataset again.
    package static func streamAllButHarvest(_ input: SiteInput, catalogIndex: consuming SearchIndex? = nil,
                                            emit: @escaping @Sendable (ExportFile) -> Void) -> PendingPages {
        let model = SiteModel(input)
        var ctx = SiteContext(input: input, model: model)
        let base = ctx
        SiteSearchIndex.shards(model, catalogIndex: catalogIndex.take(), hand: emit)  // before the list items: both are large
        ctx.listItems = ParallelMap.map(Array(model.entries.indices), minimum: 512, chunk: 128) { listItem(base, $0) }
        ctx.maps = SiteMap.datasetMaps(model.entries.map(\.dataset.facts), boundaries: input.boundaries)
        emit(ExportFile(name: "assets/site.css", text: SiteAssets.css))
        emit(ExportFile(name: "assets/site.js", text: SiteSearchScript.js + SiteAssets.js + SiteMapScript.js))
        streamPages(Array(1...pageCount(model.entries.count)), emit: emit) { [ctx] page in indexPage(ctx, page: page) }
        SiteSearchIndex.chunks(ctx, hand: emit)
        emit(ExportFile(name: "downloads.html", text: SitePages.downloads(ctx)))
        SiteOverviewMap.pages(ctx, emit: emit)
        do {
            let pageContext = ctx
            // Every page of every facet value, as one list of jobs: a value with half the catalogue has pages
            // enough to fill memory if they were rendered together.
            let facetJobs = model.facets.flatMap { facet in
                facet.values.flatMap { value in (1...pageCount(value.entries.count)).map { FacetPage(kind: facet.kind, value: value, page: $0) } }
            }
            streamPages(facetJobs, emit: emit) { job in facetPage(pageContext, job) }
        }
        // A dataset's page lists no datasets: the list items (76 MB at 100 k datasets in heaptrack, the site's
        // share of a run's heap peak) are let go before the dataset pages, the longest part.
        ctx.listItems = []
        let pageContext = ctx
        // Each render thread hands on the pages it renders (their order does not matter, each is a file of its
        // own): when one thread handed on every batch's pages, it wrote them all while the other core waited.
        ParallelMap.forEach(model.entries.count) { i in
            emit(ExportFile(name: model.entries[i].path, text: SiteDatasetPage.render(pageContext, index: i)))
            SiteDatasetFiles.files(pageContext, index: i).forEach(emit)
        }
        var harvestContext = ctx
        harvestContext.maps = [:]
        return PendingPages(context: harvestContext)
    }

    /// The pages rendered after the exports: the quality and validation pages (once the exported RDF is
    /// validated) and harvest.html (once the run's report exists; the only page that shows the run).
    package struct PendingPages: @unchecked Sendable {
        fileprivate let context: SiteContext

        /// qualitaet/… from `quality` and validierung/index.html from `validation` (nil: no validation step,
        /// no page).
        package func checkPages(_ quality: QualityReport, validation: ValidationOutcome?, history: QualityHistory? = nil, hvd: HVDAudit? = nil,
                                emit: (ExportFile) -> Void) {
            var ctx = context
            ctx.input.quality = quality
            ctx.input.validation = validation
            if let history { ctx.input.history = history }
            if let hvd { ctx.input.hvd = hvd }
            SiteQualityPages.pages(ctx, emit: emit)
            (SiteValidationPage.pages(ctx) + SiteHVDPage.pages(ctx)).forEach(emit)
        }

        /// The page for `report` (nil: the input's own report, if any).
        package func harvestPage(_ report: RunReport?) -> ExportFile {
            var ctx = context
            if let report { ctx.input.report = report }
            return ExportFile(name: "harvest.html", text: SitePages.harvest(ctx))
        }
    }

    // MARK: index

    /// Datasets per list page (the index and every facet value): pages stay small at any catalogue size
    /// (about 850 KB for 1 000 items; 100 keep every page far below 1 MB).
    package static let listPageSize = 100

    /// List pages rendered in parallel before they are handed on, in order (a batch, never a whole list, is in
    /// memory: at 100 k datasets the facet pages alone are most of a gigabyte).
    static let pagesPerBatch = 128
    /// `render` of every job, `pagesPerBatch` in parallel at a time, handed to `emit` in the order of `jobs`.
    static func streamPages<Job>(_ jobs: [Job], emit: (ExportFile) -> Void, render: @escaping (Job) -> ExportFile) {
        ParallelMap.inBatches(jobs, batch: pagesPerBatch, minimum: 8, chunk: 1, render, each: emit)
    }

    /// Page `page` of the list of all datasets, each with `listPageSize`: index.html, then `seiten/2.html` ….
    static func indexPage(_ ctx: SiteContext, page: Int) -> ExportFile {
        let c = ctx.input.catalog
        let model = ctx.model
        let pages = pageCount(model.entries.count)
        let range = pageRange(page, total: model.entries.count)
        var b = "<h1>\(SiteHTML.escape(c.title))</h1>\n"
        if page == 1 {
            b += "<div class=\"lead\">\(SiteHTML.paragraphs(c.description))</div>\n"
            b += "<p class=\"summary\">" + summary(ctx) + "</p>\n"
            b += searchForm(ctx)
        }
        let depth = page == 1 ? 0 : 1
        b += "<div class=\"layout\">\n"
        b += facetNav(ctx, depth: depth, current: nil)
        b += "<section class=\"results\" aria-labelledby=\"liste-titel\">\n"
        b += "<h2 id=\"liste-titel\">Alle Datensätze</h2>\n"
        b += "<p id=\"treffer\" class=\"hits\" aria-live=\"polite\">\(rangeText(range, total: model.entries.count))</p>\n"
        // The filter script (SiteAssets.js) works on page 1 and loads the further pages when a filter is used.
        let more = pages > 1 ? " data-pages=\"\(pages)\" data-total=\"\(model.entries.count)\"" : ""
        b += datasetList(ctx, indexes: Array(range), depth: depth, id: page == 1 ? "liste" : nil, attributes: more)
        // Links from this page to another page of the list.
        b += pager(page: page, pages: pages) { target in
            switch (page == 1, target == 1) {
            case (true, true): "index.html"
            case (true, false): indexPagePath(target)
            case (false, true): "../index.html"
            case (false, false): "\(target).html"
            }
        }
        b += "</section>\n</div>\n"
        let title = page == 1 ? c.title : "Alle Datensätze – Seite \(page) von \(pages)"
        let feed = ctx.has(ChangeFeed.mainFeed)
            ? "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Änderungen\" href=\"\(ctx.prefix(depth))\(ChangeFeed.mainFeed)\">\n" : ""
        return ExportFile(name: indexPagePath(page), text: ctx.page(title: title, depth: depth, current: page == 1 ? "index.html" : nil, body: b, head: feed))
    }

    /// `index.html`, `seiten/2.html`, …
    package static func indexPagePath(_ page: Int) -> String { page == 1 ? "index.html" : "seiten/\(page).html" }

    static func pageCount(_ total: Int, pageSize: Int = listPageSize) -> Int { max(1, (total + pageSize - 1) / pageSize) }

    static func pageRange(_ page: Int, total: Int, pageSize: Int = listPageSize) -> Range<Int> {
        ((page - 1) * pageSize)..<min(total, page * pageSize)
    }

    /// "829 Datensätze" on a single page, "Datensätze 101–200 von 829" on one of several (`noun` for other lists).
    static func rangeText(_ range: Range<Int>, total: Int, noun: String = "Datensätze") -> String {
        if range.count == total { return "\(SiteHTML.number(total)) \(noun)" }
        return "\(noun) \(SiteHTML.number(range.lowerBound + 1))–\(SiteHTML.number(range.upperBound)) von \(SiteHTML.number(total))"
    }

    /// `<p class="hits">Datensätze 101–200 von 829</p>` above page `page` of a list of `total` items on more than
    /// one page; empty for a list on one page.
    static func hits(page: Int, total: Int, pageSize: Int = listPageSize, noun: String = "Datensätze", note: String = "") -> String {
        guard pageCount(total, pageSize: pageSize) > 1 else { return "" }
        return "<p class=\"hits\">\(rangeText(pageRange(page, total: total, pageSize: pageSize), total: total, noun: noun))\(note)</p>\n"
    }

    /// Previous/next links and the position, for lists on more than one page (empty otherwise).
    static func pager(page: Int, pages: Int, label: String = "Seiten der Liste", path: (Int) -> String) -> String {
        guard pages > 1 else { return "" }
        var h = "<nav class=\"pager\" aria-label=\"\(SiteHTML.escape(label))\">\n<p>Seite \(page) von \(pages)</p>\n<ul>\n"
        if page > 1 {
            h += "<li><a href=\"\(SiteHTML.escape(path(1)))\">« Erste</a></li>\n"
            h += "<li><a href=\"\(SiteHTML.escape(path(page - 1)))\" rel=\"prev\">‹ Zurück</a></li>\n"
        }
        if page < pages {
            h += "<li><a href=\"\(SiteHTML.escape(path(page + 1)))\" rel=\"next\">Weiter ›</a></li>\n"
            h += "<li><a href=\"\(SiteHTML.escape(path(pages)))\">Letzte »</a></li>\n"
        }
        return h + "</ul>\n</nav>\n"
    }

    static func summary(_ ctx: SiteContext) -> String {
        let model = ctx.model
        let distributions = model.entries.reduce(0) { $0 + $1.dataset.distributions.count }
        let sources = ctx.model.facet(.quelle).values.count
        var s = "\(SiteHTML.number(model.entries.count)) Datensätze mit \(SiteHTML.number(distributions)) Distributionen aus \(sources) \(sources == 1 ? "Quelle" : "Quellen")."
        if let stamp = ctx.stamp { s += " Stand: \(stamp)." }
        return s
    }

    /// The client-side search and filter form: hidden until the script runs (the facet pages are the no-script
    /// way); the search reads the index in `data-index` (SiteSearchIndex).
    static func searchForm(_ ctx: SiteContext) -> String {
        var f = "<form id=\"filter\" class=\"filter\" role=\"search\" action=\"index.html\" method=\"get\" data-index=\"\(SiteSearchIndex.folder)\" hidden>\n"
        f += "<h2 class=\"visually-hidden\">Suchen und filtern</h2>\n"
        f += "<div class=\"field wide\"><label for=\"f-q\">Suche in Titel, Beschreibung, Schlagwörtern, Herausgeber und Dateinamen</label>"
        f += "<input type=\"search\" id=\"f-q\" name=\"q\" autocomplete=\"off\"></div>\n"
        let kinds = ctx.model.facets.map { SiteHTML.escape($0.kind.title) }.joined(separator: ", ")
        f += "<details class=\"more\" open><summary>Filter: \(kinds)</summary>\n<div class=\"more-fields\">\n"
        for facet in ctx.model.facets {
            let id = "f-\(facet.kind.rawValue)"
            f += "<div class=\"field\"><label for=\"\(id)\">\(SiteHTML.escape(facet.kind.title))</label>"
            f += "<select id=\"\(id)\" name=\"\(facet.kind.rawValue)\" data-facet=\"\(facet.kind.rawValue)\">"
            f += "<option value=\"\">alle</option>"
            for v in facet.values {
                f += "<option value=\"\(SiteHTML.escape(v.key))\">\(SiteHTML.escape(v.label)) (\(v.entries.count))</option>"
            }
            f += "</select></div>\n"
        }
        f += "<div class=\"field buttons\"><button type=\"reset\">Filter zurücksetzen</button></div>\n"
        f += "</div>\n</details>\n</form>\n"
        return f
    }

    /// Facet links with counts; long value lists fold the tail into a `<details>`.
    static func facetNav(_ ctx: SiteContext, depth: Int, current: (SiteFacetKind, String)?) -> String {
        let up = ctx.prefix(depth)
        // Collapsible; on narrow screens the stylesheet puts it after the results (the first result stays on screen).
        var h = "<nav class=\"facets\" aria-labelledby=\"facetten-titel\">\n<details open>\n<summary><h2 id=\"facetten-titel\">Filtern nach</h2></summary>\n"
        for facet in ctx.model.facets where !facet.values.isEmpty {
            h += "<h3>\(SiteHTML.escape(facet.kind.title))</h3>\n"
            func item(_ v: SiteFacetValue) -> String {
                let isCurrent = current.map { $0.0 == facet.kind && $0.1 == v.key } ?? false
                let label = facet.kind == .lizenz ? SiteHTML.badge(LicenceStatus(rawValue: v.key) ?? .missing) : SiteHTML.escape(v.label)
                return "<li><a href=\"\(up)\(SiteHTML.escape(v.path(facet.kind)))\"\(isCurrent ? " aria-current=\"page\"" : "")>\(label)</a> <span class=\"count\">\(v.entries.count)</span></li>\n"
            }
            let shown = 8
            h += "<ul class=\"facet\">\n" + facet.values.prefix(shown).map(item).joined() + "</ul>\n"
            if facet.values.count > shown {
                let rest = facet.values.dropFirst(shown)
                let open = rest.contains { v in current.map { $0.0 == facet.kind && $0.1 == v.key } ?? false }
                h += "<details\(open ? " open" : "")><summary>\(rest.count) weitere \(SiteHTML.escape(facet.kind.plural))</summary>\n"
                h += "<ul class=\"facet\">\n" + rest.map(item).joined() + "</ul>\n</details>\n"
            }
        }
        h += "</details>\n</nav>\n"
        return h
    }

    /// The compact dataset list; every item carries its facet keys for the script. Items come from
    /// `ctx.listItems` (rendered once per dataset; only the relative link prefix differs between pages).
    static func datasetList(_ ctx: SiteContext, indexes: [Int], depth: Int, id: String?, attributes: String = "") -> String {
        let up = ctx.prefix(depth)
        var h = "<ol class=\"datasets\"\(id.map { " id=\"\($0)\"" } ?? "")\(attributes)>\n"
        for i in indexes {
            let item = i < ctx.listItems.count ? ctx.listItems[i] : listItem(ctx, i)
            h += item.beforeLink
            h += up
            h += item.afterLink
        }
        h += "</ol>\n"
        return h
    }

    /// One list item, split where the page's relative prefix (`../`) goes.
    static func listItem(_ ctx: SiteContext, _ i: Int) -> SiteListItem {
        let e = ctx.model.entries[i]
        let d = e.dataset
        var h = "<li"
        for kind in SiteFacetKind.allCases {
            h += " data-\(kind.rawValue)=\"\(SiteHTML.escape((e.keys[kind] ?? []).joined(separator: " ")))\""
        }
        if !d.keywords.isEmpty { h += " data-k=\"\(SiteHTML.escape(d.keywords.joined(separator: " ")))\"" }
        h += ">\n<h3><a href=\""
        var rest = "\(SiteHTML.escape(e.path))\">\(SiteHTML.escape(d.title))</a></h3>\n"
        let snippet = Self.snippet(d.description)
        if !snippet.isEmpty, snippet != d.title { rest += "<p class=\"snip\">\(SiteHTML.escape(snippet))</p>\n" }
        var meta = [SiteHTML.escape(e.publisher)]
        let formats = d.facts.formats
        if !formats.isEmpty { meta.append(SiteHTML.escape(formats.joined(separator: ", "))) }
        if let m = d.modified { meta.append("geändert " + SiteHTML.time(m)) }
        meta.append(SiteHTML.badge(d.facts.licence.status))
        rest += "<p class=\"meta\">" + meta.joined(separator: " · ") + "</p>\n</li>\n"
        // Kept until the dataset pages: in storage of their own size (as built by appending: 121 MB at 100 k in
        // heaptrack, compacted 76 MB).
        return SiteListItem(beforeLink: h.compacted(), afterLink: rest.compacted())
    }

    /// The first ~160 characters of a description on one line, cut at a word.
    static func snippet(_ s: String, limit: Int = 160) -> String {
        // Only the start is collapsed when that yields more than `limit + 1` characters: their boundaries do not
        // depend on the text after the next one, so the cut and the "longer than limit" answer are the same.
        var (flat, complete) = collapseWhitespace(s, scalars: 2 * limit + 8)
        if !complete, flat.count < limit + 2 { flat = collapseWhitespace(s) }
        guard flat.utf8.count > limit, flat.count > limit else { return flat }
        var cut = String(flat.prefix(limit))
        if let space = cut.lastIndex(of: " ") { cut = String(cut[..<space]) }
        return cut + " …"
    }

    /// Runs of whitespace become one space; leading and trailing whitespace goes (as splitting at whitespace
    /// and joining with " " does, without building the pieces).
    package static func collapseWhitespace(_ s: String) -> String {
        collapseWhitespace(s, scalars: .max).text
    }

    /// `collapseWhitespace`, stopped once the text has `scalars` scalars (`complete` false when it stopped with
    /// more of `s` to come).
    static func collapseWhitespace(_ s: String, scalars limit: Int) -> (text: String, complete: Bool) {
        s.utf8.withContiguousStorageIfAvailable { PlainText.collapsedWhitespace($0, scalars: limit) } ?? collapseScalarwise(s, scalars: limit)
    }

    /// `collapseWhitespace(_:scalars:)` scalar by scalar: the definition, for any string.
    static func collapseScalarwise(_ s: String, scalars limit: Int) -> (text: String, complete: Bool) {
        var out = String.UnicodeScalarView()
        var pendingSpace = false, count = 0
        for c in s.unicodeScalars {
            if count >= limit { return (String(out), false) }
            let white = c.value < 0x80 ? (c == " " || (c.value >= 0x09 && c.value <= 0x0D)) : c.properties.isWhitespace
            if white {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" "); pendingSpace = false; count += 1 }
                out.append(c)
                count += 1
            }
        }
        return (String(out), true)
    }

    // MARK: facet pages

    /// One page of a facet value's list (`page` from 1).
    struct FacetPage {
        var kind: SiteFacetKind
        var value: SiteFacetValue
        var page: Int
    }

    /// A page of one facet value: `suche/<kind>-<key>.html` (page 1), then `….seite-2.html` …
    static func facetPage(_ ctx: SiteContext, _ job: FacetPage) -> ExportFile {
        let (kind, value, page) = (job.kind, job.value, job.page)
        let n = value.entries.count
        let pages = pageCount(n)
        let range = pageRange(page, total: n)
        var title = "\(kind.title): \(value.label)"
        if page > 1 { title += " – Seite \(page) von \(pages)" }
        var b = "<nav class=\"crumbs\" aria-label=\"Brotkrümelpfad\"><a href=\"../index.html\">Alle Datensätze</a> › \(SiteHTML.escape(kind.title))</nav>\n"
        b += "<h1>\(SiteHTML.escape(kind.title)): "
        b += kind == .lizenz ? SiteHTML.badge(LicenceStatus(rawValue: value.key) ?? .missing) : SiteHTML.escape(value.label)
        b += "</h1>\n"
        b += "<p class=\"summary\">\(SiteHTML.number(n)) von \(SiteHTML.number(ctx.model.entries.count)) Datensätzen.</p>\n"
        var head = ""
        if kind == .herausgeber, ctx.has(ChangeFeed.mainFeed) {
            let feed = "../" + ChangeFeed.publisherFeed(value.key)
            head = "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Änderungen: \(SiteHTML.escape(value.label))\" href=\"\(feed)\">\n"
            b += "<p class=\"feed\"><a href=\"\(feed)\">Änderungen dieses Herausgebers als Atom-Feed abonnieren</a></p>\n"
        }
        if kind == .lizenz, ctx.has("licences.html") {
            b += "<p>Einzelheiten zu jeder Lizenzangabe stehen in der <a href=\"../licences.html\">Lizenzprüfung</a>.</p>\n"
        }
        b += "<div class=\"layout\">\n"
        b += facetNav(ctx, depth: 1, current: (kind, value.key))
        b += "<section class=\"results\" aria-labelledby=\"liste-titel\">\n<h2 id=\"liste-titel\">Datensätze</h2>\n"
        b += hits(page: page, total: n)
        b += datasetList(ctx, indexes: Array(value.entries[range]), depth: 1, id: nil)
        b += pager(page: page, pages: pages) { String(value.path(kind, page: $0).dropFirst("suche/".count)) }
        b += "</section>\n</div>\n"
        return ExportFile(name: value.path(kind, page: page), text: ctx.page(title: title, depth: 1, current: nil, body: b, head: head))
    }
}

/// Shared state and the page frame.
struct SiteContext {
    var input: SiteInput
    var model: SiteModel
    /// Pre-rendered dataset list items, by entry index (empty until `render` fills it).
    var listItems: [SiteListItem] = []
    /// Dataset page maps by what they depend on (`SiteMap.datasetMaps`; empty until `render` fills it).
    var maps: [SiteMap.Key: String] = [:]
    /// For each duplicate-group member (identifier or URI), the indexes of its groups in `input.duplicates`:
    /// a dataset page looks its groups up instead of scanning every group (which made the site quadratic).
    let groupsByMember: [String: [Int]]
    /// The dataset series of the catalogue by IRI (members link to them).
    let seriesByURI: [String: Dataset]
    /// The catalogue's part of every per-dataset `.ttl` / `.jsonld` file, built once.
    let rdfHead: DCATGraph.Head

    init(input: SiteInput, model: SiteModel) {
        self.input = input
        self.model = model
        var groups: [String: [Int]] = [:]
        for (g, members) in input.duplicates.enumerated() {
            for m in Set(members) { groups[m, default: []].append(g) }
        }
        groupsByMember = groups
        seriesByURI = Dictionary(input.catalog.datasets.filter(\.isSeries).map { ($0.uri, $0) }, uniquingKeysWith: { first, _ in first })
        rdfHead = DCATGraph.Head(input.catalog)
    }

    func has(_ file: String) -> Bool { input.downloads.contains(file) }

    func prefix(_ depth: Int) -> String { String(repeating: "../", count: depth) }

    /// "Stand" shown on pages: the report's start time, else the catalogue's modified date.
    var stamp: String? {
        if let r = input.report, !r.startedAt.isEmpty {
            let isDate = r.startedAt.count == 10
            return SiteHTML.time(isDate ? .date(r.startedAt) : .dateTime(r.startedAt))
        }
        return input.catalog.modified.map(SiteHTML.time)
    }

    func sourceTitle(_ id: String) -> String { input.sourceTitles[id] ?? id }

    /// On every page when sources were read from recordings (offline runs, the demo) or not at all: which ones.
    var recordedNotice: String { Self.recordedNotice(recorded: input.recordedSources, skipped: input.skippedSources) }

    /// The notice itself (also on licences.html, which has a page of its own).
    static func recordedNotice(recorded: [String], skipped: [String]) -> String {
        guard !recorded.isEmpty else { return "" }
        var text = "<strong>Hinweis:</strong> Dieser Katalog ist aus aufgezeichneten Daten erstellt, nicht aus dem aktuellen Stand der Portale: "
        text += recorded.map(SiteHTML.escape).joined(separator: "; ") + "."
        if !skipped.isEmpty { text += " Nicht gelesen: " + skipped.map(SiteHTML.escape).joined(separator: "; ") + "." }
        return "<p class=\"notice\" role=\"note\">\(text)</p>\n"
    }

    /// A complete HTML document around `body` (placed in `<main>`).
    /// A whole page around `body`; `head` is added to the page's `<head>` (e.g. embedded JSON-LD).
    func page(title: String, depth: Int, current: String?, body: String, head: String = "") -> String {
        let up = prefix(depth)
        let c = input.catalog
        let fullTitle = current == "index.html" ? title : "\(title) – \(c.title)"
        var h = """
        <!DOCTYPE html>
        <html lang="de">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(SiteHTML.escape(fullTitle))</title>
        <link rel="stylesheet" href="\(up)assets/site.css">
        <script src="\(up)assets/site.js" defer></script>
        \(head)</head>
        <body>
        <a class="skip" href="#inhalt">Zum Inhalt springen</a>
        <header class="site">
        <p class="brand"><a href="\(up)index.html">\(SiteHTML.escape(c.title))</a></p>
        <nav aria-label="Hauptnavigation">
        <ul>

        """
        var nav: [(String, String)] = [("index.html", "Datensätze"), ("downloads.html", "Downloads"), ("harvest.html", "Letzte Ernte")]
        if has("licences.html") { nav.append(("licences.html", "Lizenzprüfung")) }
        if has("quality.csv") { nav.append(("qualitaet/index.html", "Qualität")) }
        if has("validierung.json") { nav.append(("validierung/index.html", "Prüfung")) }
        if has(HVDAudit.fileName) { nav.append((SiteHVDPage.path, "HVD")) }
        if !input.boundaries.isEmpty { nav.insert(("karte.html", "Karte"), at: 1) }
        for (file, label) in nav {
            h += "<li><a href=\"\(up)\(file)\"\(current == file ? " aria-current=\"page\"" : "")>\(label)</a></li>\n"
        }
        h += "</ul>\n</nav>\n</header>\n" + recordedNotice + "<main id=\"inhalt\" tabindex=\"-1\">\n"
        h += body
        h += "</main>\n<footer class=\"site\">\n<p>"
        var foot = "Herausgegeben von \(SiteHTML.escape(c.publisher.name))"
        if let home = c.homepage, SiteHTML.isLinkable(home) { foot += " · " + SiteHTML.external(home, text: "Website") }
        if let stamp { foot += " · Stand: \(stamp)" }
        foot += " · Metadaten nach DCAT-AP.de"
        h += foot + "</p>\n</footer>\n</body>\n</html>\n"
        return h
    }
}

/// A rendered dataset list item around its link target: `beforeLink + prefix + afterLink`.
struct SiteListItem {
    var beforeLink: String
    var afterLink: String
}
