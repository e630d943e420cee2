public import Foundation

/// JSON-LD 1.1 reader for the shapes DCAT publishers produce (ckanext-dcat, DCAT-AP(.de) examples): inline
/// `@context` (prefixes, term definitions with `@id`/`@type` coercion, `@language`, `@container` `@list`/`@set`/
/// `@language`), `@graph`, `@id`, `@type`, value objects, nested nodes, arrays, `@list`. Remote contexts are never
/// fetched: a context given as a URL is an error naming it.
package enum JSONLDParser {
    package static func parse(_ data: Data, baseIRI: String?, limits: RDFLimits = .default) throws(RDFParseError) -> RDFGraph {
        guard data.count <= limits.maxBytes else {
            throw RDFParseError(.inputTooLarge, "document has \(data.count) bytes, limit is \(limits.maxBytes)")
        }
        var reader = JSONLDReader(bytes: [UInt8](data), maxDepth: limits.maxDepth)
        let json = try reader.document()
        var builder = JSONLDToRDF(limits: limits)
        let context = JSONLDContext(base: baseIRI)
        try builder.top(json, context)
        return builder.graph
    }
}

// MARK: - Context

private struct TermDefinition {
    var iri: String?
    /// `@id`, `@vocab` or a datatype IRI.
    var type: String?
    /// Set when the term defines a language (nil string value = explicitly no language).
    var language: String??
    var container: String?
    var reverse = false
}

private struct JSONLDContext {
    var terms: [String: TermDefinition] = [:]
    var vocab: String?
    var base: String?
    var language: String?

    init(base: String?) { self.base = base }

    static let keywords: Set<String> = [
        "@context", "@id", "@type", "@value", "@language", "@graph", "@list", "@set", "@reverse", "@index",
        "@base", "@vocab", "@container", "@nest", "@included", "@direction", "@json", "@none", "@prefix", "@protected", "@version",
    ]

    /// Processes a local context (object, array, null; strings are remote contexts and refused).
    func merged(with local: JSONLDValue) throws(RDFParseError) -> JSONLDContext {
        var result = self
        let list: [JSONLDValue]
        if case .array(let a) = local { list = a } else { list = [local] }
        for item in list {
            switch item {
            case .null:
                result = JSONLDContext(base: base)
            case .string(let url):
                throw RDFParseError(.remoteContext, "remote JSON-LD context '\(url)' is not fetched; inline the context")
            case .object(let members):
                for (k, v) in members where k == "@vocab" || k == "@base" || k == "@language" {
                    switch (k, v) {
                    case ("@vocab", .string(let s)): result.vocab = result.expand(s, vocab: true, relativeTo: result) ?? s
                    case ("@vocab", .null): result.vocab = nil
                    case ("@base", .string(let s)): result.base = resolveIRI(s, base: result.base)
                    case ("@base", .null): result.base = nil
                    case ("@language", .string(let s)): result.language = s.lowercased()
                    case ("@language", .null): result.language = nil
                    default: break
                    }
                }
                // Two passes so terms may refer to prefixes defined later in the same context.
                let defs = members.filter { !$0.0.hasPrefix("@") }
                for _ in 0..<2 {
                    for (term, v) in defs {
                        result.terms[term] = result.definition(term, v)
                    }
                }
            default:
                throw RDFParseError(.syntax, "invalid @context entry")
            }
        }
        return result
    }

    private func definition(_ term: String, _ v: JSONLDValue) -> TermDefinition? {
        switch v {
        case .null:
            return TermDefinition(iri: nil)
        case .string(let s):
            return TermDefinition(iri: expandTermIRI(term, s))
        case .object:
            var d = TermDefinition()
            if case .string(let r) = v["@reverse"] {
                d.iri = expandTermIRI(term, r)
                d.reverse = true
            } else if case .string(let id) = v["@id"] {
                d.iri = expandTermIRI(term, id)
            } else {
                d.iri = expandTermIRI(term, term)
            }
            if case .string(let t) = v["@type"] {
                d.type = (t == "@id" || t == "@vocab") ? t : (expand(t, vocab: true, relativeTo: self) ?? t)
            }
            if let l = v["@language"] {
                if case .string(let s) = l { d.language = .some(s.lowercased()) } else if case .null = l { d.language = .some(nil) }
            }
            if case .string(let c) = v["@container"] { d.container = c }
            if case .array(let cs) = v["@container"] {
                for case .string(let c) in cs where c != "@set" { d.container = c }
            }
            return d
        default:
            return nil
        }
    }

