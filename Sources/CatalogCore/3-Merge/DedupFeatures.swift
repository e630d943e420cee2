import Foundation

// The per-dataset features the identity rules compare, and the flat integer structures they live in: normalised
// strings are computed in parallel (`rawFeatures`), then interned to ids (`Features`).

extension Deduplicator {
    /// The normalised strings of one dataset that the rules need (computed in parallel, then interned). Split in
    /// two so that the two interning threads touch disjoint objects.
    struct RawFeatures {
        var keys: RawKeys
        var terms: RawTerms
    }

    /// URLs, and the values rule 2 links (as numbers of derivedFrom keys, -1 when no derivedFrom names them).
    struct RawKeys {
        var landing: String?
        /// Portal home or service endpoint (true when there is no landing page).
        var landingGeneric: Bool
        /// Normalised distribution URLs (download URL, else access URL), with their generic flags.
        var dist: [String]
        var distGeneric: [Bool]
        /// Some distribution URL contains a line break.
        var distNewline: Bool
        /// Hosts of the landing page and distribution URLs.
        var hosts: [String]
        var idKeyD: Int32
        var uriKeyD: Int32
        /// Normalised, not generic provenance URLs that some derivedFrom names.
        var provD: [Int32]
        /// This dataset's own derivedFrom keys.
        var derivedD: [Int32]
    }

    struct RawTerms {
        var idKey: String
        /// True when `identifier` is just the record's own remote id (CKAN uuid fallback).
        var idIsRemoteID: Bool
        var publisher: String
        var geocodes: [String]
        var tokens: [String]
        /// The all-digit title tokens, sorted, unique, joined by spaces.
        var numbers: String
    }

    static func rawFeatures(_ d: Dataset, derived: [String: Int32]) -> RawFeatures {
        let idKey = DedupNormalize.identifierKey(d.identifier)
        let remote = DedupNormalize.trimmedLowercased(d.remoteID)
        let landing = d.landingPage.flatMap(DedupNormalize.urlParts)
        var dist: [String] = [], distGeneric: [Bool] = [], hosts: [String] = []
        var distNewline = false
        dist.reserveCapacity(d.distributions.count)
        distGeneric.reserveCapacity(d.distributions.count)
        hosts.reserveCapacity(d.distributions.count + 1)
        func addHost(_ h: String) { if !hosts.contains(h) { hosts.append(h) } }
        for x in d.distributions {
            let raw = x.downloadURL.flatMap { $0.isEmpty ? nil : $0 } ?? x.accessURL
            if let u = DedupNormalize.urlParts(raw) {
                dist.append(u.url)
                distGeneric.append(u.generic)
                addHost(u.host)
                if !distNewline { distNewline = !u.url.allUTF8 { $0 != 0x0A } }
            }
        }
        if let l = landing { addHost(l.host) }
        var provD: [Int32] = [], derivedD: [Int32] = []
        var idKeyD: Int32 = -1, uriKeyD: Int32 = -1
        if !derived.isEmpty {
            for p in d.provenance {
                if let u = p.url, let k = DedupNormalize.urlParts(u), !k.generic, let id = derived[k.url] { provD.append(id) }
            }
            if !idKey.isEmpty { idKeyD = derived[idKey] ?? -1 }
            uriKeyD = derived[DedupNormalize.identifierKey(d.uri)] ?? -1
            for v in d.derivedFrom {
                if let k = derivedKey(v), let id = derived[k] { derivedD.append(id) }
            }
        }
        var tokens: [String] = [], numbers: [String] = []
        tokens.reserveCapacity(8)
        DedupNormalize.forEachToken(d.title) { bytes in
            let token = String(decoding: bytes, as: UTF8.self)
            tokens.append(token)
            if bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { numbers.append(token) }
        }
        if numbers.count > 1 { numbers = Array(Set(numbers)).sorted() }
        let keys = RawKeys(
            landing: landing?.url, landingGeneric: landing?.generic ?? true,
            dist: dist, distGeneric: distGeneric, distNewline: distNewline, hosts: hosts, idKeyD: idKeyD, uriKeyD: uriKeyD, provD: provD, derivedD: derivedD)
        let terms = RawTerms(
            idKey: idKey, idIsRemoteID: !idKey.isEmpty && idKey == remote,
            publisher: d.publisher.map { DedupNormalize.name($0.name) } ?? "",
            geocodes: d.politicalGeocoding.compactMap { let g = DedupNormalize.trimmedLowercased($0); return g.isEmpty ? nil : g },
            tokens: tokens, numbers: numbers.joined(separator: " "))
        return RawFeatures(keys: keys, terms: terms)
    }
}

