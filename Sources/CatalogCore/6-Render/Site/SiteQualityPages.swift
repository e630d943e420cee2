// The quality pages for maintainers: `qualitaet/index.html` (every publisher and source with its mean MQA score)
// and `qualitaet/<publisher key>.html` (one publisher: score, rating band, the fixes that gain most, its datasets
// lowest score first, 100 per page: further pages `qualitaet/<key>.seite-2.html` …). Keys are the publisher keys of
// the facet pages and feeds (slugs without dots, so a further page never collides with another publisher's page).

enum SiteQualityPages {
    /// The index, then each publisher's pages, handed to `emit` as they are rendered: all of them at once were
    /// 57 MB of page text at 100 k datasets in heaptrack, the run's heap peak once the render steps ran in turn.
    static func pages(_ ctx: SiteContext, emit: (ExportFile) -> Void) {
        guard ctx.has("quality.csv") else { return }
        let report = ctx.input.quality ?? QualityReport(ctx.input.catalog)
        let keys = SiteModel.publisherKeys(report.entries.map { $0.dataset.facts.publisher.name })
        emit(ExportFile(name: "qualitaet/index.html", text: index(ctx, report, keys: keys)))
        // Broken links per publisher, only when link-check results exist.
        let broken = report.links.map { Dictionary(grouping: LinkReport.broken(ctx.input.catalog, $0), by: \.use.publisher) }
        // Each publisher's rows of the history, grouped once (not filtered per page: publishers × dates rows).
        let series = ctx.input.history.map { Dictionary(grouping: $0.rows.filter { !$0.publisherKey.isEmpty }, by: \.publisher) }
        for group in report.byPublisher {
            guard let key = keys[group.name] else { continue }
            let links = broken.map { brokenSection($0[group.name] ?? [], key: key) } ?? ""
            let sorted = sortedEntries(group)
            emit(ExportFile(name: path(key, page: 1),
                            text: publisher(ctx, group, sorted: sorted, key: key, report: report, history: series.map { $0[group.name] ?? [] }, brokenLinks: links)))
            furtherPages(ctx, group, sorted: sorted, key: key, report: report, emit: emit)
        }
    }

    static func score(_ x: Double) -> String { SiteHTML.decimal(x) }

    /// `qualitaet/<key>.html`, then `qualitaet/<key>.seite-2.html` …
    static func path(_ key: String, page: Int) -> String { page == 1 ? "qualitaet/\(key).html" : "qualitaet/\(key).seite-\(page).html" }

    /// A publisher's datasets, lowest score first (then title and IRI).
    static func sortedEntries(_ g: QualityReport.Group) -> [QualityReport.Entry] {
        let entries = g.entries, totals = entries.map(\.quality.total)  // each total summed once, not per comparison
        return entries.indices.sorted { a, b in
            (totals[a], entries[a].dataset.title, entries[a].dataset.uri) < (totals[b], entries[b].dataset.title, entries[b].dataset.uri)
        }.map { entries[$0] }
    }

    /// Pages 2 … of a publisher's dataset table, rendered in batches like the facet pages.
    static func furtherPages(_ ctx: SiteContext, _ g: QualityReport.Group, sorted: [QualityReport.Entry], key: String, report: QualityReport,
                             emit: (ExportFile) -> Void) {
        let pages = SiteRenderer.pageCount(sorted.count)
        guard pages > 1 else { return }
        SiteRenderer.streamPages(Array(2...pages), emit: emit) { page in
            let title = "Metadatenqualität: \(g.name) – Seite \(page) von \(pages)"
            var b = "<p class=\"crumbs\"><a href=\"index.html\">Metadatenqualität</a> › <a href=\"\(SiteHTML.escape(key)).html\">\(SiteHTML.escape(g.name))</a></p>\n"
            b += "<h1>\(SiteHTML.escape(g.name)): Datensätze – Seite \(page) von \(pages)</h1>\n"
            b += datasetTable(sorted, page: page, key: key, report: report)
            return ExportFile(name: path(key, page: page), text: ctx.page(title: title, depth: 1, current: nil, body: b))
        }
    }

