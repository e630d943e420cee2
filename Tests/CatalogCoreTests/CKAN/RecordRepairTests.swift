import Foundation
import Testing
import CatalogTestSupport
@testable import CatalogCore

/// Real Köln package dicts (Tests/Fixtures) with faults injected into their bytes.
private var koeln: [[String: Any]] {
    let url = Fixtures.packageRoot.appendingPathComponent("Tests/Fixtures/ckan/nrw-municipal/koeln-offenedaten-dkan-current_package_list_with_resources-2015-01.json")
    return try! JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [[String: Any]]
}

private func bytes(_ object: [String: Any]) -> [UInt8] {
    [UInt8](try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
}

/// Replaces the first occurrence of `needle` in `haystack`.
private func replacing(_ needle: [UInt8], with replacement: [UInt8], in haystack: [UInt8]) -> [UInt8] {
    let n = needle.count
    guard let at = (0...(haystack.count - n)).first(where: { Array(haystack[$0..<$0 + n]) == needle }) else {
        Issue.record("needle not found")
        return haystack
    }
    return Array(haystack[..<at]) + replacement + Array(haystack[(at + n)...])
}

private func object(_ bytes: [UInt8]) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
}

@Suite struct RecordRepairTests {
    @Test func cleanRealRecordsAreNotCopied() {
        let records = koeln
        #expect(records.count == 137)
        for record in records {
            let result = RecordRepair.repair(bytes(record))
            #expect(result.bytes == nil)
            #expect(result.issues.isEmpty)
            #expect(result.tooLarge == nil)
        }
    }

    @Test func invalidUTF8InTitleBecomesReplacementCharacter() throws {
        let record = koeln[3]
        let title = try #require(record["title"] as? String)
        var broken = bytes(record)
        // "<title>" → "<title>\xC3\x28" (a lead byte followed by an ASCII byte) and a stray continuation byte.
        broken = replacing(Array("\"title\":\"\(title)".utf8), with: Array("\"title\":\"\(title)".utf8) + [0xC3, 0x28, 0x80], in: broken)
        #expect(object(broken) == nil)  // a JSON parser refuses it as it is
        let result = RecordRepair.repair(broken)
        let repaired = try #require(result.bytes.flatMap(object))
        #expect(repaired["title"] as? String == title + "\u{FFFD}(\u{FFFD}")
        #expect(repaired["id"] as? String == record["id"] as? String)
        #expect(result.issues == [RecordRepair.Issue(kind: .invalidUTF8, field: "title", count: 2)])
        let findings = RecordRepair.findings(result.issues, source: "koeln", record: record["id"] as! String)
        #expect(findings.map(\.code) == ["record.invalid-utf8"])
        #expect(findings.first?.recordID == record["id"] as? String)
        #expect(findings.first?.field == "title")
    }

    @Test func validMultibyteTextIsKept() throws {
        // Köln's titles carry umlauts; four-byte characters must pass too.
        var record = koeln[0]
        record["title"] = "Bäume 🌳 in Köln"
        let result = RecordRepair.repair(bytes(record))
        #expect(result.bytes == nil)
    }

    @Test func nulAndRawControlCharactersInNestedFieldsAreRepaired() throws {
        let record = try #require(koeln.first { ($0["resources"] as? [Any])?.isEmpty == false })
        var broken = bytes(record)
        broken = replacing(Array("\"notes\":\"".utf8), with: Array("\"notes\":\"a\\u0000b\u{0}c\n".utf8), in: broken)
        broken = replacing(Array("\"format\":\"".utf8), with: Array("\"format\":\"\u{1}".utf8), in: broken)
        let result = RecordRepair.repair(broken)
        let repaired = try #require(result.bytes.flatMap(object))
        #expect((repaired["notes"] as? String)?.hasPrefix("abc\n") == true)
        #expect(result.issues.contains(RecordRepair.Issue(kind: .nul, field: "notes", count: 2)))
        #expect(result.issues.contains(RecordRepair.Issue(kind: .controlCharacter, field: "notes", count: 1)))
        #expect(result.issues.contains(RecordRepair.Issue(kind: .controlCharacter, field: "resources[].format", count: 1)))
    }

