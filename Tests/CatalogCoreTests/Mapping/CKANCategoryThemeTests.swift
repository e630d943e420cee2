import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

/// Issue 16 item 5: categories given as vocabulary tags (Köln DKAN), groups (OGD-DE 1.x, Berlin, GovData) or
/// `theme` lists map to EU data themes through the category table (`catalog/vocabularies/theme-aliases.json`).
@Suite struct CKANCategoryThemeTests {
    typealias F = MappingFixtures
    static let koeln2015 = "ckan/nrw-municipal/koeln-offenedaten-dkan-current_package_list_with_resources-2015-01.json"
    static let koeln2014 = "ckan/nrw-municipal/koeln-offenedaten-dkan-snapshot-2014-11-04.json"

    static func map(json: String) throws -> MappingResult {
        let records = try CKANDump.records(from: Data(json.utf8), sourceID: "test")
        #expect(records.count == 1)
        return F.mapper.map(records[0], source: F.source("test"))
    }

    /// Köln DKAN gives its OGD-DE categories only as tags of vocabulary `2`; before the category table none of the
    /// 137 (2015) and 130 (2014) datasets had a theme. Counts per theme checked with python over the fixtures.
    @Test(arguments: [
        (koeln2015, 137, ["ECON": 1, "EDUC": 17, "ENVI": 12, "GOVE": 50, "HEAL": 3, "JUST": 1, "REGI": 49, "SOCI": 28, "TECH": 8, "TRAN": 13]),
        (koeln2014, 130, ["ECON": 1, "EDUC": 15, "ENVI": 12, "GOVE": 48, "HEAL": 3, "JUST": 1, "REGI": 46, "SOCI": 27, "TECH": 7, "TRAN": 10]),
    ])
    func koelnCategoryTagsMapToThemes(path: String, datasets: Int, perTheme: [String: Int]) throws {
        let results = try F.mapAll(path, source: F.source("koeln", portal: "http://offenedaten-koeln.de"))
        let all = results.compactMap(\.dataset)
        #expect(all.count == datasets)
        #expect(all.allSatisfy { !$0.themes.isEmpty })
        var counts: [String: Int] = [:]
        for ds in all { for t in ds.themes { counts[t, default: 0] += 1 } }
        #expect(counts == perTheme)
        // Every category tag is in the table; only the one group per record (the publisher: `Stadt Köln`,
        // `AWB Köln`, `FH Köln`) is a note.
        let unmapped = results.flatMap(\.findings).filter { $0.code == "theme.unmapped" }
        #expect(unmapped.count == datasets)
        #expect(unmapped.allSatisfy { $0.field == "groups[0]" && $0.message.contains("Köln'") })
        // The categories stay keywords too (Köln has no other tags).
        #expect(all.allSatisfy { !$0.keywords.isEmpty })
    }

    @Test func koelnRecords() throws {
        let results = try F.mapAll(Self.koeln2015, source: F.source("koeln"))
        let byName = Dictionary(uniqueKeysWithValues: results.compactMap(\.dataset).map { ($0.provenance[0].remoteName ?? "", $0) })
        // "Verwaltung, Haushalt und Steuern" (OGD `verwaltung` under the title Köln used).
        #expect(byName["kundenzentren-koeln-wartezeiten"]?.themes == ["GOVE"])
        // Geo + Bildung und Wissenschaft + Kultur, Freizeit, Sport und Tourismus.
        #expect(byName["museen-köln-standorte"]?.themes == ["EDUC", "REGI", "TECH"])
        #expect(byName["park-and-ride-anlagen-koeln"]?.themes == ["REGI", "TRAN"])
        #expect(byName["weihnachtsmaerkte-koeln-2014"]?.themes == ["EDUC", "REGI", "SOCI"])
        #expect(byName["kundenzentren-koeln-wartezeiten"]?.keywords == ["Verwaltung, Haushalt und Steuern"])
    }

    /// OGD-DE 1.x groups as GovData served them: `bildung_wissenschaft` and `geo` (null in ckanext-dcatde's table,
    /// REGI in ours).
    @Test func ogdGroupsOfGovData() throws {
        let r = try F.mapOne("ckan/govdata/govdata-package_show-lgb-rlp.json", source: F.source("govdata"))
        #expect(r.dataset?.themes == ["EDUC", "REGI", "TECH"])
        #expect(!r.findings.contains { $0.code == "theme.unmapped" })
    }

