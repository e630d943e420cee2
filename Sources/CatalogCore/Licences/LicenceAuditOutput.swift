import Foundation

// Renderings of the licence audit: CSV, report.json section, licences.html, terminal table, findings.

/// The licence part of report.json.
package struct LicenceReportSection: Sendable, Hashable, Codable {
    package var datasets: LicenceCounts
    package var distributions: LicenceCounts
    package var bySource: [LicenceCounts]
    package var byPublisher: [LicenceCounts]
    /// Rows that need attention (not open, or attribution missing), dataset and distribution rows.
    package var problems: [LicenceAuditRow]
}

/// The licence part of report.json: the counts, and how many rows need attention. The rows themselves are in
/// licences.csv / licences.html and each one is a `licence.*` finding in the same report, so report.json does
/// not carry them a third time (at 100 k datasets that list alone was over 200 MB). `opendata audit --json`
/// prints the full `LicenceReportSection`.
package struct LicenceReportSummary: Sendable, Hashable, Codable {
    package var datasets: LicenceCounts
    package var distributions: LicenceCounts
    package var bySource: [LicenceCounts]
    package var byPublisher: [LicenceCounts]
    /// Rows that need attention (not open, or attribution missing).
    package var problemRows: Int
    /// Where the rows are listed.
    package var details: String
}

extension LicenceAudit {
    package static let csvHeader = ["source", "dataset_id", "title", "publisher", "distribution_uri", "raw", "uri", "spdx",
                                    "status", "reason", "suggested_fix", "inherited", "attribution_missing"]

    // MARK: CSV

