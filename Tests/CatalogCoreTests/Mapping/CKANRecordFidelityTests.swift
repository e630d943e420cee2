import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

/// Issue 16 items 8–10 on real records (edited where a case needs one more field) and real-shaped minimal ones.
@Suite struct CKANRecordFidelityTests {
    typealias F = MappingFixtures
    static let fixtures = Fixtures.packageRoot.appendingPathComponent("Tests/Fixtures")

    static func map(json: String, source: SourceConfig = MappingFixtures.source("test", portal: "https://offenedaten.aachen.de")) throws -> MappingResult {
        let records = try CKANDump.records(from: Data(json.utf8), sourceID: source.id)
        #expect(records.count == 1)
        return F.mapper.map(records[0], source: source)
    }

    /// Item 7: literals carry the record's language (CKAN `language`, in the record's order), else the source's
    /// `language`, else the catalogue's first language; the RDF export tags them so.
    @Test func literalsCarryTheRecordsLanguage() throws {
        func record(_ language: String) -> String {
            """
            {"id": "r1", "name": "r1", "title": "Road works", "notes": "Planned road works.", "tags": [{"name": "roads"}],
             \(language) "resources": [{"id": "a", "url": "https://example.org/a.csv", "format": "CSV", "name": "Works"}]}
            """
        }
        func titleTag(_ ds: Dataset) -> String?? {
            let catalog = Catalog(uri: "https://example.org/catalog", title: "C", description: "C", publisher: Agent(name: "P"),
                                  languages: [Vocabulary.languageBase + "DEU"], datasets: [ds])
            let graph = DCATGraph(catalog)
            let titles = graph.triples.filter { $0.predicate == "http://purl.org/dc/terms/title" && $0.subject.contains("/dataset/") }
            let keyword = graph.triples.first { $0.predicate == "http://www.w3.org/ns/dcat#keyword" }
            guard case .literal(_, let lang, _) = titles.first?.object, case .literal(_, let kl, _) = keyword?.object, lang == kl else { return .none }
            return .some(lang)
        }
        let english = try #require(try Self.map(json: record("\"language\": [\"en\", \"de\"],")).dataset)
        #expect(english.textLanguage == "ENG")
        #expect(titleTag(english) == "en")
        var dutchSource = F.source("nl")
        dutchSource.language = "NLD"
        let dutch = try #require(try Self.map(json: record(""), source: dutchSource).dataset)
        #expect(dutch.textLanguage == "NLD")
        #expect(titleTag(dutch) == "nl")
        let plain = try #require(try Self.map(json: record("")).dataset)
        #expect(plain.textLanguage == nil)
        #expect(titleTag(plain) == "de")
    }

    @Test func datesInSlashAndDottedDayMonthOrder() {
        #expect(CKANDate.parse("05/3/2014") == .date("2014-03-05"))
        #expect(CKANDate.parse("5.3.2014") == .date("2014-03-05"))
        #expect(CKANDate.parse("31/12/2014 18:09") == .dateTime("2014-12-31T18:09:00"))
        #expect(CKANDate.parse("13/13/2014") == nil)
        #expect(CKANDate.parse("5/3.2014") == nil)
    }

    /// OGD-DE 1.x: the publication date of `extras.dates` wins over CKAN's own `metadata_created` (the record as a
    /// CKAN serves it has both; the fixture, a raw OGD-DE record, only the first).
    @Test func ogdDatesWinOverCKANMetadataDates() throws {
        var text = try String(contentsOf: Self.fixtures.appendingPathComponent("ckan-messy/ogd-de-1x-moers-record.json"), encoding: .utf8)
        text = "{\"metadata_created\": \"2021-06-01T10:00:00\", \"metadata_modified\": \"2021-06-02T10:00:00\"," + text.drop { $0 != "{" }.dropFirst()
        let ds = try #require(try Self.map(json: text).dataset)
        #expect(ds.issued == .dateTime("2013-02-15T00:00:00"))
        #expect(ds.modified == .dateTime("2021-06-02T10:00:00"))
    }

