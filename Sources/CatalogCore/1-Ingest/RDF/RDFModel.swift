import Foundation

// A small, read-side triple model for the DCAT RDF sources. The exporters keep their own
// serializer-side graph (6-Render/RDF/); this one only exists to be parsed into and queried.

/// An RDF term. Blank node labels are local to one parse.
package enum RDFTerm: Sendable, Hashable, Comparable {
    case iri(String)
    case blank(String)
    /// A literal: lexical form, optional language tag (lower-cased), optional datatype IRI.
    case literal(String, lang: String? = nil, datatype: String? = nil)

    /// The IRI if this is an IRI term.
    package var iri: String? {
        if case .iri(let s) = self { return s }
        return nil
    }

    /// The lexical form of a literal, or the IRI of an IRI (handy for values given either way).
    package var lexical: String? {
        switch self {
        case .iri(let s): s
        case .literal(let s, _, _): s
        case .blank: nil
        }
    }

    package var isLiteral: Bool {
        if case .literal = self { return true }
        return false
    }

    package var language: String? {
        if case .literal(_, let lang, _) = self { return lang }
        return nil
    }

    package var datatype: String? {
        if case .literal(_, _, let dt) = self { return dt }
        return nil
    }

    private var sortKey: (Int, String, String, String) {
        switch self {
        case .iri(let s): (0, s, "", "")
        case .blank(let s): (1, s, "", "")
        case .literal(let s, let l, let d): (2, s, l ?? "", d ?? "")
        }
    }

    package static func < (a: RDFTerm, b: RDFTerm) -> Bool { a.sortKey < b.sortKey }
}

package struct RDFTriple: Sendable, Hashable {
    package var subject: RDFTerm
    package var predicate: String
    package var object: RDFTerm

    package init(_ subject: RDFTerm, _ predicate: String, _ object: RDFTerm) {
        self.subject = subject
        self.predicate = predicate
        self.object = object
    }
}

/// A set of triples with a subject index. Duplicate triples are stored once (RDF graphs are sets).
package struct RDFGraph: Sendable {
    package private(set) var triples: [RDFTriple] = []
    private var seen: Set<RDFTriple> = []
    private var bySubject: [RDFTerm: [Int]] = [:]

    package init() {}

    package init(_ triples: some Sequence<RDFTriple>) {
        for t in triples { insert(t) }
    }

    package var count: Int { triples.count }

    /// Inserts a triple; returns false when it was already present.
    @discardableResult
    package mutating func insert(_ t: RDFTriple) -> Bool {
        guard seen.insert(t).inserted else { return false }
        bySubject[t.subject, default: []].append(triples.count)
        triples.append(t)
        return true
    }

    /// All triples about `subject`, in document order.
    package func triples(about subject: RDFTerm) -> [RDFTriple] {
        (bySubject[subject] ?? []).map { triples[$0] }
    }

    /// Objects of `subject predicate ?o`, in document order.
    package func objects(_ subject: RDFTerm, _ predicate: String) -> [RDFTerm] {
        (bySubject[subject] ?? []).compactMap { triples[$0].predicate == predicate ? triples[$0].object : nil }
    }

    /// The first object of `subject predicate ?o`.
    package func object(_ subject: RDFTerm, _ predicate: String) -> RDFTerm? {
        for i in bySubject[subject] ?? [] where triples[i].predicate == predicate { return triples[i].object }
        return nil
    }

    /// Subjects having `rdf:type type`, in document order, without repeats.
    package func subjects(ofType type: String) -> [RDFTerm] {
        subjects(RDFNS.type, .iri(type))
    }

    /// Subjects of `?s predicate object`, in document order, without repeats.
    package func subjects(_ predicate: String, _ object: RDFTerm) -> [RDFTerm] {
        var seen: Set<RDFTerm> = []
        var out: [RDFTerm] = []
        for t in triples where t.predicate == predicate && t.object == object && seen.insert(t.subject).inserted {
            out.append(t.subject)
        }
        return out
    }

    /// Every subject in document order.
    package var subjects: [RDFTerm] {
        var seen: Set<RDFTerm> = []
        return triples.compactMap { seen.insert($0.subject).inserted ? $0.subject : nil }
    }
}

