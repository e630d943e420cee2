public import Foundation

/// A JSON value decoded without a schema, so real CKAN variants can be read leniently.
///
/// CKAN portals disagree on types for the same field (numbers as strings, extras as a list or a dict,
/// JSON encoded inside strings), so decoding into fixed `Codable` structs would reject real records.
package enum JSONValue: Sendable, Hashable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    package init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let s = try? c.decode(String.self) {
            // Most values are strings: try them first (each failed attempt throws, which is costly).
            self = .string(s)
        } else if let o = try? c.decode([String: JSONValue].self) {
            self = .object(JSONObject(o))
        } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else {
            self = .number(try c.decode(Double.self))
        }
    }

    /// Parses JSON bytes; nil when they are not JSON.
    package static func parse(_ data: Data) -> JSONValue? {
        JSONParser.parse(data)
    }

    package subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    package var object: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    package var array: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    package var isNull: Bool { self == .null }

    /// The value as trimmed text: strings, numbers (integral ones without `.0`) and booleans; nil when empty.
    package var text: String? {
        switch self {
        case .string(let s):
            let t = s.trimmedSpace()
            return t.isEmpty ? nil : t
        case .number(let d):
            if d.rounded() == d, abs(d) < 1e15 { return String(Int64(d)) }
            return String(d)
        case .bool(let b):
            return b ? "true" : "false"
        default:
            return nil
        }
    }

    /// Strings that hold JSON arrays or objects (GovData: `"[\"http://…\"]"`) parsed into values; other values unchanged.
    package var unwrappingJSONString: JSONValue {
        guard case .string(let s) = self else { return self }
        let t = s.trimmedSpace()
        guard let first = t.first, first == "[" || first == "{", let v = JSONValue.parse(Data(t.utf8)) else { return self }
        return v
    }

    /// The value as a list of texts: arrays (also JSON-in-string) give their texts, a scalar gives one element.
    package var texts: [String] {
        switch unwrappingJSONString {
        case .array(let a): return a.compactMap(\.text)
        case let v: return v.text.map { [$0] } ?? []
        }
    }

    /// Compact JSON with sorted keys, for storing geometries deterministically.
    package var compactJSON: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let d):
            if d.rounded() == d, abs(d) < 1e15 { return String(Int64(d)) }
            return String(d)
        case .string(let s):
            // JSONEncoder's escapes without slashes (JSONByteWriter writes those bytes; ModelJSONTests checks).
            var writer = JSONByteWriter()
            writer.rawString(s)
            return String(decoding: writer.bytes, as: UTF8.self)
        case .array(let a): return "[" + a.map(\.compactJSON).joined(separator: ",") + "]"
        case .object(let o):
            return "{" + o.members.sorted { $0.key < $1.key }.map { JSONValue.string($0.key).compactJSON + ":" + $0.value.compactJSON }.joined(separator: ",") + "}"
        }
    }
}
