import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

/// A stand-in for the real licence registry: echoes the raw value so tests see which raw string was chosen.
struct EchoLicences: LicenceResolving {
    func resolve(_ raw: String?) -> Licence {
        guard let raw else { return Licence(raw: nil, status: .missing) }
        return Licence(raw: raw, uri: raw.hasPrefix("http") ? raw : nil, status: .unknown)
    }
}

enum MappingFixtures {
    static let vocabularies: MappingVocabularies = {
        var files: [String: Data] = [:]
        for name in MappingVocabularies.File.all {
            files[name] = try! Fixtures.data(Fixtures.catalog("vocabularies/\(name)"))
        }
        return try! MappingVocabularies.parse(files: files)
    }()

    static let settings = CatalogSettings(
        title: "Test", description: "Test catalogue", baseURI: "https://example.org/katalog",
        publisher: Agent(name: "Stadt Aachen"))

    static let mapper = CKANMapper(catalog: settings, vocabularies: vocabularies, licences: EchoLicences())

    static func source(_ id: String, portal: String? = nil, defaults: SourceDefaults? = nil) -> SourceConfig {
        SourceConfig(id: id, title: id, kind: .ckanDump, path: "x.json", defaults: defaults ?? SourceDefaults(portalURL: portal))
    }

    /// Maps every record of a fixture file.
    static func mapAll(_ path: String, source: SourceConfig) throws -> [MappingResult] {
        let records = try CKANDump.records(from: Fixtures.data(Fixtures.shared(path)), sourceID: source.id)
        return records.map { mapper.map($0, source: source) }
    }

    static func mapOne(_ path: String, source: SourceConfig) throws -> MappingResult {
        let results = try mapAll(path, source: source)
        #expect(results.count == 1)
        return results[0]
    }
}

@Suite struct CKANMapperFixtureTests {
    typealias F = MappingFixtures

    // Counts checked with python over the fixture (all 686 active, titled, type datensatz/dokument; 1066 resources with http URLs).
    @Test func berlinDumpMapsEveryRecord() throws {
        let results = try F.mapAll("ckan/other-german/berlin-datenregister-ckan-packages-2014-12.json", source: F.source("berlin"))
        #expect(results.count == 686)
        #expect(results.filter { $0.dataset != nil }.count == 686)
        #expect(results.flatMap { $0.dataset?.distributions ?? [] }.count == 1066)
        #expect(!results.flatMap(\.findings).contains { $0.severity == .error })
        // 2 records have empty notes → title used with a warning.
        #expect(results.flatMap(\.findings).filter { $0.code == "description.missing" }.count == 2)
    }

    // Köln DKAN: 137 and 130 datasets; one resource each with an empty URL (512/511 and 467/466).
    @Test(arguments: [
        ("ckan/nrw-municipal/koeln-offenedaten-dkan-current_package_list_with_resources-2015-01.json", 137, 511),
        ("ckan/nrw-municipal/koeln-offenedaten-dkan-snapshot-2014-11-04.json", 130, 466),
    ])
    func koelnDKANMaps(path: String, datasets: Int, distributions: Int) throws {
        let results = try F.mapAll(path, source: F.source("koeln", portal: "http://offenedaten-koeln.de"))
        #expect(results.compactMap(\.dataset).count == datasets)
        #expect(results.compactMap(\.dataset).flatMap(\.distributions).count == distributions)
        let dropped = results.flatMap(\.findings).filter { $0.code == "distribution.noURL" }
        #expect(dropped.count == 1)
        #expect(dropped.first?.severity == .warning)
        #expect(dropped.first?.field?.hasPrefix("resources[") == true)
    }

