// downloads.html (every export explained, with the CSV columns and tips) and harvest.html (the last run).

enum SitePages {
    struct Download {
        var file: String
        var title: String
        var text: String
    }

    static let exports: [Download] = [
        .init(file: "catalog.ttl", title: "Katalog als RDF (Turtle)",
              text: "Der ganze Katalog nach DCAT-AP.de: Datensätze, Distributionen, Herausgeber, Lizenzen. Gut lesbar, für Triple-Stores und RDF-Werkzeuge (rdflib, Apache Jena)."),
        .init(file: "catalog.rdf", title: "Katalog als RDF/XML",
              text: "Derselbe Inhalt als RDF/XML – das Format, das viele Harvester (z. B. GovData) erwarten."),
        .init(file: "catalog.jsonld", title: "Katalog als JSON-LD",
              text: "Derselbe Inhalt als JSON-LD, für Web-Anwendungen, die JSON lesen."),
        .init(file: "datasets.csv", title: "Datensätze als Tabelle",
              text: "Eine Zeile je Datensatz (UTF-8, Komma-getrennt, Listen in einer Zelle mit senkrechtem Strich | getrennt, Datumsangaben nach ISO 8601 als JJJJ-MM-TT oder mit Uhrzeit als JJJJ-MM-TTThh:mm:ssZ in UTC). Themen und Lizenzstatus stehen als Code und mit deutscher Bezeichnung. Die Spalten stehen unten."),
        .init(file: "distributions.csv", title: "Distributionen als Tabelle",
              text: "Eine Zeile je Distribution (Datei, Schnittstelle) mit Zugangs- und Download-Link, Format und Lizenz; über dataset_uri mit datasets.csv verknüpft."),
        .init(file: "datasets-excel.csv", title: "Datensätze für Excel",
              text: "Dieselben Zeilen und Werte wie datasets.csv, so dass deutsches Excel oder LibreOffice sie per Doppelklick richtig öffnet: UTF-8 mit BOM, Semikolon als Trennzeichen, Dezimalkomma; der Raumbezug als vier Zahlenspalten (spatial_west … spatial_north). Listen und Datumsangaben wie in datasets.csv."),
        .init(file: "distributions-excel.csv", title: "Distributionen für Excel",
              text: "Dieselben Zeilen und Werte wie distributions.csv im Excel-Format (UTF-8 mit BOM, Semikolon als Trennzeichen)."),
        .init(file: "datensatz/…", title: "Jeder Datensatz einzeln",
              text: "Neben jeder Datensatzseite datensatz/NAME.html liegen NAME.json (der Datensatz wie CKANs package_show ihn liefert), NAME.ttl und NAME.jsonld (der Datensatz allein nach DCAT-AP.de). Die Seite selbst enthält den Datensatz zusätzlich als schema.org-JSON-LD für Suchmaschinen."),
        .init(file: "suche/index/…", title: "Suchindex der Seite",
              text: "Der Volltextindex der Suche auf der Startseite: Dateien je Wortanfang (t-mi.json) mit Treffern und Gewichten und die Listeneinträge in Hunderterblöcken (d-0.json). Das Suchfeld lädt nur die Dateien, die seine Wörter brauchen; opendata serve bietet dieselbe Suche unter /suche ohne JavaScript."),
        .init(file: "datapackage.json", title: "Data Package",
              text: "Beschreibung beider CSV-Dateien als Frictionless Data Package mit Tabellenschema (Spaltentypen, Schlüssel). Damit prüft und lädt z. B. frictionless die Tabellen."),
        .init(file: "datasets.geojson", title: "Datensätze mit Raumbezug (GeoJSON)",
              text: "Je Datensatz mit Raumbezug ein Feature (RFC 7946, WGS 84, gültige Geometrien) mit Titel, Herausgeber, Lizenz und Formaten: die Geometrie der Quelle, sonst ihr Begrenzungsrahmen, sonst die amtliche Fläche (BKG) des politischen Raumbezugs; geometry_source sagt, welche, area_ars und area_name nennen das Gebiet. Eine Zeile je Feature. Datensätze ohne Raumbezug fehlen hier."),
        .init(file: "licences.csv", title: "Lizenzprüfung als Tabelle",
              text: "Jede Lizenzangabe von Datensätzen und Distributionen (eine Zeile je Datensatz und Distribution, wie datasets.csv kodiert) mit Status, Begründung, Aufgabengruppe und, wo etwas zu tun ist, dem Korrekturvorschlag: welche Lizenz-IRI einzutragen ist und welche CKAN-license_id sie ergibt; dazu Herausgeber, Kontaktstelle, Link zum Eintrag im Quellportal und, bei CKAN-Portalen, zur Bearbeitungsseite."),
        .init(file: "licences.html", title: "Lizenzprüfung (Seite)",
              text: "Die Lizenzprüfung als Aufgabenliste: Anteile offener Lizenzen je Quelle und Herausgeber, dann nur die echten Lücken, nach Gruppen (Lizenz fehlt, unbekannt, nicht offen, widersprüchlich, Version fehlt; fehlende Namensnennungstexte getrennt). Je Herausgeber verlinkt sie eine Aufgabenliste für Excel (lizenzen/NAME.csv) zum Verschicken."),
        .init(file: "quality.csv", title: "Metadatenqualität (MQA-Punkte)",
              text: "Je Datensatz und Indikator der Metadaten-Qualitätsbewertung von data.europa.eu eine Zeile: erreichte und mögliche Punkte, Ergebnis und was zu tun ist; dazu die Gesamtpunktzahl (von 405) und die Stufe. Die Seiten qualitaet/ fassen sie je Herausgeber zusammen."),
        .init(file: "qualitaet/verlauf.csv", title: "Verlauf der Metadatenqualität",
              text: "Je Lauf und Herausgeber (und für den ganzen Katalog) eine Zeile: Datensätze, Lizenzlücken je Aufgabengruppe, mittlere MQA-Punktzahl und defekte Links (leer, solange Links nicht geprüft werden). Ein Lauf, dessen Werte sich nicht geändert haben, fügt keine Zeile hinzu; höchstens 400 Daten. Die Seiten qualitaet/ zeichnen daraus den Verlauf."),
        .init(file: "hvd.csv", title: "Hochwertige Datensätze (HVD)",
              text: "Je hochwertigem Datensatz nach der Durchführungsverordnung (EU) 2023/138 eine Zeile: HVD-Kategorien, warum er HVD ist, seine Schnittstellen, je Anforderung von DCAT-AP HVD ja oder nein (Schnittstelle, Kontakt, Lizenz an jeder Distribution, Dokumentation der Schnittstelle, Massen-Download, englischer Titel), was fehlt und was an der Quelle zu tun ist. Die Seite hvd/ zeigt sie."),
        .init(file: "duplicates.csv", title: "Dubletten",
              text: "Welche Einträge verschiedener Quellen als derselbe Datensatz erkannt und zusammengeführt wurden."),
        .init(file: "feeds/aenderungen.atom", title: "Änderungen als Atom-Feed",
              text: "Neue, geänderte und zurückgezogene Datensätze je Ernte (die neuesten 500) zum Abonnieren im Feedreader oder für nachgelagerte Portale; je Herausgeber steht ein eigener Feed feeds/herausgeber-NAME.atom auf dessen Seite. Der erste Lauf legt nur den Stand fest; Änderungen erscheinen ab dem zweiten. feeds/stand.tsv hält die Fingerabdrücke, mit denen der nächste Lauf vergleicht."),
        .init(file: Catalog.modelFileName, title: "Katalog als JSON (internes Modell)",
              text: "Der zusammengeführte Katalog so, wie opendata serve ihn lädt: ein JSON-Objekt mit allen Datensätzen und Distributionen, Schlüssel sortiert. Für eigene Skripte, die kein RDF lesen wollen."),
        .init(file: "server-index.bin", title: "Index für opendata serve (intern, binär)",
              text: "Was opendata serve sonst bei jedem Wechsel des Stands aus catalog.model.json ableiten müsste: die Paketdaten der CKAN-API, Such-, Facetten- und Sortierwerte, der Volltextindex und wo jeder Datensatz im Modell steht. So ist auch ein großer Katalog sofort abrufbar. Kein Austauschformat: für eigene Auswertungen catalog.model.json, die CSV-Dateien oder die CKAN-API nutzen."),
        .init(file: "report.json", title: "Laufbericht",
              text: "Was die letzte Ernte getan hat: je Quelle Abrufe, gelesene, übernommene und abgelehnte Einträge; jeder Fehler und die ersten 20 Warnungen je Quelle und Art einzeln, alle Warnungen und Hinweise je Quelle und Art gezählt (Hinweise mit Beispielen). Jeden Befund einzeln enthält findings.jsonl."),
        .init(file: "findings.jsonl", title: "Alle Befunde (JSON Lines)",
              text: "Jeder Befund der Ernte (Hinweis, Warnung, Fehler) als eine JSON-Zeile mit Quelle, Eintrag, Feld, Code und Meldung, sortiert; zum Filtern z. B. mit jq oder pandas.read_json(lines=True)."),
    ]

