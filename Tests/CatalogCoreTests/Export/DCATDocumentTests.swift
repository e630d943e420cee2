import CatalogTestSupport
import Foundation
import Testing
@testable import CatalogCore

/// The catalogue files are rendered dataset by dataset (DCATDocument), not from one sorted graph: they must
/// state exactly the graph's triples, in every format, whatever the chunking, with each dataset's own nodes
/// together and in catalogue order, and every shared node once.
@Suite struct DCATDocumentTests {
    /// The demo catalogue (829 datasets: more than three chunks of `DCATDocument.chunkSize`).
    static func demo() async -> Catalog { await DemoOutput.run.value.catalog }

    /// A triple as a parser reads it back: literals without language or datatype are `xsd:string`.
    struct Fact: Hashable {
        var subject, predicate, object: String
        var literal: Bool
        var language, datatype: String?
    }

    static func facts(_ triples: [DCATTriple]) -> Set<Fact> {
        Set(triples.map { t in
            switch t.object {
            case .iri(let o): Fact(subject: t.subject, predicate: t.predicate, object: o, literal: false)
            case .literal(let s, let l, let d):
                Fact(subject: t.subject, predicate: t.predicate, object: s, literal: true, language: l, datatype: l == nil ? d ?? xsdString : nil)
            }
        })
    }

    static let xsdString = "http://www.w3.org/2001/XMLSchema#string"

    static func facts(_ graph: RDFGraph) throws -> Set<Fact> {
        Set(try graph.triples.map { t in
            guard case .iri(let s) = t.subject else { throw Unexpected.blankNode }
            switch t.object {
            case .iri(let o): return Fact(subject: s, predicate: t.predicate, object: o, literal: false)
            case .literal(let v, let l, let d):
                return Fact(subject: s, predicate: t.predicate, object: v, literal: true, language: l, datatype: l == nil ? d ?? xsdString : nil)
            case .blank: throw Unexpected.blankNode
            }
        })
    }

    enum Unexpected: Error { case blankNode }

    @Test func everyFormatStatesTheGraphsTriples() async throws {
        let catalog = await Self.demo()
        let graph = DCATGraph(catalog)
        let files = DCATDocument.catalogue(catalog)
        let expected = Self.facts(graph.triples)
        #expect(files.tripleCount == graph.triples.count)
        #expect(files.problems == graph.problems)
        #expect(try Self.facts(TurtleParser.parse(Data(files.turtle), baseIRI: nil)) == expected)
        #expect(try Self.facts(RDFXMLParser.parse(Data(files.rdfXML), baseIRI: nil)) == expected)
        #expect(try Self.facts(JSONLDParser.parse(Data(files.jsonLD), baseIRI: nil)) == expected)
    }