    /// One page of a publisher's dataset table (lowest score first) with the range and the pager.
    static func datasetTable(_ sorted: [QualityReport.Entry], page: Int, key: String, report: QualityReport) -> String {
        let esc = SiteHTML.escape
        let pages = SiteRenderer.pageCount(sorted.count)
        let range = SiteRenderer.pageRange(page, total: sorted.count)
        var b = SiteRenderer.hits(page: page, total: sorted.count)
        b += "<div class=\"scroll\"><table>\n<caption class=\"visually-hidden\">Datensätze, niedrigste Punktzahl zuerst</caption>\n"
        let dashboard = report.validation?.sets["dashboard_live"] != nil
        b += "<thead><tr><th scope=\"col\">Datensatz</th><th scope=\"col\">Punkte (Stufe)</th>"
        b += (dashboard ? "<th scope=\"col\">Dashboard: nicht bestanden</th>" : "") + "<th scope=\"col\">Fehlt</th></tr></thead>\n<tbody>\n"
        for e in sorted[range] {
            let missing = e.quality.results.filter { $0.status == .missing || $0.status == .partial }.map(\.indicator.german)
            b += "<tr><th scope=\"row\"><a href=\"../datensatz/\(esc(e.dataset.facts.slug)).html\">\(esc(e.dataset.title))</a></th>"
            b += "<td class=\"n\">\(score(e.quality.total)) (\(e.quality.rating.german))</td>"
            if dashboard { b += "<td class=\"n\">\(SiteValidationPage.dashboardCell(report.validation, dataset: e.dataset.uri))</td>" }
            b += "<td>\(esc(missing.joined(separator: ", ")))</td></tr>\n"
        }
        b += "</tbody>\n</table></div>\n"
        b += SiteRenderer.pager(page: page, pages: pages) { String(path(key, page: $0).dropFirst("qualitaet/".count)) }
        return b
    }

    /// Where the broken-link section goes on a publisher page (removed when there are no link results).
    /// "Defekte Links": the publisher's published URLs whose latest check failed (at most 100 rows) and its CSV.
    static func brokenSection(_ rows: [BrokenLink], key: String) -> String {
        let esc = SiteHTML.escape
        var b = "<h2>Defekte Links</h2>\n"
        guard !rows.isEmpty else { return b + "<p>Alle geprüften Links antworten.</p>\n" }
        b += "<p>\(SiteHTML.number(rows.count)) Verwendungen von Links, die bei der letzten Prüfung nicht antworteten; alle als "
        b += "<a href=\"../defekte-links/\(esc(key)).csv\">defekte-links/\(esc(key)).csv</a> (Excel).</p>\n"
        b += "<div class=\"scroll\"><table>\n<caption class=\"visually-hidden\">Defekte Links</caption>\n"
        b += "<thead><tr><th scope=\"col\">Datensatz</th><th scope=\"col\">Distribution</th><th scope=\"col\">Link</th><th scope=\"col\">Ergebnis</th><th scope=\"col\">Geprüft am</th></tr></thead>\n<tbody>\n"
        for r in rows.prefix(100) {
            b += "<tr><th scope=\"row\">\(esc(r.use.datasetTitle))</th><td>\(esc(r.use.distribution)) (\(r.use.role.german))</td>"
            b += "<td>\(esc(r.url))</td><td>\(esc(r.result.outcome.german))\(r.result.status.map { " (\($0))" } ?? "")</td><td>\(esc(r.result.checkedAtText))</td></tr>\n"
        }
        b += "</tbody>\n</table></div>\n"
        if rows.count > 100 { b += "<p>… und \(SiteHTML.number(rows.count - 100)) weitere in der CSV-Datei.</p>\n" }
        return b
    }

    /// "Nicht geprüft … sind hier: Zugangs-URL erreichbar (50 Punkte), …": the indicators this run did not
    /// check, from the report.
    static func uncheckedSentence(_ report: QualityReport) -> String {
        let unchecked = report.uncheckedIndicators
        guard !unchecked.isEmpty else { return "" }
        return "Nicht geprüft (0 Punkte, wie bei der MQA, wenn eine Prüfung nicht besteht) sind hier: "
            + unchecked.map { "\($0.german) (\($0.points) Punkte)" }.joined(separator: ", ") + ". "
    }

