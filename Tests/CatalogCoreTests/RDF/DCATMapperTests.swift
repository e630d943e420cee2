import Foundation
import Testing
@testable import CatalogCore
import CatalogTestSupport

/// A stand-in resolver: dcat-ap.de licence URIs are open, anything else unknown, nil missing.
private struct StubLicences: LicenceResolving {
    func resolve(_ raw: String?) -> Licence {
        guard let raw else { return Licence(raw: nil, status: .missing) }
        if raw.hasPrefix("http://dcat-ap.de/def/licenses/") { return Licence(raw: raw, uri: raw, status: .open) }
        return Licence(raw: raw, status: .unknown)
    }
}

private let settings = CatalogSettings(title: "T", description: "D", baseURI: "https://data.example.org/", publisher: Agent(name: "P"))
private let mapper = DCATMapper(catalog: settings, licences: StubLicences())
private func source(_ id: String) -> SourceConfig { SourceConfig(id: id, title: id, kind: .ckan) }

private func mapFile(_ name: String, id: String) throws -> [MappingResult] {
    let data = try Fixtures.data(Fixtures.shared("dcat-rdf/real-portals/" + name))
    let graph = try RDFXMLParser.parse(data, baseIRI: nil)
    return mapper.map(graph, source: source(id))
}

@Suite struct DCATMapperTests {
    /// Dataset / distribution counts per catalogue, checked with rdflib 7.6.0: subjects typed dcat:Dataset and the
    /// distinct objects of their dcat:distribution: Bremen 153/237, Destatis 135/135, Brandenburg 112/212 (as in
    /// fixtures/SOURCES.md). rdflib also shows 5 Bremen distributions whose dcat:accessURL is the empty literal
    /// (lines 1175, 6308, 6991, 7913, 8370): those are dropped with a finding each, so 232 are mapped.
    @Test(arguments: [
        ("bremen-transparenz-catalog.rdf", 153, 237, 5),
        ("destatis-catalog.rdf", 135, 135, 0),
        ("brandenburg-catalog-govdata-dashboard.rdf", 112, 212, 0),
    ])
    func realCataloguesMapWithCounts(file: String, datasets: Int, distributions: Int, emptyAccessURL: Int) throws {
        let results = try mapFile(file, id: "src")
        let mapped = results.compactMap(\.dataset)
        #expect(results.count == datasets)
        #expect(mapped.count == datasets)
        #expect(mapped.reduce(0) { $0 + $1.distributions.count } == distributions - emptyAccessURL)
        #expect(results.flatMap(\.findings).filter { $0.code == "distribution.accessURL.missing" }.count == emptyAccessURL)
        #expect(!results.flatMap(\.findings).contains { $0.severity == .error })
        // Stable, unique, IRI-safe dataset URIs under the base.
        #expect(Set(mapped.map(\.uri)).count == datasets)
        for d in mapped {
            #expect(d.uri.hasPrefix("https://data.example.org/dataset/src/"))
            #expect(d.uri.allSatisfy { $0.isASCII && !$0.isWhitespace && !"<>\"{}|\\^`".contains($0) })
            #expect(!d.title.isEmpty)
            #expect(d.provenance.first?.sourceID == "src")
        }
    }

    @Test func destatisFields() throws {
        let mapped = try mapFile("destatis-catalog.rdf", id: "destatis").compactMap(\.dataset)
        let d = try #require(mapped.first { $0.identifier == "https://www.destatis.de/DE/Themen/Wirtschaft/Konjunkturindikatoren/Arbeitsmarkt/arb510a" })
        // No dct:identifier in this catalogue: the subject IRI is the identifier and the remote id.
        #expect(d.remoteID == d.identifier)
        #expect(d.title == "Erwerbstätige")
        #expect(d.modified == .date("2021-01-05"))
        #expect(d.issued == .date("2021-01-05"))
        #expect(d.keywords.contains("Erwerbslosigkeit"))
        // The legacy namespace http://dcat-ap.de/def/dcatde/1.0.1/ is read as dcatde.
        #expect(d.politicalGeocodingLevel == "http://dcat-ap.de/def/politicalGeocoding/Level/federal")
        #expect(d.contributorIDs == ["http://dcat-ap.de/def/contributors/destatis"])
        #expect(d.distributions.first?.licence?.status == .open)
        // Every Destatis dataset names the federal level (135 of 135, rdflib).
        #expect(mapped.filter { $0.politicalGeocodingLevel?.hasSuffix("/federal") == true }.count == 135)
    }

