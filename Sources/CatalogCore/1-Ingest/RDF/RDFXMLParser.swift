public import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// RDF/XML reader (W3C RDF 1.1 XML Syntax, without rdf:bagID/aboutEach) on top of `XMLParser`.
///
/// Security: the bytes are scanned for DTDs before XMLParser sees them (`XMLSafety.check`); any DOCTYPE that
/// declares entities or names an external subset is refused, and external entities are never resolved.
package enum RDFXMLParser {
    package static func parse(_ data: Data, baseIRI: String?, limits: RDFLimits = .default) throws(RDFParseError) -> RDFGraph {
        guard data.count <= limits.maxBytes else {
            throw RDFParseError(.inputTooLarge, "document has \(data.count) bytes, limit is \(limits.maxBytes)")
        }
        try XMLSafety.check(data)
        let handler = RDFXMLHandler(base: baseIRI, limits: limits)
        // Fed as a stream, in pieces: given the whole document at once, libxml2 (without XML_PARSE_HUGE, which
        // Foundation does not set) stops at 10 MB of input with "not well-formed".
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = handler
        let ok = parser.parse()
        if let error = handler.error { throw error }
        if !ok {
            let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "unknown error"
            throw RDFParseError(.syntax, "XML is not well-formed: \(reason)", line: parser.lineNumber, column: parser.columnNumber)
        }
        if handler.sawNoElement {
            throw RDFParseError(.syntax, "no XML element found", line: parser.lineNumber, column: parser.columnNumber)
        }
        return handler.graph
    }
}