    // MARK: downloads

    static func downloads(_ ctx: SiteContext) -> String {
        let esc = SiteHTML.escape
        var b = "<h1>Downloads</h1>\n"
        b += "<p>Der ganze Katalog steht in mehreren Formaten bereit. Alle Dateien sind UTF-8-kodiert und werden bei jeder Ernte neu erzeugt; Zeilen sind sortiert, damit sich Änderungen gut vergleichen lassen.</p>\n"
        b += "<section aria-labelledby=\"dateien\">\n<h2 id=\"dateien\">Dateien</h2>\n<dl class=\"files\">\n"
        for d in exports {
            let present = ctx.has(d.file)
            let perDataset = d.file.hasSuffix("…")
            b += "<dt>" + (present ? "<a href=\"\(d.file)\">\(d.file)</a>" : perDataset ? "<span>\(esc(d.file))</span>"
                : "<span>\(d.file)</span> <span class=\"sub\">(in diesem Lauf nicht erzeugt)</span>")
            b += " – \(esc(d.title))</dt>\n<dd>\(esc(d.text))</dd>\n"
        }
        b += "</dl>\n</section>\n"

        b += "<section aria-labelledby=\"tipps\">\n<h2 id=\"tipps\">Tipps zum Einlesen</h2>\n"
        b += "<h3>Python und pandas</h3>\n"
        b += "<pre><code>import pandas as pd\n\ndatasets = pd.read_csv(\"datasets.csv\")\ndistributions = pd.read_csv(\"distributions.csv\")\n"
        b += "# Listen-Spalten aufteilen\ndatasets[\"themes\"] = datasets[\"themes\"].fillna(\"\").str.split(\"|\", regex=False)\n"
        b += "# Distributionen mit ihren Datensätzen verbinden\nmerged = distributions.merge(datasets, left_on=\"dataset_uri\", right_on=\"uri\", suffixes=(\"\", \"_dataset\"))\n"
        b += "# nur CSV-Dateien mit offener Lizenz\nmerged[(merged.format == \"CSV\") &amp; (merged.licence_status == \"open\")]</code></pre>\n"
        b += "<h3>QGIS</h3>\n<p>„Layer → Layer hinzufügen → Vektorlayer hinzufügen…“ und <code>datasets.geojson</code> wählen (oder die Datei ins Kartenfenster ziehen). "
        b += "Die Attribute enthalten Titel, Herausgeber, Lizenz und Formate; mit einer Hintergrundkarte (z. B. OpenStreetMap über XYZ Tiles) sieht man die Abdeckung.</p>\n"
        b += "<h3>Tabellenkalkulation</h3>\n<p>In LibreOffice Calc oder Excel die CSV-Datei über den Import öffnen (Excel: „Daten → Aus Text/CSV“) "
        b += "und als Zeichensatz <strong>UTF-8</strong>, als Trennzeichen das <strong>Komma</strong> wählen – sonst erscheinen Umlaute falsch. "
        b += "Einfacher: <code>datasets-excel.csv</code> und <code>distributions-excel.csv</code> öffnen sich per Doppelklick richtig. "
        b += "Zellen, die mit = + - @ beginnen würden, tragen ein vorangestelltes Apostroph, damit sie nicht als Formel gelesen werden.</p>\n"
        b += "<h3>CKAN-API mit ckanapi</h3>\n<p>Der Katalog-Server bietet unter <code>/api/3/action/</code> die gewohnten CKAN-Aktionen "
        b += "(<code>package_list</code>, <code>package_show</code>, <code>package_search</code>):</p>\n"
        b += "<pre><code>pip install ckanapi\nckanapi action package_search q=Verkehr rows=5 -r https://SERVER\n\n"
        b += "from ckanapi import RemoteCKAN\nckan = RemoteCKAN(\"https://SERVER\")\nresult = ckan.action.package_search(q=\"Haushalt\", rows=10)</code></pre>\n"
        b += "<p><code>SERVER</code> ist die Adresse, unter der diese Seite läuft.</p>\n"
        b += "<h3>RDF</h3>\n<pre><code>from rdflib import Graph\ng = Graph().parse(\"catalog.ttl\")\nprint(len(g), \"Tripel\")</code></pre>\n"
        b += "</section>\n"

        b += columnTable(id: "spalten-datasets", file: "datasets.csv", TabularExport.datasetColumns)
        b += columnTable(id: "spalten-distributions", file: "distributions.csv", TabularExport.distributionColumns)
        if ctx.has("quality.csv") { b += columnTable(id: "spalten-quality", file: "quality.csv", QualityReport.csvColumns) }
        if ctx.has(QualityHistory.fileName) { b += columnTable(id: "spalten-verlauf", file: QualityHistory.fileName, QualityHistory.columns) }
        if ctx.has(HVDAudit.fileName) { b += columnTable(id: "spalten-hvd", file: HVDAudit.fileName, HVDAudit.csvColumns) }
        return ctx.page(title: "Downloads", depth: 0, current: "downloads.html", body: b)
    }

