package import Foundation

/// A JSON value we *write*: objects keep their key order so responses are byte-stable and read like CKAN's.
///
/// `JSONValue` (1-Ingest/JSON/JSONValue.swift) is the lenient *reader*; this one is the writer. Serialisation is done by
/// hand into bytes because the server renders every package once per snapshot and then only concatenates.
package enum CKANJSON: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([CKANJSON])
    case object([Member])
    /// Already serialised JSON (a pre-rendered package dict): copied verbatim.
    case raw(Data)

    package struct Member: Sendable, Hashable {
        package var key: String
        package var value: CKANJSON
        package init(_ key: String, _ value: CKANJSON) {
            self.key = key
            self.value = value
        }
    }

    /// `nil` becomes JSON `null`.
    package static func string(_ s: String?) -> CKANJSON { s.map { .string($0) } ?? .null }

    /// Builds an object from ordered pairs.
    package static func obj(_ pairs: KeyValuePairs<String, CKANJSON>) -> CKANJSON {
        .object(pairs.map { Member($0.key, $0.value) })
    }

    package subscript(key: String) -> CKANJSON? {
        if case .object(let members) = self { return members.first { $0.key == key }?.value }
        return nil
    }

    package var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    package var arrayValue: [CKANJSON]? {
        if case .array(let a) = self { return a }
        return nil
    }

    package var intValue: Int? {
        if case .int(let i) = self { return i }
        return nil
    }

    /// Compact UTF-8 JSON.
    package var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(into: &out)
        return out
    }

    package var text: String { String(decoding: bytes, as: UTF8.self) }

    package func write(into out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .double(let d):
            if d.isFinite {
                if d.rounded() == d, abs(d) < 1e15 { out.append(contentsOf: String(Int64(d)).utf8) } else { out.append(contentsOf: String(d).utf8) }
            } else {
                out.append(contentsOf: "null".utf8)
            }
        case .string(let s): CKANJSON.writeString(s, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (i, m) in members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                CKANJSON.writeString(m.key, into: &out)
                out.append(UInt8(ascii: ":"))
                m.value.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .raw(let bytes): bytes.withUnsafeBytes { out.append(contentsOf: $0) }
        }
    }

    /// Escapes per RFC 8259; `<`, `>`, `&` are escaped too so a response can never be sniffed as HTML.
    static func writeString(_ s: String, into out: inout [UInt8]) { JSONStringBytes.append(s, to: &out, style: .markupSafe) }
}
