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
            if file.name.hasPrefix("catalog.") {
                var counts = pieces.get()
                counts[file.name, default: 0] += 1
                pieces.set(counts)
            }
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
}
