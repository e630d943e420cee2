import CatalogCore
import Foundation

/// Finds the byte ranges of JSON values without decoding them, so every harvested record keeps the exact
/// bytes the source sent (number spelling, key order, escapes) — re-serialising through JSONSerialization
/// would silently change them. Only structure is checked here; each record's bytes are then validated by
/// a real JSON parser.
enum JSONSlicer {
    struct Failure: Error {
        var offset: Int
        var message: String
    }

    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }

    static func skipSpace(_ b: [UInt8], _ i: Int, _ end: Int) -> Int {
        var i = i
        while i < end, isSpace(b[i]) { i += 1 }
        return i
    }

    /// The index just after the value that starts at `i`.
    static func valueEnd(_ b: [UInt8], from i: Int, to end: Int) throws(Failure) -> Int {
        guard i < end else { throw Failure(offset: i, message: "unexpected end of input, expected a value") }
        switch b[i] {
        case quote:
            return try stringEnd(b, from: i, to: end)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var j = i
            while j < end {
                let c = b[j]
                if c == quote {
                    j = try stringEnd(b, from: j, to: end)
                    continue
                }
                if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
                    depth += 1
                } else if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 { return j + 1 }
                }
                j += 1
            }
            throw Failure(offset: end, message: "unexpected end of input inside \(b[i] == UInt8(ascii: "{") ? "an object" : "an array") that starts at byte \(i) (truncated?)")
        default:
            var j = i
            while j < end {
                let c = b[j]
                if c == UInt8(ascii: ",") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}") || isSpace(c) { break }
                j += 1
            }
            guard j > i else { throw Failure(offset: i, message: "expected a value, found '\(Character(UnicodeScalar(b[i])))'") }
            return j
        }
    }

    static func stringEnd(_ b: [UInt8], from i: Int, to end: Int) throws(Failure) -> Int {
        var j = i + 1
        while j < end {
            if b[j] == backslash {
                j += 2
            } else if b[j] == quote {
                return j + 1
            } else {
                j += 1
            }
        }
        throw Failure(offset: end, message: "unexpected end of input inside a string that starts at byte \(i) (truncated?)")
    }

    /// The element ranges of the array in `range` (which must start with `[`).
    static func elements(_ b: [UInt8], in range: Range<Int>) throws(Failure) -> [Range<Int>] {
        var i = skipSpace(b, range.lowerBound, range.upperBound)
        guard i < range.upperBound, b[i] == UInt8(ascii: "[") else { throw Failure(offset: i, message: "expected '['") }
        i = skipSpace(b, i + 1, range.upperBound)
        var result: [Range<Int>] = []
        if i < range.upperBound, b[i] == UInt8(ascii: "]") { return result }
        while true {
            let end = try valueEnd(b, from: i, to: range.upperBound)
            result.append(i..<end)
            i = skipSpace(b, end, range.upperBound)
            guard i < range.upperBound else { throw Failure(offset: i, message: "unexpected end of input after element \(result.count - 1) (truncated?)") }
            if b[i] == UInt8(ascii: ",") {
                i = skipSpace(b, i + 1, range.upperBound)
            } else if b[i] == UInt8(ascii: "]") {
                return result
            } else {
                throw Failure(offset: i, message: "expected ',' or ']' after element \(result.count - 1)")
            }
        }
    }

    /// The members of the object in `range` (which must start with `{`), in document order.
    static func members(_ b: [UInt8], in range: Range<Int>) throws(Failure) -> [(key: String, value: Range<Int>)] {
        var i = skipSpace(b, range.lowerBound, range.upperBound)
        guard i < range.upperBound, b[i] == UInt8(ascii: "{") else { throw Failure(offset: i, message: "expected '{'") }
        i = skipSpace(b, i + 1, range.upperBound)
        var result: [(key: String, value: Range<Int>)] = []
        if i < range.upperBound, b[i] == UInt8(ascii: "}") { return result }
        while true {
            guard i < range.upperBound, b[i] == quote else { throw Failure(offset: i, message: "expected a member name") }
            let keyEnd = try stringEnd(b, from: i, to: range.upperBound)
            guard let key = memberName(b, i..<keyEnd) else { throw Failure(offset: i, message: "invalid member name") }
            i = skipSpace(b, keyEnd, range.upperBound)
            guard i < range.upperBound, b[i] == UInt8(ascii: ":") else { throw Failure(offset: i, message: "expected ':' after \"\(key)\"") }
            i = skipSpace(b, i + 1, range.upperBound)
            let end = try valueEnd(b, from: i, to: range.upperBound)
            result.append((key, i..<end))
            i = skipSpace(b, end, range.upperBound)
            guard i < range.upperBound else { throw Failure(offset: i, message: "unexpected end of input (truncated?)") }
            if b[i] == UInt8(ascii: ",") {
                i = skipSpace(b, i + 1, range.upperBound)
            } else if b[i] == UInt8(ascii: "}") {
                return result
            } else {
                throw Failure(offset: i, message: "expected ',' or '}' after \"\(key)\"")
            }
        }
    }

    /// 1-based line of a byte offset, for messages.
    static func line(of offset: Int, in b: [UInt8]) -> Int {
        var line = 1
        for c in b[..<min(offset, b.count)] where c == 0x0A { line += 1 }
        return line
    }
}

