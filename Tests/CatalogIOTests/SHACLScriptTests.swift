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
}
