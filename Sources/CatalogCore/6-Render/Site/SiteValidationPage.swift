// validierung/index.html: the run's SHACL validation of catalog.ttl against the official profiles (GovData's
// DCAT-AP.de and dashboard shapes, SEMIC's DCAT-AP, DCAT-AP HVD), per profile the counts, the most frequent
// results with their (German, where the shapes have one) messages, and the datasets concerned. The quality pages
// borrow `dashboardCell` and `dashboardSection` to show GovData's dashboard results beside the MQA score.

enum SiteValidationPage {
    static func pages(_ ctx: SiteContext) -> [ExportFile] {
        guard let outcome = ctx.input.validation, ctx.has("validierung.json") else { return [] }
        return [ExportFile(name: "validierung/index.html", text: page(ctx, outcome))]
    }

    /// Groups and datasets listed per profile on the page (the rest is in validierung.json).
    static let groupLimit = 25
    static let datasetLimit = 100

    static func severity(_ s: String) -> String {
        switch s {
        case "Violation": "Verstoß"
        case "Warning": "Warnung"
        case "Info": "Hinweis"
        default: "nicht bestanden"  // GovData's dashboard: its own severities name the check
        }
    }

    static func page(_ ctx: SiteContext, _ outcome: ValidationOutcome) -> String {
        let esc = SiteHTML.escape
        var b = "<h1>Prüfung gegen die offiziellen Profile</h1>\n"
        guard case .report(let report) = outcome else {
            if case .unavailable(_, let de) = outcome { b += "<p>Die Prüfung lief bei dieser Ernte nicht: \(esc(de))</p>\n" }
            return ctx.page(title: "Prüfung", depth: 1, current: "validierung/index.html", body: b)
        }
        b += """
            <p>Der veröffentlichte Katalog (<a href="../catalog.ttl">catalog.ttl</a>, \(SiteHTML.number(report.triples)) Tripel) \
            wurde bei dieser Ernte mit den SHACL-Regeln geprüft, die GovData und data.europa.eu anwenden (pyshacl, \
            ohne Netz). Verstöße verhindern die Übernahme; Warnungen und nicht bestandene Dashboard-Prüfungen zeigen, \
            was fehlt. Meldungen sind deutsch, wo die Regeln deutsche Texte haben. Alle Ergebnisse je Datensatz: \
            <a href="../validierung.json">validierung.json</a>; selbst prüfen: <code>opendata validate</code>.</p>

            """
        b += summaryTable(report)
        let titles = datasetLinks(ctx)
        for name in report.profileNames {
            guard let set = report.sets[name] else { continue }
            b += "\n<h2 id=\"\(esc(name))\">\(esc(ValidationReport.germanName(name)))</h2>\n"
            b += groupsTable(set)
            b += datasetList(set, titles: titles, dashboard: name == "dashboard_live")
        }
        return ctx.page(title: "Prüfung", depth: 1, current: "validierung/index.html", body: b)
    }

    static func summaryTable(_ report: ValidationReport) -> String {
        var b = "<div class=\"scroll\"><table>\n<caption>Ergebnis je Profil</caption>\n<thead><tr>"
        b += ["Profil", "Verstöße", "Warnungen", "Hinweise", "Dashboard: nicht bestanden", "Datensätze mit Verstößen", "Datensätze mit Warnungen"]
            .map { "<th scope=\"col\">\($0)</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for name in report.profileNames {
            guard let s = report.sets[name] else { continue }
            let failed = name == "dashboard_live" ? SiteHTML.number(s.failed) : "–"
            b += "<tr><th scope=\"row\"><a href=\"#\(SiteHTML.escape(name))\">\(SiteHTML.escape(ValidationReport.germanName(name)))</a></th>"
            b += [s.violations, s.warnings, s.infos].map { "<td class=\"n\">\(SiteHTML.number($0))</td>" }.joined()
            b += "<td class=\"n\">\(failed)</td><td class=\"n\">\(SiteHTML.number(s.datasetsWithViolations))</td><td class=\"n\">\(SiteHTML.number(s.datasetsWithRemarks))</td></tr>\n"
        }
        return b + "</tbody>\n</table></div>\n"
    }

