import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

@testable import CatalogIO

/// Golden files of the offline demo run: the shipped catalog/sources.toml harvested from its recorded snapshots
/// with a fixed run time, every output frozen byte for byte under Tests/Golden/demo/ (see `Golden`). The demo is
/// rendered once per test process and shared by the tests below.
@Suite struct GoldenDemoTests {
    static let set = "demo"
    static let runTime = DemoOutput.runTime

    /// The exports, audit files and report, under the names the run writes.
    static let runFiles = [
        "catalog.ttl", "catalog.rdf", "catalog.jsonld", "datasets.csv", "distributions.csv", "datasets.geojson",
        "datapackage.json", "licences.csv", "duplicates.csv", "quality.csv", "report.json", "datasets-excel.csv", "distributions-excel.csv",
    ]
    /// One dataset page (seven distributions, open licence, publisher, contact, spatial coverage, merged from two
    /// sources) and the facet page of its theme.
    static let sitePages = [
        "datensatz/berlin-simple-search-wwwberlindebalichtenbergwirtschaftausschreibung.html",
        "suche/thema-econ.html",
    ]
    /// The CKAN API answers `opendata serve` gives for that dataset and for one search with facets.
    static let packageName = "simple_search_wwwberlindebalichtenbergwirtschaftausschreibung"
    static let searchParameters: [String: JSONValue] = [
        "q": .string("Verkehr"), "rows": .string("3"), "sort": .string("name asc"),
        "facet.field": .string(#"["organization","groups","tags","res_format","license_id"]"#),
    ]
    static let apiFiles = ["ckan/package_show.json", "ckan/package_search.json"]
    static let names = runFiles + sitePages + apiFiles

    static let rendered = Task<[String: [UInt8]], Never> { await render() }

    static func render() async -> [String: [UInt8]] {
        let output = await DemoOutput.run.value  // the demo run the other suites share (same run time)
        var files: [String: [UInt8]] = [:]
        for file in output.files where names.contains(file.name) { files[file.name] = file.bytes }
        // report.json as written, with what differs between machines and runs normalised.
        files["report.json"] = GoldenOutputs.normalisedReport(output.report)
        // The server loads catalog.model.json; answer from that, as `opendata serve` does.
        if let model = output.files.first(where: { $0.name == "catalog.model.json" }) {
            let api = GoldenOutputs.api(model: model.bytes)
            files["ckan/package_show.json"] = api.call("package_show", params: ["id": .string(packageName)]).body
            files["ckan/package_search.json"] = api.call("package_search", params: searchParameters).body
        }
        return files
    }

    @Test(arguments: names) func outputMatchesGoldenFile(name: String) async throws {
        let files = await Self.rendered.value
        let bytes = try #require(files[name], "the demo run did not produce \(name)")
        if let problem = Golden.check(name, bytes, set: Self.set) { Issue.record(Comment(rawValue: problem)) }
    }

    /// No stale golden files: every file in the folder is compared above (a missing one fails its own test).
    @Test func goldenFolderHoldsOnlyComparedFiles() {
        Golden.removeStale(Self.set, keeping: Set(Self.names))
        #expect(Set(Golden.files(Self.set)).subtracting(Self.names).sorted() == [])
    }

    /// The golden report is the written one up to the normalised values: the run writes report.json exactly as
    /// `RunReport.jsonData()` renders it, and only durations and the checkout's path are replaced.
    @Test func normalisedReportDiffersOnlyInRunDependentValues() async throws {
        let files = await Self.rendered.value
        let golden = try #require(files["report.json"])
        let text = String(decoding: golden, as: UTF8.self)
        #expect(!text.contains(Fixtures.packageRoot.path))
        #expect(text.contains("\"location\" : \"catalog/demo/koeln-2015-01.json\""))
        #expect(text.contains("\"durationSeconds\" : 0,"))
        #expect(text.contains("\"startedAt\" : \"\(Self.runTime)\""))
    }
}
