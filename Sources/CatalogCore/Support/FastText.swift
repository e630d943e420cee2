import Foundation

extension StringProtocol {
    /// `trimmingCharacters(in: .whitespaces)` (blanks, not newlines), at once when both ends are visible ASCII.
    package func trimmedBlanks() -> String {
        let s = String(self)
        if let f = s.utf8.first, let l = s.utf8.last, f > 0x20, f < 0x7F, l > 0x20, l < 0x7F { return s }
        return s.trimmingCharacters(in: .whitespaces)
    }

    /// Exactly `trimmingCharacters(in: .whitespacesAndNewlines)`, without the NSString round trip in the common
    /// cases: nothing to trim (visible ASCII at both ends), or ASCII whitespace to trim before visible ASCII.
    /// Anything else (non-ASCII at an end) goes to Foundation.
    package func trimmedSpace() -> String {
        let s = String(self)
        let u = s.utf8
        guard let first = u.first, let last = u.last else { return "" }
        if first > 0x20 && first < 0x7F && last > 0x20 && last < 0x7F { return s }
        func space(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }
        var lo = u.startIndex
        var hi = u.endIndex
        while lo < hi, space(u[lo]) { lo = u.index(after: lo) }
        while hi > lo, space(u[u.index(before: hi)]) { hi = u.index(before: hi) }
        if lo == hi { return "" }
        let a = u[lo], z = u[u.index(before: hi)]
        guard a < 0x80 && z < 0x80 else { return s.trimmingCharacters(in: .whitespacesAndNewlines) }
        return String(decoding: u[lo..<hi], as: UTF8.self)
    }
}

extension String {
    /// `precomposedStringWithCanonicalMapping` (NFC), at once when every scalar is below U+0300: no character
    /// there composes or decomposes, so such a string is NFC as it is. In UTF-8 those are exactly the strings
    /// without a byte from 0xCC up (U+0300 starts 0xCC 0x80).
    package var composedNFC: String {
        if utf8.allSatisfy({ $0 < 0xCC }) { return self }
        return precomposedStringWithCanonicalMapping
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