    private func expandTermIRI(_ term: String, _ value: String) -> String? {
        if JSONLDContext.keywords.contains(value) { return value }
        if value == term, !term.contains(":") { return vocab.map { $0 + term } }
        return expand(value, vocab: true, relativeTo: self)
    }

    /// IRI expansion. `vocab`: property/type position (terms and @vocab apply); else document-relative.
    func expand(_ value: String, vocab: Bool, relativeTo ctx: JSONLDContext? = nil) -> String? {
        if value.hasPrefix("@") { return JSONLDContext.keywords.contains(value) ? value : nil }
        if vocab, let d = terms[value] { return d.iri }
        if let colon = value.firstIndex(of: ":") {
            let prefix = String(value[..<colon])
            let suffix = value[value.index(after: colon)...]
            if prefix == "_" { return value }
            if !suffix.hasPrefix("//"), let d = terms[prefix], let iri = d.iri, iri != value { return iri + suffix }
            return value
        }
        if vocab { return self.vocab.map { $0 + value } }
        return resolveIRI(value, base: base)
    }
}

// MARK: - To RDF

private struct JSONLDToRDF {
    var graph = RDFGraph()
    let limits: RDFLimits
    var blankCounter = 0
    var labels: [String: RDFTerm] = [:]
    var depth = 0

    init(limits: RDFLimits) { self.limits = limits }

    mutating func emit(_ s: RDFTerm, _ p: String, _ o: RDFTerm) throws(RDFParseError) {
        graph.insert(RDFTriple(s, p, o))
        if graph.count > limits.maxTriples { throw RDFParseError(.tooManyTriples, "more than \(limits.maxTriples) triples") }
    }

    mutating func newBlank() -> RDFTerm {
        blankCounter += 1
        return .blank("j\(blankCounter)")
    }

    mutating func idTerm(_ id: String) -> RDFTerm {
        if id.hasPrefix("_:") {
            if let b = labels[id] { return b }
            let b = RDFTerm.blank("l" + id.dropFirst(2))
            labels[id] = b
            return b
        }
        return .iri(id)
    }

    mutating func top(_ json: JSONLDValue, _ ctx: JSONLDContext) throws(RDFParseError) {
        switch json {
        case .array(let items):
            for item in items { try top(item, ctx) }
        case .object(let members):
            var ctx = ctx
            if let c = json["@context"] { ctx = try ctx.merged(with: c) }
            let others = members.filter { $0.0 != "@context" && $0.0 != "@graph" }
            if let g = json["@graph"] {
                let items: [JSONLDValue]
                if case .array(let a) = g { items = a } else { items = [g] }
                for item in items { try top(item, ctx) }
            }
            if !others.isEmpty, json["@value"] == nil {
                _ = try node(json, ctx)
            }
        default:
            break
        }
    }

    /// Emits the triples of a node object and returns its subject.
    mutating func node(_ json: JSONLDValue, _ outer: JSONLDContext) throws(RDFParseError) -> RDFTerm {
        depth += 1
        defer { depth -= 1 }
        if depth > limits.maxDepth { throw RDFParseError(.tooDeep, "JSON-LD nested deeper than \(limits.maxDepth)") }
        guard case .object(let members) = json else { return newBlank() }
        var ctx = outer
        if let c = json["@context"] { ctx = try ctx.merged(with: c) }
        var subject: RDFTerm? = nil
        for (k, v) in members where ctx.expand(k, vocab: true) == "@id" {
            if case .string(let id) = v, let iri = ctx.expand(id, vocab: false) { subject = idTerm(iri) }
        }
        let s = subject ?? newBlank()
        for (k, v) in members {
            guard let key = ctx.expand(k, vocab: true) else { continue }
            switch key {
            case "@id", "@context", "@index", "@nest", "@included": continue
            case "@type":
                for t in arrayOf(v) {
                    if case .string(let ts) = t, let iri = ctx.expand(ts, vocab: true) { try emit(s, RDFNS.type, idTerm(iri)) }
                }
            case "@graph":
                for item in arrayOf(v) { try top(item, ctx) }
            case "@reverse":
                if case .object(let rev) = v {
                    for (rk, rv) in rev {
                        guard let p = ctx.expand(rk, vocab: true), !p.hasPrefix("@") else { continue }
                        for item in arrayOf(rv) {
                            let o = try node(item, ctx)
                            try emit(o, p, s)
                        }
                    }
                }
            default:
                guard !key.hasPrefix("@"), key.contains(":") else { continue }
                let def = ctx.terms[k]
                if def?.reverse == true {
                    for item in arrayOf(v) { try emit(try node(item, ctx), key, s) }
                    continue
                }
                if def?.container == "@language", case .object(let langMap) = v {
                    for (lang, lv) in langMap {
                        for item in arrayOf(lv) {
                            if case .string(let str) = item { try emit(s, key, .literal(str, lang: lang == "@none" ? nil : lang.lowercased())) }
                        }
                    }
                    continue
                }
                if def?.container == "@list" {
                    let list = try makeList(arrayOf(v), def, ctx)
                    try emit(s, key, list)
                    continue
                }
                for item in arrayOf(v) {
                    if let o = try object(item, def, ctx) { try emit(s, key, o) }
                }
            }
        }
        return s
    }

