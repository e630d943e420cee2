import CatalogTestSupport
import Foundation
import Testing
@testable import CatalogCore

/// Our own DCAT-AP.de 3.0 output, harvested back as a DCAT source, keeps the values whose 3.0 properties replaced
/// the dcatde ones (custodian/originator, availability, political geocoding and geocoding text inside
/// dcterms:spatial, a legal basis given as IRI, geometry nodes): a portal that delivers 3.0 loses nothing.
@Suite struct DCATRoundTripTests {
    private struct Licences: LicenceResolving {
        func resolve(_ raw: String?) -> Licence {
            guard let raw else { return Licence(raw: nil, status: .missing) }
            return Licence(raw: raw, uri: raw, status: .open)
        }
    }

    @Test func the30OutputReadsBackWithItsValues() throws {
        var catalog = ExportSample.catalog
        var parking = catalog.datasets[0]
        parking.maintainer = Agent(name: "Fachbereich Mobilität")
        parking.originator = Agent(name: "Parkhausgesellschaft Aachen")
        parking.distributions[0].plannedAvailability = "http://dcat-ap.de/def/plannedAvailability/stable"
        catalog.datasets[0] = parking
        var law = catalog.datasets[1]
        law.legalBasis = "http://data.europa.eu/eli/reg_impl/2023/138/oj"
        catalog.datasets[1] = law
        let published = PublishedView.ensure(catalog)
        let turtle = try #require(Exporters.all(published).files.first { $0.name == "catalog.ttl" })
        let graph = try TurtleParser.parse(Data(turtle.bytes), baseIRI: nil)
        let settings = CatalogSettings(title: "T", description: "D", baseURI: "https://data.example.org/", publisher: Agent(name: "P"))
        let read = DCATMapper(catalog: settings, licences: Licences()).map(graph, source: SourceConfig(id: "own", title: "own", kind: .dcat))
            .compactMap(\.dataset)
        func back(_ d: Dataset) throws -> Dataset { try #require(read.first { $0.title == d.title }, "\(d.title)") }

        let p = try back(parking)
        #expect(p.maintainer?.name == "Fachbereich Mobilität")
        #expect(p.originator?.name == "Parkhausgesellschaft Aachen")
        #expect(p.politicalGeocoding == parking.politicalGeocoding)
        #expect(p.geocodingText == parking.geocodingText)
        // Written as the EU planned-availability concept, read back as that (the same fact in the 3.0 vocabulary).
        #expect(p.distributions.first { $0.plannedAvailability != nil }?.plannedAvailability == "http://publications.europa.eu/resource/authority/planned-availability/STABLE")
        // The key IRI in dcterms:spatial is the political geocoding, not a second place.
        #expect(p.spatial?.uri?.hasPrefix(Vocabulary.politicalGeocodingBase) != true)
        #expect(try back(law).legalBasis == "http://data.europa.eu/eli/reg_impl/2023/138/oj")
        // Geometries written as 3.0 geometry nodes (GeoSPARQL literals) come back as geometries.
        for d in published.datasets where d.facts.geometry != nil {
            #expect(try back(d).spatial?.geometryGeoJSON != nil, "\(d.title)")
        }
    }
}
