import CatalogIO
import CatalogTestSupport
import Foundation
import Testing
@testable import CatalogCore

/// The registry built from the repository's catalog/licences.toml and catalog/vocabularies/licences/.
let licenceRegistry: LicenceRegistry = {
    do {
        return try LicenceTableLoader.load(
            aliases: Fixtures.catalog("licences.toml"), vocabularyDirectory: Fixtures.catalog("vocabularies/licences"))
    } catch { fatalError("licences.toml does not load: \(error)") }
}()

let licenceTable: ([LicenceTableEntry], [LicenceAlias]) = {
    let url = Fixtures.catalog("licences.toml")
    return try! LicenceTableLoader.parseTable(try! Data(contentsOf: url), file: url.path)
}()

@Suite struct LicenceRegistryTests {
    @Test(arguments: licenceTable.1)
    func everyAliasResolvesToAVocabularyEntry(alias: LicenceAlias) {
        let l = licenceRegistry.resolve(alias.value)
        #expect(l.raw == alias.value)
        if alias.status == .missing {
            #expect(l.status == .missing)
        } else {
            let target = try! #require(licenceRegistry.definitions[alias.uri!])
            #expect(l.uri == target.uri)
            #expect(l.status == (alias.status ?? target.status), "\(alias.value): \(l.reason ?? "")")
        }
        #expect(alias.seen?.isEmpty == false, "every alias says where it was seen")
    }

    @Test(arguments: licenceTable.0)
    func everyTableLicenceResolvesToItself(entry: LicenceTableEntry) {
        let l = licenceRegistry.resolve(entry.uri)
        #expect(l.uri == entry.uri)
        #expect(l.status == entry.status)
        #expect(l.spdx == entry.spdx)
        #expect(l.reason?.isEmpty == false)
    }

