// Three serialisations of RDF triples. A document is a header (prefixes, namespaces, the JSON-LD context), one
// block per subject and a footer; a block states one subject's triples, `rdf:type` first, then predicates and
// objects sorted (the triple order). Blocks are independent of each other, so a document can be rendered in
// pieces (DCATDocument: per dataset, in parallel) and joined. All are byte-stable.

/// Writes a document block by block, as UTF-8 bytes. `serialise(_:)` writes a whole `DCATGraph` (subjects
/// sorted).
package protocol RDFBlockSerialiser {
    init()
    /// The start of every document.
    static var header: String { get }
    /// The end of a document; `empty`: no block was written.
    static func footer(empty: Bool) -> String
    /// One subject's triples (non-empty, sorted, all with the same subject); `first`: the document's first block.
    mutating func block(_ triples: ArraySlice<DCATTriple>, first: Bool, into out: inout [UInt8])
}

extension RDFBlockSerialiser {
    /// One block per subject of `triples` (sorted); `first` turns false once a block is written.
    package mutating func blocks(_ triples: ArraySlice<DCATTriple>, first: inout Bool, into out: inout [UInt8]) {
        var i = triples.startIndex
        while i < triples.endIndex {
            let subject = triples[i].subject
            var j = i + 1
            while j < triples.endIndex, triples[j].subject == subject { j += 1 }
            block(triples[i..<j], first: first, into: &out)
            first = false
            i = j
        }
    }

    /// The whole graph as one document.
    package static func serialise(_ graph: DCATGraph) -> [UInt8] {
        var writer = Self()
        var out: [UInt8] = []
        out.reserveCapacity(graph.triples.count * 128)
        out.append(utf8: header)
        var first = true
        writer.blocks(graph.triples[...], first: &first, into: &out)
        out.append(utf8: footer(empty: first))
        return out
    }
}

