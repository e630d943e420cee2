// One page per dataset: all metadata, distributions, spatial coverage, provenance and duplicates.

enum SiteDatasetPage {
    static func render(_ ctx: SiteContext, index: Int) -> String {
        let e = ctx.model.entries[index]
        let d = e.dataset
        let esc = SiteHTML.escape
        var b = "<nav class=\"crumbs\" aria-label=\"Brotkrümelpfad\"><a href=\"../index.html\">Alle Datensätze</a> › "
        if let pk = e.keys[.herausgeber]?.first, let v = ctx.model.value(.herausgeber, key: pk) {
            b += "<a href=\"../\(esc(v.path(.herausgeber)))\">\(esc(e.publisher))</a>"
        } else {
            b += esc(e.publisher)
        }
        b += "</nav>\n<article class=\"dataset\">\n<h1>\(esc(d.title))</h1>\n"
        let f = d.facts
        var tags: [String] = []
        for t in f.themes {
            tags.append("<a class=\"tag\" href=\"../suche/thema-\(esc(t.lowercased())).html\">\(esc(SiteLabels.theme(t)))</a>")
        }
        let status = f.licence.status
        tags.append("<a href=\"../suche/lizenz-\(status.rawValue).html\">Lizenz: \(SiteHTML.badge(status))</a>")
        b += "<p class=\"tags\">" + tags.joined(separator: " ") + "</p>\n"
        if d.provenance.count > 1 {
            b += "<p class=\"note\">Zusammengeführt: Dieser Datensatz wurde in \(d.provenance.count) Quellen gefunden und aus diesen Einträgen zusammengeführt (Dubletten), siehe <a href=\"#herkunft\">Herkunft</a>.</p>\n"
        }
        let description = SiteHTML.paragraphs(d.description)
        b += "<section class=\"description\" aria-labelledby=\"beschreibung\">\n<h2 id=\"beschreibung\">Beschreibung</h2>\n"
        b += (description.isEmpty ? "<p>Keine Beschreibung angegeben.</p>" : description) + "\n</section>\n"

        b += distributions(ctx, d)
        b += metadata(ctx, e)
        if d.spatial != nil || f.geometry != nil {
            b += spatial(d.spatial ?? Location(), facts: f, boundaries: ctx.input.boundaries, map: ctx.maps[SiteMap.Key(f)])
        }
        b += provenance(ctx, e)
        b += machineReadable(ctx, d)
        b += "</article>\n"
        return ctx.page(title: d.title, depth: 1, current: nil, body: b, head: alternates(d) + SiteDatasetFiles.schemaOrg(ctx, d))
    }

    // MARK: distributions

    static func distributions(_ ctx: SiteContext, _ d: Dataset) -> String {
        let esc = SiteHTML.escape
        var h = "<section aria-labelledby=\"daten\">\n<h2 id=\"daten\">Daten und Zugang (\(d.distributions.count))</h2>\n"
        guard !d.distributions.isEmpty else { return h + "<p>Keine Distributionen angegeben.</p>\n</section>\n" }
        h += "<ul class=\"files\">\n"
        for (i, (x, p)) in zip(d.distributions, d.facts.distributions).enumerated() {
            let download = p.downloadURL ?? x.downloadURL.flatMap { $0.isEmpty ? nil : $0 }
            let access = p.accessURL ?? x.accessURL
            let title = SiteFileTitle.title(x, url: download ?? access, index: i)
            h += "<li class=\"file\">\n<div class=\"file-head\"><h3>\(esc(title.text))</h3>\n"
            h += button(title: title.text, format: x.format ?? x.rawFormat, size: x.byteSize, download: download, access: access)
            h += "</div>\n"
            if let original = title.sourceTitle { h += "<p class=\"sub\">Titel an der Quelle: <code>\(esc(original))</code></p>\n" }
            if let desc = x.description, !desc.isEmpty, desc != title.text {
                h += "<p class=\"file-desc\">\(esc(SiteRenderer.snippet(desc, limit: 240)))</p>\n"
            }
            h += "<dl class=\"file-meta\">\n"
            var format = x.format.map { esc($0.uppercased()) } ?? ""
            if let raw = x.rawFormat, !raw.isEmpty, raw.uppercased() != (x.format ?? "").uppercased() {
                format += format.isEmpty ? esc(raw) : " <span class=\"sub\">(angegeben: \(esc(raw)))</span>"
            }
            h += "<dt>Format</dt><dd>\(format.isEmpty ? "–" : format)</dd>\n"
            if let media = x.mediaType { h += "<dt>Medientyp</dt><dd>\(esc(media))</dd>\n" }
            h += "<dt>Größe</dt><dd>\(x.byteSize.map(SiteHTML.byteSize) ?? "nicht angegeben")</dd>\n"
            h += "<dt>Lizenz</dt><dd>\(licence(p.licence, inherited: x.licenceInherited))"
            if let a = x.attributionText, !a.isEmpty { h += "<span class=\"sub\">Namensnennung: \(esc(a))</span>" }
            h += "</dd>\n"
            if download != nil, access != download {
                h += "<dt>Zugangsseite</dt><dd>\(SiteHTML.external(access))</dd>\n"
            }
            if let s = p.service { h += "<dt>Schnittstelle</dt><dd>\(esc(s.kind)): \(SiteHTML.external(s.endpointURL))</dd>\n" }
            h += "</dl>\n</li>\n"
        }
        h += "</ul>\n</section>\n"
        return h
    }

