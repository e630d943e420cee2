@testable import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

/// Helpers to read a rendered site.
struct RenderedSite {
    var files: [String: String]
    var names: [String]

    init(_ input: SiteInput) {
        let out = SiteRenderer.render(input)
        names = out.map(\.name)
        var files: [String: String] = [:]
        for f in out { files[f.name] = String(decoding: f.bytes, as: UTF8.self) }
        self.files = files
    }

    subscript(_ name: String) -> String? { files[name] }

    var pages: [String] { names.filter { $0.hasSuffix(".html") } }

    /// Values of every `attr="…"` in a page (entities `&amp;` decoded).
    static func attributes(_ attr: String, in html: String) -> [String] {
        var out: [String] = []
        var rest = Substring(html)
        let marker = " \(attr)=\""
        while let r = rest.range(of: marker) {
            let after = rest[r.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            out.append(String(after[..<end]).replacingOccurrences(of: "&amp;", with: "&"))
            rest = after[after.index(after: end)...]
        }
        return out
    }

    /// `<li …>` items of the dataset list on a page.
    static func listItems(_ html: String) -> Int {
        html.components(separatedBy: "<li data-thema=").count - 1
    }

    /// Resolves a relative link from a page to a site path (nil for external, mailto and in-page links).
    static func resolve(_ href: String, from page: String) -> String? {
        if href.hasPrefix("http://") || href.hasPrefix("https://") || href.hasPrefix("mailto:") || href.hasPrefix("#") { return nil }
        var target = href
        if let i = target.firstIndex(where: { $0 == "#" || $0 == "?" }) { target = String(target[..<i]) }
        var parts = page.split(separator: "/").dropLast().map(String.init)
        for seg in target.split(separator: "/", omittingEmptySubsequences: false) {
            if seg == ".." { _ = parts.popLast() } else if seg != "." { parts.append(String(seg)) }
        }
        return parts.joined(separator: "/")
    }
}

@Suite struct SiteHTMLTests {
    @Test func escapesHostileText() {
        #expect(SiteHTML.escape("<script>alert(\"x\")</script> & 'y'")
            == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;")
        // Already-escaped entities are escaped again (no double-decoding).
        #expect(SiteHTML.escape("&amp;") == "&amp;amp;")
        // Controls HTML forbids become U+FFFD; CRLF and CR become LF; tabs and non-ASCII stay.
        #expect(SiteHTML.escape("a\u{0}b\u{7}c\u{85}d\u{FFFF}") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}")
        #expect(SiteHTML.escape("x\r\ny\rz\tÄ€") == "x\ny\nz\tÄ€")
        // Decomposed umlauts (as in the Berlin register) are composed (NFC).
        #expect(SiteHTML.escape("Ra\u{0308}ume").unicodeScalars.elementsEqual("R\u{00E4}ume".unicodeScalars))
    }

    @Test func paragraphsKeepLineBreaks() {
        #expect(SiteHTML.paragraphs("Eins\nZwei\n\n<Drei>") == "<p>Eins<br>\nZwei</p>\n<p>&lt;Drei&gt;</p>")
        #expect(SiteHTML.paragraphs("  \n ") == "")
    }