    static func intro(_ ctx: SiteContext, _ report: QualityReport) -> String {
        let validated = report.validation?.dcatAPProfile.map {
            "Die DCAT-AP-Konformität zählt nach der <a href=\"../validierung/index.html#\($0)\">Prüfung</a> dieser Ernte (\(SiteHTML.escape(ValidationReport.germanName($0)))). "
        } ?? ""
        return """
        <p>Punkte nach der Methode der Metadaten-Qualitätsbewertung (MQA) von data.europa.eu: fünf Bereiche, \
        höchstens \(QualityScore.maximum) Punkte je Datensatz; Stufen ausgezeichnet (351–405), gut (221–350), \
        ausreichend (121–220), schlecht (0–120). Gezählt wird, was der veröffentlichte Katalog über einen Datensatz \
        sagt. \(validated)\(uncheckedSentence(report))\
        Jede Zeile: \(ctx.has("quality.csv") ? "<a href=\"../quality.csv\">quality.csv</a>" : "quality.csv").</p>

        """
    }

    static func dimensionCells(_ group: QualityReport.Group) -> String {
        QualityDimension.allCases.map { d in
            let max = QualityScore.indicators.filter { $0.dimension == d }.reduce(0) { $0 + $1.points }
            return "<td class=\"n\">\(score(group.mean(d))) / \(max)</td>"
        }.joined()
    }

    static func index(_ ctx: SiteContext, _ report: QualityReport, keys: [String: String]) -> String {
        let esc = SiteHTML.escape
        let all = report.all
        var b = "<h1>Metadatenqualität</h1>\n" + intro(ctx, report)
        b += "<p class=\"score\">Alle \(SiteHTML.number(all.entries.count)) Datensätze: im Mittel <strong>\(score(all.mean))</strong> von \(QualityScore.maximum) Punkten (\(all.rating.german)).</p>\n"
        let heads = ["Herausgeber", "Datensätze", "Mittel", "Stufe"] + QualityDimension.allCases.map(\.german)
        if let history = ctx.input.history { b += trend(history.series(publisher: nil), id: "verlauf", link: ctx.has(QualityHistory.fileName)) }
        b += "<div class=\"scroll\"><table>\n<caption>Je Herausgeber</caption>\n<thead><tr>"
        b += heads.map { "<th scope=\"col\">\($0)</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for g in report.byPublisher.sorted(by: { ($0.mean, $0.name) < ($1.mean, $1.name) }) {
            let name = keys[g.name].map { "<a href=\"\($0).html\">\(esc(g.name))</a>" } ?? esc(g.name)
            b += "<tr><th scope=\"row\">\(name)</th><td class=\"n\">\(SiteHTML.number(g.entries.count))</td>"
            b += "<td class=\"n\">\(score(g.mean))</td><td>\(g.rating.german)</td>\(dimensionCells(g))</tr>\n"
        }
        b += "</tbody>\n</table></div>\n"
        b += "<div class=\"scroll\"><table>\n<caption>Je Quelle</caption>\n<thead><tr>"
        b += (["Quelle"] + heads.dropFirst()).map { "<th scope=\"col\">\($0)</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for g in report.bySource {
            b += "<tr><th scope=\"row\">\(esc(ctx.sourceTitle(g.name))) <span class=\"sub\">\(esc(g.name))</span></th><td class=\"n\">\(SiteHTML.number(g.entries.count))</td>"
            b += "<td class=\"n\">\(score(g.mean))</td><td>\(g.rating.german)</td>\(dimensionCells(g))</tr>\n"
        }
        b += "</tbody>\n</table></div>\n"
        return ctx.page(title: "Metadatenqualität", depth: 1, current: "qualitaet/index.html", body: b)
    }