    /// The one action per file: "Herunterladen" to the download URL where known, else "Öffnen" to the access
    /// URL, with format and size in the label; plain text when the URL is not a web link.
    static func button(title: String, format: String?, size: Int?, download: String?, access: String) -> String {
        let esc = SiteHTML.escape
        let url = download ?? access
        let details = [format.map { $0.uppercased() }, size.map(SiteHTML.byteSize)].compactMap { $0 }.filter { !$0.isEmpty }
        let label = (download != nil ? "Herunterladen" : "Öffnen") + (details.isEmpty ? "" : " (\(details.joined(separator: ", ")))")
        guard SiteHTML.isLinkable(url) else { return "<p class=\"sub\">Adresse: <code>\(esc(url))</code></p>\n" }
        return "<a class=\"button\" href=\"\(esc(SiteHTML.href(url)))\" rel=\"external noopener\">\(esc(label))"
            + "<span class=\"visually-hidden\">: \(esc(title))</span></a>\n"
    }

    /// A licence with its status badge: the SPDX id or IRI (linked), else the raw value.
    static func licence(_ l: Licence?, inherited: Bool = false) -> String {
        guard let l else { return SiteHTML.badge(.missing) }
        var name = l.spdx ?? l.uri.map(SiteLabels.lastSegment) ?? l.raw ?? ""
        if name.isEmpty { name = "keine Angabe" }
        var h = SiteHTML.badge(l.status) + " "
        if let uri = l.uri, SiteHTML.isLinkable(uri) {
            h += SiteHTML.external(uri, text: name)
        } else {
            h += SiteHTML.escape(name)
        }
        if let raw = l.raw, !raw.isEmpty, raw != name, raw != l.uri { h += "<span class=\"sub\">angegeben: \(SiteHTML.escape(raw))</span>" }
        if let reason = l.reason, !reason.isEmpty, l.status != .open { h += "<span class=\"sub\">\(SiteHTML.escape(reason))</span>" }
        if inherited { h += "<span class=\"sub\">vom Datensatz übernommen</span>" }
        return h
    }

    // MARK: metadata

