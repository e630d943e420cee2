import CatalogTestSupport
import Foundation
import Testing
@testable import CatalogIO

/// A run finds the official boundaries next to its configuration (or names the folder `geo` points to); when the
/// folder is missing, the setup says which one, so the run can warn that no geometry is derived from political
/// geocodings instead of publishing without them unannounced.
@Suite struct BoundarySetupTests {
    @Test func shippedCatalogueFindsItsBoundaries() throws {
        let setup = try CatalogRunner.setup(configURL: Fixtures.catalog("sources.toml"))
        #expect(setup.missingBoundaries == nil)
        #expect(!setup.boundaries.isEmpty)
    }

    @Test func missingBoundariesFolderIsNamed() throws {
        let dir = TestFolder.path("opendata-geo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("sources.toml")
        try """
            [catalog]
            title = "Test"
            description = "Test catalogue"
            base_uri = "https://example.org/katalog"
            vocabularies = "\(Fixtures.catalog("vocabularies").path)"
            licences = "\(Fixtures.catalog("licences.toml").path)"
            geo = "\(dir.appendingPathComponent("nowhere").path)"
            [catalog.publisher]
            name = "Test"
            [[source]]
            id = "a"
            title = "A"
            kind = "ckan-dump"
            path = "a.json"
            """.write(to: url, atomically: true, encoding: .utf8)
        let setup = try CatalogRunner.setup(configURL: url)
        #expect(setup.boundaries.isEmpty)
        #expect(setup.missingBoundaries?.lastPathComponent == "nowhere")
    }
}
