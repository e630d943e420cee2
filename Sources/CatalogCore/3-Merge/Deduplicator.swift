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
        let n = order.count
        precondition(n < 1 << 30, "Deduplicator: at most 2^30 datasets")
        // Rule 2 only links to values some derivedFrom names: those are interned first, everything else is
        // looked up in them (and not kept when absent).
        let derived = Self.derivedKeys(input)
        var raw = ParallelMap.map(order) { Self.rawFeatures(input[$0], derived: derived.ids) }
        let t = Features(raw, source: order.map { inputSource[$0] }, derived: derived.strings)
        // The raw strings (about a million small objects) are freed on another thread while the mostly sequential
        // rules below run; `run` waits for it before returning.
        let released = Self.release(&raw)
        func key(_ i: Int) -> String { input[order[i]].sourceID + ":" + input[order[i]].remoteID }
        var findings: [Finding] = []
        let limit = max(1, settings.maxSharedPerSource)

        // 2. Usage counts per source, to recognise generic values (portal home, shared endpoints, placeholder ids):
        // URLs (distribution URLs and landing page), identifiers, URL sets.
        let (urlUse, idUse) = {
            var urls = SourceCounter(space: t.keyCount), ids = SourceCounter(space: t.idKeyCount)
            for i in 0..<n {
                let s = t.src[i]
                for k in t.dist.range(i) { urls.add(s, t.dist.items[k]) }
                let l = t.landing[i]
                if l >= 0 && !t.dist.contains(i, l) { urls.add(s, l) }
                if t.idKey[i] >= 0 { ids.add(s, t.idKey[i]) }
            }
            return (urls, ids)
        }()
        func sharedURL(_ i: Int, _ id: Int32) -> Bool { urlUse.count(t.src[i], id) > limit }
        func sharedID(_ i: Int, _ id: Int32) -> Bool { idUse.count(t.src[i], id) > DedupSettings.placeholderIdentifierLimit }

        // URL sets: the distribution URLs that are neither generic nor shared in their source.
        var setKey = [Int32](repeating: -1, count: n)
        var setIDs: [[Int32]: Int32] = [:]
        var joinedSetIDs: [String: Int32] = [:]
        var members: [Int32] = []
        for i in 0..<n {
            members.removeAll(keepingCapacity: true)
            for k in t.dist.range(i) where !t.distGeneric[k] && !sharedURL(i, t.dist.items[k]) { members.append(t.dist.items[k]) }
            if members.isEmpty { continue }
            if t.keyHasNewline {
                // A URL with a line break: the set key is the URLs joined by line breaks, as text.
                let joined = members.map { t.keyStrings[Int($0)] }.sorted().joined(separator: "\n")
                setKey[i] = Self.intern(joined, &joinedSetIDs)
            } else {
                setKey[i] = Self.intern(members, &setIDs)
            }
        }
        let setSpace = max(setIDs.count, joinedSetIDs.count)
        let setUse = {
            var sets = SourceCounter(space: setSpace)
            for i in 0..<n where setKey[i] >= 0 { sets.add(t.src[i], setKey[i]) }
            return sets
        }()
        let usableLanding = (0..<n).map { i -> Int32 in
            let l = t.landing[i]
            return l >= 0 && !t.landingGeneric[i] && !sharedURL(i, l) ? l : -1
        }

        var edges: [UInt64] = []
        func vetoed(_ i: Int32, _ j: Int32) -> Bool {
            let a = Int(i), b = Int(j)
            if !t.geo.isEmpty(a), !t.geo.isEmpty(b), !t.geo.intersects(a, b) { return true }
            return t.numbers[a] != t.numbers[b]
        }
        func linkBuckets(_ groups: Groups, _ rule: DedupRule, allowed: (Int32, Int32) -> Bool) {
            for g in 0..<groups.count where groups.size(g) > 1 {
                let lo = Int(groups.start[g]), m = groups.size(g)
                for j in 1..<m {
                    let b = groups.members[lo + j]
                    for i in 0..<min(j, 64) where allowed(groups.members[lo + i], b) {
                        edges.append(Self.edge(rule.strength, Int(groups.members[lo + i]), Int(b)))
                        break
                    }
                }
            }
        }

        // Rule 1: identifier.
        let byID = Groups(keys: (0..<n).map { i in t.idKey[i] >= 0 && !sharedID(i, t.idKey[i]) ? t.idKey[i] : -1 }, space: t.idKeyCount)
        linkBuckets(byID, .identifier) { i, j in
            !(t.src[Int(i)] == t.src[Int(j)] && (t.idIsRemoteID[Int(i)] || t.idIsRemoteID[Int(j)]))
        }

        // Rule 2: a harvested copy pointing at its origin (landing page, provenance URL, identifier or uri). Keys
        // 0..<derivedCount are the derivedFrom values; a dataset is a target of those among its own values.
        var targetKeys: [Int32] = [], targetItems: [Int32] = []
        var own: [Int32] = []
        let dCount = Int32(t.derivedCount)
        for i in 0..<n where dCount > 0 {
            own.removeAll(keepingCapacity: true)
            if usableLanding[i] >= 0 && usableLanding[i] < dCount { own.append(usableLanding[i]) }
            for k in t.prov.range(i) where !sharedURL(i, t.prov.items[k]) { own.append(t.prov.items[k]) }
            if t.idKeyD[i] >= 0 && !sharedID(i, t.idKey[i]) { own.append(t.idKeyD[i]) }
            if t.uriKeyD[i] >= 0 { own.append(t.uriKeyD[i]) }
            for (k, v) in own.enumerated() where !own[..<k].contains(v) {
                targetKeys.append(v)
                targetItems.append(Int32(i))
            }
        }
        let targets = Groups(keys: targetKeys, items: targetItems, space: t.derivedCount)
        var seenAt = [Int32](repeating: -1, count: n)
        for i in 0..<n {
            for k in t.derived.range(i) {
                let g = Int(t.derived.items[k])
                let size = targets.size(g)
                guard size > 0 && size <= 8 else { continue }
                let lo = Int(targets.start[g])
                for x in lo..<(lo + size) {
                    let target = Int(targets.members[x])
                    if target == i || seenAt[target] == Int32(i) { continue }
                    seenAt[target] = Int32(i)
                    edges.append(Self.edge(2, min(i, target), max(i, target)))
                }
            }
        }

        // Rule 3: landing page.
        linkBuckets(Groups(keys: usableLanding, space: t.keyCount), .landingPage) { !vetoed($0, $1) }

        // Rule 4: the same set of distribution URLs.
        let bySet = Groups(keys: (0..<n).map { i in setKey[i] >= 0 && setUse.count(t.src[i], setKey[i]) <= limit ? setKey[i] : -1 }, space: setSpace)
        linkBuckets(bySet, .downloadURLs) { !vetoed($0, $1) }

        // Manual overrides.
        var uf = UnionFind(count: n)
        if !settings.same.isEmpty || !settings.different.isEmpty {
            var byKey: [String: [Int]] = [:]
            for i in 0..<n {
                let k0 = key(i)
                byKey[k0, default: []].append(i)
                if let name = input[order[i]].provenance.first?.remoteName, !name.isEmpty {
                    let k = input[order[i]].sourceID + ":" + name
                    if k != k0 { byKey[k, default: []].append(i) }
                }
            }
            func resolve(_ list: [String], _ what: String) -> [Int] {
                var out: [Int] = []
                for key in list {
                    let k = String(DedupNormalize.trim(key))
                    if let hits = byKey[k] {
                        out.append(contentsOf: hits)
                    } else {
                        let src = k.firstIndex(of: ":").map { String(k[..<$0]) } ?? "dedup"
                        findings.append(Finding(.warning, "dedup.override.unknown", source: src, record: k, field: "dedup.\(what)",
                            "[[dedup.\(what)]] names \(k), which is not in this run; the entry has no effect for it.", de: "[[dedup.\(what)]] nennt \(k); der Eintrag ist in diesem Lauf nicht dabei, die Festlegung wirkt für ihn nicht."))
                    }
                }
                return Array(Set(out)).sorted()
            }
            for list in settings.same {
                let idx = resolve(list, "same")
                for j in idx.dropFirst() { edges.append(Self.edge(0, idx[0], j)) }
            }
            for list in settings.different {
                let idx = resolve(list, "different")
                for x in idx { for y in idx where x < y { uf.forbid(x, y) } }
            }
        }

        DatasetSeries.keepApart(&uf, input: input, order: order)

        // 3. Union strong edges in canonical order (strength, a, b).
        edges.sort()
        Self.removeAdjacentDuplicates(&edges)
        var blocked: [UInt64] = []
        for e in edges {
            let (s, a, b) = Self.unpack(e)
            if !uf.union(a, b) { blocked.append(Self.edge(s, a, b)) }
        }

        // Rule 5: fuzzy title within a publisher / geocoding scope.
        let (fuzzy, capped) = fuzzyPairs(t)
        findings += capped
        var reviewPairs: [Int64: (a: Int, b: Int, score: Double)] = [:]
        for p in fuzzy {
            if settings.autoMergeFuzzy {
                let e = Self.edge(5, p.a, p.b)
                edges.append(e)
                if !uf.union(p.a, p.b) { blocked.append(e) }
            } else {
                let ra = uf.find(p.a), rb = uf.find(p.b)
                if ra == rb || !uf.allowed(p.a, p.b) { continue }
                let key = Int64(min(ra, rb)) << 32 | Int64(max(ra, rb))
                if let old = reviewPairs[key], (old.score, -old.a, -old.b) >= (p.score, -p.a, -p.b) { continue }
                reviewPairs[key] = p
            }
        }
        // Sorted by (a, b, strength).
        let keptApart = blocked.map { e -> (a: Int, b: Int, s: Int) in let (s, a, b) = Self.unpack(e); return (a, b, s) }
            .sorted { ($0.a, $0.b, $0.s) < ($1.a, $1.b, $1.s) }
        var lastKeptApart: (a: Int, b: Int, s: Int)?
        for e in keptApart where uf.find(e.a) != uf.find(e.b) {
            if let l = lastKeptApart, l == e { continue }
            lastKeptApart = e
            findings.append(Finding(.note, "dedup.kept-apart", source: input[order[e.a]].sourceID, record: input[order[e.a]].remoteID, field: nil,
                "\(key(e.a)) and \(key(e.b)) match by \(Self.rules[e.s].rawValue) but are kept apart ([[dedup.different]], or members of one dataset series).", de: "\(key(e.a)) und \(key(e.b)) passen nach der Regel \(Self.rules[e.s].rawValue) zusammen, bleiben aber getrennt ([[dedup.different]] oder Teile derselben Datenreihe)."))
        }

        // 4. Components → clusters and merged datasets.
        let root = (0..<n).map { Int32(uf.find($0)) }
        let components = Groups(keys: root, space: n)
        var ruleMask = [UInt8](repeating: 0, count: n)
        for e in edges {
            let (s, a, b) = Self.unpack(e)
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
            let rules = mask == 0 ? [DedupRule.manual] : Self.rules.filter { mask & (1 << UInt8($0.strength)) != 0 }
            jobs.append(((lo..<(lo + m)).map { Int(components.members[$0]) }, rules))
        }
        let mergeSettings = settings
        let merges = ParallelMap.map(jobs, minimum: 64, chunk: 32) { job in
            Merger(settings: mergeSettings).merge(job.members.map { order[$0] }, of: input, rules: job.rules, score: nil)
        }
        var clusters: [DuplicateCluster] = []
        clusters.reserveCapacity(merges.count)
        for m in merges {
            clusters.append(m.cluster)
            findings.append(contentsOf: m.findings)
        }
        let pairs = Array(reviewPairs.values)
        let reviewMerges = ParallelMap.map(pairs, minimum: 64, chunk: 32) { p in
            Merger(settings: mergeSettings).merge([order[p.a], order[p.b]], of: input, rules: [.fuzzyTitle], score: p.score, clusterOnly: true)
        }
        var review: [DuplicateCluster] = []
        for (p, m) in zip(pairs, reviewMerges) {
            review.append(m.cluster)
            let other = m.cluster.members[1].key
            let score = (p.score * 100).rounded() / 100
            findings.append(Finding(.note, "dedup.review", source: m.cluster.members[0].source, record: m.cluster.members[0].remoteID,
                field: "title", "Possible duplicate of \(other) (title similarity \(score), same publisher or place, shared host); not merged — list both under [[dedup.same]] or [[dedup.different]].", de: "Mögliche Dublette von \(other) (Titelähnlichkeit \(score), gleicher Herausgeber oder Ort, gleicher Server); nicht zusammengeführt – beide unter [[dedup.same]] oder [[dedup.different]] eintragen."))
        }
        // The merged catalogue, sorted by (uri, source, remote id): singles straight from the input, then merges.
        let outCount = singles.count + merges.count
        func outURI(_ k: Int) -> String { k < singles.count ? input[order[singles[k]]].uri : merges[k - singles.count].dataset.uri }
        func outIDs(_ k: Int) -> (String, String) {
            if k < singles.count { return (input[order[singles[k]]].sourceID, input[order[singles[k]]].remoteID) }
            return (merges[k - singles.count].dataset.sourceID, merges[k - singles.count].dataset.remoteID)
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
        let out = ParallelMap.map(outOrder) { k in k < singles.count ? input[order[singles[k]]] : merges[k - singles.count].dataset }
        clusters.sort { ($0.survivor, $0.id) < ($1.survivor, $1.id) }
        review.sort { ($0.survivor, $0.id) < ($1.survivor, $1.id) }
        let fs = Self.sorted(findings)
        released.wait()
        return DedupResult(datasets: out, clusters: clusters, reviewCandidates: review, findings: fs)
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

    /// `findings.sorted()` (Finding's order: source, record, field, code, message, severity), sorted in two halves
    /// at once without building comparison tuples.
    static func sorted(_ findings: [Finding]) -> [Finding] {
        let order = findings.withUnsafeBufferPointer { f in
            ParallelMap.sortedIndices(count: f.count) { a, b in
                if f[a].source != f[b].source { return f[a].source < f[b].source }
                let rx = f[a].recordID ?? "", ry = f[b].recordID ?? ""
                if rx != ry { return rx < ry }
                let fx = f[a].field ?? "", fy = f[b].field ?? ""
                if fx != fy { return fx < fy }
                if f[a].code != f[b].code { return f[a].code < f[b].code }
                if f[a].message != f[b].message { return f[a].message < f[b].message }
                return f[a].severity.rawValue < f[b].severity.rawValue
            }
        }
        return order.map { findings[$0] }
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

/// Union-find (path halving, union by size) with cannot-link constraints between elements.
struct UnionFind {
    private var parent: [Int]
    private var size: [Int]
    private var forbidden: [Int: [Int]] = [:]

    init(count: Int) {
        parent = Array(0..<count)
        size = Array(repeating: 1, count: count)
    }

    mutating func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }

    mutating func forbid(_ a: Int, _ b: Int) {
        forbidden[a, default: []].append(b)
        forbidden[b, default: []].append(a)
    }

    /// Whether joining the sets of `a` and `b` would respect every cannot-link pair.
    mutating func allowed(_ a: Int, _ b: Int) -> Bool {
        if forbidden.isEmpty { return true }
        let ra = find(a), rb = find(b)
        if ra == rb { return true }
        if let fa = forbidden[ra] { for x in fa where find(x) == rb { return false } }
        if let fb = forbidden[rb] { for x in fb where find(x) == ra { return false } }
        return true
    }

    /// Joins the sets of `a` and `b`; false (and no change) when a cannot-link pair would end up in one set.
    mutating func union(_ a: Int, _ b: Int) -> Bool {
        var ra = find(a), rb = find(b)
        if ra == rb { return true }
        if !allowed(a, b) { return false }
        if size[ra] < size[rb] || (size[ra] == size[rb] && rb < ra) { swap(&ra, &rb) }
        parent[rb] = ra
        size[ra] += size[rb]
        if let fb = forbidden.removeValue(forKey: rb) { forbidden[ra, default: []].append(contentsOf: fb) }
        return true
    }
}