    static func metadata(_ ctx: SiteContext, _ e: SiteEntry) -> String {
        let d = e.dataset
        let f = d.facts
        let esc = SiteHTML.escape
        var rows: [(String, String)] = []
        var pub = esc(e.publisher)
        if let pk = e.keys[.herausgeber]?.first, let v = ctx.model.value(.herausgeber, key: pk) {
            pub = "<a href=\"../\(esc(v.path(.herausgeber)))\">\(esc(e.publisher))</a>"
        }
        if !f.publisherFromCatalogue {
            let p = f.publisher
            if let home = p.homepage, SiteHTML.isLinkable(home) { pub += " · " + SiteHTML.external(home, text: "Website") }
            if let mail = p.email, !mail.isEmpty { pub += " · " + SiteHTML.email(mail) }
        } else {
            pub += " <span class=\"sub\">(Herausgeber des Katalogs, die Quelle nennt keinen)</span>"
        }
        rows.append(("Herausgeber", pub))
        if d.isSeries { rows.append(("Art", "Datenreihe (dcat:DatasetSeries): die einzelnen Ausgaben sind eigene Datensätze")) }
        for series in d.inSeries {
            let target = ctx.seriesByURI[series]
            let link = target.map { "<a href=\"\($0.facts.slug).html\">\(esc($0.title))</a>" } ?? SiteHTML.external(series)
            rows.append(("Teil der Datenreihe", link))
        }
        if let c = d.creator { rows.append(("Urheber", esc(c.name))) }
        if let c = d.contactPoint, !c.isEmpty {
            var parts: [String] = []
            if let n = c.name, !n.isEmpty { parts.append(esc(n)) }
            if let m = c.email, !m.isEmpty { parts.append(SiteHTML.email(m)) }
            if let p = c.phone, !p.isEmpty { parts.append("Tel. " + esc(p)) }
            if let u = c.url, !u.isEmpty { parts.append(SiteHTML.external(u)) }
            rows.append(("Kontakt", parts.joined(separator: "<br>")))
        }
        if !f.themes.isEmpty {
            rows.append(("Themen", f.themes.map {
                "<a href=\"../suche/thema-\(esc($0.lowercased())).html\">\(esc(SiteLabels.theme($0)))</a>"
            }.joined(separator: ", ")))
        }
        if !d.keywords.isEmpty {
            rows.append(("Schlagwörter", "<ul class=\"keywords\">" + d.keywords.map { "<li>\(esc($0))</li>" }.joined() + "</ul>"))
        }
        if let i = d.issued { rows.append(("Veröffentlicht", SiteHTML.time(i))) }
        if let m = d.modified { rows.append(("Zuletzt geändert", SiteHTML.time(m))) }
        if let t = d.temporal, t.start != nil || t.end != nil {
            rows.append(("Zeitraum", (t.start.map(SiteHTML.time) ?? "offen") + " bis " + (t.end.map(SiteHTML.time) ?? "offen")))
        }
        if let f = d.accrualPeriodicity { rows.append(("Aktualisierung", esc(SiteLabels.label(f, SiteLabels.frequencies)))) }
        if let l = d.landingPage, !l.isEmpty { rows.append(("Webseite", SiteHTML.external(l))) }
        var lic = licence(f.licence)
        if (d.licence?.status ?? .missing) == .missing, f.licence.status != .missing {
            lic += "<span class=\"sub\">Am Datensatz nicht angegeben; aus den Lizenzen der Distributionen.</span>"
        }
        rows.append(("Lizenz (Datensatz)", lic))
        if let a = d.accessRights { rows.append(("Zugriffsrechte", esc(SiteLabels.label(a, SiteLabels.accessRights)))) }
        if !d.languages.isEmpty { rows.append(("Sprache", esc(d.languages.map { SiteLabels.label($0, SiteLabels.languages) }.joined(separator: ", ")))) }
        if let v = d.version, !v.isEmpty { rows.append(("Version", esc(v))) }
        if let l = d.legalBasis, !l.isEmpty { rows.append(("Rechtsgrundlage", esc(l))) }
        if let hvd = f.hvd {
            let names = hvd.categories.compactMap(HVDCategory.code).map(\.germanWithTop)
            rows.append(("Hochwertiger Datensatz (HVD)", esc(names.joined(separator: ", ")) + "<span class=\"sub\">Durchführungsverordnung (EU) 2023/138</span>"))
        }
        if !d.politicalGeocoding.isEmpty {
            var g = d.politicalGeocoding.map { SiteHTML.external($0, text: SiteLabels.lastSegment($0)) }.joined(separator: ", ")
            if let level = d.politicalGeocodingLevel { g += "<span class=\"sub\">Ebene: \(esc(SiteLabels.label(level, SiteLabels.geocodingLevels)))</span>" }
            rows.append(("Politische Geokodierung", g))
        }
        if let t = d.geocodingText, !t.isEmpty { rows.append(("Raumbezug (Text)", esc(t))) }
        if !d.conformsTo.isEmpty { rows.append(("Konform zu", d.conformsTo.map { SiteHTML.external($0) }.joined(separator: "<br>"))) }
        rows.append(("Kennung", "<code>\(esc(d.identifier))</code>"))
        if !d.otherIdentifiers.isEmpty {
            rows.append(("Weitere Kennungen", d.otherIdentifiers.map { "<code>\(esc($0))</code>" }.joined(separator: "<br>")))
        }
        rows.append(("IRI im Katalog", "<code>\(esc(f.iri))</code>"))
        if !d.derivedFrom.isEmpty { rows.append(("Abgeleitet von", d.derivedFrom.map { SiteHTML.external($0) }.joined(separator: "<br>"))) }
        if !d.contributorIDs.isEmpty { rows.append(("Beitragende (ID)", esc(d.contributorIDs.map(SiteLabels.lastSegment).joined(separator: ", ")))) }

        var h = "<section aria-labelledby=\"angaben\">\n<h2 id=\"angaben\">Angaben zum Datensatz</h2>\n<dl class=\"meta\">\n"
        for (k, v) in rows { h += "<dt>\(esc(k))</dt><dd>\(v)</dd>\n" }
        h += "</dl>\n</section>\n"
        return h
    }