    static func columnTable(id: String, file: String, _ columns: [ExportColumn]) -> String {
        let esc = SiteHTML.escape
        var h = "<section aria-labelledby=\"\(id)\">\n<h2 id=\"\(id)\">Spalten von \(file)</h2>\n"
        h += "<div class=\"scroll\"><table>\n<caption class=\"visually-hidden\">Spalten von \(file) mit Typ und Beschreibung</caption>\n"
        h += "<thead><tr><th scope=\"col\">Spalte</th><th scope=\"col\">Typ</th><th scope=\"col\">Beschreibung</th></tr></thead>\n<tbody>\n"
        for c in columns {
            h += "<tr><th scope=\"row\"><code>\(esc(c.name))</code></th><td>\(esc(c.type))</td><td>\(esc(c.german))</td></tr>\n"
        }
        h += "</tbody>\n</table></div>\n</section>\n"
        return h
    }

    // MARK: harvest

    /// Records shown per finding code; findings.jsonl has all of them.
    static let findingSamples = 5

    /// Sources whose datasets are older copies (the source failed, or the withdrawal valve held): named with
    /// the time they were last read successfully, so a failed run is never shown as a fresh one.
    static func staleNotice(_ r: RunReport) -> String {
        let esc = SiteHTML.escape
        let stale = r.sources.filter { $0.incremental?.harvest == .stale || ($0.incremental?.held ?? 0) > 0 }
        guard !stale.isEmpty else { return "" }
        var b = "<div class=\"stale\" role=\"alert\"><p><strong>Nicht alle Quellen sind aktuell.</strong></p>\n<ul>\n"
        for s in stale.sorted(by: { $0.id < $1.id }) {
            let i = s.incremental
            var line = "<li>\(esc(s.title)) (<code>\(esc(s.id))</code>): "
            if i?.harvest == .stale {
                line += "veraltet seit \(esc(i?.staleSince ?? "unbekannt")); veröffentlicht ist der letzte gute Stand"
            } else {
                line += "\(SiteHTML.number(i?.held ?? 0)) verschwundene Datensätze zurückgehalten (Sicherheitsventil)"
            }
            if let german = germanFinding(r, source: s.id, codes: ["source.stale", "nightly.stale", "source.withdrawals-held", "nightly.withdrawals-held"]) {
                line += " – \(esc(german))"
            } else if let problem = s.error ?? i?.problem {
                line += " – <span lang=\"en\">\(esc(problem))</span>"
            }
            b += line + "</li>\n"
        }
        return b + "</ul></div>\n"
    }

