import Foundation

// Pure string normalisation used by the identity rules: URLs, identifiers, names and title tokens.

package enum DedupNormalize {
    /// Tracking parameters dropped from queries (`utm_*` is matched by prefix).
    static let trackingParams: Set<String> = ["fbclid", "gclid", "mc_cid", "mc_eid"]
    /// OGC service types whose capability endpoints are generic (one endpoint serves many datasets).
    static let serviceTypes: Set<String> = ["wms", "wmts", "wfs", "wcs", "csw", "ows", "sos", "wps"]

    /// Removes leading and trailing whitespace (Unicode white space and controls).
    static func trim(_ s: String) -> Substring {
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

    /// A normalised URL for comparison, or nil when `raw` is not an absolute `scheme://` URL.
    ///
    /// http and https are folded (the scheme is dropped for them), the host is lower-cased, a leading `www.` and
    /// default ports (80, 443) are removed, the fragment and trailing slashes are dropped, tracking parameters
    /// (`utm_*`, `fbclid`, `gclid`, `mc_cid`, `mc_eid`) are removed and the remaining query parameters sorted.
    /// The path keeps its case (servers are case-sensitive).
    package static func url(_ raw: String) -> String? {
        let b = Array(trim(raw).utf8)
        // scheme
        var i = 0
        while i < b.count, b[i] != UInt8(ascii: ":") { i += 1 }
        guard i > 0, i + 2 < b.count, b[i + 1] == UInt8(ascii: "/"), b[i + 2] == UInt8(ascii: "/") else { return nil }
        var scheme: [UInt8] = []
        for c in b[0..<i] {
            switch c {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."): scheme.append(c)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): scheme.append(c + 32)
            default: return nil
            }
        }
        var end = b.count
        if let h = b.firstIndex(of: UInt8(ascii: "#")), h > i { end = h }
        let restStart = i + 3
        var qStart = end
        if let q = b[restStart..<end].firstIndex(of: UInt8(ascii: "?")) { qStart = q }
        let slash = b[restStart..<qStart].firstIndex(of: UInt8(ascii: "/")) ?? qStart
        var authority = Array(b[restStart..<slash])
        if let at = authority.lastIndex(of: UInt8(ascii: "@")) { authority.removeSubrange(0...at) }
        for k in authority.indices where authority[k] >= UInt8(ascii: "A") && authority[k] <= UInt8(ascii: "Z") { authority[k] += 32 }
        if authority.count > 3, authority.suffix(3).elementsEqual(":80".utf8) { authority.removeLast(3) }
        if authority.count > 4, authority.suffix(4).elementsEqual(":443".utf8) { authority.removeLast(4) }
        if authority.last == UInt8(ascii: ".") { authority.removeLast() }
        if authority.count > 4, authority.prefix(4).elementsEqual("www.".utf8) { authority.removeFirst(4) }
        guard !authority.isEmpty else { return nil }
        var pathEnd = qStart
        while pathEnd > slash, b[pathEnd - 1] == UInt8(ascii: "/") { pathEnd -= 1 }
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        if !(scheme.elementsEqual("http".utf8) || scheme.elementsEqual("https".utf8)) {
            out += scheme
            out += "://".utf8
        }
        out += authority
        out += b[slash..<pathEnd]
        if qStart < end {
            var params: [ArraySlice<UInt8>] = []
            for part in b[(qStart + 1)..<end].split(separator: UInt8(ascii: "&")) {
                let keyEnd = part.firstIndex(of: UInt8(ascii: "=")) ?? part.endIndex
                let key = String(decoding: part[part.startIndex..<keyEnd], as: UTF8.self).lowercased()
                if key.hasPrefix("utm_") || trackingParams.contains(key) { continue }
                params.append(part)
            }
            if !params.isEmpty {
                params.sort { $0.lexicographicallyPrecedes($1) }
                out.append(UInt8(ascii: "?"))
                for (k, p) in params.enumerated() {
                    if k > 0 { out.append(UInt8(ascii: "&")) }
                    out += p
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The host of a normalised URL (as returned by `url(_:)`).
    static func host(ofNormalized n: String) -> String {
        let b = n.utf8
        var start = b.startIndex
        if let c = b.firstIndex(of: UInt8(ascii: ":")), b[b.index(after: c)...].starts(with: "//".utf8) {
            start = b.index(c, offsetBy: 3)
        }
        var end = start
        while end < b.endIndex, b[end] != UInt8(ascii: "/"), b[end] != UInt8(ascii: "?"), b[end] != UInt8(ascii: ":") { end = b.index(after: end) }
        return String(n[start..<end])
    }

    /// True for a normalised URL that cannot identify one dataset: a bare host (portal home) or an OGC service
    /// capabilities endpoint (`request=GetCapabilities`, a `service=` query without a layer/type name, or a path
    /// ending in `/wms`, `/wfs` … without a query).
    package static func isGeneric(normalizedURL n: String) -> Bool {
        let b = Array(n.utf8)
        var start = 0
        if let c = b.firstIndex(of: UInt8(ascii: ":")), c + 2 < b.count, b[c + 1] == UInt8(ascii: "/"), b[c + 2] == UInt8(ascii: "/") {
            start = c + 3
        }
        guard let slash = b[start...].firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") }) else { return true }
        let q = b[slash...].firstIndex(of: UInt8(ascii: "?"))
        guard let q else {
            // No query: generic when the last path segment names a service type (…/wms).
            let lastSlash = b.lastIndex(of: UInt8(ascii: "/")) ?? slash
            let seg = b[(lastSlash + 1)...]
            guard seg.count >= 3 && seg.count <= 4 else { return false }
            return serviceTypes.contains(String(decoding: seg, as: UTF8.self).lowercased())
        }
        if q == slash && slash == b.count - 1 { return true }
        let query = String(decoding: b[(q + 1)...], as: UTF8.self).lowercased()
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
        return trim(raw).lowercased()
    }

    /// Appends the folded form of one scalar to `out` and returns whether it was a letter or digit.
    /// Folding: lower case, ä/ö/ü → ae/oe/ue, ß → ss, Latin-1 diacritics stripped, combining marks dropped
    /// (a combining diaeresis after a, o, u becomes `e`).
    @inline(__always)
    private static func fold(_ u: Unicode.Scalar, into out: inout String) -> Bool {
        let v = u.value
        switch v {
        case 0x30...0x39, 0x61...0x7A: out.unicodeScalars.append(u); return true
        case 0x41...0x5A: out.unicodeScalars.append(Unicode.Scalar(v + 32)!); return true
        case 0xC4, 0xE4: out += "ae"; return true
        case 0xD6, 0xF6: out += "oe"; return true
        case 0xDC, 0xFC: out += "ue"; return true
        case 0xDF, 0x1E9E: out += "ss"; return true
        case 0xC0...0xC3, 0xC5, 0xE0...0xE3, 0xE5: out += "a"; return true
        case 0xC7, 0xE7: out += "c"; return true
        case 0xC8...0xCB, 0xE8...0xEB: out += "e"; return true
        case 0xCC...0xCF, 0xEC...0xEF: out += "i"; return true
        case 0xD1, 0xF1: out += "n"; return true
        case 0xD2...0xD5, 0xD8, 0xF2...0xF5, 0xF8: out += "o"; return true
        case 0xD9...0xDB, 0xF9...0xFB: out += "u"; return true
        case 0xDD, 0xFD, 0xFF: out += "y"; return true
        case 0x308:
            if let last = out.unicodeScalars.last, last == "a" || last == "o" || last == "u" { out += "e" }
            return true
        default:
            if v < 0x80 { return false }
            let p = u.properties
            if p.generalCategory == .nonspacingMark { return true }
            if p.isAlphabetic || p.numericType != nil {
                out += String(u).lowercased()
                return true
            }
            return false
        }
    }

    /// Folded word tokens of a text (see `fold`); every other character separates tokens.
    package static func tokens(_ s: String) -> [String] {
        var result: [String] = []
        var current = ""
        for u in s.unicodeScalars {
            if !fold(u, into: &current) {
                if !current.isEmpty { result.append(current); current = "" }
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// A folded name for comparing publishers: tokens joined by one space.
    package static func name(_ s: String) -> String { tokens(s).joined(separator: " ") }

    /// 64-bit FNV-1a of the UTF-8 bytes, as 16 lower-case hex digits (stable across runs and platforms).
    package static func stableHash(_ s: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