    static func groupsTable(_ set: ValidationReport.SetResult) -> String {
        let esc = SiteHTML.escape
        guard !set.groups.isEmpty else { return "<p>Keine Befunde.</p>\n" }
        var b = "<div class=\"scroll\"><table>\n<caption class=\"visually-hidden\">Befunde, häufigste zuerst</caption>\n<thead><tr>"
        b += ["Art", "Eigenschaft", "Meldung", "Anzahl"].map { "<th scope=\"col\">\($0)</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for g in set.groups.prefix(groupLimit) {
            b += "<tr><td>\(esc(severity(g.severity)))</td><td><code>\(esc(g.path.isEmpty ? "(Knoten)" : g.path))</code></td>"
            b += "<td>\(esc(String(g.message.prefix(400))))</td><td class=\"n\">\(SiteHTML.number(g.count))</td></tr>\n"
        }
        b += "</tbody>\n</table></div>\n"
        if set.groups.count > groupLimit { b += "<p>… \(SiteHTML.number(set.groups.count - groupLimit)) weitere Arten von Befunden in validierung.json.</p>\n" }
        return b
    }

    /// Dataset IRI → (title, page link from depth 1).
    static func datasetLinks(_ ctx: SiteContext) -> [String: (title: String, href: String)] {
        var out: [String: (title: String, href: String)] = [:]
        for d in ctx.input.catalog.datasets { out[d.uri] = (d.title, "../datensatz/\(d.facts.slug).html") }
        return out
    }

    static func datasetList(_ set: ValidationReport.SetResult, titles: [String: (title: String, href: String)], dashboard: Bool) -> String {
        let esc = SiteHTML.escape
        let concerned = set.datasets.filter { dashboard ? $0.failed > 0 : $0.violations + $0.warnings > 0 }
            .sorted { (titles[$0.dataset]?.title ?? $0.dataset, $0.dataset) < (titles[$1.dataset]?.title ?? $1.dataset, $1.dataset) }
        guard !concerned.isEmpty else { return "" }
        var b = "<details><summary>\(SiteHTML.number(concerned.count)) Datensätze mit \(dashboard ? "nicht bestandenen Prüfungen" : "Verstößen oder Warnungen")</summary>\n<ul>\n"
        for d in concerned.prefix(datasetLimit) {
            let name = d.dataset.isEmpty ? "Katalog" : titles[d.dataset].map { "<a href=\"\(esc($0.href))\">\(esc($0.title))</a>" } ?? esc(d.dataset)
            let messages = Set(d.results.filter { dashboard || $0.severity != "Info" }.map { "\(severity($0.severity)): \($0.message)" }).sorted()
            b += "<li>\(name): \(esc(messages.prefix(3).joined(separator: "; ")))\(messages.count > 3 ? " …" : "")</li>\n"
        }
        b += "</ul>\n"
        if concerned.count > datasetLimit { b += "<p>… \(SiteHTML.number(concerned.count - datasetLimit)) weitere in validierung.json.</p>\n" }
        return b + "</details>\n"
    }

    // MARK: beside the quality score

    /// The dashboard results of one dataset for its quality row: "–" without a dashboard run, else the number of
    /// failed checks.
    static func dashboardCell(_ report: ValidationReport?, dataset uri: String) -> String {
        guard let set = report?.sets["dashboard_live"] else { return "–" }
        return SiteHTML.number(set.dataset(uri)?.failed ?? 0)
    }

    /// A publisher's failed dashboard checks, grouped by message with the number of datasets, for its quality
    /// page; "" without a dashboard run.
    static func dashboardSection(_ report: ValidationReport?, datasets: [String]) -> String {
        guard let set = report?.sets["dashboard_live"] else { return "" }
        let esc = SiteHTML.escape
        var counts: [String: Int] = [:]
        for uri in datasets {
            for message in Set((set.dataset(uri)?.results ?? []).map(\.message)) { counts[message, default: 0] += 1 }
        }
        var b = "<h2>GovData-Qualitätsdashboard</h2>\n"
        guard !counts.isEmpty else { return b + "<p>Alle Prüfungen des Dashboards bestanden.</p>\n" }
        b += "<p>Die Prüfungen, die GovData in seinem Qualitätsdashboard zeigt (Profil dashboard_live, siehe <a href=\"../validierung/index.html#dashboard_live\">Prüfung</a>), neben der MQA-Punktzahl:</p>\n"
        b += "<div class=\"scroll\"><table>\n<caption class=\"visually-hidden\">Nicht bestandene Dashboard-Prüfungen</caption>\n"
        b += "<thead><tr><th scope=\"col\">Prüfung</th><th scope=\"col\">Datensätze</th></tr></thead>\n<tbody>\n"
        for (message, n) in counts.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
            b += "<tr><td>\(esc(message))</td><td class=\"n\">\(SiteHTML.number(n))</td></tr>\n"
        }
        return b + "</tbody>\n</table></div>\n"
    }
}