/// Turtle: `@prefix` lines, one block per subject, one line per predicate, literals on one line
/// (newlines escaped), so a changed value shows up as a one-line diff.
package struct TurtleSerializer: RDFBlockSerialiser {
    private static let rdfType = ExportNS.rdf + "type"
    /// Predicates, classes and datatypes repeat in every block: their Turtle form is computed once.
    private var names = NameCache<[UInt8]> { Array(TurtleSerializer.iri($0).utf8) }

    package init() {}

    package static var header: String {
        var out = ""
        for (p, ns) in ExportNS.prefixes { out += "@prefix \(p): <\(ns)> .\n" }
        return out
    }

    package static func footer(empty: Bool) -> String { "" }

    package mutating func block(_ triples: ArraySlice<DCATTriple>, first: Bool, into out: inout [UInt8]) {
        var i = triples.startIndex
        out.append(0x0A)
        Self.appendIRI(triples[i].subject, to: &out)
        out.append(0x0A)
        while i < triples.endIndex {
            let predicate = triples[i].predicate
            out.append(utf8: "    ")
            if predicate == Self.rdfType { out.append(UInt8(ascii: "a")) } else { out.append(contentsOf: names[predicate]) }
            out.append(0x20)
            var firstObject = true
            while i < triples.endIndex, triples[i].predicate == predicate {
                if !firstObject { out.append(utf8: ",\n        ") }
                firstObject = false
                Self.append(triples[i].object, to: &out, names: &names)
                i += 1
            }
            out.append(utf8: i < triples.endIndex ? " ;\n" : " .\n")
        }
    }

    private static func append(_ t: DCATTerm, to out: inout [UInt8], names: inout NameCache<[UInt8]>) {
        switch t {
        case .iri(let s):
            appendIRI(s, to: &out)
        case .literal(let s, let lang, let dt):
            LiteralEscapes.turtle.appendQuoted(s, to: &out)
            if let lang {
                out.append(UInt8(ascii: "@"))
                out.append(utf8: lang)
            } else if let dt {
                out.append(utf8: "^^")
                out.append(contentsOf: names[dt])
            }
        }
    }

    static func iri(_ s: String) -> String {
        if let c = ExportNS.compact(s) { return c.prefix + ":" + c.local }
        return "<" + s + ">"
    }

    /// `iri(s)` appended to `out` without building it first.
    static func appendIRI(_ s: String, to out: inout [UInt8]) {
        if let c = ExportNS.compact(s) {
            out.append(utf8: c.prefix)
            out.append(UInt8(ascii: ":"))
            out.append(utf8: c.local)
        } else {
            out.append(UInt8(ascii: "<"))
            out.append(utf8: s)
            out.append(UInt8(ascii: ">"))
        }
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
        var out: [UInt8] = []
        LiteralEscapes.turtle.append(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

/// RDF/XML: one `rdf:Description` per subject; `rdf:resource` for IRIs, `xml:lang` and `rdf:datatype` on
/// literals. Text is XML-escaped (`& < >`, and `"` plus whitespace as character references in attributes);
/// characters XML 1.0 forbids never reach it (the graph replaced them).
package struct RDFXMLSerializer: RDFBlockSerialiser {
    /// Element names (and closing tags) of predicates, computed once per predicate.
    private var elements = NameCache<(open: [UInt8], close: [UInt8])> { predicate in
        let (qname, xmlns) = RDFXMLSerializer.element(predicate)
        return (Array(("    <" + qname + xmlns).utf8), Array(("</" + qname + ">\n").utf8))
    }

    package init() {}

    package static var header: String {
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rdf:RDF"
        for (p, ns) in ExportNS.prefixes { out += "\n    xmlns:\(p)=\"\(attribute(ns))\"" }
        out += ">\n"
        return out
    }

    package static func footer(empty: Bool) -> String { "</rdf:RDF>\n" }

    package mutating func block(_ triples: ArraySlice<DCATTriple>, first: Bool, into out: inout [UInt8]) {
        out.append(utf8: "  <rdf:Description rdf:about=\"")
        Self.appendAttribute(triples[triples.startIndex].subject, to: &out)
        out.append(utf8: "\">\n")
        for t in triples {
            let names = elements[t.predicate]
            out.append(contentsOf: names.open)
            switch t.object {
            case .iri(let o):
                out.append(utf8: " rdf:resource=\"")
                Self.appendAttribute(o, to: &out)
                out.append(utf8: "\"/>\n")
            case .literal(let s, let lang, let dt):
                if let lang {
                    out.append(utf8: " xml:lang=\"")
                    Self.appendAttribute(lang, to: &out)
                    out.append(UInt8(ascii: "\""))
                } else if let dt {
                    out.append(utf8: " rdf:datatype=\"")
                    Self.appendAttribute(dt, to: &out)
                    out.append(UInt8(ascii: "\""))
                }
                out.append(UInt8(ascii: ">"))
                Self.appendContent(s, to: &out)
                out.append(contentsOf: names.close)
            }
        }
        out.append(utf8: "  </rdf:Description>\n")
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

    /// Whether `content(s)` is `s` as it is (no byte to escape or replace; bytes ≥ 0x80 other than 0xEF cannot
    /// start U+FFFE/U+FFFF; TAB and LF are allowed as they are).
    private static func isPlainContent(_ s: String) -> Bool {
        s.allUTF8(below: 0x20, marks: (0x26, 0x3C, 0x3E, 0xEF, 0xEF), {
            ($0 >= 0x20 || $0 == 0x09 || $0 == 0x0A) && $0 != 0x26 && $0 != 0x3C && $0 != 0x3E && $0 != 0xEF
        })
    }

    /// Whether `attribute(s)` is `s` as it is (as `isPlainContent`, and no `"`, TAB or LF).
    private static func isPlainAttribute(_ s: String) -> Bool {
        s.allUTF8(below: 0x20, marks: (0x26, 0x3C, 0x3E, 0x22, 0xEF), {
            $0 >= 0x20 && $0 != 0x26 && $0 != 0x3C && $0 != 0x3E && $0 != 0x22 && $0 != 0xEF
        })
    }

    /// `content(s)` appended to `out`.
    private static func appendContent(_ s: String, to out: inout [UInt8]) {
        if isPlainContent(s) { out.append(utf8: s) } else { appendEscaped(s, attribute: false, to: &out) }
    }

    /// `attribute(s)` appended to `out`.
    private static func appendAttribute(_ s: String, to out: inout [UInt8]) {
        if isPlainAttribute(s) { out.append(utf8: s) } else { appendEscaped(s, attribute: true, to: &out) }
    }

    /// Text content: `& < >` and CR as references, characters XML 1.0 forbids as U+FFFD.
    static func content(_ s: String) -> String {
        if isPlainContent(s) { return s }
        var out: [UInt8] = []
        appendEscaped(s, attribute: false, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// An attribute value: as `content`, and `"`, TAB and LF as references too.
    static func attribute(_ s: String) -> String {
        if isPlainAttribute(s) { return s }
        var out: [UInt8] = []
        appendEscaped(s, attribute: true, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The escapes byte by byte, runs without one copied at once. In UTF-8 the characters XML 1.0 forbids are
    /// the bytes below 0x20 other than TAB, LF, CR, and U+FFFE/U+FFFF (EF BF BE, EF BF BF).
    private static func appendEscaped(_ s: String, attribute: Bool, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { b in
            var run = 0, i = 0
            while i < b.count {
                let c = b[i]
                var width = 1
                let replacement: String?
                switch c {
                case 0x26: replacement = "&amp;"
                case 0x3C: replacement = "&lt;"
                case 0x3E: replacement = "&gt;"
                case 0x0D: replacement = "&#13;"
                case 0x22: replacement = attribute ? "&quot;" : nil
                case 0x09: replacement = attribute ? "&#9;" : nil
                case 0x0A: replacement = attribute ? "&#10;" : nil
                case 0x00..<0x20: replacement = "\u{FFFD}"
                case 0xEF where i + 2 < b.count && b[i + 1] == 0xBF && b[i + 2] >= 0xBE:
                    replacement = "\u{FFFD}"
                    width = 3
                default: replacement = nil
                }
                guard let replacement else {
                    i += 1
                    continue
                }
                if run < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<i])) }
                out.append(utf8: replacement)
                i += width
                run = i
            }
            if run < b.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<b.count])) }
        }
    }
}