    @Test func dkanSizesAreReadWithANote() throws {
        #expect(CKANSize.parse("443 Bytes") == .init(bytes: 443, approximate: false))
        #expect(CKANSize.parse("1,2 MB") == .init(bytes: 1_258_291, approximate: true))
        #expect(CKANSize.parse("1.24 KB") == .init(bytes: 1270, approximate: true))
        #expect(CKANSize.parse("-1") == nil)
        #expect(CKANSize.parse("groß") == nil)
        // Köln DKAN 2015: every non-empty size is "n.nn KB/MB"; none is dropped any more.
        let records = try CKANDump.records(from: Fixtures.data(Fixtures.catalog("demo/koeln-2015-01.json")), sourceID: "koeln")
        let results = records.map { F.mapper.map($0, source: F.source("koeln")) }
        let findings = results.flatMap(\.findings)
        #expect(!findings.contains { $0.code == "size.invalid" })
        let sized = results.flatMap { $0.dataset?.distributions ?? [] }.filter { $0.byteSize != nil }
        let raw = try JSONSerialization.jsonObject(with: Fixtures.data(Fixtures.catalog("demo/koeln-2015-01.json"))) as? [[String: Any]] ?? []
        let given = raw.flatMap { ($0["resources"] as? [[String: Any]]) ?? [] }.compactMap { $0["size"] as? String }
        #expect(sized.count == given.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.count)
        let units = given.filter { $0.hasSuffix("KB") || $0.hasSuffix("MB") || $0.hasSuffix("GB") }
        #expect(units.count == findings.filter { $0.code == "size.approximate" }.count)
        #expect(!units.isEmpty)
    }

    @Test func contactNameAndEmailComeFromOnePerson() throws {
        let result = try Self.map(json: """
            {"id": "a1", "name": "baumkataster", "title": "Baumkataster", "notes": "Bäume",
             "maintainer": "Grünflächenamt", "author": "Stadt Aachen", "author_email": "presse@mail.aachen.de",
             "extras": [{"key": "contact-name", "value": "x"}], "resources": []}
            """)
        // contact-name (hyphenated extra) is read first; its e-mail is not the author's.
        #expect(result.dataset?.contactPoint?.name == "x")
        #expect(result.dataset?.contactPoint?.email == nil)
        let maintainer = try Self.map(json: """
            {"id": "a2", "name": "baumkataster", "title": "Baumkataster", "notes": "Bäume",
             "maintainer": "Grünflächenamt", "author": "Stadt Aachen", "author_email": "presse@mail.aachen.de", "resources": []}
            """)
        #expect(maintainer.dataset?.contactPoint?.name == "Grünflächenamt")
        #expect(maintainer.dataset?.contactPoint?.email == nil)
        let author = try Self.map(json: """
            {"id": "a3", "name": "baumkataster", "title": "Baumkataster", "notes": "Bäume",
             "author": "Stadt Aachen", "author_email": "presse@mail.aachen.de", "extras": [{"key": "update_frequency", "value": "monatlich"}],
             "resources": []}
            """)
        #expect(author.dataset?.contactPoint?.name == "Stadt Aachen")
        #expect(author.dataset?.contactPoint?.email == "presse@mail.aachen.de")
        #expect(author.dataset?.accrualPeriodicity == Vocabulary.frequencyBase + "MONTHLY")
        // Berlin shape: the author is the office without an address, the maintainer only an address: both kept.
        let office = try Self.map(json: """
            {"id": "a4", "name": "baumkataster", "title": "Baumkataster", "notes": "Bäume",
             "author": "Senatsverwaltung für Stadtentwicklung", "maintainer_email": "poststelle@senstadt.berlin.de", "resources": []}
            """)
        #expect(office.dataset?.contactPoint?.name == "Senatsverwaltung für Stadtentwicklung")
        #expect(office.dataset?.contactPoint?.email == "poststelle@senstadt.berlin.de")
    }