    @Test func koelnQuirks() throws {
        let results = try F.mapAll(
            "ckan/nrw-municipal/koeln-offenedaten-dkan-current_package_list_with_resources-2015-01.json",
            source: F.source("koeln", portal: "http://offenedaten-koeln.de"))
        let ds = try #require(results.first?.dataset)
        #expect(ds.identifier == "b80fdf26-2941-48e1-abb5-c998ec8f9d3e")
        #expect(ds.uri == "https://example.org/katalog/dataset/koeln/kundenzentren-koeln-wartezeiten")
        // HTML notes → plain text with entities decoded.
        #expect(!ds.description.contains("<p>"))
        #expect(ds.description.contains("[title_anz] => Name des Kundenzentrums"))
        // `private: "Veröffentlicht"`, `state: "Active"`, `type: "Dataset"` → published, public.
        #expect(ds.accessRights == Vocabulary.accessRightBase + "PUBLIC")
        #expect(ds.issued == .dateTime("2014-12-10T10:14:40+01:00"))
        let dist = try #require(ds.distributions.first)
        #expect(dist.uri == ds.uri + "/distribution/577fd53d-56ee-4c3f-82ec-355e4bc05e2a")
        #expect(dist.format == "JSON")
        #expect(dist.mediaType == "application/json")
        // `last_modified: "Date changed\t2014-12-10T09:56:43+01:00"`.
        #expect(dist.modified == .dateTime("2014-12-10T09:56:43+01:00"))
        #expect(dist.byteSize == nil)
        #expect(dist.licenceInherited)
        #expect(dist.licence?.raw == "cc-by")
        // Group "group/stadt-köln" is no theme → note.
        #expect(results[0].findings.contains { $0.code == "theme.unmapped" && $0.severity == .note && $0.field == "groups[0]" })
        #expect(ds.provenance.first?.url == "http://offenedaten-koeln.de/dataset/kundenzentren-koeln-wartezeiten")
        #expect(ds.otherIdentifiers.contains("http://offenedaten-koeln.de/dataset/kundenzentren-koeln-wartezeiten"))
    }

    @Test func berlinQuirks() throws {
        let results = try F.mapAll("ckan/other-german/berlin-datenregister-ckan-packages-2014-12.json", source: F.source("berlin"))
        let ds = try #require(results[0].dataset)
        // extras as dict; OGD categories geo (→ REGI, our category table) + kultur_freizeit_sport_tourismus → EDUC.
        #expect(ds.themes == ["EDUC", "REGI"])
        #expect(ds.keywords == ["hauptwege", "wanderkarte", "wanderkoordianten", "wanderwege", "wege"])
        #expect(ds.issued == .date("2008-10-16"))  // extras.date_released before metadata_created
        #expect(ds.licence?.raw == "cc-nc")
        // geographical_coverage "Berlin" → state key 11.
        #expect(ds.politicalGeocoding == ["http://dcat-ap.de/def/politicalGeocoding/stateKey/11"])
        #expect(ds.politicalGeocodingLevel == "http://dcat-ap.de/def/politicalGeocoding/Level/state")
        #expect(ds.distributions.first?.format == "KMZ")
        #expect(ds.distributions.first?.languages == [Vocabulary.languageBase + "DEU"])
        // Author without email, maintainer email only.
        #expect(ds.publisher?.name == "Senatsverwaltung für Stadtentwicklung")
        #expect(ds.contactPoint?.email == "ingrid.cloos@senstadt.berlin.de")
        // Berlin `gjson` → GEOJSON across the dump; microsecond dates truncated to milliseconds.
        let all = results.compactMap(\.dataset)
        #expect(all.flatMap(\.distributions).filter { $0.rawFormat == "gjson" }.allSatisfy { $0.format == "GEOJSON" })
        #expect(all[0].modified == .dateTime("2013-06-14T14:45:56.542"))
    }