    /// The parallel chunks give the bytes the one-piece rendering of the same layout gives.
    @Test func chunksJoinToTheWholeDocument() async throws {
        let catalog = PublishedView.ensure(await Self.demo())
        #expect(catalog.datasets.count > 3 * DCATDocument.chunkSize)
        let files = DCATDocument.catalogue(catalog)
        let layout = DCATDocument.layout(catalog.datasets, head: DCATGraph.Head(catalog))
        #expect(files.turtle == DCATDocument.bytes(layout, as: TurtleSerializer.self))
        #expect(files.rdfXML == DCATDocument.bytes(layout, as: RDFXMLSerializer.self))
        #expect(files.jsonLD == DCATDocument.bytes(layout, as: JSONLDSerializer.self))
        #expect(layout.problems == files.problems)
        // The shared nodes at the end are written in pieces of whole blocks: the same bytes for any piece size.
        for piece in [1, 7, 1_000_000] {
            var pieces: [DCATDocument.Format: [UInt8]] = [:]
            var writes = 0
            _ = DCATDocument.catalogue(catalog, closingPiece: piece) { format, bytes in
                pieces[format, default: []] += bytes
                writes += 1
            }
            #expect(pieces[.turtle] == files.turtle && pieces[.rdfXML] == files.rdfXML && pieces[.jsonLD] == files.jsonLD, "\(piece)")
            // One block per piece: one write per shared subject and format (the footer goes with the last).
            if piece == 1 { #expect(writes >= 3 * Set(layout.rest.map(\.subject)).count && layout.rest.count > 100) }
            if piece == 1_000_000 { #expect(writes == 3 * (2 + (catalog.datasets.count + DCATDocument.chunkSize - 1) / DCATDocument.chunkSize)) }
        }
    }

    /// Each dataset's own files, written from the catalogue's rendering, are the one-dataset documents.
    @Test func datasetFilesAreTheOneDatasetDocuments() async throws {
        let catalog = PublishedView.ensure(await Self.demo())
        let written = FileCollector()
        let files = DCATDocument.catalogue(catalog, datasetFiles: .init(stem: { "d/" + $0.facts.slug }, emit: written.add))
        #expect(files.turtle == DCATDocument.catalogue(catalog).turtle)
        let byName = Dictionary(written.files().map { ($0.name, $0) }) { a, _ in a }
        #expect(written.files().count == 2 * catalog.datasets.count)
        #expect(byName.count == 2 * catalog.datasets.count)
        let head = DCATGraph.Head(catalog)
        for d in catalog.datasets {
            let layout = DCATDocument.layout([d], head: head)
            #expect(byName["d/\(d.facts.slug).ttl"]?.bytes == DCATDocument.bytes(layout, as: TurtleSerializer.self), "\(d.uri)")
            #expect(byName["d/\(d.facts.slug).jsonld"]?.bytes == DCATDocument.bytes(layout, as: JSONLDSerializer.self), "\(d.uri)")
        }
    }

    /// A dataset document's last blocks from the head's blocks rendered once: as the head's and the dataset's
    /// triples sorted together, also when a subject is in both (one block of both) and before or after all of
    /// the head's.
    @Test func headBlocksMergeWithADatasetsSharedNodes() async throws {
        let head = DCATGraph.Head(PublishedView.ensure(await Self.demo()))
        let blocks = DCATDocument.HeadBlocks(head)
        let inBoth = try #require(blocks.groups.dropFirst().first?.triples.first?.subject)
        var shared = [
            DCATTriple(inBoth, GraphIRI.rdfs_label, .literal("extra", language: "de", datatype: nil)),
            DCATTriple("http://0.example/first", GraphIRI.rdfs_label, .literal("before all", language: "de", datatype: nil)),
            DCATTriple("urn:zz:last", GraphIRI.rdfs_label, .literal("after all", language: "de", datatype: nil)),
        ]
        DCATGraphBuilder.sortUnique(&shared)
        let rest = DCATDocument.sections(head: head, iris: [], shared: shared).rest
        func expected<S: RDFBlockSerialiser>(_: S.Type) -> String {
            var writer = S(), out: [UInt8] = [], first = false
            writer.blocks(rest[...], first: &first, into: &out)
            return String(decoding: out, as: UTF8.self) + S.footer(empty: false)
        }
        func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
        var turtle = TurtleSerializer(), jsonLD = JSONLDSerializer()
        #expect(text(blocks.rest(&turtle, shared: shared, text: \.turtle)) == expected(TurtleSerializer.self))
        #expect(text(blocks.rest(&jsonLD, shared: shared, text: \.jsonLD)) == expected(JSONLDSerializer.self))
        #expect(text(blocks.rest(&turtle, shared: [], text: \.turtle)).contains("\"extra\"") == false)
        #expect(expected(TurtleSerializer.self).contains("\"extra\"@de"))
    }

    /// Turtle subject lines: the catalogue node first, each dataset's own blocks after the previous dataset's in
    /// document order (by IRI), no subject twice (the demo has no two datasets with one IRI).
    @Test func datasetsInCatalogueOrderAndEverySubjectOnce() async throws {
        let catalog = PublishedView.ensure(await Self.demo())
        #expect(!DCATDocument.catalogue(catalog).problems.contains { $0.property == "dcat:dataset" })
        let text = String(decoding: DCATDocument.catalogue(catalog).turtle, as: UTF8.self)
        let subjects = text.split(separator: "\n").filter { !$0.hasPrefix(" ") && !$0.hasPrefix("@") }.map(String.init)
        #expect(Set(subjects).count == subjects.count)
        let position = Dictionary(uniqueKeysWithValues: subjects.enumerated().map { ($1, $0) })
        let head = DCATGraph.Head(catalog)
        #expect(position[TurtleSerializer.iri(head.catalog)] == 0)
        let datasetLines = DCATDocument.inDocumentOrder(catalog.datasets).map { position[TurtleSerializer.iri($0.facts.iri)] }
        #expect(!datasetLines.contains(nil))
        #expect(datasetLines.compactMap { $0 } == datasetLines.compactMap { $0 }.sorted())
        // A shared node (a licence or file type many datasets name) comes after every dataset.
        let lastDataset = try #require(datasetLines.compactMap { $0 }.max())
        let licence = try #require(catalog.datasets.lazy.compactMap { $0.facts.licence.uri }.first)
        #expect(try #require(position[TurtleSerializer.iri(licence)]) > lastDataset)
    }

    /// Two datasets with one IRI: both are written (their blocks state the merged node), the problem names the
    /// same dataset as the reference graph's, and the file states the graph's triples.
    @Test func datasetsSharingAnIRIAreBothWritten() throws {
        var catalog = ExportSample.catalog
        var twin = catalog.datasets[0]
        twin.title = "Zwilling"
        catalog.datasets.append(twin)
        catalog = PublishedView.ensure(catalog)
        let iri = catalog.datasets[0].facts.iri
        #expect(catalog.datasets.last?.facts.iri == iri)
        let files = DCATDocument.catalogue(catalog)
        let graph = DCATGraph(catalog)
        #expect(files.problems == graph.problems)
        #expect(files.problems.filter { $0.property == "dcat:dataset" }.map(\.subject) == [iri])
        #expect(try Self.facts(TurtleParser.parse(Data(files.turtle), baseIRI: nil)) == Self.facts(graph.triples))
        let text = String(decoding: files.turtle, as: UTF8.self)
        #expect(text.components(separatedBy: "\n" + TurtleSerializer.iri(iri) + "\n").count == 3)
    }

    /// Batches of datasets merge their shared triples into the document's: the result is what sorting both lists
    /// together and dropping repeats gives, for lists that overlap, nest or do not meet.
    @Test func sharedTriplesMergeAsASortWould() {
        var rng = SplitMix64(seed: 14)
        func list(_ n: Int) -> [DCATTriple] {
            var l = (0..<n).map { _ in
                DCATTriple("https://example.org/s\(rng.next() % 20)", "https://example.org/p\(rng.next() % 3)",
                           rng.next() % 2 == 0 ? .iri("https://example.org/o\(rng.next() % 5)") : .literal("v\(rng.next() % 5)", language: nil, datatype: nil))
            }
            DCATGraphBuilder.sortUnique(&l)
            return l
        }
        for (m, n) in [(0, 0), (0, 5), (5, 0), (1, 1), (40, 3), (3, 40), (200, 200)] {
            let a = list(m), b = list(n)
            var expected = a + b
            DCATGraphBuilder.sortUnique(&expected)
            #expect(DCATGraphBuilder.mergedUnique(a, b) == expected, "\(m) + \(n)")
        }
        // Many lists joined pairwise, as the catalogue's chunks are: the same as one sort of all of them, for
        // every count of lists (each level of the counter filled, carried or empty), empty lists among them.
        for count in [0, 1, 2, 3, 7, 8, 13] {
            var union = DCATGraphBuilder.SortedUnion()
            var expected: [DCATTriple] = []
            for k in 0..<count {
                let l = list(k % 4 == 2 ? 0 : Int(rng.next() % 60))
                union.add(l)
                expected += l
            }
            DCATGraphBuilder.sortUnique(&expected)
            #expect(union.result == expected, "\(count) lists")
        }
    }

    @Test func ownNodesAreTheOwnersAndTheNodesNamedAfterThem() {
        let owners = ["https://x.org/d/a", "https://x.org/d/a#dist-1", "https://x.org/dist/7"]
        for own in ["https://x.org/d/a", "https://x.org/d/a#contact", "https://x.org/d/a#dist-1", "https://x.org/d/a#dist-1-licence", "https://x.org/dist/7#checksum"] {
            #expect(DCATGraph.Head.isOwned(own, by: owners), "\(own)")
        }
        for other in ["https://x.org/d/ab", "https://x.org/d/a/b", "https://x.org/d", "https://x.org/dist/7-x", "https://x.org/dist/70", "http://dcat-ap.de/def/licenses/dl-by-de/2.0"] {
            #expect(!DCATGraph.Head.isOwned(other, by: owners), "\(other)")
        }
    }
}