    @Test func giantDescriptionIsCutAtACharacterBoundary() throws {
        var record = koeln[5]
        let giant = String(repeating: "Köln ", count: 40_000)  // 240,000 bytes
        record["notes"] = giant
        let result = RecordRepair.repair(bytes(record))
        let repaired = try #require(result.bytes.flatMap(object))
        let notes = try #require(repaired["notes"] as? String)
        #expect(notes.hasSuffix("…"))
        #expect(notes.utf8.count <= 64 * 1024 + 3)
        #expect(notes.utf8.count > 64 * 1024 - 8)
        #expect(giant.hasPrefix(String(notes.dropLast())))
        #expect(repaired["title"] as? String == record["title"] as? String)
        #expect(result.issues == [RecordRepair.Issue(kind: .fieldCut, field: "notes", count: giant.utf8.count)])
        let finding = try #require(RecordRepair.findings(result.issues, source: "koeln", record: "x").first)
        #expect(finding.message.contains("240000 bytes"))
    }

    @Test func cutDoesNotSplitAnEscape() throws {
        var record = koeln[1]
        record["notes"] = String(repeating: "\"", count: 50_000)  // each is the two-byte escape \"
        let result = RecordRepair.repair(bytes(record))
        let repaired = try #require(result.bytes.flatMap(object))
        let notes = try #require(repaired["notes"] as? String)
        #expect(notes.dropLast().allSatisfy { $0 == "\"" })
    }

    /// Plain ASCII is passed over in runs: a value is still cut exactly at the limit, also when a multi-byte
    /// character or an escape straddles it.
    @Test func cutComesExactlyAtTheLimitAfterAPlainRun() {
        let limits = RecordRepair.Limits(maxFieldBytes: 16, maxRecordBytes: 1 << 20)
        func repaired(_ value: String) -> (text: String?, issues: [RecordRepair.Issue]) {
            let result = RecordRepair.repair(Array("{\"a\":{\"notes\":\"\(value)\"}}".utf8), limits: limits)
            return (result.bytes.map { String(decoding: $0, as: UTF8.self) }, result.issues)
        }
        let x15 = String(repeating: "x", count: 15)
        #expect(repaired(x15 + "x").text == nil)
        for (value, kept) in [(x15 + "xy", x15 + "x"), (x15 + "ö", x15), (x15 + "\\\"", x15), (x15 + "\\u00e4", x15)] {
            let result = repaired(value)
            #expect(result.text == "{\"a\":{\"notes\":\"" + kept + "…\"}}", "\(value)")
            #expect(result.issues == [RecordRepair.Issue(kind: .fieldCut, field: "a.notes", count: value.utf8.count)])
        }
    }

    /// A dump's records are repaired as slices of the file, in place: the same result as for a copy, field
    /// names included.
    @Test func aSliceIsRepairedLikeACopy() throws {
        let record = try #require(koeln.first { ($0["resources"] as? [Any])?.isEmpty == false })
        let broken = replacing(Array("\"format\":\"".utf8), with: Array("\"format\":\"\u{1}".utf8), in: bytes(record))
        let before = Array("[\"ignored\u{1}\",\n".utf8)
        let file = before + broken + Array("\n]".utf8)
        let range = before.count..<(before.count + broken.count)
        let inPlace = RecordRepair.repair(file[range]), copied = RecordRepair.repair(broken)
        #expect(inPlace.bytes != nil && inPlace.bytes == copied.bytes)
        #expect(inPlace.issues == copied.issues)
        #expect(inPlace.issues == [RecordRepair.Issue(kind: .controlCharacter, field: "resources[].format", count: 1)])
    }

    @Test func recordTooLargeAfterCuttingIsFlagged() throws {
        var record = koeln[2]
        record["tags"] = (0..<20).map { _ in String(repeating: "x", count: 60_000) }  // 1.2 MB of 60 KB values
        let limits = RecordRepair.Limits(maxFieldBytes: 64 << 10, maxRecordBytes: 1 << 20)
        let result = RecordRepair.repair(bytes(record), limits: limits)
        #expect((result.tooLarge ?? 0) > 1_200_000)
        #expect(result.issues.isEmpty)  // no single value was too long
        #expect(RecordRepair.repair(bytes(koeln[2]), limits: limits).tooLarge == nil)
    }

    @Test func textRepairNamesTheFirstLine() throws {
        let text = Array("<rdf:RDF>\n<dct:title>Stra".utf8) + [0xDF] + Array("e\u{0}</dct:title>\n</rdf:RDF>\n".utf8)
        let result = TextRepair.repair(Data(text))
        let repaired = try #require(result.bytes)
        #expect(String(decoding: repaired, as: UTF8.self) == "<rdf:RDF>\n<dct:title>Stra\u{FFFD}e</dct:title>\n</rdf:RDF>\n")
        #expect(result.invalidUTF8 == 1 && result.nul == 1 && result.firstLine == 2)
        #expect(TextRepair.repair(Data("Köln\tok\r\n".utf8)).bytes == nil)
    }
}
