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

    /// Appends `s` as a quoted JSON string.
    package static func append(_ s: String, to out: inout [UInt8], style: Style) {
        let table = style == .encoder ? encoderEscapes : markupSafeEscapes
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            var runStart = 0
            for (i, byte) in bytes.enumerated() where table[Int(byte)] != 0 {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                runStart = i + 1
                let escape = table[Int(byte)]
                out.append(UInt8(ascii: "\\"))
                if escape == unicode {
                    out.append(UInt8(ascii: "u")); out.append(UInt8(ascii: "0")); out.append(UInt8(ascii: "0"))
                    out.append(hex[Int(byte >> 4)]); out.append(hex[Int(byte & 0xF)])
                } else {
                    out.append(escape)
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        out.append(UInt8(ascii: "\""))
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
