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
