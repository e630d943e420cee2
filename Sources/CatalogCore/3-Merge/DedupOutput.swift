// The last step of a deduplication pass: the union-find's components become clusters and merged datasets
// (merged in parallel), review candidates get their notes, and the catalogue is sorted by (uri, source, remote id).

extension Deduplicator.Pass {
    /// Clusters, review candidates, the merged catalogue and every finding of the pass, sorted.
    mutating func result(review pairs: [(a: Int, b: Int, score: Double)]) -> DedupResult {
        let (singles, jobs) = components()
        let mergeSettings = settings
        let input = input, order = order
        let merges = ParallelMap.map(jobs, minimum: 64, chunk: 32) { job in
            Merger(settings: mergeSettings).merge(job.members.map { order[$0] }, of: input, rules: job.rules, score: nil)
        }
        var clusters: [DuplicateCluster] = []
        clusters.reserveCapacity(merges.count)
        for m in merges {
            clusters.append(m.cluster)
            findings.append(contentsOf: m.findings)
        }
        let reviewMerges = ParallelMap.map(pairs, minimum: 64, chunk: 32) { p in
            Merger(settings: mergeSettings).merge([order[p.a], order[p.b]], of: input, rules: [.fuzzyTitle], score: p.score, clusterOnly: true)
        }
        var review: [DuplicateCluster] = []
        for (p, m) in zip(pairs, reviewMerges) {
            review.append(m.cluster)
            let other = m.cluster.members[1].key
            let score = (p.score * 100).rounded() / 100
            findings.append(Finding(.note, source: m.cluster.members[0].source, record: m.cluster.members[0].remoteID,
                field: "title", .dedupReview, [other, "\(score)"]))
        }
        let out = sortedOutput(singles: singles, merges: merges.map(\.dataset))
        clusters.sort { ($0.survivor, $0.id) < ($1.survivor, $1.id) }
        review.sort { ($0.survivor, $0.id) < ($1.survivor, $1.id) }
        return DedupResult(datasets: out, clusters: clusters, reviewCandidates: review, findings: findings.sortedInParallel())
    }

    /// The union-find's components: single positions, and each larger component with the rules that joined it
    /// (`manual` when only `[[dedup.same]]` did), in root order.
    mutating func components() -> (singles: [Int], jobs: [(members: [Int], rules: [DedupRule])]) {
        let root = (0..<n).map { Int32(uf.find($0)) }
        let components = Groups(keys: root, space: n)
        var ruleMask = [UInt8](repeating: 0, count: n)
        for e in edges {
            let (s, a, b) = Deduplicator.unpack(e)
            if root[a] == root[b] { ruleMask[Int(root[a])] |= 1 << UInt8(s) }
        }
        var singles: [Int] = []
        var jobs: [(members: [Int], rules: [DedupRule])] = []
        for r in 0..<n where components.size(r) > 0 {
            let lo = Int(components.start[r]), m = components.size(r)
            if m == 1 {
                singles.append(Int(components.members[lo]))
                continue
            }
            let mask = ruleMask[r]
            let rules = mask == 0 ? [DedupRule.manual] : Deduplicator.rules.filter { mask & (1 << UInt8($0.strength)) != 0 }
            jobs.append(((lo..<(lo + m)).map { Int(components.members[$0]) }, rules))
        }
        return (singles, jobs)
    }

    /// The merged catalogue sorted by (uri, source, remote id): singles straight from the input, then merges.
    func sortedOutput(singles: [Int], merges: [Dataset]) -> [Dataset] {
        let input = input, order = order
        let outCount = singles.count + merges.count
        func outURI(_ k: Int) -> String { k < singles.count ? input[order[singles[k]]].uri : merges[k - singles.count].uri }
        func outIDs(_ k: Int) -> (String, String) {
            if k < singles.count { return (input[order[singles[k]]].sourceID, input[order[singles[k]]].remoteID) }
            return (merges[k - singles.count].sourceID, merges[k - singles.count].remoteID)
        }
        let uris = PackedStrings(count: outCount, outURI)
        let outOrder = ParallelMap.sortedIndices(count: outCount) { a, b in
            if let c = uris.compare(a, b), c != 0 { return c < 0 }
            let ua = outURI(a), ub = outURI(b)
            if ua != ub { return ua < ub }
            let (sa, ra) = outIDs(a), (sb, rb) = outIDs(b)
            if sa != sb { return sa < sb }
            return ra < rb
        }
        return ParallelMap.map(outOrder) { k in k < singles.count ? input[order[singles[k]]] : merges[k - singles.count] }
    }
}