/// Caps that keep a hostile or broken document from exhausting memory or time.
package struct RDFLimits: Sendable, Hashable {
    /// Maximum input size in bytes.
    package var maxBytes: Int
    /// Maximum number of (distinct) triples.
    package var maxTriples: Int
    /// Maximum nesting depth of elements / brackets / JSON values.
    package var maxDepth: Int

    package init(maxBytes: Int = 256 << 20, maxTriples: Int = 5_000_000, maxDepth: Int = 512) {
        self.maxBytes = maxBytes
        self.maxTriples = maxTriples
        self.maxDepth = maxDepth
    }

    package static let `default` = RDFLimits()
}

/// Why a document could not be read. Carries the position where known (1-based line and column).
package struct RDFParseError: Error, Sendable, Hashable, CustomStringConvertible {
    package enum Kind: String, Sendable, Hashable {
        case syntax
        /// A DOCTYPE with entity declarations or an external subset (XXE, billion laughs).
        case forbiddenDTD
        case inputTooLarge
        case tooManyTriples
        case tooDeep
        /// A JSON-LD remote context (never fetched).
        case remoteContext
        case encoding
    }

    package var kind: Kind
    package var message: String
    package var line: Int?
    package var column: Int?

    package init(_ kind: Kind, _ message: String, line: Int? = nil, column: Int? = nil) {
        self.kind = kind
        self.message = message
        self.line = line
        self.column = column
    }

    package var description: String {
        var s = "\(kind.rawValue): \(message)"
        if let line { s += " (line \(line)" + (column.map { ", column \($0)" } ?? "") + ")" }
        return s
    }
}

/// Namespace IRIs used by the parsers and the DCAT mapper.
package enum RDFNS {
    package static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    package static let type = rdf + "type"
    package static let first = rdf + "first"
    package static let rest = rdf + "rest"
    package static let `nil` = rdf + "nil"
    package static let xmlLiteral = rdf + "XMLLiteral"
    package static let langString = rdf + "langString"
    package static let xsd = "http://www.w3.org/2001/XMLSchema#"
    package static let xml = "http://www.w3.org/XML/1998/namespace"
}

/// Resolves an IRI reference against a base (RFC 3986 §5.2, good enough for RDF documents).
package func resolveIRI(_ ref: String, base: String?) -> String {
    guard let base, !base.isEmpty else { return ref }
    // Absolute reference: has a scheme.
    if let colon = ref.firstIndex(of: ":"),
       ref[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }),
       ref.first?.isLetter == true {
        return ref
    }
    let (bScheme, bRest) = splitScheme(base)
    guard let bScheme else { return ref }
    var bAuthority: String? = nil
    var bPathQuery = bRest
    if bRest.hasPrefix("//") {
        let after = bRest.dropFirst(2)
        let end = after.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? after.endIndex
        bAuthority = String(after[..<end])
        bPathQuery = String(after[end...])
    }
    let bNoFrag = bPathQuery.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
    let bPath = bNoFrag.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
    let prefix = bScheme + ":" + (bAuthority.map { "//" + $0 } ?? "")
    if ref.isEmpty { return prefix + bNoFrag }
    if ref.hasPrefix("#") { return prefix + bNoFrag + ref }
    if ref.hasPrefix("//") { return bScheme + ":" + ref }
    if ref.hasPrefix("?") { return prefix + bPath + ref }
    // Split off query/fragment of the reference before merging paths.
    let cut = ref.firstIndex(where: { $0 == "?" || $0 == "#" }) ?? ref.endIndex
    let refPath = String(ref[..<cut])
    let tail = String(ref[cut...])
    let merged: String
    if refPath.hasPrefix("/") {
        merged = refPath
    } else if bAuthority != nil && bPath.isEmpty {
        merged = "/" + refPath
    } else {
        let dir = bPath.lastIndex(of: "/").map { String(bPath[...$0]) } ?? ""
        merged = dir + refPath
    }
    return prefix + removeDotSegments(merged) + tail
}

private func splitScheme(_ s: String) -> (String?, String) {
    guard let colon = s.firstIndex(of: ":"), s.first?.isLetter == true else { return (nil, s) }
    return (String(s[..<colon]), String(s[s.index(after: colon)...]))
}

private func removeDotSegments(_ path: String) -> String {
    guard path.contains(".") else { return path }
    var out: [Substring] = []
    let parts = path.split(separator: "/", omittingEmptySubsequences: false)
    for (i, p) in parts.enumerated() {
        let last = i == parts.count - 1
        if p == "." {
            if last { out.append("") }
        } else if p == ".." {
            if out.count > 1 { out.removeLast() }
            if last { out.append("") }
        } else {
            out.append(p)
        }
    }
    return out.joined(separator: "/")
}
