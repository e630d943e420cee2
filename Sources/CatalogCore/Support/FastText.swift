import Foundation

extension StringProtocol {
    /// Exactly `trimmingCharacters(in: .whitespaces)` (blanks: tab and the space separators, not newlines), without
    /// Foundation: scalar by scalar from both ends, at once when both ends are visible ASCII.
    package func trimmedBlanks() -> String { trimmed(newlines: false) }

    /// Exactly `trimmingCharacters(in: .whitespacesAndNewlines)`, without Foundation (see `trimmedBlanks`).
    package func trimmedSpace() -> String { trimmed(newlines: true) }

    private func trimmed(newlines: Bool) -> String {
        let s = String(self)
        let u = s.utf8
        guard let first = u.first, let last = u.last else { return "" }
        if first > 0x20 && first < 0x7F && last > 0x20 && last < 0x7F { return s }
        let scalars = s.unicodeScalars
        var lo = scalars.startIndex
        var hi = scalars.endIndex
        while lo < hi, Self.isTrimmed(scalars[lo], newlines: newlines) { lo = scalars.index(after: lo) }
        while hi > lo, Self.isTrimmed(scalars[scalars.index(before: hi)], newlines: newlines) { hi = scalars.index(before: hi) }
        if lo == scalars.startIndex && hi == scalars.endIndex { return s }
        return String(scalars[lo..<hi])
    }

    /// Foundation's `CharacterSet.whitespaces` (U+0009, the space separators and U+200B, listed from Foundation
    /// itself), and with `newlines` also `.newlines` (U+000A–U+000D, U+0085, U+2028, U+2029).
    private static func isTrimmed(_ c: Unicode.Scalar, newlines: Bool) -> Bool {
        switch c.value {
        case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return newlines
        default: return false
        }
    }
}

/// Tests of eight bytes at once, on a word loaded from a text (`loadUnaligned(as: UInt64.self)`), with the
/// "has a byte less than n" bit trick. A word with a matching byte is always flagged; a borrow can only flag
/// bytes above one that really matches, so a caller that needs to know which byte looks at a flagged word's
/// bytes itself. The JSON parser's string scan, the JSON writer's and the exports' escape tests use them.
package enum WordBytes {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte that may be below `limit` (at most 0x80); zero when none is.
    @inline(__always) static func below(_ w: UInt64, _ limit: UInt8) -> UInt64 { (w &- ones &* UInt64(limit)) & ~w & highs }

    /// The high bit of each byte that may be `c`; zero when none is.
    @inline(__always) static func equal(_ w: UInt64, _ c: UInt8) -> UInt64 { below(w ^ (ones &* UInt64(c)), 1) }
}

extension String {
    /// `utf8.allSatisfy(ok)`, over the string's contiguous bytes when it has them (native strings, which on Linux
    /// all are): about 3× faster than the view's iterator for the fast-path tests of the exports (a 100 k run
    /// asks them tens of millions of times).
    @inline(__always)
    package func allUTF8(_ ok: (UInt8) -> Bool) -> Bool {
        if let all = utf8.withContiguousStorageIfAvailable({ bytes -> Bool in
            for b in bytes where !ok(b) { return false }
            return true
        }) { return all }
        return utf8.allSatisfy(ok)
    }

    /// `allUTF8(ok)` for a test `ok` that passes every byte from `low` up except the `marks` (at most five;
    /// repeat one to fill): eight bytes are looked at a time, and only a word holding a byte below `low` or a
    /// mark is asked of `ok` byte by byte. For the exports' escape tests, whose texts rarely hold such a byte.
    @inline(__always)
    package func allUTF8(below low: UInt8, marks: (UInt8, UInt8, UInt8, UInt8, UInt8), _ ok: (UInt8) -> Bool) -> Bool {
        guard let all = utf8.withContiguousStorageIfAvailable({ bytes -> Bool in
            // A flagged word may hold a byte `ok` refuses; an unflagged one holds none (`WordBytes`).
            @inline(__always) func flagged(_ v: UInt64) -> Bool {
                (WordBytes.below(v, low) | WordBytes.equal(v, marks.0) | WordBytes.equal(v, marks.1) | WordBytes.equal(v, marks.2)
                    | WordBytes.equal(v, marks.3) | WordBytes.equal(v, marks.4)) != 0
            }
            var i = 0
            if let base = bytes.baseAddress {
                let raw = UnsafeRawPointer(base)
                while i + 8 <= bytes.count {
                    if flagged(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                        for k in i..<i + 8 where !ok(bytes[k]) { return false }
                    }
                    i += 8
                }
            }
            while i < bytes.count {
                if !ok(bytes[i]) { return false }
                i += 1
            }
            return true
        }) else { return utf8.allSatisfy(ok) }
        return all
    }

