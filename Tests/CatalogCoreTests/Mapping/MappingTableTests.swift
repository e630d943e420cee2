import CatalogTestSupport
import Foundation
import Testing

/// docs/mapping.md names, for every row, the fixture file and the test that exercise it. This keeps those names
/// honest: every fixture path must exist and every `Suite.function` must be defined in Tests/.
@Suite struct MappingTableTests {
    static let doc: String = (try? String(contentsOf: Fixtures.packageRoot.appendingPathComponent("docs/mapping.md"), encoding: .utf8)) ?? ""

    /// Table rows of the mapping sections (header and separator rows excluded).
    static var rows: [String] {
        doc.split(separator: "\n").map(String.init).filter { line in
            line.hasPrefix("| ") && !line.hasPrefix("|---") && !line.contains("fixture · test |") && !line.hasPrefix("| property |")
        }
    }

    /// Backticked tokens of one line.
    static func codeSpans(_ line: String) -> [String] {
        line.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }

    @Test func docExistsAndHasRows() {
        #expect(!Self.doc.isEmpty)
        #expect(Self.rows.count > 50)
    }

    @Test func everyFixtureRowNamesAFixtureAndATest() {
        for row in Self.rows where row.contains(" · ") {
            let cell = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.last { !$0.isEmpty } ?? ""
            #expect(cell.contains(" · "), "no 'fixture · test' cell: \(row)")
            let spans = Self.codeSpans(cell)
            let hasFixture = cell.hasPrefix("inline") || spans.contains { $0.hasSuffix(".json") }
            #expect(hasFixture, "no fixture named: \(row)")
            #expect(spans.contains { $0.contains("Tests.") }, "no test named: \(row)")
        }
    }

    @Test func namedFixturesExist() {
        let paths = Set(Self.rows.flatMap(Self.codeSpans).filter { $0.hasSuffix(".json") && $0.contains("/") && !$0.contains(" ") })
        #expect(!paths.isEmpty)
        for p in paths {
            let url = p.hasPrefix("catalog/") ? Fixtures.packageRoot.appendingPathComponent(p) : Fixtures.shared(p)
            let isVocabulary = p.hasPrefix("catalog/vocabularies/") || !p.contains("/") || p.contains("*")
            if isVocabulary { continue }
            #expect(FileManager.default.fileExists(atPath: url.path), "missing fixture: \(p)")
        }
    }

    @Test func namedTestsAreDefined() throws {
        let testsRoot = Fixtures.packageRoot.appendingPathComponent("Tests")
        var sources = ""
        let files = FileManager.default.enumerator(at: testsRoot, includingPropertiesForKeys: nil)
        while let f = files?.nextObject() as? URL {
            if f.pathExtension == "swift" { sources += (try? String(contentsOf: f, encoding: .utf8)) ?? "" }
        }
        let names = Set(Self.rows.flatMap(Self.codeSpans).filter { $0.contains("Tests.") && !$0.contains(" ") && !$0.contains("/") })
        #expect(!names.isEmpty)
        for n in names {
            let parts = n.split(separator: ".")
            try #require(parts.count == 2, "\(n)")
            #expect(sources.contains("struct \(parts[0])"), "suite not found: \(n)")
            #expect(sources.contains("func \(parts[1])("), "test not found: \(n)")
        }
    }
}