/// JSON-LD 1.1: one document with an inline `@context` (prefix definitions only, no remote context) and a
/// `@graph` of node objects. Every property value is an array; IRIs are `{"@id": full IRI}` (never compacted,
/// so a data IRI cannot be misread as a compact IRI), literals are value objects with `@language` or `@type`.
package struct JSONLDSerializer: RDFBlockSerialiser {
    private static let rdfType = ExportNS.rdf + "type"
    /// Predicate / class / datatype IRI → its quoted compact form.
    private var keys = NameCache<[UInt8]> { iri in
        var k: [UInt8] = []
        LiteralEscapes.json.appendQuoted(JSONLDSerializer.compact(iri), to: &k)
        return k
    }

    package init() {}

    /// The same bytes `ExportJSON.serialised()` gives for the tree: two-space indentation, `"key": value`,
    /// every property value an array.
    package static var header: String {
        var out = "{\n  \"@context\": {\n"
        for (i, (p, ns)) in ExportNS.prefixes.enumerated() {
            out += "    "
            ExportJSON.quote(p, into: &out)
            out += ": "
            ExportJSON.quote(ns, into: &out)
            out += i + 1 < ExportNS.prefixes.count ? ",\n" : "\n"
        }
        out += "  },\n  \"@graph\": ["
        return out
    }

    package static func footer(empty: Bool) -> String { empty ? "]\n}\n" : "\n  ]\n}\n" }

    package mutating func block(_ triples: ArraySlice<DCATTriple>, first: Bool, into out: inout [UInt8]) {
        out.append(utf8: first ? "\n    {\n      \"@id\": " : ",\n    {\n      \"@id\": ")
        LiteralEscapes.json.appendQuoted(triples[triples.startIndex].subject, to: &out)
        var j = triples.startIndex
        // @type first (rdf:type sorts first within a subject).
        var types = 0
        while j < triples.endIndex, triples[j].predicate == Self.rdfType, case .iri(let cls) = triples[j].object {
            out.append(utf8: types == 0 ? ",\n      \"@type\": [\n        " : ",\n        ")
            out.append(contentsOf: keys[cls])
            types += 1
            j += 1
        }
        if types > 0 { out.append(utf8: "\n      ]") }
        while j < triples.endIndex {
            let predicate = triples[j].predicate
            out.append(utf8: ",\n      ")
            out.append(contentsOf: keys[predicate])
            out.append(utf8: ": [\n")
            var firstValue = true
            while j < triples.endIndex, triples[j].predicate == predicate {
                out.append(utf8: firstValue ? "        {\n          " : ",\n        {\n          ")
                firstValue = false
                value(triples[j].object, into: &out)
                out.append(utf8: "\n        }")
                j += 1
            }
            out.append(utf8: "\n      ]")
        }
        out.append(utf8: "\n    }")
    }

    private mutating func value(_ term: DCATTerm, into out: inout [UInt8]) {
        switch term {
        case .iri(let s):
            out.append(utf8: "\"@id\": ")
            LiteralEscapes.json.appendQuoted(s, to: &out)
        case .literal(let s, let lang, let dt):
            out.append(utf8: "\"@value\": ")
            LiteralEscapes.json.appendQuoted(s, to: &out)
            if let lang {
                out.append(utf8: ",\n          \"@language\": ")
                LiteralEscapes.json.appendQuoted(lang, to: &out)
            } else if let dt {
                out.append(utf8: ",\n          \"@type\": ")
                out.append(contentsOf: keys[dt])
            }
        }
    }

    /// The tree form (reference for `serialise`, used by the tests).
    package static func serialiseTree(_ graph: DCATGraph) -> String {
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

/// Serialised forms of vocabulary IRIs (predicates, classes, datatypes), computed once each. Bounded, so an
/// unusual graph cannot grow it without limit.
private struct NameCache<Value> {
    private var forms: [String: Value] = [:]
    private let make: (String) -> Value

    init(_ make: @escaping (String) -> Value) { self.make = make }

    subscript(_ iri: String) -> Value {
        mutating get {
            if let f = forms[iri] { return f }
            let f = make(iri)
            if forms.count < 4096 { forms[iri] = f }
            return f
        }
    }
}
