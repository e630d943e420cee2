import Foundation
import Testing
import CatalogCore
import CatalogTestSupport
@testable import CatalogIO

@Suite struct DumpReaderTests {
    @Test func koelnArrayKeepsEveryRecordAndItsBytes() throws {
        let url = Fixtures.shared("ckan/nrw-municipal/koeln-offenedaten-dkan-current_package_list_with_resources-2015-01.json")
        let result = try DumpReader.read(url, sourceID: "koeln")
        #expect(result.format == .jsonArray)
        #expect(result.records.count == 137)
        #expect(result.findings.isEmpty)
        #expect(result.records.map(\.index) == Array(0..<137))
        let original = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [[String: Any]]
        let first = try JSONSerialization.jsonObject(with: result.records[0].json) as! [String: Any]
        #expect(first["name"] as? String == original[0]["name"] as? String)
        // Exact bytes: the record text appears verbatim in the file.
        let file = try Data(contentsOf: url)
        #expect(file.range(of: result.records[136].json) != nil)
    }

    @Test func berlinArray() throws {
        let result = try DumpReader.read(Fixtures.shared("ckan/other-german/berlin-datenregister-ckan-packages-2014-12.json"), sourceID: "berlin")
        #expect(result.records.count == 686)
        #expect(result.records.allSatisfy { $0.sourceID == "berlin" })
    }

    @Test func govdataPackageShowEnvelopeAndBarePackage() throws {
        let show = try DumpReader.read(Fixtures.shared("ckan/govdata/govdata-package_show-hamburg-stadtgruen-2020.json"), sourceID: "govdata")
        #expect(show.format == .packageShow)
        #expect(show.records.count == 1)
        let object = try JSONSerialization.jsonObject(with: show.records[0].json) as! [String: Any]
        #expect((object["resources"] as? [Any])?.count == 8)

        let bare = try DumpReader.read(Fixtures.shared("ckan/govdata/govdata-dcatap-dataset.json"), sourceID: "govdata")
        #expect(bare.format == .singlePackage)
        #expect(bare.records.count == 1)
    }

    @Test func savedSearchPageNotesThatItIsPartial() throws {
        let result = try DumpReader.read(Fixtures.shared("ckan-messy/govdata-package_search-harvest-sources-2016.json"), sourceID: "g")
        #expect(result.format == .packageSearch)
        #expect(!result.records.isEmpty)
        #expect(result.findings.contains { $0.code == "dump.partial-search" && $0.message.contains("256") })
    }