extension JSONSlicer {
    /// A member name: its bytes as they are when it has no escape, else decoded by the project's JSON parser.
    static func memberName(_ b: [UInt8], _ range: Range<Int>) -> String? {
        let inner = (range.lowerBound + 1)..<(range.upperBound - 1)
        guard inner.lowerBound <= inner.upperBound else { return nil }
        if !b[inner].contains(backslash) { return String(decoding: b[inner], as: UTF8.self) }
        guard case .string(let s)? = JSONValue.parse(Data(b[range])) else { return nil }
        return s
    }

    /// The top-level members of the one JSON object in `b` (nil when `b` is not exactly one object, by
    /// structure: values are not decoded here).
    static func object(_ b: [UInt8]) -> [(key: String, value: Range<Int>)]? {
        let start = skipSpace(b, 0, b.count)
        guard start < b.count, b[start] == UInt8(ascii: "{"), let end = try? valueEnd(b, from: start, to: b.count),
              skipSpace(b, end, b.count) == b.count
        else { return nil }
        return try? members(b, in: start..<end)
    }

    /// The value of the first member named `key`, decoded (members are small: ids, counts, flags, errors).
    static func value(_ key: String, in members: [(key: String, value: Range<Int>)], of b: [UInt8]) -> JSONValue? {
        guard let range = members.first(where: { $0.key == key })?.value else { return nil }
        return JSONValue.parse(Data(b[range]))
    }

    /// What a record's bytes hold, from their structure and the `id` / `name` members only. The whole record is
    /// parsed once, by the mapper, which reports a record that is not valid JSON inside (`record.invalidJSON`).
    static func shape(_ record: some Collection<UInt8>) -> RecordShape {
        if let found = strings(record, ["id", "name"]) {
            return .object(id: found["id"].flatMap { $0.isEmpty ? nil : $0 } ?? found["name"].flatMap { $0.isEmpty ? nil : $0 })
        }
        guard let value = JSONValue.parse(Data(record)) else { return .invalid }
        return .other(typeName: jsonTypeName(value))
    }

    /// The string values of the named top-level members of a record (nil when it is not one JSON object).
    static func strings(_ record: some Collection<UInt8>, _ keys: [String]) -> [String: String]? {
        let b = Array(record)
        guard let members = object(b) else { return nil }
        var found: [String: String] = [:]
        for key in keys {
            if case .string(let s)? = value(key, in: members, of: b) { found[key] = s }
        }
        return found
    }
}

/// What one record (a dump element or line, a package_search result) holds.
enum RecordShape: Sendable, Equatable {
    /// A JSON object, with its package id (`id`, else `name`) if it has one.
    case object(id: String?)
    /// Valid JSON, but not an object ("a string", "an array" …).
    case other(typeName: String)
    case invalid

    var typeName: String {
        if case .other(let name) = self { return name }
        return "an object"
    }

    /// The package id of an object that has one.
    var id: String? {
        if case .object(let id) = self { return id }
        return nil
    }
}

/// A short description of a JSON value's type for messages ("a string", "an array" …).
func jsonTypeName(_ value: JSONValue?) -> String {
    switch value {
    case nil, .null?: "null"
    case .string?: "a string"
    case .array?: "an array"
    case .object?: "an object"
    case .number?, .bool?: "a number or boolean"
    }
}

/// `jsonTypeName`'s name in German, for the German sentence of a finding (a name it does not know stays as it is).
func germanJSONTypeName(_ english: String) -> String {
    switch english {
    case "null": "null"
    case "a string": "eine Zeichenkette"
    case "an array": "ein Array"
    case "an object": "ein Objekt"
    case "a number or boolean": "eine Zahl oder ein Wahrheitswert"
    default: english
    }
}

/// CKAN's error text from an envelope's `error` member (`{"__type": "...", "message": "..."}` or field errors).
func ckanErrorMessage(_ error: JSONValue?) -> String {
    guard let error, error != .null else { return "no error message given" }
    guard case .object(let dict) = error else { return plain(error) }
    var parts: [String] = []
    if case .string(let message)? = dict["message"] { parts.append(message) }
    for (key, value) in dict.sorted(by: { $0.key < $1.key }) where key != "__type" && key != "message" {
        let text: String
        if case .array(let list) = value { text = list.map(plain).joined(separator: "; ") } else { text = plain(value) }
        parts.append("\(key): \(text)")
    }
    let body = parts.isEmpty ? "no message" : parts.joined(separator: "; ")
    if case .string(let type)? = dict["__type"] { return "\(type): \(body)" }
    return body
}

/// A JSON value in a message: strings as they are, numbers without a needless `.0`, the rest as compact JSON.
private func plain(_ value: JSONValue) -> String {
    switch value {
    case .string(let s): return s
    case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
    case .bool(let b): return String(b)
    case .null: return "null"
    case .array, .object:
        var w = JSONByteWriter()
        value.writeCanonical(&w)
        return String(decoding: w.bytes, as: UTF8.self)
    }
}
