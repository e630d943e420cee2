package import Foundation

/// server-index.bin: what `opendata serve` derives from a snapshot before it can answer, derived once by the run
/// that wrote the snapshot and stored beside catalog.model.json, so a swap maps one file instead of reading and
/// indexing the whole model (at 90,000 datasets that was about 14 s on both cores).
///
/// It holds the catalogue's own facts (its model JSON without datasets), where each dataset lies in
/// catalog.model.json (the server reads a dataset from there when a request needs it), the paths of the IRIs the
/// catalogue publishes, and the CKAN API's index: every package dict as bytes (served straight from the mapped
/// file), the values search, facets and sorting read, the facet totals and the full-text postings.
/// Layout (`ByteRecordWriter`): magic, version, size of the model file it belongs to, then the sections in the
/// order `stream` writes them, the offset of the tail last. A file of another version, or written for a model of another size, is not
/// used: the server then loads the model as before.
package struct ServerIndexFile: Sendable {
    package static let fileName = "server-index.bin"
    static let magic = Array("opendata server-index\n".utf8)
    /// Bumped whenever the layout changes; a server refuses other versions (and falls back to the model).
    static let version = 1

    /// The catalogue without its datasets.
    package var head: Catalog
    /// The byte count of the catalog.model.json it was written for.
    package var modelSize: Int
    /// Each dataset's bytes in catalog.model.json, in catalogue order.
    package var modelRanges: [Range<Int>]
    /// Path of every dataset and distribution IRI under the catalogue's own IRI, to the dataset's position.
    package var iriPaths: [String: Int]
    package var index: CKANSearchIndex

    /// Where each dataset lies in `model`; nil when it does not have the shape `modelJSON()` writes for `count`
    /// datasets.
    package static func modelRanges(_ model: [UInt8], count: Int) -> [Range<Int>]? {
        guard let split = model.withUnsafeBufferPointer({ ModelJSONSplit($0) }), split.datasets.count == count else { return nil }
        return split.datasets
    }

    /// Datasets per chunk of entries rendered, and chunks rendered in parallel at a time: 1,024 datasets a batch,
    /// like the site's and the RDF files' batches (a batch's entries and bytes take about 25 KB a dataset until
    /// they are written; 4,096 a batch were the largest part of a 10 k run's peak heap).
    static let chunkSize = 128
    static let chunksPerBatch = 8

    /// Hands the file to `write` in pieces, in order: the catalogue's facts, the model ranges and IRI paths;
    /// then the CKAN entries (package dicts and search values), rendered a batch of chunks at a time and written
    /// as they are done (no list of every package is kept); then the tail (where each entry starts, facet totals,
    /// full-text postings) and, last, the tail's offset, which a reader finds in the final 8 bytes.
    /// With `packageFiles`, each dataset's package dict is also handed over as its own file (`stem(d)` + `.json`,
    /// the dict and a newline: what the site's `datensatz/<slug>.json` holds), from the bytes rendered here.
    /// Returns the full-text index it wrote (over the datasets in catalogue order), for the site to reuse.
    @discardableResult
    package static func stream(_ catalog: Catalog, modelSize: Int, modelRanges: [Range<Int>], packageFiles: DatasetFiles? = nil,
                               write: ([UInt8]) -> Void) -> SearchIndex {
        let catalog = PublishedView.ensure(catalog)
        var head = catalog
        head.datasets = []
        var w = ByteRecordWriter()
        w.append(contentsOf: magic)
        w.u32(version)
        w.u64(modelSize)
        w.blob(head.modelJSON())
        w.u32(modelRanges.count)
        for r in modelRanges {
            w.u64(r.lowerBound)
            w.u32(r.count)
        }
        let paths = iriPaths(catalog).sorted { $0.key.utf8Precedes($1.key) }
        w.u32(paths.count)
        for (path, position) in paths {
            w.string(path)
            w.u32(position)
        }
        var written = w.bytes.count
        write(w.bytes)
        let datasets = catalog.datasets
        var totals = CKANSearchIndex.Totals()
        let organization = totals.organization
        var starts: [Int] = []
        starts.reserveCapacity(datasets.count)
        var bodySize = 0
        ParallelMap.inBatches(Array(stride(from: 0, to: datasets.count, by: chunkSize)), batch: chunksPerBatch, minimum: 2, chunk: 1, {
            start -> (start: Int, entries: [CKANSearchIndex.Entry], bytes: [UInt8], starts: [Int]) in
            let chunk = Array(datasets[start..<min(datasets.count, start + chunkSize)])
            let entries = CKANSearchIndex.entries(chunk, catalog: catalog, organization: organization)
            if let packageFiles {
                for (d, e) in zip(chunk, entries) { packageFiles.emit(ExportFile(name: packageFiles.stem(d) + ".json", bytes: Array(e.package) + [0x0A])) }
            }
            var body = ByteRecordWriter()
            var starts: [Int] = []
            for e in entries {
                starts.append(body.bytes.count)
                e.write(into: &body)
            }
            return (start, entries, body.bytes, starts)
        }, each: { chunk in
            for (j, e) in chunk.entries.enumerated() { totals.add(datasets[chunk.start + j], e) }
            starts += chunk.starts.map { $0 + bodySize }
            bodySize += chunk.bytes.count
            write(chunk.bytes)
        })
        written += bodySize
        var tail = ByteRecordWriter()
        let (organizations, groups, licences, tagNames) = totals.lists
        let relevance = SearchIndex(datasets: datasets)
        // The tail goes out in pieces as it is written; its offset (`written`, where it starts) comes last.
        CKANSearchIndex.writeTail(into: &tail, starts: starts, organizations: organizations, groups: groups, licences: licences,
                                  tagNames: tagNames, relevance: relevance, handOver: write)
        tail.u64(written)
        write(tail.bytes)
        return relevance
    }

    fileprivate static func read(_ raw: UnsafeRawBufferPointer, data: Data) throws(ByteRecordError) -> ServerIndexFile {
        var r = ByteRecordReader(raw, file: fileName)
        let v = try readVersion(&r)
        guard v == version else { throw r.failure("version \(v), this server reads version \(version)") }
        let modelSize = try r.u64()
        let headRange = try r.blobRange()
        let head: Catalog
        do {
            head = try Catalog(onePassModelJSON: data[headRange])
        } catch {
            throw r.failure("catalogue facts unreadable (\(error.description))")
        }
        let n = try r.count(minimumBytesEach: 12)
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(n)
        for _ in 0..<n {
            let start = try r.u64(), count = try r.u32()
            guard start + count <= modelSize else { throw r.failure("dataset \(ranges.count) beyond the model's \(modelSize) bytes") }
            ranges.append(start..<start + count)
        }
        let pathCount = try r.count(minimumBytesEach: 8)
        var paths: [String: Int] = [:]
        paths.reserveCapacity(pathCount)
        for _ in 0..<pathCount {
            let path = try r.string(), position = try r.u32()
            guard position < n else { throw r.failure("IRI path to dataset \(position) of \(n)") }
            paths[path] = position
        }
        // The entries up to the tail, whose offset the last 8 bytes give.
        let bodyStart = r.offset
        guard raw.count - bodyStart >= 8 else { throw r.failure("truncated (no tail)") }
        var end = ByteRecordReader(raw, file: fileName, offset: raw.count - 8)
        let tailStart = try end.u64()
        guard tailStart >= bodyStart, tailStart <= raw.count - 8 else { throw r.failure("tail offset \(tailStart) out of place") }
        var tail = ByteRecordReader(UnsafeRawBufferPointer(rebasing: raw[..<(raw.count - 8)]), file: fileName, offset: tailStart)
        let index = try CKANSearchIndex.read(&tail, body: bodyStart..<tailStart, data: data, head: head, count: n)
        guard tail.isAtEnd else { throw tail.failure("unexpected bytes after the index") }
        return ServerIndexFile(head: head, modelSize: modelSize, modelRanges: ranges, iriPaths: paths, index: index)
    }

    /// Path of every dataset and distribution IRI under the catalogue's own IRI (source IRIs elsewhere are not
    /// ours to answer) to the dataset's position; the first dataset wins a path two IRIs share. The IRIs are
    /// parsed in parallel (a few seconds on one core at 90 000 datasets), the table is filled in catalogue order.
    package static func iriPaths(_ catalog: Catalog) -> [String: Int] {
        guard let base = URLComponents(string: catalog.uri), let host = base.host else { return [:] }
        func path(_ iri: String) -> String? {
            guard let c = URLComponents(string: iri), c.host == host, c.query == nil, c.fragment == nil, c.path.count > 1 else { return nil }
            return c.path
        }
        let catalogIRI = ExportIRI.normalise(catalog.uri) ?? PublishedView.fallbackCatalogIRI
        let perDataset = ParallelMap.map(catalog.datasets, minimum: Catalog.parallelLoadMinimum, chunk: 64) { d -> [String] in
            if let f = d.published { return ([f.iri] + f.distributions.map(\.iri)).compactMap(path) }
            // A model written without its published facts: the same derivations the view uses.
            let iri = PublishedView.datasetIRI(d, catalogIRI: catalogIRI)
            return ([iri] + d.distributions.enumerated().map { PublishedView.distributionIRI($1, datasetIRI: iri, index: $0) }).compactMap(path)
        }
        var paths: [String: Int] = [:]
        for (i, list) in perDataset.enumerated() {
            for p in list where paths[p] == nil { paths[p] = i }
        }
        return paths
    }
}

extension ServerIndexFile {
    /// Whether `data` starts like a server index of the version this program writes and reads.
    package static func isCurrentVersion(_ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            var r = ByteRecordReader(raw, file: fileName)
            return (try? readVersion(&r)) == version
        }
    }

    /// The magic and the version number after it; the reader is left behind them.
    fileprivate static func readVersion(_ r: inout ByteRecordReader) throws(ByteRecordError) -> Int {
        guard r.b.count >= magic.count, r.b.prefix(magic.count).elementsEqual(magic) else { throw r.failure("not a server index") }
        _ = try r.skip(magic.count)
        return try r.u32()
    }

    /// Reads the file from `data` (mapped): package dicts stay slices of it.
    package init(_ data: Data) throws(ByteRecordError) {
        self = try data.withUnsafeBytes { raw in Result { () throws(ByteRecordError) in try Self.read(raw, data: data) } }.get()
    }
}