    @Test func bremenQuirks() throws {
        let data = try Fixtures.data(Fixtures.shared("dcat-rdf/real-portals/bremen-transparenz-catalog.rdf"))
        let graph = try RDFXMLParser.parse(data, baseIRI: nil)
        let results = mapper.map(graph, source: source("bremen"))
        let mapped = results.compactMap(\.dataset)
        // The malformed xsd:dateTime '2021-01-28 GMT 01:51:03.34919300' (line 558) sits on the dcat:Catalog; it is
        // read from the graph as given and the date reader repairs it.
        let catalogNode = try #require(graph.subjects(ofType: DCATNS.dcat + "Catalog").first)
        let raw = try #require(graph.object(catalogNode, DCATNS.dct + "modified")?.lexical)
        #expect(raw == "2021-01-28 GMT 01:51:03.34919300")
        guard case .repaired(let value, _, _) = DCATDateParser.parse(raw) else { Issue.record("not repaired"); return }
        #expect(value == .dateTime("2021-01-28T01:51:03.349Z"))
        // dcat:accessURL given as a literal is read: 232 of 237 distributions, the other 5 are empty literals.
        #expect(mapped.flatMap(\.distributions).allSatisfy { $0.accessURL.hasPrefix("http") })
        let d = try #require(mapped.first { $0.identifier == "https://www.transparenz.bremen.de/de/datensatz/bremen2014_tp.c.54797.de" })
        #expect(d.themes == ["JUST"])
        #expect(d.accrualPeriodicity == "http://publications.europa.eu/resource/authority/frequency/DAILY")
        // Legacy language code GER becomes the EU table's DEU.
        #expect(d.languages == [Vocabulary.languageBase + "DEU"])
        #expect(d.contributorIDs == ["http://dcat-ap.de/def/contributors/transparenzportalBremen"])
        #expect(d.issued == .date("2012-07-04"))
        #expect(d.temporal?.start != nil)
        #expect(d.contactPoint?.name != nil)
        // Contacts with vcard:hasEmail: 153 in the file; mailto: never survives.
        #expect(mapped.compactMap(\.contactPoint?.email).allSatisfy { !$0.hasPrefix("mailto:") })
    }

    @Test func brandenburgMangledDcatdeNamespaceAndLiteralLicences() throws {
        let results = try mapFile("brandenburg-catalog-govdata-dashboard.rdf", id: "bb")
        let mapped = results.compactMap(\.dataset)
        // 62 datasets carry `…/dcatde/1_0politicalGeocodingURI` (rdflib); it is recognised as dcatde.
        #expect(mapped.filter { !$0.politicalGeocoding.isEmpty }.count == 62)
        // dct:identifier kept unchanged (112 distinct values, rdflib).
        #expect(Set(mapped.map(\.identifier)).count == 112)
        #expect(mapped.contains { $0.identifier == "https://service.brandenburg.de/lis/detail.php/13976" })
        // 144 distributions name their licence as the literal 'Nutzungsbedingungen der LHP' (rdflib): passed to the resolver.
        let dists = mapped.flatMap(\.distributions)
        #expect(dists.filter { $0.licence?.raw == "Nutzungsbedingungen der LHP" }.count == 144)
        // Legacy format strings map to EU file types.
        #expect(dists.contains { $0.rawFormat == "text/csv" && $0.format == "CSV" })
        #expect(dists.contains { $0.rawFormat == "shp" && $0.format == "SHP" })
    }

