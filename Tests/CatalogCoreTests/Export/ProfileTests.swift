import CatalogCore
import Foundation
import Testing

/// `[catalog] profile`: DCAT-AP.de 3.0 (default) against 2.0 — which property each writes, the byteSize datatype,
/// the place IRIs and the geometry of an area derived from the political geocoding.
struct ProfileTests {
    static let parking = ExportSample.base + "/dataset/aachen/parkhaeuser"

    static func objects(_ g: DCATGraph, _ s: String, _ p: String) -> [DCATTerm] {
        g.triples.filter { $0.subject == s && $0.predicate == p }.map(\.object)
    }

    static func predicates(_ g: DCATGraph) -> Set<String> { Set(g.triples.map(\.predicate)) }

    @Test func theDefaultIsDCATAPde3AndTheCatalogueCanChoose2() {
        #expect(DCATGraph(ExportSample.catalog).profile == .dcatAPde3)
        var old = ExportSample.catalog
        old.profile = .dcatAPde2
        #expect(DCATGraph(old).profile == .dcatAPde2)
        #expect(DCATGraph(old, profile: .dcatAPde3).profile == .dcatAPde3)
        #expect(DCATGraph.Profile(rawValue: "dcat-ap.de-2.0") == .dcatAPde2)
        #expect(DCATGraph.Profile(rawValue: "dcat-ap.de-3.0") == .dcatAPde3)
    }

    @Test func byteSizeIsANonNegativeIntegerIn3AndADecimalIn2() {
        func sizes(_ p: DCATGraph.Profile) -> [DCATTerm] {
            DCATGraph(ExportSample.catalog, profile: p).triples.filter { $0.predicate == ExportNS.dcat + "byteSize" }.map(\.object)
        }
        #expect(sizes(.dcatAPde3).contains(.typed("48213", ExportNS.xsd + "nonNegativeInteger")))
        #expect(!sizes(.dcatAPde3).contains { if case .literal(_, _, let d) = $0 { d == ExportNS.xsd + "decimal" } else { true } })
        #expect(sizes(.dcatAPde2).contains(.typed("48213", ExportNS.xsd + "decimal")))
    }

    @Test func deprecatedPropertiesGiveWayToTheir3Successors() {
        let de3 = DCATGraph(ExportSample.catalog, profile: .dcatAPde3)
        let de2 = DCATGraph(ExportSample.catalog, profile: .dcatAPde2)
        let deprecated = ["politicalGeocodingURI", "geocodingDescription", "plannedAvailability", "maintainer", "originator"].map { ExportNS.dcatde + $0 }
            + [ExportNS.owl + "versionInfo"]
        #expect(Self.predicates(de3).isDisjoint(with: deprecated))
        #expect(Self.predicates(de2).contains(ExportNS.dcatde + "politicalGeocodingURI"))
        // owl:versionInfo → dcat:version.
        #expect(Self.objects(de3, Self.parking, ExportNS.dcat + "version") == [.text("2.1")])
        #expect(Self.objects(de2, Self.parking, ExportNS.owl + "versionInfo") == [.text("2.1")])
        // The geocoding description names the dataset's location.
        #expect(Self.objects(de3, Self.parking + "#spatial", ExportNS.locn + "geographicName") == [.text("Stadtgebiet Aachen", lang: "de")])
        #expect(Self.objects(de2, Self.parking, ExportNS.dcatde + "geocodingDescription") == [.text("Stadtgebiet Aachen", lang: "de")])
        // A legal basis in words has no IRI for dcatap:applicableLegislation: it stays dcatde:legalBasis.
        #expect(Self.objects(de3, Self.parking, ExportNS.dcatde + "legalBasis") == [.text("§ 16a EGovG NRW", lang: "de")])
        #expect(Self.objects(de3, Self.parking, ExportNS.dcatap + "applicableLegislation").isEmpty)
    }

