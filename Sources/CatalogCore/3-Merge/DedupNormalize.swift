import Foundation

// Pure string normalisation used by the identity rules: URLs, identifiers, names and title tokens.

package enum DedupNormalize {
    /// Tracking parameters dropped from queries (`utm_*` is matched by prefix).
    static let trackingParams: Set<String> = ["fbclid", "gclid", "mc_cid", "mc_eid"]
    /// OGC service types whose capability endpoints are generic (one endpoint serves many datasets).
    static let serviceTypes: Set<String> = ["wms", "wmts", "wfs", "wcs", "csw", "ows", "sos", "wps"]

    /// Removes leading and trailing whitespace (Unicode white space and controls).
    static func trim(_ s: String) -> Substring {
        // First and last scalar printable ASCII: nothing to remove.
        let utf8 = s.utf8
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F { return Substring(s) }
        let scalars = s.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return Substring(scalars[start..<end])
    }

    private static func isSpace(_ u: Unicode.Scalar) -> Bool {
        u.value <= 0x20 || u.value == 0x7F || u.value == 0xA0 || u.properties.isWhitespace
    }

    /// `trim(s).lowercased()`, without Unicode case mapping when the text is ASCII.
    static func trimmedLowercased(_ s: String) -> String {
        var t = String(trim(s))
        // 0: ASCII lower case already, 1: ASCII with upper case, 2: not ASCII
        let kind = t.withUTF8 { b -> Int in
            var upper = false
            for c in b {
                if c >= 0x80 { return 2 }
                if c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") { upper = true }
            }
            return upper ? 1 : 0
        }
        switch kind {
        case 0: return t
        case 1:
            return t.withUTF8 { b in
                String(unsafeUninitializedCapacity: b.count) { out in
                    for k in 0..<b.count { out[k] = lower(b[k]) }
                    return b.count
                }
            }
        default: return t.lowercased()
        }
    }

    /// A normalised URL for comparison, or nil when `raw` is not an absolute `scheme://` URL.
    ///
    /// http and https are folded (the scheme is dropped for them), the host is lower-cased, a leading `www.` and
    /// default ports (80, 443) are removed, the fragment and trailing slashes are dropped, tracking parameters
    /// (`utm_*`, `fbclid`, `gclid`, `mc_cid`, `mc_eid`) are removed and the remaining query parameters sorted.
    /// The path keeps its case (servers are case-sensitive). Works on the UTF-8 bytes in place: one allocation
    /// for the result (and one for the parameter list when there is a query).
    package static func url(_ raw: String) -> String? { parts(raw, full: false)?.url }

    /// A normalised URL with its host and whether it is generic: `url(raw)`, `host(ofNormalized:)` and
    /// `isGeneric(normalizedURL:)` of it, in one pass.
    struct URLParts {
        var url: String
        var host: String
        var generic: Bool
    }

    static func urlParts(_ raw: String) -> URLParts? { parts(raw, full: true) }

    private static func parts(_ raw: String, full: Bool) -> URLParts? {
        // Without white space at either end (the usual case) `trim` would change nothing.
        var fast = false
        let result = raw.utf8.withContiguousStorageIfAvailable { b -> URLParts? in
            guard let first = b.first, let last = b.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F else { return nil }
            fast = true
            return url(bytes: b, full: full)
        }
        if fast, let result { return result }
        var trimmed = String(trim(raw))
        return trimmed.withUTF8 { url(bytes: $0, full: full) }
    }

    private static func url(bytes b: UnsafeBufferPointer<UInt8>, full: Bool) -> URLParts? {
        let n = b.count
        // scheme: letters, `+`, `-`, `.` before `://`
        var i = 0
        while i < n, b[i] != UInt8(ascii: ":") { i += 1 }
        guard i > 0, i + 2 < n, b[i + 1] == UInt8(ascii: "/"), b[i + 2] == UInt8(ascii: "/") else { return nil }
        for k in 0..<i {
            switch b[k] {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."): continue
            default: return nil
            }
        }
        let http = (i == 4 || i == 5) && lower(b[0]) == UInt8(ascii: "h") && lower(b[1]) == UInt8(ascii: "t")
            && lower(b[2]) == UInt8(ascii: "t") && lower(b[3]) == UInt8(ascii: "p") && (i == 4 || lower(b[4]) == UInt8(ascii: "s"))
        let restStart = i + 3
        let end = find(UInt8(ascii: "#"), in: b, restStart, n)
        let qStart = find(UInt8(ascii: "?"), in: b, restStart, end)
        let slash = find(UInt8(ascii: "/"), in: b, restStart, qStart)
        // authority: user info dropped, default port, trailing dot and `www.` removed; lower-cased when written
        var aStart = restStart
        for k in restStart..<slash where b[k] == UInt8(ascii: "@") { aStart = k + 1 }
        var aEnd = slash
        if aEnd - aStart > 3, b[aEnd - 3] == UInt8(ascii: ":"), b[aEnd - 2] == UInt8(ascii: "8"), b[aEnd - 1] == UInt8(ascii: "0") {
            aEnd -= 3
        }
        if aEnd - aStart > 4, b[aEnd - 4] == UInt8(ascii: ":"), b[aEnd - 3] == UInt8(ascii: "4"), b[aEnd - 2] == UInt8(ascii: "4"),
           b[aEnd - 1] == UInt8(ascii: "3") {
            aEnd -= 4
        }
        if aEnd > aStart, b[aEnd - 1] == UInt8(ascii: ".") { aEnd -= 1 }
        if aEnd - aStart > 4, lower(b[aStart]) == UInt8(ascii: "w"), lower(b[aStart + 1]) == UInt8(ascii: "w"),
           lower(b[aStart + 2]) == UInt8(ascii: "w"), b[aStart + 3] == UInt8(ascii: ".") {
            aStart += 4
        }
        guard aEnd > aStart else { return nil }
        var pathEnd = qStart
        while pathEnd > slash, b[pathEnd - 1] == UInt8(ascii: "/") { pathEnd -= 1 }
        // query parameters (empty ones dropped, tracking ones removed), sorted bytewise
        var params: [Range<Int>] = []
        if qStart < end {
            var k = qStart + 1
            while k < end {
                var e = k
                while e < end, b[e] != UInt8(ascii: "&") { e += 1 }
                if e > k && !isTrackingParameter(b, k, e) { params.append(k..<e) }
                k = e + 1
            }
            params.sort { x, y in
                let m = min(x.count, y.count)
                for o in 0..<m where b[x.lowerBound + o] != b[y.lowerBound + o] { return b[x.lowerBound + o] < b[y.lowerBound + o] }
                return x.count < y.count
            }
        }
        let capacity = (http ? 0 : i + 3) + (aEnd - aStart) + (pathEnd - slash) + (end - qStart)
        var host = "", generic = false
        let url = String(unsafeUninitializedCapacity: capacity) { out in
            var w = 0
            func copy(_ from: Int, _ to: Int) {
                guard to > from else { return }
                (out.baseAddress! + w).initialize(from: b.baseAddress! + from, count: to - from)
                w += to - from
            }
            if !http {
                for k in 0..<i { out[w] = lower(b[k]); w += 1 }
                for c in "://".utf8 { out[w] = c; w += 1 }
            }
            for k in aStart..<aEnd { out[w] = lower(b[k]); w += 1 }
            copy(slash, pathEnd)
            for (p, r) in params.enumerated() {
                out[w] = p == 0 ? UInt8(ascii: "?") : UInt8(ascii: "&")
                w += 1
                copy(r.lowerBound, r.upperBound)
            }
            if full {
                let written = UnsafeBufferPointer(rebasing: out[0..<w])
                host = String(decoding: UnsafeBufferPointer(rebasing: written[hostRange(written)]), as: UTF8.self)
                generic = isGeneric(bytes: written)
            }
            return w
        }
        return URLParts(url: url, host: host, generic: generic)
    }

    /// The first index of `c` in `b[from..<to]`, or `to`.
    @inline(__always)
    private static func find(_ c: UInt8, in b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int {
        guard to > from, let base = b.baseAddress, let hit = memchr(base + from, Int32(c), to - from) else { return to }
        return base.distance(to: UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)))
    }

    @inline(__always)
    private static func lower(_ c: UInt8) -> UInt8 { c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") ? c + 32 : c }

    /// Whether the query parameter in `b[start..<end]` has a tracking key (`utm_*`, `fbclid`, `gclid`, `mc_cid`, `mc_eid`; any case).
    private static func isTrackingParameter(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var keyEnd = start
        var ascii = true
        while keyEnd < end, b[keyEnd] != UInt8(ascii: "=") {
            if b[keyEnd] >= 0x80 { ascii = false }
            keyEnd += 1
        }
        guard ascii else {
            // Unicode lower-casing and String comparison, as for any other key text.
            let key = String(decoding: UnsafeBufferPointer(rebasing: b[start..<keyEnd]), as: UTF8.self).lowercased()
            return key.hasPrefix("utm_") || trackingParams.contains(key)
        }
        func keyIs(_ s: StaticString, prefix: Bool = false) -> Bool {
            let count = s.utf8CodeUnitCount
            guard prefix ? keyEnd - start >= count : keyEnd - start == count else { return false }
            let p = s.utf8Start
            for o in 0..<count where lower(b[start + o]) != p[o] { return false }
            return true
        }
        return keyIs("utm_", prefix: true) || keyIs("fbclid") || keyIs("gclid") || keyIs("mc_cid") || keyIs("mc_eid")
    }

    /// The host of a normalised URL (as returned by `url(_:)`).
    static func host(ofNormalized n: String) -> String {
        var n = n
        return n.withUTF8 { b in String(decoding: UnsafeBufferPointer(rebasing: b[hostRange(b)]), as: UTF8.self) }
    }

    private static func hostRange(_ b: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var start = 0
        let c = find(UInt8(ascii: ":"), in: b, 0, b.count)
        if c + 2 < b.count, b[c + 1] == UInt8(ascii: "/"), b[c + 2] == UInt8(ascii: "/") { start = c + 3 }
        var end = start
        while end < b.count, b[end] != UInt8(ascii: "/"), b[end] != UInt8(ascii: "?"), b[end] != UInt8(ascii: ":") { end += 1 }
        return start..<end
    }

    /// True for a normalised URL that cannot identify one dataset: a bare host (portal home) or an OGC service
    /// capabilities endpoint (`request=GetCapabilities`, a `service=` query without a layer/type name, or a path
    /// ending in `/wms`, `/wfs` … without a query).
    package static func isGeneric(normalizedURL n: String) -> Bool {
        var n = n
        return n.withUTF8 { isGeneric(bytes: $0) }
    }

    private static func isGeneric(bytes b: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        let c = find(UInt8(ascii: ":"), in: b, 0, b.count)
        if c + 2 < b.count, b[c + 1] == UInt8(ascii: "/"), b[c + 2] == UInt8(ascii: "/") { start = c + 3 }
        var slash = start
        while slash < b.count, b[slash] != UInt8(ascii: "/"), b[slash] != UInt8(ascii: "?") { slash += 1 }
        if slash == b.count { return true }
        let q = find(UInt8(ascii: "?"), in: b, slash, b.count)
        if q == b.count {
            // No query: generic when the last path segment names a service type (…/wms).
            var lastSlash = b.count - 1
            while b[lastSlash] != UInt8(ascii: "/") { lastSlash -= 1 }
            let seg = UnsafeBufferPointer(rebasing: b[(lastSlash + 1)...])
            guard seg.count >= 3 && seg.count <= 4 else { return false }
            if seg.contains(where: { $0 >= 0x80 }) { return serviceTypes.contains(String(decoding: seg, as: UTF8.self).lowercased()) }
            return serviceTypes.contains(String(decoding: seg.map(lower), as: UTF8.self))
        }
        if q == slash && slash == b.count - 1 { return true }
        let query = UnsafeBufferPointer(rebasing: b[(q + 1)...])
        if query.contains(where: { $0 >= 0x80 }) { return isGenericQuery(String(decoding: query, as: UTF8.self)) }
        // ASCII: the same test on bytes (`&` and `=` never join a neighbour into one Character here).
        var hasService = false, hasLayer = false
        var k = 0
        while k < query.count {
            var e = k
            while e < query.count, query[e] != UInt8(ascii: "&") { e += 1 }
            if e > k {
                var eq = k
                while eq < e, query[eq] != UInt8(ascii: "=") { eq += 1 }
                let key = UnsafeBufferPointer(rebasing: query[k..<eq])
                let value = eq < e ? UnsafeBufferPointer(rebasing: query[(eq + 1)..<e]) : UnsafeBufferPointer(rebasing: query[e..<e])
                func equals(_ x: UnsafeBufferPointer<UInt8>, _ s: StaticString) -> Bool {
                    guard x.count == s.utf8CodeUnitCount else { return false }
                    for o in 0..<x.count where lower(x[o]) != s.utf8Start[o] { return false }
                    return true
                }
                if equals(key, "request") && equals(value, "getcapabilities") { return true }
                if equals(key, "service") && value.count >= 3 && value.count <= 4
                    && serviceTypes.contains(String(decoding: value.map(lower), as: UTF8.self)) {
                    hasService = true
                }
                if equals(key, "layers") || equals(key, "typename") || equals(key, "typenames") || equals(key, "coverageid")
                    || equals(key, "layer") || equals(key, "id") {
                    hasLayer = true
                }
            }
            k = e + 1
        }
        return hasService && !hasLayer
    }

    /// The query test of `isGeneric` on text (any script): lower-cased, split into `key=value` parts.
    private static func isGenericQuery(_ raw: String) -> Bool {
        let query = raw.lowercased()
        var hasService = false
        var hasLayer = false
        for part in query.split(separator: "&") {
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let k = kv[0]
            let v = kv.count > 1 ? kv[1] : ""
            if k == "request" && v == "getcapabilities" { return true }
            if k == "service" && serviceTypes.contains(String(v)) { hasService = true }
            if k == "layers" || k == "typename" || k == "typenames" || k == "coverageid" || k == "layer" || k == "id" { hasLayer = true }
        }
        return hasService && !hasLayer
    }

    /// A key for identifier-like values: a normalised URL when the value is a URL, otherwise trimmed and lower-cased.
    package static func identifierKey(_ raw: String) -> String {
        if let u = url(raw) { return u }
        return trimmedLowercased(raw)
    }

    /// Appends the folded form of one scalar (UTF-8) to `out` and returns whether it was a letter or digit.
    /// Folding: lower case, ä/ö/ü → ae/oe/ue, ß → ss, Latin-1 diacritics stripped, combining marks dropped
    /// (a combining diaeresis after a, o, u becomes `e`).
    @inline(__always)
    private static func fold(_ u: Unicode.Scalar, into out: inout [UInt8]) -> Bool {
        let v = u.value
        switch v {
        case 0x30...0x39, 0x61...0x7A: out.append(UInt8(v)); return true
        case 0x41...0x5A: out.append(UInt8(v + 32)); return true
        case 0xC4, 0xE4: out.append(UInt8(ascii: "a")); out.append(UInt8(ascii: "e")); return true
        case 0xD6, 0xF6: out.append(UInt8(ascii: "o")); out.append(UInt8(ascii: "e")); return true
        case 0xDC, 0xFC: out.append(UInt8(ascii: "u")); out.append(UInt8(ascii: "e")); return true
        case 0xDF, 0x1E9E: out.append(UInt8(ascii: "s")); out.append(UInt8(ascii: "s")); return true
        case 0xC0...0xC3, 0xC5, 0xE0...0xE3, 0xE5: out.append(UInt8(ascii: "a")); return true
        case 0xC7, 0xE7: out.append(UInt8(ascii: "c")); return true
        case 0xC8...0xCB, 0xE8...0xEB: out.append(UInt8(ascii: "e")); return true
        case 0xCC...0xCF, 0xEC...0xEF: out.append(UInt8(ascii: "i")); return true
        case 0xD1, 0xF1: out.append(UInt8(ascii: "n")); return true
        case 0xD2...0xD5, 0xD8, 0xF2...0xF5, 0xF8: out.append(UInt8(ascii: "o")); return true
        case 0xD9...0xDB, 0xF9...0xFB: out.append(UInt8(ascii: "u")); return true
        case 0xDD, 0xFD, 0xFF: out.append(UInt8(ascii: "y")); return true
        case 0x308:
            // UTF-8 continuation bytes are ≥ 0x80, so an ASCII last byte is the last scalar.
            if let last = out.last, last == UInt8(ascii: "a") || last == UInt8(ascii: "o") || last == UInt8(ascii: "u") {
                out.append(UInt8(ascii: "e"))
            }
            return true
        default:
            if v < 0x80 { return false }
            let p = u.properties
            if p.generalCategory == .nonspacingMark { return true }
            if p.isAlphabetic || p.numericType != nil {
                out.append(contentsOf: String(u).lowercased().utf8)
                return true
            }
            return false
        }
    }

    /// Calls `body` with the UTF-8 bytes of each folded word token of `s` (see `fold`); every other character
    /// separates tokens. The buffer is reused: copy what you keep.
    @inline(__always)
    static func forEachToken(_ s: String, _ body: ([UInt8]) -> Void) {
        var current: [UInt8] = []
        current.reserveCapacity(32)
        for u in s.unicodeScalars where !fold(u, into: &current) {
            if !current.isEmpty {
                body(current)
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { body(current) }
    }

    /// Folded word tokens of a text (see `fold`); every other character separates tokens.
    package static func tokens(_ s: String) -> [String] {
        var result: [String] = []
        forEachToken(s) { result.append(String(decoding: $0, as: UTF8.self)) }
        return result
    }

    /// A folded name for comparing publishers: tokens joined by one space.
    package static func name(_ s: String) -> String {
        var out: [UInt8] = []
        forEachToken(s) { token in
            if !out.isEmpty { out.append(UInt8(ascii: " ")) }
            out.append(contentsOf: token)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// 64-bit FNV-1a of the UTF-8 bytes, as 16 lower-case hex digits (stable across runs and platforms).
    package static func stableHash(_ s: String) -> String { stableHash(bytes: s.utf8) }

    /// `stableHash` of the UTF-8 text `bytes`, without making a `String` of them first.
    package static func stableHash<Bytes: Sequence<UInt8>>(bytes: Bytes) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
