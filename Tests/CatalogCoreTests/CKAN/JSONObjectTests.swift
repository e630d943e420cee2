import Foundation
import Testing
@testable import CatalogCore
import CatalogTestSupport

/// `JSONObject` keeps members in document order without a hash table; the parser finds duplicate keys itself.
@Suite struct JSONObjectTests {
    /// Objects with many keys, repeated at random positions (some written with escapes): the first occurrence
    /// wins and the rest are dropped, exactly as JSONDecoder's dictionary, and the kept keys stay in document order.
    @Test func duplicateKeysAreDroppedAsJSONDecoderDoes() throws {
        var rng = SplitMix64(seed: 7)
        let alphabet = ["a", "b", "ab", "ba", "name", "title", "tags", "x1", "1x", "metadata_modified", "metadata_modifiee"]
        for round in 0..<300 {
            let count = 1 + Int(rng.next() % 40)
            var keys: [String] = [], written: [String] = []
            for k in 0..<count {
                let key = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                keys.append(key)
                // Every fifth key of odd rounds is written with its first letter escaped.
                let escaped = round % 2 == 1 && k % 5 == 0
                written.append(escaped ? "\\u00" + String(key.utf8.first!, radix: 16) + key.dropFirst() : key)
            }
            let text = "{" + written.enumerated().map { "\"\($0.element)\":\($0.offset)" }.joined(separator: ",") + "}"
            let data = Data(text.utf8)
            let parsed = try #require(JSONParser.parse(data)?.object, "\(text)")
            #expect(JSONValue.object(parsed) == (try JSONDecoder().decode(JSONValue.self, from: data)), "\(text)")
            var firsts: [String] = []
            for key in keys where !firsts.contains(key) { firsts.append(key) }
            #expect(parsed.keys == firsts, "\(text)")
            for key in firsts { #expect(parsed[key] == .number(Double(keys.firstIndex(of: key)!)), "\(key) in \(text)") }
        }
    }

    /// Nested objects read while an outer object is open do not disturb its duplicate check.
    @Test func nestedObjectsKeepTheirOwnKeys() throws {
        let text = #"{"a":{"a":1,"b":{"a":2,"a":3}},"b":[{"a":4},{"b":5,"b":6}],"a":7,"c":{"\u0061":8,"a":9}}"#
        let data = Data(text.utf8)
        let parsed = try #require(JSONParser.parse(data))
        #expect(parsed == (try JSONDecoder().decode(JSONValue.self, from: data)))
        #expect(parsed.object?.keys == ["a", "b", "c"])
        #expect(parsed["a"]?["b"]?["a"] == .number(2))
        #expect(parsed["c"]?["a"] == .number(8))
        #expect(parsed["c"]?.object?.count == 1)
    }

    /// Every known key is read as itself, and a key of the same length that differs in one byte is not taken for it.
    @Test func knownKeysAreReadAsThemselves() throws {
        for name in KnownJSONKeys.names {
            #expect(name.utf8.count > 15, "\(name) is stored inline anyway")
            var near = Array(name.utf8)
            near[near.count / 2] = near[near.count / 2] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
            let other = String(decoding: near, as: UTF8.self)
            let parsed = try #require(JSONParser.parse(Data("{\"\(name)\":1,\"\(other)\":2}".utf8))?.object)
            #expect(parsed.keys == [name, other])
            #expect(parsed[name] == .number(1) && parsed[other] == .number(2))
        }
        #expect(Set(KnownJSONKeys.names).count == KnownJSONKeys.names.count)
    }

    /// Whole numbers take a shortcut: the same Double as `Double(text)`, sign of zero included.
    @Test func wholeNumbersReadAsDoubleReadsThem() throws {
        let texts = ["0", "-0", "7", "-7", "42", "123456789012345", "-999999999999999", "1234567890123456", "9007199254740993",
                     "-9007199254740993", "100000000000000000000"]
        for text in texts {
            let expected = try #require(Double(text))
            let parsed = try #require(JSONParser.parse(Data("[\(text)]".utf8))?.array?.first)
            guard case .number(let d) = parsed else { Issue.record("\(text) is not a number"); continue }
            #expect(d == expected && d.sign == expected.sign, "\(text)")
        }
    }

    /// Equality and hashing ignore the order of members, as they did for a dictionary.
    @Test func equalityAndHashIgnoreOrder() throws {
        let a = try #require(JSONParser.parse(Data(#"{"a":1,"b":[true,null],"c":{"x":"y","z":2}}"#.utf8)))
        let b = try #require(JSONParser.parse(Data(#"{"c":{"z":2,"x":"y"},"a":1,"b":[true,null]}"#.utf8)))
        let c = try #require(JSONParser.parse(Data(#"{"c":{"z":2,"x":"y"},"a":1,"b":[null,true]}"#.utf8)))
        #expect(a == b && a.hashValue == b.hashValue)
        #expect(a != c)
        #expect(JSONValue.object(["a": .null]) != .object(["a": .null, "b": .null]))
    }

    @Test func membersCanBeSetReplacedAndRemoved() {
        var o: JSONObject = ["b": .number(1), "a": .number(2), "b": .number(3)]
        #expect(o.keys == ["b", "a"] && o["b"] == .number(1))
        o["c"] = .string("x")
        o["b"] = .bool(true)
        o["a"] = nil
        o["missing"] = nil
        #expect(o.keys == ["b", "c"] && o["b"] == .bool(true) && o.count == 2)
        #expect(JSONObject(["z": .null, "y": .null, "ä": .null]).keys == ["y", "z", "ä"])
    }
}
