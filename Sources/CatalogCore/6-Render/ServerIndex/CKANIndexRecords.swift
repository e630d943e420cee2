import Foundation

// The CKAN API's index inside server-index.bin (ServerIndexFile): entries with a table of where each starts, so
// they are read in parallel; facet totals; the full-text postings. The look-up tables (by id, by name, by
// resource) are derived when read, as when the index is built.

extension CKANSearchIndex {
    /// What follows the entries: where each starts (from the first entry's first byte), the facet totals and
    /// the full-text postings.
    static func writeTail(
        into w: inout ByteRecordWriter, starts: [Int], organizations: [(ref: CKANPackageRenderer.OrganizationRef, count: Int)],
        groups: [(theme: String, count: Int)], licences: [Licence], tagNames: [String], relevance: SearchIndex,
        handOver hand: ([UInt8]) -> Void
    ) {
        w.u32(starts.count)
        for s in starts { w.u64(s) }
        w.u32(organizations.count)
        for o in organizations {
            w.string(o.ref.id)
            w.string(o.ref.name)
            w.string(o.ref.title)
            var agent = JSONByteWriter()
            o.ref.agent.writeJSON(&agent)
            w.blob(agent.bytes)
            w.u32(o.count)
        }
        w.u32(groups.count)
        for g in groups {
            w.string(g.theme)
            w.u32(g.count)
        }
        w.u32(licences.count)
        for l in licences {
            w.string(l.ref.id)
            w.string(l.ref.title)
            w.optional(l.ref.url)
            w.bool(l.ref.isOpen)
            w.string(l.ref.status.rawValue)
            w.u32(l.count)
        }
        w.strings(tagNames)
        w.handOver(every: Self.tailPiece, to: hand)
        relevance.write(into: &w, handOver: hand)
    }

    /// Bytes of the tail handed over at a time.
    static let tailPiece = 1 << 20

    /// Reads the entries at `body` of `data` and the tail (`writeTail`) from `r`; `count` is the number of
    /// datasets the file's other sections name.
    static func read(_ r: inout ByteRecordReader, body: Range<Int>, data: Data, head: Catalog, count: Int) throws(ByteRecordError) -> CKANSearchIndex {
        let n = try r.count(minimumBytesEach: 8)
        guard n == count else { throw r.failure("\(n) packages for \(count) datasets") }
        var starts: [Int] = []
        starts.reserveCapacity(n)
        for _ in 0..<n { starts.append(try r.u64()) }
        let file = r.file
        let read = data.withUnsafeBytes { raw in
            ParallelMap.map(Array(starts.indices), minimum: Catalog.parallelLoadMinimum, chunk: 256) { i -> Result<Entry, ByteRecordError> in
                let end = i + 1 < starts.count ? starts[i + 1] : body.count
                guard starts[i] <= end, end <= body.count else { return .failure(ByteRecordError(description: "\(file): package \(i) out of place")) }
                var er = ByteRecordReader(UnsafeRawBufferPointer(rebasing: raw[body.lowerBound..<body.lowerBound + end]), file: file, offset: starts[i])
                return Result { () throws(ByteRecordError) in try Entry.read(&er, data: data, base: body.lowerBound) }
            }
        }
        var entries: [Entry] = []
        entries.reserveCapacity(n)
        for e in read { entries.append(try e.get()) }
        var organizations: [(ref: CKANPackageRenderer.OrganizationRef, count: Int)] = []
        for _ in 0..<(try r.count(minimumBytesEach: 16)) {
            let id = try r.string(), name = try r.string(), title = try r.string()
            let agentRange = try r.blobRange()
            let read = data[agentRange].withUnsafeBytes { raw in
                ModelJSONError.readWhole(raw.bindMemory(to: UInt8.self), file: file, value: "a publisher") { p throws(JSONParser.Failure) in try Agent.read(&p) }
            }
            guard case .success(let agent) = read else { throw r.failure("publisher \(name.debugDescription) unreadable") }
            organizations.append((CKANPackageRenderer.OrganizationRef(id: id, name: name, title: title, agent: agent), try r.u32()))
        }
        var groups: [(theme: String, count: Int)] = []
        for _ in 0..<(try r.count(minimumBytesEach: 8)) { groups.append((try r.string(), try r.u32())) }
        var licences: [Licence] = []
        for _ in 0..<(try r.count(minimumBytesEach: 14)) {
            let id = try r.string(), title = try r.string(), url = try r.optional(), isOpen = try r.bool(), rawStatus = try r.string()
            guard let status = LicenceStatus(rawValue: rawStatus) else { throw r.failure("licence status \(rawStatus.debugDescription)") }
            licences.append(Licence(ref: .init(id: id, title: title, url: url, isOpen: isOpen, status: status), count: try r.u32()))
        }
        let tagNames = try r.strings()
        let relevance = try SearchIndex.read(&r)
        guard relevance.documentCount == n else { throw r.failure("full-text index of \(relevance.documentCount) documents for \(n) datasets") }
        return CKANSearchIndex(
            head: head, entries: entries, relevance: relevance, organizations: organizations, groups: groups, licences: licences, tagNames: tagNames)
    }
}

