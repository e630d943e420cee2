// The RDF documents (catalog.ttl/.rdf/.jsonld, a dataset's own files, a catalogue page), rendered dataset by
// dataset. Every document has the same layout:
//
// 1. the catalogue node (its own triples and `dcat:dataset` for each dataset of the document);
// 2. each dataset's own nodes, in catalogue order: the dataset, its distributions, and the nodes named after
//    either (`{owner}#contact`, `{owner}#geometry`, `{distribution}#licence` …, see `DCATGraph.node`);
// 3. everything else once, sorted: the catalogue's other nodes (its publisher, concept schemes) and the nodes
//    datasets share (licences, file types, themes, agents with IRIs of their own, access URLs …).
//
// Within each block, triples are in `DCATTriple` order (rdf:type first). Sections 1 and 3 are small; section 2
// is rendered in parallel, a chunk of datasets at a time, straight to the three formats' text, so the catalogue
// exports never hold a graph of every triple or sort one. The triples are the same as `DCATGraph`'s (a test
// compares them); only their order in the file differs from a global sort by subject.

/// One dataset's triples, split into its own nodes' and the ones other datasets may state too.
package struct DCATDatasetPart: Sendable {
    /// The dataset's IRI.
    package var iri: String
    /// Triples about the dataset, its distributions and the nodes named after them; sorted.
    package var own: [DCATTriple]
    /// Triples about any other node; sorted.
    package var shared: [DCATTriple]
    package var problems: [ExportProblem]
}

extension DCATGraph.Head {
    /// The triples of `d` (with its published facts) as a dataset of this head's catalogue, without the
    /// catalogue's `dcat:dataset` link.
    package func part(_ d: Dataset) -> DCATDatasetPart {
        var b = DCATGraphBuilder(profile: profile, language: language)
        b.source = d.sourceID
        b.record = d.remoteID
        let iri = b.dataset(d, catalog: catalog, catalogPublisher: publisher)
        let triples = b.sortedTriples()
        var owners = [iri]
        for t in triples where t.predicate == GraphIRI.dcat_distribution && t.subject == iri {
            if case .iri(let o) = t.object { owners.append(o) }
        }
        var own: [DCATTriple] = [], shared: [DCATTriple] = []
        own.reserveCapacity(triples.count)
        var subject = "", owned = false
        for t in triples {
            if t.subject != subject {
                subject = t.subject
                owned = Self.isOwned(subject, by: owners)
            }
            if owned { own.append(t) } else { shared.append(t) }
        }
        return DCATDatasetPart(iri: iri, own: own, shared: shared, problems: b.problems)
    }

    /// Whether `subject` is one of `owners` or a node named after one (`DCATGraph.node`: `{owner}#name`, or
    /// `{owner}-name` when the owner has a fragment already).
    static func isOwned(_ subject: String, by owners: [String]) -> Bool {
        let s = subject.utf8
        for o in owners where s.starts(with: o.utf8) {
            let n = o.utf8.count
            if s.count == n { return true }
            let next = s[s.index(s.startIndex, offsetBy: n)]
            if next == (o.utf8.contains(UInt8(ascii: "#")) ? UInt8(ascii: "-") : UInt8(ascii: "#")) { return true }
        }
        return false
    }
}

