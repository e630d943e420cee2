import Foundation
import Testing
import CatalogCore
import CatalogTestSupport
@testable import CatalogIO

/// The Aachen portal as one source with its twelve organisations (issue 16 item 1): catalog/sources.toml against
/// the opendata.guru registry, and the mapping of real-shaped records (the 2015 Aachen inventory) per organisation.
@Suite struct AachenOrganizationTests {
    static let fixtures = Fixtures.packageRoot.appendingPathComponent("Tests/Fixtures")
    static let geo = "http://dcat-ap.de/def/politicalGeocoding/"

    static func licences() throws -> LicenceRegistry {
        try LicenceTableLoader.load(aliases: Fixtures.catalog("licences.toml"), vocabularyDirectory: Fixtures.catalog("vocabularies/licences"))
    }

    static func portalSource() throws -> SourceConfig {
        let config = try ConfigLoader.load(Fixtures.catalog("sources.toml"))
        return try #require(config.source("offenedaten-aachen"))
    }

    /// The registry rows of offenedaten.aachen.de organisations: CKAN name → regional key (`rs`, empty for Heerlen).
    static func registryOrganisations() throws -> [String: String] {
        let text = try String(contentsOf: fixtures.appendingPathComponent("registry/opendata-guru-portals.de.csv"), encoding: .utf8)
        let rows = CSVRows.parse(text)
        let header = rows[0]
        let parent = try #require(header.firstIndex(of: "parent_and_id_1")), rs = try #require(header.firstIndex(of: "rs"))
        var out: [String: String] = [:]
        for row in rows.dropFirst() where row.count > rs && row[parent].hasPrefix("offenedaten.aachen.de|") {
            out[String(row[parent].dropFirst("offenedaten.aachen.de|".count))] = row[rs]
        }
        return out
    }

    @Test func sourcesTomlHasEveryOrganisationOfTheRegistryWithItsKey() throws {
        let source = try Self.portalSource()
        let registry = try Self.registryOrganisations()
        #expect(registry.count == 12)
        #expect(source.url == "https://offenedaten.aachen.de" && source.fq == nil)
        #expect(Set(source.organizations.keys) == Set(registry.keys))
        for (name, rs) in registry {
            let entry = try #require(source.organizations[name])
            #expect(entry.publisher?.type == "http://purl.org/adms/publishertype/LocalAuthority", "\(name)")
            switch rs.count {
            case 12:
                #expect(entry.politicalGeocoding == [Self.geo + "regionalKey/" + rs], "\(name)")
                #expect(entry.politicalGeocodingLevel == Self.geo + "Level/municipality", "\(name)")
            case 5:
                #expect(entry.politicalGeocoding == [Self.geo + "districtKey/" + rs], "\(name)")
                #expect(entry.politicalGeocodingLevel == Self.geo + "Level/administrativeDistrict", "\(name)")
            default:
                // Heerlen (NL): no German key; an international place with a GeoNames IRI.
                #expect(name == "gemeinde-heerlen")
                #expect(entry.politicalGeocoding.isEmpty)
                #expect(entry.politicalGeocodingLevel == Self.geo + "Level/international")
                #expect(entry.spatialURI == "https://sws.geonames.org/2754652/")
            }
        }
    }

