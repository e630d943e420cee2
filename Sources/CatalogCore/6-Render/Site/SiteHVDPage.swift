// hvd/index.html: the high-value datasets of the catalogue (Implementing Regulation (EU) 2023/138), their
// categories and data services, and per dataset what DCAT-AP HVD still wants (the HVD audit, also hvd.csv), 100
// datasets per page (further pages hvd/seite-2.html …).

enum SiteHVDPage {
    static let path = "hvd/index.html"

    static func pages(_ ctx: SiteContext) -> [ExportFile] {
        guard let audit = ctx.input.hvd, ctx.has(HVDAudit.fileName) else { return [] }
        let rows = sortedRows(audit)
        let pages = SiteRenderer.pageCount(rows.count)
        var files = [ExportFile(name: path, text: page(ctx, audit, rows: rows))]
        guard pages > 1 else { return files }
        for n in 2...pages {
            let title = "Hochwertige Datensätze – Seite \(n) von \(pages)"
            var b = "<h1>\(title)</h1>\n<p><a href=\"index.html\">Zur Übersicht der hochwertigen Datensätze</a></p>\n"
            b += datasetTable(rows, page: n)
            files.append(ExportFile(name: pagePath(n), text: ctx.page(title: title, depth: 1, current: nil, body: b)))
        }
        return files
    }

    /// `hvd/index.html`, then `hvd/seite-2.html` …
    static func pagePath(_ page: Int) -> String { page == 1 ? path : "hvd/seite-\(page).html" }

    /// By publisher, then title and IRI.
    static func sortedRows(_ audit: HVDAudit) -> [HVDAudit.Row] {
        audit.rows.sorted { ($0.dataset.facts.publisher.name, $0.dataset.title, $0.dataset.uri) < ($1.dataset.facts.publisher.name, $1.dataset.title, $1.dataset.uri) }
    }

    static func page(_ ctx: SiteContext, _ audit: HVDAudit, rows: [HVDAudit.Row]) -> String {
        var b = "<h1>Hochwertige Datensätze (HVD)</h1>\n"
        b += """
            <p>Die Durchführungsverordnung (EU) 2023/138 nennt Datensätze von hohem Wert (Georaum, Erdbeobachtung und \
            Umwelt, Meteorologie, Statistik, Unternehmen, Mobilität), die öffentliche Stellen kostenlos, \
            maschinenlesbar, über eine Schnittstelle (API) und als Massen-Download bereitstellen müssen. Dieser Katalog \
            kennzeichnet \(SiteHTML.number(audit.rows.count)) \(audit.rows.count == 1 ? "Datensatz" : "Datensätze") als HVD \
            (nach den Regeln <code>[[hvd]]</code> der Konfiguration oder nach Angabe der Quelle). HVD tragen im Katalog \
            ihre HVD-Kategorie (<code>dcatap:hvdCategory</code>) und die Verordnung \
            (<code>dcatap:applicableLegislation</code>), ihre Schnittstellen sind als <code>dcat:DataService</code> \
            beschrieben, so wie data.europa.eu sie täglich einsammelt. Unten steht, was DCAT-AP HVD noch \
            verlangt; als Tabelle für Excel: <a href="../\(HVDAudit.fileName)">\(HVDAudit.fileName)</a>. Alle HVD \
            über die CKAN-API: <code>package_search?fq=hvd_category:*</code>.</p>

            """
        b += validationNote(ctx)
        guard !audit.rows.isEmpty else { return ctx.page(title: "Hochwertige Datensätze", depth: 1, current: path, body: b) }
        b += requirementTable(audit)
        b += datasetTable(rows, page: 1)
        return ctx.page(title: "Hochwertige Datensätze", depth: 1, current: path, body: b)
    }

    static func validationNote(_ ctx: SiteContext) -> String {
        guard let report = ctx.input.validation?.report, let set = report.sets["hvd"] else {
            return "<p>Gegen die SHACL-Regeln von DCAT-AP HVD 3.0.0 wurde bei dieser Ernte nicht geprüft (<code>opendata run --validate</code> prüft sie, sobald die Konfiguration <code>[[hvd]]</code>-Regeln hat).</p>\n"
        }
        let checked = set.scope?.count ?? 0
        return "<p>Prüfung gegen DCAT-AP HVD 3.0.0 bei dieser Ernte: \(SiteHTML.number(checked)) HVD geprüft, "
            + "<strong>\(SiteHTML.number(set.violations)) Verstöße</strong>, \(SiteHTML.number(set.warnings)) Warnungen "
            + "(<a href=\"../validierung/index.html#hvd\">Einzelheiten</a>).</p>\n"
    }

    /// Lists, not tables: each entry stays readable on a phone.
    static func requirementTable(_ audit: HVDAudit) -> String {
        var b = "<h2>Anforderungen</h2>\n<ul>\n"
        for r in HVDRequirement.allCases {
            let met = audit.rows.count { $0.met[r] == true }
            b += "<li><strong>\(SiteHTML.escape(r.german))</strong> (\(r.mandatory ? "Pflicht nach den HVD-Regeln" : "Empfehlung")): "
            b += "erfüllt von \(SiteHTML.number(met)) von \(SiteHTML.number(audit.rows.count)). \(SiteHTML.escape(r.fix))</li>\n"
        }
        return b + "</ul>\n"
    }

    /// One page of the dataset list with its range and pager.
    static func datasetTable(_ rows: [HVDAudit.Row], page: Int) -> String {
        let esc = SiteHTML.escape
        let pages = SiteRenderer.pageCount(rows.count)
        let range = SiteRenderer.pageRange(page, total: rows.count)
        var b = "<h2>Datensätze</h2>\n"
        b += SiteRenderer.hits(page: page, total: rows.count)
        b += "<ul>\n"
        for r in rows[range] {
            let f = r.dataset.facts
            let categories = (f.hvd?.categories ?? []).compactMap(HVDCategory.code).map(\.germanWithTop)
            let services = r.services.map { s in "<a href=\"\(esc(s.endpointURL))\" rel=\"nofollow\">\(esc(s.kind))</a>" }
            let missing = r.missing.map { "\($0.german)\($0.mandatory ? "" : " (Empfehlung)")" }
            b += "<li><a href=\"../datensatz/\(esc(f.slug)).html\">\(esc(r.dataset.title))</a> · \(esc(f.publisher.name))<br>\n"
            b += "Kategorie: \(esc(categories.joined(separator: ", "))) · Schnittstellen: \(services.isEmpty ? "keine" : services.joined(separator: ", "))<br>\n"
            b += "Es fehlt: \(missing.isEmpty ? "nichts" : esc(missing.joined(separator: "; ")))"
            if let v = r.violations { b += " · Verstöße gegen DCAT-AP HVD: \(SiteHTML.number(v))" }
            b += "</li>\n"
        }
        b += "</ul>\n"
        return b + SiteRenderer.pager(page: page, pages: pages) { String(pagePath($0).dropFirst("hvd/".count)) }
    }
}
