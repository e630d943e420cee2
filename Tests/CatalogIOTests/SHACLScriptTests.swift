import CatalogTestSupport
import Foundation
import Testing

@testable import CatalogIO

@Suite struct SHACLScriptTests {
    /// `opendata validate` embeds scripts/shacl_validate.py; the two must not drift apart.
    @Test func embeddedScriptEqualsRepositoryScript() throws {
        let file = try String(contentsOf: Fixtures.packageRoot.appendingPathComponent("scripts/shacl_validate.py"), encoding: .utf8)
        #expect(SHACLScript.source == file)
    }

    /// `opendata validate` checks a catalogue against its profile's shapes: 2.0 when catalog.model.json says so.
    @Test func shapeSetsFollowTheCataloguesProfile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("shacl-sets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let ttl = dir.appendingPathComponent("catalog.ttl")
        #expect(SHACLValidator.sets(forCatalogue: ttl) == ["dcat-ap-3"])  // no model: the default profile, 3.0
        let padding = String(repeating: "x", count: 10_000)
        let model = #"{"datasets":[{"title":"\#(padding)"}],"description":"d","profile":"dcat-ap.de-2.0","title":"t","uri":"u"}"#
        try Data(model.utf8).write(to: dir.appendingPathComponent("catalog.model.json"))
        #expect(SHACLValidator.sets(forCatalogue: ttl) == ["dcat-ap-de"])
        try Data(model.replacingOccurrences(of: #""profile":"dcat-ap.de-2.0","#, with: "").utf8).write(to: dir.appendingPathComponent("catalog.model.json"))
        #expect(SHACLValidator.sets(forCatalogue: ttl) == ["dcat-ap-3"])
    }
}
