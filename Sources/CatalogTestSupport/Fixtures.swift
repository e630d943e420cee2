public import Foundation

/// Paths to the repository and to the shared fixtures, for tests.
package enum Fixtures {
    /// The package root (found from this file's location).
    package static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// `../shared/fixtures` beside the repository (read-only, present on dev machines and in CI).
    package static let shared: URL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures")

    /// A file under `../shared/fixtures`.
    package static func shared(_ path: String) -> URL { shared.appendingPathComponent(path) }

    /// A file under the repository's `catalog/` folder.
    package static func catalog(_ path: String) -> URL { packageRoot.appendingPathComponent("catalog").appendingPathComponent(path) }

    package static func data(_ url: URL) throws -> Data { try Data(contentsOf: url) }
}
