import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

/// Issue 16 items 3 and 4 (DCAT side): dcat-ap.de spellings, properties without output, the shared vocabularies.
@Suite struct DCATInputCoverageTests {
    static let mapper = DCATMapper(catalog: MappingFixtures.settings, licences: licenceRegistry, vocabularies: MappingFixtures.vocabularies)

    static func source(_ id: String) -> SourceConfig { SourceConfig(id: id, title: id, kind: .dcat) }

    static func page(_ file: String, id: String) throws -> (results: [MappingResult], coverage: DCATInputCoverage) {
        let data = try Fixtures.data(Fixtures.shared("dcat-rdf/real-portals/" + file))
        return mapper.mapPage(try RDFXMLParser.parse(data, baseIRI: nil), source: source(id))
    }

    static func turtle(_ text: String, id: String = "t") throws -> (results: [MappingResult], coverage: DCATInputCoverage) {
        mapper.mapPage(try TurtleParser.parse(Data(text.utf8), baseIRI: nil), source: source(id))
    }

    /// The rows of docs/mapping.md "DCAT input properties without output" for one catalogue, as `role property`.
    static func documented(_ catalogue: String) throws -> [String] {
        let doc = try String(contentsOf: Fixtures.packageRoot.appendingPathComponent("docs/mapping.md"), encoding: .utf8)
        let section = try #require(doc.components(separatedBy: "## DCAT input properties without output").dropFirst().first)
        let body = section.components(separatedBy: "\n## ").first ?? section
        return body.split(separator: "\n").compactMap { line -> String? in
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 4, cells[0] == catalogue else { return nil }
            return cells[1] + " " + cells[2].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
        }.sorted()
    }

    /// For each real catalogue: the input properties (per subject role) the mapper gives no output are exactly the
    /// reviewed list in docs/mapping.md.
    @Test(arguments: [
        ("brandenburg", "brandenburg-catalog-govdata-dashboard.rdf"),
        ("bremen", "bremen-transparenz-catalog.rdf"),
        ("destatis", "destatis-catalog.rdf"),
        ("ckanext-dcatde", "ckanext-dcatde-catalog-endpoint-example.rdf"),
    ])
    func propertiesWithoutOutputAreTheDocumentedOnes(catalogue: String, file: String) throws {
        let page = try Self.page(file, id: catalogue)
        #expect(page.coverage.unreadList == (try Self.documented(catalogue)))
        let findings = page.coverage.findings(source: catalogue)
        #expect(findings.filter { $0.code == "dcat.propertiesUnread" }.count == (page.coverage.unread.isEmpty ? 0 : 1))
    }

    @Test func everySpellingOfTheDcatdeNamespaceIsRead() throws {
        let ttl = """
        @prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
        <https://example.org/ds/1> a dcat:Dataset ; dct:title "T" ; dct:description "D" ;
          <https://www.dcat-ap.de/def/dcatde/1.1/politicalGeocodingURI> <https://www.dcat-ap.de/def/politicalGeocoding/stateKey/05> ;
          <http://dcat-ap.de/def/dcatde/1_0politicalGeocodingLevelURI> <http://www.dcat-ap.de/def/politicalGeocoding/Level/state> ;
          <https://dcat-ap.de/def/dcatde1.0/legalBasis> "§ 12 EGovG" ;
          <http://www.dcat-ap.de/def/dcatde/contributorID> <https://www.dcat-ap.de/def/contributors/openNRW> ;
          <http://example.org/ns#unknown> "x" ;
          dcat:distribution <https://example.org/ds/1/d> .
        <https://example.org/ds/1/d> dcat:accessURL <https://example.org/f.csv> ;
          dct:license <https://www.dcat-ap.de/def/licenses/dl-by-de/2.0> ;
          <http://dcat-ap.de/def/dcatde/1.0.1/licenseAttributionByText> "Land NRW" .
        """
        let page = try Self.turtle(ttl)
        let d = try #require(page.results.first?.dataset)
        #expect(d.politicalGeocoding == ["http://dcat-ap.de/def/politicalGeocoding/stateKey/05"])
        #expect(d.politicalGeocodingLevel == "http://dcat-ap.de/def/politicalGeocoding/Level/state")
        #expect(d.legalBasis == "§ 12 EGovG")
        #expect(d.contributorIDs == ["http://dcat-ap.de/def/contributors/openNRW"])
        #expect(d.distributions.first?.licence?.uri == "http://dcat-ap.de/def/licenses/dl-by-de/2.0")
        #expect(d.distributions.first?.attributionText == "Land NRW")
        // One note per source for the rewritten spellings (9 IRIs in 9 spellings), one for the property not read.
        let findings = page.coverage.findings(source: "t")
        let normalised = try #require(findings.first { $0.code == "dcatde.namespaceNormalised" })
        #expect(normalised.message.hasPrefix("9 dcat-ap.de IRI(s) in 9 unofficial spelling(s)"))
        #expect(page.coverage.unreadList == ["dataset http://example.org/ns#unknown"])
        #expect(findings.count == 2)
    }

