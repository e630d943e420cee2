import Foundation

/// A JSON value with ordered object members and a byte-stable writer (used for JSON-LD, GeoJSON and
/// datapackage.json). Numbers are kept as their JSON lexical form.
package indirect enum ExportJSON: Sendable {
    case string(String)
    case number(String)
    case bool(Bool)
    case null
    case array([ExportJSON])
    case object([(String, ExportJSON)])

    package static func int(_ i: Int) -> ExportJSON { .number(String(i)) }
    package static func double(_ d: Double) -> ExportJSON { .number(ExportNumber.format(d)) }
    /// JSON text already serialised (compact), written as it is: like a number, it is kept in its lexical form.
    package static func verbatim(_ json: String) -> ExportJSON { .number(json) }

    /// Two-space indented JSON with a trailing newline. Strings are escaped per RFC 8259; everything outside
    /// ASCII printable is written raw as UTF-8 except U+2028/U+2029 and controls, which are `\u` escaped.
    package func serialised() -> String {
        var out = ""
        write(into: &out, indent: 0)
        out.append("\n")
        return out
    }

    private func write(into out: inout String, indent: Int) {
        switch self {
        case .string(let s): ExportJSON.quote(s, into: &out)
        case .number(let n): out.append(n)
        case .bool(let b): out.append(b ? "true" : "false")
        case .null: out.append("null")
        case .array(let items):
            if items.isEmpty { out.append("[]"); return }
            out.append("[\n")
            for (i, item) in items.enumerated() {
                out.append(String(repeating: "  ", count: indent + 1))
                item.write(into: &out, indent: indent + 1)
                out.append(i + 1 < items.count ? ",\n" : "\n")
            }
            out.append(String(repeating: "  ", count: indent))
            out.append("]")
        case .object(let members):
            if members.isEmpty { out.append("{}"); return }
            out.append("{\n")
            for (i, (k, v)) in members.enumerated() {
                out.append(String(repeating: "  ", count: indent + 1))
                ExportJSON.quote(k, into: &out)
                out.append(": ")
                v.write(into: &out, indent: indent + 1)
                out.append(i + 1 < members.count ? ",\n" : "\n")
            }
            out.append(String(repeating: "  ", count: indent))
            out.append("}")
        }
    }

    package static func quote(_ s: String, into out: inout String) {
        out.append("\"")
        LiteralEscapes.json.append(s, to: &out)
        out.append("\"")
    }

    package subscript(key: String) -> ExportJSON? {
        if case .object(let m) = self { return m.first { $0.0 == key }?.1 }
        return nil
    }
}

/// Deterministic, exponent-free decimal formatting for coordinates and other numbers.
package enum ExportNumber {
    package static func format(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        let s = String(d)
        // Bytes, not `contains("e")`: with Foundation imported that is a locale-aware `range(of:)`, and at 100 k
        // datasets this function (every coordinate of every map and geometry) spent 20 % of a run there.
        guard s.utf8.contains(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) else { return s }
        var f = String(format: "%.15f", d)
        while f.hasSuffix("0") { f.removeLast() }
        if f.hasSuffix(".") { f.removeLast() }
        return f == "-0" ? "0" : f
    }
}