/// Lists of ids per dataset in one flat array: dataset i owns `items[start[i]..<start[i + 1]]`.
struct CSR {
    var start: [Int32] = [0]
    var items: [Int32] = []

    /// Ends the current dataset's list.
    mutating func close() { start.append(Int32(items.count)) }

    @inline(__always)
    func range(_ i: Int) -> Range<Int> { Int(start[i])..<Int(start[i + 1]) }

    @inline(__always)
    func isEmpty(_ i: Int) -> Bool { start[i] == start[i + 1] }

    func contains(_ i: Int, _ id: Int32) -> Bool {
        for k in range(i) where items[k] == id { return true }
        return false
    }

    /// Whether the (ascending) lists of i and j share an id.
    func intersects(_ i: Int, _ j: Int) -> Bool {
        var x = Int(start[i]), y = Int(start[j])
        let xe = Int(start[i + 1]), ye = Int(start[j + 1])
        while x < xe && y < ye {
            if items[x] == items[y] { return true }
            if items[x] < items[y] { x += 1 } else { y += 1 }
        }
        return false
    }

    /// Sorts each list and removes repeated ids; `flags` (parallel to items) follow their ids.
    mutating func sortUnique(_ flags: inout [Bool]) {
        var w = 0
        var newStart: [Int32] = [0]
        newStart.reserveCapacity(start.count)
        var pairs: [(Int32, Bool)] = []
        for i in 0..<(start.count - 1) {
            let r = range(i)
            if r.count == 1 {
                items[w] = items[r.lowerBound]
                if !flags.isEmpty { flags[w] = flags[r.lowerBound] }
                w += 1
            } else if r.count > 1 {
                pairs.removeAll(keepingCapacity: true)
                for k in r { pairs.append((items[k], flags.isEmpty ? false : flags[k])) }
                pairs.sort { $0.0 < $1.0 }
                for (k, p) in pairs.enumerated() where k == 0 || p.0 != pairs[k - 1].0 {
                    items[w] = p.0
                    if !flags.isEmpty { flags[w] = p.1 }
                    w += 1
                }
            }
            newStart.append(Int32(w))
        }
        items.removeLast(items.count - w)
        if !flags.isEmpty { flags.removeLast(flags.count - w) }
        start = newStart
    }

    mutating func sortUnique() {
        var none: [Bool] = []
        sortUnique(&none)
    }
}

/// Items grouped by key (key < 0: none), each group's members in the order given (ascending datasets).
struct Groups {
    var start: [Int32]
    var members: [Int32]
    var count: Int { start.count - 1 }

    init(keys: [Int32], items: [Int32]? = nil, space: Int) {
        start = [Int32](repeating: 0, count: space + 1)
        for k in keys where k >= 0 { start[Int(k) + 1] += 1 }
        for g in 0..<space { start[g + 1] += start[g] }
        var fill = start
        members = [Int32](repeating: 0, count: Int(start[space]))
        for (x, k) in keys.enumerated() where k >= 0 {
            members[Int(fill[Int(k)])] = items?[x] ?? Int32(x)
            fill[Int(k)] += 1
        }
    }

    @inline(__always)
    func size(_ g: Int) -> Int { Int(start[g + 1] - start[g]) }
}

/// How many datasets of each source use a value (value ids of one namespace). Most values have one source: that
/// count is kept in arrays, other sources' counts in a dictionary.
struct SourceCounter {
    private var firstSource: [Int32]
    private var firstCount: [Int32]
    private var other: [Int: Int32] = [:]

    init(space: Int) {
        firstSource = [Int32](repeating: -1, count: space)
        firstCount = [Int32](repeating: 0, count: space)
    }