package enum DCATDocument {
    /// A document's triples in the order it writes them (see the top of this file).
    package struct Layout: Sendable {
        /// The catalogue node, with `dcat:dataset` for every dataset of the document; sorted.
        package var catalogue: [DCATTriple]
        /// The datasets, in document order (`inDocumentOrder`: by IRI).
        package var parts: [DCATDatasetPart]
        /// The catalogue's other nodes and the datasets' shared ones; sorted, each once (as `layout` makes it).
        /// Written in the order given, so a caller may append a node of its own to end the document with (the
        /// server's catalogue pages: their paging node), its triples sorted and its subject in no other block.
        package var rest: [DCATTriple]
        /// What could not be exported as given (sorted, each once), incl. datasets that share an IRI.
        package var problems: [ExportProblem]

        /// Every triple of the document.
        package var triples: [DCATTriple] { catalogue + parts.flatMap(\.own) + rest }
    }

    /// The layout of `datasets` as a document of `head`'s catalogue: one dataset's files, a catalogue page.
    package static func layout(_ datasets: [Dataset], head: DCATGraph.Head) -> Layout {
        var datasets = datasets
        if datasets.contains(where: { $0.published == nil }) {
            var c = head.base
            c.datasets = datasets
            datasets = PublishedView.ensure(c).datasets
        }
        datasets = inDocumentOrder(datasets)
        let parts = datasets.map(head.part)
        var shared = parts.flatMap(\.shared)
        DCATGraphBuilder.sortUnique(&shared)
        let (catalogue, rest) = sections(head: head, iris: parts.map(\.iri), shared: shared)
        let problems = head.problems + duplicateIRIs(parts.map(\.iri), datasets: datasets[...]) + parts.flatMap(\.problems)
        return Layout(catalogue: catalogue, parts: parts, rest: rest, problems: Array(Set(problems)).sorted())
    }

    /// Datasets in the order documents list them: by IRI (the catalogue's own order in a run), then by source
    /// and record for datasets that share one, so a document does not depend on the order it was given.
    static func inDocumentOrder(_ datasets: [Dataset]) -> [Dataset] {
        datasets.sorted { a, b in (a.facts.iri, a.sourceID, a.remoteID, a.uri) < (b.facts.iri, b.sourceID, b.remoteID, b.uri) }
    }

    /// Sections 1 and 3: the catalogue node (the head's triples about it and a `dcat:dataset` per IRI; known
    /// before any dataset is rendered, so a stream can start with it), and the head's other triples with the
    /// datasets' shared ones (`shared` sorted and unique).
    static func sections(head: DCATGraph.Head, iris: [String], shared: [DCATTriple]) -> (catalogue: [DCATTriple], rest: [DCATTriple]) {
        var catalogue: [DCATTriple] = [], rest: [DCATTriple] = []
        for t in head.triples { if t.subject == head.catalog { catalogue.append(t) } else { rest.append(t) } }
        catalogue += iris.map { DCATTriple(head.catalog, GraphIRI.dcat_dataset, .iri($0)) }
        rest += shared
        DCATGraphBuilder.sortUnique(&catalogue)
        DCATGraphBuilder.sortUnique(&rest)
        return (catalogue, rest)
    }

    /// One problem for each dataset whose IRI an earlier one has already (their triples are merged).
    static func duplicateIRIs(_ iris: [String], datasets: ArraySlice<Dataset>) -> [ExportProblem] {
        var seen: Set<String> = []
        var problems: [ExportProblem] = []
        for (k, iri) in iris.enumerated() where !seen.insert(iri).inserted {
            let d = datasets[datasets.startIndex + k]
            problems.append(ExportProblem(source: d.sourceID, record: d.remoteID, subject: iri, property: "dcat:dataset", value: d.uri,
                                          reason: "two datasets share this IRI; their triples are merged"))
        }
        return problems
    }

    /// A whole document in one format, as UTF-8 bytes.
    package static func bytes<S: RDFBlockSerialiser>(_ layout: Layout, as _: S.Type) -> [UInt8] {
        var writer = S()
        var own: [UInt8] = []
        var first = false
        for p in layout.parts { writer.blocks(p.own[...], first: &first, into: &own) }
        return document(&writer, catalogue: layout.catalogue, own: own, rest: layout.rest)
    }

    /// A document from its three sections, the datasets' own nodes already rendered (as later blocks: the
    /// catalogue node always comes first). `opening` + `own` + `closing`, as the streamed catalogue files.
    private static func document<S: RDFBlockSerialiser>(_ writer: inout S, catalogue: [DCATTriple], own: [UInt8], rest: [DCATTriple]) -> [UInt8] {
        opening(&writer, catalogue) + own + closing(&writer, rest)
    }

    /// A document's header and its first block, the catalogue node (never empty: the head types it).
    private static func opening<S: RDFBlockSerialiser>(_ writer: inout S, _ catalogue: [DCATTriple]) -> [UInt8] {
        var out = Array(S.header.utf8)
        var first = true
        writer.blocks(catalogue[...], first: &first, into: &out)
        precondition(!first, "every document starts with the catalogue node")
        return out
    }

    /// A document's last blocks and its footer, in one piece.
    private static func closing<S: RDFBlockSerialiser>(_ writer: inout S, _ rest: [DCATTriple]) -> [UInt8] {
        var out: [UInt8] = []
        closing(&writer, rest, piece: rest.count) { out += $0 }
        return out
    }

    /// Triples of the closing blocks written at a time: at 100 k datasets the shared nodes (landing pages,
    /// places, agents named by IRI …) are over 40 MB of text per format, which as one string each were the
    /// largest buffers of the RDF files.
    static let closingPiece = 8192

    /// A document's last blocks and its footer, handed to `write` in pieces of about `piece` triples, each ending
    /// with a subject's last triple (a block is never split), the footer with the last piece.
    private static func closing<S: RDFBlockSerialiser>(_ writer: inout S, _ rest: [DCATTriple], piece: Int, write: ([UInt8]) -> Void) {
        var start = 0
        var first = false
        repeat {
            var end = start + min(rest.count - start, max(1, piece))
            while end < rest.count, rest[end].subject == rest[end - 1].subject { end += 1 }
            var out: [UInt8] = []
            writer.blocks(rest[start..<end], first: &first, into: &out)
            if end == rest.count { out.append(utf8: S.footer(empty: false)) }
            write(out)
            start = end
        } while start < rest.count
    }

    /// The three formats, in the order `catalogue(…write:)` names them.
    package enum Format: Int, Sendable, CaseIterable {
        case turtle, rdfXML, jsonLD
    }

    /// What the catalogue files hold: triples written (in each file) and what could not be exported as given.
    package struct Summary: Sendable {
        package var tripleCount: Int
        package var problems: [ExportProblem]
    }

    /// The three catalogue files of a whole catalogue, as bytes (tests and the bench; a run streams them).
    package struct Files: Sendable {
        package var turtle: [UInt8] = []
        package var rdfXML: [UInt8] = []
        package var jsonLD: [UInt8] = []
        package var tripleCount = 0
        package var problems: [ExportProblem] = []
    }

    /// Datasets per parallel chunk.
    static let chunkSize = 256
    /// Chunks rendered in parallel before their text is written, in order, and let go: the files are never
    /// whole in memory. Four (1 024 datasets, about 25 MB of text in the three formats) keep both cores busy;
    /// sixteen held about 100 MB at once.
    static let chunksPerBatch = 4

    /// catalog.ttl, .rdf and .jsonld of `catalog`, handed to `write` piece by piece in file order: first each
    /// format's header and catalogue node, then batches of datasets (chunks of `chunkSize` rendered in parallel
    /// straight to the three formats' text, keeping only their shared triples, sorted and unique), then the
    /// shared nodes once and the footers. No triple list of the whole catalogue and no whole file is built.
    /// With `datasetFiles`, each dataset's own Turtle and JSON-LD document is written from the same text (the
    /// bytes `bytes(layout([d], head:), as:)` gives), instead of building its triples a second time.
    package static func catalogue(
        _ catalog: Catalog, profile: DCATGraph.Profile? = nil, datasetFiles: DatasetFiles? = nil, closingPiece: Int = closingPiece,
        write: (Format, [UInt8]) -> Void
    ) -> Summary {
        let catalog = PublishedView.ensure(catalog)
        let head = DCATGraph.Head(catalog, profile: profile)
        let datasets = inDocumentOrder(catalog.datasets)
        let iris = datasets.map(\.facts.iri)
        let catalogueNode = sections(head: head, iris: iris, shared: []).catalogue
        var turtle = TurtleSerializer(), rdfXML = RDFXMLSerializer(), jsonLD = JSONLDSerializer()
        write(.turtle, opening(&turtle, catalogueNode))
        write(.rdfXML, opening(&rdfXML, catalogueNode))
        write(.jsonLD, opening(&jsonLD, catalogueNode))
        var shared = DCATGraphBuilder.SortedUnion()
        var problems = head.problems + duplicateIRIs(iris, datasets: datasets[...])
        var own = 0
        let perDataset = datasetFiles.map { (files: $0, head: HeadBlocks(head)) }
        ParallelMap.inBatches(Array(stride(from: 0, to: datasets.count, by: chunkSize)), batch: chunksPerBatch, minimum: 2, chunk: 1, { start in
            Chunk(datasets[start..<min(datasets.count, start + chunkSize)], head: head, perDataset: perDataset)
        }, each: { c in
            for format in Format.allCases { write(format, c.text[format.rawValue]) }
            // Each chunk's shared triples come sorted and unique.
            shared.add(c.shared)
            problems += c.problems
            own += c.own
        })
        let rest = sections(head: head, iris: [], shared: shared.result).rest
        closing(&turtle, rest, piece: closingPiece) { write(.turtle, $0) }
        closing(&rdfXML, rest, piece: closingPiece) { write(.rdfXML, $0) }
        closing(&jsonLD, rest, piece: closingPiece) { write(.jsonLD, $0) }
        return Summary(tripleCount: catalogueNode.count + own + rest.count, problems: Array(Set(problems)).sorted())
    }

    /// The three files in memory.
    package static func catalogue(_ catalog: Catalog, profile: DCATGraph.Profile? = nil, datasetFiles: DatasetFiles? = nil) -> Files {
        var files = Files()
        let summary = catalogue(catalog, profile: profile, datasetFiles: datasetFiles) { format, bytes in
            switch format {
            case .turtle: files.turtle += bytes
            case .rdfXML: files.rdfXML += bytes
            case .jsonLD: files.jsonLD += bytes
            }
        }
        files.tripleCount = summary.tripleCount
        files.problems = summary.problems
        return files
    }

    /// One chunk of datasets: their own nodes as text in the three formats (never the document's first block:
    /// the catalogue node always comes before), their shared triples (sorted, unique) and problems.
    private struct Chunk: Sendable {
        var text: [[UInt8]]
        var shared: [DCATTriple] = []
        var problems: [ExportProblem] = []
        var own = 0

        init(_ datasets: ArraySlice<Dataset>, head: DCATGraph.Head, perDataset: (files: DatasetFiles, head: HeadBlocks)?) {
            var turtle = TurtleSerializer(), rdfXML = RDFXMLSerializer(), jsonLD = JSONLDSerializer()
            var texts: [[UInt8]] = [[], [], []]
            for d in datasets {
                let part = head.part(d)
                var first = false, ownTurtle: [UInt8] = [], ownJSONLD: [UInt8] = []
                turtle.blocks(part.own[...], first: &first, into: &ownTurtle)
                rdfXML.blocks(part.own[...], first: &first, into: &texts[1])
                jsonLD.blocks(part.own[...], first: &first, into: &ownJSONLD)
                texts[0] += ownTurtle
                texts[2] += ownJSONLD
                if let (files, blocks) = perDataset {
                    var catalogue = blocks.catalogue + [DCATTriple(head.catalog, GraphIRI.dcat_dataset, .iri(part.iri))]
                    DCATGraphBuilder.sortUnique(&catalogue)
                    let stem = files.stem(d)
                    let jsonLDRest = blocks.rest(&jsonLD, shared: part.shared, text: \.jsonLD)
                    files.emit(ExportFile(name: stem + ".jsonld", bytes: opening(&jsonLD, catalogue) + ownJSONLD + jsonLDRest))
                    let turtleRest = blocks.rest(&turtle, shared: part.shared, text: \.turtle)
                    files.emit(ExportFile(name: stem + ".ttl", bytes: opening(&turtle, catalogue) + ownTurtle + turtleRest))
                }
                shared += part.shared
                problems += part.problems
                own += part.own.count
            }
            DCATGraphBuilder.sortUnique(&shared)
            text = texts
        }
    }

    /// The head's triples as every dataset's own documents state them: the catalogue node's (sorted), and the
    /// other nodes' (the catalogue's publisher, the concept schemes …) grouped by subject with each group's
    /// Turtle and JSON-LD block rendered once, instead of once per dataset.
    struct HeadBlocks: Sendable {
        struct Group: Sendable {
            var triples: ArraySlice<DCATTriple>
            var turtle: [UInt8] = []
            var jsonLD: [UInt8] = []
        }

        var catalogue: [DCATTriple]
        var groups: [Group] = []

        init(_ head: DCATGraph.Head) {
            let (catalogue, rest) = sections(head: head, iris: [], shared: [])
            self.catalogue = catalogue
            var turtle = TurtleSerializer(), jsonLD = JSONLDSerializer()
            var i = rest.startIndex
            while i < rest.endIndex {
                var j = i + 1
                while j < rest.endIndex, rest[j].subject == rest[i].subject { j += 1 }
                var g = Group(triples: rest[i..<j])
                turtle.block(g.triples, first: false, into: &g.turtle)
                jsonLD.block(g.triples, first: false, into: &g.jsonLD)
                groups.append(g)
                i = j
            }
        }

        /// A dataset document's last blocks and footer: the head's nodes and the dataset's `shared` ones (sorted,
        /// unique), merged by subject, as `sections` and `closing` would write them; a subject in both gets one
        /// block of both triple lists.
        func rest<S: RDFBlockSerialiser>(_ writer: inout S, shared: [DCATTriple], text: KeyPath<Group, [UInt8]>) -> [UInt8] {
            var out: [UInt8] = []
            var g = 0, i = shared.startIndex
            while g < groups.count || i < shared.endIndex {
                var j = i
                while j < shared.endIndex, shared[j].subject == shared[i].subject { j += 1 }
                if i == shared.endIndex || (g < groups.count && groups[g].triples.first!.subject < shared[i].subject) {
                    out += groups[g][keyPath: text]
                    g += 1
                    continue
                }
                if g < groups.count, groups[g].triples.first!.subject == shared[i].subject {
                    var both = Array(groups[g].triples) + shared[i..<j]
                    DCATGraphBuilder.sortUnique(&both)
                    writer.block(both[...], first: false, into: &out)
                    g += 1
                } else {
                    writer.block(shared[i..<j], first: false, into: &out)
                }
                i = j
            }
            out.append(utf8: S.footer(empty: false))
            return out
        }
    }
}