    /// The German sentence of a source's first finding with one of `codes` (nil when there is none or the
    /// report predates German messages).
    static func germanFinding(_ r: RunReport, source: String, codes: Set<String>) -> String? {
        r.findings.first { $0.source == source && codes.contains($0.code) && $0.messageDE != nil }?.messageDE
    }

    static func harvest(_ ctx: SiteContext) -> String {
        let esc = SiteHTML.escape
        var b = "<h1>Letzte Ernte</h1>\n"
        guard let r = ctx.input.report else {
            b += "<p>Für diese Ausgabe liegt kein Laufbericht vor.</p>\n"
            return ctx.page(title: "Letzte Ernte", depth: 0, current: "harvest.html", body: b)
        }
        let reportLink = ctx.has("report.json") ? "<a href=\"report.json\">report.json</a>" : "report.json"
        // report.json lists errors and the first warnings of each code; every finding is in findings.jsonl.
        let allLink = ctx.has(FindingSummary.fileName) ? "<a href=\"\(FindingSummary.fileName)\">\(FindingSummary.fileName)</a>" : FindingSummary.fileName
        b += "<p>Lauf vom \(ctx.stamp ?? esc(r.startedAt)) mit \(esc(r.tool)) \(esc(r.version)): <strong class=\"run-\(r.status.rawValue)\">\(esc(SiteLabels.runStatus(r.status)))</strong>. "
        b += "Der Bericht steht in \(reportLink), jeder Befund mit seinem Eintrag in \(allLink).</p>\n"
        b += staleNotice(r)
        let t = r.totals
        b += "<ul class=\"totals\">\n"
        b += "<li><strong>\(SiteHTML.number(t.fetched))</strong> Einträge gelesen</li>\n"
        b += "<li><strong>\(SiteHTML.number(t.mapped))</strong> übernommen</li>\n"
        b += "<li><strong>\(SiteHTML.number(t.rejected))</strong> abgelehnt</li>\n"
        b += "<li><strong>\(SiteHTML.number(t.mergedAway))</strong> als Dubletten zusammengeführt</li>\n"
        b += "<li><strong>\(SiteHTML.number(t.datasets))</strong> Datensätze veröffentlicht</li>\n"
        b += "<li><strong>\(SiteHTML.number(t.distributions))</strong> Distributionen</li>\n"
        b += "</ul>\n"

        b += sourceTable(ctx, r)
        b += findingSection(ctx, r, allLink: allLink)
        if !r.datasetsWithoutGeometry.isEmpty {
            b += "<p>\(SiteHTML.number(r.datasetsWithoutGeometry.count)) Datensätze haben keine Geometrie und fehlen daher in datasets.geojson.</p>\n"
        }
        return ctx.page(title: "Letzte Ernte", depth: 0, current: "harvest.html", body: b)
    }