    @Test func agentsStatusAndAvailabilityUseThe3Vocabularies() {
        var c = ExportSample.catalog
        let i = c.datasets.firstIndex { $0.uri == Self.parking }!
        c.datasets[i].maintainer = Agent(name: "Fachbereich Mobilität")
        c.datasets[i].legalBasis = "http://data.europa.eu/eli/reg_impl/2023/138/oj"
        c.datasets[i].distributions[0].status = "http://purl.org/adms/status/Completed"
        c.datasets[i].distributions[0].plannedAvailability = "http://dcat-ap.de/def/plannedAvailability/stable"
        let de3 = DCATGraph(c, profile: .dcatAPde3)
        let de2 = DCATGraph(c, profile: .dcatAPde2)
        let dist = c.datasets[i].distributions[0].uri
        #expect(Self.objects(de3, Self.parking, ExportNS.geodcatap + "custodian") == [.iri(Self.parking + "#maintainer")])
        #expect(Self.objects(de2, Self.parking, ExportNS.dcatde + "maintainer") == [.iri(Self.parking + "#maintainer")])
        #expect(Self.objects(de3, dist, ExportNS.adms + "status") == [.iri("http://publications.europa.eu/resource/authority/distribution-status/COMPLETED")])
        #expect(Self.objects(de2, dist, ExportNS.adms + "status") == [.iri("http://purl.org/adms/status/Completed")])
        #expect(Self.objects(de3, dist, ExportNS.dcatap + "availability") == [.iri("http://publications.europa.eu/resource/authority/planned-availability/STABLE")])
        #expect(Self.objects(de2, dist, ExportNS.dcatde + "plannedAvailability") == [.iri("http://dcat-ap.de/def/plannedAvailability/stable")])
        let eli = "http://data.europa.eu/eli/reg_impl/2023/138/oj"
        #expect(Self.objects(de3, Self.parking, ExportNS.dcatap + "applicableLegislation") == [.iri(eli)])
        #expect(de3.triples.contains(DCATTriple(eli, ExportNS.rdf + "type", .iri("http://data.europa.eu/eli/ontology#LegalResource"))))
        #expect(ExportNS.dcatap == "http://data.europa.eu/r5r/")
    }

    @Test func politicalGeocodingBecomesSpatialWithTheGeoNamesPlace() {
        let de3 = DCATGraph(ExportSample.catalog, profile: .dcatAPde3)
        let key = "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/05334002"
        let aachen = "http://sws.geonames.org/3247449/"
        #expect(Set(Self.objects(de3, Self.parking, ExportNS.dct + "spatial")) == [.iri(Self.parking + "#spatial"), .iri(key), .iri(aachen)])
        #expect(de3.triples.contains(DCATTriple(aachen, ExportNS.rdf + "type", .iri(ExportNS.dct + "Location"))))
        // The StädteRegion has no GeoNames id in the table: its key IRI alone.
        let trees = ExportSample.base + "/dataset/staedteregion/baumkataster"
        #expect(Set(Self.objects(de3, trees, ExportNS.dct + "spatial")) == [.iri(trees + "#spatial"), .iri("http://dcat-ap.de/def/politicalGeocoding/districtKey/05334")])
        #expect(PlaceIRIs.place(forGeocoding: "http://dcat-ap.de/def/politicalGeocoding/stateKey/11") == "http://sws.geonames.org/2950157/")
        #expect(PlaceIRIs.place(forGeocoding: "http://dcat-ap.de/def/politicalGeocoding/regionalKey/053150000000") == "http://sws.geonames.org/2886242/")
        #expect(PlaceIRIs.place(forGeocoding: "http://dcat-ap.de/def/politicalGeocoding/regionalKey/110010001011") == nil)  // a Berlin Bezirk
    }

    @Test func aDerivedAreaIsALocationWithGeometryIn3Only() throws {
        let area = BoundaryArea(key: "05315", name: "Köln", kind: "Kreisfreie Stadt", level: .kreis,
                                geometry: .polygon([[[6.7, 50.8], [7.2, 50.8], [7.2, 51.1], [6.7, 51.1], [6.7, 50.8]]]))
        let iri = ExportSample.base + "/dataset/koeln/strassen"
        let d = Dataset(uri: iri, identifier: "strassen", title: "Straßen", description: "Straßen in Köln.",
                        politicalGeocoding: ["http://dcat-ap.de/def/politicalGeocoding/districtKey/05315"])
        var c = Catalog(uri: ExportSample.base + "/catalog", title: "t", description: "d", publisher: Agent(name: "p"), datasets: [d])
        _ = PublishedView.apply(&c, audit: LicenceAudit(datasets: c.datasets, registry: nil), boundaries: Boundaries(areas: [area]))
        #expect(c.datasets[0].facts.geometrySource == .politicalGeocoding)
        let de3 = DCATGraph(c, profile: .dcatAPde3)
        #expect(Self.objects(de3, iri, ExportNS.dct + "spatial").contains(.iri(iri + "#spatial")))
        #expect(Self.objects(de3, iri + "#spatial", ExportNS.locn + "geometry") == [.iri(iri + "#geometry")])
        let wkt = try #require(Self.objects(de3, iri + "#geometry", ExportNS.gsp + "asWKT").first)
        #expect(wkt == .typed("POLYGON ((6.7 50.8, 7.2 50.8, 7.2 51.1, 6.7 51.1, 6.7 50.8))", ExportNS.gsp + "wktLiteral"))
        let de2 = DCATGraph(c, profile: .dcatAPde2)
        #expect(!de2.triples.contains { $0.subject == iri + "#spatial" })
    }
}
