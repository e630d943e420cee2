import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

/// What kept real portal catalogues from 0 violations under DCAT-AP.de 3.0 after harvesting (issue 17 "Done
/// when"): Brandenburg's Library-of-Congress language IRIs and Potsdam's own licence words, Bremen's
/// `…/frequency/IRREGULAR`.
@Suite struct DCATPortalRepairsTests {
    static let head = """
        @prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
        <https://example.org/d/1> a dcat:Dataset ; dct:title "Gebäudemodell" ; dct:description "3D" ;

        """

    static func map(_ body: String) throws -> (Dataset, [Finding]) {
        let page = try DCATInputCoverageTests.turtle(Self.head + body)
        let result = try #require(page.results.first)
        return (try #require(result.dataset), result.findings)
    }

    @Test func libraryOfCongressLanguageIRIsBecomeEULanguages() throws {
        let (d, _) = try Self.map("dct:language <http://id.loc.gov/vocabulary/iso639-1/de>, <http://id.loc.gov/vocabulary/iso639-2/eng> .")
        #expect(Set(d.languages) == [Vocabulary.languageBase + "DEU", Vocabulary.languageBase + "ENG"])
    }

    @Test func frequencyWordInAnEUIRIIsReadAsItsCode() throws {
        let (d, findings) = try Self.map("dct:accrualPeriodicity <http://publications.europa.eu/resource/authority/frequency/IRREGULAR> .")
        #expect(d.accrualPeriodicity == Vocabulary.frequencyBase + "IRREG")
        #expect(findings.contains { $0.code == "frequency.repaired" && $0.message.contains("IRREGULAR") })
        // A proper code stays as it is, without a note.
        let (annual, notes) = try Self.map("dct:accrualPeriodicity <http://publications.europa.eu/resource/authority/frequency/ANNUAL> .")
        #expect(annual.accrualPeriodicity == Vocabulary.frequencyBase + "ANNUAL" && !notes.contains { $0.code == "frequency.repaired" })
    }

    @Test func unidentifiedLicenceWordsAreALicenceDocumentNotNothing() throws {
        let (d, _) = try Self.map("""
            dcat:distribution [ a dcat:Distribution ; dcat:accessURL <https://example.org/gebaeude.zip> ;
              dct:license "Nutzungsbedingungen der LHP" ] .
            """)
        let catalog = PublishedView.ensure(Catalog(uri: "https://example.org/c", title: "C", description: "C", publisher: Agent(name: "P"), datasets: [d]))
        let f = catalog.datasets[0].facts.distributions[0]
        #expect(f.licence.uri == nil)
        let triples = DCATGraph(catalog).triples
        let licence = try #require(triples.first { $0.predicate == "http://purl.org/dc/terms/license" })
        guard case .iri(let node) = licence.object else { Issue.record("licence is not a node"); return }
        #expect(node.hasSuffix("#licence"))
        #expect(triples.contains { $0.subject == node && $0.object == .iri("http://purl.org/dc/terms/LicenseDocument") })
        #expect(triples.contains { t in
            guard t.subject == node, t.predicate == "http://www.w3.org/2000/01/rdf-schema#label", case .literal(let text, _, _) = t.object else { return false }
            return text == "Nutzungsbedingungen der LHP"
        })
    }
}
