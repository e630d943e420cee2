import Dispatch

// Duplicate detection: blocking keys per rule (never all pairs), edges sorted canonically, then a union-find with
// cannot-link constraints. See docs/dedup.md for the rules, the merge policy and "Performance".
//
// How it stays fast: each dataset is reduced once, in parallel, to its normalised strings (URLs, identifier keys,
// title tokens, …), which are then interned to integer ids (one hash per string, on two threads). The rules work on
// those ids and on positions in the canonically ordered input: flat arrays instead of per-record Sets, datasets
// read in place instead of copied. Fuzzy scoring, merging and the big sorts run in parallel; everything whose
// result depends on order runs sequentially in canonical order, so the output is the same for every input order.

package struct Deduplicator: Sendable {
    package var settings: DedupSettings

    package init(settings: DedupSettings) {
        self.settings = settings
    }

    package func run(_ input: [Dataset]) -> DedupResult {
        input.withUnsafeBufferPointer { run($0) }
    }

    /// `run` on the input's storage: datasets are read in place, never copied until they are output.
    private func run(_ input: UnsafeBufferPointer<Dataset>) -> DedupResult {
        // 1. Canonical order: everything after this depends only on the multiset of datasets. Position i of the
        // canonical order is dataset input[order[i]]; all ids below are positions.
        let (order, inputSource) = Self.canonicalOrder(input)
        precondition(order.count < 1 << 30, "Deduplicator: at most 2^30 datasets")
        // Rule 2 only links to values some derivedFrom names: those are interned first, everything else is
        // looked up in them (and not kept when absent).
        let derived = Self.derivedKeys(input)
        var raw = ParallelMap.map(order) { Self.rawFeatures(input[$0], derived: derived.ids) }
        let t = Features(raw, source: order.map { inputSource[$0] }, derived: derived.strings)
        // The raw strings (about a million small objects) are freed on another thread while the mostly sequential
        // rules below run; `run` waits for it before returning.
        let released = Self.release(&raw)
        // 2. Usage counts per source (generic values: portal home, shared endpoints, placeholder ids), rules 1–4,
        // overrides, the strong edges joined in canonical order, then the fuzzy rule (docs/dedup.md).
        var pass = Pass(input: input, order: order, features: t, settings: settings)
        pass.linkExactRules()
        pass.applyOverrides()
        pass.unionStrongEdges()
        let (fuzzy, capped) = fuzzyPairs(t)
        pass.findings += capped
        let review = pass.applyFuzzy(fuzzy)
        pass.reportKeptApart()
        // 3. Components → clusters and the merged, sorted catalogue.
        let result = pass.result(review: review)
        released.wait()
        return result
    }

    // MARK: - Fuzzy rule

    /// Candidate pairs for the fuzzy rule, via prefix filtering: tokens are ordered by (document frequency, text);
    /// two token sets with Jaccard ≥ t share a token among the first |x| − ⌈t·|x|⌉ + 1 tokens of each. Blocks
    /// (posting lists) are keyed by (scope, token), scope being the folded publisher name or one political geocoding
    /// URI. A record is compared with the records before it in each of its blocks; a block holds at most
    /// `fuzzyBlockCap` records: later ones are not compared in it, and each such block is reported as a finding.
    func fuzzyPairs(_ t: Features) -> (pairs: [FuzzyPair], findings: [Finding]) {
        let n = t.count
        let threshold = min(1, max(0.01, settings.fuzzyThreshold))
        let cap = max(1, settings.fuzzyBlockCap)
        // Token ranks by (document frequency, text); token lists are unique per dataset.
        var df = [Int32](repeating: 0, count: t.tokenStrings.count)
        for tok in t.tok.items { df[Int(tok)] += 1 }
        let byRank = t.tokenStrings.indices.sorted { df[$0] != df[$1] ? df[$0] < df[$1] : t.tokenStrings[$0] < t.tokenStrings[$1] }
        var rank = [Int32](repeating: 0, count: byRank.count)
        for (r, tok) in byRank.enumerated() { rank[tok] = Int32(r) }
        var ranks = t.tok.items.map { rank[Int($0)] }
        for i in 0..<n { ranks[t.tok.range(i)].sort() }

        // Block occurrences per dataset: (scope, token) for the prefix tokens; scope 2p = publisher p, 2g+1 = geocoding g.
        var blockIDs: [Int: Int32] = [:]
        var blockKeys: [Int] = []
        var occ = CSR()
        var owner: [Int32] = []
        for i in 0..<n {
            let r = t.tok.range(i)
            if !r.isEmpty {
                let needed = Int((threshold * Double(r.count) - 1e-9).rounded(.up))
                let prefix = max(1, min(r.count, r.count - needed + 1))
                func add(_ scope: Int) {
                    for k in r.lowerBound..<(r.lowerBound + prefix) {
                        let key = scope << 32 | Int(ranks[k])
                        occ.items.append(Self.intern(key, &blockIDs, &blockKeys))
                        owner.append(Int32(i))
                    }
                }
                if t.publisher[i] >= 0 { add(Int(t.publisher[i]) * 2) }
                for k in t.geo.range(i) { add(Int(t.geo.items[k]) * 2 + 1) }
            }
            occ.close()
        }
        let blocks = Groups(keys: occ.items, items: owner, space: blockKeys.count)
        // Position of each occurrence in its block (blocks list datasets in ascending order).
        var position = [Int32](repeating: 0, count: occ.items.count)
        var filled = [Int32](repeating: 0, count: blockKeys.count)
        for (o, g) in occ.items.enumerated() {
            position[o] = filled[Int(g)]
            filled[Int(g)] += 1
        }

        let pairs = Self.scoreCandidates(t, ranks, occ, position, blocks, cap: cap, threshold: threshold)

        var findings: [Finding] = []
        for g in 0..<blockKeys.count where blocks.size(g) > cap {
            let scope = blockKeys[g] >> 32, token = t.tokenStrings[byRank[blockKeys[g] & 0xFFFF_FFFF]]
            let scopeText = scope % 2 == 0 ? "publisher “\(t.publisherStrings[scope / 2])”" : "geocoding \(t.geoStrings[scope / 2])"
            let size = blocks.size(g)
            findings.append(Finding(.note, "dedup.fuzzy-block-capped", source: "dedup", field: "title",
                "Fuzzy-title block \(scopeText), token “\(token)” has \(size) records; only the first \(cap) are compared in it, \(size - cap) are not (possible duplicates among them can be missed; raise `[dedup] fuzzy_block_cap` in the configuration to compare more).", de: "Ähnlichkeitsblock \(scope % 2 == 0 ? "Herausgeber „\(t.publisherStrings[scope / 2])“" : "Raumbezug \(t.geoStrings[scope / 2])"), Wort „\(token)“ hat \(size) Einträge; nur die ersten \(cap) werden darin verglichen, \(size - cap) nicht (Dubletten darunter können fehlen; `[dedup] fuzzy_block_cap` in der Konfiguration erhöhen, um mehr zu vergleichen)."))
        }
        return (pairs, findings)
    }

    typealias FuzzyPair = (a: Int, b: Int, score: Double)

    /// Scores every candidate pair once (the later dataset asks the earlier ones in its blocks), in parallel chunks
    /// of datasets. Sorted by (a, b).
    static func scoreCandidates(_ t: Features, _ ranks: [Int32], _ occ: CSR, _ position: [Int32], _ blocks: Groups, cap: Int,
                                threshold: Double) -> [FuzzyPair] {
        let n = t.count
        let chunkCount = min(n, 32)
        let chunks = ParallelMap.map(Array(0..<chunkCount), minimum: 2, chunk: 1) { (c: Int) -> [FuzzyPair] in
            var found: [FuzzyPair] = []
            var seenBy = [Int32](repeating: -1, count: n)
            let lower = c * n / chunkCount, upper = (c + 1) * n / chunkCount
            for d in lower..<upper {
                for o in occ.range(d) {
                    let g = Int(occ.items[o]), p = Int(position[o])
                    if p >= cap { continue }
                    let lo = Int(blocks.start[g])
                    for x in lo..<(lo + p) {
                        let other = Int(blocks.members[x])
                        if seenBy[other] == Int32(d) { continue }
                        seenBy[other] = Int32(d)
                        if let s = fuzzyScore(t, ranks, other, d, threshold) { found.append((other, d, s)) }
                    }
                }
            }
            return found
        }
        return chunks.flatMap { $0 }.sorted { ($0.a, $0.b) < ($1.a, $1.b) }
    }

    static func fuzzyScore(_ t: Features, _ ranks: [Int32], _ a: Int, _ b: Int, _ threshold: Double) -> Double? {
        let pa = t.publisher[a], pb = t.publisher[b]
        if pa >= 0, pb >= 0, pa != pb { return nil }
        let geoA = !t.geo.isEmpty(a), geoB = !t.geo.isEmpty(b)
        let sharedGeo = geoA && geoB && t.geo.intersects(a, b)
        if geoA, geoB, !sharedGeo { return nil }
        let samePublisher = pa >= 0 && pa == pb
        if !samePublisher && !sharedGeo { return nil }
        if t.numbers[a] != t.numbers[b] { return nil }
        if !t.host.intersects(a, b) { return nil }
        let ra = t.tok.range(a), rb = t.tok.range(b)
        var i = ra.lowerBound, j = rb.lowerBound, inter = 0
        while i < ra.upperBound && j < rb.upperBound {
            if ranks[i] == ranks[j] { inter += 1; i += 1; j += 1 } else if ranks[i] < ranks[j] { i += 1 } else { j += 1 }
        }
        let score = Double(inter) / Double(ra.count + rb.count - inter)
        return score + 1e-9 >= threshold ? score : nil
    }

    // MARK: - Helpers

    /// The rules by strength (index = `strength`).
    static let rules: [DedupRule] = DedupRule.allCases.sorted()

    /// An edge as one sortable number: (strength, a, b) with a, b < 2^30.
    @inline(__always)
    static func edge(_ strength: Int, _ a: Int, _ b: Int) -> UInt64 { UInt64(strength) << 60 | UInt64(a) << 30 | UInt64(b) }

    @inline(__always)
    static func unpack(_ e: UInt64) -> (strength: Int, a: Int, b: Int) {
        (Int(e >> 60), Int((e >> 30) & 0x3FFF_FFFF), Int(e & 0x3FFF_FFFF))
    }

    static func removeAdjacentDuplicates(_ a: inout [UInt64]) {
        guard a.count > 1 else { return }
        var w = 1
        for r in 1..<a.count where a[r] != a[w - 1] {
            a[w] = a[r]
            w += 1
        }
        a.removeLast(a.count - w)
    }

    @inline(__always)
    static func intern<K: Hashable>(_ key: K, _ ids: inout [K: Int32]) -> Int32 {
        let next = Int32(ids.count)
        return { (v: inout Int32) -> Int32 in
            if v < 0 { v = next }
            return v
        }(&ids[key, default: -1])
    }

    @inline(__always)
    static func intern(_ key: Int, _ ids: inout [Int: Int32], _ keys: inout [Int]) -> Int32 {
        let id = intern(key, &ids)
        if Int(id) == keys.count { keys.append(key) }
        return id
    }

    /// Input positions in canonical order: (source, remote id, uri, identifier, title, modified); and a source
    /// number per input dataset.
    static func canonicalOrder(_ input: UnsafeBufferPointer<Dataset>) -> (order: [Int], source: [Int32]) {
        var sourceIDs: [String: Int32] = [:]
        let source = input.indices.map { intern(input[$0].sourceID, &sourceIDs) }
        var sourceRank = [Int32](repeating: 0, count: sourceIDs.count)
        for (r, s) in sourceIDs.sorted(by: { $0.key < $1.key }).enumerated() { sourceRank[Int(s.value)] = Int32(r) }
        let rank = source.map { sourceRank[Int($0)] }
        let remote = PackedStrings(count: input.count) { input[$0].remoteID }
        let order = ParallelMap.sortedIndices(count: input.count) { a, b in
            if rank[a] != rank[b] { return rank[a] < rank[b] }
            if let c = remote.compare(a, b), c != 0 { return c < 0 }
            if input[a].remoteID != input[b].remoteID { return input[a].remoteID < input[b].remoteID }
            if input[a].uri != input[b].uri { return input[a].uri < input[b].uri }
            if input[a].identifier != input[b].identifier { return input[a].identifier < input[b].identifier }
            if input[a].title != input[b].title { return input[a].title < input[b].title }
            return (input[a].modified?.lexical ?? "") < (input[b].modified?.lexical ?? "")
        }
        return (order, source)
    }

    private final class Garbage: @unchecked Sendable {
        var raw: [RawFeatures]
        init(_ raw: [RawFeatures]) { self.raw = raw }
    }

    /// Takes `raw` (leaving it empty) and frees it on a background thread; wait on the group for it to finish.
    static func release(_ raw: inout [RawFeatures]) -> DispatchGroup {
        let garbage = Garbage(raw)
        raw = []
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { garbage.raw = [] }
        return group
    }

    /// The identifier keys of all derivedFrom values (empty ones and generic URLs left out), numbered.
    static func derivedKeys(_ input: UnsafeBufferPointer<Dataset>) -> (ids: [String: Int32], strings: [String]) {
        var ids: [String: Int32] = [:], strings: [String] = []
        for i in input.indices where !input[i].derivedFrom.isEmpty {
            for v in input[i].derivedFrom {
                guard let k = derivedKey(v) else { continue }
                if Int(intern(k, &ids)) == strings.count { strings.append(k) }
            }
        }
        return (ids, strings)
    }

    static func derivedKey(_ v: String) -> String? {
        let u = DedupNormalize.url(v)
        let k = u ?? DedupNormalize.trimmedLowercased(v)
        if k.isEmpty || (u != nil && DedupNormalize.isGeneric(normalizedURL: k)) { return nil }
        return k
    }

    static func distributionKey(_ d: Distribution) -> String {
        let raw = d.downloadURL.flatMap { $0.isEmpty ? nil : $0 } ?? d.accessURL
        return DedupNormalize.url(raw) ?? String(DedupNormalize.trim(raw))
    }
}
