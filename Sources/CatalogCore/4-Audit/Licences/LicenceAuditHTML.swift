// licences.html: the licence audit as the publishers' to-do list, German throughout. Counts per source and
// publisher first, then one section per to-do group (LicenceGap) with only the entries that need something.

extension LicenceAudit {
    /// To-do items per group on one page: licences.html shows each group's first `pageSize` items, the rest are on
    /// `lizenzen/<group>-2.html` … (groupPagePath), so no page grows with the catalogue (#14: no HTML page over 1 MB
    /// at a million datasets). The publishers' CSV files stay complete.
    package static let pageSize = SiteRenderer.listPageSize

    /// `lizenzen/missing-2.html` …: page `page` (≥ 2) of a group's items; page 1 is the group's section on licences.html.
    package static func groupPagePath(_ gap: LicenceGap, page: Int) -> String { "lizenzen/" + groupPageFile(gap, page: page) }

    static func groupPageFile(_ gap: LicenceGap, page: Int) -> String { "\(gap.rawValue)-\(page).html" }

    /// licences.html first, then every further page of every group (groupPagePath), in group order, each handed
    /// to `hand` as soon as it is rendered: at 100 k datasets the pages together are ~290 MB of text.
    package func htmlPages(portalLinks: Bool = true, notice: String = "", toDoFiles: [String: String] = [:],
                           pageSize: Int = LicenceAudit.pageSize, hand: (ExportFile) -> Void) {
        let groups = toDoGroups
        hand(ExportFile(name: "licences.html", text: html(portalLinks: portalLinks, notice: notice, toDoFiles: toDoFiles, pageSize: pageSize, groups: groups)))
        var later: [(gap: LicenceGap, items: LicenceToDoList.SubSequence, page: Int, pages: Int)] = []
        for (gap, items) in groups {
            let pages = SiteRenderer.pageCount(items.count, pageSize: pageSize)
            guard pages > 1 else { continue }
            for page in 2...pages { later.append((gap, items, page, pages)) }
        }
        // Rendered in parallel (perf at 100 k: over a second on one core, the other idle), handed over in order.
        ParallelMap.inBatches(later, batch: Self.pagesPerBatch, minimum: 8, chunk: 4, { p in
            ExportFile(name: Self.groupPagePath(p.gap, page: p.page),
                       text: self.groupPage(p.gap, p.items, page: p.page, pages: p.pages, pageSize: pageSize, portalLinks: portalLinks, notice: notice))
        }, each: hand)
    }

    /// Group pages rendered at a time before they are handed over (each about 100 items of a few hundred bytes).
    static let pagesPerBatch = 64

    /// licences.html: a self-contained German page: what is to do per group, the counts per source and publisher,
    /// then one table per group with its first `pageSize` items. Tables are sortable by an inline script (buttons
    /// in the headers) and complete without it.
    /// `toDoFiles`: the publisher files the run writes beside the page (`lizenzen/<key>.csv`, by publisher name);
    /// the publisher table links each. Empty (the CLI's page): the text names `--per-publisher` instead.
    package func html(portalLinks: Bool = true, notice: String = "", toDoFiles: [String: String] = [:],
                      pageSize: Int = LicenceAudit.pageSize) -> String {
        html(portalLinks: portalLinks, notice: notice, toDoFiles: toDoFiles, pageSize: pageSize, groups: toDoGroups)
    }

