import CatalogTestSupport
import Foundation
import Testing
@testable import CatalogCore

/// server-index.bin must give the server exactly what it would derive from catalog.model.json itself: the same
/// CKAN index (every entry, facet total and posting), IRI paths and catalogue facts, and the datasets where the
/// model has them. A damaged file is an error naming the file, never a crash.
@Suite struct ServerIndexFileTests {
    static func demo() async -> (catalog: Catalog, model: [UInt8], file: [UInt8]) {
        let catalog = await DemoOutput.run.value.catalog
        let model = catalog.modelJSON()
        return (catalog, model, ServerIndexFile.bytes(catalog, model: model)!)
    }

    /// Every value of an entry, for comparison.
    static func values(_ e: CKANSearchIndex.Entry) -> [String] {
        [e.id, e.name, String(decoding: e.package, as: UTF8.self), e.searchText, e.organization ?? "-", e.organizationID ?? "-",
         e.groups.joined(separator: "|"), e.tags.joined(separator: "|"), e.formats.joined(separator: "|"), e.licenceID, e.title,
         e.titleKey, e.modified, e.created, "\(e.numResources)", "\(e.numTags)", e.resourceIDs.joined(separator: "|"),
         e.hvdCategories.joined(separator: "|")]
    }

    /// The run writes catalog.model.json in pieces: for any chunk size they join to `modelJSON()`'s bytes, and
    /// the ranges it reports are the ones `ModelJSONSplit` finds in the whole file (what the server index stores).
    @Test func modelInPiecesIsTheWholeModel() async throws {
        let (catalog, model, _) = await Self.demo()
        let ranges = try #require(ServerIndexFile.modelRanges(model, count: catalog.datasets.count))
        for chunk in [1, 2, 7, 1024] {
            var joined: [UInt8] = [], pieces = 0
            let (size, streamed, fingerprints) = catalog.modelJSON(chunk: chunk) { joined += $0; pieces += 1 }
            #expect(joined == model, "chunk \(chunk)")
            #expect(size == model.count && streamed == ranges, "chunk \(chunk)")
            // The change feeds' fingerprints: each dataset's model JSON as it serialises on its own.
            #expect(fingerprints == catalog.datasets.map { d in
                var w = JSONByteWriter()
                d.writeJSON(&w)
                return DedupNormalize.stableHash(bytes: w.bytes)
            }, "chunk \(chunk)")
            #expect(pieces == 2 + (catalog.datasets.count + chunk - 1) / chunk)
        }
        var empty = catalog
        empty.datasets = []
        var bytes: [UInt8] = []
        let (size, none, noPrints) = empty.modelJSON(chunk: 8) { bytes += $0 }
        #expect(bytes == empty.modelJSON() && size == bytes.count && none.isEmpty && noPrints.isEmpty)
    }

    @Test func readBackIsTheIndexTheServerWouldBuild() async throws {
        let (catalog, model, bytes) = await Self.demo()
        let file = try ServerIndexFile(Data(bytes))
        let built = CKANSearchIndex(catalog: catalog)
        var head = catalog
        head.datasets = []
        #expect(file.head == head)
        #expect(file.modelSize == model.count)
        #expect(file.iriPaths == ServerIndexFile.iriPaths(catalog))
        #expect(file.iriPaths.count > catalog.datasets.count)
        #expect(try Catalog.datasets(modelJSON: Data(model), ranges: file.modelRanges) == catalog.datasets)
        let read = file.index
        #expect(read.entries.count == catalog.datasets.count)
        #expect(read.entries.map(Self.values) == built.entries.map(Self.values))
        #expect(read.organizations.map { "\($0.ref)\($0.count)" } == built.organizations.map { "\($0.ref)\($0.count)" })
        #expect(read.organizations.count > 10)
        #expect(read.groups.map { "\($0.theme)\($0.count)" } == built.groups.map { "\($0.theme)\($0.count)" })
        #expect(read.licences.map { "\($0.ref)\($0.count)" } == built.licences.map { "\($0.ref)\($0.count)" })
        #expect(read.tagNames == built.tagNames)
        #expect(read.relevance.terms == built.relevance.terms)
        #expect(read.relevance.postings == built.relevance.postings)
        #expect(read.byID == built.byID && read.byName == built.byName)
        #expect(read.resourceIndex.mapValues { "\($0)" } == built.resourceIndex.mapValues { "\($0)" })
        #expect(read.organizationTitles == built.organizationTitles && read.licenceTitles == built.licenceTitles)
    }

    /// The same answers to searches with words, filters, facets and sorting.
    @Test func searchesAnswerAlike() async throws {
        let (catalog, _, bytes) = await Self.demo()
        let read = try ServerIndexFile(Data(bytes)).index
        let built = CKANSearchIndex(catalog: catalog)
        var requests: [CKANSearchIndex.SearchRequest] = []
        for (q, fq, sort) in [("", "", "name asc"), ("wahl", "", "score desc, metadata_modified desc"), ("baum", "res_format:CSV", "title_string desc"),
                              ("", "license_id:* -groups:gove", "num_resources desc"), ("kita berlin", "", "score desc")] {
            var r = CKANSearchIndex.SearchRequest()
            r.q = q
            r.fq = fq.isEmpty ? [] : [fq]
            r.sort = sort
            r.facetFields = ["organization", "groups", "res_format", "license_id", "tags"]
            requests.append(r)
        }
        for r in requests {
            let a = try read.search(r), b = try built.search(r)
            #expect(a.matches == b.matches, "\(r)")
            #expect(a.facets.map { "\($0)" } == b.facets.map { "\($0)" })
        }
        #expect(try built.search(requests[1]).count > 0)
    }

    /// The run hands the file over in pieces (entries a batch of chunks at a time); joined, they are the file.
    @Test func writtenTheSameEveryTimeAndByTheRun() async throws {
        let (catalog, model, bytes) = await Self.demo()
        #expect(ServerIndexFile.bytes(catalog, model: model) == bytes)
        let run = try #require(await DemoOutput.files.first { $0.name == ServerIndexFile.fileName })
        #expect(run.bytes == bytes)
        var pieces = 0
        let ranges = try #require(ServerIndexFile.modelRanges(model, count: catalog.datasets.count))
        ServerIndexFile.stream(catalog, modelSize: model.count, modelRanges: ranges) { _ in pieces += 1 }
        #expect(catalog.datasets.count > ServerIndexFile.chunkSize)
        #expect(pieces == 2 + (catalog.datasets.count + ServerIndexFile.chunkSize - 1) / ServerIndexFile.chunkSize)
    }

    /// The full-text postings, the largest part of the tail, go out in pieces of about the piece size; joined, they
    /// are the bytes written into one buffer, and they read back as the same index.
    @Test func postingsAreHandedOverInPieces() async throws {
        let (catalog, _, _) = await Self.demo()
        let index = SearchIndex(datasets: catalog.datasets)
        var whole = ByteRecordWriter()
        index.write(into: &whole) { _ in Issue.record("a piece of the whole") }
        var pieces: [[UInt8]] = []
        var rest = ByteRecordWriter()
        index.write(into: &rest, piece: 4_096) { pieces.append($0) }
        #expect(pieces.count > 2)
        #expect(pieces.allSatisfy { $0.count >= 4_096 })
        #expect(pieces.joined() + rest.bytes == whole.bytes)
        let joined = pieces.joined() + rest.bytes
        let read = try joined.withUnsafeBytes { raw in
            var r = ByteRecordReader(raw, file: "test")
            return try SearchIndex.read(&r)
        }
        #expect(read.terms == index.terms)
        #expect(read.postings == index.postings)
    }

    /// Cut anywhere, or with a wrong byte in its structure, the file is refused with its name; another version or
    /// no magic is recognised before reading (the server then reads the model instead).
    @Test func damagedFilesAreErrors() async throws {
        let (_, _, bytes) = await Self.demo()
        #expect(ServerIndexFile.isCurrentVersion(Data(bytes)))
        for cut in [0, 10, 30, 40, 100, 5_000, bytes.count / 3, bytes.count / 2, bytes.count - 9, bytes.count - 1] {
            #expect(throws: ByteRecordError.self, "cut at \(cut)") { try ServerIndexFile(Data(bytes.prefix(cut))) }
        }
        var other = bytes
        other[ServerIndexFile.magic.count] &+= 1
        #expect(!ServerIndexFile.isCurrentVersion(Data(other)))
        #expect(throws: ByteRecordError.self) { try ServerIndexFile(Data(other)) }
        #expect(!ServerIndexFile.isCurrentVersion(Data("{\"datasets\":[]}".utf8)))
        let longer = bytes.dropLast(8) + [0] + bytes.suffix(8)
        let error = #expect(throws: ByteRecordError.self) { try ServerIndexFile(Data(longer)) }
        #expect(error?.description.hasPrefix("server-index.bin: unexpected bytes after the index") == true)
    }

    @Test func aModelOfAnotherShapeHasNoIndex() async {
        let (catalog, _, _) = await Self.demo()
        #expect(ServerIndexFile.bytes(catalog, model: Array("[]".utf8)) == nil)
    }
}
