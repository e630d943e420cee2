// Three serialisations of one `DCATGraph`. All are byte-stable: prefixes sorted, subjects sorted,
// `rdf:type` first, then predicates and objects sorted (the graph's triple order).

/// Turtle: `@prefix` lines, one block per subject, one line per predicate, literals on one line
/// (newlines escaped), so a changed value shows up as a one-line diff.
package enum TurtleSerializer {
    private static let rdfType = ExportNS.rdf + "type"

    package static func serialise(_ graph: DCATGraph) -> String {
        var out = ""
        for (p, ns) in ExportNS.prefixes { out += "@prefix \(p): <\(ns)> .\n" }
        for group in graph.subjects {
            out += "\n" + iri(group.subject) + "\n"
            var byPredicate: [(String, [DCATTerm])] = []
            for t in group.triples {
                if let last = byPredicate.last, last.0 == t.predicate { byPredicate[byPredicate.count - 1].1.append(t.object) } else {
                    byPredicate.append((t.predicate, [t.object]))
                }
            }
            for (i, (p, objects)) in byPredicate.enumerated() {
                let pred = p == rdfType ? "a" : iri(p)
                out += "    " + pred + " " + objects.map(term).joined(separator: ",\n        ")
                out += i + 1 < byPredicate.count ? " ;\n" : " .\n"
            }
        }
        return out
    }

    static func iri(_ s: String) -> String {
        if let c = ExportNS.compact(s) { return c.prefix + ":" + c.local }
        return "<" + s + ">"
    }

    static func term(_ t: DCATTerm) -> String {
        switch t {
        case .iri(let s): return iri(s)
        case .literal(let s, let lang, let dt):
            var out = "\"" + escape(s) + "\""
            if let lang { out += "@" + lang } else if let dt { out += "^^" + iri(dt) }
            return out
        }
    }

    /// Escapes for a Turtle `STRING_LITERAL_QUOTE`.
    static func escape(_ s: String) -> String {
        // Fast path: nothing to escape (no quote, backslash or control character).
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 != 0x7F }) { return s }
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if c.value < 0x20 || c.value == 0x7F {
                    let hex = String(c.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out
    }
}

/// RDF/XML: one `rdf:Description` per subject; `rdf:resource` for IRIs, `xml:lang` and `rdf:datatype` on
/// literals. Text is XML-escaped (`& < >`, and `"` plus whitespace as character references in attributes);
/// characters XML 1.0 forbids never reach it (the graph replaced them).
package enum RDFXMLSerializer {
    package static func serialise(_ graph: DCATGraph) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rdf:RDF"
        for (p, ns) in ExportNS.prefixes { out += "\n    xmlns:\(p)=\"\(attribute(ns))\"" }
        out += ">\n"
        for group in graph.subjects {
            out += "  <rdf:Description rdf:about=\"\(attribute(group.subject))\">\n"
            for t in group.triples {
                let (qname, xmlns) = element(t.predicate)
                out += "    <" + qname + xmlns
                switch t.object {
                case .iri(let o):
                    out += " rdf:resource=\"\(attribute(o))\"/>\n"
                case .literal(let s, let lang, let dt):
                    if let lang { out += " xml:lang=\"\(attribute(lang))\"" } else if let dt { out += " rdf:datatype=\"\(attribute(dt))\"" }
                    out += ">" + content(s) + "</" + qname + ">\n"
                }
            }
            out += "  </rdf:Description>\n"
        }
        out += "</rdf:RDF>\n"
        return out
    }

    /// A QName for a predicate, declaring an ad-hoc namespace when it is not one of ours.
    static func element(_ predicate: String) -> (String, String) {
        if let c = ExportNS.compact(predicate) { return (c.prefix + ":" + c.local, "") }
        // Split after the last '#' or '/' such that the local part is an NCName.
        var ns = predicate
        var local = ""
        while let last = ns.last, last != "#", last != "/" {
            local = String(last) + local
            ns.removeLast()
        }
        while let f = local.first, !(f.isLetter || f == "_") {
            ns.append(f)
            local.removeFirst()
        }
        if local.isEmpty || !local.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == ".") }) {
            // Not expressible as an XML element; cannot happen for the predicates the graph uses.
            return ("rdf:Description", "")
        }
        return ("ns0:" + local, " xmlns:ns0=\"\(attribute(ns))\"")
    }

    static func content(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\r": out += "&#13;"
            default:
                if ExportText.isXMLChar(c) { out.unicodeScalars.append(c) } else { out += "\u{FFFD}" }
            }
        }
        return out
    }

    static func attribute(_ s: String) -> String {
        // Fast path: nothing to escape or replace. Bytes ≥ 0x80 other than 0xEF cannot start U+FFFE/U+FFFF.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x26 && $0 != 0x3C && $0 != 0x3E && $0 != 0x22 && $0 != 0xEF }) { return s }
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t": out += "&#9;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            default:
                if ExportText.isXMLChar(c) { out.unicodeScalars.append(c) } else { out += "\u{FFFD}" }
            }
        }
        return out
    }
}

/// JSON-LD 1.1: one document with an inline `@context` (prefix definitions only, no remote context) and a
/// `@graph` of node objects. Every property value is an array; IRIs are `{"@id": full IRI}` (never compacted,
/// so a data IRI cannot be misread as a compact IRI), literals are value objects with `@language` or `@type`.
package enum JSONLDSerializer {
    package static func serialise(_ graph: DCATGraph) -> String {
        let context = ExportJSON.object(ExportNS.prefixes.map { ($0.0, .string($0.1)) })
        var nodes: [ExportJSON] = []
        for group in graph.subjects {
            var members: [(String, ExportJSON)] = [("@id", .string(group.subject))]
            var types: [ExportJSON] = []
            var props: [(String, [ExportJSON])] = []
            for t in group.triples {
                if t.predicate == ExportNS.rdf + "type", case .iri(let cls) = t.object {
                    types.append(.string(compact(cls)))
                    continue
                }
                let key = compact(t.predicate)
                let value = term(t.object)
                if let last = props.last, last.0 == key { props[props.count - 1].1.append(value) } else { props.append((key, [value])) }
            }
            if !types.isEmpty { members.append(("@type", .array(types))) }
            for (k, v) in props { members.append((k, .array(v))) }
            nodes.append(.object(members))
        }
        return ExportJSON.object([("@context", context), ("@graph", .array(nodes))]).serialised()
    }

    static func compact(_ iri: String) -> String {
        if let c = ExportNS.compact(iri) { return c.prefix + ":" + c.local }
        return iri
    }

    static func term(_ t: DCATTerm) -> ExportJSON {
        switch t {
        case .iri(let s): return .object([("@id", .string(s))])
        case .literal(let s, let lang, let dt):
            var m: [(String, ExportJSON)] = [("@value", .string(s))]
            if let lang { m.append(("@language", .string(lang))) } else if let dt { m.append(("@type", .string(compact(dt)))) }
            return .object(m)
        }
    }
}
