import CatalogCore
import Foundation
import Testing

/// `ExportIRI.percentEncode` and `isAbsolute` read UTF-8 bytes (and return an IRI that needs no change as it is);
/// they must agree with character-wise versions (the ones they replaced, with `[` `]` now encoded outside the
/// host, kept here as the reference) on every string of the demo dumps and on random IRI-like strings.
@Suite struct IRIFastPathTests {
    enum Reference {
        /// Byte offsets of the authority: after `scheme://` up to the first `/`, `?` or `#`.
        static func authority(_ s: String) -> Range<Int> {
            guard let sep = s.range(of: "://") else { return 0..<0 }
            let scheme = s[..<sep.lowerBound]
            let schemeChars = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.")
            guard !scheme.isEmpty, !scheme.contains(":"), scheme.unicodeScalars.allSatisfy(schemeChars.contains) else { return 0..<0 }
            let start = s.utf8.distance(from: s.startIndex, to: sep.upperBound)
            let rest = s[sep.upperBound...]
            let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" }.map { s.utf8.distance(from: s.startIndex, to: $0) } ?? s.utf8.count
            return start..<end
        }

        static func percentEncode(_ s: String) -> String {
            let bytes = Array(s.utf8)
            let host = authority(s)
            var out = ""
            var i = 0
            func isHex(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66) }
            func needsEncoding(_ b: UInt8) -> Bool { b <= 0x20 || b >= 0x7F || Array("<>\"{}|^`\\".utf8).contains(b) }
            func hexEscape(_ b: UInt8) -> String {
                let digits = Array("0123456789ABCDEF")
                return "%" + String(digits[Int(b >> 4)]) + String(digits[Int(b & 0xF)])
            }
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "%") {
                    if i + 2 < bytes.count, isHex(bytes[i + 1]), isHex(bytes[i + 2]) {
                        out += "%" + String(Character(Unicode.Scalar(bytes[i + 1]))) + String(Character(Unicode.Scalar(bytes[i + 2])))
                        i += 3
                        continue
                    }
                    out.append("%25")
                } else if needsEncoding(b) || ((b == UInt8(ascii: "[") || b == UInt8(ascii: "]")) && !host.contains(i)) {
                    out.append(hexEscape(b))
                } else {
                    out.append(Character(Unicode.Scalar(b)))
                }
                i += 1
            }
            return out
        }

        static func isAbsolute(_ s: String, prefixes: [String]) -> Bool {
            guard let colon = s.firstIndex(of: ":") else { return false }
            let scheme = s[s.startIndex..<colon]
            func letter(_ c: Unicode.Scalar) -> Bool { (c.value >= 0x41 && c.value <= 0x5A) || (c.value >= 0x61 && c.value <= 0x7A) }
            guard let first = scheme.unicodeScalars.first, letter(first) else { return false }
            for c in scheme.unicodeScalars where !(letter(c) || (c.value >= 0x30 && c.value <= 0x39) || c == "+" || c == "-" || c == ".") {
                return false
            }
            if prefixes.contains(scheme.lowercased()) { return false }
            let rest = s[s.index(after: colon)...]
            guard !rest.isEmpty else { return false }
            let lower = scheme.lowercased()
            if lower == "http" || lower == "https" {
                guard rest.hasPrefix("//") else { return false }
                let authority = rest.dropFirst(2).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
                let host = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? ""
                let hostOnly = host.hasPrefix("[") ? host : (host.split(separator: ":", omittingEmptySubsequences: false).first ?? "")
                return !hostOnly.isEmpty
            }
            return true
        }
    }

    /// The namespace look-up as it was: each namespace in turn.
    static func referenceCompact(_ iri: String) -> (prefix: String, local: String)? {
        func nameStart(_ c: Unicode.Scalar) -> Bool { (c.value >= 0x41 && c.value <= 0x5A) || (c.value >= 0x61 && c.value <= 0x7A) || c == "_" }
        for (p, ns) in ExportNS.prefixes where iri.hasPrefix(ns) {
            let local = iri.dropFirst(ns.count)
            guard let f = local.unicodeScalars.first, nameStart(f),
                  local.unicodeScalars.allSatisfy({ nameStart($0) || ($0.value >= 0x30 && $0.value <= 0x39) || $0 == "-" })
            else { continue }
            return (p, String(local))
        }
        return nil
    }

    /// Every namespace with locals that are names or not, other IRIs, and the random strings.
    @Test func compactNamesEqualTryingEachNamespace() {
        let locals = ["Dataset", "a", "_x", "x-1", "1x", "", "x/y", "x#y", "x.y", "ä", "a\u{301}", "-x", "Ab_9-z"]
        var iris = ExportNS.prefixes.flatMap { _, ns in locals.map { ns + $0 } + [String(ns.dropLast()), ns + "sub/x"] }
        iris += ["https://offenedaten.aachen.de/katalog/dataset/koeln/x-1", "http://purl.org/dc/terms", "urn:x:y#z", "x"]
        iris += Self.inputs
        var compacted = 0
        for iri in iris {
            let fast = ExportNS.compact(iri), reference = Self.referenceCompact(iri)
            #expect(fast?.prefix == reference?.prefix && fast?.local == reference?.local, "\(iri.debugDescription)")
            if fast != nil { compacted += 1 }
        }
        #expect(compacted >= ExportNS.prefixes.count * 4)
    }

    static func randomIRIs(count: Int, seed: UInt64) -> [String] {
        let pieces = [
            "http", "https", "HTTP", "ftp", "urn", "mailto", "dcat", "Dcat", "x+y", "1a", ":", "//", "/", "?", "#", "@", "[", "]",
            "::1", "example.org", "a", "%", "%2", "%2F", "%zz", "%41", " ", "\t", "ä", "ß", "😀", "e\u{0301}", ":\u{0301}", "<", ">",
            "\"", "{", "}", "|", "^", "`", "\\", "\u{7F}", "\u{01}", "~", "-", ".", "_",
        ]
        var state = seed
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        return (0..<count).map { _ in (0..<(next() % 10)).map { _ in pieces[next() % pieces.count] }.joined() }
    }

    static let inputs = TextFastPathTests.demoStrings + randomIRIs(count: 30_000, seed: 11)

    @Test func percentEncodingBytesEqualsCharacterwise() {
        for s in Self.inputs {
            #expect(ExportIRI.percentEncode(s) == Reference.percentEncode(s), "\(s.debugDescription)")
        }
    }

    /// `[` and `]` are kept around an IP literal host and encoded everywhere else, so strict IRI parsers
    /// (Oxigraph) read the file; the real case: a geoportal link with `LAYER[zoom]` in its query.
    @Test func bracketsOnlyAroundTheHost() {
        #expect(ExportIRI.normalise("http://www.geoportal.rlp.de:80/portal/karten.html?LAYER[zoom]=1&LAYER[id]=38836")
            == "http://www.geoportal.rlp.de:80/portal/karten.html?LAYER%5Bzoom%5D=1&LAYER%5Bid%5D=38836")
        #expect(ExportIRI.normalise("http://[2001:db8::1]:8080/a[1]#b]") == "http://[2001:db8::1]:8080/a%5B1%5D#b%5D")
        #expect(ExportIRI.normalise("urn:x:[y]") == "urn:x:%5By%5D")
    }

    /// `normalise` hands `isAbsolute` percent-encoded (ASCII) text; on that the two agree.
    @Test func absoluteCheckBytesEqualsCharacterwise() {
        let prefixes = ExportNS.prefixes.map(\.0)
        var absolute = 0
        for s in Self.inputs.map(Reference.percentEncode) {
            let fast = ExportIRI.isAbsolute(s)
            #expect(fast == Reference.isAbsolute(s, prefixes: prefixes), "\(s.debugDescription)")
            if fast { absolute += 1 }
        }
        #expect(absolute > 1_000 && absolute < Self.inputs.count)
    }
}