    @Test func onlyWebAndMailLinksBecomeHrefs() {
        #expect(SiteHTML.external("javascript:alert(1)") == "javascript:alert(1)")
        #expect(SiteHTML.external("JaVaScRiPt:alert(1)", text: "x") == "x")
        #expect(SiteHTML.external("data:text/html,<b>") == "data:text/html,&lt;b&gt;")
        #expect(SiteHTML.external("https://a.example/?x=1&y=\"2\"", text: "<A>")
            == "<a href=\"https://a.example/?x=1&amp;y=%222%22\" rel=\"external noopener\">&lt;A&gt;</a>")
        // Characters URLs do not allow are percent-encoded after the host (the Nu checker rejects them raw);
        // valid escapes, IPv6 brackets and non-ASCII stay.
        #expect(SiteHTML.href("http://www.geoportal.rlp.de:80/portal/karten.html?LAYER[zoom]=1&LAYER[id]=38836")
            == "http://www.geoportal.rlp.de:80/portal/karten.html?LAYER%5Bzoom%5D=1&LAYER%5Bid%5D=38836")
        #expect(SiteHTML.href("http://[::1]:8080/a b/{x}|^`?q=50%&r=%2F#<f>") == "http://[::1]:8080/a%20b/%7Bx%7D%7C%5E%60?q=50%25&r=%2F#%3Cf%3E")
        #expect(SiteHTML.href("https://münchen.de/straße?ä=1") == "https://münchen.de/straße?ä=1")
        #expect(SiteHTML.href("mailto:a@b.example") == "mailto:a@b.example")
        #expect(SiteHTML.href("  https://a.example/x y ") == "https://a.example/x%20y")
        // Broken hosts seen in the Berlin register stay text.
        #expect(!SiteHTML.isLinkable("http://%20https://www.statistik-berlin-brandenburg.de/a.kmz"))
        #expect(!SiteHTML.isLinkable("http://%09/imperia/md/content/x.xls"))
        #expect(!SiteHTML.isLinkable("http:///x") && !SiteHTML.isLinkable("https://host:80x/"))
        #expect(SiteHTML.isLinkable("https://user@daten.berlin.de:8443/a?b=c#d") && SiteHTML.isLinkable("http://[::1]/") && SiteHTML.isLinkable("https://münchen.de/"))
        #expect(SiteHTML.email("mailto:info@stadt-koeln.de") == "<a href=\"mailto:info@stadt-koeln.de\">info@stadt-koeln.de</a>")
        #expect(SiteHTML.email("x\"@y onmouseover=") == "x&quot;@y onmouseover=")
    }

    @Test func slugsAreFilesystemSafe() {
        #expect(SiteHTML.slug("Straßen & Plätze – Übersicht (Köln)") == "strassen-plaetze-uebersicht-koeln")
        #expect(SiteHTML.slug("Café/../../etc/passwd") == "cafe-etc-passwd")
        #expect(SiteHTML.slug("<<>>") == "x")
        #expect(SiteHTML.slug(String(repeating: "a", count: 200)).count == 80)
    }

    @Test func germanNumbersSizesAndDates() {
        #expect(SiteHTML.number(1234567) == "1.234.567")
        #expect(SiteHTML.number(999) == "999")
        #expect(SiteHTML.byteSize(512) == "512 B")
        #expect(SiteHTML.byteSize(1_534_000) == "1,5 MB")
        #expect(SiteHTML.time(.date("2015-01-05")) == "<time datetime=\"2015-01-05\">05.01.2015</time>")
        #expect(SiteHTML.time(.dateTime("2014-12-10T12:25:26+01:00")) == "<time datetime=\"2014-12-10T12:25:26+01:00\">10.12.2014, 12:25</time>")
        // Six fraction digits are not a valid HTML date-time: shown, but without a datetime attribute.
        #expect(SiteHTML.time(.dateTime("2020-08-23T08:35:37.926967")) == "<span title=\"2020-08-23T08:35:37.926967\">23.08.2020, 08:35</span>")
        #expect(SiteHTML.time(.date("nicht bekannt")) == "nicht bekannt")
        #expect(SiteMap.coordinate(6.08) == "6,08°")
        #expect(SiteMap.coordinate(-0.000001) == "0°")
    }
}

@Suite struct SiteRendererTests {
    typealias F = SiteFixtures

    static let demoSite = RenderedSite(SiteInput(catalog: F.demo.catalog, report: F.demo.report, duplicates: F.demo.duplicates,
                                                 downloads: F.allDownloads))

    /// Recorded data is never passed off as the portals' current state: with sources read from recordings every
    /// page names them (and the sources not read); a run from the portals themselves shows no notice.
    @Test func recordedSourcesAreNamedOnEveryPage() {
        var input = SiteInput(catalog: F.koeln, downloads: F.allDownloads)
        input.recordedSources = ["Offene Daten Köln (Aufnahme Januar 2015)"]
        input.skippedSources = ["Offene Daten <Aachen>"]
        let pages = SiteRenderer.render(input).filter { $0.name.hasSuffix(".html") }
        #expect(pages.count > 10)
        for page in pages {
            let html = String(decoding: page.bytes, as: UTF8.self)
            #expect(html.contains("<p class=\"notice\" role=\"note\"><strong>Hinweis:</strong> Dieser Katalog ist aus aufgezeichneten Daten erstellt"), "\(page.name)")
            #expect(html.contains("Offene Daten Köln (Aufnahme Januar 2015). Nicht gelesen: Offene Daten &lt;Aachen&gt;."), "\(page.name)")
        }
        let live = SiteRenderer.render(SiteInput(catalog: F.koeln, downloads: F.allDownloads))
        #expect(live.allSatisfy { !String(decoding: $0.bytes, as: UTF8.self).contains("class=\"notice\"") })
    }