    @Test func govdataHamburgHarvestedCopy() throws {
        let r = try F.mapOne("ckan/govdata/govdata-package_show-hamburg-stadtgruen-2020.json", source: F.source("govdata"))
        let ds = try #require(r.dataset)
        #expect(ds.identifier == "4E67DF32-AAC0-4410-A215-4110F8D50BBD")
        #expect(ds.otherIdentifiers.contains("4c1ac238-bc7d-4531-8e07-6987c40d527d"))
        #expect(ds.derivedFrom.contains("https://square1.informatik.uni-hamburg.de/dataset/ecb299a6-0655-4ecb-80cc-c08db992a5f2"))
        #expect(ds.derivedFrom.contains("https://transparenz.hamburg.de"))
        #expect(ds.themes == ["EDUC", "ENER", "ENVI"])
        #expect(ds.contributorIDs == ["http://dcat-ap.de/def/contributors/transparenzportalHamburg"])
        #expect(ds.politicalGeocoding == ["http://dcat-ap.de/def/politicalGeocoding/regionalKey/020000000000"])
        #expect(ds.politicalGeocodingLevel == "http://dcat-ap.de/def/politicalGeocoding/Level/state")
        #expect(r.findings.contains { $0.code == "geocoding.levelFixed" })
        // spatial `multiPolygon` → MultiPolygon with a bbox.
        let spatial = try #require(ds.spatial)
        #expect(spatial.geometryGeoJSON?.contains("\"type\":\"MultiPolygon\"") == true)
        #expect(spatial.bbox == BoundingBox(west: 8.420551, south: 53.394985, east: 10.326304, north: 53.964153))
        #expect(r.findings.contains { $0.code == "spatial.typeRepaired" })
        #expect(ds.publisher?.name.hasPrefix("Behörde für Umwelt und Energie") == true)
        #expect(ds.languages == [Vocabulary.languageBase + "DEU"])
        #expect(ds.accrualPeriodicity == Vocabulary.frequencyBase + "NEVER")
        // 8 resources: WFS/WMS → service codes; size -1 dropped, 57920 kept; per-resource licence URI.
        #expect(ds.distributions.count == 8)
        #expect(ds.distributions.map(\.format) == ["GML", "WFS_SRVC", "HTML", "HTML", "HTML", "HTML", "HTML", "WMS_SRVC"])
        #expect(ds.distributions[4].byteSize == 57920)
        #expect(ds.distributions[0].byteSize == nil)
        #expect(ds.distributions.allSatisfy { $0.licence?.raw == "http://dcat-ap.de/def/licenses/dl-by-de/2.0" && !$0.licenceInherited })
        #expect(ds.distributions[0].attributionText == "Freie und Hansestadt Hamburg, Behörde für Umwelt und Energie, 2015")
        #expect(ds.issued == .dateTime("2020-04-02T00:00:00"))
        #expect(ds.keywords.count == 16)
        #expect(ds.keywords == ds.keywords.sorted())
    }

    @Test func govdataDCATAPDataset() throws {
        let r = try F.mapOne("ckan/govdata/govdata-dcatap-dataset.json", source: F.source("govdata"))
        let ds = try #require(r.dataset)
        #expect(ds.identifier == "A635D337-4805-4C32-A211-13F8C038BF27")
        #expect(ds.otherIdentifiers.contains("4635D337-4805-4C32-A211-13F8C038BF27"))
        #expect(ds.temporal == PeriodOfTime(start: .date("2016-01-01"), end: .date("2016-12-31")))
        #expect(ds.contactPoint?.email == "michael.schroeder@bue.hamburg.de")
        #expect(ds.contactPoint?.phone == "+49 40 4 28 40 - 3494")
        // Format given as an IANA IRI; the publisher's `publisher_email` placeholder is no e-mail.
        #expect(ds.distributions.first?.format == "GML")
        #expect(ds.distributions.first?.mediaType == "application/gml+xml")
        #expect(ds.distributions.first?.byteSize == 685246)
        #expect(ds.publisher?.email == nil)
        #expect(ds.themes == ["ENVI"])
    }

