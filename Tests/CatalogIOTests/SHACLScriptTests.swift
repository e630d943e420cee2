import CatalogTestSupport
import Foundation
import Testing

@testable import CatalogIO

@Suite struct SHACLScriptTests {
    /// `opendata validate` embeds scripts/shacl_validate.py; the two must not drift apart.
    @Test func embeddedScriptEqualsRepositoryScript() throws {
        let file = try String(contentsOf: Fixtures.packageRoot.appendingPathComponent("scripts/shacl_validate.py"), encoding: .utf8)
        #expect(SHACLScript.source == file)
    }

    /// `opendata validate` checks a catalogue against its profile's shapes: 2.0 when catalog.model.json says so.
    @Test func shapeSetsFollowTheCataloguesProfile() throws {
        let dir = TestFolder.path("shacl-sets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let ttl = dir.appendingPathComponent("catalog.ttl")
        #expect(SHACLValidator.defaultProfiles(forCatalogue: ttl) == ["v30_de_spec"])  // no model: the default profile, 3.0
        let padding = String(repeating: "x", count: 10_000)
        let model = #"{"datasets":[{"title":"\#(padding)"}],"description":"d","profile":"dcat-ap.de-2.0","title":"t","uri":"u"}"#
        try Data(model.utf8).write(to: dir.appendingPathComponent("catalog.model.json"))
        #expect(SHACLValidator.defaultProfiles(forCatalogue: ttl) == ["v20_de_spec"])
        try Data(model.replacingOccurrences(of: #""profile":"dcat-ap.de-2.0","#, with: "").utf8).write(to: dir.appendingPathComponent("catalog.model.json"))
        #expect(SHACLValidator.defaultProfiles(forCatalogue: ttl) == ["v30_de_spec"])
    }
}

/// `opendata validate --profile`: the real shapes from catalog/shacl/ through pyshacl, on a two-dataset catalogue.
@Suite struct SHACLProfileTests {
    static let catalogue = """
        @prefix dcat: <http://www.w3.org/ns/dcat#> .
        @prefix dct: <http://purl.org/dc/terms/> .
        @prefix foaf: <http://xmlns.com/foaf/0.1/> .
        @prefix dcatde: <http://dcat-ap.de/def/dcatde/> .
        <https://example.org/k> a dcat:Catalog ; dct:title "K"@de ; dct:description "K"@de ;
            dct:publisher <https://example.org/p> ; dcat:dataset <https://example.org/d/good>, <https://example.org/d/bare> .
        <https://example.org/p> a foaf:Agent ; foaf:name "Stadt Aachen" .
        <https://example.org/d/good> a dcat:Dataset ; dct:title "Gut"@de ; dct:description "Mit allem"@de ;
            dct:publisher <https://example.org/p> ; dcat:keyword "Verkehr"@de ;
            dcatde:contributorID <http://dcat-ap.de/def/contributors/berlinOpenData> ;
            dcat:distribution <https://example.org/d/good/1> .
        <https://example.org/d/good/1> a dcat:Distribution ; dcat:accessURL <https://example.org/f.csv> ;
            dct:license <http://dcat-ap.de/def/licenses/dl-zero-de/2.0> .
        <https://example.org/d/bare> a dcat:Dataset ; dct:title "Kahl"@de ; dct:description "Ohne Schlagwort"@de ;
            dcat:distribution <https://example.org/d/bare/1> .
        <https://example.org/d/bare/1> a dcat:Distribution .
        """

    @Test func resultsAreTracedToTheirDatasetWithGermanMessages() throws {
        let dir = TestFolder.path("shacl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("catalog.ttl")
        try Data(Self.catalogue.utf8).write(to: file)
        let validator = SHACLValidator(shaclDirectory: Fixtures.packageRoot.appendingPathComponent("catalog/shacl"), cacheDirectory: dir)
        let report = try validator.validate(file, sets: ["v30_de_spec", "dashboard_live"])

        // DCAT-AP.de 3.0: the bare distribution lacks dcat:accessURL — a violation of the bare dataset, not the good one.
        let de3 = try #require(report.sets["v30_de_spec"])
        #expect(de3.violations > 0)
        let bare = try #require(de3.datasets.first { $0.dataset == "https://example.org/d/bare" })
        #expect(bare.violations > 0)
        #expect(bare.results.contains { $0.path == "http://www.w3.org/ns/dcat#accessURL" && $0.severity == "Violation" })
        #expect(de3.datasets.first { $0.dataset == "https://example.org/d/good" }?.violations ?? 0 == 0)

        // The dashboard: no keyword and no licence are failed checks of the bare dataset, with GovData's German text.
        let dash = try #require(report.sets["dashboard_live"])
        #expect(dash.violations == 0 && dash.failed >= 2)
        let bareDash = try #require(dash.datasets.first { $0.dataset == "https://example.org/d/bare" })
        #expect(bareDash.failed >= 2)
        #expect(bareDash.results.contains { $0.path == "http://www.w3.org/ns/dcat#keyword" && $0.message.contains("Keyword") && $0.message.contains("muss") })
        #expect(dash.datasets.first { $0.dataset == "https://example.org/d/good" } == nil)
    }

    @Test func profileNamesAndAliases() {
        #expect(SHACLValidator.profile(named: "v30_de_spec") == "v30_de_spec")
        #expect(SHACLValidator.profile(named: "dcat-ap-de") == "v20_de_spec")
        #expect(SHACLValidator.profile(named: "dcat-ap-3") == "dcat-ap-3.0.0")
        #expect(SHACLValidator.profile(named: "v40") == nil)
        // Every profile's shape folder is shipped.
        let root = Fixtures.packageRoot.appendingPathComponent("catalog/shacl")
        for folder in ["dcat-ap-de-3.0", "dcat-ap-de-2.0", "dcat-ap-3.0.0", "dcat-ap-3.0.1", "govdata-dashboard-live", "dcat-ap-hvd-3.0.0", "vocabularies-extra"] {
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(folder).path), "\(folder)")
        }
    }
}
