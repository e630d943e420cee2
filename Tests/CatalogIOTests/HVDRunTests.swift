import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

@testable import CatalogIO

/// High-value datasets end to end: `[[hvd]]` rules flag datasets of two real inputs, the catalogue carries the
/// DCAT-AP HVD terms and data services, the real pyshacl with the HVD 3.0.0 shapes checks exactly the flagged
/// datasets, and hvd.csv, the page, report.json and the CKAN API state the same.
@Suite(.serialized) struct HVDRunTests {
    /// The RLP election map offers a WMS and names a contact (as `poststelle(at)statistik.rlp.de`); Hamburg's
    /// Stadtgrün offers WMS and WFS but names no contact address.
    static let rlp = "0ee2fe79-fc37-400d-a8ca-4915b0295aec"
    static let rules = """
        [[hvd]]
        name = "Kartendienst"
        category = "Administrative units"
        datasets = ["\(rlp)"]

        [[hvd]]
        category = ["Geospatial", "c_dd313021"]
        sources = ["hamburg"]
        keywords = ["geodaten"]
        """

    @Test func flaggedDatasetsArePublishedAsHVDAndOnlyTheyAreChecked() async throws {
        let bench = try PlainBench()
        let config = try bench.config(try ValidationRunTests.sources(bench),
                                      extra: "[validation]\nprofiles = [\"hvd\"]\nshacl = \"\(Fixtures.catalog("shacl").path)\"\n\(Self.rules)")
        let summary = try await bench.run(config)
        #expect(summary.exitCode == 0)
        let catalog = try Catalog(modelJSON: Data(contentsOf: bench.out.appendingPathComponent("catalog.model.json")))
        let flagged = catalog.datasets.filter { $0.published?.hvd != nil }
        let rlp = try #require(flagged.first { $0.identifier == Self.rlp })
        let hamburg = try #require(flagged.first { $0.sourceID == "hamburg" })
        #expect(flagged.count == 2)
        #expect(rlp.published?.hvd == PublishedHVD(categories: ["c_9427236f"], reasons: ["Kartendienst"]))
        #expect(hamburg.published?.hvd == PublishedHVD(categories: ["c_ac64a52d", "c_dd313021"], reasons: ["Regel 2"]))

        // The graph: categories, the regulation, and the WMS as a data service with its endpoint and description.
        let turtle = try String(contentsOf: bench.out.appendingPathComponent("catalog.ttl"), encoding: .utf8)
        let graph = try TurtleParser.parse(Data(turtle.utf8), baseIRI: nil)
        let r5r = "http://data.europa.eu/r5r/", dcat = "http://www.w3.org/ns/dcat#"
        let rlpIRI = try #require(rlp.published?.iri)
        #expect(graph.objects(.iri(rlpIRI), r5r + "hvdCategory").compactMap(\.iri) == ["http://data.europa.eu/bna/c_9427236f"])
        #expect(graph.objects(.iri(rlpIRI), r5r + "applicableLegislation").compactMap(\.iri) == [HVDCategory.legislation])
        let services = rlp.published!.distributions.compactMap { d in graph.object(.iri(d.iri), dcat + "accessService")?.iri }
        let service = try #require(services.first)
        #expect(services.count == 1)
        #expect(graph.object(.iri(service), dcat + "endpointURL")?.iri == "http://www.geoportal.rlp.de/mapbender/php/wms.php?layer_id=38836")
        #expect(graph.object(.iri(service), dcat + "endpointDescription")?.iri?.contains("REQUEST=GetCapabilities") == true)
        #expect(graph.object(.iri(service), dcat + "servesDataset")?.iri == rlpIRI)
        #expect(graph.object(.iri(service), dcat + "contactPoint") != nil)
        // A dataset no rule names carries none of it.
        let other = try #require(catalog.datasets.first { $0.published?.hvd == nil })
        #expect(graph.objects(.iri(other.published!.iri), r5r + "hvdCategory").isEmpty)

        // The HVD shapes check the two flagged datasets only: the RLP dataset passes, Hamburg's services lack a contact.
        let report = try JSONDecoder().decode(ValidationReport.self, from: Data(contentsOf: bench.out.appendingPathComponent("validierung.json")))
        let set = try #require(report.sets["hvd"])
        #expect(Set(set.scope ?? []) == [rlpIRI, hamburg.published!.iri])
        #expect(set.datasets.allSatisfy { set.scope!.contains($0.dataset) })
        #expect(set.dataset(rlpIRI) == nil)
        let hamburgResult = try #require(set.dataset(hamburg.published!.iri))
        #expect(hamburgResult.violations > 0 && hamburgResult.results.allSatisfy { $0.path == dcat + "contactPoint" })

        // hvd.csv says the same, with what to do.
        let csv = try String(contentsOf: bench.out.appendingPathComponent("hvd.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\r\n").map(String.init)
        #expect(rows.count == 3)
        let header = rows[0].split(separator: ",").map(String.init)
        func cell(_ row: String, _ column: String) throws -> String {
            let cells = try #require(CSVRows.parse(row + "\r\n").first)
            return cells[try #require(header.firstIndex(of: column))]
        }
        let rlpRow = try #require(rows.first { $0.hasPrefix(Self.rlp) })
        let hamburgRow = try #require(rows.dropFirst().first { !$0.hasPrefix(Self.rlp) })
        #expect(try cell(rlpRow, "api") == "ja" && cell(rlpRow, "contact") == "ja" && cell(rlpRow, "shacl_hvd_violations") == "0")
        #expect(try cell(hamburgRow, "api") == "ja" && cell(hamburgRow, "contact") == "nein")
        #expect(try cell(hamburgRow, "shacl_hvd_violations") == String(hamburgResult.violations))
        #expect(try cell(hamburgRow, "missing").contains("Kontakt"))

        // The page (in the navigation), report.json and the CKAN API.
        let page = try String(contentsOf: bench.out.appendingPathComponent("hvd/index.html"), encoding: .utf8)
        #expect(page.contains("2 Datensätze als HVD") && page.contains("\(hamburgResult.violations) Verstöße"))
        #expect(try String(contentsOf: bench.out.appendingPathComponent("index.html"), encoding: .utf8).contains("href=\"hvd/index.html\""))
        let section = try #require((bench.report()["sections"] as? [String: Any])?["hvd"] as? [String: Any])
        #expect(section["datasets"] as? Int == 2 && section["violations"] as? Int == hamburgResult.violations)
        let index = CKANSearchIndex(catalog: catalog)
        func count(_ fq: String) throws -> Int {
            var r = CKANSearchIndex.SearchRequest()
            r.fq = [fq]
            return try index.search(r).count
        }
        #expect(try count("hvd_category:*") == 2)
        #expect(try count("hvd_category:\"http://data.europa.eu/bna/c_9427236f\"") == 1)
        #expect(try count("-hvd_category:*") == catalog.datasets.count - 2)
        let dict = String(decoding: index.entries.first { $0.name == rlp.published!.ckanName }!.package, as: UTF8.self)
        #expect(dict.contains("\"hvd_category\":[\"http://data.europa.eu/bna/c_9427236f\"]") && dict.contains("\"access_services\""))
    }

    @Test func rulesAreCheckedWhenTheConfigIsRead() throws {
        let bench = try PlainBench()
        func error(_ rule: String) throws -> String {
            let config = try bench.config(try ValidationRunTests.sources(bench), extra: rule)
            do {
                _ = try ConfigLoader.load(config)
                return ""
            } catch { return "\(error)" }
        }
        #expect(try error("[[hvd]]\ncategory = \"Geodaten\"\nsources = [\"hamburg\"]").contains("is not an EU high-value dataset category"))
        #expect(try error("[[hvd]]\ncategory = \"Georaum\"").contains("needs at least one of sources"))
        #expect(try error("[[hvd]]\ncategory = \"Georaum\"\nsources = [\"hamburgg\"]").contains("unknown source id \"hamburgg\""))
        #expect(try error("[[hvd]]\ncategory = \"Mobility\"\nthemes = [\"Verkehr\"]").contains("not an EU data-theme code"))
        #expect(try error("[[hvd]]\ncategory = \"Mobility\"\nkeyword = [\"x\"]").contains("unknown key \"keyword\"; did you mean \"keywords\"?"))
        #expect(try error("[[hvd]]\ncategory = \"Mobilität\"\nkeywords = [\"x\"]") == "")
    }
}