    @Test func govdataOGDRecords() throws {
        let rlp = try F.mapOne("ckan/govdata/govdata-package_show-lgb-rlp.json", source: F.source("govdata"))
        let ds = try #require(rlp.dataset)
        #expect(ds.themes == ["EDUC", "REGI", "TECH"])  // bildung_wissenschaft; geo → REGI (our category table)
        #expect(ds.temporal?.start == .dateTime("2000-01-01T00:00:00"))
        #expect(ds.spatial?.geometryGeoJSON?.contains("\"type\":\"Polygon\"") == true)
        #expect(ds.distributions.map(\.format) == ["MAP_PRVW", "WMS_SRVC", "HTML"])
        #expect(ds.licence?.raw == "cc-nc")

        let titleOnly = try F.mapOne("ckan-messy/govdata-dataset_response-licence-title-only.json", source: F.source("govdata"))
        #expect(titleOnly.dataset?.licence?.raw == "dl-de-by-1.0")
        #expect(titleOnly.dataset?.themes == ["EDUC", "HEAL", "REGI", "SOCI", "TECH"])  // geo → REGI

        let unknown = try F.mapOne("ckan-messy/govdata-dcatap-dataset-unknown-licence.json", source: F.source("govdata"))
        #expect(unknown.dataset?.distributions.allSatisfy { $0.licence?.raw == "http://dcat-ap.de/def/licenses/dl-by-de/2_0" } == true)
    }

    @Test func ogdDE1xMoersRecord() throws {
        let r = try F.mapOne("ckan-messy/ogd-de-1x-moers-record.json", source: F.source("moers"))
        let ds = try #require(r.dataset)
        #expect(ds.identifier == "Staedtische_Beteiligungsgesellschaften")
        #expect(ds.licence?.raw == "dl-de-by-1.0")  // extras.terms_of_use.license_id
        #expect(ds.themes == ["ECON", "GOVE"])
        #expect(ds.publisher?.name == "Claus Arndt")
        #expect(ds.contactPoint?.name == "Ilona Bajorat")
        #expect(ds.contactPoint?.email == "Ilona.Bajorat@Moers.de")
        #expect(ds.issued == .dateTime("2013-02-15T00:00:00"))
        #expect(ds.distributions.first?.format == "JSON")
        #expect(ds.distributions.first?.mediaType == "application/json")
        #expect(ds.distributions.first?.accessURL.contains("St%C3%A4dtische%20Beteiligungsgesellschaften") == true)
    }

    // 185 schema-wrapped records, every title wrapped with a value; 296 of 322 resource URLs are relative paths.
    @Test func moersSchemaWrapped() throws {
        let results = try F.mapAll("ckan-messy/moers-ogd-schema-wrapped-2014.json", source: F.source("moers-wrapped"))
        #expect(results.count == 185)
        #expect(results.compactMap(\.dataset).count == 185)
        #expect(results.allSatisfy { $0.findings.contains { $0.code == "record.schemaWrapped" && $0.severity == .warning } })
        #expect(results[0].dataset?.title == "Haushaltsplan 2013")
        #expect(results[0].dataset?.licence?.raw == "dl-de-zero-2.0")
        #expect(results.flatMap(\.findings).filter { $0.code == "distribution.noURL" }.count == 296)
        #expect(results.compactMap(\.dataset).flatMap(\.distributions).count == 26)
        // With the portal known, relative paths resolve.
        let resolved = try F.mapAll("ckan-messy/moers-ogd-schema-wrapped-2014.json", source: F.source("moers-wrapped", portal: "https://www.moers.de"))
        #expect(resolved.compactMap(\.dataset).flatMap(\.distributions).count == 322)
    }

    @Test func harvestSourcesAreRejected() throws {
        let results = try F.mapAll("ckan-messy/govdata-package_search-harvest-sources-2016.json", source: F.source("govdata"))
        #expect(results.count == 10)
        #expect(results.allSatisfy { $0.dataset == nil })
        let f = try #require(results.first?.findings.first { $0.severity == .error })
        #expect(f.code == "record.notDataset")
        #expect(f.field == "type")
        #expect(f.source == "govdata")
        #expect(f.recordID != nil && f.recordID?.hasPrefix("#") == false)
    }