    @Test func rendersEveryPageOnceSortedAndDeterministic() throws {
        let site = Self.demoSite
        let c = F.demo.catalog
        #expect(site.names == site.names.sorted())
        #expect(Set(site.names).count == site.names.count)
        for required in ["index.html", "downloads.html", "harvest.html", "assets/site.css", "assets/site.js"] {
            #expect(site[required] != nil, "\(required) missing")
        }
        let datasetPages = site.pages.filter { $0.hasPrefix("datensatz/") }
        #expect(datasetPages.count == c.datasets.count)
        for name in datasetPages {
            let slug = name.dropFirst("datensatz/".count).dropLast(".html".count)
            #expect(!slug.isEmpty && slug.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }, "unsafe slug \(slug)")
        }
        // Same input in another order → same bytes.
        var shuffled = c
        shuffled.datasets.reverse()
        let again = SiteRenderer.render(SiteInput(catalog: shuffled, report: F.demo.report, duplicates: F.demo.duplicates, downloads: F.allDownloads))
        let first = SiteRenderer.render(SiteInput(catalog: c, report: F.demo.report, duplicates: F.demo.duplicates, downloads: F.allDownloads))
        #expect(again == first)
    }

    @Test func everyRelativeLinkResolves() throws {
        let site = Self.demoSite
        let available = Set(site.names).union(F.allDownloads)
        var checked = 0
        for page in site.pages {
            let html = try #require(site[page])
            for href in RenderedSite.attributes("href", in: html) + RenderedSite.attributes("src", in: html) {
                #expect(!href.lowercased().hasPrefix("javascript:"))
                if href.hasPrefix("#") {
                    #expect(html.contains("id=\"\(href.dropFirst())\""), "\(page): no anchor \(href)")
                    continue
                }
                guard let target = RenderedSite.resolve(href, from: page) else { continue }
                #expect(available.contains(target), "\(page): broken link \(href)")
                checked += 1
            }
        }
        #expect(checked > 3000)
    }