    /// Real-shaped CKAN records from the 2015 Aachen inventory (title, name, licence, formats), one per
    /// organisation in turn, plus one of an organisation the table lacks and one without organisation.
    static func records(organisations: [String?]) throws -> [RawRecord] {
        let text = try String(contentsOf: fixtures.appendingPathComponent("aachen/odm-inventory-aachen-2015.csv"), encoding: .utf8)
        let rows = Array(CSVRows.parse(text).dropFirst())
        var packages: [String] = []
        for (i, org) in organisations.enumerated() {
            let row = rows[i % rows.count]
            let (title, url, licence, formats) = (row[16], row[17], row[18], row[19].split(separator: ","))
            let name = "\(url.split(separator: "/").last!)-\(i)"
            let resources = formats.enumerated().map { j, f in
                #"{"id":"\#(name)-r\#(j)","url":"\#(url)/resource/\#(j)","format":"\#(f)","name":"\#(title) \#(f)"}"#
            }.joined(separator: ",")
            let organisation = org.map { #","organization":{"name":"\#($0)","title":"Titel \#($0)","id":"id-\#($0)"}"# } ?? ""
            packages.append(#"{"id":"\#(name)","name":"\#(name)","title":"\#(title)","notes":"\#(title)","license_id":"\#(licence)","state":"active","type":"dataset","resources":[\#(resources)]\#(organisation)}"#)
        }
        return try CKANDump.records(from: Data("[\(packages.joined(separator: ","))]".utf8), sourceID: "offenedaten-aachen")
    }

    @Test func eachOrganisationGetsItsPublisherAndGeocodingAndUnknownOnesAreReported() throws {
        let source = try Self.portalSource()
        let vocabularies = try VocabularyLoader.load(directory: Fixtures.catalog("vocabularies"))
        let catalog = CatalogSettings(title: "t", description: "d", baseURI: "https://offenedaten.aachen.de/katalog", publisher: Agent(name: "Katalogbetreiber"))
        let mapper = CKANMapper(catalog: catalog, vocabularies: vocabularies, licences: try Self.licences())
        let names = source.organizations.keys.sorted()
        let records = try Self.records(organisations: names + ["stadt-unbekannt", nil])
        let results = records.map { mapper.map($0, source: source) }

        for (name, result) in zip(names, results) {
            let ds = try #require(result.dataset)
            let entry = try #require(source.organizations[name])
            #expect(ds.publisher == entry.publisher, "\(name)")
            #expect(ds.politicalGeocoding == entry.politicalGeocoding, "\(name)")
            #expect(ds.politicalGeocodingLevel == entry.politicalGeocodingLevel, "\(name)")
            #expect(ds.contributorIDs == ["http://dcat-ap.de/def/contributors/openNRW"], "\(name)")
            #expect(!result.findings.contains { $0.code.hasPrefix("organization.") || $0.code == "publisher.missing" }, "\(name)")
        }
        let heerlen = try #require(zip(names, results).first { $0.0 == "gemeinde-heerlen" }?.1.dataset)
        #expect(heerlen.publisher?.name == "Gemeente Heerlen")
        #expect(heerlen.spatial?.uri == "https://sws.geonames.org/2754652/")
        #expect(heerlen.geocodingText == "Heerlen (Niederlande)")

        let unknown = results[names.count]
        #expect(unknown.findings.filter { $0.code == "organization.unknown" }.map(\.severity) == [.warning])
        #expect(unknown.dataset?.publisher?.name == "Titel stadt-unbekannt")
        #expect(unknown.dataset?.politicalGeocoding == [])
        let orphan = results[names.count + 1]
        #expect(orphan.findings.contains { $0.code == "organization.missing" })
        #expect(orphan.findings.contains { $0.code == "publisher.missing" })
    }

    @Test func unknownOrganisationGetsTheSourceDefaultPublisherNotTheCatalogues() throws {
        var source = try Self.portalSource()
        source.defaults.publisher = Agent(name: "StädteRegion Aachen")
        source.defaults.politicalGeocoding = [Self.geo + "districtKey/05334"]
        let vocabularies = try VocabularyLoader.load(directory: Fixtures.catalog("vocabularies"))
        let catalog = CatalogSettings(title: "t", description: "d", baseURI: "https://x.example/k", publisher: Agent(name: "Katalogbetreiber"))
        let mapper = CKANMapper(catalog: catalog, vocabularies: vocabularies, licences: try Self.licences())
        let results = try Self.records(organisations: ["stadt-unbekannt", "gemeinde-heerlen"]).map { mapper.map($0, source: source) }
        #expect(results[0].dataset?.publisher?.name == "StädteRegion Aachen")
        #expect(results[0].dataset?.politicalGeocoding == [Self.geo + "districtKey/05334"])
        #expect(results[0].findings.first { $0.code == "organization.unknown" }?.message.contains("StädteRegion Aachen") == true)
        // Heerlen's own geocoding replaces the source's German key as a whole.
        #expect(results[1].dataset?.politicalGeocoding == [])
        #expect(results[1].dataset?.politicalGeocodingLevel == Self.geo + "Level/international")
    }
}

/// A minimal RFC 4180 reader (quoted fields, doubled quotes) for the registry and inventory fixtures.
enum CSVRows {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text).makeIterator()
        var pending: Character? = nil
        while let c = pending ?? chars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    let n = chars.next()
                    if n == "\"" { field.append("\"") } else { quoted = false; pending = n }
                } else { field.append(c) }
                continue
            }
            switch c {
            case "\"": quoted = true
            case ",": row.append(field); field = ""
            case "\n", "\r\n": row.append(field); field = ""; rows.append(row); row = []
            default: field.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
