/// JSON string literals as UTF-8 bytes: the one escaper behind `JSONByteWriter` (catalog.model.json, report.json,
/// findings) and `CKANJSON` (the CKAN API). Runs of bytes that need no escape are copied whole; most strings are
/// one run.
package enum JSONStringBytes {
    package enum Style: Sendable {
        /// JSONEncoder's escapes (without escaping slashes): `\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`, other
        /// control characters as `\u00XX`.
        case encoder
        /// The CKAN API's: `\"`, `\\`, `\n`, `\r`, `\t`, every other control character and `<`, `>`, `&` as
        /// `\u00XX`, so a response can never be sniffed as HTML.
        case markupSafe
    }

    /// Appends `s` as a quoted JSON string. Eight bytes at a time are skipped while none of them can need an
    /// escape (`mayNeedEscape`); runs without escapes are copied at once.
    package static func append(_ s: String, to out: inout [UInt8], style: Style) {
        let table = style == .encoder ? encoderEscapes : markupSafeEscapes
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            let n = bytes.count
            var runStart = 0, i = 0
            while i < n {
                if i + 8 <= n, !mayNeedEscape(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self), style: style) {
                    i += 8
                    continue
                }
                let byte = base[i]
                let escape = table[Int(byte)]
                i += 1
                guard escape != 0 else { continue }
                out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: i - 1 - runStart))
                runStart = i
                out.append(UInt8(ascii: "\\"))
                if escape == unicode {
                    out.append(UInt8(ascii: "u")); out.append(UInt8(ascii: "0")); out.append(UInt8(ascii: "0"))
                    out.append(hex[Int(byte >> 4)]); out.append(hex[Int(byte & 0xF)])
                } else {
                    out.append(escape)
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: n - runStart))
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Whether any of the eight bytes of `w` may need an escape in `style`: one below 0x20, `"` or `\\` (and
    /// `<` `>` `&` for `markupSafe`). Never false when one does (the lowest such byte always sets its flag: no
    /// borrow reaches it from the bytes below); a false alarm only sends the bytes through the table.
    @inline(__always) static func mayNeedEscape(_ w: UInt64, style: Style) -> Bool {
        if (WordBytes.below(w, 0x20) | WordBytes.equal(w, 0x22) | WordBytes.equal(w, 0x5C)) != 0 { return true }
        return style == .markupSafe && (WordBytes.equal(w, 0x3C) | WordBytes.equal(w, 0x3E) | WordBytes.equal(w, 0x26)) != 0
    }

    /// Per byte: 0 (copied), the letter after the backslash, or `unicode` (`\u00XX`).
    private static let unicode = UInt8(ascii: "u")
    private static let hex = Array("0123456789abcdef".utf8)

    private static let shortForms: [UInt8: UInt8] = [
        0x22: UInt8(ascii: "\""), 0x5C: UInt8(ascii: "\\"), 0x0A: UInt8(ascii: "n"), 0x0D: UInt8(ascii: "r"), 0x09: UInt8(ascii: "t"),
    ]

    private static let encoderEscapes: [UInt8] = (0...255).map { b -> UInt8 in
        if let short = shortForms[UInt8(b)] { return short }
        if b == 0x08 { return UInt8(ascii: "b") }
        if b == 0x0C { return UInt8(ascii: "f") }
        return b < 0x20 ? unicode : 0
    }

    private static let markupSafeEscapes: [UInt8] = (0...255).map { b -> UInt8 in
        if let short = shortForms[UInt8(b)] { return short }
        return b < 0x20 || b == 0x3C || b == 0x3E || b == 0x26 ? unicode : 0
    }
}
