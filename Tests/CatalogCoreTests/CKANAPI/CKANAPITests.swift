import CatalogCore
import Foundation
import Testing

/// Real values from the Köln DKAN export (offenedaten-koeln.de, 2015-01).
private func koeln(_ name: String, title: String, tags: [String], modified: String, source: String = "koeln") -> Dataset {
    Dataset(
        uri: "https://opendata.example/dataset/\(source)/\(name)", identifier: "b80fdf26-2941-48e1-abb5-c998ec8f9d3e",
        provenance: [Provenance(sourceID: source, remoteID: "b80fdf26-2941-48e1-abb5-c998ec8f9d3e", remoteName: name)],
        title: title, description: "<p>Auflistung der Kölner Kundenzentren inklusive der Darstellung der aktuellen Wartezeit.</p>",
        keywords: tags, themes: ["GOVE"], modified: .dateTime(modified),
        publisher: Agent(uri: "https://www.stadt-koeln.de", name: "Stadt Köln"),
        licence: Licence(raw: "cc-by", uri: "http://dcat-ap.de/def/licenses/cc-by/4.0", status: .open),
        distributions: [Distribution(
            uri: "https://opendata.example/dataset/\(source)/\(name)/distribution/1",
            accessURL: "http://offenedaten-koeln.de/dataset/577fd53d-56ee-4c3f-82ec-355e4bc05e2a/resource/577fd53d-56ee-4c3f-82ec-355e4bc05e2a",
            rawFormat: "json", format: "JSON")])
}

private func catalog(_ datasets: [Dataset]) -> Catalog {
    Catalog(uri: "https://opendata.example/catalog", title: "Test", description: "", publisher: Agent(name: "Hackday"), datasets: datasets)
}

@Suite struct CKANRenderingTests {
    /// Strings are escaped as CKAN escapes them; runs between escapes are copied unchanged (non-ASCII included).
    @Test func stringEscapes() {
        let value = CKANJSON.array([.string("Köln \"Süd\" \\ a<b>&c\n\r\t\u{1}"), .string(""), .string("<"), .string("\u{8}\u{C}\u{7F}")])
        let expected = #"["Köln \"Süd\" \\ a\u003cb\u003e\u0026c\n\r\t\u0001","","\u003c","\u0008\u000c\#u{7F}"]"#
        #expect(String(decoding: value.bytes, as: UTF8.self) == expected)
    }

    @Test func uuid5MatchesPython() {
        // python3 -c 'import uuid; print(uuid.uuid5(uuid.NAMESPACE_URL, "..."))'
        #expect(CKANIdentifiers.uuid5("https://opendata.example/dataset/koeln/kundenzentren-koeln-wartezeiten") == "18a93e2a-1515-53c5-8f1c-1444c9c9e8ca")
        #expect(CKANIdentifiers.uuid5("") == "1b4db7eb-4057-5ddf-91e0-36dec72071f5")
        #expect(CKANIdentifiers.uuid5(String(repeating: "x", count: 200)) == "cd3580b9-d244-586a-8077-74317319b48d")
    }

    @Test func slugsAndTagsAreCKANValid() {
        #expect(CKANIdentifiers.slug("Straßenverzeichnis Köln – Wahlkreise!") == "strassenverzeichnis-koeln-wahlkreise")
        #expect(CKANIdentifiers.slug(String(repeating: "ab ", count: 80)).count <= 100)
        #expect(CKANPackageRenderer.tagNames(["Verwaltung, Haushalt und Steuern", "Geo", "Geo", "x", "Bevölkerung"])
            == ["Verwaltung Haushalt und Steuern", "Geo", "Bevölkerung"])
    }

    @Test func timestampsBecomeCKANUTC() {
        #expect(CKANPackageRenderer.timestamp(.dateTime("2014-12-10T12:25:26+01:00")) == "2014-12-10T11:25:26.000000")
        #expect(CKANPackageRenderer.timestamp(.dateTime("2015-01-01T00:30:00+01:00")) == "2014-12-31T23:30:00.000000")
        #expect(CKANPackageRenderer.timestamp(.dateTime("2026-11-21T16:29:47.079294")) == "2026-11-21T16:29:47.079294")
        #expect(CKANPackageRenderer.timestamp(.date("2024-02-29")) == "2024-02-29T00:00:00.000000")
    }

    @Test func packageDictShape() {
        let d = koeln("kundenzentren-koeln-wartezeiten", title: "Kundenzentren Koeln Wartezeiten",
                      tags: ["Verwaltung, Haushalt und Steuern"], modified: "2014-12-10T12:25:26+01:00")
        let p = CKANPackageRenderer.package(d, catalog: catalog([d]))
        #expect(p["id"]?.stringValue == "18a93e2a-1515-53c5-8f1c-1444c9c9e8ca")
        #expect(p["name"]?.stringValue == "kundenzentren-koeln-wartezeiten")
        #expect(p["license_id"]?.stringValue == "http://dcat-ap.de/def/licenses/cc-by/4.0")
        #expect(p["metadata_modified"]?.stringValue == "2014-12-10T11:25:26.000000")
        #expect(p["groups"]?.arrayValue?.first?["title"]?.stringValue == "Regierung und öffentlicher Sektor")
        #expect(p["resources"]?.arrayValue?.first?["format"]?.stringValue == "JSON")
        #expect(p["num_tags"]?.intValue == 1)
        // Output is valid JSON, and `<` is escaped so it cannot be sniffed as HTML.
        #expect(!p.text.contains("<p>"))
        let parsed = try? JSONSerialization.jsonObject(with: Data(p.bytes)) as? [String: Any]
        #expect((parsed?["notes"] as? String)?.hasPrefix("<p>Auflistung") == true)
    }
}