    /// harvest.html's table: one row per source (mode, location, counts, findings, time, error in German).
    static func sourceTable(_ ctx: SiteContext, _ r: RunReport) -> String {
        let esc = SiteHTML.escape
        var b = ""
        b += "<section aria-labelledby=\"quellen\">\n<h2 id=\"quellen\">Quellen</h2>\n"
        b += "<div class=\"scroll\"><table>\n<caption class=\"visually-hidden\">Ernte je Quelle</caption>\n<thead><tr>"
        for head in ["Quelle", "Modus", "Gelesen von", "Abrufe", "Gelesen", "Übernommen", "Abgelehnt", "Distributionen", "Befunde", "Dauer", "Fehler"] {
            b += "<th scope=\"col\">\(head)</th>"
        }
        b += "</tr></thead>\n<tbody>\n"
        for s in r.sources.sorted(by: { $0.id < $1.id }) {
            let key = ctx.model.sourceKeys[s.id]
            let name = key.map { "<a href=\"suche/quelle-\(esc($0)).html\">\(esc(s.title))</a>" } ?? esc(s.title)
            let findings = Finding.Severity.allCases.reversed().compactMap { sev -> String? in
                guard let n = s.findings[sev.rawValue], n > 0 else { return nil }
                return "\(SiteHTML.number(n)) \(SiteLabels.severity(sev))"
            }.joined(separator: ", ")
            b += "<tr><th scope=\"row\">\(name) <span class=\"sub\">\(esc(s.id)) · \(esc(s.kind))</span></th>"
            // A skipped source's "location" is its skip reason, and a failed source's error its technical cause:
            // both are shown through their finding's German sentence where the report has one.
            let skipped = s.mode == .skipped ? germanFinding(r, source: s.id, codes: ["source.skipped"]) : nil
            let location = skipped.map { "<span class=\"message\">\(esc($0))</span>" }
                ?? (SiteHTML.isLinkable(s.location) ? SiteHTML.external(s.location) : esc(s.location))
            b += "<td>\(esc(SiteLabels.readMode(s.mode)))</td><td class=\"loc\">\(location)</td>"
            for n in [s.requests, s.fetched, s.mapped, s.rejected, s.distributions] { b += "<td class=\"n\">\(SiteHTML.number(n))</td>" }
            b += "<td>\(findings.isEmpty ? "–" : findings)</td>"
            b += "<td class=\"n\">\(SiteHTML.decimal(s.durationSeconds)) s</td>"
            let error = s.error.map { e in
                germanFinding(r, source: s.id, codes: ["source.stale", "nightly.stale", "source.failed", "harvest.failed"])
                    .map { "<span class=\"error\">\(esc($0))</span>" } ?? "<span class=\"error\" lang=\"en\">\(esc(e))</span>"
            }
            b += "<td>\(error ?? "–")</td></tr>\n"
        }
        b += "</tbody>\n</table></div>\n</section>\n"
        return b
    }

