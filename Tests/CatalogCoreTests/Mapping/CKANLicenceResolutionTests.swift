import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

/// Issue 16 item 6: licence id, then URL, then title; unversioned family names with a stated, configurable
/// version; Open Definition licences; suggestions that fit the source. Real GovData records, edited where a
/// case needs a value missing.
@Suite struct CKANLicenceResolutionTests {
    static let fixtures = Fixtures.packageRoot.appendingPathComponent("Tests/Fixtures")
    static let mapper = CKANMapper(catalog: MappingFixtures.settings, vocabularies: MappingFixtures.vocabularies, licences: licenceRegistry)
    static let dcat = "http://dcat-ap.de/def/licenses/"

    /// Maps the one record of a fixture after replacing each `edits` key by its value in the raw text.
    static func map(_ path: String, edits: [String: String] = [:], source: SourceConfig = MappingFixtures.source("govdata")) throws -> MappingResult {
        var text = try String(contentsOf: fixtures.appendingPathComponent(path), encoding: .utf8)
        for (old, new) in edits {
            #expect(text.contains(old), "fixture \(path) has \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        let records = try CKANDump.records(from: Data(text.utf8), sourceID: source.id)
        #expect(records.count == 1)
        return mapper.map(records[0], source: source)
    }

    @Test func unversionedIDResolvesToTheCurrentVersionWithAFinding() throws {
        // lgb-rlp: license_id "cc-nc" (no version).
        let result = try Self.map("ckan/govdata/govdata-package_show-lgb-rlp.json")
        let licence = try #require(result.dataset?.licence)
        #expect(licence.raw == "cc-nc")
        #expect(licence.uri == Self.dcat + "cc-by-nc/4.0")
        #expect(licence.status == .restricted)
        let notes = result.findings.filter { $0.code == "licence.versionAssumed" }
        #expect(notes.count == 1)
        #expect(notes.first?.field == "license_id")
        #expect(notes.first?.message.contains("cc-by-nc 4.0 assumed (the current version") == true)
    }

    @Test func theSourceChoosesTheVersion() throws {
        var source = MappingFixtures.source("rlp")
        source.licenceVersions = ["cc-by-nc": "3.0-de"]
        let result = try Self.map("ckan/govdata/govdata-package_show-lgb-rlp.json", source: source)
        #expect(result.dataset?.licence?.uri == Self.dcat + "cc-by-nc-de/3.0")
        #expect(result.findings.first { $0.code == "licence.versionAssumed" }?.message.contains("cc-by-nc 3.0-de assumed (licence_versions of source 'rlp')") == true)
        source.licenceVersions = ["cc-by-nc": "9.9"]
        let rejected = try Self.map("ckan/govdata/govdata-package_show-lgb-rlp.json", source: source)
        #expect(rejected.dataset?.licence?.uri == Self.dcat + "cc-by-nc/4.0")
        #expect(rejected.findings.first { $0.code == "licence.versionAssumed" }?.message.contains("configured version '9.9' does not exist") == true)
    }

    @Test func anUnknownIDFallsBackToTheURLThenTheTitle() throws {
        // The id is not a licence: the URL (CC BY-NC 2.0 text) is used, the raw value kept as given.
        let viaURL = try Self.map("ckan/govdata/govdata-package_show-lgb-rlp.json", edits: [#""license_id":"cc-nc""#: #""license_id":"lizenz-xy""#])
        #expect(viaURL.dataset?.licence?.raw == "http://creativecommons.org/licenses/by-nc/2.0/")
        #expect(viaURL.dataset?.licence?.status == .restricted)
        // Neither id nor URL: the title "Datenlizenz Deutschland Namensnennung" (no version) → dl-by-de, version set by the source.
        var source = MappingFixtures.source("govdata-ogd")
        source.licenceVersions = ["dl-by-de": "1.0"]
        let viaTitle = try Self.map("ckan-messy/govdata-dataset_response-licence-title-only.json", edits: [
            #""license_id":"dl-de-by-1.0""#: #""license_id":"lizenz-xy""#,
            #""license_url":"https://www.govdata.de/dl-de/by-1-0""#: #""license_url":"https://example.org/keine-lizenz""#,
            // extras.terms_of_use (a JSON string) repeats id and URL: removed, so only the title is left.
            #"\"license_id\": \"dl-de-by-1.0\", "#: "",
            #"\"license_url\": \"http://www.daten-deutschland.de/bibliothek/Datenlizenz_Deutschland/dl-de-by-1.0\", "#: "",
        ], source: source)
        #expect(viaTitle.dataset?.licence?.raw == "Datenlizenz Deutschland Namensnennung")
        #expect(viaTitle.dataset?.licence?.uri == Self.dcat + "dl-by-de/1.0")
        #expect(viaTitle.findings.first { $0.code == "licence.versionAssumed" }?.field == "license_title")
        // Untouched, the versioned id wins and nothing is assumed.
        let plain = try Self.map("ckan-messy/govdata-dataset_response-licence-title-only.json")
        #expect(plain.dataset?.licence?.uri == Self.dcat + "dl-by-de/1.0")
        #expect(!plain.findings.contains { $0.code == "licence.versionAssumed" })
    }

    @Test func openDefinitionLicencesResolveAndCountAsOpen() {
        for raw in ["OGL-UK-3.0", "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/", "Open Government Licence 3.0 (United Kingdom)", "OGL-Canada-2.0"] {
            let licence = licenceRegistry.resolve(raw)
            #expect(licence.status == .open, "\(raw): \(licence.reason ?? "")")
            #expect(licence.uri != nil, "\(raw)")
        }
    }
}

/// A licence value is resolved once per run: every record naming it shares one value and its texts, and a
/// mapper given another resolver resolves again.
@Suite struct CKANLicenceMemoTests {
    static func reasonStorage(_ licence: Licence?) -> UnsafeRawPointer? {
        licence?.reason?.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
    }

    @Test func recordsNamingTheSameLicenceShareItsTexts() throws {
        let path = "ckan/govdata/govdata-package_show-lgb-rlp.json"
        let a = try #require(try CKANLicenceResolutionTests.map(path).dataset?.licence)
        let b = try #require(try CKANLicenceResolutionTests.map(path).dataset?.licence)
        #expect(a == b && (a.reason?.utf8.count ?? 0) > 15)  // longer than a string stored inline
        #expect(Self.reasonStorage(a) != nil && Self.reasonStorage(a) == Self.reasonStorage(b))
        // Another resolver: the memo starts again, and the value is its resolver's.
        var mapper = CKANLicenceResolutionTests.mapper
        mapper.licences = EchoLicences()
        let text = try String(contentsOf: CKANLicenceResolutionTests.fixtures.appendingPathComponent(path), encoding: .utf8)
        let record = try #require(try CKANDump.records(from: Data(text.utf8), sourceID: "govdata").first)
        let echoed = try #require(mapper.map(record, source: MappingFixtures.source("govdata")).dataset?.licence)
        #expect(echoed != a)
    }

    /// The DCAT mapper shares the memo's type: two datasets of a DCAT page naming the same licence share its texts.
    @Test func dcatDatasetsNamingTheSameLicenceShareItsTexts() throws {
        let ttl = """
        @prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
        <https://example.org/ds/1> a dcat:Dataset ; dct:title "A" ; dct:description "D" ; dct:license <http://dcat-ap.de/def/licenses/dl-by-de/2.0> .
        <https://example.org/ds/2> a dcat:Dataset ; dct:title "B" ; dct:description "D" ; dct:license <http://dcat-ap.de/def/licenses/dl-by-de/2.0> .
        """
        let licences = try DCATInputCoverageTests.turtle(ttl).results.map { try #require($0.dataset?.licence) }
        #expect(licences.count == 2 && licences[0] == licences[1] && (licences[0].reason?.utf8.count ?? 0) > 15)
        #expect(Self.reasonStorage(licences[0]) != nil && Self.reasonStorage(licences[0]) == Self.reasonStorage(licences[1]))
    }
}