    /// One publisher's page; `brokenLinks` is its rendered "Defekte Links" section ("" without link results).
    static func publisher(_ ctx: SiteContext, _ g: QualityReport.Group, sorted: [QualityReport.Entry], key: String, report: QualityReport,
                          history: [QualityHistory.Row]?, brokenLinks: String) -> String {
        let esc = SiteHTML.escape
        var b = "<p class=\"crumbs\"><a href=\"index.html\">Metadatenqualität</a></p>\n<h1>\(esc(g.name))</h1>\n"
        b += "<p class=\"score\">\(SiteHTML.number(g.entries.count)) Datensätze, im Mittel <strong>\(score(g.mean))</strong> von \(QualityScore.maximum) Punkten: <strong>\(g.rating.german)</strong> (\(g.rating.range)).</p>\n"
        b += intro(ctx, report)
        b += "<h2>Was am meisten bringt</h2>\n"
        let fixes = g.fixes
        if fixes.isEmpty {
            b += "<p>Nichts offen, was sich in den Metadaten beheben lässt.</p>\n"
        } else {
            b += "<div class=\"scroll\"><table>\n<caption class=\"visually-hidden\">Verbesserungen nach Punkten</caption>\n"
            b += "<thead><tr><th scope=\"col\">Angabe</th><th scope=\"col\">Bereich</th><th scope=\"col\">Datensätze ohne</th><th scope=\"col\">Punkte im Mittel</th><th scope=\"col\">Was zu tun ist</th></tr></thead>\n<tbody>\n"
            for f in fixes {
                b += "<tr><th scope=\"row\">\(esc(f.indicator.german))</th><td>\(f.indicator.dimension.german)</td><td class=\"n\">\(SiteHTML.number(f.datasets))</td>"
                b += "<td class=\"n\">+\(score(f.meanGain))</td><td>\(esc(f.indicator.fix))</td></tr>\n"
            }
            b += "</tbody>\n</table></div>\n"
        }
        if let history { b += trend(history, id: "verlauf", link: ctx.has(QualityHistory.fileName)) }
        b += brokenLinks
        b += "<h2>Datensätze</h2>\n" + datasetTable(sorted, page: 1, key: key, report: report)
        b += SiteValidationPage.dashboardSection(report.validation, datasets: sorted.map(\.dataset.uri))
        return ctx.page(title: "Metadatenqualität: \(g.name)", depth: 1, current: nil, body: b)
    }

    /// The "Verlauf" section: mean score and licence gaps over the run dates (broken links once checked); one
    /// sentence while only one date is recorded.
    static func trend(_ rows: [QualityHistory.Row], id: String, link: Bool) -> String {
        var b = "<section aria-labelledby=\"\(id)\">\n<h2 id=\"\(id)\">Verlauf</h2>\n"
        let file = link ? "<a href=\"verlauf.csv\">verlauf.csv</a>" : "verlauf.csv"
        if rows.count < 2 {
            let date = rows.first.map { " (\(TrendChart.german($0.date)))" } ?? ""
            b += "<p>Erst ein Lauf ist verzeichnet\(date); der Verlauf erscheint, sobald ein späterer Lauf andere Werte ergibt. Alle Stände: \(file).</p>\n"
            return b + "</section>\n"
        }
        b += "<p>Ein Stand je Lauf, dessen Werte sich geändert haben; alle Stände: \(file).</p>\n"
        let points = { (value: (QualityHistory.Row) -> Double?) in rows.compactMap { r in value(r).map { TrendChart.Point(date: r.date, value: $0) } } }
        let count: @Sendable (Double) -> String = { SiteHTML.number(Int($0.rounded())) }
        b += "<h3>Mittlere Punktzahl</h3>\n"
        b += TrendChart(label: "Mittlere Punktzahl (von \(QualityScore.maximum))", points: points { $0.qualityMean }) { SiteHTML.decimal($0, digits: 2) }.figure(id: id + "-punkte")
        b += "<h3>Lizenzlücken</h3>\n"
        b += TrendChart(label: "Lizenzlücken", points: points { Double($0.gapTotal) }, floor: 0, format: count).figure(id: id + "-lizenzen")
        let broken = points { $0.brokenLinks.map(Double.init) }
        if !broken.isEmpty { b += "<h3>Defekte Links</h3>\n" + TrendChart(label: "Defekte Links", points: broken, floor: 0, format: count).figure(id: id + "-links") }
        return b + "</section>\n"
    }
}
