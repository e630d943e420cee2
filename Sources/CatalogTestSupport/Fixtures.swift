public import Foundation

/// Paths to the repository and to its test fixtures, for tests.
package enum Fixtures {
    /// The package root (found from this file's location).
    package static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// `Tests/Fixtures`: verbatim copies of the files of the shared fixture collection (`../shared/fixtures`) that
    /// the tests read, under the same relative paths, with their attribution rows in `Tests/Fixtures/SOURCES.md`.
    /// Tests never read outside the repository.
    package static let shared: URL = packageRoot.appendingPathComponent("Tests/Fixtures")

    /// A file under `Tests/Fixtures` (its path under `../shared/fixtures`).
    package static func shared(_ path: String) -> URL { shared.appendingPathComponent(path) }

    /// A file under the repository's `catalog/` folder.
    package static func catalog(_ path: String) -> URL { packageRoot.appendingPathComponent("catalog").appendingPathComponent(path) }

    package static func data(_ url: URL) throws -> Data { try Data(contentsOf: url) }
}
