import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

/// The HVD building blocks: the category table against the EU vocabulary, data services recognised from formats
/// and URLs, rules, and licence documents linked to the EU licence list and SPDX.
struct HighValueTests {
    @Test func categoryTableIsTheEUVocabulary() throws {
        let file = Fixtures.catalog("shacl/vocabularies-extra/high-value-dataset-category-2.1.rdf")
        let graph = try RDFXMLParser.parse(Data(contentsOf: file), baseIRI: nil)
        let skos = "http://www.w3.org/2004/02/skos/core#"
        let concepts = graph.subjects(ofType: skos + "Concept").compactMap(\.iri).sorted()
        #expect(concepts.count == 96)
        #expect(HVDCategory.all.map(\.iri).sorted() == concepts)
        for c in HVDCategory.all {
            let labels = graph.objects(.iri(c.iri), skos + "prefLabel")
            #expect(labels.contains(.literal(c.english, lang: "en")), "\(c.code)")
            #expect(labels.contains(.literal(c.german, lang: "de")), "\(c.code)")
            #expect(graph.object(.iri(c.iri), skos + "broader")?.iri == c.parent.map { HVDCategory.base + $0 }, "\(c.code)")
        }
        #expect(HVDCategory.all.filter { $0.parent == nil }.map(\.english).sorted()
                == ["Companies and company ownership", "Earth observation and environment", "Geospatial", "Meteorological", "Mobility", "Statistics"])
        #expect(HVDCategory.named("georaum")?.code == "c_ac64a52d")
        #expect(HVDCategory.named("http://data.europa.eu/bna/c_9427236f")?.top.english == "Geospatial")
        #expect(HVDCategory.named("Geodaten") == nil)
    }

    func service(_ url: String, format: String? = nil, raw: String? = nil, title: String? = nil) -> PublishedService? {
        let x = Distribution(uri: "https://example.org/d", title: title, accessURL: url, rawFormat: raw, format: format)
        return HighValue.service(x, format: format, accessURL: url, documentation: nil, datasetTitle: "Stadtgrün")
    }

    @Test func dataServicesFromFormatsAndURLs() {
        let wms = service("https://geodienste.hamburg.de/HH_WMS_Stadtgruen?REQUEST=GetCapabilities&SERVICE=WMS", format: "WMS_SRVC")
        #expect(wms == PublishedService(kind: "WMS", title: "WMS-Dienst: Stadtgrün", endpointURL: "https://geodienste.hamburg.de/HH_WMS_Stadtgruen",
                                        endpointDescription: "https://geodienste.hamburg.de/HH_WMS_Stadtgruen?REQUEST=GetCapabilities&SERVICE=WMS",
                                        standard: "http://www.opengis.net/def/serviceType/ogc/wms"))
        // The OGC parameters go; the layer stays in the endpoint. Without a GetCapabilities request, no description.
        let layer = service("https://example.org/wfs?typename=a&service=WFS&version=2.0.0")
        #expect(layer?.kind == "WFS" && layer?.endpointURL == "https://example.org/wfs?typename=a" && layer?.endpointDescription == nil)
        #expect(service("https://example.org/api/v1/items", raw: "REST")?.kind == "API")
        // A title that names the service stays as it is.
        #expect(service("https://example.org/wms?service=WMS", title: "WMS Stadtgrün")?.title == "WMS Stadtgrün")
        #expect(service("https://example.org/collections", raw: "OGC API")?.standard == "http://www.opengis.net/spec/ogcapi-features-1/1.0")
        #expect(service("https://example.org/data.csv", format: "CSV", raw: "csv") == nil)
        #expect(service("https://example.org/karte.html", format: "HTML") == nil)
    }

    @Test func rulesNeedEveryCriterionGiven() {
        var d = Dataset(uri: "https://example.org/d/1", identifier: "abc", provenance: [Provenance(sourceID: "koeln", remoteID: "abc", remoteName: "baeume")],
                        title: "Bäume", description: "", keywords: ["Geodaten", "Umwelt"])
        d.themes = ["ENVI"]
        let rule = HVDRule(categories: ["c_ac64a52d"], sources: ["koeln"], keywords: ["geodaten"])
        #expect(rule.matches(d, publisher: "Stadt Köln", themes: ["ENVI"], names: []))
        #expect(!HVDRule(categories: ["c_ac64a52d"], sources: ["berlin"], keywords: ["geodaten"]).matches(d, publisher: "Stadt Köln", themes: ["ENVI"], names: []))
        #expect(HVDRule(categories: ["c_ac64a52d"], publishers: ["stadt köln"]).matches(d, publisher: "Stadt Köln", themes: [], names: []))
        #expect(HVDRule(categories: ["c_ac64a52d"], themes: ["envi"]).matches(d, publisher: "", themes: ["ENVI"], names: []))
        #expect(HVDRule(categories: ["c_ac64a52d"], datasets: ["baeume"]).matches(d, publisher: "", themes: [], names: []))
        #expect(!HVDRule(categories: ["c_ac64a52d"]).matches(d, publisher: "", themes: [], names: []))
    }

    @Test func licenceDocumentsLinkTheEULicenceListAndSPDX() {
        var d = Dataset(uri: "https://example.org/d/1", identifier: "1", title: "T", description: "D")
        d.distributions = [Distribution(uri: "https://example.org/d/1/x", accessURL: "https://example.org/x.csv",
                                        licence: Licence(raw: "cc-by-4.0", uri: "http://dcat-ap.de/def/licenses/cc-by/4.0", spdx: "CC-BY-4.0", status: .open))]
        let catalog = Catalog(uri: "https://example.org/catalog", title: "C", description: "C", publisher: Agent(name: "P"), datasets: [d])
        let triples = DCATGraph(catalog).triples
        let matches = triples.filter { $0.subject == "http://dcat-ap.de/def/licenses/cc-by/4.0" && $0.predicate.hasSuffix("#exactMatch") }.compactMap(\.object.iriValue)
        #expect(matches.sorted() == ["http://publications.europa.eu/resource/authority/licence/CC_BY_4_0", "http://spdx.org/licenses/CC-BY-4.0"])
    }
}
