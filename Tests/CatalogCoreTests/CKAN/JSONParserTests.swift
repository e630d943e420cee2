import Foundation
import Testing
@testable import CatalogCore

/// The byte parser behind `JSONValue.parse` must accept and produce exactly what `JSONDecoder` does.
@Suite struct JSONParserTests {
    static let cases: [String] = [
        #"{"a":1,"a":2}"#, #""\ud800x""#, #""\udc00""#, "\"a\u{1}b\"", "1e400", "-0", "01", "1.5e3", "12345678901234567890",
        "[1,]", #" {"a":true} "#, #""\/\b\f\n\r\t\"\\""#, #"{"a":1}x"#, "0.1", "1E2", "true ", "\u{FEFF}{}", #"{"a":1,}"#, "-",
        "2.5e-324", "1e-400", "0e-400", "\"\\u0000\"", "[1e308, 9007199254740993]", #""\ud83d\ude00 ä €""#, "[1,,2]", "{,}",
        "[]", "{}", "null", "nul", "[tru]", "\"abc", #"{"k" 1}"#, "1.", ".5", "+1", "-01", "1e", "1e+", "[-1.25E-2]",
        #"{"extras":[{"key":"a","value":"[\"x\"]"}],"n":null,"b":false}"#, "", "  ", #""\u00e4\u00DF""#, #""\uZZZZ""#,
    ]

    @Test func matchesJSONDecoder() {
        for text in Self.cases {
            let data = Data(text.utf8)
            let expected = try? JSONDecoder().decode(JSONValue.self, from: data)
            #expect(JSONParser.parse(data) == expected, "\(text.debugDescription)")
        }
    }

    @Test func invalidUTF8IsRejected() {
        for bytes: [UInt8] in [[0x22, 0xFF, 0x22], [0x22, 0xC0, 0xAF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xE2, 0x82, 0x22]] {
            #expect(JSONParser.parse(Data(bytes)) == nil)
            #expect((try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))) == nil)
        }
    }

