import Foundation
import Testing
@testable import CatalogCore
import CatalogTestSupport

/// The URL normaliser, host, generic-URL test and tokenizer as they were before the byte-level rewrite (issue #5), kept as the oracle.
enum DedupNormalizeReference {
    static func trim(_ s: String) -> Substring {
        func isSpace(_ u: Unicode.Scalar) -> Bool {
            u.value <= 0x20 || u.value == 0x7F || u.value == 0xA0 || u.properties.isWhitespace
        }
        let scalars = s.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return Substring(scalars[start..<end])
    }

    static func url(_ raw: String) -> String? {
        let b = Array(trim(raw).utf8)
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
                if key.hasPrefix("utm_") || DedupNormalize.trackingParams.contains(key) { continue }
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

    static func isGeneric(normalizedURL n: String) -> Bool {
        let b = Array(n.utf8)
        var start = 0
        if let c = b.firstIndex(of: UInt8(ascii: ":")), c + 2 < b.count, b[c + 1] == UInt8(ascii: "/"), b[c + 2] == UInt8(ascii: "/") {
            start = c + 3
        }
        guard let slash = b[start...].firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") }) else { return true }
        let q = b[slash...].firstIndex(of: UInt8(ascii: "?"))
        guard let q else {
            let lastSlash = b.lastIndex(of: UInt8(ascii: "/")) ?? slash
            let seg = b[(lastSlash + 1)...]
            guard seg.count >= 3 && seg.count <= 4 else { return false }
            return DedupNormalize.serviceTypes.contains(String(decoding: seg, as: UTF8.self).lowercased())
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
            if k == "service" && DedupNormalize.serviceTypes.contains(String(v)) { hasService = true }
            if k == "layers" || k == "typename" || k == "typenames" || k == "coverageid" || k == "layer" || k == "id" { hasLayer = true }
        }
        return hasService && !hasLayer
    }

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

    static func tokens(_ s: String) -> [String] {
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
}

@Suite struct DedupNormalizeReferenceTests {
    /// Every URL-like string in the demo catalogue and the shared fixtures (JSON string values; URLs found in other text).
    static func fixtureStrings() throws -> [String] {
        var out: Set<String> = []
        func walk(_ v: Any) {
            if let s = v as? String {
                if s.contains("://") || s.lowercased().hasPrefix("www") { out.insert(s) }
            } else if let a = v as? [Any] {
                a.forEach(walk)
            } else if let d = v as? [String: Any] {
                d.values.forEach(walk)
            }
        }
        let pattern = try NSRegularExpression(pattern: "[A-Za-z][A-Za-z0-9+.-]*://[^\\s\"'<>]*")
        var files: [URL] = []
        for root in [Fixtures.catalog("demo"), Fixtures.shared] {
            let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
            while let u = e?.nextObject() as? URL {
                if ["json", "jsonl", "rdf", "ttl", "xml", "csv", "jsonld"].contains(u.pathExtension) { files.append(u) }
            }
        }
        for file in files {
            let data = try Data(contentsOf: file)
            if file.pathExtension == "json", let any = try? JSONSerialization.jsonObject(with: data) {
                walk(any)
            } else if let text = String(data: data, encoding: .utf8) {
                let ns = text as NSString
                for m in pattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) { out.insert(ns.substring(with: m.range)) }
            }
        }
        return out.sorted()
    }

    static let pieces = [
        "http", "HTTPS", "ftp", "h2", "://", ":", "/", "//", "?", "#", "&", "&&", "=", "@", ".", "www.", "WWW.", ":80", ":443",
        ":8080", "service=WMS", "SERVICE=wfs", "request=GetCapabilities", "Request=getcapabilitieS", "/wms", "/WFS", "/ows/",
        "layers=x", "LAYER=", "id=", "utm_source=x", "UTM_Medium=y", "fbclid=1", "Gclid", "mc_cid=3", "mc_eid", "typename=a", "a=1", "B=2", "x",
        "Example.DE", "daten", "%20", " ", "\t", "\n", "\r\n", "\u{A0}", "\u{2003}", "ä", "Ä", "a\u{308}", "\u{308}", "ß", "é",
        "\u{212A}", "İ", "Ω", "日本", "2014", "-", "_", "Köln", "Straßen", "²", "\u{1F600}", "\u{0}",
    ]

    static func randomStrings(count: Int, seed: UInt64) -> [String] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            var s = rng.below(3) == 0 ? "" : ["http://", "https://", "HTTP://www.", " https://", "ftp://"][rng.below(5)]
            for _ in 0..<rng.below(14) { s += pieces[rng.below(pieces.count)] }
            return s
        }
    }

    /// `url`, `host(ofNormalized:)`, `isGeneric` and `identifierKey` agree with the reference; counts how many
    /// inputs are URLs, changed by normalising, and generic.
    static func compare(_ strings: [String]) -> (urls: Int, changed: Int, generic: Int) {
        var urls = 0, changed = 0, generic = 0
        for s in strings {
            let new = DedupNormalize.url(s)
            let label = "\(s.debugDescription) \(s.unicodeScalars.map { String($0.value, radix: 16) })"
            #expect(new == DedupNormalizeReference.url(s), "\(label)")
            #expect(DedupNormalize.trim(s) == DedupNormalizeReference.trim(s), "\(label)")
            #expect(DedupNormalize.identifierKey(s) == (DedupNormalizeReference.url(s) ?? DedupNormalizeReference.trim(s).lowercased()), "\(label)")
            // host and isGeneric take normalised URLs; random text exercises their edge cases too.
            for n in [new, s].compactMap({ $0 }) {
                #expect(DedupNormalize.host(ofNormalized: n) == DedupNormalizeReference.host(ofNormalized: n), "\(label)")
                #expect(DedupNormalize.isGeneric(normalizedURL: n) == DedupNormalizeReference.isGeneric(normalizedURL: n), "\(label)")
            }
            let parts = DedupNormalize.urlParts(s)
            #expect(parts?.url == new, "\(label)")
            guard let new else { continue }
            #expect(parts?.host == DedupNormalizeReference.host(ofNormalized: new), "\(label)")
            #expect(parts?.generic == DedupNormalizeReference.isGeneric(normalizedURL: new), "\(label)")
            urls += 1
            if new != s { changed += 1 }
            if DedupNormalize.isGeneric(normalizedURL: new) { generic += 1 }
        }
        return (urls, changed, generic)
    }

    @Test func urlFunctionsMatchReferenceOnFixtures() throws {
        let strings = try Self.fixtureStrings()
        #expect(strings.count > 1000)
        let c = Self.compare(strings)
        // The inputs exercised the normaliser: real URLs, many changed by it, some generic.
        #expect(c.urls > 1000 && c.changed > 500 && c.generic > 20)
    }

    @Test func urlFunctionsMatchReferenceOnRandomInput() {
        let c = Self.compare(Self.randomStrings(count: 20_000, seed: 11))
        #expect(c.urls > 5000 && c.changed > 2000 && c.generic > 500)
    }

    @Test func tokensMatchReference() throws {
        let titles = try DedupRealCaseTests.berlinDump().map(\.title) + Self.randomStrings(count: 20_000, seed: 12)
            + ["Köln: Straßen-Bäume 2014", "Ko\u{308}ln", "\u{308}x", "2014\u{301}", "İstanbul ǅ Ⅻ ²", "STÄDTEREGION  AACHEN"]
        for s in titles {
            #expect(DedupNormalize.tokens(s) == DedupNormalizeReference.tokens(s), "\(s)")
            #expect(DedupNormalize.name(s) == DedupNormalizeReference.tokens(s).joined(separator: " "), "\(s)")
        }
    }
}
