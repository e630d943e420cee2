import Foundation

// IRI hygiene for every exporter.
//
// Sources hand us URLs with spaces, umlauts, braces, backslashes or no scheme at all. An exported
// file must never become unparsable because of one of them, so every IRI goes through `ExportIRI.normalise`:
//
// 1. Leading/trailing whitespace is trimmed.
// 2. Every byte that is not allowed raw in an IRI reference in Turtle, RDF/XML and JSON-LD is
//    percent-encoded: controls, space, `<>"{}|^\``, backslash and every non-ASCII character (as UTF-8 bytes).
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
    package static func percentEncode(_ s: String) -> String {
        let bytes = Array(s.utf8)
        var out = ""
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "%") {
                if i + 2 < bytes.count, isHex(bytes[i + 1]), isHex(bytes[i + 2]) {
                    out.append("%")
                    out.append(Character(Unicode.Scalar(bytes[i + 1])))
                    out.append(Character(Unicode.Scalar(bytes[i + 2])))
                    i += 3
                    continue
                }
                out.append("%25")
            } else if needsEncoding(b) {
                out.append(hexEscape(b))
            } else {
                out.append(Character(Unicode.Scalar(b)))
            }
            i += 1
        }
        return out
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

    /// True when `s` has a valid scheme and (for http/https) an authority with a host.
    package static func isAbsolute(_ s: String) -> Bool {
        guard let colon = s.firstIndex(of: ":") else { return false }
        let scheme = s[s.startIndex..<colon]
        guard let first = scheme.unicodeScalars.first, first.isASCIILetter else { return false }
        for c in scheme.unicodeScalars where !(c.isASCIILetter || c.isASCIIDigit || c == "+" || c == "-" || c == ".") {
            return false
        }
        // A scheme that equals one of our prefixes would be read as a compact IRI in JSON-LD.
        if ExportNS.prefixes.contains(where: { $0.0 == scheme.lowercased() }) { return false }
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

    private static func isHex(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)
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
    fileprivate var isASCIILetter: Bool { (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A) }
    fileprivate var isASCIIDigit: Bool { value >= 0x30 && value <= 0x39 }
}

extension ContactPoint {
    /// Whether the contact point is published: it has an e-mail address or a URL that makes an IRI (DCAT-AP.de K01;
    /// the RDF leaves a contact point without either out, and the HVD audit counts it as missing).
    package var isReachable: Bool {
        email.flatMap(ExportIRI.mailto) != nil || url.flatMap(ExportIRI.normalise) != nil
    }
}
