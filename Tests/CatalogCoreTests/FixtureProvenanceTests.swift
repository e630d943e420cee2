import CatalogTestSupport
import Foundation
import Testing

/// The suite reads fixtures only from the repository (Tests/Fixtures), and each of them is attributed: every file
/// under Tests/Fixtures has exactly one row in Tests/Fixtures/SOURCES.md, and every row names a file that is there.
@Suite struct FixtureProvenanceTests {
    /// The first backticked cell of each table row of SOURCES.md (the file's path under Tests/Fixtures).
    static func attributedPaths() throws -> [String] {
        let text = try String(contentsOf: Fixtures.shared("SOURCES.md"), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| `") else { return nil }
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 5, cells.allSatisfy({ !$0.isEmpty }) else { return "malformed row: \(line)" }
            return String(cells[0].dropFirst().dropLast())
        }
    }

    static func fixtureFiles() -> [String] {
        let root = Fixtures.shared.resolvingSymlinksInPath().path + "/"
        var out: [String] = []
        let walker = FileManager.default.enumerator(at: Fixtures.shared, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = walker?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let path = url.resolvingSymlinksInPath().path
            if path.hasPrefix(root) { out.append(String(path.dropFirst(root.count))) }
        }
        return out.filter { $0 != "SOURCES.md" }.sorted()
    }

    @Test func everyFixtureHasExactlyOneSourcesRowAndEveryRowAFile() throws {
        let rows = try Self.attributedPaths()
        let files = Self.fixtureFiles()
        #expect(files.count > 40)
        #expect(rows.count == Set(rows).count, "a file is attributed twice")
        #expect(Set(files).subtracting(rows).sorted() == [], "fixtures without a SOURCES.md row")
        #expect(Set(rows).subtracting(files).sorted() == [], "SOURCES.md rows without a file (or malformed rows)")
    }

    /// Every origin names a repository path at a full commit, so the copy can be checked with `git show`.
    @Test func everyRowNamesItsOriginCommit() throws {
        let text = try String(contentsOf: Fixtures.shared("SOURCES.md"), encoding: .utf8)
        let commit = try NSRegularExpression(pattern: "`[0-9a-f]{40}`")
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let s = String(line)
            #expect(commit.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil, "no commit: \(s.prefix(120))")
        }
    }

    /// The fixture folder is inside the package, so no test reads outside the repository.
    @Test func fixturesLiveInsideThePackage() {
        let root = Fixtures.packageRoot.standardizedFileURL.path
        #expect(Fixtures.shared.standardizedFileURL.path.hasPrefix(root + "/"))
        #expect(Fixtures.shared("ckan/other-german/berlin-datenregister-ckan-packages-2014-12.json").standardizedFileURL.path.hasPrefix(root + "/Tests/Fixtures/"))
    }
}