    /// The items of a value as a flat list (nested arrays are flattened, JSON-LD 1.0 semantics).
    func arrayOf(_ v: JSONLDValue) -> [JSONLDValue] {
        if case .array(let a) = v { return a.flatMap { arrayOf($0) } }
        return [v]
    }

    mutating func makeList(_ items: [JSONLDValue], _ def: TermDefinition?, _ ctx: JSONLDContext) throws(RDFParseError) -> RDFTerm {
        var terms: [RDFTerm] = []
        for item in items { if let o = try object(item, def, ctx) { terms.append(o) } }
        var list = RDFTerm.iri(RDFNS.nil)
        for t in terms.reversed() {
            let cell = newBlank()
            try emit(cell, RDFNS.first, t)
            try emit(cell, RDFNS.rest, list)
            list = cell
        }
        return list
    }

    mutating func object(_ v: JSONLDValue, _ def: TermDefinition?, _ ctx: JSONLDContext) throws(RDFParseError) -> RDFTerm? {
        switch v {
        case .null:
            return nil
        case .string(let s):
            if def?.type == "@id" { return ctx.expand(s, vocab: false).map { idTerm($0) } }
            if def?.type == "@vocab" { return ctx.expand(s, vocab: true).map { idTerm($0) } }
            if let t = def?.type { return .literal(s, datatype: t) }
            let lang: String? = def?.language.map { $0 } ?? ctx.language
            return .literal(s, lang: lang)
        case .bool(let b):
            return .literal(b ? "true" : "false", datatype: def?.type.flatMap { $0.hasPrefix("@") ? nil : $0 } ?? RDFNS.xsd + "boolean")
        case .number(let n):
            let isInteger = !n.contains(".") && !n.lowercased().contains("e")
            if let t = def?.type, !t.hasPrefix("@") { return .literal(isInteger ? n : canonicalDouble(n), datatype: t) }
            if isInteger { return .literal(n, datatype: RDFNS.xsd + "integer") }
            return .literal(canonicalDouble(n), datatype: RDFNS.xsd + "double")
        case .array(let a):
            // Nested arrays are flattened (JSON-LD 1.0 semantics).
            var last: RDFTerm? = nil
            for item in a { last = try object(item, def, ctx) }
            return last
        case .object:
            if let value = v["@value"] {
                var lexical: String
                switch value {
                case .string(let s): lexical = s
                case .bool(let b): lexical = b ? "true" : "false"
                case .number(let n): lexical = n
                case .null: return nil
                default: return nil
                }
                if case .string(let t) = v["@type"], let dt = ctx.expand(t, vocab: true) {
                    return .literal(lexical, datatype: dt)
                }
                if case .string(let l) = v["@language"] { return .literal(lexical, lang: l.lowercased()) }
                if case .number(let n) = value {
                    let isInteger = !n.contains(".") && !n.lowercased().contains("e")
                    lexical = isInteger ? n : canonicalDouble(n)
                    return .literal(lexical, datatype: RDFNS.xsd + (isInteger ? "integer" : "double"))
                }
                if case .bool = value { return .literal(lexical, datatype: RDFNS.xsd + "boolean") }
                return .literal(lexical, lang: ctx.language)
            }
            if let list = v["@list"] { return try makeList(arrayOf(list), def, ctx) }
            if let set = v["@set"] {
                var last: RDFTerm? = nil
                for item in arrayOf(set) { last = try object(item, def, ctx) }
                return last
            }
            return try node(v, ctx)
        }
    }
}

/// The canonical xsd:double form JSON-LD uses (`1.5E1`).
private func canonicalDouble(_ n: String) -> String {
    guard let d = Double(n), d.isFinite else { return n }
    if d == 0 { return "0.0E0" }
    var exp = Int(floor(log10(abs(d))))
    var mant = d / pow(10, Double(exp))
    if abs(mant) >= 10 { mant /= 10; exp += 1 }
    if abs(mant) < 1 { mant *= 10; exp -= 1 }
    var m = String(format: "%.15g", mant)
    if !m.contains(".") { m += ".0" }
    return "\(m)E\(exp)"
}
