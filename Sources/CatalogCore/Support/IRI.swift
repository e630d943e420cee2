import Foundation

// IRI hygiene for every exporter.
//
// Sources hand us URLs with spaces, umlauts, braces, backslashes or no scheme at all. An exported
// file must never become unparsable because of one of them, so every IRI goes through `ExportIRI.normalise`:
//
// 1. Leading/trailing whitespace is trimmed.
// 2. Every byte that is not allowed raw in an IRI reference in Turtle, RDF/XML and JSON-LD is
//    percent-encoded: controls, space, `<>"{}|^\``, backslash and every non-ASCII character (as UTF-8 bytes),
//    and `[` `]` outside the host (RFC 3987 allows them only around an IP literal; Turtle's grammar would let
//    them through, but strict parsers such as Oxigraph reject the whole file).
//    A `%` that does not start a valid `%XX` escape becomes `%25`; valid escapes are kept as they are.
// 3. The result must be absolute: a scheme (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`) followed by `:` and
//    something; `http`/`https` additionally need `//` and a non-empty host. Anything else is rejected (nil)
//    and the exporter reports it as an `ExportProblem` instead of emitting it.

package enum ExportIRI {
    /// The normalised absolute IRI, or nil when the value cannot be an absolute IRI.
    package static func normalise(_ raw: String) -> String? {
        let trimmed = raw.trimmedSpace()
        guard !trimmed.isEmpty else { return nil }
        let encoded = percentEncode(trimmed)
        return isAbsolute(encoded) ? encoded : nil
    }

    /// Percent-encodes every character not allowed raw in an IRI (see the file comment); keeps valid `%XX`.
    /// Works on UTF-8 bytes; an IRI that needs no change (most) is returned as it is, without a copy.
    package static func percentEncode(_ s: String) -> String {
        PercentEncoding.encode(s) { u, i in
            let b = u[i]
            if b == UInt8(ascii: "%") { return PercentEncoding.startsEscape(u, at: i) }
            // `[` and `]` only delimit an IP literal host (RFC 3987); elsewhere strict parsers reject them.
            if b == UInt8(ascii: "[") || b == UInt8(ascii: "]") { return authority(u).contains(i) }
            return !needsEncoding(b)
        }
    }


    /// Where the authority of `scheme://authority/…` lies in `u` (empty when there is none): up to the first
    /// `/`, `?` or `#` after `//`.
    private static func authority(_ u: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        guard let colon = u.firstIndex(of: UInt8(ascii: ":")), colon > 0, colon + 2 < u.count,
              u[colon + 1] == UInt8(ascii: "/"), u[colon + 2] == UInt8(ascii: "/"),
              u[..<colon].allSatisfy({ isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") })
        else { return 0..<0 }
        let start = colon + 3
        let end = u[start...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? u.count
        return start..<end
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters: for building one path segment.
    package static func segment(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            let c = Character(Unicode.Scalar(b))
            if b < 0x80, c.isLetter || c.isNumber || c == "-" || c == "." || c == "_" || c == "~" { out.append(c) } else { out.append(hexEscape(b)) }
        }
        return out.isEmpty ? "_" : out
    }

    /// True when `s` has a valid scheme and (for http/https) an authority with a host. Reads UTF-8 bytes: the
    /// scheme, `:`, `//`, `@` and the delimiters are ASCII, and `normalise` hands it ASCII only (after
    /// `percentEncode`).
    package static func isAbsolute(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { u in
            guard let colon = u.firstIndex(of: UInt8(ascii: ":")), colon > 0, isLetter(u[0]) else { return false }
            for b in u[..<colon] where !(isLetter(b) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")) {
                return false
            }
            let scheme = String(decoding: u[..<colon].map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
            // A scheme that equals one of our prefixes would be read as a compact IRI in JSON-LD.
            if ExportNS.prefixes.contains(where: { $0.0 == scheme }) { return false }
            let rest = u[(colon + 1)...]
            guard !rest.isEmpty else { return false }
            guard scheme == "http" || scheme == "https" else { return true }
            let slash = UInt8(ascii: "/")
            guard rest.count >= 2, rest[colon + 1] == slash, rest[colon + 2] == slash else { return false }
            let authority = rest.dropFirst(2).prefix { $0 != slash && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") }
            let host = authority.lastIndex(of: UInt8(ascii: "@")).map { authority[($0 + 1)...] } ?? authority
            if host.first == UInt8(ascii: "[") { return true }
            return host.first.map { $0 != UInt8(ascii: ":") } ?? false
        }
    }

    private static func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }

    /// A `mailto:` IRI for an e-mail address (a leading `mailto:` is accepted), or nil if it is no address.
    package static func mailto(_ email: String) -> String? {
        var e = email.trimmedSpace()
        if e.lowercased().hasPrefix("mailto:") { e = String(e.dropFirst(7)) }
        // Addresses written against spam harvesters (`poststelle(at)statistik.rlp.de`): the one "@" they stand for.
        if !e.contains("@") {
            for marker in ["(at)", "[at]", "{at}", "(AT)", "[AT]"] where e.components(separatedBy: marker).count == 2 {
                e = e.replacingOccurrences(of: marker, with: "@")
                break
            }
        }
        let parts = e.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !e.contains(where: \.isWhitespace) else { return nil }
        return normalise("mailto:" + e)
    }

    /// A `tel:` IRI (RFC 3966 global number style) from a phone number as people write it, or nil.
    package static func tel(_ phone: String) -> String? {
        var p = phone.trimmedSpace()
        if p.lowercased().hasPrefix("tel:") { p = String(p.dropFirst(4)) }
        var out = ""
        for c in p.unicodeScalars {
            if c.isASCIIDigit { out.unicodeScalars.append(c) }
            else if c == "+", out.isEmpty { out = "+" }
            else if c == " " || c == "-" || c == "/" || c == "(" || c == ")" || c == "." { out.append("-") }
            else { return nil }
        }
        while out.contains("--") { out = out.replacingOccurrences(of: "--", with: "-") }
        out = String(out.drop { $0 == "-" })
        while out.hasSuffix("-") { out.removeLast() }
        guard out.filter(\.isNumber).count >= 3 else { return nil }
        return "tel:" + out
    }

    private static func needsEncoding(_ b: UInt8) -> Bool {
        if b <= 0x20 || b >= 0x7F { return true }
        switch b {
        case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: "}"),
            UInt8(ascii: "|"), UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "\\"):
            return true
        default:
            return false
        }
    }

    private static func hexEscape(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "%" + String(digits[Int(b >> 4)]) + String(digits[Int(b & 0xF)])
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIIDigit: Bool { value >= 0x30 && value <= 0x39 }
}

extension ContactPoint {
    /// Whether the contact point is published: it has an e-mail address or a URL that makes an IRI (DCAT-AP.de K01;
    /// the RDF leaves a contact point without either out, and the HVD audit counts it as missing).
    package var isReachable: Bool {
        email.flatMap(ExportIRI.mailto) != nil || url.flatMap(ExportIRI.normalise) != nil
    }
}

/// Percent-encoding byte by byte, for the IRIs the exporters write (`ExportIRI`) and the URLs and segments the
/// mappers make (`IRISafe`): each says which bytes stay as they are.
package enum PercentEncoding {
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// `s` with each byte that `keep` rejects written as `%XX` (UTF-8, upper-case hex). Most texts need nothing
    /// encoded: then `s` itself comes back, sharing its storage, and a copy is made only from the first byte that
    /// needs it.
    package static func encode(_ s: String, keep: (UnsafeBufferPointer<UInt8>, Int) -> Bool) -> String {
        func encode(_ u: UnsafeBufferPointer<UInt8>) -> String {
            guard let first = u.indices.first(where: { !keep(u, $0) }) else { return s }
            var out = Array(u[..<first])
            out.reserveCapacity(u.count + 16)
            for i in first..<u.count {
                if keep(u, i) {
                    out.append(u[i])
                } else {
                    out += [UInt8(ascii: "%"), hexDigits[Int(u[i] >> 4)], hexDigits[Int(u[i] & 0x0F)]]
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        return s.utf8.withContiguousStorageIfAvailable(encode) ?? Array(s.utf8).withUnsafeBufferPointer(encode)
    }

    /// Whether the `%` at `i` starts a valid escape (`%` and two hex digits), which is kept as it is.
    package static func startsEscape(_ u: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        func isHex(_ b: UInt8) -> Bool { (48...57).contains(b) || (65...70).contains(b) || (97...102).contains(b) }
        return i + 2 < u.count && isHex(u[i + 1]) && isHex(u[i + 2])
    }
}