    @Test func packageListOfNamesIsRefusedWithAHint() throws {
        #expect {
            try DumpReader.read(Fixtures.shared("ckan/govdata/govdata-package_list-sample.json"), sourceID: "g")
        } throws: { error in
            "\(error)".contains("package_list") && "\(error)".contains("ckanapi dump")
        }
    }

    @Test func jsonLinesWithABadLineKeepsTheRest() throws {
        let text = """
            {"id": "a", "name": "eins"}
            {"id": "b", "name": "zwei", "title": "abgeschnit

            {"id": "c", "name": "drei"}
            ["not", "a", "package"]
            """
        let result = try DumpReader.parse(Data(text.utf8), path: "x.jsonl", sourceID: "s")
        #expect(result.format == .jsonLines)
        #expect(result.records.count == 2)
        #expect(result.records.map(\.index) == [0, 1])
        #expect(String(decoding: result.records[1].json, as: UTF8.self) == #"{"id": "c", "name": "drei"}"#)
        let bad = result.findings.filter { $0.code == "dump.bad-line" }
        #expect(bad.map(\.recordID) == ["line 2", "line 5"])
        #expect(bad.allSatisfy { $0.severity == .error && $0.source == "s" })
    }

    @Test func jsonLinesWithDuplicateIDsAreNoted() throws {
        let text = "{\"id\": \"a\"}\n{\"id\": \"a\"}\n"
        let result = try DumpReader.parse(Data(text.utf8), path: "x.jsonl", sourceID: "s")
        #expect(result.records.count == 2)
        #expect(result.findings.contains { $0.code == "dump.duplicate-id" && $0.recordID == "a" })
    }

    @Test func failedEnvelopeThrowsCKANsMessage() {
        let text = #"{"success": false, "error": {"__type": "Authorization Error", "message": "Access denied"}}"#
        #expect {
            try DumpReader.parse(Data(text.utf8), path: "dump.json", sourceID: "s")
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("dump.json: ") && text.contains("Authorization Error: Access denied")
        }
    }

    @Test func truncatedArrayThrowsNamingThePathAndLine() {
        let text = "[\n{\"id\": \"a\"},\n{\"id\": \"b\", \"title\": \"x"
        #expect {
            try DumpReader.parse(Data(text.utf8), path: "cut.json", sourceID: "s")
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("cut.json: ") && text.contains("line 3") && text.contains("truncated")
        }
    }

    @Test func missingFileAndEmptyFileAreErrors() throws {
        #expect { try DumpReader.read(URL(fileURLWithPath: "/nonexistent/dump.json"), sourceID: "s") } throws: {
            "\($0)" == "/nonexistent/dump.json: no such file"
        }
        #expect { try DumpReader.parse(Data("  \n".utf8), path: "e.json", sourceID: "s") } throws: { "\($0)".contains("empty") }
        #expect { try DumpReader.parse(Data("<rdf:RDF/>".utf8), path: "c.rdf", sourceID: "s") } throws: { "\($0)".contains("HTML or XML") }
    }

    @Test func nonObjectArrayElementsAreFindings() throws {
        let result = try DumpReader.parse(Data(#"[{"id": "a"}, "oops", 3, {"id": "b"}]"#.utf8), path: "m.json", sourceID: "s")
        #expect(result.records.count == 2)
        #expect(result.findings.filter { $0.code == "dump.not-an-object" }.count == 2)
    }
}

/// A dump's bad elements and lines, and repeated ids, get the sentences they had as text (now templates,
/// rendered when written), in English and German, naming the element, line and earlier record; the German
/// sentence names the JSON type in German (it quoted the English name before).
@Test func dumpFindingsNameTheElementLineAndEarlierRecord() throws {
    let lines = Data("{\"id\":\"a\",\"title\":\"A\"}\n[1,2]\n{\"id\":\"a\",\"title\":\"B\"}\n{\"id\": broken\n".utf8)
    let read = try DumpReader.parse(lines, path: "d.jsonl", sourceID: "s")
    let messages = read.findings.map { "\($0.code) | \($0.message) | \($0.messageDE ?? "")" }
    #expect(messages.contains("dump.bad-line | line 2 is an array, not a package dict; skipped, the other lines were read. Starts with: [1,2] | Zeile 2 ist ein Array, kein Paket; übersprungen, die übrigen Zeilen wurden gelesen. Beginnt mit: [1,2]"))
    #expect(messages.contains("dump.bad-line | line 4 is not valid JSON (truncated or broken line); skipped, the other lines were read. Starts with: {\"id\": broken | Zeile 4 ist kein gültiges JSON (abgeschnittene oder kaputte Zeile); übersprungen, die übrigen Zeilen wurden gelesen. Beginnt mit: {\"id\": broken"))
    #expect(messages.contains("dump.duplicate-id | line 3 repeats the id of record 0; both are passed on | Zeile 3 wiederholt die ID von Eintrag 0; beide werden weitergegeben."))

    let array = try DumpReader.parse(Data("[{\"id\":\"a\"},\n\"x\"]".utf8), path: "d.json", sourceID: "s")
    #expect(array.findings.map(\.message) == ["element 1 (line 2) is a string, not a package dict; skipped"])
    #expect(array.findings.map(\.messageDE) == ["Element 1 (Zeile 2) ist eine Zeichenkette, kein Paket; übersprungen."])
    let single = try DumpReader.parse(Data("{\"title\":\"x\"}".utf8), path: "d.json", sourceID: "s")
    #expect(single.findings.map(\.code) == ["dump.no-id"])
    #expect(single.findings.first?.messageDE == "Die Datei enthält ein JSON-Objekt ohne \"id\" oder \"name\"; als ein Paket gelesen.")
}