/// Up-front byte scan that refuses DTD tricks (XXE, billion laughs) before any XML parser runs.
package enum XMLSafety {
    package static func check(_ data: Data) throws(RDFParseError) {
        // Drop NUL bytes so UTF-16/UTF-32 encoded markup is scanned as well; lower-case ASCII.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(data.count)
        for b in data where b != 0 { bytes.append(b >= 65 && b <= 90 ? b + 32 : b) }
        guard let doctype = find(Array("<!doctype".utf8), in: bytes, from: 0) else {
            if find(Array("<!entity".utf8), in: bytes, from: 0) != nil {
                throw RDFParseError(.forbiddenDTD, "entity declaration found; DTDs are not accepted")
            }
            return
        }
        let line = bytes[..<doctype].reduce(1) { $0 + ($1 == 10 ? 1 : 0) }
        if find(Array("<!entity".utf8), in: bytes, from: doctype) != nil {
            throw RDFParseError(.forbiddenDTD, "DOCTYPE with ENTITY declarations refused (entity expansion / XXE)", line: line)
        }
        // External subset: SYSTEM or PUBLIC before the internal subset or the end of the DOCTYPE.
        var i = doctype
        while i < bytes.count, bytes[i] != UInt8(ascii: "["), bytes[i] != UInt8(ascii: ">") { i += 1 }
        let head = Array(bytes[doctype..<i])
        if find(Array("system".utf8), in: head, from: 0) != nil || find(Array("public".utf8), in: head, from: 0) != nil {
            throw RDFParseError(.forbiddenDTD, "DOCTYPE with an external subset refused (never fetched)", line: line)
        }
    }

    private static func find(_ needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
        guard let first = needle.first, hay.count >= needle.count else { return nil }
        var i = from
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == first {
                var j = 1
                while j < needle.count, hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}

private final class RDFXMLHandler: NSObject, XMLParserDelegate {
    enum ParseType { case normal, resource, literal, collection }
    enum Kind { case root, node, property }

    struct Frame {
        var kind: Kind
        var ns: [String: String]
        var lang: String?
        var base: String?
        /// Node: the node. Property: the subject the property belongs to.
        var subject: RDFTerm?
        var predicate = ""
        var datatype: String?
        var text = ""
        var object: RDFTerm?
        var parseType = ParseType.normal
        var collection: [RDFTerm] = []
        var reifyID: String?
        var liCounter = 0
        /// parseType="Literal": serialized content and element depth inside it.
        var xml = ""
        var xmlDepth = 0
    }

    var graph = RDFGraph()
    var error: RDFParseError?
    var sawNoElement = true
    private var stack: [Frame] = []
    private let limits: RDFLimits
    private let documentBase: String?
    private var blankCounter = 0
    private var nodeIDs: [String: RDFTerm] = [:]
    private let rdf = RDFNS.rdf

    init(base: String?, limits: RDFLimits) {
        self.documentBase = base
        self.limits = limits
    }

    private func fail(_ parser: XMLParser, _ message: String, kind: RDFParseError.Kind = .syntax) {
        guard error == nil else { return }
        error = RDFParseError(kind, message, line: parser.lineNumber, column: parser.columnNumber)
        parser.abortParsing()
    }

    private func newBlank() -> RDFTerm {
        blankCounter += 1
        return .blank("x\(blankCounter)")
    }

    private func blank(forNodeID id: String) -> RDFTerm {
        if let b = nodeIDs[id] { return b }
        let b = RDFTerm.blank("n" + id)
        nodeIDs[id] = b
        return b
    }

    private func add(_ parser: XMLParser, _ s: RDFTerm, _ p: String, _ o: RDFTerm) {
        graph.insert(RDFTriple(s, p, o))
        if graph.count > limits.maxTriples {
            fail(parser, "more than \(limits.maxTriples) triples", kind: .tooManyTriples)
        }
    }

    private func expand(_ qname: String, _ ns: [String: String], isAttribute: Bool) -> String? {
        if let colon = qname.firstIndex(of: ":") {
            let prefix = String(qname[..<colon])
            guard let uri = ns[prefix] else { return nil }
            return uri + qname[qname.index(after: colon)...]
        }
        if isAttribute { return nil }
        return (ns[""] ?? "") + qname
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        guard error == nil else { return }
        sawNoElement = false
        if stack.count >= limits.maxDepth {
            return fail(parser, "elements nested deeper than \(limits.maxDepth)", kind: .tooDeep)
        }
        let parent = stack.last
        // Inside parseType="Literal": just serialize.
        if let parent, parent.kind == .property, parent.parseType == .literal {
            var s = "<" + elementName
            for (k, v) in attributeDict.sorted(by: { $0.key < $1.key }) { s += " \(k)=\"\(rdfxmlEscape(v, attribute: true))\"" }
            stack[stack.count - 1].xml += s + ">"
            stack[stack.count - 1].xmlDepth += 1
            return
        }
        var ns = parent?.ns ?? ["xml": RDFNS.xml + "#"]
        var lang = parent?.lang
        var base = parent?.base ?? documentBase
        var attrs: [(String, String)] = []
        for (k, v) in attributeDict.sorted(by: { $0.key < $1.key }) {
            if k == "xmlns" { ns[""] = v } else if k.hasPrefix("xmlns:") { ns[String(k.dropFirst(6))] = v } else { attrs.append((k, v)) }
        }
        var rdfAttrs: [String: String] = [:]
        var propAttrs: [(String, String)] = []
        for (k, v) in attrs {
            if k == "xml:lang" { lang = v.isEmpty ? nil : v.lowercased(); continue }
            if k == "xml:base" { base = resolveIRI(v, base: base); continue }
            if k.hasPrefix("xml") { continue }
            guard let iri = expand(k, ns, isAttribute: true) else {
                if k.contains(":") { return fail(parser, "unbound namespace prefix in attribute '\(k)'") }
                continue // unqualified attributes carry no RDF meaning
            }
            if iri.hasPrefix(rdf) {
                let local = String(iri.dropFirst(rdf.count))
                if ["about", "ID", "nodeID", "resource", "datatype", "parseType"].contains(local) {
                    rdfAttrs[local] = v
                    continue
                }
            }
            propAttrs.append((iri, v))
        }
        guard let name = expand(elementName, ns, isAttribute: false) else {
            return fail(parser, "unbound namespace prefix in element '\(elementName)'")
        }

        let expectsNode: Bool
        switch parent?.kind {
        case nil: expectsNode = name != rdf + "RDF"
        case .root: expectsNode = true
        case .node: expectsNode = false
        case .property: expectsNode = parent!.parseType != .resource
        }
        if parent == nil && !expectsNode {
            stack.append(Frame(kind: .root, ns: ns, lang: lang, base: base))
            return
        }
        if expectsNode {
            startNode(parser, name, ns: ns, lang: lang, base: base, rdfAttrs: rdfAttrs, propAttrs: propAttrs)
        } else {
            startProperty(parser, name, ns: ns, lang: lang, base: base, rdfAttrs: rdfAttrs, propAttrs: propAttrs)
        }
    }

    private func startNode(_ parser: XMLParser, _ name: String, ns: [String: String], lang: String?, base: String?,
                           rdfAttrs: [String: String], propAttrs: [(String, String)]) {
        let subject: RDFTerm
        if let about = rdfAttrs["about"] {
            subject = .iri(resolveIRI(about, base: base))
        } else if let id = rdfAttrs["ID"] {
            subject = .iri(resolveIRI("#" + id, base: base))
        } else if let nodeID = rdfAttrs["nodeID"] {
            subject = blank(forNodeID: nodeID)
        } else {
            subject = newBlank()
        }
        if let p = stack.last, p.kind == .property {
            if p.parseType == .collection {
                stack[stack.count - 1].collection.append(subject)
            } else if p.object != nil {
                return fail(parser, "property element <\(p.predicate)> has more than one value")
            } else {
                stack[stack.count - 1].object = subject
            }
        }
        if name != rdf + "Description" {
            add(parser, subject, RDFNS.type, .iri(name))
        }
        for (p, v) in propAttrs {
            add(parser, subject, p, p == RDFNS.type ? .iri(resolveIRI(v, base: base)) : .literal(v, lang: lang))
        }
        stack.append(Frame(kind: .node, ns: ns, lang: lang, base: base, subject: subject))
    }

    private func startProperty(_ parser: XMLParser, _ name: String, ns: [String: String], lang: String?, base: String?,
                               rdfAttrs: [String: String], propAttrs: [(String, String)]) {
        let pi = stack.count - 1
        let subject: RDFTerm
        if stack[pi].kind == .property {
            // parseType="Resource": the property's blank node is the subject of nested properties.
            guard let o = stack[pi].object else { return fail(parser, "internal: resource property without node") }
            subject = o
        } else {
            guard let s = stack[pi].subject else { return fail(parser, "property outside a node") }
            subject = s
        }
        var predicate = name
        if name == rdf + "li" {
            stack[pi].liCounter += 1
            predicate = rdf + "_\(stack[pi].liCounter)"
        }
        var frame = Frame(kind: .property, ns: ns, lang: lang, base: base, subject: subject, predicate: predicate)
        frame.reifyID = rdfAttrs["ID"].map { resolveIRI("#" + $0, base: base) }
        if let dt = rdfAttrs["datatype"] { frame.datatype = resolveIRI(dt, base: base) }
        switch rdfAttrs["parseType"] {
        case nil: break
        case "Resource":
            frame.parseType = .resource
            frame.object = newBlank()
        case "Collection": frame.parseType = .collection
        default: frame.parseType = .literal // "Literal" and unknown values are XML literals.
        }
        if frame.parseType == .normal {
            if let r = rdfAttrs["resource"] {
                frame.object = .iri(resolveIRI(r, base: base))
            } else if let n = rdfAttrs["nodeID"] {
                frame.object = blank(forNodeID: n)
            }
            if !propAttrs.isEmpty {
                let o = frame.object ?? newBlank()
                frame.object = o
                for (p, v) in propAttrs {
                    add(parser, o, p, p == RDFNS.type ? .iri(resolveIRI(v, base: base)) : .literal(v, lang: lang))
                }
            }
        }
        stack.append(frame)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard error == nil, let top = stack.last, top.kind == .property else { return }
        if top.parseType == .literal {
            stack[stack.count - 1].xml += rdfxmlEscape(string, attribute: false)
        } else {
            stack[stack.count - 1].text += string
        }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        self.parser(parser, foundCharacters: String(decoding: CDATABlock, as: UTF8.self))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard error == nil, let frame = stack.last else { return }
        if frame.kind == .property, frame.parseType == .literal, frame.xmlDepth > 0 {
            stack[stack.count - 1].xml += "</\(elementName)>"
            stack[stack.count - 1].xmlDepth -= 1
            return
        }
        stack.removeLast()
        guard frame.kind == .property, let subject = frame.subject else { return }
        let object: RDFTerm
        switch frame.parseType {
        case .literal:
            object = .literal(frame.xml, datatype: RDFNS.xmlLiteral)
        case .resource:
            object = frame.object!
        case .collection:
            var list = RDFTerm.iri(RDFNS.nil)
            for item in frame.collection.reversed() {
                let cell = newBlank()
                add(parser, cell, RDFNS.first, item)
                add(parser, cell, RDFNS.rest, list)
                list = cell
            }
            object = list
        case .normal:
            if let o = frame.object {
                object = o
            } else {
                object = .literal(frame.text, lang: frame.datatype == nil ? frame.lang : nil, datatype: frame.datatype)
            }
        }
        add(parser, subject, frame.predicate, object)
        if let id = frame.reifyID {
            let r = RDFTerm.iri(id)
            add(parser, r, RDFNS.type, .iri(rdf + "Statement"))
            add(parser, r, rdf + "subject", subject)
            add(parser, r, rdf + "predicate", .iri(frame.predicate))
            add(parser, r, rdf + "object", object)
        }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        guard error == nil else { return }
        error = RDFParseError(.syntax, "XML is not well-formed: \(parseError.localizedDescription)",
                              line: parser.lineNumber, column: parser.columnNumber)
    }

    func parser(_ parser: XMLParser, foundNotationDeclarationWithName name: String, publicID: String?, systemID: String?) {
        fail(parser, "DTD declarations are not accepted", kind: .forbiddenDTD)
    }

    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        fail(parser, "entity declaration '\(name)' refused", kind: .forbiddenDTD)
    }

    func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
        fail(parser, "external entity '\(name)' refused", kind: .forbiddenDTD)
    }

    func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
        fail(parser, "external entity '\(name)' refused", kind: .forbiddenDTD)
        return nil
    }
}

private func rdfxmlEscape(_ s: String, attribute: Bool) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for c in s {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"" where attribute: out += "&quot;"
        default: out.append(c)
        }
    }
    return out
}