    /// The same text in storage of its own size. A string built by appending keeps the room its growth left
    /// (up to as much again); one kept for long (the site's list items, one per dataset for the whole site) is
    /// worth copying once.
    package func compacted() -> String {
        var source = self
        return source.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: bytes.count) { room in
                _ = room.initialize(fromContentsOf: bytes)
                return bytes.count
            }
        }
    }
}

extension String {
    /// `precomposedStringWithCanonicalMapping` (NFC), at once when every scalar is below U+0300: no character
    /// there composes or decomposes, so such a string is NFC as it is. In UTF-8 those are exactly the strings
    /// without a byte from 0xCC up (U+0300 starts 0xCC 0x80).
    package var composedNFC: String {
        if allUTF8({ $0 < 0xCC }) { return self }
        if unicodeScalars.allSatisfy({ String.isNFCInert($0.value) }) { return self }
        return precomposedStringWithCanonicalMapping
    }

    /// Code points that NFC leaves alone wherever they stand: everything below U+0300, and the punctuation and
    /// currency signs of German text (dashes, quotes „“‚‘, bullets, …, ‰, €): none has a canonical decomposition or
    /// composes with a neighbour (TextFastPathTests checks each against Foundation, alone and after every other).
    /// Not U+2000/U+2001 (they decompose to U+2002/U+2003), hence the ranges start at U+2010.
    package static func isNFCInert(_ v: UInt32) -> Bool {
        v < 0x300 || (0x2010...0x2027).contains(v) || (0x2030...0x205E).contains(v) || (0x20A0...0x20C0).contains(v)
    }
}