    @Test func duplicateResourceIDsStayTwoDistributionsAndURLsAreRepaired() throws {
        let result = try Self.map(json: """
            {"id": "b1", "name": "haushalt", "title": "Haushalt", "notes": "Haushaltsplan",
             "resources": [
               {"id": "r1", "name": "Haushalt 2014", "url": " https://offenedaten.aachen.de/haushalt-2014.csv", "format": "CSV"},
               {"id": "r1", "name": "Haushalt 2015", "url": "www.aachen.de/haushalt-2015.csv", "format": "CSV"},
               {"id": "r2", "name": "Bericht", "url": "bericht.pdf", "format": "PDF"}]}
            """)
        let ds = try #require(result.dataset)
        #expect(ds.distributions.map(\.accessURL) == ["https://offenedaten.aachen.de/haushalt-2014.csv", "http://www.aachen.de/haushalt-2015.csv"])
        #expect(Set(ds.distributions.map(\.uri)).count == 2)
        #expect(result.findings.filter { $0.code == "distribution.duplicateID" }.count == 1)
        #expect(result.findings.filter { $0.code == "url.repaired" }.count == 2)
        #expect(!ds.distributions.contains { $0.accessURL.contains("%20") })
        // Berlin (demo copy): `http:www.vbb.de/labs` lacks `//`; a colon that is no port is no host.
        let landing = try Self.map(json: """
            {"id": "b2", "name": "vbb", "title": "VBB", "notes": "Fahrplandaten", "url": "http:www.vbb.de/labs",
             "resources": [{"id": "r1", "url": "mailto:info@vbb.de", "format": "HTML"}, {"id": "r2", "url": "www.vbb.de:8080/gtfs.zip"}]}
            """)
        #expect(landing.dataset?.landingPage == "http://www.vbb.de/labs")
        #expect(landing.findings.contains { $0.code == "url.repaired" && $0.field == "url" && $0.message.contains("'//'") })
        #expect(landing.dataset?.distributions.map(\.accessURL) == ["http://www.vbb.de:8080/gtfs.zip"])
        #expect(landing.findings.contains { $0.code == "distribution.noURL" && $0.field == "resources[0].url" })
        #expect(result.findings.contains { $0.code == "distribution.noURL" && $0.field == "resources[2].url" })
    }

    /// Berlin 2014: 78 landing pages are a host without scheme (`www.statistik-berlin-brandenburg.de`, once with a
    /// leading space); they are repaired like resource URLs. `' http:/ / www.vbb.de/ labs '` stays unusable (a note),
    /// never `http://%20http…`. A resource URL with a trailing space is trimmed with a note.
    @Test func berlinLandingPagesWithoutSchemeAreRepaired() throws {
        let path = "ckan/other-german/berlin-datenregister-ckan-packages-2014-12.json"
        let results = try F.mapAll(path, source: F.source("berlin"))
        let raw = try JSONSerialization.jsonObject(with: Fixtures.data(Fixtures.shared(path))) as? [[String: Any]] ?? []
        var repaired = 0
        for (record, result) in zip(raw, results) {
            guard let url = (record["url"] as? String)?.trimmingCharacters(in: .whitespaces), url.hasPrefix("www.") else { continue }
            #expect(result.dataset?.landingPage == "http://" + url)
            #expect(result.findings.contains { $0.code == "url.repaired" && $0.field == "url" && $0.message.hasPrefix("Landing page") })
            repaired += 1
        }
        #expect(repaired == 78)
        func named(_ name: String) throws -> MappingResult {
            try #require(zip(raw, results).first { $0.0["name"] as? String == name }?.1)
        }
        let spaced = try named("einwohnerinnen-und-einwohner-in-berlin-in-lor-planungsr-umen-am-31-12-2006")
        #expect(spaced.dataset?.landingPage == "http://www.statistik-berlin-brandenburg.de")
        let broken = try named("vbb-fahrplandaten-august-bis-oktober-2014")
        #expect(broken.dataset?.landingPage == nil)
        #expect(broken.findings.contains { $0.code == "url.unusable" && $0.message.contains("http:/ / www.vbb.de/ labs") })
        let gtfs = try named("vbb-gtfs-daten-sep-dez-2013")
        #expect(gtfs.dataset?.distributions.contains { $0.accessURL == "http://www.vbb.de/de/datei/GTFSOkt2013.zip" } == true)
        #expect(gtfs.findings.contains { $0.code == "url.repaired" && $0.field?.hasPrefix("resources[") == true })
        #expect(!results.compactMap(\.dataset).contains { ($0.landingPage ?? "").hasPrefix("http://%20") })
    }