    // MARK: spatial

    /// `map`: the dataset's map when already drawn (`SiteContext.maps`), else it is drawn here.
    static func spatial(_ loc: Location, facts: PublishedFacts, boundaries: Boundaries = .empty, map: String? = nil) -> String {
        // Parsed only when no map was drawn beforehand (a drawn map means the geometry parsed).
        let geometry = map == nil ? facts.geometry?.geometry : nil
        let bbox = facts.bbox
        guard map != nil || geometry != nil || bbox != nil || loc.label != nil || loc.uri != nil else { return "" }
        var h = "<section aria-labelledby=\"raum\">\n<h2 id=\"raum\">Räumliche Abdeckung</h2>\n"
        if let label = loc.label, !label.isEmpty { h += "<p>\(SiteHTML.escape(label))</p>\n" }
        if let uri = loc.uri { h += "<p>Ort: \(SiteHTML.external(uri))</p>\n" }
        h += SiteMap.derivationNote(facts)
        if let map {
            h += map
        } else if let g = geometry {
            h += SiteMap.datasetMap(g, area: facts.area, source: facts.geometrySource, boundaries: boundaries, id: "karte")
        }
        if let b = bbox {
            h += "<p class=\"bbox\">Begrenzungsrahmen (WGS 84): West \(SiteMap.coordinate(b.west)), Süd \(SiteMap.coordinate(b.south)), "
            h += "Ost \(SiteMap.coordinate(b.east)), Nord \(SiteMap.coordinate(b.north))</p>\n"
        }
        h += "</section>\n"
        return h
    }

    // MARK: provenance and duplicates

    static func provenance(_ ctx: SiteContext, _ e: SiteEntry) -> String {
        let d = e.dataset
        let esc = SiteHTML.escape
        var h = "<section aria-labelledby=\"herkunft\">\n<h2 id=\"herkunft\">Herkunft</h2>\n"
        if d.provenance.count > 1 {
            h += "<p>Dieser Datensatz ist aus \(d.provenance.count) Einträgen zusammengeführt, die als Dubletten erkannt wurden. Der erste ist der Haupteintrag.</p>\n"
        } else if d.provenance.count == 1 {
            h += "<p>Dieser Datensatz stammt aus einer Quelle.</p>\n"
        }
        if !d.provenance.isEmpty {
            h += "<div class=\"scroll\"><table>\n<caption class=\"visually-hidden\">Quelleinträge des Datensatzes</caption>\n"
            h += "<thead><tr><th scope=\"col\">Quelle</th><th scope=\"col\">Kennung an der Quelle</th><th scope=\"col\">Name</th><th scope=\"col\">Geändert an der Quelle</th><th scope=\"col\">Im Portal</th></tr></thead>\n<tbody>\n"
            for p in d.provenance {
                var src = esc(ctx.sourceTitle(p.sourceID))
                if let k = ctx.model.sourceKeys[p.sourceID] {
                    src = "<a href=\"../suche/quelle-\(esc(k)).html\">\(src)</a>"
                }
                h += "<tr><td>\(src) <span class=\"sub\">\(esc(p.sourceID))</span></td><td><code>\(esc(p.remoteID))</code></td>"
                h += "<td>\(p.remoteName.map(esc) ?? "–")</td><td>\(p.sourceModified.map { SiteHTML.time($0.count == 10 ? .date($0) : .dateTime($0)) } ?? "–")</td>"
                h += "<td>\(p.url.map { SiteHTML.external($0, text: "Eintrag ansehen") } ?? "–")</td></tr>\n"
            }
            h += "</tbody>\n</table></div>\n"
        }
        let others = duplicates(ctx, d)
        if !others.linked.isEmpty || !others.merged.isEmpty {
            h += "<h3>Dubletten</h3>\n<ul>\n"
            for i in others.linked {
                let o = ctx.model.entries[i]
                h += "<li><a href=\"\(esc(o.slug)).html\">\(esc(o.dataset.title))</a> (\(esc(ctx.sourceTitle(o.dataset.sourceID))))</li>\n"
            }
            for id in others.merged { h += "<li><code>\(esc(id))</code> – in diesen Datensatz übernommen</li>\n" }
            h += "</ul>\n"
        }
        h += "</section>\n"
        return h
    }

