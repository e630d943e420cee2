import Foundation
import Testing
import CatalogCore
@testable import CatalogIO

@Suite struct SourceFallbackFilesTests {
    /// A pretty-printed record (raw line breaks between tokens) is kept on one line of `.inputs/<source>.jsonl`,
    /// its bytes otherwise unchanged; each record ends its own line.
    @Test func recordsKeepOneLineEachAndTheirBytes() throws {
        let pretty = "{\n  \"name\": \"a\",\r\n  \"notes\": \"x\\ny\"\n}"
        let compact = "{\"name\":\"b\"}"
        let source = SourceConfig(id: "s", title: "S", kind: .ckan, url: "https://example.org/api/3/action/")
        let harvest = SourceHarvest(source: source, mode: .live, location: "test", records: [
            RawRecord(sourceID: "s", index: 0, json: Data(pretty.utf8)),
            RawRecord(sourceID: "s", index: 1, json: Data(compact.utf8)),
        ])
        let files = SourceFallback.files([harvest])
        #expect(files.map(\.name) == [".inputs/s.jsonl"])
        let text = try #require(files.first).text
        #expect(text == "{   \"name\": \"a\",    \"notes\": \"x\\ny\" }\n{\"name\":\"b\"}\n")
        let lines = text.split(separator: "\n")
        #expect(try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String] } == [["name": "a", "notes": "x\ny"], ["name": "b"]])
        // Skipped sources, and sources kept elsewhere, leave no file.
        #expect(SourceFallback.files([harvest], skipping: ["s"]).isEmpty)
    }
}
