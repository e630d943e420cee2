// One deduplication run, step by step. `Deduplicator.run` builds the features and then calls the steps in this
// order: the exact rules 1–4 as edges, the manual overrides and dataset series as cannot-links, the union of the
// strong edges in canonical order, the fuzzy rule, the kept-apart notes, and finally clusters and the merged,
// sorted output. Every id below is a position in the canonical order (dataset `input[order[i]]`).

extension Deduplicator {
    struct Pass {
        let input: UnsafeBufferPointer<Dataset>
        let order: [Int]
        let t: Features
        let settings: DedupSettings
        /// `maxSharedPerSource`: a URL or URL set used more often in one source is generic there.
        let limit: Int
        /// Usage counts per source of URLs (distribution URLs and landing page) and identifier keys.
        let urlUse: SourceCounter, idUse: SourceCounter
        /// Edges found so far (`Deduplicator.edge`), and those a cannot-link refused.
        var edges: [UInt64] = []
        var blocked: [UInt64] = []
        var findings: [Finding] = []
        var uf: UnionFind

        init(input: UnsafeBufferPointer<Dataset>, order: [Int], features t: Features, settings: DedupSettings) {
            self.input = input
            self.order = order
            self.t = t
            self.settings = settings
            self.limit = max(1, settings.maxSharedPerSource)
            var urls = SourceCounter(space: t.keyCount), ids = SourceCounter(space: t.idKeyCount)
            for i in 0..<order.count {
                let s = t.src[i]
                for k in t.dist.range(i) { urls.add(s, t.dist.items[k]) }
                let l = t.landing[i]
                if l >= 0 && !t.dist.contains(i, l) { urls.add(s, l) }
                if t.idKey[i] >= 0 { ids.add(s, t.idKey[i]) }
            }
            (urlUse, idUse) = (urls, ids)
            uf = UnionFind(count: order.count)
        }

        var n: Int { order.count }

        /// "source:remote id" of position `i`.
        func key(_ i: Int) -> String { input[order[i]].sourceID + ":" + input[order[i]].remoteID }

        func sharedURL(_ i: Int, _ id: Int32) -> Bool { urlUse.count(t.src[i], id) > limit }

        func sharedID(_ i: Int, _ id: Int32) -> Bool { idUse.count(t.src[i], id) > DedupSettings.placeholderIdentifierLimit }

        /// Different places, or different numbers in the titles: never the same dataset by rules 3 and 4.
        func vetoed(_ i: Int32, _ j: Int32) -> Bool {
            let a = Int(i), b = Int(j)
            if !t.geo.isEmpty(a), !t.geo.isEmpty(b), !t.geo.intersects(a, b) { return true }
            return t.numbers[a] != t.numbers[b]
        }

        /// Links each member of a bucket to the first of up to 64 earlier members `allowed` accepts.
        mutating func linkBuckets(_ groups: Groups, _ rule: DedupRule, allowed: (Int32, Int32) -> Bool) {
            for g in 0..<groups.count where groups.size(g) > 1 {
                let lo = Int(groups.start[g]), m = groups.size(g)
                for j in 1..<m {
                    let b = groups.members[lo + j]
                    for i in 0..<min(j, 64) where allowed(groups.members[lo + i], b) {
                        edges.append(Deduplicator.edge(rule.strength, Int(groups.members[lo + i]), Int(b)))
                        break
                    }
                }
            }
        }

        /// Rules 1–4: identifier, a harvested copy pointing at its origin, landing page, the same set of
        /// distribution URLs.
        mutating func linkExactRules() {
            let t = t
            let byID = Groups(keys: (0..<n).map { i in t.idKey[i] >= 0 && !sharedID(i, t.idKey[i]) ? t.idKey[i] : -1 }, space: t.idKeyCount)
            linkBuckets(byID, .identifier) { i, j in
                !(t.src[Int(i)] == t.src[Int(j)] && (t.idIsRemoteID[Int(i)] || t.idIsRemoteID[Int(j)]))
            }
            let usableLanding = (0..<n).map { i -> Int32 in
                let l = t.landing[i]
                return l >= 0 && !t.landingGeneric[i] && !sharedURL(i, l) ? l : -1
            }
            linkOrigins(usableLanding: usableLanding)
            let pass = self
            linkBuckets(Groups(keys: usableLanding, space: t.keyCount), .landingPage) { !pass.vetoed($0, $1) }
            let (setKey, setSpace) = urlSets()
            let setUse = {
                var sets = SourceCounter(space: setSpace)
                for i in 0..<n where setKey[i] >= 0 { sets.add(t.src[i], setKey[i]) }
                return sets
            }()
            let limit = limit
            let bySet = Groups(keys: (0..<n).map { i in setKey[i] >= 0 && setUse.count(t.src[i], setKey[i]) <= limit ? setKey[i] : -1 }, space: setSpace)
            linkBuckets(bySet, .downloadURLs) { !pass.vetoed($0, $1) }
        }

