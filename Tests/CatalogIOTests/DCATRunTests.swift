import Foundation
import Testing
import CatalogCore
import CatalogTestSupport
@testable import CatalogIO

/// A whole `opendata run` over a temporary config with one DCAT file source and one CKAN dump.
@Suite struct DCATRunTests {
    static func writeConfig(_ directory: URL, dcatPath: String) throws -> URL {
        let catalog = Fixtures.catalog("")
        let toml = """
            [catalog]
            title = "DCAT-Test"
            description = "DCAT und CKAN gemischt"
            base_uri = "https://example.org/katalog"
            vocabularies = "\(catalog.appendingPathComponent("vocabularies").path)"
            licences = "\(catalog.appendingPathComponent("licences.toml").path)"
            [catalog.publisher]
            name = "Test"

            [[source]]
            id = "destatis"
            title = "Destatis (DCAT-AP.de RDF/XML)"
            kind = "dcat"
            path = "\(dcatPath)"

            [[source]]
            id = "koeln"
            title = "Köln (CKAN-Dump)"
            kind = "ckan-dump"
            path = "\(catalog.appendingPathComponent("demo/koeln-2015-01.json").path)"

            """
        let url = directory.appendingPathComponent("sources.toml")
        try Data(toml.utf8).write(to: url)
        return url
    }

    @Test func dcatFileAndCKANDumpMergeIntoAConformantCatalogue() async throws {
        let dir = TestFolder.path("dcat-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = try Self.writeConfig(dir, dcatPath: destatisRDF.path)
        let out = dir.appendingPathComponent("out")
        let summary = try await CatalogRunner.run(
            CatalogRunner.Options(configURL: config, outputDirectory: out, live: false, now: Date(timeIntervalSince1970: 1_800_000_000)),
            console: Console(quiet: true))
        let report = summary.report
        let destatis = try #require(report.sources.first { $0.id == "destatis" })
        let koeln = try #require(report.sources.first { $0.id == "koeln" })
        #expect(destatis.kind == "dcat" && destatis.mode == .snapshot && destatis.error == nil)
        #expect(destatis.fetched == 135)
        #expect(destatis.mapped + destatis.rejected == 135)
        #expect(koeln.fetched == 137)
        #expect(report.status == .done)
        #expect(summary.exitCode == 0)
        let datasets = summary.output.catalog.datasets
        #expect(datasets.count == report.totals.datasets)
        #expect(report.totals.datasets == report.totals.fetched - report.totals.rejected - report.totals.mergedAway)
        #expect(datasets.filter { $0.provenance.contains { $0.sourceID == "destatis" } }.count == destatis.mapped)

        // The published Turtle, read back: every distribution has a dcat:accessURL, every dataset a title and
        // a description, and the catalogue lists every dataset.
        let ttl = try Data(contentsOf: out.appendingPathComponent("catalog.ttl"))
        let graph = try TurtleParser.parse(ttl, baseIRI: nil)
        let dcat = "http://www.w3.org/ns/dcat#", dct = "http://purl.org/dc/terms/"
        let distributions = graph.subjects(ofType: dcat + "Distribution")
        #expect(distributions.count == report.totals.distributions)
        #expect(distributions.allSatisfy { graph.object($0, dcat + "accessURL")?.iri?.isEmpty == false })
        let published = graph.subjects(ofType: dcat + "Dataset")
        #expect(published.count == datasets.count)
        #expect(published.allSatisfy { graph.object($0, dct + "title") != nil && graph.object($0, dct + "description") != nil })
        #expect(graph.subjects(ofType: dcat + "Catalog").flatMap { graph.objects($0, dcat + "dataset") }.count == datasets.count)
    }

    @Test func aBrokenDCATFileFailsOnlyThatSource() async throws {
        let dir = TestFolder.path("dcat-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let broken = dir.appendingPathComponent("broken.ttl")
        try Data("@prefix dcat: <http://www.w3.org/ns/dcat#> .\n<a> a dcat:Dataset ;\n  <b> \"unterminated .\n".utf8).write(to: broken)
        let config = try Self.writeConfig(dir, dcatPath: broken.path)
        let summary = try await CatalogRunner.run(
            CatalogRunner.Options(configURL: config, outputDirectory: dir.appendingPathComponent("out"), live: false),
            console: Console(quiet: true))
        let destatis = try #require(summary.report.sources.first { $0.id == "destatis" })
        #expect(destatis.error?.contains("line") == true)
        #expect(destatis.fetched == 0)
        #expect(summary.report.status == .doneWithErrors)
        #expect(summary.exitCode == 1)
        #expect(summary.report.sources.first { $0.id == "koeln" }?.fetched == 137)
    }
}