    @Test func ckanextDCATExamples() throws {
        let s = F.source("dcat-examples")
        let catalog = try F.mapOne("ckan/ckanext-dcat-examples/catalog.json", source: s)
        #expect(catalog.dataset == nil && catalog.findings.contains { $0.code == "record.notCKAN" })
        let list = try F.mapAll("ckan/ckanext-dcat-examples/catalog_datasets_list.json", source: s)
        #expect(list.count == 2 && list.allSatisfy { $0.dataset == nil })

        let full = try #require(try F.mapOne("ckan/ckanext-dcat-examples/ckan_full_dataset_dcat_ap.json", source: s).dataset)
        #expect(full.identifier == "xx-some-dataset-id-yy")
        #expect(full.publisher?.name == "Test Publisher")
        #expect(full.contactPoint?.email == "contact1@example.org")
        #expect(full.temporal == PeriodOfTime(start: .date("1905-03-01"), end: .date("2013-01-05")))
        #expect(full.languages.count == 3)
        #expect(full.spatial?.bbox?.west == 11.9936)
        #expect(full.themes.isEmpty)

        let series = try F.mapOne("ckan/ckanext-dcat-examples/ckan_dcat_ap_dataset_series.json", source: s)
        // A series (ckanext-dcat dataset_series) has its files on its members: no distribution.none warning.
        #expect(series.dataset?.isSeries == true)
        #expect(!series.findings.contains { $0.code == "distribution.none" })

        let legacy = try #require(try F.mapOne("ckan/ckanext-dcat-examples/full_ckan_dataset_legacy.json", source: s).dataset)
        #expect(legacy.publisher?.name == "John Doe")
        #expect(legacy.distributions.first?.format == "HTML")

        let plain = try #require(try F.mapOne("ckan/ckanext-dcat-examples/ckan_dataset.json", source: s).dataset)
        #expect(plain.identifier == "9df8df51-63db-37a8-e044-0003ba9b0d98")  // guid extra
        #expect(plain.issued == .date("2012-05-10"))
        #expect(plain.modified == .dateTime("2012-05-10T21:04:00"))
    }

    @Test func mappingIsDeterministic() throws {
        let a = try F.mapAll("ckan/govdata/govdata-package_show-hamburg-stadtgruen-2020.json", source: F.source("govdata"))
        let b = try F.mapAll("ckan/govdata/govdata-package_show-hamburg-stadtgruen-2020.json", source: F.source("govdata"))
        #expect(a.map(\.dataset) == b.map(\.dataset))
        #expect(a.map(\.findings) == b.map(\.findings))
    }
}

@Suite struct CKANMapperEdgeTests {
    typealias F = MappingFixtures

    func map(_ json: String, source: SourceConfig = MappingFixtures.source("t")) -> MappingResult {
        F.mapper.map(RawRecord(sourceID: source.id, index: 3, json: Data(json.utf8)), source: source)
    }

    @Test func invalidInputIsRejectedNotCrashing() {
        for bad in ["", "{", "[1,2]", "42", "null", "{\"title\": 5}", "{\"resources\": \"x\", \"title\": \"T\"}"] {
            let r = map(bad)
            if bad.contains("\"T\"") {
                // No id or name.
                #expect(r.dataset == nil && r.findings.contains { $0.code == "record.noID" })
            } else {
                #expect(r.dataset == nil)
                #expect(r.findings.contains { $0.severity == .error && $0.source == "t" && $0.recordID == "#3" })
            }
        }
    }