    mutating func add(_ source: Int32, _ id: Int32) {
        let k = Int(id)
        if firstSource[k] == source {
            firstCount[k] += 1
        } else if firstSource[k] < 0 {
            firstSource[k] = source
            firstCount[k] = 1
        } else {
            other[k << 32 | Int(source), default: 0] += 1
        }
    }

    func count(_ source: Int32, _ id: Int32) -> Int {
        let k = Int(id)
        if firstSource[k] == source { return Int(firstCount[k]) }
        if firstSource[k] < 0 || other.isEmpty { return 0 }
        return Int(other[k << 32 | Int(source)] ?? 0)
    }
}

/// The interned features of all datasets (by canonical position). URLs (landing pages and distribution URLs) share
/// one id namespace ("keys") whose first `derivedCount` ids are the derivedFrom keys, so a URL equal to a
/// derivedFrom value has that value's id; identifier keys, tokens, hosts, publishers, geocodings, numbers and
/// sources have namespaces of their own.
struct Features {
    let count: Int
    // keys
    var keyCount = 0
    var derivedCount = 0
    /// Only kept when some distribution URL contains a line break (see URL sets in `run`).
    var keyStrings: [String] = []
    var keyHasNewline = false
    var landing: [Int32] = []
    var landingGeneric: [Bool] = []
    /// Sorted, unique; `distGeneric` parallel to `dist.items`.
    var dist = CSR()
    var distGeneric: [Bool] = []
    /// Rule 2 values as derivedFrom key ids (-1: none).
    var idKeyD: [Int32] = []
    var uriKeyD: [Int32] = []
    var prov = CSR()
    var derived = CSR()
    // terms
    var idKeyCount = 0
    var idKey: [Int32] = []
    var idIsRemoteID: [Bool] = []
    var src: [Int32] = []
    var tok = CSR()
    var tokenStrings: [String] = []
    var host = CSR()
    var publisher: [Int32] = []
    var publisherStrings: [String] = []
    var geo = CSR()
    var geoStrings: [String] = []
    var numbers: [Int32] = []

    /// Interns `raw` on two threads: URLs and hosts on one, everything else on the other. `source`: source ids.
    init(_ raw: [Deduplicator.RawFeatures], source: [Int32], derived: [String]) {
        var keys = Features(empty: raw.count), terms = Features(empty: raw.count)
        raw.withUnsafeBufferPointer { raw in
            ParallelMap.forEach(2) { part in
                if part == 0 { keys.internKeys(raw, derived: derived) } else { terms.internTerms(raw) }
            }
        }
        self = keys
        src = source
        idKeyCount = terms.idKeyCount; idKey = terms.idKey; idIsRemoteID = terms.idIsRemoteID
        tok = terms.tok; tokenStrings = terms.tokenStrings
        publisher = terms.publisher; publisherStrings = terms.publisherStrings; geo = terms.geo; geoStrings = terms.geoStrings
        numbers = terms.numbers
    }

    private init(empty count: Int) { self.count = count }

    private mutating func internKeys(_ raw: UnsafeBufferPointer<Deduplicator.RawFeatures>, derived: [String]) {
        keyHasNewline = raw.indices.contains { raw[$0].keys.distNewline }
        var ids: [String: Int32] = [:], hosts: [String: Int32] = [:]
        ids.reserveCapacity(count * 3 + derived.count)
        for s in derived { _ = Deduplicator.intern(s, &ids) }
        derivedCount = derived.count
        if keyHasNewline { keyStrings = derived }
        func id(_ s: String) -> Int32 {
            let k = Deduplicator.intern(s, &ids)
            if keyHasNewline && Int(k) == keyStrings.count { keyStrings.append(s) }
            return k
        }
        landing.reserveCapacity(count); landingGeneric.reserveCapacity(count)
        idKeyD.reserveCapacity(count); uriKeyD.reserveCapacity(count)
        for i in 0..<count {
            landing.append(raw[i].keys.landing.map(id) ?? -1)
            landingGeneric.append(raw[i].keys.landingGeneric)
            for u in raw[i].keys.dist { dist.items.append(id(u)) }
            distGeneric += raw[i].keys.distGeneric
            dist.close()
            idKeyD.append(raw[i].keys.idKeyD)
            uriKeyD.append(raw[i].keys.uriKeyD)
            prov.items += raw[i].keys.provD
            prov.close()
            self.derived.items += raw[i].keys.derivedD
            self.derived.close()
            for s in raw[i].keys.hosts { host.items.append(Deduplicator.intern(s, &hosts)) }
            host.close()
        }
        dist.sortUnique(&distGeneric)
        host.sortUnique()
        keyCount = ids.count
    }

