import CatalogTestSupport
import Foundation
import Testing
@testable import CatalogCore
@testable import CatalogIO

/// Large files (catalog.ttl, .rdf, .jsonld) are handed to the writer in pieces as they are rendered
/// (`ExportFile.continues`): every sink must end with the same bytes as for the whole file.
@Suite struct FilePiecesTests {
    static let whole = Array("@prefix a: <x> .\n<s> a:p \"eins\" .\n<t> a:p \"zwei\" .\n".utf8)
    static var pieces: [ExportFile] {
        let cuts = [0, 17, 35, Self.whole.count]
        return (0..<3).map { i in
            let bytes = Array(Self.whole[cuts[i]..<cuts[i + 1]])
            return i == 0 ? ExportFile(name: "dir/big.ttl", bytes: bytes) : .piece("dir/big.ttl", bytes: bytes)
        }
    }

    @Test func collectorJoinsThePieces() {
        let collected = FileCollector()
        collected.add(ExportFile(name: "small.txt", text: "klein"))
        Self.pieces.forEach(collected.add)
        let files = collected.files()
        #expect(files.map(\.name) == ["dir/big.ttl", "small.txt"])
        #expect(files[0].bytes == Self.whole)
        #expect(!files[0].continues)
    }

    @Test func snapshotWriterAppendsThePiecesToTheStagedFile() throws {
        let root = TestFolder.path("pieces-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let layout = PublishLayout.nightly(root)
        let writer = try SnapshotWriter(layout: layout, id: "1", keep: 2)
        Self.pieces.forEach(writer.write)
        #expect(writer.names == ["dir/big.ttl"])
        let result = try writer.finish()
        #expect(result.created)
        let published = try Data(contentsOf: layout.snapshots.appendingPathComponent("1/dir/big.ttl"))
        #expect(Array(published) == Self.whole)
    }

    /// The pipeline's branches and parallel renderers hand files over from several threads at once: every file
    /// is staged whole, in the folder it names, and each producer's pieces stay in order.
    @Test func snapshotWriterTakesFilesFromManyThreadsAtOnce() throws {
        let root = TestFolder.path("pieces-threads-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let layout = PublishLayout.nightly(root)
        let writer = try SnapshotWriter(layout: layout, id: "1", keep: 2)
        @Sendable func text(_ t: Int, _ i: Int) -> String { String(repeating: "\(t)-\(i) ", count: 200) }
        DispatchQueue.concurrentPerform(iterations: 8) { t in
            for i in 0..<60 { writer.write(ExportFile(name: "d\(t % 3)/f\(t)-\(i).txt", text: text(t, i))) }
            writer.write(ExportFile(name: "big\(t).txt", text: "0\n"))
            for k in 1..<40 { writer.write(.piece("big\(t).txt", text: "\(k)\n")) }
        }
        #expect(writer.names.count == 8 * 61)
        #expect(Set(writer.names).count == 8 * 61)
        #expect(try writer.finish().created)
        let folder = layout.snapshots.appendingPathComponent("1")
        for t in 0..<8 {
            for i in 0..<60 {
                let file = folder.appendingPathComponent("d\(t % 3)/f\(t)-\(i).txt")
                #expect((try? String(contentsOf: file, encoding: .utf8)) == text(t, i), "\(file.path)")
            }
            let big = try String(contentsOf: folder.appendingPathComponent("big\(t).txt"), encoding: .utf8)
            #expect(big == (0..<40).map { "\($0)\n" }.joined())
        }
    }

    @Test func wholeFileWriterRefusesPieces() throws {
        let dir = TestFolder.path("pieces-out-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: (any Error).self) { try OutputWriter.write(Self.pieces, to: dir) }
    }

    /// The catalogue export hands each RDF file over in several pieces, which join to the whole document.
    @Test func catalogueFilesArriveInPieces() async throws {
        let catalog = PublishedView.ensure(await DemoOutput.run.value.catalog)
        let pieces = LockedBox<[String: Int]>([:])
        let collected = FileCollector()
        _ = Exporters.stream(catalog) { file in
            if file.name.hasPrefix("catalog.") { pieces.update { $0[file.name, default: 0] += 1 } }
            collected.add(file)
        }
        let whole = DCATDocument.catalogue(catalog)
        let byName = Dictionary(uniqueKeysWithValues: collected.files().map { ($0.name, $0.bytes) })
        #expect(byName["catalog.ttl"] == whole.turtle)
        #expect(byName["catalog.rdf"] == whole.rdfXML)
        #expect(byName["catalog.jsonld"] == whole.jsonLD)
        // Header, one piece per chunk of datasets, the shared nodes with the footer.
        let chunks = (catalog.datasets.count + DCATDocument.chunkSize - 1) / DCATDocument.chunkSize
        #expect(pieces.get() == ["catalog.ttl": chunks + 2, "catalog.rdf": chunks + 2, "catalog.jsonld": chunks + 2])
    }

    /// The demo catalogue (published view set) with a copy of every dataset under another identifier: 1,658
    /// datasets, enough for several chunks of rows.
    static func demoDoubled() async -> Catalog {
        let demo = PublishedView.ensure(await DemoOutput.run.value.catalog)
        var catalog = demo
        catalog.datasets += demo.datasets.map { d in
            var copy = d
            copy.identifier += "-kopie"
            return copy
        }
        return catalog
    }

    /// The tables and the GeoJSON arrive as a header and one piece per chunk of rows (the GeoJSON also a closing
    /// piece), and join to what one writer over all rows writes. The demo doubled (1,658 datasets, over 3,000
    /// distributions) spans several chunks and batches' worth of rows.
    @Test func tablesArriveInPieces() async throws {
        let catalog = await Self.demoDoubled()
        let counts = LockedBox<[String: Int]>([:])
        let collected = FileCollector()
        _ = Exporters.stream(catalog) { file in
            counts.update { $0[file.name, default: 0] += 1 }
            collected.add(file)
        }
        let byName = Dictionary(uniqueKeysWithValues: collected.files().map { ($0.name, String(decoding: $0.bytes, as: UTF8.self)) })
        let sorted = TabularExport.sortedDatasets(catalog)
        var datasets = CSVWriter(header: TabularExport.datasetColumns.map(\.name))
        sorted.forEach { datasets.append(TabularExport.datasetRow($0)) }
        #expect(byName["datasets.csv"] == datasets.text)
        var excel = CSVWriter(header: SpreadsheetExport.datasetHeader, dialect: .excel)
        sorted.forEach { excel.append(SpreadsheetExport.cells(TabularExport.datasetRow($0), plan: SpreadsheetExport.datasetPlan)) }
        #expect(byName[SpreadsheetExport.datasetsFile] == excel.text)
        let order = TabularExport.distributionOrder(catalog.datasets)
        var distributions = CSVWriter(header: TabularExport.distributionColumns.map(\.name))
        order.forEach { distributions.append(TabularExport.distributionRow(catalog.datasets[$0.dataset], $0.distribution)) }
        #expect(byName["distributions.csv"] == distributions.text)
        #expect(order.count > 3 * TableStream.rowsPerChunk)
        // Rows sorted by dataset identifier, dataset IRI, distribution IRI.
        let keys = order.map { p in [catalog.datasets[p.dataset].identifier, catalog.datasets[p.dataset].facts.iri, catalog.datasets[p.dataset].facts.distributions[p.distribution].iri] }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { !$1.lexicographicallyPrecedes($0) })
        let chunks = { (rows: Int) in (rows + TableStream.rowsPerChunk - 1) / TableStream.rowsPerChunk }
        #expect(counts.get()["datasets.csv"] == 1 + chunks(sorted.count))
        #expect(counts.get()["distributions-excel.csv"] == 1 + chunks(order.count))
        // One feature per dataset with a geometry, in export order, one per line; the file is one JSON document.
        let geo = try #require(byName["datasets.geojson"])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(geo.utf8)) as? [String: Any])
        let features = try #require(parsed["features"] as? [[String: Any]])
        let withGeometry = sorted.filter { $0.facts.geometry != nil }
        #expect(features.count == withGeometry.count && features.count > TableStream.rowsPerChunk)
        #expect(features.compactMap { $0["id"] as? String } == withGeometry.map(\.identifier))
        #expect(geo.split(separator: "\n").count == features.count + 2)
        #expect((counts.get()["datasets.geojson"] ?? 0) >= 2 + chunks(features.count))
    }

    /// quality.csv arrives as its header and one piece per chunk of datasets, and joins to what one writer over
    /// every dataset's rows writes, in the report's order (the demo doubled: two chunks).
    @Test func qualityCSVArrivesInPieces() async throws {
        let catalog = await Self.demoDoubled()
        let report = QualityReport(catalog)
        var pieces: [ExportFile] = []
        report.csvPieces { pieces.append($0) }
        // A piece holds the rows of about `rowsPerChunk` lines' worth of datasets (22 lines each).
        let perPiece = TableStream.rowsPerChunk / QualityScore.indicators.count
        #expect(report.entries.count > perPiece)
        #expect(pieces.count == 1 + (report.entries.count + perPiece - 1) / perPiece)
        #expect(pieces.allSatisfy { $0.name == QualityReport.csvFileName } && pieces.dropFirst().allSatisfy(\.continues) && !pieces[0].continues)
        var whole = CSVWriter(header: QualityReport.csvColumns.map(\.name))
        report.entries.forEach { QualityReport.csvRows($0).forEach { whole.append($0) } }
        #expect(pieces.map { String(decoding: $0.bytes, as: UTF8.self) }.joined() == whole.text)
        #expect(whole.text.split(separator: "\r\n").count == 1 + report.entries.count * QualityScore.indicators.count)
    }

    /// findings.jsonl arrives as an empty start and one piece per chunk of findings: one JSON object per finding,
    /// in the given order, the demo's findings and a list long enough for several chunks.
    @Test func findingsArriveInPiecesOneLinePerFinding() async throws {
        let demo = await DemoOutput.run.value.report.findings
        let findings = (demo + (0..<(2 * TableStream.rowsPerChunk + 5)).map { i in
            Finding(.note, "test.piece", source: "s", record: "r\(i)", field: i % 2 == 0 ? "title" : nil, "Line \(i) \"quoted\"\n",
                    de: "Zeile \(i) „zitiert“")
        }).sorted()
        var pieces: [ExportFile] = []
        FindingSummary.jsonLines(findings) { pieces.append($0) }
        #expect(pieces.count == 1 + (findings.count + TableStream.rowsPerChunk - 1) / TableStream.rowsPerChunk)
        #expect(!pieces[0].continues && pieces[0].count == 0 && pieces.dropFirst().allSatisfy(\.continues))
        let lines = pieces.map(\.text).joined().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == findings.count + 1 && lines.last == "")
        for (line, finding) in zip(lines, findings) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
            #expect(object["code"] == finding.code && object["recordID"] == finding.recordID && object["message"] == finding.message)
            #expect(object["field"] == finding.field && object["severity"] == finding.severity.rawValue && object["messageDE"] == finding.messageDE)
        }
    }
}