    @Test func ckanextDcatdeEndpointAndHydra() throws {
        let data = try Fixtures.data(Fixtures.shared("dcat-rdf/real-portals/ckanext-dcatde-catalog-endpoint-example.rdf"))
        let graph = try RDFXMLParser.parse(data, baseIRI: nil)
        let mapped = mapper.map(graph, source: source("ex")).compactMap(\.dataset)
        #expect(mapped.count == 6)
        #expect(mapped.reduce(0) { $0 + $1.distributions.count } == 17)
        // The only page: hydra:PagedCollection without hydra:nextPage.
        #expect(mapper.hydraNextPage(graph) == nil)
        // 6-digit fractions are normalised to milliseconds.
        #expect(mapped.contains { $0.issued == .dateTime("2017-10-25T13:46:11.509") })

        let paged = """
        @prefix hydra: <http://www.w3.org/ns/hydra/core#> .
        <http://x/catalog.ttl?page=1> a hydra:PagedCollection ; hydra:nextPage "http://x/catalog.ttl?page=2" .
        """
        #expect(mapper.hydraNextPage(try TurtleParser.parse(Data(paged.utf8), baseIRI: nil)) == "http://x/catalog.ttl?page=2")
        let view = """
        { "@context": {"hydra": "http://www.w3.org/ns/hydra/core#"},
          "@id": "http://x/c?page=2", "@type": "hydra:PartialCollectionView", "hydra:next": {"@id": "http://x/c?page=3"} }
        """
        #expect(mapper.hydraNextPage(try JSONLDParser.parse(Data(view.utf8), baseIRI: nil)) == "http://x/c?page=3")
    }

    @Test func malformedValuesBecomeFindings() throws {
        let ttl = """
        @prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
        @prefix dcatde: <http://dcat-ap.de/def/dcatde/1_0/> . @prefix locn: <http://www.w3.org/ns/locn#> .
        @prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
        <http://x/d1> a dcat:Dataset ; dct:identifier "ID 1/ä" ; dct:title "Titel"@de, "Title"@en ;
          dct:issued "yesterday" ; dct:modified "2021-02-03 10:11:12" ; dcat:theme <http://x/theme/umwelt_klima>, <http://x/nope> ;
          dct:publisher [ foaf:name "Stadt X" ] ;
          dcat:contactPoint [ vcard:fn "Amt" ; vcard:hasEmail <mailto:amt@x.de> ; vcard:hasTelephone [ vcard:hasValue <tel:+4912> ] ] ;
          dct:spatial [ locn:geometry "POLYGON((6 50, 7 50, 7 51, 6 51, 6 50))" ] ;
          dcatde:politicalGeocodingURI <http://dcat-ap.de/def/politicalGeocoding/districtKey/05334> ;
          dcat:distribution [ dct:title "no url" ], [ dcat:accessURL <http://x/f.csv> ; dcat:byteSize "12 kB" ;
             dct:format <http://publications.europa.eu/resource/authority/file-type/CSV> ] .
        <http://x/d2> a dcat:Dataset ; dct:description "no title" .
        """
        let results = mapper.map(try TurtleParser.parse(Data(ttl.utf8), baseIRI: nil), source: source("t"))
        #expect(results.count == 2)
        let d = try #require(results[0].dataset)
        let codes = results[0].findings.map(\.code)
        #expect(d.identifier == "ID 1/ä")
        #expect(d.uri == "https://data.example.org/dataset/t/ID-1")
        #expect(d.title == "Titel")
        #expect(d.issued == nil && codes.contains("date.unparsable"))
        #expect(d.modified == .dateTime("2021-02-03T10:11:12") && codes.contains("date.repaired"))
        #expect(d.themes == ["ENVI"] && codes.contains("theme.legacy") && codes.contains("theme.unknown"))
        #expect(d.publisher?.name == "Stadt X")
        #expect(d.contactPoint == ContactPoint(name: "Amt", email: "amt@x.de", url: nil, phone: "+4912"))
        #expect(d.spatial?.bbox == BoundingBox(west: 6, south: 50, east: 7, north: 51))
        #expect(d.spatial?.geometryGeoJSON == #"{"coordinates":[[[6,50],[7,50],[7,51],[6,51],[6,50]]],"type":"Polygon"}"#)
        #expect(d.politicalGeocoding == ["http://dcat-ap.de/def/politicalGeocoding/districtKey/05334"])
        #expect(d.distributions.count == 1 && codes.contains("distribution.accessURL.missing"))
        #expect(d.distributions[0].format == "CSV" && d.distributions[0].byteSize == nil && codes.contains("distribution.byteSize.invalid"))
        #expect(d.distributions[0].licence?.status == .missing)
        #expect(results[1].dataset == nil)
        #expect(results[1].findings.contains { $0.severity == .error && $0.field == "dct:title" })
    }