    @Test func missingTitleIsRejected() {
        let r = map(#"{"id": "abc", "name": "x", "title": "  "}"#)
        #expect(r.dataset == nil)
        #expect(r.findings.first { $0.severity == .error }?.field == "title")
        #expect(r.findings.first?.recordID == "abc")
    }

    @Test func publisherFallsBackToCatalogue() {
        let r = map(#"{"id": "a", "name": "n a", "title": "T", "notes": "D", "resources": [{"url": " http://x.org/a b.csv ", "format": ".CSV"}]}"#)
        let ds = try! #require(r.dataset)
        #expect(ds.publisher?.name == "Stadt Aachen")
        #expect(r.findings.contains { $0.code == "publisher.missing" && $0.message == "publisher missing, catalogue publisher used" })
        #expect(ds.uri == "https://example.org/katalog/dataset/t/n%20a")
        #expect(ds.distributions.first?.accessURL == "http://x.org/a%20b.csv")
        #expect(ds.distributions.first?.format == "CSV")
        #expect(ds.distributions.first?.uri == ds.uri + "/distribution/1")
        let withDefaults = map(#"{"id": "a", "title": "T"}"#, source: F.source("t", defaults: SourceDefaults(publisher: Agent(name: "Src"), politicalGeocoding: ["http://dcat-ap.de/def/politicalGeocoding/districtKey/05334"], contributorIDs: ["http://dcat-ap.de/def/contributors/openNRW"])))
        #expect(withDefaults.dataset?.publisher?.name == "Src")
        #expect(withDefaults.dataset?.politicalGeocoding == ["http://dcat-ap.de/def/politicalGeocoding/districtKey/05334"])
        #expect(withDefaults.dataset?.contributorIDs == ["http://dcat-ap.de/def/contributors/openNRW"])
    }

    @Test func invalidEmailIsDroppedWithFinding() {
        let r = map(#"{"id": "a", "title": "T", "maintainer": "M", "maintainer_email": "nicht bekannt"}"#)
        #expect(r.dataset?.contactPoint?.name == "M")
        #expect(r.dataset?.contactPoint?.email == nil)
        #expect(r.findings.contains { $0.code == "contact.invalidEmail" && $0.field == "maintainer_email" })
    }

    @Test func stringExtrasAndNumbersAsStrings() {
        let r = map(#"{"id": "a", "title": "T", "tags": [{"name": " b "}, {"name": "a"}, {"name": "b"}], "extras": [{"key": "theme", "value": "[\"http://publications.europa.eu/resource/authority/data-theme/TRAN\"]"}], "groups": [{"name": "bildung-kultur-und-sport", "title": "BILDUNG KULTUR UND SPORT"}, {"name": "x", "title": "Landwirtschaft, Forstwirtschaft, Fischerei und Nahrungsmittel"}], "resources": [{"url": "/files/a.csv", "size": "1234", "format": "application/vnd.ms-excel"}, {"url": "", "name": "leer"}]}"#,
                    source: F.source("t", portal: "https://offenedaten.aachen.de"))
        let ds = try! #require(r.dataset)
        #expect(ds.keywords == ["a", "b"])
        #expect(ds.themes == ["AGRI", "EDUC", "TRAN"])
        #expect(ds.distributions.count == 1)
        #expect(ds.distributions[0].accessURL == "https://offenedaten.aachen.de/files/a.csv")
        #expect(ds.distributions[0].byteSize == 1234)
        #expect(ds.distributions[0].format == "XLS")
        #expect(r.findings.contains { $0.code == "distribution.noURL" && $0.message.contains("'leer'") })
        #expect(ds.description == "T")
        #expect(r.findings.contains { $0.code == "description.missing" && $0.severity == .warning })
    }

    @Test func privateAndDeletedAreRejected() {
        #expect(map(#"{"id": "a", "title": "T", "private": true}"#).findings.contains { $0.code == "record.private" })
        #expect(map(#"{"id": "a", "title": "T", "state": "deleted"}"#).findings.contains { $0.code == "record.notActive" })
    }
}

@Suite struct MappingVocabularyTests {
    let v = MappingFixtures.vocabularies

    @Test func aachenPortalCategories() {
        let table: [(String, String)] = [
            ("BEVÖLKERUNG UND GESELLSCHAFT", "SOCI"), ("BILDUNG KULTUR UND SPORT", "EDUC"), ("BILDUNG, KULTUR UND SPORT", "EDUC"),
            ("ENERGIE", "ENER"), ("GESUNDHEIT", "HEAL"), ("INTERNATIONALE THEMEN", "INTR"),
            ("JUSTIZ RECHTSSYSTEM UND ÖFFENTLICHE SICHERHEIT", "JUST"),
            ("LANDWIRTSCHAFT FISCHEREI FORSTWIRTSCHAFT UND NAHRUNGSMITTEL", "AGRI"),
            ("REGIERUNG UND ÖFFENTLICHER SEKTOR", "GOVE"), ("REGIONEN UND STÄDTE", "REGI"), ("UMWELT", "ENVI"),
            ("VERKEHR", "TRAN"), ("WIRTSCHAFT UND FINANZEN", "ECON"), ("WISSENSCHAFT UND TECHNOLOGIE", "TECH"),
            ("bevoelkerung-und-gesellschaft", "SOCI"), ("regionen-und-stadte", "REGI"), ("soci", "SOCI"),
            ("Population and society", "SOCI"), ("http://publications.europa.eu/resource/authority/data-theme/JUST", "JUST"),
            ("umwelt_klima", "ENVI"), ("verwaltung", "GOVE"), ("wahl", "GOVE"),
        ]
        for (name, code) in table { #expect(v.themes(for: name) == [code], "\(name)") }
        #expect(v.themes(for: "bildung_wissenschaft") == ["EDUC", "TECH"])
        #expect(v.themes(for: "geo") == ["REGI"])  // null in the OGD table, REGI in ours (docs/mapping.md)
        #expect(v.themes(for: "sonstiges") == [])
        #expect(v.themes(for: "stadt-köln") == nil)
        #expect(v.themeCodes.count == 13)
    }

    @Test func formats() {
        let table: [(String, String)] = [
            ("csv", "CSV"), ("CSV", "CSV"), (".csv", "CSV"), ("gjson", "GEOJSON"), ("WMS", "WMS_SRVC"), ("WFS", "WFS_SRVC"),
            ("application/json", "JSON"), ("text/comma-separated-values", "CSV"), ("zip:shp", "ZIP"), ("shape", "SHP"),
            ("https://www.iana.org/assignments/media-types/application/gml+xml", "GML"), ("xls", "XLS"), ("KML", "KML"),
        ]
        for (raw, code) in table { #expect(v.fileType(for: raw) == code, "\(raw)") }
        #expect(v.fileType(for: "kml, kmz") == nil)
        #expect(Set(v.formatAliases.values).isSubset(of: v.fileTypeCodes))
        #expect(v.fileTypeCodes.count == 197)
        #expect(v.mediaTypes["CSV"] == "text/csv")
    }

    @Test func missingFileIsAnError() {
        #expect(throws: MappingVocabularies.ParseError.self) { try MappingVocabularies.parse(files: [:]) }
    }
}

@Suite struct CKANDateTests {
    @Test func spellings() {
        let table: [(String, DateValue?)] = [
            ("2014-12-10T12:25:26+01:00", .dateTime("2014-12-10T12:25:26+01:00")),
            ("2013-04-19T15:40:23.682311", .dateTime("2013-04-19T15:40:23.682")),
            ("2000-01-01 00:00:00", .dateTime("2000-01-01T00:00:00")),
            ("2012-05-10", .date("2012-05-10")),
            ("2012-05-10T21:04", .dateTime("2012-05-10T21:04:00")),
            ("2020-01-01T10:00:00Z", .dateTime("2020-01-01T10:00:00Z")),
            ("Date changed\t2014-12-10T09:56:43+01:00", .dateTime("2014-12-10T09:56:43+01:00")),
            ("7. Januar 2015 - 18:09", .dateTime("2015-01-07T18:09:00")),
            ("30. April 2013", .date("2013-04-30")),
            ("06.02.2013 16:49:58", .dateTime("2013-02-06T16:49:58")),
            ("2013-02-30", nil), ("Date changed\t", nil), ("gestern", nil), ("2021-01-28 GMT 01:51:03", nil),
        ]
        for (raw, expected) in table { #expect(CKANDate.parse(raw) == expected, "\(raw)") }
    }
}