    private func html(portalLinks: Bool, notice: String, toDoFiles: [String: String], pageSize: Int,
                      groups: [(gap: LicenceGap, items: LicenceToDoList.SubSequence)]) -> String {
        var h = Self.htmlHead(title: "Lizenzprüfung") + "\(notice)<main>\n<h1>Lizenzprüfung</h1>\n"
        let t = total
        let count = groups.reduce(0) { $0 + $1.items.count }
        h += "<p>\(t.datasets) Datensätze, davon \(t.open) mit offener Lizenz (\(Self.formatPercent(t.openPercent)) %), "
        h += "\(distributionTotal.datasets) Distributionen.</p>\n"
        if groups.isEmpty {
            h += "<p>Nichts zu erledigen: Jede Lizenzangabe ist offen, mit Version und, wo nötig, mit Namensnennungstext.</p>\n"
        } else {
            h += "<p>Zu erledigen: \(count) Einträge. Jeder nennt den Datensatz, den Herausgeber, die Kontaktstelle, den heutigen Wert "
            h += "und genau, was einzutragen ist (Lizenz-IRI und, bei CKAN-Portalen, die <code>license_id</code>). "
            h += toDoFiles.isEmpty
                ? "Je Herausgeber schreibt <code>opendata audit licences --per-publisher lizenzen</code> eine Tabelle zum Verschicken.</p>\n<ul>\n"
                : "Je Herausgeber steht die Aufgabenliste zum Verschicken als Tabelle für Excel bereit (Spalte „Aufgabenliste“ unten, <code>lizenzen/…csv</code>).</p>\n<ul>\n"
            for (gap, items) in groups {
                h += "<li><a href=\"#gruppe-\(gap.rawValue)\">\(Self.escape(SiteLabels.licenceGap(gap)))</a>: \(items.count)</li>\n"
            }
            h += "</ul>\n"
        }
        h += countsHTML(id: "quellen", caption: "Datensätze je Quelle", nameHeader: "Quelle", bySource)
        h += countsHTML(id: "herausgeber", caption: "Datensätze je Herausgeber", nameHeader: "Herausgeber", byPublisher, files: toDoFiles)
        for (gap, items) in groups {
            let pages = SiteRenderer.pageCount(items.count, pageSize: pageSize)
            h += "<section aria-labelledby=\"gruppe-\(gap.rawValue)\">\n"
            h += "<h2 id=\"gruppe-\(gap.rawValue)\">\(Self.escape(SiteLabels.licenceGap(gap))) (\(items.count))</h2>\n"
            h += "<p>\(Self.escape(SiteLabels.licenceGapExplanation(gap)))</p>\n"
            h += SiteRenderer.hits(page: 1, total: items.count, pageSize: pageSize, noun: "Einträge", note: Self.pagedNote)
            h += groupTable(gap, items.prefix(pageSize), portalLinks: portalLinks)
            h += SiteRenderer.pager(page: 1, pages: pages, label: "Seiten: \(SiteLabels.licenceGap(gap))") { $0 == 1 ? "#gruppe-\(gap.rawValue)" : Self.groupPagePath(gap, page: $0) }
            h += "</section>\n"
        }
        h += "</main>\n" + Self.sortScript + "</body>\n</html>\n"
        return h
    }

    /// Page `page` (≥ 2) of one group: a link back to licences.html, the group's explanation, its items and the pager.
    private func groupPage(_ gap: LicenceGap, _ items: LicenceToDoList.SubSequence, page: Int, pages: Int, pageSize: Int,
                           portalLinks: Bool, notice: String) -> String {
        let label = Self.escape(SiteLabels.licenceGap(gap))
        let within = SiteRenderer.pageRange(page, total: items.count, pageSize: pageSize)
        let range = (items.startIndex + within.lowerBound)..<(items.startIndex + within.upperBound)  // the slice's indices
        var h = Self.htmlHead(title: "Lizenzprüfung: \(SiteLabels.licenceGap(gap)) – Seite \(page) von \(pages)") + "\(notice)<main>\n"
        h += "<p><a href=\"../licences.html#gruppe-\(gap.rawValue)\">Zurück zur Lizenzprüfung</a></p>\n"
        h += "<h1>\(label) (\(items.count)): Seite \(page) von \(pages)</h1>\n"
        h += "<p>\(Self.escape(SiteLabels.licenceGapExplanation(gap)))</p>\n"
        h += SiteRenderer.hits(page: page, total: items.count, pageSize: pageSize, noun: "Einträge", note: Self.pagedNote)
        h += groupTable(gap, items[range], portalLinks: portalLinks)
        h += SiteRenderer.pager(page: page, pages: pages, label: "Seiten: \(SiteLabels.licenceGap(gap))") {
            $0 == 1 ? "../licences.html#gruppe-\(gap.rawValue)" : Self.groupPageFile(gap, page: $0)
        }
        h += "</main>\n" + Self.sortScript + "</body>\n</html>\n"
        return h
    }

    /// After the range of a group on several pages: the column buttons sort this page; the complete lists are the CSVs.
    static let pagedNote = ". Die Spaltenknöpfe sortieren diese Seite; vollständig stehen alle Einträge in licences.csv und je Herausgeber in lizenzen/….csv."