        /// Per position, the id of its URL set (the distribution URLs that are neither generic nor shared in
        /// their source; -1 for none), and the number of distinct sets.
        func urlSets() -> (keys: [Int32], space: Int) {
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
                    setKey[i] = Deduplicator.intern(joined, &joinedSetIDs)
                } else {
                    setKey[i] = Deduplicator.intern(members, &setIDs)
                }
            }
            return (setKey, max(setIDs.count, joinedSetIDs.count))
        }

        /// Rule 2: a harvested copy pointing at its origin (landing page, provenance URL, identifier or uri). Keys
        /// 0..<derivedCount are the derivedFrom values; a dataset is a target of those among its own values.
        mutating func linkOrigins(usableLanding: [Int32]) {
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
                        edges.append(Deduplicator.edge(2, min(i, target), max(i, target)))
                    }
                }
            }
        }

        /// `[[dedup.same]]` lists become manual edges, `[[dedup.different]]` lists and the members of a dataset
        /// series cannot-links; a key not in this run is a finding.
        mutating func applyOverrides() {
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
                for list in settings.same {
                    let idx = resolve(list, "same", byKey)
                    for j in idx.dropFirst() { edges.append(Deduplicator.edge(0, idx[0], j)) }
                }
                for list in settings.different {
                    let idx = resolve(list, "different", byKey)
                    for x in idx { for y in idx where x < y { uf.forbid(x, y) } }
                }
            }
            DatasetSeries.keepApart(&uf, input: input, order: order)
        }

        /// The positions an override list names (sorted, unique); unknown keys become findings.
        mutating func resolve(_ list: [String], _ what: String, _ byKey: [String: [Int]]) -> [Int] {
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

        /// Unions the strong edges in canonical order (strength, a, b); refused ones go to `blocked`.
        mutating func unionStrongEdges() {
            edges.sort()
            Deduplicator.removeAdjacentDuplicates(&edges)
            for e in edges {
                let (s, a, b) = Deduplicator.unpack(e)
                if !uf.union(a, b) { blocked.append(Deduplicator.edge(s, a, b)) }
            }
        }

        /// Rule 5: fuzzy title pairs are merged (`auto_merge_fuzzy`) or kept as review candidates, one per pair of
        /// clusters (the best score).
        mutating func applyFuzzy(_ fuzzy: [FuzzyPair]) -> [(a: Int, b: Int, score: Double)] {
            var reviewPairs: [Int64: (a: Int, b: Int, score: Double)] = [:]
            for p in fuzzy {
                if settings.autoMergeFuzzy {
                    let e = Deduplicator.edge(5, p.a, p.b)
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
            return Array(reviewPairs.values)
        }

        /// A note per pair a rule matched but a cannot-link kept apart, sorted by (a, b, strength).
        mutating func reportKeptApart() {
            let keptApart = blocked.map { e -> (a: Int, b: Int, s: Int) in let (s, a, b) = Deduplicator.unpack(e); return (a, b, s) }
                .sorted { ($0.a, $0.b, $0.s) < ($1.a, $1.b, $1.s) }
            var lastKeptApart: (a: Int, b: Int, s: Int)?
            for e in keptApart where uf.find(e.a) != uf.find(e.b) {
                if let l = lastKeptApart, l == e { continue }
                lastKeptApart = e
                findings.append(Finding(.note, source: input[order[e.a]].sourceID, record: input[order[e.a]].remoteID, field: nil,
                                        .dedupKeptApart, [key(e.a), key(e.b), Deduplicator.rules[e.s].rawValue]))
            }
        }
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