    @Test func facetPagesExistForEveryValueWithMatchingCounts() throws {
        let site = Self.demoSite
        let index = try #require(site["index.html"])
        let total = F.demo.catalog.datasets.count
        // Lists are paged: index.html, seiten/2.html … hold every dataset once, at most listPageSize each.
        let pageSize = SiteRenderer.listPageSize
        let indexPages = (1...((total + pageSize - 1) / pageSize)).map { SiteRenderer.indexPagePath($0) }
        #expect(indexPages.count > 1 && site[SiteRenderer.indexPagePath(indexPages.count + 1)] == nil)
        let counts = try indexPages.map { RenderedSite.listItems(try #require(site[$0], "no \($0)")) }
        #expect(counts.reduce(0, +) == total && counts.allSatisfy { $0 <= pageSize })
        #expect(index.contains("<a href=\"seiten/2.html\" rel=\"next\">Weiter ›</a>"))
        #expect(site["seiten/2.html"]?.contains("<a href=\"../index.html\" rel=\"prev\">‹ Zurück</a>") == true)
        #expect(site[indexPages.last!]?.contains("rel=\"prev\"") == true && site[indexPages.last!]?.contains("rel=\"next\"") == false)
        let model = SiteModel(SiteInput(catalog: F.demo.catalog, downloads: F.allDownloads))
        for facet in model.facets {
            var sum = 0
            for value in facet.values {
                _ = try #require(site[value.path(facet.kind)], "no page for \(facet.kind) \(value.key)")
                let pages = (value.entries.count + pageSize - 1) / pageSize
                let items = try (1...pages).map { RenderedSite.listItems(try #require(site[value.path(facet.kind, page: $0)])) }
                #expect(items.reduce(0, +) == value.entries.count && items.allSatisfy { $0 <= pageSize })
                #expect(site[value.path(facet.kind, page: pages + 1)] == nil)
                // The index links the page and shows its count next to it.
                #expect(index.contains("href=\"\(value.path(facet.kind))\">"))
                #expect(index.contains("</a> <span class=\"count\">\(value.entries.count)</span>"))
                sum += value.entries.count
            }
            // Single-valued facets partition the catalogue.
            if [.herausgeber, .quelle, .lizenz].contains(facet.kind) { #expect(sum == total) }
        }
        // Every facet key a dataset carries has a page (themes, formats: multi-valued).
        for e in model.entries {
            for kind in SiteFacetKind.allCases {
                #expect(e.keys[kind]?.isEmpty == false, "no \(kind) key")
                for k in e.keys[kind] ?? [] { #expect(site["suche/\(kind.rawValue)-\(k).html"] != nil) }
            }
        }
        // Theme pages use the German EU labels.
        #expect(model.value(.thema, key: "envi")?.label == "Umwelt")
        #expect(site["suche/thema-envi.html"]?.contains("<h1>Thema: Umwelt</h1>") == true)
        // "ohne Thema" lists the datasets without a theme (no page when every dataset has one).
        #expect((model.value(.thema, key: "ohne")?.entries.count ?? 0) == F.demo.catalog.datasets.filter(\.themes.isEmpty).count)
        #expect(site["suche/quelle-koeln.html"] != nil)
        #expect(site["suche/lizenz-open.html"] != nil)
    }

    @Test func hostileValuesAreEscapedEverywhere() throws {
        let src = SiteFixtures.source("evil<src>", title: "Böse \"Quelle\" & <i>Co</i>", portal: "https://portal.example")
        let json = """
        {"id": "e1", "name": "boese-daten", "title": "<script>alert('t')</script> & \\"Titel\\"",
         "notes": "Zeile 1 <img src=x onerror=alert(1)>\\nZeile 2 & mehr",
         "url": "javascript:alert('landing')",
         "organization": {"title": "<b>Amt</b> für \\"Daten\\" & Co"},
         "maintainer": "Max <Muster>", "maintainer_email": "max@example.org",
         "license_id": "<evil licence>",
         "tags": [{"name": "<tag>"}, {"name": "a&b"}],
         "resources": [
           {"id": "r1", "name": "<svg onload=alert(1)>", "url": "javascript:alert(1)", "format": "CSV\\"><x"},
           {"id": "r2", "name": "Daten & Fakten", "url": "https://example.org/a.csv?x=1&y=2", "format": "csv"}
         ]}
        """
        let mapped = SiteFixtures.mapJSON(json, src)
        var evil = try #require(mapped.dataset)
        // The CKAN mapper strips tags from notes; other sources (DCAT) may not, so set a raw one.
        evil.description = "Zeile 1 <img src=x onerror=alert(1)>\r\nZeile 2 & mehr"
        var catalog = F.koeln
        catalog.datasets.append(evil)
        catalog.title = "Katalog <script>x</script>"
        let site = RenderedSite(SiteInput(catalog: catalog, downloads: F.allDownloads,
                                          sourceTitles: ["evil<src>": "Böse \"Quelle\" & <i>Co</i>"]))
        for page in site.pages {
            let html = try #require(site[page])
            #expect(!html.contains("<script>alert"), "\(page)")
            #expect(!html.contains("<script>x"), "\(page)")
            #expect(!html.contains("<img src=x"), "\(page)")
            #expect(!html.contains("<svg onload"), "\(page)")
            #expect(!html.contains("<b>Amt"), "\(page)")
            #expect(!html.contains("<i>Co"), "\(page)")
            #expect(!html.lowercased().contains("href=\"javascript:"), "\(page)")
            #expect(!html.contains(" onerror=alert(1)>"), "\(page)")
            // No inline event handlers or inline scripts at all.
            #expect(html.range(of: #"<[^>]* on[a-z]+="#, options: .regularExpression) == nil, "\(page)")
            #expect(!html.contains("<script>"), "\(page)")
        }
        let page = try #require(site.names.first { $0.hasPrefix("datensatz/evil-src-") }.flatMap { site[$0] })
        #expect(page.contains("<h1>&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; &amp; &quot;Titel&quot;</h1>"))
        let desc = page.components(separatedBy: "<h2 id=\"beschreibung\">Beschreibung</h2>\n").last?.components(separatedBy: "</section>").first ?? ""
        #expect(desc == "<p>Zeile 1 &lt;img src=x onerror=alert(1)&gt;<br>\nZeile 2 &amp; mehr</p>\n")
        #expect(page.contains("href=\"https://example.org/a.csv?x=1&amp;y=2\" rel=\"external noopener\""))
        #expect(page.contains("<li>&lt;tag&gt;</li>") && page.contains("<li>a&amp;b</li>"))
        #expect(page.contains("Böse &quot;Quelle&quot; &amp; &lt;i&gt;Co&lt;/i&gt;"))
        // The source facet key is a safe slug of the hostile id.
        #expect(site["suche/quelle-evil-src.html"] != nil)
    }

    @Test func datasetPageShowsMetadataDistributionsAndProvenance() throws {
        let site = Self.demoSite
        let model = SiteModel(SiteInput(catalog: F.demo.catalog))
        let entry = try #require(model.entries.first { $0.dataset.provenance.first?.remoteName == "spiel-und-sportplaetze-koeln" })
        let d = entry.dataset
        let html = try #require(site[entry.path])
        #expect(entry.slug == "koeln-spiel-und-sportplaetze-koeln")
        #expect(html.contains("<h1>Spiel- und Sportplaetze in Koeln</h1>"))
        #expect(html.contains("<code>\(d.identifier)</code>"))
        #expect(html.contains("<a href=\"mailto:offenedaten@stadt-koeln.de\">"))
        // One entry per distribution, each with a licence badge and a link.
        let rows = html.components(separatedBy: "<li class=\"file\">").count - 1
        #expect(rows == d.distributions.count)
        #expect(html.contains("class=\"badge s-\(d.distributions[0].licence?.status.rawValue ?? "missing")\""))
        if let url = d.distributions[0].downloadURL ?? Optional(d.distributions[0].accessURL), SiteHTML.isLinkable(url) {
            #expect(html.contains("href=\"\(SiteHTML.escape(SiteHTML.href(url)))\" rel=\"external noopener\""))
        }
        // Provenance: merged with the 2014 record (same CKAN name) → said so, both sources listed with portal links.
        #expect(d.provenance.count == 2)
        #expect(html.contains("Zusammengeführt: Dieser Datensatz wurde in 2 Quellen gefunden"))
        #expect(html.contains("Offene Daten Köln (ältere Aufnahme November 2014)"))
        for p in d.provenance { #expect(html.contains("<code>\(SiteHTML.escape(p.remoteID))</code>")) }
        #expect(html.contains("href=\"http://offenedaten-koeln.de/dataset/spiel-und-sportplaetze-koeln\" rel=\"external noopener\""))
        // The 2014 record's identifier is listed as merged into this one.
        let group = try #require(F.demo.duplicates.first { $0.first == d.identifier })
        if group[1] != d.identifier { #expect(html.contains("<code>\(SiteHTML.escape(group[1]))</code> – in diesen Datensatz übernommen")) }
        #expect(html.contains("href=\"../catalog.ttl\""))
    }

    @Test func spatialCoverageIsDrawnAsSVGWithBBoxText() throws {
        let site = Self.demoSite
        let model = SiteModel(SiteInput(catalog: F.demo.catalog))
        let entry = try #require(model.entries.first { $0.dataset.sourceID == "govdata" })
        let html = try #require(site[entry.path])
        #expect(html.contains("<svg viewBox=\"0 0 320.0 220.0\""))
        #expect(html.contains("role=\"img\" aria-labelledby=\"karte-titel\""))
        #expect(html.contains("<path class=\"pg\""))
        #expect(html.contains("West 8,42055°, Süd 53,39498°, Ost 10,3263°, Nord 53,96415°"))
        #expect(html.contains(">9°</text>") && html.contains(">53,6°</text>"))
        // German labels for EU vocabularies; the licence shown is the distributions' (the dataset names none).
        #expect(html.contains("<dt>Aktualisierung</dt><dd>nie</dd>"))
        #expect(html.contains("<dt>Sprache</dt><dd>Deutsch</dd>"))
        #expect(html.contains("<dt>Zugriffsrechte</dt><dd>öffentlich</dd>"))
        #expect(entry.dataset.licence?.status == .missing && entry.dataset.facts.licence.status == .open)
        #expect(html.contains("Lizenz: <span class=\"badge s-open\">offen</span>"))
        #expect(entry.keys[.lizenz] == ["open"])
        // Datasets without spatial coverage have no map.
        let plain = try #require(site["datensatz/koeln-spiel-und-sportplaetze-koeln.html"])
        #expect(!plain.contains("<svg"))

        // A point gets a circle inside the frame.
        let point = SiteMap.svg(.point([6.08, 50.776]), id: "k")
        #expect(point.contains("<circle class=\"pt\" cx=\"160.0\" cy=\"110.0\" r=\"5\"/>"))
    }

    @Test func downloadsPageDescribesEveryColumnAndLinksOnlyPresentFiles() throws {
        let site = RenderedSite(SiteInput(catalog: F.koeln, downloads: ["datasets.csv", "distributions.csv", "catalog.ttl"]))
        let html = try #require(site["downloads.html"])
        for c in TabularExport.datasetColumns + TabularExport.distributionColumns {
            #expect(html.contains("<code>\(c.name)</code></th><td>\(c.type)</td><td>"))
        }
        // Every column is explained in German.
        for c in TabularExport.datasetColumns + TabularExport.distributionColumns {
            #expect(!c.german.isEmpty && c.german != c.description, "\(c.name) has no German text")
            #expect(html.contains("<code>\(c.name)</code></th><td>\(c.type)</td><td>\(SiteHTML.escape(c.german))</td>"))
        }
        #expect(html.contains("<a href=\"datasets.csv\">datasets.csv</a>"))
        #expect(!html.contains("href=\"report.json\""))
        #expect(html.contains("<span>report.json</span> <span class=\"sub\">(in diesem Lauf nicht erzeugt)</span>"))
        #expect(html.contains("pd.read_csv(&quot;datasets.csv&quot;)") || html.contains("pd.read_csv(\"datasets.csv\")"))
        #expect(html.contains("/api/3/action/"))
        #expect(html.contains("QGIS") && html.contains("UTF-8"))
        // No licences.html → no nav link to it.
        #expect(!(site["index.html"] ?? "").contains("licences.html"))
    }

    /// A code's group on harvest.html counts its findings, keeps the gravest severity and the first samples in
    /// the findings' order, whatever order they come in.
    @Test func findingGroupsKeepTheirFirstSamples() {
        var generator = SystemRandomNumberGenerator()
        let findings = (0..<500).map { i in
            Finding(i == 77 ? .error : .note, "c", source: "s\(i % 7)", record: String(format: "r%03d", i), "m\(i)", de: "m")
        }
        for order in [findings, findings.shuffled(using: &generator), findings.reversed()] {
            var group = FindingGroup()
            for f in order { group.add(f, samples: 5) }
            #expect(group.count == 500)
            #expect(group.severity == .error)
            #expect(group.samples == Array(findings.sorted().prefix(5)))
        }
        var none = FindingGroup()
        none.add(findings[0], samples: 0)
        #expect(none.count == 1 && none.samples.isEmpty)
    }

    @Test func harvestPageGroupsFindingsByCode() throws {
        let site = Self.demoSite
        let html = try #require(site["harvest.html"])
        let r = F.demo.report
        for s in r.sources {
            #expect(html.contains(SiteHTML.escape(s.title)))
            #expect(html.contains("<td class=\"n\">\(SiteHTML.number(s.fetched))</td>"))
        }
        var byCode: [String: Int] = [:]
        for f in r.findings { byCode[f.code, default: 0] += 1 }
        #expect(!byCode.isEmpty)
        for (code, n) in byCode {
            #expect(html.contains("\(SiteHTML.escape(SiteFindingTexts.title(code))) (\(SiteHTML.number(n))) <code>\(SiteHTML.escape(code))</code></h3>"), "\(code)")
            if n > SitePages.findingSamples {
                #expect(html.contains("… und \(SiteHTML.number(n - SitePages.findingSamples)) weitere in <a href=\"findings.jsonl\">findings.jsonl</a>"))
            }
        }
        // report.json lists only the first warnings of a code: the page sends readers to findings.jsonl for all.
        #expect(html.contains("jeder Befund mit seinem Eintrag in <a href=\"findings.jsonl\">findings.jsonl</a>"))
        #expect(!html.contains("weitere in <a href=\"report.json\">"))
        let shown = html.components(separatedBy: "<li><span class=\"sev sev-").count - 1
        #expect(shown == byCode.values.reduce(0) { $0 + min($1, SitePages.findingSamples) })
        #expect(html.contains("<time datetime=\"2025-01-02T03:04:05Z\">02.01.2025, 03:04 UTC</time>"))

        let none = RenderedSite(SiteInput(catalog: F.koeln))
        #expect(none["harvest.html"]?.contains("kein Laufbericht") == true)
    }

    @Test func pagesHaveAccessibleFrame() throws {
        let site = Self.demoSite
        for page in site.pages {
            let html = try #require(site[page])
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"de\">"))
            #expect(html.contains("<a class=\"skip\" href=\"#inhalt\">"))
            #expect(html.contains("<main id=\"inhalt\""))
            #expect(html.components(separatedBy: "<h1").count == 2, "\(page): exactly one h1")
            // Every form control has a label.
            for id in RenderedSite.attributes("id", in: html) where id.hasPrefix("f-") {
                #expect(html.contains("<label for=\"\(id)\">"))
            }
        }
    }

}
