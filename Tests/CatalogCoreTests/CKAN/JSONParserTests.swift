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

    /// A string without escapes is validated by the standard library: it accepts exactly what `validUTF8` (the
    /// escape path's check) accepts, for every two-byte sequence and three- and four-byte ones at every boundary.
    @Test func stringValidationEqualsValidUTF8() {
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
        var accepted = 0
        for bytes in cases where !bytes.contains(where: { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }) {
            let parsed = JSONParser.parse(Data([0x22] + bytes + [0x22]))
            #expect((parsed != nil) == JSONParser.validUTF8(bytes), "\(bytes)")
            if parsed != nil { accepted += 1 }
        }
        #expect(accepted > 1000)
    }

    @Test func realDumpsDecodeIdentically() throws {
        let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../catalog/demo")
        for name in ["berlin-2014-12.json", "koeln-2014-11.json", "koeln-2015-01.json", "govdata-hamburg-2020.json"] {
            let data = try Data(contentsOf: demo.appendingPathComponent(name))
            #expect(JSONParser.parse(data) == (try JSONDecoder().decode(JSONValue.self, from: data)), "\(name)")
        }
    }
}
