import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

@testable import CatalogIO

/// The offline demo run over the shipped catalog/sources.toml: every record is accounted for, outputs are
/// byte-stable, and the catalogue holds what the report says.
@Suite(.serialized) struct DemoRunTests {
    /// Counts package dicts in a demo file independently of our reader (array, or package_show envelope).
    static func rawCount(_ name: String) throws -> Int {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: Fixtures.catalog("demo/\(name)")))
        if let array = json as? [Any] { return array.count }
        if let object = json as? [String: Any], object["result"] is [String: Any] { return 1 }
        return -1
    }

    @Test func everyDemoRecordIsPublishedRejectedOrMerged() async throws {
        let output = await DemoOutput.run.value
        let report = output.report
        let expectedInput = try ["koeln-2015-01.json", "koeln-2014-11.json", "berlin-2014-12.json", "govdata-hamburg-2020.json"]
            .map(Self.rawCount).reduce(0, +)
        #expect(expectedInput == 137 + 130 + 686 + 1)
        // The DCAT demo source (RDF/XML): its dcat:Dataset elements, counted without our parser.
        let dcatInput = try String(contentsOf: Fixtures.catalog("demo/ckanext-dcatde-catalog-endpoint-example.rdf"), encoding: .utf8)
            .components(separatedBy: "<dcat:Dataset ").count - 1
        #expect(dcatInput == 6)
        #expect(report.totals.fetched == expectedInput + dcatInput)
        // The two Aachen live sources have no snapshot: skipped offline, with a note.
        #expect(report.sources.filter { $0.mode == .skipped }.map(\.id).sorted() == ["offenedaten-aachen"])
        let rejectFindings = report.findings.filter { $0.severity == .error && $0.code.hasPrefix("record.") }
        #expect(report.totals.rejected == rejectFindings.count)
        #expect(report.totals.datasets == report.totals.fetched - report.totals.rejected - report.totals.mergedAway)
        #expect(output.catalog.datasets.count == report.totals.datasets)
        // The Köln 2014 snapshot shares ids with the 2015 one: those merge (computed from the raw files).
        let ids = { (name: String) -> Set<String> in
            let array = try! JSONSerialization.jsonObject(with: Data(contentsOf: Fixtures.catalog("demo/\(name)"))) as! [[String: Any]]
            return Set(array.compactMap { $0["id"] as? String })
        }
        let overlap = ids("koeln-2015-01.json").intersection(ids("koeln-2014-11.json")).count
        #expect(overlap > 0)
        #expect(report.totals.mergedAway >= overlap)
        #expect(report.status == .done)
    }

    /// catalog.model.json is written without JSONEncoder; it must be the bytes JSONEncoder writes (the server
    /// decodes it), on the whole demo catalogue and on edge values (escapes, controls, doubles, every optional).
    @Test func modelJSONEqualsJSONEncoder() async throws {
        var catalog = await DemoOutput.run.value.catalog
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func reference(_ c: Catalog) throws -> [UInt8] { Array(try encoder.encode(c)) + [0x0A] }
        #expect(catalog.modelJSON() == (try reference(catalog)))
        #expect(catalog.datasets.count > 800)

        var d = catalog.datasets.first { !$0.distributions.isEmpty && !$0.provenance.isEmpty }!
        let odd = "a\"b\\c/d\u{01}\u{08}\u{0C}\n\r\t\u{1F}\u{7F} ä € 😀 \u{2028}"
        d.title = odd
        d.version = odd
        d.accessRights = "x"; d.accrualPeriodicity = "y"; d.legalBasis = "z"; d.politicalGeocodingLevel = "l"
        d.landingPage = "https://example.org/"; d.geocodingText = "g"
        d.creator = Agent(uri: "https://a.example/", name: odd, email: "e@x", homepage: "h", type: "t")
        d.maintainer = Agent(name: "m")  // boxed fields (`@Boxed`): present here, absent in the other dataset
        d.originator = Agent(uri: "https://o.example/", name: "o")
        d.contactPoint = ContactPoint(name: "n", email: "e", url: "u", phone: "p")
        d.spatial = Location(uri: "s", geometryGeoJSON: "{}", bbox: BoundingBox(west: -0.5, south: 1e-7, east: 50, north: 123456.789), label: "L")
        d.temporal = PeriodOfTime(start: .date("2020-01-01"), end: .dateTime("2020-01-02T00:00:00Z"))
        d.licence = Licence(raw: "r", uri: "u", spdx: "CC-BY-4.0", status: .restricted, reason: odd)
        d.distributions[0].byteSize = 1234567890123
        d.distributions[0].licenceInherited = true
        d.distributions[0].attributionText = odd
        d.provenance[0].remoteName = "n"; d.provenance[0].url = "u"; d.provenance[0].sourceModified = "m"
        catalog.datasets = [d, catalog.datasets[1]]
        catalog.homepage = nil
        catalog.modified = nil
        #expect(catalog.modelJSON() == (try reference(catalog)))
        #expect(try JSONDecoder().decode(Catalog.self, from: Data(catalog.modelJSON())) == catalog)
        #expect(try Catalog(modelJSON: Data(catalog.modelJSON())) == catalog)
    }

    /// `opendata serve` reads the model with `Catalog(modelJSON:)`: the same values as JSONDecoder on the whole
    /// demo, unknown members skipped, and a damaged file refused with what was wrong and where.
    @Test func modelReaderEqualsJSONDecoder() async throws {
        let catalog = await DemoOutput.run.value.catalog
        let bytes = Data(catalog.modelJSON())
        let read = try Catalog(modelJSON: bytes)
        #expect(read == (try JSONDecoder().decode(Catalog.self, from: bytes)))
        #expect(read == catalog)
        #expect(read.datasets.allSatisfy { $0.published != nil })
        // Area outlines repeat across datasets: read back, equal large geometries are one shape, as in the run.
        let shapes = read.datasets.compactMap { $0.published?.geometry }.filter { $0.geoJSON.utf8.count >= PublishedShape.sharedReadMinimumBytes }
        let byText = Dictionary(grouping: shapes, by: \.geoJSON)
        #expect(byText.values.contains { $0.count > 1 })
        #expect(byText.values.allSatisfy { group in group.allSatisfy { $0 === group[0] } })
        // Each read has shapes of its own, let go with the catalogue it read (a server swapping snapshots keeps none).
        let again = try Catalog(modelJSON: bytes).datasets.compactMap { $0.published?.geometry }
            .filter { $0.geoJSON.utf8.count >= PublishedShape.sharedReadMinimumBytes }
        #expect(again.count == shapes.count && !again.isEmpty)
        #expect(zip(again, shapes).allSatisfy { $0 == $1 && $0 !== $1 })
        // A failed source's fallback list (`SourceFallback`): the same reader, and the JSONEncoder form that
        // earlier versions wrote into published snapshots reads too.
        #expect(try [Dataset](modelJSON: Data(catalog.datasets.modelJSON())) == catalog.datasets)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try [Dataset](modelJSON: encoder.encode(catalog.datasets)) == catalog.datasets)
        #expect(throws: ModelJSONError.self) { try [Dataset](modelJSON: Data("[{}]".utf8)) }

        // Read through the split reader (each dataset's bytes found first; in parallel only from
        // Catalog.parallelLoadMinimum datasets, more than the demo has) and in one pass: the same catalogue, and a
        // damaged dataset in the middle of the list is refused by both with the same message naming the same byte.
        #expect(try Catalog(onePassModelJSON: bytes) == read)
        let plain = try #require(catalog.datasets[500...].first { $0.title.allSatisfy { $0.isLetter || $0 == " " } })
        let damaged = try #require(String(data: bytes, encoding: .utf8)).replacingOccurrences(
            of: #""title":"\#(plain.title)""#, with: #""title":500"#)
        #expect(damaged.utf8.count < bytes.count)
        func failure(_ read: () throws -> Catalog) -> String {
            do { _ = try read(); return "read" } catch { return "\(error)" }
        }
        let parallel = failure { try Catalog(modelJSON: Data(damaged.utf8)) }
        #expect(parallel.hasPrefix("catalog.model.json: expected a string at byte "))
        #expect(parallel == failure { try Catalog(onePassModelJSON: Data(damaged.utf8)) })

        let newer = Data(#"{"datasets":[],"description":"d","future":{"x":[1,null,"y"]},"languages":[],"publisher":{"name":"P","since":2026},"title":"t","uri":"u"}"#.utf8)
        #expect(try Catalog(modelJSON: newer).publisher.name == "P")
        func refusal(_ text: String) -> String {
            do {
                _ = try Catalog(modelJSON: Data(text.utf8))
                return "read"
            } catch {
                return error.description
            }
        }
        #expect(refusal(#"{"datasets":[],"description":"d","publisher":{"name":"P"},"uri":"u"}"#) == #"catalog.model.json: catalogue without "title" at byte 68"#)
        #expect(refusal(#"{"datasets":[{"uri":5}],"description":"d","publisher":{"name":"P"},"title":"t","uri":"u"}"#).hasPrefix("catalog.model.json: expected a string at byte 20"))
        #expect(refusal(String(decoding: bytes.prefix(bytes.count / 2), as: UTF8.self)).hasPrefix("catalog.model.json: "))
        #expect(refusal(#"{"datasets":[],"description":"d","publisher":{"name":"P"},"title":"t","uri":"u"} x"#) == "catalog.model.json: unexpected bytes after the catalogue at byte 81")
    }

    /// report.json's findings are written without JSONEncoder; the whole file must be JSONEncoder's bytes.
    @Test func reportJSONEqualsJSONEncoder() async throws {
        var report = await DemoOutput.run.value.report
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // report.json lists errors and the first 20 warnings of each source and code; notes are counted in its
        // `notes` section, warnings in `warnings` (findings.jsonl has all).
        func reference(_ r: RunReport) throws -> Data {
            var listed = r
            var seen: [String: Int] = [:]
            listed.findings = r.findings.filter { f in
                guard f.severity == .warning else { return f.severity == .error }
                seen[f.source + "\u{0}" + f.code, default: 0] += 1
                return seen[f.source + "\u{0}" + f.code]! <= 20
            }
            return try encoder.encode(listed) + Data("\n".utf8)
        }
        #expect(report.findings.count > 1000)
        #expect(report.jsonData() == (try reference(report)))
        // A run hands report.json over in pieces (findings a few thousand at a time): they join to the same bytes.
        var many = report
        many.findings += (0..<(2 * RunReport.findingsPerPiece + 5)).map { i in
            Finding(.warning, "w\(i % 3)", source: "s\(i / 3)", record: "r", "many", de: "viele")
        }
        var pieces: [[UInt8]] = []
        many.jsonPieces { pieces.append($0) }
        #expect(pieces.count >= 5)
        #expect(Data(pieces.joined()) == (try reference(many)))
        let odd = "a\"b\\c/d\u{01}\n\r\t ä 😀"
        report.findings = [
            Finding(.error, odd, source: odd, record: odd, field: odd, odd, de: odd),
            Finding(.note, "x", source: "", "no record, no field", de: "kein Eintrag, kein Feld"),
            Finding(.warning, "y", source: "s", field: "f", "field only", de: "nur Feld"),
        ]
        report.sections["findings"] = .object(["findings": .array([])])  // a nested key of the same name
        #expect(report.jsonData() == (try reference(report)))
        report.findings = []
        #expect(report.jsonData() == (try reference(report)))
    }

    /// Every finding is in findings.jsonl (one parsable line each, in report order); report.json lists the
    /// errors and the first 20 warnings of each source and code, counts the warnings per source and code and
    /// the notes, with at most three samples each.
    @Test func findingsAreAllInJSONLinesAndNotesCountedInTheReport() async throws {
        let output = await DemoOutput.run.value
        let all = output.report.findings
        let jsonl = try #require(output.files.first { $0.name == "findings.jsonl" })
        let lines = String(decoding: jsonl.bytes, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == all.count)
        for (line, f) in zip(lines, all) {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
            #expect(o["code"] == f.code && o["source"] == f.source && o["recordID"] == f.recordID && o["message"] == f.message)
        }
        let reportFile = try #require(output.files.first { $0.name == "report.json" })
        let report = try #require(try JSONSerialization.jsonObject(with: Data(reportFile.bytes)) as? [String: Any])
        let listed = try #require(report["findings"] as? [[String: Any]])
        #expect(!listed.contains { $0["severity"] as? String == "note" })
        #expect(listed.filter { $0["severity"] as? String == "error" }.count == all.filter { $0.severity == .error }.count)
        let warnings = try #require((report["sections"] as? [String: Any])?["warnings"] as? [[String: Any]])
        let warningCount = all.filter { $0.severity == .warning }.count
        #expect(warnings.reduce(0) { $0 + ($1["count"] as? Int ?? 0) } == warningCount)
        #expect(warnings.reduce(0) { $0 + ($1["listed"] as? Int ?? 0) } == listed.count - all.filter { $0.severity == .error }.count)
        // The demo's per-distribution warnings (licence.attribution-missing, 1,560) are counted, 20 per source listed.
        let attribution = warnings.filter { $0["code"] as? String == "licence.attribution-missing" }
        #expect(attribution.reduce(0) { $0 + ($1["count"] as? Int ?? 0) } > 1000)
        #expect(attribution.allSatisfy { ($0["listed"] as? Int) == min(20, $0["count"] as? Int ?? 0) })
        for group in warnings {
            let inList = listed.filter { $0["source"] as? String == group["source"] as? String && $0["code"] as? String == group["code"] as? String }
            #expect(inList.count == group["listed"] as? Int, "\(group)")
        }
        #expect(listed.count < warningCount)
        let notes = try #require((report["sections"] as? [String: Any])?["notes"] as? [[String: Any]])
        let notesCount = all.filter { $0.severity == .note }.count
        #expect(notesCount > 1000)
        #expect(notes.reduce(0) { $0 + ($1["count"] as? Int ?? 0) } == notesCount)
        #expect(notes.allSatisfy { ($0["samples"] as? [Any])?.count ?? 0 <= 3 && !($0["samples"] as? [Any] ?? []).isEmpty })
    }

    @Test func outputsAreByteStableAcrossRunsExceptTheReport() async throws {
        let harvests = await DemoOutput.harvests()
        let pipeline = CatalogRunner.pipeline(DemoOutput.setup)
        let output = await DemoOutput.run.value
        let first = output.files
        // The next run extends the published quality history, as the runners hand it over: with the same figures
        // it records no new date, so its file and the quality pages stay byte-identical too.
        var next = pipeline
        let history = try #require(first.first { $0.name == QualityHistory.fileName })
        next.previousHistory = QualityHistory(csv: String(decoding: history.bytes, as: UTF8.self))
        let steps = LockedBox<[Pipeline.Step]>([])
        next.stepStarted = { step in steps.update { $0.append(step) } }
        let second = next.run(harvests.reversed(), runTime: "2026-11-22T03:00:00Z").files
        // Each step is announced once, in order (the CLI's progress line).
        #expect(steps.get() == Pipeline.Step.allCases)
        #expect(first.map(\.name) == second.map(\.name))
        for (a, b) in zip(first, second) where a.name != "report.json" && a.name != "harvest.html" {
            #expect(a.bytes == b.bytes, "\(a.name) differs between runs")
        }
        // The demo reads recordings: the site pages and the licence page (its own template) say so.
        for page in ["index.html", "downloads.html", "licences.html"] {
            let html = String(decoding: try #require(first.first { $0.name == page }).bytes, as: UTF8.self)
            #expect(html.contains("<p class=\"notice\" role=\"note\"><strong>Hinweis:</strong>"), "\(page) has no notice")
        }
        let names = Set(first.map(\.name))
        for required in ["catalog.ttl", "catalog.rdf", "catalog.jsonld", "datasets.csv", "distributions.csv", "datapackage.json",
                         "datasets.geojson", "report.json", "findings.jsonl", "licences.csv", "licences.html", "duplicates.csv", "catalog.model.json", "server-index.bin",
                         "index.html", "downloads.html", "harvest.html"] {
            #expect(names.contains(required), "missing \(required)")
        }
        // The site links the downloads, and report.json lists the exports, from fixed name lists (the site renders
        // while the exports are still being written): those lists must be exactly the top-level non-site files.
        let sitePages: Set<String> = ["index.html", "downloads.html", "harvest.html", "karte.html"]
        let topLevel = output.files.map(\.name).filter { !$0.contains("/") && !sitePages.contains($0) }.sorted()
        #expect(topLevel == (["findings.jsonl", "report.json"] + (output.report.sections["exports"]?["files"].flatMap { v -> [String]? in
            if case .array(let a) = v { return a.compactMap { if case .string(let s) = $0 { s } else { nil } } }
            return nil
        } ?? [])).sorted())
        let downloads = output.files.first { $0.name == "downloads.html" }.map { String(decoding: $0.bytes, as: UTF8.self) } ?? ""
        for file in topLevel { #expect(downloads.contains("href=\"\(file)\""), "downloads.html does not link \(file)") }
    }

    @Test func writerLeavesUnchangedFilesAlone() throws {
        let dir = TestFolder.path("opendata-writer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = [ExportFile(name: "a.txt", text: "one"), ExportFile(name: "b.txt", text: "two")]
        let first = try OutputWriter.write(files, to: dir)
        #expect(first.written == ["a.txt", "b.txt"])
        let second = try OutputWriter.write([ExportFile(name: "a.txt", text: "one"), ExportFile(name: "b.txt", text: "TWO")], to: dir)
        #expect(second.unchanged == ["a.txt"] && second.written == ["b.txt"])
        #expect(try String(contentsOf: dir.appendingPathComponent("b.txt"), encoding: .utf8) == "TWO")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }

    @Test func streamingSinkReportsTheFirstWriteErrorAtTheEnd() throws {
        let dir = TestFolder.path("opendata-sink-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let sink = try StreamingSink(directory: dir)
        sink.write(ExportFile(name: "datensatz", text: "a file where a folder is wanted"))
        sink.write(ExportFile(name: "datensatz/x.html", text: "<p>x</p>"))
        sink.write(ExportFile(name: "z.txt", text: "after the failure"))
        #expect(throws: (any Error).self) { try sink.finish() }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("z.txt").path))

        let ok = try StreamingSink(directory: dir.appendingPathComponent("fine"))
        ok.write(ExportFile(name: "sub/a.txt", text: "one"))
        #expect(try ok.finish().written == ["sub/a.txt"])
    }
}