    @Test func dateRepairs() {
        #expect(DCATDateParser.parse("2021-01-28 GMT 01:51:03.34919300") == .repaired(.dateTime("2021-01-28T01:51:03.349Z"), "space instead of 'T', zone 'GMT' written as a word",
                                                                                   "Leerzeichen statt „T“, Zeitzone „GMT“ als Wort geschrieben"))
        #expect(DCATDateParser.parse("2020-01-02T03:04:05+01:00") == .valid(.dateTime("2020-01-02T03:04:05+01:00")))
        #expect(DCATDateParser.parse("2020-01-02") == .valid(.date("2020-01-02")))
        #expect(DCATDateParser.parse("2019") == .invalid)
        #expect(DCATDateParser.parse("2020-13-02") == .invalid)
        #expect(DCATDateParser.parse("2020-01-02Tnonsense") == .invalid)
    }
}

@Suite struct RDFFuzzTests {
    /// Deterministic mutation fuzzing (seeded xorshift): byte flips, insertions and truncations of real files.
    /// Every run must end in a graph or an `RDFParseError`, never a crash or a hang.
    @Test func mutatedRealFilesNeverCrash() throws {
        let files = [
            "real-portals/ckanext-dcatde-catalog-endpoint-example.rdf",
            "spec-examples/dcatde-2.0-dcat_ap_de-RefImp_TTL_ADVANCED.ttl",
            "spec-examples/dcatde-2.0-dcat_ap_de-RefImp_JSONLD_ADVANCED.jsonld",
            "spec-examples/ckanext-dcat-catalog_pod.jsonld",
            "spec-examples/dcat-ap-2.1.1-example1.nt",
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        let interesting: [UInt8] = Array("<>\"'{}[]():;,.@#\\&_^!\n ".utf8) + [0, 0xFF, 0xC3]
        var parsed = 0, refused = 0
        for file in files {
            let original = [UInt8](try Fixtures.data(Fixtures.shared("dcat-rdf/" + file)))
            let format = RDFFormat.detect(Data(original), fileName: file)
            for _ in 0..<80 {
                var bytes = original
                switch next() % 3 {
                case 0:
                    for _ in 0..<(1 + next() % 8) {
                        let i = Int(next() % UInt64(bytes.count))
                        bytes[i] = interesting[Int(next() % UInt64(interesting.count))]
                    }
                case 1:
                    bytes = Array(bytes.prefix(Int(next() % UInt64(bytes.count))))
                default:
                    let i = Int(next() % UInt64(bytes.count))
                    let inserted = (0..<3).map { _ in interesting[Int(next() % UInt64(interesting.count))] }
                    bytes.insert(contentsOf: inserted, at: i)
                }
                do {
                    let g = try format.parse(Data(bytes), baseIRI: "http://example.org/", limits: RDFLimits(maxTriples: 100_000))
                    _ = mapper.map(g, source: source("fuzz"))
                    parsed += 1
                } catch {
                    refused += 1
                }
            }
        }
        #expect(parsed + refused == files.count * 80)
        #expect(refused > 0)
    }
}
