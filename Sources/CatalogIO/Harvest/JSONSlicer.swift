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
            guard let key = try? JSONDecoder().decode(String.self, from: Data(b[i..<keyEnd])) else {
                throw Failure(offset: i, message: "invalid member name")
            }
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

/// Decodes a JSON object from bytes; nil when the bytes are not one.
func jsonObject(_ bytes: some Sequence<UInt8>) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) as? [String: Any]
}

/// A short description of a JSON value's type for messages ("a string", "an array" …).
func jsonTypeName(_ value: Any?) -> String {
    switch value {
    case nil, is NSNull: "null"
    case is String: "a string"
    case is [Any]: "an array"
    case is [String: Any]: "an object"
    case is NSNumber: "a number or boolean"
    default: "an unknown value"
    }
}

/// The identity CKAN gives a package dict: `id`, else `name`.
func packageID(_ object: [String: Any]) -> String? {
    if let id = object["id"] as? String, !id.isEmpty { return id }
    if let name = object["name"] as? String, !name.isEmpty { return name }
    return nil
}

/// CKAN's error text from an envelope's `error` member (`{"__type": "...", "message": "..."}` or field errors).
func ckanErrorMessage(_ envelope: [String: Any]) -> String {
    guard let error = envelope["error"] else { return "no error message given" }
    if let text = error as? String { return text }
    guard let dict = error as? [String: Any] else { return String(describing: error) }
    let type = dict["__type"] as? String
    var parts: [String] = []
    if let message = dict["message"] as? String { parts.append(message) }
    for (key, value) in dict.sorted(by: { $0.key < $1.key }) where key != "__type" && key != "message" {
        let text = (value as? [Any])?.map { "\($0)" }.joined(separator: "; ") ?? "\(value)"
        parts.append("\(key): \(text)")
    }
    let body = parts.isEmpty ? "no message" : parts.joined(separator: "; ")
    return type.map { "\($0): \(body)" } ?? body
}
