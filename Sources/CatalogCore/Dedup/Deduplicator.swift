// Duplicate detection: blocking keys per rule (hash maps, never all pairs), edges sorted canonically, then a
// union-find with cannot-link constraints. See docs/dedup.md for the rules and the merge policy.

package struct Deduplicator: Sendable {
    package var settings: DedupSettings

    package init(settings: DedupSettings) {
        self.settings = settings
    }

    /// What the rules need of one dataset, computed once (a class: passed around without copying its arrays).
    final class Features {
        var source: String
        var key: String
        var idKey: String
        /// True when `identifier` is just the record's own remote id (CKAN uuid fallback).
        var idIsRemoteID: Bool
        var landing: String?
        /// Sorted, unique normalised distribution URLs (download URL, else access URL).
        var distURLs: [String]
        /// Sorted, unique hosts of the landing page and distribution URLs.
        var hosts: [String]
        /// Parallel to `distURLs`: portal home or service endpoint.
        var distGeneric: [Bool]
        var landingGeneric: Bool
        var publisher: String
        var geocodes: [String]
        var titleTokens: [String]
        var numbers: [String]

        init(source: String, key: String, idKey: String, idIsRemoteID: Bool, landing: String?, distURLs: [String], hosts: [String],
             distGeneric: [Bool], landingGeneric: Bool, publisher: String, geocodes: [String], titleTokens: [String], numbers: [String]) {
            self.source = source; self.key = key; self.idKey = idKey; self.idIsRemoteID = idIsRemoteID; self.landing = landing
            self.distURLs = distURLs; self.hosts = hosts; self.distGeneric = distGeneric; self.landingGeneric = landingGeneric
            self.publisher = publisher; self.geocodes = geocodes; self.titleTokens = titleTokens; self.numbers = numbers
        }
    }

    struct Edge: Hashable {
        var a: Int
        var b: Int
        var rule: DedupRule
    }

    package func run(_ input: [Dataset]) -> DedupResult {
        // 1. Canonical order: everything after this depends only on the multiset of datasets.
        let sortKeys = input.map { d in
            [d.sourceID, d.remoteID, d.uri, d.identifier, d.title, d.modified?.lexical ?? ""]
        }
        let order = input.indices.sorted { sortKeys[$0].lexicographicallyPrecedes(sortKeys[$1]) }
        let datasets = order.map { input[$0] }
        let n = datasets.count
        let features = ParallelMap.map(datasets, Self.features)
        var sourceIndex: [String: Int] = [:]
        let src = features.map { f -> Int in
            if let k = sourceIndex[f.source] { return k }
            sourceIndex[f.source] = sourceIndex.count
            return sourceIndex.count - 1
        }
        var findings: [Finding] = []
        let limit = max(1, settings.maxSharedPerSource)

        // 2. Usage counts per source, to recognise generic values (portal home, shared endpoints, placeholder ids).
        // Per kind (u: URL, i: identifier, s: URL set) and source: value → number of datasets using it.
        var counts: [Character: [[String: Int]]] = [:]
        for kind in ["u", "i", "s"] as [Character] { counts[kind] = Array(repeating: [:], count: sourceIndex.count) }
        func bump(_ kind: Character, _ i: Int, _ value: String) { counts[kind]![src[i]][value, default: 0] += 1 }
        func shared(_ kind: Character, _ i: Int, _ value: String) -> Bool {
            (counts[kind]![src[i]][value] ?? 0) > (kind == "i" ? DedupSettings.placeholderIdentifierLimit : limit)
        }
        for (i, f) in features.enumerated() {
            var urls = Set(f.distURLs)
            if let l = f.landing { urls.insert(l) }
            for u in urls { bump("u", i, u) }
            if !f.idKey.isEmpty { bump("i", i, f.idKey) }
        }
        var urlSetKeys = [String?](repeating: nil, count: n)
        for i in 0..<n {
            let f = features[i]
            let set = f.distURLs.indices.filter { !f.distGeneric[$0] && !shared("u", i, f.distURLs[$0]) }.map { f.distURLs[$0] }
            if !set.isEmpty {
                let k = set.joined(separator: "\n")
                urlSetKeys[i] = k
                bump("s", i, k)
            }
        }
        func usableLanding(_ i: Int) -> String? {
            guard let l = features[i].landing, !features[i].landingGeneric, !shared("u", i, l) else { return nil }
            return l
        }

        var edges: [Edge] = []
        func vetoed(_ i: Int, _ j: Int) -> Bool {
            let a = features[i], b = features[j]
            if !a.geocodes.isEmpty, !b.geocodes.isEmpty, !Self.intersects(a.geocodes, b.geocodes) { return true }
            return a.numbers != b.numbers
        }
        func linkBuckets(_ buckets: [String: [Int]], _ rule: DedupRule, allowed: (Int, Int) -> Bool) {
            for (_, members) in buckets where members.count > 1 {
                for j in 1..<members.count {
                    for i in 0..<min(j, 64) where allowed(members[i], members[j]) {
                        edges.append(Edge(a: members[i], b: members[j], rule: rule))
                        break
                    }
                }
            }
        }

        // Rule 1: identifier.
        var byID: [String: [Int]] = [:]
        for i in 0..<n where !features[i].idKey.isEmpty && !shared("i", i, features[i].idKey) {
            byID[features[i].idKey, default: []].append(i)
        }
        linkBuckets(byID, .identifier) { i, j in
            let a = features[i], b = features[j]
            return !(a.source == b.source && (a.idIsRemoteID || b.idIsRemoteID))
        }

        // Rule 2: a harvested copy pointing at its origin.
        var targets: [String: [Int]] = [:]
        for i in 0..<n {
            let f = features[i]
            var keys: Set<String> = []
            if let l = usableLanding(i) { keys.insert(l) }
            for p in datasets[i].provenance {
                if let u = p.url, let k = DedupNormalize.url(u), !DedupNormalize.isGeneric(normalizedURL: k), !shared("u", i, k) { keys.insert(k) }
            }
            if !f.idKey.isEmpty && !shared("i", i, f.idKey) { keys.insert(f.idKey) }
            keys.insert(DedupNormalize.identifierKey(datasets[i].uri))
            for k in keys where !k.isEmpty { targets[k, default: []].append(i) }
        }
        for i in 0..<n {
            var seen: Set<Int> = []
            for v in datasets[i].derivedFrom {
                let k = DedupNormalize.identifierKey(v)
                if k.isEmpty { continue }
                if DedupNormalize.url(v) != nil && DedupNormalize.isGeneric(normalizedURL: k) { continue }
                guard let ts = targets[k], ts.count <= 8 else { continue }
                for t in ts where t != i && seen.insert(t).inserted {
                    edges.append(Edge(a: min(i, t), b: max(i, t), rule: .originLink))
                }
            }
        }

        // Rule 3: landing page.
        var byLanding: [String: [Int]] = [:]
        for i in 0..<n {
            if let l = usableLanding(i) { byLanding[l, default: []].append(i) }
        }
        linkBuckets(byLanding, .landingPage) { !vetoed($0, $1) }

        // Rule 4: the same set of distribution URLs.
        var bySet: [String: [Int]] = [:]
        for i in 0..<n {
            if let k = urlSetKeys[i], !shared("s", i, k) { bySet[k, default: []].append(i) }
        }
        linkBuckets(bySet, .downloadURLs) { !vetoed($0, $1) }

        // Manual overrides.
        var byKey: [String: [Int]] = [:]
        for i in 0..<n {
            byKey[features[i].key, default: []].append(i)
            if let name = datasets[i].provenance.first?.remoteName, !name.isEmpty {
                let k = features[i].source + ":" + name
                if k != features[i].key { byKey[k, default: []].append(i) }
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
                        "[[dedup.\(what)]] names \(k), which is not in this run; the entry has no effect for it."))
                }
            }
            return Array(Set(out)).sorted()
        }
        for list in settings.same {
            let idx = resolve(list, "same")
            for j in idx.dropFirst() { edges.append(Edge(a: idx[0], b: j, rule: .manual)) }
        }
        var uf = UnionFind(count: n)
        for list in settings.different {
            let idx = resolve(list, "different")
            for x in idx { for y in idx where x < y { uf.forbid(x, y) } }
        }

        // 3. Union strong edges in canonical order.
        edges = Array(Set(edges)).sorted { ($0.rule.strength, $0.a, $0.b) < ($1.rule.strength, $1.a, $1.b) }
        var blocked: Set<Edge> = []
        for e in edges where !uf.union(e.a, e.b) { blocked.insert(Edge(a: e.a, b: e.b, rule: e.rule)) }

        // Rule 5: fuzzy title within a publisher / geocoding scope.
        let fuzzy = fuzzyPairs(features)
        var reviewPairs: [Int64: (a: Int, b: Int, score: Double)] = [:]
        for p in fuzzy {
            if settings.autoMergeFuzzy {
                let e = Edge(a: p.a, b: p.b, rule: .fuzzyTitle)
                edges.append(e)
                if !uf.union(p.a, p.b) { blocked.insert(e) }
            } else {
                let ra = uf.find(p.a), rb = uf.find(p.b)
                if ra == rb || !uf.allowed(p.a, p.b) { continue }
                let key = Int64(min(ra, rb)) << 32 | Int64(max(ra, rb))
                if let old = reviewPairs[key], (old.score, -old.a, -old.b) >= (p.score, -p.a, -p.b) { continue }
                reviewPairs[key] = p
            }
        }
        for e in blocked.sorted(by: { ($0.a, $0.b, $0.rule.strength) < ($1.a, $1.b, $1.rule.strength) })
        where uf.find(e.a) != uf.find(e.b) {
            let a = features[e.a], b = features[e.b]
            findings.append(Finding(.note, "dedup.kept-apart", source: a.source, record: datasets[e.a].remoteID, field: nil,
                "\(a.key) and \(b.key) match by \(e.rule.rawValue) but [[dedup.different]] keeps them apart."))
        }

        // 4. Components → clusters and merged datasets.
        var components: [Int: [Int]] = [:]
        for i in 0..<n { components[uf.find(i), default: []].append(i) }
        var rulesByRoot: [Int: Set<DedupRule>] = [:]
        for e in edges where uf.find(e.a) == uf.find(e.b) { rulesByRoot[uf.find(e.a), default: []].insert(e.rule) }

        var out: [Dataset] = []
        out.reserveCapacity(components.count)
        var clusters: [DuplicateCluster] = []
        for (root, members) in components {
            if members.count == 1 {
                out.append(datasets[members[0]])
                continue
            }
            let rules = (rulesByRoot[root] ?? [.manual]).sorted()
            let merge = Merger(settings: settings).merge(members.map { datasets[$0] }, rules: rules, score: nil)
            out.append(merge.dataset)
            clusters.append(merge.cluster)
            findings.append(contentsOf: merge.findings)
        }
        var review: [DuplicateCluster] = []
        for (_, p) in reviewPairs {
            let m = Merger(settings: settings).merge([datasets[p.a], datasets[p.b]], rules: [.fuzzyTitle], score: p.score)
            review.append(m.cluster)
            let other = m.cluster.members[1].key
            let score = (p.score * 100).rounded() / 100
            findings.append(Finding(.note, "dedup.review", source: m.cluster.members[0].source, record: m.cluster.members[0].remoteID,
                field: "title", "Possible duplicate of \(other) (title similarity \(score), same publisher or place, shared host); not merged — list both under [[dedup.same]] or [[dedup.different]]."))
        }
        let outKeys = out.map { [$0.uri, $0.sourceID, $0.remoteID] }
        out = out.indices.sorted { outKeys[$0].lexicographicallyPrecedes(outKeys[$1]) }.map { out[$0] }
        clusters.sort { ($0.survivor, $0.id) < ($1.survivor, $1.id) }
        review.sort { ($0.survivor, $0.id) < ($1.survivor, $1.id) }
        return DedupResult(datasets: out, clusters: clusters, reviewCandidates: review, findings: findings.sorted())
    }

    // MARK: - Fuzzy rule

    /// Candidate pairs for the fuzzy rule, via prefix filtering: tokens are ordered by (document frequency, text);
    /// two token sets with Jaccard ≥ t share a token among the first |x| − ⌈t·|x|⌉ + 1 tokens of each. Posting lists
    /// are keyed by (scope, token), scope being the folded publisher name or one political geocoding URI.
    func fuzzyPairs(_ features: [Features]) -> [(a: Int, b: Int, score: Double)] {
        let t = min(1, max(0.01, settings.fuzzyThreshold))
        var df: [String: Int] = [:]
        for f in features { for tok in f.titleTokens { df[tok, default: 0] += 1 } }
        let ordered = df.keys.sorted { (df[$0]!, $0) < (df[$1]!, $1) }
        var rank: [String: Int32] = [:]
        rank.reserveCapacity(ordered.count)
        for (r, tok) in ordered.enumerated() { rank[tok] = Int32(r) }
        var scopeIDs: [String: Int] = [:]
        var index: [Int: [Int]] = [:]
        var seen: Set<Int> = []
        var ids: [[Int32]] = []
        ids.reserveCapacity(features.count)
        var result: [(a: Int, b: Int, score: Double)] = []
        let cap = max(1, settings.fuzzyBlockCap)
        for (d, f) in features.enumerated() {
            let mine = f.titleTokens.map { rank[$0]! }.sorted()
            ids.append(mine)
            if mine.isEmpty { continue }
            var scopes: [String] = []
            if !f.publisher.isEmpty { scopes.append("p\u{1F}" + f.publisher) }
            for g in f.geocodes { scopes.append("g\u{1F}" + g) }
            let needed = Int((t * Double(mine.count) - 1e-9).rounded(.up))
            let prefix = max(1, min(mine.count, mine.count - needed + 1))
            for scope in scopes {
                let sid: Int
                if let s = scopeIDs[scope] { sid = s } else { sid = scopeIDs.count; scopeIDs[scope] = sid }
                for tok in mine.prefix(prefix) {
                    let key = sid << 32 | Int(tok)
                    if let list = index[key] {
                        if list.count >= cap { continue }
                        for c in list where seen.insert(c << 32 | d).inserted {
                            if let s = fuzzyScore(features[c], ids[c], f, mine, t) { result.append((c, d, s)) }
                        }
                    }
                    // Appended in place (no copy of the posting list held above).
                    index[key, default: []].append(d)
                }
            }
        }
        return result.sorted { ($0.a, $0.b) < ($1.a, $1.b) }
    }

    func fuzzyScore(_ a: Features, _ ta: [Int32], _ b: Features, _ tb: [Int32], _ t: Double) -> Double? {
        if !a.publisher.isEmpty, !b.publisher.isEmpty, a.publisher != b.publisher { return nil }
        if !a.geocodes.isEmpty, !b.geocodes.isEmpty, !Self.intersects(a.geocodes, b.geocodes) { return nil }
        let samePublisher = !a.publisher.isEmpty && a.publisher == b.publisher
        if !samePublisher && !Self.intersects(a.geocodes, b.geocodes) { return nil }
        if a.numbers != b.numbers { return nil }
        if !Self.intersects(a.hosts, b.hosts) { return nil }
        var i = 0, j = 0, inter = 0
        while i < ta.count && j < tb.count {
            if ta[i] == tb[j] { inter += 1; i += 1; j += 1 } else if ta[i] < tb[j] { i += 1 } else { j += 1 }
        }
        let score = Double(inter) / Double(ta.count + tb.count - inter)
        return score + 1e-9 >= t ? score : nil
    }

    // MARK: - Helpers

    static func intersects<T: Comparable>(_ a: [T], _ b: [T]) -> Bool {
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { return true }
            if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return false
    }

    static func distributionKey(_ d: Distribution) -> String {
        let raw = d.downloadURL.flatMap { $0.isEmpty ? nil : $0 } ?? d.accessURL
        return DedupNormalize.url(raw) ?? String(DedupNormalize.trim(raw))
    }

    static func features(_ d: Dataset) -> Features {
        let source = d.sourceID
        let idKey = DedupNormalize.identifierKey(d.identifier)
        let remote = DedupNormalize.trim(d.remoteID).lowercased()
        let landing = d.landingPage.flatMap(DedupNormalize.url)
        var urls: Set<String> = []
        for dist in d.distributions {
            let raw = dist.downloadURL.flatMap { $0.isEmpty ? nil : $0 } ?? dist.accessURL
            if let u = DedupNormalize.url(raw) { urls.insert(u) }
        }
        let distURLs = urls.sorted()
        var hosts = Set(urls.map { DedupNormalize.host(ofNormalized: $0) })
        if let l = landing { hosts.insert(DedupNormalize.host(ofNormalized: l)) }
        let tokens = DedupNormalize.tokens(d.title)
        let unique = Array(Set(tokens))
        let numbers = unique.filter { $0.unicodeScalars.allSatisfy { $0.value >= 0x30 && $0.value <= 0x39 } }.sorted()
        return Features(
            source: source,
            key: source + ":" + d.remoteID,
            idKey: idKey,
            idIsRemoteID: !idKey.isEmpty && idKey == remote,
            landing: landing,
            distURLs: distURLs,
            hosts: hosts.sorted(),
            distGeneric: distURLs.map { DedupNormalize.isGeneric(normalizedURL: $0) },
            landingGeneric: landing.map { DedupNormalize.isGeneric(normalizedURL: $0) } ?? true,
            publisher: d.publisher.map { DedupNormalize.name($0.name) } ?? "",
            geocodes: Set(d.politicalGeocoding.map { DedupNormalize.trim($0).lowercased() }.filter { !$0.isEmpty }).sorted(),
            titleTokens: unique,
            numbers: numbers
        )
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