    @Test func canonicalSpellings() {
        let cases = [
            ("https://www.dcat-ap.de/def/dcatde/1.0.1/maintainer", "http://dcat-ap.de/def/dcatde/maintainer"),
            ("http://dcat-ap.de/def/dcatde/1_0politicalGeocodingURI", "http://dcat-ap.de/def/dcatde/politicalGeocodingURI"),
            ("http://dcat-ap.de/def/dcatde/", "http://dcat-ap.de/def/dcatde/"),
            ("https://dcat-ap.de/def/dcatde", "http://dcat-ap.de/def/dcatde/"),
            ("https://www.dcat-ap.de/def/licenses/cc-by/4.0", "http://dcat-ap.de/def/licenses/cc-by/4.0"),
            ("http://dcat-ap.de/def/contributors/destatis", "http://dcat-ap.de/def/contributors/destatis"),
        ]
        for (input, expected) in cases { #expect(DCATAPdeIRI.canonical(input) == expected, "\(input)") }
        #expect(DCATAPdeIRI.canonical("http://example.org/def/dcatde/x") == nil)
    }

    /// ckanext-dcatde's catalogue: checksums, status, planned availability, byte sizes, pages, maintainers, the
    /// source's dataset IRI.
    @Test func ckanextDcatdeValuesAreKept() throws {
        let page = try Self.page("ckanext-dcatde-catalog-endpoint-example.rdf", id: "ex")
        let datasets = page.results.compactMap(\.dataset)
        let dists = datasets.flatMap(\.distributions)
        let hamburg = try #require(dists.first { $0.uri.hasSuffix("/resource/d1dc16a1-9a67-4e67-b88f-2c6c0441a292") })
        #expect(hamburg.checksum == Checksum(algorithm: "http://dcat-ap.de/def/hashAlgorithms/sha/256",
                                             value: "5bcc814127be171c75595d419f371c74c9cf041419c45d6e8d2c789e5c303b47"))
        #expect(hamburg.status == "http://purl.org/adms/status/Completed")
        #expect(hamburg.plannedAvailability == "http://dcat-ap.de/def/plannedAvailability/available")
        #expect(hamburg.byteSize == 685246)
        #expect(hamburg.documentation == ["https://www.govdata.de/ckan/api/rest/dataset/naturraume-geest-und-marsch3"])
        #expect(dists.compactMap(\.checksum).count == 2)
        #expect(datasets.compactMap(\.maintainer).count == 5)
        let hamburgDataset = try #require(datasets.first { $0.identifier == "bd2d4fa6-e9ad-470d-888b-5eb1378d39e9" })
        #expect(hamburgDataset.provenanceStatement == "MDK/c71a34e1-bf96-44d8-8020-5ebb0c7012a3")
        #expect(hamburgDataset.relations == ["http://www.hamburg.de/grundwasser/;jsessionid=2955D422DF427EF0F3DBCA0E67239DC7.liveWorker2"])
        #expect(hamburgDataset.documentation == ["http://metaver.de/trefferanzeige?docuuid=4635D337-4805-4C32-A211-13F8C038BF27"])
        // ckanext-dcatde writes political geocoding as locn:adminUnitL2 of dct:spatial.
        #expect(Set(hamburgDataset.politicalGeocoding) == ["http://dcat-ap.de/def/politicalGeocoding/stateKey/02",
                                                      "http://dcat-ap.de/def/politicalGeocoding/regionalKey/020000000000"])
        // The source's dataset IRI is not its dct:identifier (a UUID): it stays as an adms:identifier.
        let berlin = try #require(datasets.first { $0.identifier == "63961baa-2fd0-40d4-9242-4a9640ff5f1e" })
        #expect(berlin.otherIdentifiers.contains("http://data.example-domain.de/dataset/63961baa-2fd0-40d4-9242-4a9640ff5f1e"))
    }

    /// Item 7 (DCAT side): the dataset's dct:language picks the literal and tags the output; the contact's address
    /// as Bremen writes it is kept.
    @Test func recordLanguageAndContactAddress() throws {
        let ttl = """
        @prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
        @prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
        <https://example.org/ds/3> a dcat:Dataset ; dct:title "Straßenbau"@de, "Road works"@en ; dct:description "Works"@en ;
          dct:language <http://publications.europa.eu/resource/authority/language/ENG> ;
          dcat:contactPoint [ vcard:fn "Office" ; vcard:hasEmail <mailto:office@example.org> ;
            vcard:hasStreetAddress "Am Markt 1" ; vcard:hasPostalCode "28195" ; vcard:hasLocality "Bremen" ] ;
          dcat:distribution <https://example.org/ds/3/d> .
        <https://example.org/ds/3/d> dcat:accessURL <https://example.org/x.csv> .
        """
        let page = try Self.turtle(ttl)
        let d = try #require(page.results.first?.dataset)
        #expect(d.title == "Road works")
        #expect(d.textLanguage == "ENG")
        #expect(d.contactPoint?.address == PostalAddress(street: "Am Markt 1", postalCode: "28195", locality: "Bremen"))
        #expect(page.coverage.unread.isEmpty)
        let catalog = Catalog(uri: "https://example.org/catalog", title: "C", description: "C", publisher: Agent(name: "P"),
                              languages: [Vocabulary.languageBase + "DEU"], datasets: [d])
        let triples = DCATGraph(catalog).triples
        #expect(triples.contains { $0.predicate == DCATNS.dct + "title" && $0.object == .literal("Road works", language: "en", datatype: nil) })
        #expect(triples.contains { $0.predicate == DCATNS.vcard + "postal-code" && $0.object == .literal("28195", language: nil, datatype: nil) })
        // The catalogue's own title keeps the catalogue's language.
        #expect(triples.contains { $0.subject == "https://example.org/catalog" && $0.object == .literal("C", language: "de", datatype: nil) })
    }

    @Test func vocabulariesAreTheCKANMappers() throws {
        let ttl = """
        @prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
        <https://example.org/ds/2> a dcat:Dataset ; dct:title "T" ; dct:description "D" ;
          dct:accessRights "public" ; dct:language "deu", "German", "de" ;
          dcat:distribution <https://example.org/ds/2/wfs>, <https://example.org/ds/2/csv> .
        <https://example.org/ds/2/wfs> dcat:accessURL <https://example.org/wfs> ;
          dct:format <http://publications.europa.eu/resource/authority/file-type/WFS> .
        <https://example.org/ds/2/csv> dcat:accessURL <https://example.org/x.csv> ; dct:format "CSV" ; dct:language "en" ;
          dct:license "dl-de-by" .
        """
        let page = try Self.turtle(ttl)
        let result = try #require(page.results.first)
        let d = try #require(result.dataset)
        #expect(d.accessRights == Vocabulary.accessRightBase + "PUBLIC")
        #expect(d.languages == [Vocabulary.languageBase + "DEU"])
        #expect(d.distributions.map(\.format) == ["WFS_SRVC", "CSV"])
        #expect(d.distributions[1].mediaType == "text/csv")
        #expect(d.distributions[1].languages == [Vocabulary.languageBase + "ENG"])
        #expect(result.findings.contains { $0.code == "format.repaired" && $0.message.contains("WFS_SRVC") })
        // An unversioned licence name: the current version, with the note the CKAN path gives.
        #expect(d.distributions[1].licence?.uri == "http://dcat-ap.de/def/licenses/dl-by-de/2.0")
        let note = try #require(result.findings.first { $0.code == "licence.versionAssumed" })
        #expect(note.field == "dcat:distribution[1].license")
        #expect(note.message.contains("dl-by-de 2.0 assumed (the current version"))
        // The dataset IRI is the identifier here (no dct:identifier): not repeated as adms:identifier.
        #expect(d.identifier == "https://example.org/ds/2")
        #expect(d.otherIdentifiers.isEmpty)
    }
}