    private mutating func internTerms(_ raw: UnsafeBufferPointer<Deduplicator.RawFeatures>) {
        var idKeys: [String: Int32] = [:], tokens: [String: Int32] = [:]
        var publishers: [String: Int32] = [:], geos: [String: Int32] = [:], numberIDs: [String: Int32] = [:]
        idKeys.reserveCapacity(count)
        idKey.reserveCapacity(count); idIsRemoteID.reserveCapacity(count)
        publisher.reserveCapacity(count); numbers.reserveCapacity(count)
        for i in 0..<count {
            let r = raw[i].terms
            idKey.append(r.idKey.isEmpty ? -1 : Deduplicator.intern(r.idKey, &idKeys))
            idIsRemoteID.append(r.idIsRemoteID)
            for s in r.tokens {
                let k = Deduplicator.intern(s, &tokens)
                if Int(k) == tokenStrings.count { tokenStrings.append(s) }
                tok.items.append(k)
            }
            tok.close()
            if r.publisher.isEmpty {
                publisher.append(-1)
            } else {
                let k = Deduplicator.intern(r.publisher, &publishers)
                if Int(k) == publisherStrings.count { publisherStrings.append(r.publisher) }
                publisher.append(k)
            }
            for s in r.geocodes {
                let k = Deduplicator.intern(s, &geos)
                if Int(k) == geoStrings.count { geoStrings.append(s) }
                geo.items.append(k)
            }
            geo.close()
            numbers.append(Deduplicator.intern(r.numbers, &numberIDs))
        }
        idKeyCount = idKeys.count
        tok.sortUnique()
        geo.sortUnique()
    }
}

/// The UTF-8 bytes of many strings in one buffer, to sort them without touching the strings: two ASCII strings
/// compare bytewise exactly as Swift compares them; any other pair is left to String comparison.
final class PackedStrings: @unchecked Sendable {
    private let bytes: UnsafeMutablePointer<UInt8>
    /// String k is `bytes[start[k]..<start[k + 1]]`.
    private let start: UnsafeMutablePointer<Int>
    private let ascii: UnsafeMutablePointer<Bool>

    init(count: Int, _ string: (Int) -> String) {
        var strings: [String] = []
        strings.reserveCapacity(count)
        var total = 0
        for k in 0..<count {
            strings.append(string(k))
            total += strings[k].utf8.count
        }
        bytes = .allocate(capacity: max(1, total))
        start = .allocate(capacity: count + 1)
        ascii = .allocate(capacity: max(1, count))
        var w = 0
        start[0] = 0
        for k in 0..<count {
            ascii[k] = strings[k].withUTF8 { b -> Bool in
                guard let base = b.baseAddress else { return true }
                (bytes + w).initialize(from: base, count: b.count)
                w += b.count
                var high: UInt8 = 0
                for c in b { high |= c }
                return high < 0x80
            }
            start[k + 1] = w
        }
    }

    deinit {
        bytes.deallocate()
        start.deallocate()
        ascii.deallocate()
    }

    /// -1, 0 or 1 when both strings are ASCII; nil otherwise.
    @inline(__always)
    func compare(_ a: Int, _ b: Int) -> Int? {
        guard ascii[a] && ascii[b] else { return nil }
        let la = start[a + 1] - start[a], lb = start[b + 1] - start[b]
        let c = memcmp(bytes + start[a], bytes + start[b], min(la, lb))
        if c != 0 { return c < 0 ? -1 : 1 }
        return la == lb ? 0 : (la < lb ? -1 : 1)
    }
}
