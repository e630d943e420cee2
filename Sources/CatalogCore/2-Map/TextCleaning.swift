import Foundation

/// Turns HTML descriptions into readable plain text.
///
/// Köln DKAN `notes` are HTML (`<p>`, `<pre>`, `&gt;` entities; seen in
/// ckan/nrw-municipal/koeln-offenedaten-dkan-*.json); DCAT-AP descriptions are plain literals.
package enum PlainText {
    private static let blockTags: Set<String> = ["p", "br", "div", "li", "ul", "ol", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "blockquote"]

    /// Plain text with tags removed, entities decoded, paragraphs kept as blank lines and spaces collapsed.
    package static func fromHTML(_ s: String) -> String {
        guard s.utf8.contains(0x3C) || s.utf8.contains(0x26) else { return tidy(s) }
        if let fast = fromHTMLBytes(s) { return tidy(decodeEntities(fast)) }
        return tidy(decodeEntities(stripTagsCharacterwise(s)))
    }

    /// Tag stripping character by character (the reference for `fromHTMLBytes`; used for any text).
    package static func stripTagsCharacterwise(_ s: String) -> String {
        var out = ""
        var i = s.startIndex
        while i < s.endIndex {
            let ch = s[i]
            if ch == "<", let close = s[i...].firstIndex(of: ">") {
                let inner = s[s.index(after: i)..<close].lowercased()
                let name = inner.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber })
                if inner.hasPrefix("li") { out += "\n- " } else if blockTags.contains(String(name)) { out += "\n" }
                i = s.index(after: close)
            } else {
                out.append(ch)
                i = s.index(after: i)
            }
        }
        return out
    }

    /// The tag stripping of `fromHTML` on UTF-8 bytes, for text where every character is one code point below
    /// U+0300 (no combining marks: then bytes and characters split at `<`, `>` alike). Nil otherwise, or when a
    /// tag name holds non-ASCII bytes; the caller then takes the character-wise path.
    package static func fromHTMLBytes(_ s: String) -> String? {
        guard Self.belowCombiningMarks(s) else { return nil }
        let b = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            if b[i] == 0x3C, let close = b[(i + 1)...].firstIndex(of: 0x3E) {
                var k = i + 1
                let isLi = close - k >= 2 && b[k] | 0x20 == 0x6C && b[k + 1] | 0x20 == 0x69
                while k < close, b[k] == 0x2F { k += 1 }
                var name: [UInt8] = []
                while k < close {
                    let c = b[k]
                    if c >= 0x80 { return nil }
                    let lower = c >= 0x41 && c <= 0x5A ? c | 0x20 : c
                    guard (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) else { break }
                    name.append(lower)
                    k += 1
                }
                if isLi {
                    out += [0x0A, 0x2D, 0x20]
                } else if blockTags.contains(String(decoding: name, as: UTF8.self)) {
                    out.append(0x0A)
                }
                i = close + 1
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// True when every code point is below U+0300: each character is then a single code point (CR LF aside).
    package static func belowCombiningMarks(_ s: String) -> Bool {
        s.allUTF8 { $0 < 0xCC }
    }

    /// Decodes named and numeric character references.
    package static func decodeEntities(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "&")) else { return s }
        let named: [String: String] = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "auml": "ä", "ouml": "ö", "uuml": "ü",
            "Auml": "Ä", "Ouml": "Ö", "Uuml": "Ü", "szlig": "ß", "euro": "€", "ndash": "–", "mdash": "—", "bdquo": "„",
            "ldquo": "“", "rdquo": "”", "hellip": "…", "shy": "",
        ]
        var out = ""
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == "&", let semi = s[i...].prefix(12).firstIndex(of: ";") {
                let name = String(s[s.index(after: i)..<semi])
                var replacement: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    replacement = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else if name.hasPrefix("#") {
                    replacement = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else {
                    replacement = named[name]
                }
                if let r = replacement {
                    out += r
                    i = s.index(after: semi)
                    continue
                }
            }
            out.append(s[i])
            i = s.index(after: i)
        }
        return out
    }

    /// Line breaks as spaces (titles, keywords). Most values have none: no NSString round trip for them.
    package static func oneLine(_ s: String) -> String {
        s.replacingASCII(0x0A, with: " ")
    }

    /// Collapses runs of spaces per line, trims lines, keeps at most one blank line between paragraphs.
    package static func tidy(_ s: String) -> String {
        let text = lineFeedsAndSpaces(s)
        if belowCombiningMarks(text) { return tidyBytes(text) }
        return tidyCharacterwise(text)
    }

    /// CR LF and lone CRs as LF, no-break spaces (U+00A0) as spaces: what `replacingOccurrences` of "\r\n",
    /// then "\r", then "\u{00A0}" gives, byte by byte instead of three NSString round trips (perf at 10 k: the
    /// mapping's largest Foundation cost). Foundation matches whole composed character sequences only, so a CR,
    /// CR LF or NBSP followed by a combining mark is left as it is; the bytes decide only when what follows each
    /// match is ASCII (never a mark) or nothing, else Foundation does it.
    package static func lineFeedsAndSpaces(_ s: String) -> String {
        let bytes = s.utf8
        guard bytes.contains(where: { $0 == 0x0D || $0 == 0xC2 }) else { return s }
        let foundation = {
            s.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n").replacingOccurrences(of: "\u{00A0}", with: " ")
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i != bytes.endIndex {
            let b = bytes[i]
            var next = bytes.index(after: i)
            if b == 0x0D {
                if next != bytes.endIndex, bytes[next] == 0x0A { next = bytes.index(after: next) }
                out.append(0x0A)
            } else if b == 0xC2, next != bytes.endIndex, bytes[next] == 0xA0 {
                next = bytes.index(after: next)
                out.append(0x20)
            } else {
                out.append(b)
                i = next
                continue
            }
            if next != bytes.endIndex, bytes[next] >= 0x80 { return foundation() }
            i = next
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `tidy` after the CR/NBSP replacements, character by character (the reference for `tidyBytes`).
    package static func tidyCharacterwise(_ text: String) -> String {
        let lines = text
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ") }
        var out: [String] = []
        for line in lines {
            if line.isEmpty, out.last?.isEmpty ?? true { continue }
            out.append(line)
        }
        while out.last?.isEmpty == true { out.removeLast() }
        return out.joined(separator: "\n")
    }
}

extension PlainText {
    /// `tidy` on UTF-8 bytes (after the CR/NBSP replacements), for text without combining marks, where
    /// splitting characters at " ", TAB and LF equals splitting bytes.
    package static func tidyBytes(_ text: String) -> String {
        var lines: [ArraySlice<UInt8>] = []
        var line: [UInt8] = []
        var all: [UInt8] = []
        all.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        var lineStart = 0
        func endLine() {
            all += line
            let kept = all[lineStart..<all.count]
            // A blank line after nothing or after another blank line is dropped (as in `tidy`).
            if !(kept.isEmpty && (lines.last?.isEmpty ?? true)) { lines.append(kept) }
            lineStart = all.count
            line.removeAll(keepingCapacity: true)
            pendingSpace = false
        }
        for c in text.utf8 {
            switch c {
            case 0x0A: endLine()
            case 0x20, 0x09: pendingSpace = !line.isEmpty
            default:
                if pendingSpace { line.append(0x20); pendingSpace = false }
                line.append(c)
            }
        }
        endLine()
        while lines.last?.isEmpty == true { lines.removeLast() }
        var out: [UInt8] = []
        out.reserveCapacity(all.count + lines.count)
        for (i, l) in lines.enumerated() {
            if i > 0 { out.append(0x0A) }
            out += l
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension PlainText {
    /// Runs of whitespace (Unicode White_Space) as one space, none at either end, on UTF-8 bytes; stopped at the
    /// first scalar once the text has `limit` scalars (`complete` false then). Equals the scalar-wise
    /// `SiteRenderer.collapseScalarwise`.
    package static func collapsedWhitespace(_ u: UnsafeBufferPointer<UInt8>, scalars limit: Int) -> (text: String, complete: Bool) {
        var out: [UInt8] = []
        out.reserveCapacity(min(u.count, limit > u.count ? u.count : limit * 4))
        var pendingSpace = false, count = 0, i = 0
        while i < u.count {
            if count >= limit { return (String(decoding: out, as: UTF8.self), false) }
            let b = u[i]
            let white = whitespaceLength(u, at: i)
            if white > 0 {
                pendingSpace = !out.isEmpty
                i += white
                continue
            }
            if pendingSpace { out.append(0x20); pendingSpace = false; count += 1 }
            let n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
            out.append(contentsOf: UnsafeBufferPointer(rebasing: u[i..<min(u.count, i + n)]))
            i += n
            count += 1
        }
        return (String(decoding: out, as: UTF8.self), true)
    }

    /// The byte length of the White_Space scalar at `i` (TAB…CR, space, U+0085, U+00A0, U+1680, U+2000…U+200A,
    /// U+2028, U+2029, U+202F, U+205F, U+3000), or 0 when the scalar there is not one.
    static func whitespaceLength(_ u: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let b = u[i]
        if b < 0x80 { return b == 0x20 || (b >= 0x09 && b <= 0x0D) ? 1 : 0 }
        guard i + 1 < u.count else { return 0 }
        let b1 = u[i + 1]
        if b == 0xC2 { return b1 == 0x85 || b1 == 0xA0 ? 2 : 0 }
        guard b >= 0xE1, b <= 0xE3, i + 2 < u.count else { return 0 }
        let b2 = u[i + 2]
        switch (b, b1) {
        case (0xE1, 0x9A): return b2 == 0x80 ? 3 : 0
        case (0xE2, 0x80): return b2 <= 0x8A || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF ? 3 : 0
        case (0xE2, 0x81): return b2 == 0x9F ? 3 : 0
        case (0xE3, 0x80): return b2 == 0x80 ? 3 : 0
        default: return 0
        }
    }
}

/// IRI and URL hygiene for identifiers we mint and URLs we pass on.
package enum IRISafe {
    private static let unreserved = byteTable("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    /// Characters allowed unescaped in a URL (unreserved, reserved and `%`).
    private static let urlAllowed = byteTable("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%")

    /// A lookup per byte: true for the bytes of `characters` (ASCII).
    package static func byteTable(_ characters: String) -> [Bool] {
        var table = [Bool](repeating: false, count: 256)
        for b in characters.utf8 { table[Int(b)] = true }
        return table
    }

    /// A path segment with everything outside RFC 3986 `unreserved` percent-encoded (UTF-8).
    package static func segment(_ s: String) -> String {
        PercentEncoding.encode(s) { bytes, i in unreserved[Int(bytes[i])] }
    }

    /// A URL as given, trimmed, with spaces and invalid characters percent-encoded; nil when it has no usable form.
    ///
    /// Nothing is added: a URL without scheme stays unusable unless it is a path (`/…`) and `base` is known.
    package static func url(_ raw: String, base: String?) -> String? {
        let t = raw.trimmedSpace()
        guard !t.isEmpty else { return nil }
        // A `%` stays when it starts an escape (`%20`); any other is encoded.
        let encoded = PercentEncoding.encode(t) { b, i in
            b[i] == UInt8(ascii: "%") ? PercentEncoding.startsEscape(b, at: i) : urlAllowed[Int(b[i])]
        }
        let scheme = String(decoding: encoded.utf8.prefix(8).map { (65...90).contains($0) ? $0 + 32 : $0 }, as: UTF8.self)
        if scheme.hasPrefix("http://") || scheme.hasPrefix("https://") || scheme.hasPrefix("ftp://") {
            // A host is required.
            let afterScheme = encoded[encoded.index(encoded.firstIndex(of: ":")!, offsetBy: 3)...]
            return afterScheme.isEmpty || afterScheme.hasPrefix("/") ? nil : encoded
        }
        if encoded.hasPrefix("/"), !encoded.hasPrefix("//"), let base, let b = url(base, base: nil) {
            return (b.hasSuffix("/") ? String(b.dropLast()) : b) + encoded
        }
        return nil
    }

    /// True for a plausible e-mail address (`local@domain.tld`, no spaces).
    package static func isEmail(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !s.contains(where: { $0.isWhitespace || $0 == "," || $0 == ";" || $0 == "<" || $0 == ">" }) else { return false }
        let domain = parts[1]
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty } && (labels.last?.count ?? 0) >= 2
    }
}