@Suite struct CKANSearchTests {
    /// Package dicts are rendered into one buffer per block of `packagesPerBuffer` datasets, in catalogue order,
    /// each entry's slice exactly its own dict.
    @Test func packagesShareABufferPerBlock() throws {
        let many = (0..<150).map { koeln("ds-\($0)", title: "Datensatz \($0)", tags: ["t\($0)"], modified: "2015-01-0\($0 % 9 + 1)T10:00:00") }
        let c = catalog(many)
        let index = CKANSearchIndex(catalog: c)
        let ensured = PublishedView.ensure(c)
        var end: UnsafePointer<UInt8>?
        var contiguous = 0
        for (e, d) in zip(index.entries, ensured.datasets) {
            #expect(Array(e.package) == CKANPackageRenderer.package(d, catalog: ensured).bytes)
            let (start, stop) = e.package.withUnsafeBytes { b in
                let p = b.bindMemory(to: UInt8.self)
                return (UnsafePointer(p.baseAddress!), UnsafePointer(p.baseAddress! + p.count))
            }
            if start == end { contiguous += 1 }
            end = stop
        }
        // Every entry follows its predecessor except the first of each block (150 datasets: 3 blocks of 64).
        let size = CKANSearchIndex.packagesPerBuffer
        #expect(size > 1 && size < 150)
        #expect(contiguous == 150 - (150 + size - 1) / size)
    }

    @Test func rowsClampAndValidation() {
        let many = (0..<1100).map { i in
            koeln("datensatz-\(i)", title: "Datensatz \(i)", tags: ["Geo"], modified: "2014-12-10T12:25:26+01:00")
        }
        let api = CKANActionAPI(index: CKANSearchIndex(catalog: catalog(many)), siteTitle: "T", siteURL: "http://x")
        let ok = api.call("package_search", params: ["rows": .string("5000")])
        #expect(ok.status == 200)
        let result = (try? JSONSerialization.jsonObject(with: Data(ok.body)) as? [String: Any])?["result"] as? [String: Any]
        #expect(result?["count"] as? Int == 1100)
        #expect((result?["results"] as? [Any])?.count == 1000)
        #expect(api.call("package_search", params: ["rows": .number(-1)]).status == 409)
        #expect(api.call("package_search", params: ["rows": .string("zehn")]).status == 409)
        #expect(api.call("package_search", params: ["sort": .string("popularity desc")]).status == 409)
        #expect(api.call("package_list", params: ["limit": .string("-1")]).status == 409)
    }

    @Test func queriesFiltersAndNames() throws {
        let a = koeln("kundenzentren-koeln-wartezeiten", title: "Kundenzentren Koeln Wartezeiten", tags: ["Verwaltung, Haushalt und Steuern"], modified: "2014-12-10T12:25:26+01:00")
        let b = koeln("wahllokale", title: "Wahllokale", tags: ["Politik und Wahlen", "Geo"], modified: "2014-11-04T10:00:00+01:00")
        let c = koeln("wahllokale", title: "Wahllokale", tags: ["Politik und Wahlen"], modified: "2015-01-02T10:00:00+01:00", source: "govdata")
        let index = CKANSearchIndex(catalog: catalog([a, b, c]))
        #expect(index.entries.map(\.name) == ["kundenzentren-koeln-wartezeiten", "wahllokale-koeln", "wahllokale"])
        func count(_ q: String = "", _ fq: String = "") throws -> Int {
            var r = CKANSearchIndex.SearchRequest()
            r.q = q
            if !fq.isEmpty { r.fq = [fq] }
            return try index.search(r).count
        }
        #expect(try count("WAHL") == 2)
        #expect(try count("wahl geo") == 1)
        #expect(try count("*:*") == 3)
        #expect(try count("*") == 3)
        #expect(try count("", "tags:\"Politik und Wahlen\"") == 2)
        #expect(try count("", "tags:\"Politik und Wahlen\" -tags:Geo") == 1)
        #expect(try count("", "NOT tags:Geo") == 2)
        #expect(try count("", "name:wahllokale*") == 2)
        #expect(try count("", "metadata_modified:[2014-12-01T00:00:00Z TO *]") == 2)
        #expect(try count("", "res_format:JSON organization:stadt-koeln") == 3)
        #expect(try count("", "unknown_field:x") == 0)
        var r = CKANSearchIndex.SearchRequest()
        r.sort = "metadata_modified desc"
        #expect(try index.search(r).matches == [2, 0, 1])
    }
}