    /// ckanext-dcat's legacy example (a data.gov.uk INSPIRE harvest): the maintainer is the contact point; the
    /// `contact-email` extra of another party is reported, and `frequency-of-update: notPlanned` is read.
    @Test func legacyContactEmailAndFrequencyOfUpdate() throws {
        let r = try F.mapOne("ckan/ckanext-dcat-examples/full_ckan_dataset_legacy.json", source: F.source("legacy"))
        let ds = try #require(r.dataset)
        #expect(ds.contactPoint?.name == "Geological Society")
        #expect(ds.contactPoint?.email == "info@gs.org")
        #expect(r.findings.contains { $0.code == "contact.emailNotUsed" && $0.field == "extras.contact-email" && $0.message.contains("enquiries@bgs.ac.uk") })
        #expect(ds.accrualPeriodicity == Vocabulary.frequencyBase + "NEVER")
        // Without a maintainer, `contact-name` and `contact-email` make the contact point together.
        let own = try Self.map(json: """
            {"id": "d1", "name": "bodenkarte", "title": "Bodenkarte", "notes": "Karte",
             "author": "Stadt Aachen", "author_email": "presse@mail.aachen.de",
             "extras": [{"key": "contact-name", "value": "Umweltamt"}, {"key": "contact-email", "value": "umwelt@mail.aachen.de"},
                        {"key": "frequency", "value": "alle paar Jahre"}],
             "resources": []}
            """)
        #expect(own.dataset?.contactPoint?.name == "Umweltamt")
        #expect(own.dataset?.contactPoint?.email == "umwelt@mail.aachen.de")
        #expect(!own.findings.contains { $0.code == "contact.emailNotUsed" })
        #expect(own.dataset?.accrualPeriodicity == nil)
        #expect(own.findings.contains { $0.code == "frequency.unmapped" && $0.message.contains("alle paar Jahre") })
    }

    /// `geographic_coverage` (spelling of other OGD portals) is read like Berlin's `geographical_coverage`.
    @Test func geographicCoverageSpelling() throws {
        let r = try Self.map(json: """
            {"id": "e1", "name": "wahlbezirke", "title": "Wahlbezirke", "notes": "Wahlbezirke",
             "extras": {"geographic_coverage": "Berlin"}, "resources": []}
            """)
        #expect(r.dataset?.politicalGeocoding == ["http://dcat-ap.de/def/politicalGeocoding/stateKey/11"])
        #expect(r.dataset?.politicalGeocodingLevel == "http://dcat-ap.de/def/politicalGeocoding/Level/state")
        #expect(r.dataset?.spatial?.label == "Berlin")
    }

    /// GovData's DCAT-AP.de test record: the `publisher_email` placeholder "publisher_email" and the `conforms_to`
    /// text "Eine Regel oder eine URL" (dataset and resource) are no values for RDF; each is reported.
    @Test func placeholdersAreReportedNotDroppedSilently() throws {
        let r = try F.mapOne("ckan/govdata/govdata-dcatap-dataset.json", source: F.source("govdata"))
        let ds = try #require(r.dataset)
        #expect(ds.publisher?.email == nil)
        #expect(r.findings.contains { $0.code == "publisher.invalidEmail" && $0.severity == .warning && $0.field == "extras.publisher_email" })
        #expect(ds.conformsTo.isEmpty)
        let standards = r.findings.filter { $0.code == "conformsTo.unusable" }
        #expect(standards.contains { $0.field == "conforms_to" && $0.message.contains("Eine Regel oder eine URL") })
        #expect(standards.contains { $0.field?.hasPrefix("resources[") == true })
        // A resource date nobody can read is a note, not a silent gap.
        let dated = try Self.map(json: """
            {"id": "f1", "name": "haushalt", "title": "Haushalt", "notes": "Haushaltsplan",
             "resources": [{"id": "r1", "url": "https://offenedaten.aachen.de/h.csv", "created": "Frühjahr 2014", "last_modified": "5.3.2014"}]}
            """)
        #expect(dated.dataset?.distributions.first?.issued == nil)
        #expect(dated.dataset?.distributions.first?.modified == .date("2014-03-05"))
        #expect(dated.findings.contains { $0.code == "date.unparsable" && $0.field == "resources[0].created" })
    }
}
