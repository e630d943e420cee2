import Foundation
import Testing
@testable import CatalogCore

/// The JSON and Turtle string escapers work on runs of UTF-8 bytes; these tests hold them to the rules written
/// scalar by scalar (RFC 8259 plus U+2028/U+2029 for JSON, Turtle's ECHAR/UCHAR), on text that needs every rule.
@Suite struct EscapingTests {
    static func jsonReference(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if c.value < 0x20 || c.value == 0x7F || c.value == 0x2028 || c.value == 0x2029 {
                    out += String(format: "\\u%04x", c.value)
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "\""
    }

    static func turtleReference(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if c.value < 0x20 || c.value == 0x7F { out += String(format: "\\u%04X", c.value) } else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }

    /// Pieces that exercise each rule, and their neighbours that must stay as they are (other E2 characters such
    /// as „ “ – €, combining marks after a quote, emoji).
    static let pieces = [
        "a", "Köln", "\"", "\\", "\n", "\r", "\t", "\u{08}", "\u{0C}", "\u{01}", "\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}",
        "„Zitat“", "–", "€", "\u{2027}", "\u{202A}", "\"\u{0301}", "🚲", " ", "\u{E2}", "x\u{2028}y",
    ]

    @Test func escapesAgreeWithTheScalarRules() {
        var generator = SplitMix(state: 14)
        var texts = Self.pieces + ["", String(repeating: "Daten ", count: 40)]
        for _ in 0..<2000 {
            texts.append((0..<Int.random(in: 1...12, using: &generator)).map { _ in Self.pieces.randomElement(using: &generator)! }.joined())
        }
        for s in texts {
            var json = ""
            ExportJSON.quote(s, into: &json)
            #expect(json == Self.jsonReference(s), "\(s.debugDescription)")
            #expect(TurtleSerializer.escape(s) == Self.turtleReference(s), "\(s.debugDescription)")
        }
        // Appending keeps what was there.
        var out = "{"
        ExportJSON.quote("a\nb", into: &out)
        #expect(out == #"{"a\nb""#)
    }

    static func xmlReference(_ s: String, attribute: Bool) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\t" where attribute: out += "&#9;"
            case "\n" where attribute: out += "&#10;"
            case "\r": out += "&#13;"
            default: out += ExportText.isXMLChar(c) ? String(c) : "\u{FFFD}"
            }
        }
        return out
    }

    /// RDF/XML's escapes, whose fast path looks at eight bytes at a time, against the rules scalar by scalar,
    /// with each piece at every offset of a word (pieces between runs of plain text of each length).
    @Test func xmlEscapesAgreeWithTheScalarRules() {
        var generator = SplitMix(state: 15)
        let pieces = Self.pieces + ["&", "<", ">", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}", "\u{FFEF}", "\u{EFFF}", "ï", "\u{0B}", "\u{10FFFF}"]
        var texts = pieces
        for _ in 0..<3000 {
            texts.append((0..<Int.random(in: 1...6, using: &generator)).map { _ in
                String(repeating: "x", count: Int.random(in: 0...9, using: &generator)) + pieces.randomElement(using: &generator)!
            }.joined())
        }
        for s in texts {
            #expect(RDFXMLSerializer.attribute(s) == Self.xmlReference(s, attribute: true), "\(s.debugDescription)")
            #expect(RDFXMLSerializer.content(s) == Self.xmlReference(s, attribute: false), "\(s.debugDescription)")
        }
    }

    /// The word-at-a-time test gives `allUTF8`'s answer for every byte at every offset of a word.
    @Test func wordScanEqualsByteScan() {
        let marks: (UInt8, UInt8, UInt8, UInt8, UInt8) = (0x22, 0x5C, 0x7F, 0xE2, 0x22)
        let refused: (UInt8) -> Bool = { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xE2 }
        for length in 0...20 {
            for offset in 0..<max(1, length) {
                for b in 0...255 {
                    var bytes = [UInt8](repeating: 0x61, count: length)
                    if length > 0 { bytes[offset] = UInt8(b) }
                    let s = String(decoding: bytes, as: UTF8.self)
                    #expect(s.allUTF8(below: 0x20, marks: marks) { !refused($0) } == s.allUTF8 { !refused($0) }, "\(bytes)")
                }
            }
        }
    }

    /// A seeded generator: the same texts on every run.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