    /// harvest.html's findings: kinds by severity and count, then the first samples of each kind.
    /// `allLink`: where every finding is (findings.jsonl).
    static func findingSection(_ ctx: SiteContext, _ r: RunReport, allLink: String) -> String {
        let esc = SiteHTML.escape
        var b = ""
        b += "<section aria-labelledby=\"befunde\">\n<h2 id=\"befunde\">Befunde</h2>\n"
        if r.findings.isEmpty {
            b += "<p>Keine Befunde.</p>\n"
        } else {
            // Per code its count, gravest severity and first samples in the findings' order, in one pass: a 100 k
            // run has ~625 k findings, and a sorted copy of each code's findings was ~130 MB at the run's end.
            let groups = FindingGroup.byCode(r.findings, samples: findingSamples)
            var anchors: [String: String] = [:]
            var usedIDs: Set<String> = []
            for (code, _) in groups { anchors[code] = SiteModel.unique("befund-" + SiteHTML.slug(code), in: &usedIDs) }
            b += "<p>\(SiteHTML.number(r.findings.count)) Befunde in \(groups.count) Arten. Je Art stehen hier die ersten \(findingSamples) Einträge; alle stehen in \(allLink). "
            b += "Codes wie <code>date.unparsable</code> bleiben in report.json und findings.jsonl stabil (dort steht jede Meldung auf Englisch in <code>message</code> und auf Deutsch in <code>messageDE</code>).</p>\n"
            b += "<div class=\"scroll\"><table class=\"codes\">\n<caption class=\"visually-hidden\">Befunde nach Art</caption>\n"
            b += "<thead><tr><th scope=\"col\">Art</th><th scope=\"col\">Schwere</th><th scope=\"col\">Anzahl</th></tr></thead>\n<tbody>\n"
            for (code, fs) in groups {
                let sev = fs.severity
                b += "<tr><th scope=\"row\"><a href=\"#\(anchors[code] ?? "")\">\(esc(SiteFindingTexts.title(code)))</a> <span class=\"sub\"><code>\(esc(code))</code></span></th>"
                b += "<td><span class=\"sev sev-\(sev.rawValue)\">\(SiteLabels.severity(sev))</span></td><td class=\"n\">\(SiteHTML.number(fs.count))</td></tr>\n"
            }
            b += "</tbody>\n</table></div>\n"
            for (code, fs) in groups {
                let anchor = anchors[code] ?? ""
                b += "<h3 id=\"\(anchor)\">\(esc(SiteFindingTexts.title(code))) (\(SiteHTML.number(fs.count))) <code>\(esc(code))</code></h3>\n<ul class=\"findings\">\n"
                for f in fs.samples {
                    var where_ = esc(ctx.sourceTitle(f.source))
                    if let rec = f.recordID { where_ += " · <code>\(esc(rec))</code>" }
                    if let field = f.field { where_ += " · Feld <code>\(esc(field))</code>" }
                    b += "<li><span class=\"sev sev-\(f.severity.rawValue)\">\(SiteLabels.severity(f.severity))</span> \(where_): "
                    let (text, isGerman) = f.germanMessage
                    b += "<span\(isGerman ? "" : " lang=\"en\"") class=\"message\">\(esc(text))</span></li>\n"
                }
                if fs.count > findingSamples { b += "<li class=\"more\">… und \(SiteHTML.number(fs.count - findingSamples)) weitere in \(allLink)</li>\n" }
                b += "</ul>\n"
            }
        }
        b += "</section>\n"
        return b
    }
}
