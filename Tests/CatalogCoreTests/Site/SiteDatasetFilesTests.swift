@testable import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

private typealias F = SiteFixtures

/// Dataset pages for people and machines: one clear action per file with a readable name, and the dataset as
/// CKAN JSON, Turtle, JSON-LD and embedded schema.org, all stating the page's facts.
@Suite struct SiteDatasetFilesTests {
    static let site = SiteRendererTests.demoSite

    @Test func fileTitlesReplaceIdsAndKeepTheSourceValue() {
        let id = "dataset/2e4414a8-4656-41af-9eb5-167fd48a8a88/resource/2e4414a8-4656-41af-9eb5-167fd48a8a88"
        func dist(_ title: String?, format: String? = nil) -> Distribution {
            Distribution(uri: "u", title: title, accessURL: "x", format: format)
        }
        let named = SiteFileTitle.title(dist("Datenmatrix Zweitstimmen"), url: "https://x.example/a.csv", index: 0)
        #expect(named == .init(text: "Datenmatrix Zweitstimmen", sourceTitle: nil))
        let fromURL = SiteFileTitle.title(dist(id), url: "https://x.example/daten/Wahl%202014.csv?x=1", index: 0)
        #expect(fromURL == .init(text: "Wahl 2014.csv", sourceTitle: id))
        // A script's name says nothing: the kind of file instead.
        #expect(SiteFileTitle.title(dist(nil, format: "HTML"), url: "http://www.gsi-berlin.info/gsi_odp.asp?seite=2", index: 0).text == "Webseite")
        #expect(SiteFileTitle.title(dist("", format: "wms"), url: "https://geo.example/wms?SERVICE=WMS", index: 1).text == "WMS-Dienst")
        #expect(SiteFileTitle.title(dist("0a1b2c3d4e5f6a7b8c9d", format: "CSV"), url: "https://x.example/", index: 2)
            == .init(text: "CSV-Datei", sourceTitle: "0a1b2c3d4e5f6a7b8c9d"))
        #expect(SiteFileTitle.title(dist(nil), url: "https://x.example/", index: 2).text == "Distribution 3")
        #expect(SiteFileTitle.title(dist(nil, format: "WMS_SRVC"), url: "https://x.example/", index: 0).text == "WMS-Dienst")
        #expect(SiteFileTitle.title(dist(nil, format: "MAP_PRVW"), url: "https://x.example/", index: 0).text == "Kartenvorschau")
        #expect(!SiteFileTitle.isIdentifier("Metadaten"))
        #expect(!SiteFileTitle.isIdentifier("Bericht 2e4414a8-4656-41af-9eb5-167fd48a8a88"))
    }

    @Test func everyFileHasOneLabelledButton() throws {
        let model = SiteModel(SiteInput(catalog: F.demo.catalog))
        var buttons = 0
        for entry in model.entries {
            let html = try #require(Self.site[entry.path])
            let count = html.components(separatedBy: "<a class=\"button\"").count - 1
            let linkable = zip(entry.dataset.distributions, entry.dataset.facts.distributions).filter { x, p in
                SiteHTML.isLinkable(p.downloadURL ?? p.accessURL ?? x.accessURL)
            }.count
            #expect(count == linkable, "\(entry.path)")
            buttons += count
            #expect(!html.contains(">Distribution 1<") || entry.dataset.distributions.allSatisfy { $0.format == nil })
        }
        #expect(buttons > 300)
        // Download URL known → "Herunterladen (FORMAT …)"; else "Öffnen".
        let all = model.entries.compactMap { Self.site[$0.path] }.joined()
        #expect(all.contains(">Herunterladen (") || all.contains(">Öffnen ("))
    }

    @Test func eachDatasetAsJSONTurtleAndJSONLDBesideItsPage() throws {
        let model = SiteModel(SiteInput(catalog: F.demo.catalog))
        for entry in model.entries {
            let d = entry.dataset
            let stem = "datensatz/\(d.facts.slug)"
            let page = try #require(Self.site[entry.path])
            for suffix in ["json", "ttl", "jsonld"] {
                #expect(page.contains("href=\"\(d.facts.slug).\(suffix)\""), "\(entry.path) links no .\(suffix)")
            }
            // The CKAN package dict, as package_show returns it.
            let json = try #require(Self.site[stem + ".json"])
            let package = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            #expect(package["name"] as? String == d.facts.ckanName)
            #expect(package["id"] as? String == d.facts.ckanID)
            #expect((package["resources"] as? [Any])?.count == d.distributions.count)
            // One-dataset DCAT-AP.de: the dataset and every distribution IRI, parsed back.
            let turtle = try #require(Self.site[stem + ".ttl"])
            let graph = try TurtleParser.parse(Data(turtle.utf8), baseIRI: nil)
            #expect(graph.triples.contains { $0.subject == .iri(d.facts.iri) && $0.object == .iri("http://www.w3.org/ns/dcat#Dataset") })
            for x in d.facts.distributions { #expect(turtle.contains("<\(x.iri)>")) }
            let jsonld = try #require(Self.site[stem + ".jsonld"])
            #expect(jsonld.contains("\"\(d.facts.iri)\""))
        }
    }

    @Test func schemaOrgDatasetStatesThePageFacts() throws {
        let model = SiteModel(SiteInput(catalog: F.demo.catalog))
        var withLicence = 0
        for entry in model.entries {
            let d = entry.dataset
            let html = try #require(Self.site[entry.path])
            let open = "<script type=\"application/ld+json\">"
            let start = try #require(html.range(of: open))
            let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
            let text = String(html[start.upperBound..<end.lowerBound])
            let o = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            #expect(o["@type"] as? String == "Dataset")
            #expect(o["name"] as? String == d.title)
            #expect(o["@id"] as? String == d.facts.iri)
            #expect((o["publisher"] as? [String: Any])?["name"] as? String == d.facts.publisher.name)
            #expect(o["license"] as? String == d.facts.licence.uri)
            if d.facts.licence.uri != nil { withLicence += 1 }
            #expect(((o["distribution"] as? [Any]) ?? []).count == d.distributions.count)
            #expect(Set((o["keywords"] as? [String]) ?? []) == Set(d.keywords))
        }
        #expect(withLicence > 100)
    }
}