    /// Other members of this dataset's duplicate groups: those still in the catalogue, and those merged away.
    static func duplicates(_ ctx: SiteContext, _ d: Dataset) -> (linked: [Int], merged: [String]) {
        var linked: Set<Int> = []
        var merged: Set<String> = []
        let me = ctx.model.byID[d.identifier] ?? ctx.model.byID[d.uri]
        let groups = Set((ctx.groupsByMember[d.identifier] ?? []) + (ctx.groupsByMember[d.uri] ?? [])).sorted()
        for group in groups.map({ ctx.input.duplicates[$0] }) {
            for member in group where member != d.identifier && member != d.uri {
                if let i = ctx.model.byID[member] {
                    if i != me { linked.insert(i) }
                } else {
                    merged.insert(member)
                }
            }
        }
        return (linked.sorted(), merged.sorted())
    }

    // MARK: machine-readable

    static func machineReadable(_ ctx: SiteContext, _ d: Dataset) -> String {
        let esc = SiteHTML.escape
        let slug = esc(d.facts.slug)
        var h = "<section aria-labelledby=\"maschinenlesbar\">\n<h2 id=\"maschinenlesbar\">Maschinenlesbar</h2>\n"
        h += "<p>Dieser Datensatz allein:</p>\n<ul class=\"formats\">\n"
        for (suffix, label) in SiteDatasetFiles.formats {
            h += "<li><a href=\"\(slug).\(suffix)\" type=\"\(mediaTypes[suffix] ?? "")\">\(slug).\(suffix)</a> – \(esc(label))</li>\n"
        }
        h += "</ul>\n"
        var items: [String] = []
        for (file, text) in [("catalog.ttl", "gesamter Katalog als RDF (Turtle)"), ("catalog.jsonld", "gesamter Katalog als JSON-LD"),
                             ("datasets.csv", "alle Datensätze als CSV"), ("distributions.csv", "alle Distributionen als CSV")] where ctx.has(file) {
            items.append("<li><a href=\"../\(file)\">\(file)</a> – \(text)</li>")
        }
        if !items.isEmpty {
            h += "<p>Mit der Kennung <code>\(esc(d.identifier))</code> steht er auch in:</p>\n<ul>\n" + items.joined(separator: "\n") + "\n</ul>\n"
        }
        return h + "<p><a href=\"../downloads.html\">Mehr zu den Downloads</a></p>\n</section>\n"
    }

    /// `<link rel="alternate">` to this dataset's JSON, Turtle and JSON-LD, for tools that follow them.
    static func alternates(_ d: Dataset) -> String {
        let slug = SiteHTML.escape(d.facts.slug)
        return SiteDatasetFiles.formats.map { "<link rel=\"alternate\" type=\"\(mediaTypes[$0.suffix] ?? "")\" href=\"\(slug).\($0.suffix)\">\n" }.joined()
    }

    static let mediaTypes = ["json": "application/json", "ttl": "text/turtle", "jsonld": "application/ld+json"]
}
