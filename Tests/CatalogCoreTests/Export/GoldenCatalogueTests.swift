import CatalogTestSupport
import Foundation
import Testing
@testable import CatalogCore

/// Golden files of the golden test catalogue (`ExportSample`, the input of Snapshots/catalog.ttl): every output
/// that exists for a catalogue without a run — the seven exports, the licence audit, one dataset page, one facet
/// page and two CKAN API answers — frozen byte for byte under Tests/Golden/golden-catalogue/ (see `Golden`).
/// duplicates.csv and report.json need a harvest run; the demo's are frozen in GoldenDemoTests.
@Suite struct GoldenCatalogueTests {
    static let set = "golden-catalogue"

    static let sitePages = ["datensatz/aachen-parkhaeuser.html", "suche/thema-tran.html"]
    static let packageName = "parkhaeuser"
    static let searchParameters: [String: JSONValue] = [
        "q": .string("Aachen"), "rows": .string("3"), "sort": .string("name asc"),
        "facet.field": .string(#"["organization","groups","tags","res_format","license_id"]"#),
    ]
    static let names = Exporters.fileNames + ["licences.csv"] + sitePages + ["ckan/package_show.json", "ckan/package_search.json"]

    static let rendered: [String: [UInt8]] = {
        let catalog = ExportSample.catalog
        var files: [String: [UInt8]] = [:]
        for file in Exporters.all(catalog).files { files[file.name] = file.bytes }
        files["licences.csv"] = Array(LicenceAudit(datasets: catalog.datasets, registry: licenceRegistry).licencesCSV().utf8)
        // The site as a run renders it (the same download names are linked).
        let downloads = (Exporters.fileNames + Pipeline.auditFileNames + ["report.json"]).sorted()
        for page in SiteRenderer.render(SiteInput(catalog: catalog, downloads: downloads)) where sitePages.contains(page.name) {
            files[page.name] = page.bytes
        }
        let api = GoldenOutputs.api(model: catalog.modelJSON())
        files["ckan/package_show.json"] = api.call("package_show", params: ["id": .string(packageName)]).body
        files["ckan/package_search.json"] = api.call("package_search", params: searchParameters).body
        return files
    }()

    @Test(arguments: names) func outputMatchesGoldenFile(name: String) throws {
        let bytes = try #require(Self.rendered[name], "the golden catalogue did not produce \(name)")
        if let problem = Golden.check(name, bytes, set: Self.set) { Issue.record(Comment(rawValue: problem)) }
    }

    /// No stale golden files: every file in the folder is compared above (a missing one fails its own test).
    @Test func goldenFolderHoldsOnlyComparedFiles() {
        Golden.removeStale(Self.set, keeping: Set(Self.names))
        #expect(Set(Golden.files(Self.set)).subtracting(Self.names).sorted() == [])
    }

    /// The golden Turtle is the reviewed snapshot CI validates with SHACL (Snapshots/catalog.ttl); the one
    /// regeneration command (`OPENDATA_UPDATE_GOLDEN=1`) rewrites it with the other golden files, and the
    /// comparison runs either way.
    @Test func turtleEqualsTheSnapshot() throws {
        let snapshot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/catalog.ttl")
        let turtle = try #require(Self.rendered["catalog.ttl"])
        if Golden.isUpdating, (try? Data(contentsOf: snapshot)).map(Array.init) != turtle {
            try Data(turtle).write(to: snapshot, options: .atomic)
        }
        #expect(turtle == Array(try Data(contentsOf: snapshot)), "Snapshots/catalog.ttl changed; if intended: \(Golden.regenerateCommand)")
    }
}

/// The mismatch message of a golden file names the file, the first differing line and the way to regenerate.
@Suite struct GoldenFileMessageTests {
    @Test func firstDifferingLineIsShownWithExpectedAndActual() throws {
        let message = try #require(Golden.difference(expected: Array("a\nb\nc\n".utf8), actual: Array("a\nB\nc\n".utf8)))
        #expect(message.hasPrefix("differs at line 2 "))
        #expect(message.contains("expected: b\n"))
        #expect(message.hasSuffix("actual:   B"))
        #expect(Golden.difference(expected: Array("same\n".utf8), actual: Array("same\n".utf8)) == nil)
    }

    @Test func shorterOrLongerFilesAndLongLinesAreDescribed() throws {
        let longer = try #require(Golden.difference(expected: Array("a\n".utf8), actual: Array("a\nextra\n".utf8)))
        #expect(longer.contains("line 2") && longer.contains("expected: <end of file>") && longer.contains("actual:   extra"))
        let noNewline = try #require(Golden.difference(expected: Array("a\n".utf8), actual: Array("a".utf8)))
        #expect(noNewline.contains("line ends"))
        // One-line JSON: a window around the first differing column, not the whole line.
        let head = String(repeating: "x", count: 5000)
        let json = try #require(Golden.difference(expected: Array((head + "1" + head).utf8), actual: Array((head + "2" + head).utf8)))
        #expect(json.contains("column 5001"))
        #expect(json.count < 400)
        #expect(json.contains("…" + String(repeating: "x", count: 50) + "1"))
    }

    @Test func missingGoldenFileNamesTheRegenerateCommand() throws {
        let message = try #require(Golden.check("no-such-file.txt", [0x41], set: "no-such-set", update: false))
        #expect(message.contains("Tests/Golden/no-such-set/no-such-file.txt"))
        #expect(message.contains(Golden.regenerateCommand))
    }
}