extension CKANSearchIndex.Entry {
    func write(into w: inout ByteRecordWriter) {
        w.string(id)
        w.string(name)
        w.blob(package)
        w.string(searchText)
        w.optional(organization)
        w.optional(organizationID)
        w.strings(groups)
        w.strings(tags)
        w.strings(formats)
        w.string(licenceID)
        w.string(title)
        w.string(titleKey)
        w.string(modified)
        w.string(created)
        w.u32(numResources)
        w.u32(numTags)
        w.strings(resourceIDs)
        w.strings(hvdCategories)
    }

    /// One entry; its package dict stays a slice of `data` (`base`: where the reader's bytes start in it).
    static func read(_ r: inout ByteRecordReader, data: Data, base: Int) throws(ByteRecordError) -> Self {
        let id = try r.string(), name = try r.string()
        let package = try r.blobRange()
        return Self(
            id: id, name: name, package: data[(base + package.lowerBound)..<(base + package.upperBound)], searchText: try r.string(),
            organization: try r.optional(), organizationID: try r.optional(), groups: try r.strings(), tags: try r.strings(),
            formats: try r.strings(), licenceID: try r.string(), title: try r.string(), titleKey: try r.string(),
            modified: try r.string(), created: try r.string(), numResources: try r.u32(), numTags: try r.u32(),
            resourceIDs: try r.strings(), hvdCategories: try r.strings())
    }
}

extension SearchIndex {
    /// Writes the index to `w`, handing `w`'s bytes to `hand` whenever `piece` bytes are full (`handOver`).
    func write(into w: inout ByteRecordWriter, piece: Int = CKANSearchIndex.tailPiece, handOver hand: ([UInt8]) -> Void) {
        w.u32(documentCount)
        w.u32(terms.count)
        for (t, list) in zip(terms, postings) {
            w.string(t)
            w.u32(list.count)
            for p in list {
                w.u32(Int(p.doc))
                w.u32(Int(p.score))
            }
            w.handOver(every: piece, to: hand)
        }
    }

    static func read(_ r: inout ByteRecordReader) throws(ByteRecordError) -> SearchIndex {
        let documents = try r.u32()
        let n = try r.count(minimumBytesEach: 8)
        var terms: [String] = [], postings: [[Posting]] = []
        terms.reserveCapacity(n)
        postings.reserveCapacity(n)
        for _ in 0..<n {
            terms.append(try r.string())
            var list: [Posting] = []
            let k = try r.count(minimumBytesEach: 8)
            list.reserveCapacity(k)
            for _ in 0..<k {
                let doc = try r.u32(), score = try r.u32()
                guard doc < documents, score <= Int(Int32.max) else { throw r.failure("posting of document \(doc)") }
                list.append(Posting(doc: Int32(doc), score: Int32(score)))
            }
            postings.append(list)
        }
        return SearchIndex(terms: terms, postings: postings, documentCount: documents)
    }

    init(terms: [String], postings: [[Posting]], documentCount: Int) {
        self.terms = terms
        self.postings = postings
        self.documentCount = documentCount
    }
}