extension String {
    /// `lowercased()` (each scalar's full lowercase mapping, no context), with ASCII mapped by arithmetic and the
    /// scalars up to U+2FFF from a table made once: the standard library looks up every scalar of a text that
    /// is not all ASCII (the CKAN index lowercases each dataset's title, description and tags: 2 % of a 100 k run).
    package var lowercasedByTable: String {
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                out.append(v >= 0x41 && v <= 0x5A ? UInt8(v + 0x20) : UInt8(v))
            } else if v < 0x3000 {
                if let mapped = String.lowercaseTable[Int(v) - 0x80] { out.append(contentsOf: mapped.utf8) } else { UTF8.encode(scalar) { out.append($0) } }
            } else {
                out.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The lowercase mapping of U+0080 … U+2FFF where it differs from the scalar itself.
    private static let lowercaseTable: [String?] = (0x80..<0x3000).map { v in
        guard let c = Unicode.Scalar(UInt32(v)) else { return nil }
        let mapped = c.properties.lowercaseMapping
        return mapped == String(c) ? nil : mapped
    }
}

extension String {
    /// Every `byte` (an ASCII character) replaced by `replacement`, over the UTF-8 bytes: an ASCII byte never
    /// occurs inside a multi-byte character. `self` when `byte` does not occur. Unlike Foundation's
    /// `replacingOccurrences`, a combining mark after the character does not hide it.
    package func replacingASCII(_ byte: UInt8, with replacement: String) -> String {
        guard byte < 0x80, utf8.contains(byte) else { return self }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 8 * replacement.utf8.count)
        for b in utf8 {
            if b == byte { out.append(contentsOf: replacement.utf8) } else { out.append(b) }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// The escapes of a string literal in a text format (JSON-LD and GeoJSON's JSON, Turtle), byte by byte like
/// `JSONStringBytes` does for byte buffers: runs of bytes that need none are copied at once.
struct LiteralEscapes: Sendable {
    /// Per byte: 0 (copied), the letter after the backslash, or `u` (`\u00XX`).
    private let table: [UInt8]
    private let hex: [UInt8]
    /// Also `\u2028` and `\u2029` (U+2028/U+2029, which JavaScript does not allow raw in a string).
    private let lineSeparators: Bool

    private init(shortForms: [UInt8: UInt8], uppercaseHex: Bool, lineSeparators: Bool) {
        table = (0...255).map { b in shortForms[UInt8(b)] ?? (b < 0x20 || b == 0x7F ? UInt8(ascii: "u") : 0) }
        hex = Array((uppercaseHex ? "0123456789ABCDEF" : "0123456789abcdef").utf8)
        self.lineSeparators = lineSeparators
    }

    private static let common: [UInt8: UInt8] = [
        0x22: UInt8(ascii: "\""), 0x5C: UInt8(ascii: "\\"), 0x0A: UInt8(ascii: "n"), 0x0D: UInt8(ascii: "r"), 0x09: UInt8(ascii: "t"),
    ]
    /// RFC 8259 with `\b` and `\f`, DEL and U+2028/U+2029 escaped too, `\u` in lower-case hex.
    static let json = LiteralEscapes(shortForms: common.merging([0x08: UInt8(ascii: "b"), 0x0C: UInt8(ascii: "f")]) { a, _ in a },
                                     uppercaseHex: false, lineSeparators: true)
    /// Turtle's ECHAR for quote, backslash, LF, CR and TAB; UCHAR (upper-case hex) for other controls and DEL.
    static let turtle = LiteralEscapes(shortForms: common, uppercaseHex: true, lineSeparators: false)

    /// Whether `s` needs no escape at all (the common case: callers then append it as it is). Every byte the
    /// table escapes is below 0x20 or one of `"`, `\`, DEL (and 0xE2 starts U+2028/U+2029).
    func isPlain(_ s: String) -> Bool {
        s.allUTF8(below: 0x20, marks: (0x22, 0x5C, 0x7F, lineSeparators ? 0xE2 : 0x22, 0x22)) {
            table[Int($0)] == 0 && !(lineSeparators && $0 == 0xE2)
        }
    }

    /// Appends `s` to `out`, escaped: as it is when `isPlain`, else escaped as bytes (scanned once more).
    func append(_ s: String, to out: inout String) {
        if isPlain(s) {
            out += s
            return
        }
        var bytes: [UInt8] = []
        appendEscaping(s, to: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the UTF-8 bytes of `s` to `out`, escaped: at once when `isPlain`, else in runs between escapes.
    func append(_ s: String, to out: inout [UInt8]) {
        if isPlain(s) {
            out.append(utf8: s)
        } else {
            appendEscaping(s, to: &out)
        }
    }

    /// `s` between double quotes, escaped (a JSON string, a Turtle `STRING_LITERAL_QUOTE`).
    func appendQuoted(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        append(s, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// `s` escaped, in runs of bytes between the escapes.
    private func appendEscaping(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { bytes in
            var run = 0, i = 0
            func flush(to end: Int) {
                if run < end { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<end])) }
            }
            while i < bytes.count {
                let b = bytes[i]
                if lineSeparators, b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
                    flush(to: i)
                    out.append(utf8: bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029")
                    i += 3
                    run = i
                    continue
                }
                let escape = table[Int(b)]
                guard escape != 0 else {
                    i += 1
                    continue
                }
                flush(to: i)
                if escape == UInt8(ascii: "u") {
                    out.append(contentsOf: [0x5C, escape, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                } else {
                    out.append(contentsOf: [0x5C, escape])
                }
                i += 1
                run = i
            }
            flush(to: bytes.count)
        }
    }
}

extension [UInt8] {
    /// Appends the UTF-8 bytes of `s`, copied at once from its storage. The RDF serialisers call it for every
    /// piece they write; `append(contentsOf: s.utf8)` (the generic sequence path) made JSON-LD at 10 k about 9 %
    /// slower (0.220–0.230 → 0.244–0.250 s, three pairs of `opendata-bench stages`, 2026-12-07).
    @inline(__always)
    package mutating func append(utf8 s: String) {
        if s.utf8.withContiguousStorageIfAvailable({ self.append(contentsOf: $0) }) == nil { append(contentsOf: s.utf8) }
    }
}

extension String {
    /// `self` with every occurrence of `target` replaced (left to right, not overlapping), compared byte for
    /// byte as Foundation's literal `replacingOccurrences` does, without its NSString round trip; nil when
    /// `target` does not occur.
    package func replacingAll(_ target: String, with replacement: String) -> String? {
        let t = Array(target.utf8)
        guard let first = t.first else { return nil }
        let u = Array(utf8)
        var out: [UInt8] = []
        var i = 0, copied = 0
        while i + t.count <= u.count {
            if u[i] == first && u[i..<(i + t.count)].elementsEqual(t) {
                out += u[copied..<i]
                out += replacement.utf8
                i += t.count
                copied = i
            } else {
                i += 1
            }
        }
        guard copied > 0 else { return nil }
        out += u[copied...]
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    /// The parts one after another, in a string with room for exactly them. An interpolation grows its buffer by
    /// doubling while it appends and keeps the room it ends with: for IRIs the model holds for the whole run
    /// (every distribution's), that room is worth not keeping.
    package static func concatenating(_ parts: String...) -> String {
        var joined = String()
        joined.reserveCapacity(parts.reduce(0) { $0 + $1.utf8.count })
        for part in parts { joined += part }
        return joined
    }

    /// `utf8.lexicographicallyPrecedes(other.utf8)`, with one `memcmp` of the two strings' bytes: the generic
    /// version steps through both views index by index, and sorting the server index's IRI paths with it (each
    /// dataset's and distribution's, about 286,000 at 100 k) took a second of a run, on the thread the others
    /// wait for.
    package func utf8Precedes(_ other: String) -> Bool {
        var a = self, b = other
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let n = Swift.min(x.count, y.count)
                if n > 0 {
                    let c = memcmp(x.baseAddress!, y.baseAddress!, n)
                    if c != 0 { return c < 0 }
                }
                return x.count < y.count
            }
        }
    }
}