    /// Berlin 2014: a record left without a theme has no categories, or a note naming each of them.
    @Test func berlinCategoriesNeverVanish() throws {
        let results = try F.mapAll("ckan/other-german/berlin-datenregister-ckan-packages-2014-12.json", source: F.source("berlin"))
        let raw = try JSONSerialization.jsonObject(with: Fixtures.data(Fixtures.shared("ckan/other-german/berlin-datenregister-ckan-packages-2014-12.json"))) as? [[String: Any]] ?? []
        #expect(raw.count == results.count)
        for (record, result) in zip(raw, results) {
            guard let ds = result.dataset, ds.themes.isEmpty else { continue }
            let groups = record["groups"] as? [Any] ?? []
            let notes = result.findings.filter { $0.code == "theme.unmapped" }
            #expect(notes.count == groups.count, "\(ds.title)")
        }
        // geo and infrastruktur_bauen_wohnen (null upstream) now map: of 53 themeless records 38 are left, all
        // without any category (checked with python over the fixture).
        let themeless = results.compactMap(\.dataset).filter(\.themes.isEmpty)
        #expect(themeless.count == 38)
    }

    @Test func unknownAndThemelessCategoriesAreNotes() throws {
        let r = try Self.map(json: """
            {"id": "c1", "name": "baustellen", "title": "Baustellen", "notes": "Baustellen im Stadtgebiet",
             "tags": [{"name": "baustelle", "vocabulary_id": null},
                      {"name": "Transport und Verkehr", "vocabulary_id": "6f3e1c2a-0d5b-4a5e-9f0e-2b7d1c9a8e41"},
                      {"name": "Stadtleben", "vocabulary_id": "6f3e1c2a-0d5b-4a5e-9f0e-2b7d1c9a8e41"}],
             "groups": [{"name": "sonstiges", "title": "Sonstiges"}],
             "resources": []}
            """)
        let ds = try #require(r.dataset)
        #expect(ds.themes == ["TRAN"])
        // A free tag (vocabulary_id null) is a keyword only, never a category.
        #expect(ds.keywords == ["Stadtleben", "Transport und Verkehr", "baustelle"])
        let notes = r.findings.filter { $0.code == "theme.unmapped" }
        #expect(notes.map(\.field) == ["groups[0]", "tags[2]"])
        #expect(notes.allSatisfy { $0.severity == .note })
        #expect(notes.contains { $0.field == "tags[2]" && $0.message.contains("'Stadtleben'") && $0.message.contains("matches no entry") })
        #expect(notes.contains { $0.field == "groups[0]" && $0.message.contains("'Sonstiges'") && $0.message.contains("has no EU data theme") })
    }

    /// DKAN (and ckanext-scheming portals) give category names, not IRIs, in a `theme` list.
    @Test func themeListWithCategoryNames() throws {
        let r = try Self.map(json: """
            {"id": "c2", "name": "luftqualitaet", "title": "Luftqualität", "notes": "Messwerte",
             "theme": ["Umwelt und Klima", "http://publications.europa.eu/resource/authority/data-theme/HEAL", "Environment", "Stadtleben"],
             "resources": []}
            """)
        #expect(r.dataset?.themes == ["ENVI", "HEAL"])
        let notes = r.findings.filter { $0.code == "theme.unmapped" }
        #expect(notes.map(\.field) == ["theme[3]"])
        #expect(notes.first?.message.contains("'Stadtleben'") == true)
    }

    /// Every entry of our own table resolves to its codes (it is read before the upstream tables and wins).
    @Test func ownTableEntriesResolve() throws {
        let v = F.vocabularies
        let table = try #require(
            try JSONSerialization.jsonObject(with: Fixtures.data(Fixtures.catalog("vocabularies/theme-aliases.json"))) as? [String: Any])
        var checked = 0
        for (key, value) in table where !key.hasPrefix("_") {
            let codes = try #require(value as? [String], "\(key)")
            #expect(v.themes(for: key) == codes.sorted(), "\(key)")
            checked += 1
        }
        #expect(checked > 60)
        let spellings: [(String, [String]?)] = [
            ("geo", ["REGI"]), ("Geo", ["REGI"]), ("infrastruktur_bauen_wohnen", ["REGI"]), ("verbraucher", ["SOCI"]),
            ("Kultur, Freizeit, Sport, Tourismus", ["EDUC"]), ("kultur_freizeit_sport_tourismus", ["EDUC"]),
            ("Öffentliche Verwaltung, Haushalt und Steuern", ["GOVE"]), ("oeffentliche-verwaltung-haushalt-steuern", ["GOVE"]),
            ("Bevölkerung", ["SOCI"]), ("bevoelkerung", ["SOCI"]), ("Transport und Verkehr", ["TRAN"]), ("transport_verkehr", ["TRAN"]),
            ("Umwelt und Klima", ["ENVI"]), ("umwelt_klima", ["ENVI"]), ("Towns and cities", ["REGI"]), ("Transportation", ["TRAN"]),
            ("Noch nicht kategorisiert", []), ("sonstiges", []), ("Stadt Köln", nil),
        ]
        for (name, codes) in spellings {
            #expect(v.themes(for: name) == codes, "\(name)")
        }
    }
}