    /// Strings are validated by the standard library (after the eight-byte scan, or after unescaping): they accept
    /// exactly the well-formed UTF-8 of `wellFormedUTF8`, for every two-byte sequence and three- and four-byte ones
    /// at every boundary, at offsets inside and after the first eight bytes, with and without an escape before.
    @Test func stringValidationEqualsWellFormedUTF8() {
        var cases: [[UInt8]] = []
        for a in 0x80...0xFF { for b in 0x00...0xFF { cases.append([UInt8(a), UInt8(b)]) } }
        let edges: [UInt8] = [0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF]
        for a in 0xC0...0xFF {
            for b in edges {
                for c in edges {
                    cases.append([UInt8(a), b, c])
                    for d in edges { cases.append([UInt8(a), b, c, d]) }
                }
            }
        }
        let prefixes: [[UInt8]] = [[], Array("abc".utf8), Array("abcdefgh".utf8), Array(#"\n"#.utf8)]
        var accepted = 0
        for bytes in cases where !bytes.contains(where: Self.isSpecial) {
            let valid = Self.wellFormedUTF8(bytes)
            for prefix in prefixes {
                let parsed = JSONParser.parse(Data([0x22] + prefix + bytes + Array("tail-tail".utf8) + [0x22]))
                #expect((parsed != nil) == valid, "\(prefix) \(bytes)")
                if let parsed, prefix.isEmpty {
                    #expect(parsed == .string(String(decoding: bytes, as: UTF8.self) + "tail-tail"))
                    accepted += 1
                }
            }
        }
        #expect(accepted > 1000)
    }

    /// The string scan reads eight bytes at a time: a quote, a backslash or a control character at any position
    /// of any word ends the fast path exactly there (same result as JSONDecoder), and other bytes do not.
    @Test func specialByteAtEveryOffsetOfTheWordScan() {
        let bytes: [UInt8] = [0x22, 0x5C, 0x00, 0x01, 0x1F, 0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x41]
        for length in 1...20 {
            for position in 0..<length {
                for b in bytes {
                    var body = Array(repeating: UInt8(ascii: "x"), count: length)
                    body[position] = b
                    let data = Data([0x22] + body + [0x22])
                    let expected = try? JSONDecoder().decode(JSONValue.self, from: data)
                    #expect(JSONParser.parse(data) == expected, "\(length) \(position) \(b)")
                }
            }
        }
        // The word test itself, against the byte-by-byte definition, on words mixing plain and special bytes.
        let pool: [UInt8] = [0x00, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0xA2, 0xDC, 0xFF]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15  // xorshift64: the same words on every run
        for _ in 0..<20_000 {
            var word: [UInt8] = []
            var w: UInt64 = 0
            for k in 0..<8 {
                state ^= state << 13; state ^= state >> 7; state ^= state << 17
                let byte = pool[Int(state % UInt64(pool.count))]
                word.append(byte)
                w |= UInt64(byte) << UInt64(8 * k)
            }
            let special = word.contains(where: Self.isSpecial)
            #expect(JSONParser.hasSpecialByte(w) == special, "\(word)")
        }
    }

    /// Behind an escape, the plain runs are copied whole (scanned eight bytes at a time): a special byte at any
    /// offset of a run between two escapes ends the run exactly there, and the string reads as JSONDecoder reads it.
    @Test func specialByteAtEveryOffsetBetweenEscapes() {
        let bytes: [UInt8] = [0x22, 0x5C, 0x00, 0x1F, 0x20, 0x7F, 0x41, 0xC3]
        var compared = 0
        for length in 1...20 {
            for position in 0..<length {
                for b in bytes {
                    var run = Array("xä".utf8) + Array(repeating: UInt8(ascii: "x"), count: length)
                    run[2 + position] = b
                    let data = Data([0x22] + Array(#"a\n"#.utf8) + run + Array(#"\u00e4\"x"#.utf8) + run + [0x22])
                    let expected = try? JSONDecoder().decode(JSONValue.self, from: data)
                    #expect(JSONParser.parse(data) == expected, "\(length) \(position) \(b)")
                    if expected != nil { compared += 1 }
                }
            }
        }
        #expect(compared > 500)
    }

    /// Object members and array items are collected on stacks shared by all levels, which grow as needed: wide
    /// objects and long arrays nested in each other read as JSONDecoder reads them, members in document order.
    @Test func wideAndNestedValuesMatchJSONDecoder() throws {
        func object(_ prefix: String, _ count: Int, _ value: (Int) -> String) -> String {
            "{" + (0..<count).map { "\"\(prefix)\($0)\":\(value($0))" }.joined(separator: ",") + "}"
        }
        func array(_ count: Int, _ item: (Int) -> String) -> String {
            "[" + (0..<count).map(item).joined(separator: ",") + "]"
        }
        let inner = object("m", 90) { k in k % 3 == 0 ? array(40) { "\($0)" } : "\"v\(k)\"" }
        let text = object("k", 70) { k in
            k % 10 == 0 ? array(100) { j in j % 7 == 0 ? inner : "[\(j),{\"a\":[\(j)]}]" } : (k % 10 == 5 ? inner : "\(k)")
        }
        let data = Data(text.utf8)
        let parsed = try #require(JSONParser.parse(data))
        #expect(parsed == (try JSONDecoder().decode(JSONValue.self, from: data)))
        #expect(parsed.object?.keys == (0..<70).map { "k\($0)" })
        #expect(parsed["k10"]?.array?.count == 100)
        #expect(parsed["k10"]?.array?[7].object?.keys == (0..<90).map { "m\($0)" })
        #expect(parsed["k15"]?["m3"]?.array?.count == 40)
    }

    static func isSpecial(_ byte: UInt8) -> Bool { byte == 0x22 || byte == 0x5C || byte < 0x20 }

    /// Well-formed UTF-8 by the record repair's own scalar check (`RecordRepair.scalarLength`: no overlongs, no
    /// surrogates, ≤ U+10FFFF), so the parser and the repair agree on what needs repairing.
    static func wellFormedUTF8(_ s: [UInt8]) -> Bool {
        s.withUnsafeBufferPointer { b in
            var i = 0
            while i < b.count {
                if b[i] < 0x80 { i += 1; continue }
                let n = RecordRepair.scalarLength(b, i)
                guard n > 0 else { return false }
                i += n
            }
            return true
        }
    }

    @Test func realDumpsDecodeIdentically() throws {
        let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../catalog/demo")
        for name in ["berlin-2014-12.json", "koeln-2014-11.json", "koeln-2015-01.json", "govdata-hamburg-2020.json"] {
            let data = try Data(contentsOf: demo.appendingPathComponent(name))
            #expect(JSONParser.parse(data) == (try JSONDecoder().decode(JSONValue.self, from: data)), "\(name)")
        }
    }
}
