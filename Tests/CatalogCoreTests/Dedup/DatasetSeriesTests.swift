@testable import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

/// Dataset series (issue 17 item 4): ckanext-dcat's `dataset_series` and DCAT-AP 3.0's `dcat:DatasetSeries` /
/// `dcat:inSeries` are published as such, and deduplication never merges two members of a series.
@Suite struct DatasetSeriesTests {
    typealias F = MappingFixtures

    /// A yearly member of the ckanext-dcat example series; the two years share title and download URL.
    static func member(_ year: Int, inSeries: String?) -> String {
        let series = inSeries.map { "\"in_series\": [\"\($0)\"]," } ?? ""
        return """
            {"id": "bee-\(year)", "name": "bee-\(year)", "title": "Bienenbestand", "notes": "Zählung \(year).", \(series)
             "resources": [{"id": "r\(year)", "url": "https://example.org/bienen.csv", "format": "CSV"}]}
            """
    }

    static func mapped(_ inSeries: String?) throws -> [Dataset] {
        let source = F.source("ckan")
        let series = try #require(try F.mapOne("ckan/ckanext-dcat-examples/ckan_dcat_ap_dataset_series.json", source: source).dataset)
        let members = try [2022, 2023].map { year in
            try #require(F.mapper.map(try CKANDump.records(from: Data(member(year, inSeries: inSeries).utf8), sourceID: source.id)[0], source: source).dataset)
        }
        return [series] + members
    }

    @Test func ckanSeriesAndMembersAreLinkedAndNeverMerged() throws {
        var datasets = try Self.mapped("test-dataset-series")
        #expect(datasets[0].isSeries && !datasets[1].isSeries)
        #expect(DatasetSeries.resolve(&datasets).isEmpty)
        // The members' CKAN reference (the series' name) becomes the series' dataset IRI.
        #expect(datasets[1].inSeries == [datasets[0].uri] && datasets[2].inSeries == [datasets[0].uri])
        // Same title and publisher: merged when fuzzy matches merge automatically, unless they are one series' members.
        let settings = DedupSettings(autoMergeFuzzy: true)
        let dedup = Deduplicator(settings: settings).run(datasets)
        #expect(dedup.datasets.count == 3)
        var loose = try Self.mapped(nil)
        _ = DatasetSeries.resolve(&loose)
        #expect(Deduplicator(settings: settings).run(loose).datasets.count == 2)

        // The RDF: the series is a dcat:DatasetSeries (and a dcat:Dataset), each member points to it.
        let catalog = PublishedView.ensure(Catalog(uri: "https://example.org/catalog", title: "C", description: "C", publisher: Agent(name: "P"), datasets: dedup.datasets))
        let triples = DCATGraph(catalog).triples
        let seriesIRI = datasets[0].uri
        #expect(triples.contains { $0.subject == seriesIRI && $0.object == .iri("http://www.w3.org/ns/dcat#DatasetSeries") })
        #expect(triples.count { $0.predicate == "http://www.w3.org/ns/dcat#inSeries" && $0.object == .iri(seriesIRI) } == 2)
        // The published model keeps both facts (the server and the site read it).
        let reread = try Catalog(modelJSON: Data(catalog.modelJSON()))
        #expect(reread.datasets.filter(\.isSeries).count == 1 && reread.datasets.filter { !$0.inSeries.isEmpty }.count == 2)
        // The CKAN API says what ckanext-dcat says: type dataset_series, and the members' in_series names its id.
        let api = GoldenOutputs.api(model: catalog.modelJSON())
        let series = try #require(catalog.datasets.first { $0.isSeries })
        let shown = String(decoding: api.call("package_show", params: ["id": .string(series.facts.ckanName)]).body, as: UTF8.self)
        #expect(shown.contains("\"type\":\"dataset_series\""))
        let member = try #require(catalog.datasets.first { !$0.inSeries.isEmpty })
        let memberShown = String(decoding: api.call("package_show", params: ["id": .string(member.facts.ckanName)]).body, as: UTF8.self)
        #expect(memberShown.contains(series.facts.ckanID) && memberShown.contains("in_series"))
        // The site: the series says what it is, each member links to it.
        let site = SiteRenderer.render(SiteInput(catalog: catalog))
        let memberPage = try #require(site.first { $0.name == "datensatz/\(member.facts.slug).html" })
        #expect(String(decoding: memberPage.bytes, as: UTF8.self).contains("Teil der Datenreihe</dt><dd><a href=\"\(series.facts.slug).html\">"))
    }

    @Test func unknownSeriesReferenceIsAFindingNotASilentDrop() throws {
        var datasets = try Self.mapped("no-such-series")
        let findings = DatasetSeries.resolve(&datasets)
        #expect(findings.map(\.code) == ["series.unknown", "series.unknown"])
        #expect(findings[0].message.contains("no-such-series") && findings[0].recordID == "bee-2022")
        #expect(datasets[1].inSeries.isEmpty)
    }

    @Test func dcatAP3SeriesExampleIsReadWithItsMembers() throws {
        // The SEMIC example is not valid Turtle as published (a "/" in the local names `example-dist:…/csv`, which
        // rdflib refuses too): those two distribution names are written as full IRIs here.
        var text = try String(decoding: Fixtures.data(Fixtures.shared("dcat-rdf/spec-examples/dcat-ap-3.0-example-dataset-series-combined.ttl")), as: UTF8.self)
        for name in ["BeePopulation2023/biojson", "BeePopulation2023/csv"] {
            text = text.replacingOccurrences(of: "example-dist:\(name) a", with: "<https://data.gov.gr/id/distribution/\(name)> a")
        }
        let data = Data(text.utf8)
        let mapper = DCATMapper(catalog: F.settings, licences: licenceRegistry, vocabularies: F.vocabularies)
        var datasets = mapper.map(try TurtleParser.parse(data, baseIRI: nil), source: SourceConfig(id: "gr", title: "gr", kind: .dcat)).compactMap(\.dataset)
        #expect(datasets.count == 5)
        _ = DatasetSeries.resolve(&datasets)
        let series = try #require(datasets.first { $0.isSeries })
        #expect(series.title == "Bee population")
        // All four bee datasets name the series by our own IRI for it.
        #expect(datasets.filter { $0.inSeries == [series.uri] }.count == 4)
    }
}