    /// RFC 4180 CSV (CRLF line ends, UTF-8), one line per row; cells that a spreadsheet would read as a formula
    /// (starting with = + - @ TAB CR) are prefixed with `'`.
    package func licencesCSV() -> String {
        var lines = [Self.csvHeader.map(Self.csvCell).joined(separator: ",")]
        for r in rows {
            let cells = [r.source, r.datasetID, r.title, r.publisher, r.distributionURI, r.raw, r.uri, r.spdx, r.status.rawValue,
                         r.reason, r.suggestedFix, r.inherited ? "true" : "false", r.attributionMissing ? "true" : "false"]
            lines.append(cells.map(Self.csvCell).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    package static func csvCell(_ value: String) -> String {
        var v = value
        if let first = v.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) { v = "'" + v }
        return CSVWriter.quoted(v)
    }

    // MARK: report.json

    package func reportSection() -> LicenceReportSection {
        LicenceReportSection(datasets: total, distributions: distributionTotal, bySource: bySource, byPublisher: byPublisher,
                             problems: rows.filter(\.isProblem))
    }

    package func reportSummary() -> LicenceReportSummary {
        LicenceReportSummary(datasets: total, distributions: distributionTotal, bySource: bySource, byPublisher: byPublisher,
                             problemRows: rows.count(where: \.isProblem), details: "licences.csv")
    }

    // MARK: Findings

    /// One finding per problem row (`licence.<status>`), plus notes for inherited licences and warnings for
    /// missing attribution text.
    package func findings() -> [Finding] {
        var out: [Finding] = []
        for r in rows {
            let field = r.distributionIndex.map { "resources[\($0)].license" } ?? "license_id"
            let what = r.isDatasetRow ? "Datensatz" : "Distribution \(r.distributionURI)"
            switch r.status {
            case .open: break
            case .restricted, .closed:
                out.append(Finding(.note, "licence.\(r.status.rawValue)", source: r.source, record: r.remoteID, field: field, "\(what): \(r.reason)", de: "\(what): \(r.reason)"))
            case .missing, .unknown, .invalid, .conflicting:
                out.append(Finding(.warning, "licence.\(r.status.rawValue)", source: r.source, record: r.remoteID, field: field, "\(what): \(r.reason)", de: "\(what): \(r.reason)"))
            }
            if r.inherited && !r.isDatasetRow {
                out.append(Finding(.note, "licence.inherited", source: r.source, record: r.remoteID, field: field,
                                   "\(what): no licence of its own; the dataset's licence (\(r.uri.isEmpty ? r.raw : r.uri)) was taken over.",
                                   de: "\(what): keine eigene Lizenz, die Lizenz des Datensatzes (\(r.uri.isEmpty ? r.raw : r.uri)) wurde übernommen."))
            }
            if r.attributionMissing && !r.isDatasetRow {
                out.append(Finding(.warning, "licence.attribution-missing", source: r.source, record: r.remoteID,
                                   field: r.distributionIndex.map { "resources[\($0)].licenseAttributionByText" },
                                   "\(what): \(r.uri) requires an attribution text (dcatde:licenseAttributionByText); none is given.",
                                   de: "\(what): \(r.uri) verlangt einen Namensnennungstext (dcatde:licenseAttributionByText), es ist keiner angegeben."))
            }
        }
        return out.sorted()
    }

    // MARK: Terminal table

    /// A plain-text report: counts per source and publisher, then the problem rows, cut to `width` columns.
    package func table(width: Int = 120) -> String {
        let width = max(width, 60)
        var out: [String] = []
        let statuses = LicenceStatus.allCases
        func countsTable(_ title: String, _ groups: [LicenceCounts]) {
            out.append(title)
            let nameWidth = min(max(groups.map { $0.name.count }.max() ?? 4, 6), max(width - 8 * (statuses.count + 2), 12))
            let header = Self.pad("", nameWidth) + " " + Self.lpad("Datens.", 7) + " " + Self.lpad("offen%", 7)
                + statuses.map { " " + Self.lpad(String($0.rawValue.prefix(7)), 7) }.joined()
            out.append(String(header.prefix(width)))
            for g in groups + (groups.count > 1 ? [total] : []) {
                let line = Self.pad(g.name, nameWidth) + " " + Self.lpad(String(g.datasets), 7) + " " + Self.lpad(Self.formatPercent(g.openPercent), 7)
                    + statuses.map { " " + Self.lpad(String(g.byStatus[$0.rawValue] ?? 0), 7) }.joined()
                out.append(String(line.prefix(width)))
            }
            out.append("")
        }
        countsTable("Lizenzen je Quelle (Datensätze)", bySource)
        countsTable("Lizenzen je Herausgeber (Datensätze)", byPublisher)
        let problems = rows.filter(\.isProblem)
        out.append("Zu prüfen: \(problems.count) Zeilen (Datensätze und Distributionen)")
        for r in problems {
            let target = r.isDatasetRow ? r.datasetID : "  └ \(r.distributionURI)"
            let line = "\(Self.pad(r.status.rawValue, 11)) \(r.source) \(target) | \(r.raw.isEmpty ? "–" : r.raw) | \(r.reason)"
                + (r.suggestedFix.isEmpty ? "" : " → \(r.suggestedFix)")
            out.append(Self.truncate(line, width))
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? truncate(s, n) : s + String(repeating: " ", count: n - s.count) }
    static func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
    static func truncate(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(max(n - 1, 0))) + "…" }
    static func formatPercent(_ p: Double) -> String {
        let tenths = Int((p * 10).rounded())
        return "\(tenths / 10),\(tenths % 10)"
    }

    // MARK: HTML

    /// A self-contained German page (licences.html): counts per source and publisher, then the rows needing
    /// attention. Tables are sortable by an inline script (buttons in the headers) and complete without it.
    package func html(portalLinks: Bool = true, notice: String = "") -> String {
        var h = """
        <!DOCTYPE html>
        <html lang="de">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Lizenzprüfung</title>
        <style>
        body{font-family:system-ui,sans-serif;margin:1.5rem;line-height:1.4;color:#111;background:#fff}
        table{border-collapse:collapse;margin:0 0 2rem;font-size:.9rem}
        caption{text-align:left;font-weight:bold;padding:.3rem 0}
        th,td{border:1px solid #999;padding:.25rem .5rem;vertical-align:top;text-align:left}
        td.n{text-align:right;font-variant-numeric:tabular-nums}
        th button{font:inherit;font-weight:bold;background:none;border:0;padding:0;cursor:pointer;text-align:left}
        th button:focus-visible{outline:2px solid #005fcc}
        .s-open{background:#e6f4ea}.s-restricted,.s-closed{background:#fff4d6}.s-missing,.s-unknown,.s-invalid,.s-conflicting{background:#fde2e1}
        .notice{padding:.5rem 1rem;background:#fff4ce;color:#3d2e00;border:1px solid #e0c46c}
        td,th,p{overflow-wrap:anywhere}
        @media (max-width:50rem){body{margin:.75rem}table{display:block;overflow-x:auto;max-width:100%}}
        </style>
        </head>
        <body>
        \(notice)<main>
        <h1>Lizenzprüfung</h1>

        """
        let t = total
        h += "<p>\(t.datasets) Datensätze, davon \(t.open) mit offener Lizenz (\(Self.formatPercent(t.openPercent)) %). "
        h += "\(distributionTotal.datasets) Distributionen, \(t.attributionMissing) Datensätze ohne nötigen Namensnennungstext.</p>\n"
        h += "<p>Status: <b>open</b> offen, <b>restricted</b> eingeschränkt (nicht-kommerziell, keine Bearbeitung), <b>closed</b> geschlossen, "
        h += "<b>missing</b> fehlt, <b>unknown</b> unbekannt, <b>invalid</b> ungültige Schreibweise, <b>conflicting</b> widersprüchlich.</p>\n"
        h += countsHTML(id: "quellen", caption: "Datensätze je Quelle", nameHeader: "Quelle", bySource)
        h += countsHTML(id: "herausgeber", caption: "Datensätze je Herausgeber", nameHeader: "Herausgeber", byPublisher)
        let problems = rows.filter(\.isProblem)
        h += "<table id=\"probleme\" class=\"sortable\">\n<caption>Zu prüfen: \(problems.count) Zeilen ohne nutzbare offene Lizenz oder ohne Namensnennungstext</caption>\n"
        let headers = ["Quelle", "Datensatz", "Titel", "Herausgeber", "Distribution", "Angabe (roh)", "Lizenz-IRI", "SPDX", "Status", "Begründung", "Vorschlag"]
        h += "<thead><tr>" + headers.map { "<th scope=\"col\">\(Self.escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for r in problems {
            let title: String
            if portalLinks, let url = r.portalURL, url.hasPrefix("http://") || url.hasPrefix("https://") {
                title = "<a href=\"\(Self.escape(url))\">\(Self.escape(r.title))</a>"
            } else {
                title = Self.escape(r.title)
            }
            let status = r.status.rawValue + (r.attributionMissing ? " (Namensnennung fehlt)" : "")
            let cells = [Self.escape(r.source), Self.escape(r.datasetID), title, Self.escape(r.publisher), Self.escape(r.distributionURI),
                         Self.escape(r.raw), Self.escape(r.uri), Self.escape(r.spdx), Self.escape(status), Self.escape(r.reason), Self.escape(r.suggestedFix)]
            h += "<tr class=\"s-\(r.status.rawValue)\">" + cells.map { "<td>\($0)</td>" }.joined() + "</tr>\n"
        }
        h += "</tbody>\n</table>\n</main>\n"
        h += """
        <script>
        document.querySelectorAll('table.sortable').forEach(function (table) {
          table.querySelectorAll('thead th').forEach(function (th, col) {
            var b = document.createElement('button');
            b.type = 'button';
            b.textContent = th.textContent;
            th.textContent = '';
            th.appendChild(b);
            b.addEventListener('click', function () {
              var asc = th.getAttribute('aria-sort') !== 'ascending';
              table.querySelectorAll('thead th').forEach(function (o) { o.removeAttribute('aria-sort'); });
              th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
              var body = table.tBodies[0];
              var rows = Array.prototype.slice.call(body.rows);
              rows.sort(function (a, b) {
                var x = a.cells[col].getAttribute('data-v') || a.cells[col].textContent;
                var y = b.cells[col].getAttribute('data-v') || b.cells[col].textContent;
                var nx = parseFloat(x), ny = parseFloat(y);
                var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, 'de');
                return asc ? c : -c;
              });
              rows.forEach(function (r) { body.appendChild(r); });
            });
          });
        });
        </script>
        </body>
        </html>

        """
        return h
    }

    private func countsHTML(id: String, caption: String, nameHeader: String, _ groups: [LicenceCounts]) -> String {
        let statuses = LicenceStatus.allCases
        var h = "<table id=\"\(id)\" class=\"sortable\">\n<caption>\(Self.escape(caption))</caption>\n<thead><tr>"
        h += "<th scope=\"col\">\(Self.escape(nameHeader))</th><th scope=\"col\">Datensätze</th><th scope=\"col\">offen %</th>"
        h += statuses.map { "<th scope=\"col\">\($0.rawValue)</th>" }.joined()
        h += "<th scope=\"col\">ohne Namensnennung</th></tr></thead>\n<tbody>\n"
        for g in groups {
            h += "<tr><th scope=\"row\">\(Self.escape(g.name))</th><td class=\"n\">\(g.datasets)</td>"
            h += "<td class=\"n\" data-v=\"\(g.openPercent)\">\(Self.formatPercent(g.openPercent))</td>"
            h += statuses.map { s -> String in
                let n = g.byStatus[s.rawValue] ?? 0
                return "<td class=\"n\" data-v=\"\(n)\" title=\"\(Self.formatPercent(g.percent(n))) %\">\(n)</td>"
            }.joined()
            h += "<td class=\"n\">\(g.attributionMissing)</td></tr>\n"
        }
        h += "</tbody>\n</table>\n"
        return h
    }

    /// HTML text/attribute escaping: the site's one escaper (`SiteHTML.escape`: & < > " ', forbidden
    /// characters replaced, NFC).
    package static func escape(_ s: String) -> String { SiteHTML.escape(s) }
}