    private func groupTable(_ gap: LicenceGap, _ items: LicenceToDoList.SubSequence, portalLinks: Bool) -> String {
        let esc = Self.escape
        var h = "<table class=\"sortable g-\(gap.rawValue)\">\n<thead><tr>"
        h += ["Herausgeber", "Datensatz", "Kontakt", "Feld", "Heutiger Wert", "Befund", "Was einzutragen ist", "Bearbeiten"]
            .map { "<th scope=\"col\">\($0)</th>" }.joined()
        h += "</tr></thead>\n<tbody>\n"
        for r in items {
            var title = esc(r.title)
            if portalLinks, let url = r.portalURL, url.hasPrefix("http://") || url.hasPrefix("https://") {
                title = "<a href=\"\(esc(url))\">\(title)</a>"
            }
            if let i = r.distributionIndex { title += "<br><span class=\"sub\">Distribution \(i + 1)</span>" }
            var contact = esc(r.contactName)
            if !r.contactEmail.isEmpty {
                let mail = "<a href=\"mailto:\(esc(r.contactEmail))\">\(esc(r.contactEmail))</a>"
                contact = contact.isEmpty ? mail : contact + "<br>" + mail
            }
            let current = r.raw.isEmpty ? "<span class=\"sub\">(leer)</span>" : "<code>\(esc(r.raw))</code>"
            let status = "<br><span class=\"sub\">\(esc(SiteLabels.licenceStatus(r.status)))</span>"
            var edit = ""
            if portalLinks, let url = r.editURL, url.hasPrefix("http://") || url.hasPrefix("https://") {
                edit = "<a href=\"\(esc(url))\">bearbeiten</a>"
            }
            let cells = [esc(r.publisher), title, contact, "<code>\(esc(r.field))</code>", current + status, esc(r.reason), esc(r.suggestedFix), edit]
            h += "<tr>" + cells.map { "<td>\($0)</td>" }.joined() + "</tr>\n"
        }
        return h + "</tbody>\n</table>\n"
    }

    private func countsHTML(id: String, caption: String, nameHeader: String, _ groups: [LicenceCounts], files: [String: String] = [:]) -> String {
        let statuses = LicenceStatus.allCases
        var h = "<table id=\"\(id)\" class=\"sortable\">\n<caption>\(Self.escape(caption))</caption>\n<thead><tr>"
        h += "<th scope=\"col\">\(Self.escape(nameHeader))</th><th scope=\"col\">Datensätze</th><th scope=\"col\">offen %</th>"
        h += statuses.map { "<th scope=\"col\">\(Self.escape(SiteLabels.licenceStatus($0)))</th>" }.joined()
        h += "<th scope=\"col\">ohne Namensnennungstext</th>" + (files.isEmpty ? "" : "<th scope=\"col\">Aufgabenliste</th>") + "</tr></thead>\n<tbody>\n"
        for g in groups {
            h += "<tr><th scope=\"row\">\(Self.escape(g.name))</th><td class=\"n\">\(g.datasets)</td>"
            h += "<td class=\"n\" data-v=\"\(g.openPercent)\">\(Self.formatPercent(g.openPercent))</td>"
            h += statuses.map { s -> String in
                let n = g.byStatus[s.rawValue] ?? 0
                return "<td class=\"n\" data-v=\"\(n)\" title=\"\(Self.formatPercent(g.percent(n))) %\">\(n)</td>"
            }.joined()
            h += "<td class=\"n\">\(g.attributionMissing)</td>"
            if !files.isEmpty { h += "<td>" + (files[g.name].map { "<a href=\"\(Self.escape($0))\">CSV</a>" } ?? "–") + "</td>" }
            h += "</tr>\n"
        }
        h += "</tbody>\n</table>\n"
        return h
    }

    static func htmlHead(title: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="de">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        body{font-family:system-ui,sans-serif;margin:1.5rem;line-height:1.4;color:#111;background:#fff}
        table{border-collapse:collapse;margin:0 0 2rem;font-size:.9rem}
        caption{text-align:left;font-weight:bold;padding:.3rem 0}
        th,td{border:1px solid #999;padding:.25rem .5rem;vertical-align:top;text-align:left}
        td.n{text-align:right;font-variant-numeric:tabular-nums}
        th button{font:inherit;font-weight:bold;background:none;border:0;padding:0;cursor:pointer;text-align:left}
        th button:focus-visible{outline:2px solid #005fcc}
        .sub{color:#555;font-size:.85em}
        .g-missing,.g-unknown,.g-conflicting{border-left:4px solid #c5221f}.g-not-open,.g-version-assumed{border-left:4px solid #b06000}
        .notice{padding:.5rem 1rem;background:#fff4ce;color:#3d2e00;border:1px solid #e0c46c}
        td,th,p{overflow-wrap:anywhere}
        .pager ul{list-style:none;display:flex;flex-wrap:wrap;gap:1rem;padding:0}
        @media (max-width:50rem){body{margin:.75rem}table{display:block;overflow-x:auto;max-width:100%}}
        </style>
        </head>
        <body>

        """
    }

    static let sortScript = """
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

        """
}