    /// The 20200715 SKOS list (not shipped; read from the shared fixtures) must agree with the table on
    /// membership and on GovData's open flag (`govdata:isOpenLicense`).
    @Test func tableAgreesWithDcatDeOpenFlags() throws {
        let rdf = try String(contentsOf: Fixtures.shared("vocab/dcat-ap-de/dcat-ap-de-licenses-20200715-open.rdf"), encoding: .utf8)
        let regex = try NSRegularExpression(pattern: #"rdf:about="([^"]+)"><govdata:isOpenLicense[^>]*>(true|false)<"#)
        var flags: [String: Bool] = [:]
        for m in regex.matches(in: rdf, range: NSRange(rdf.startIndex..., in: rdf)) {
            flags[String(rdf[Range(m.range(at: 1), in: rdf)!])] = rdf[Range(m.range(at: 2), in: rdf)!] == "true"
        }
        #expect(flags.count == 34)
        let dcat = licenceTable.0.filter { $0.uri.hasPrefix(LicenceVocabulary.dcatDeBase) }
        #expect(Set(dcat.map(\.uri)) == Set(flags.keys))
        for e in dcat { #expect(flags[e.uri] == (e.status == .open), "\(e.uri)") }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var raw: String?
        var status: LicenceStatus
        var uri: String?
        var testDescription: String { "\(raw.map { "\"\($0)\"" } ?? "nil") → \(status)" }
    }

    static let dl2 = "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
    static let dl1 = "http://dcat-ap.de/def/licenses/dl-by-de/1.0"
    static let cases: [Case] = [
        Case(raw: "dl-de-by", status: .open, uri: dl2),
        Case(raw: "dl-de-by-1.0", status: .open, uri: dl1),
        Case(raw: "dl-de-by-2.0", status: .open, uri: dl2),
        Case(raw: "dl-de/by-2-0", status: .open, uri: dl2),
        Case(raw: "DL-DE-BY-2.0", status: .open, uri: dl2),
        Case(raw: "http://dcat-ap.de/def/licenses/dl-by-de/2_0", status: .invalid, uri: dl2),
        Case(raw: "http://dcat-ap.de/def/licenses/cc-by-nc-de/4_0", status: .invalid, uri: "http://dcat-ap.de/def/licenses/cc-by-nc/4.0"),
        Case(raw: "http://dcat-ap.de/def/licenses/dl-zero-de/2_0/", status: .invalid, uri: "http://dcat-ap.de/def/licenses/dl-zero-de/2.0"),
        Case(raw: "Datenlizenz Deutschland Namensnennung", status: .open, uri: dl2),  // unversioned: current version ([[family]])
        Case(raw: "Datenlizenz Deutschland Namensnennung 2.0", status: .open, uri: dl2),
        Case(raw: "  datenlizenz   deutschland – zero – version 2.0 ", status: .open, uri: "http://dcat-ap.de/def/licenses/dl-zero-de/2.0"),
        Case(raw: "cc-by", status: .open, uri: "http://dcat-ap.de/def/licenses/cc-by/4.0"),
        Case(raw: "cc-nc", status: .restricted, uri: "http://dcat-ap.de/def/licenses/cc-by-nc/4.0"),
        Case(raw: "cc-by-nd", status: .restricted, uri: "http://dcat-ap.de/def/licenses/cc-by-nd/4.0"),
        Case(raw: "odc-odbl", status: .open, uri: "http://dcat-ap.de/def/licenses/odbl"),
        Case(raw: "other-closed", status: .closed, uri: "http://dcat-ap.de/def/licenses/other-closed"),
        Case(raw: "app_commercial", status: .closed, uri: "http://dcat-ap.de/def/licenses/other-commercial"),
        Case(raw: "dl-de-by-nc-1.0", status: .restricted, uri: "http://dcat-ap.de/def/licenses/dl-by-nc-de/1.0"),
        Case(raw: "https://creativecommons.org/licenses/by/4.0/", status: .open, uri: "http://dcat-ap.de/def/licenses/cc-by/4.0"),
        Case(raw: "http://creativecommons.org/licenses/by/4.0", status: .open, uri: "http://dcat-ap.de/def/licenses/cc-by/4.0"),
        Case(raw: "https://creativecommons.org/licenses/by/4.0/deed.de", status: .open, uri: "http://dcat-ap.de/def/licenses/cc-by/4.0"),
        Case(raw: "https://www.creativecommons.org/licenses/by/4.0/legalcode.de", status: .open, uri: "http://dcat-ap.de/def/licenses/cc-by/4.0"),
        Case(raw: "https://creativecommons.org/licenses/by/4.0/de/", status: .open, uri: "http://dcat-ap.de/def/licenses/cc-by/4.0"),
        Case(raw: "http://creativecommons.org/licenses/by/3.0/de/", status: .open, uri: "http://dcat-ap.de/def/licenses/cc-by-de/3.0"),
        Case(raw: "https://creativecommons.org/licenses/by/3.0/de/deed.de", status: .open, uri: "http://dcat-ap.de/def/licenses/cc-by-de/3.0"),
        Case(raw: "https://creativecommons.org/licenses/by-nd/3.0/", status: .restricted, uri: "http://dcat-ap.de/def/licenses/cc-by-nd/3.0"),
        Case(raw: "https://creativecommons.org/publicdomain/zero/1.0/", status: .open, uri: "http://dcat-ap.de/def/licenses/cc-zero"),
        Case(raw: "http://creativecommons.org/licenses/by-nc/2.0/", status: .restricted, uri: "http://dcat-ap.de/def/licenses/cc-by-nc"),
        Case(raw: "https://dcat-ap.de/def/licenses/dl-by-de/2.0/", status: .open, uri: dl2),
        Case(raw: "HTTP://DCAT-AP.DE/def/licenses/cc-by", status: .open, uri: "http://dcat-ap.de/def/licenses/cc-by"),
        Case(raw: "http://dcat-ap.de/def/licenses/officialWork", status: .open, uri: "http://dcat-ap.de/def/licenses/officialWork"),
        Case(raw: "http://dcat-ap.de/def/licenses/gibt-es-nicht", status: .unknown, uri: nil),
        Case(raw: "https://www.govdata.de/dl-de/by-2-0", status: .open, uri: dl2),
        Case(raw: "CC-BY-4.0", status: .open, uri: "http://dcat-ap.de/def/licenses/cc-by/4.0"),
        Case(raw: "CC0-1.0", status: .open, uri: "http://dcat-ap.de/def/licenses/cc-zero"),
        Case(raw: "ODbL-1.0", status: .open, uri: "http://dcat-ap.de/def/licenses/odbl"),
        Case(raw: "https://spdx.org/licenses/DL-DE-ZERO-2.0.html", status: .open, uri: "http://dcat-ap.de/def/licenses/dl-zero-de/2.0"),
        Case(raw: "MIT", status: .open, uri: "http://spdx.org/licenses/MIT"),
        Case(raw: "CC-BY-NC-SA-4.0", status: .restricted, uri: "http://spdx.org/licenses/CC-BY-NC-SA-4.0"),
        Case(raw: "http://publications.europa.eu/resource/authority/licence/CC_BYNC_4_0", status: .restricted, uri: "http://dcat-ap.de/def/licenses/cc-by-nc/4.0"),
        Case(raw: "http://publications.europa.eu/resource/authority/licence/CC_BYNCND_3_0", status: .restricted,
             uri: "http://publications.europa.eu/resource/authority/licence/CC_BYNCND_3_0"),
        Case(raw: "http://publications.europa.eu/resource/authority/licence/COM_REUSE", status: .open,
             uri: "http://publications.europa.eu/resource/authority/licence/COM_REUSE"),
        Case(raw: "http://wiki.data.gouv.fr/wiki/Licence_Ouverte_/_Open_Licence", status: .open, uri: "https://www.etalab.gouv.fr/licence-ouverte-open-licence"),
        Case(raw: "other-at", status: .open, uri: nil),
        Case(raw: "ukcrown", status: .closed, uri: nil),
        Case(raw: "nicht bekannt", status: .missing, uri: nil),
        Case(raw: "", status: .missing, uri: nil),
        Case(raw: "   ", status: .missing, uri: nil),
        Case(raw: nil, status: .missing, uri: nil),
        Case(raw: "https://data.some.org/link/to/license", status: .unknown, uri: nil),
        Case(raw: "Darf zu Testzwecken genutzt werden", status: .unknown, uri: nil),
    ]

    @Test(arguments: cases)
    func resolves(_ c: Case) {
        let l = licenceRegistry.resolve(c.raw)
        #expect(l.status == c.status, "\(l.reason ?? "")")
        if c.uri != nil || c.status == .unknown || c.status == .missing { #expect(l.uri == c.uri) }
        #expect(l.raw == c.raw, "raw value kept verbatim")
        #expect(l.reason?.isEmpty == false)
    }

    @Test func invalidNamesTheIntendedLicence() {
        let l = licenceRegistry.resolve("http://dcat-ap.de/def/licenses/dl-by-de/2_0")
        #expect(l.reason?.contains("http://dcat-ap.de/def/licenses/dl-by-de/2.0") == true)
        #expect(l.spdx == "DL-DE-BY-2.0")
    }

    @Test(arguments: [
        ("http://dcat-ap.de/def/licenses/dl-by-de/2.0", true), ("http://dcat-ap.de/def/licenses/dl-zero-de/2.0", false),
        ("http://dcat-ap.de/def/licenses/cc-by/4.0", true), ("http://dcat-ap.de/def/licenses/cc-zero", false),
        ("http://dcat-ap.de/def/licenses/officialWork", false), ("http://dcat-ap.de/def/licenses/odbl", true),
    ])
    func attribution(uri: String, required: Bool) {
        #expect(licenceRegistry.attributionRequired(uri) == required)
    }

    // MARK: Loader errors name file and key

    @Test(arguments: [
        ("[[alias]]\nvalue = \"x\"\nuri = \"http://dcat-ap.de/def/licenses/nope\"\nseen = \"t\"\n", "[[alias]] value = \"x\""),
        ("[[alias]]\nvalue = \"x\"\nstatus = \"open\"\n", "[[alias]] value = \"x\" status"),
        ("[[licence]]\nuri = \"http://dcat-ap.de/def/licenses/cc-by-nc\"\nstatus = \"open\"\nattribution_required = true\n", "cc-by-nc"),
        ("[[licence]]\nuri = \"u\"\nstatus = \"open\"\n", "attribution_required"),
        ("[[alias]]\nvalue = \"x\"\nurl = \"y\"\n", "url"),
    ])
    func loaderRejects(toml: String, mentions: String) throws {
        let dir = TestFolder.path("licence-loader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // A table with all dcat-ap.de rows (from the real file) plus the bad snippet.
        let base = try String(contentsOf: Fixtures.catalog("licences.toml"), encoding: .utf8)
        let head = base.components(separatedBy: "# ---------------------------------------------------------------- aliases")[0]
        let file = dir.appendingPathComponent("licences.toml")
        // The contradicting-status case replaces the real cc-by-nc row rather than duplicating it.
        let body = toml.contains("cc-by-nc\"\nstatus = \"open\"")
            ? head.replacingOccurrences(of: "uri = \"http://dcat-ap.de/def/licenses/cc-by-nc\"\nstatus = \"restricted\"", with: "uri = \"http://dcat-ap.de/def/licenses/cc-by-nc\"\nstatus = \"open\"")
            : head + toml
        try body.write(to: file, atomically: true, encoding: .utf8)
        do {
            _ = try LicenceTableLoader.load(aliases: file, vocabularyDirectory: Fixtures.catalog("vocabularies/licences"))
            Issue.record("expected an error")
        } catch {
            let text = "\(error)"
            #expect(text.contains("licences.toml"), "\(text)")
            #expect(text.contains(mentions), "\(text)")
        }
    }
}
