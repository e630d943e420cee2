import Foundation

// The small RDF vocabulary the exporters share: terms, triples, namespaces and literal hygiene.
// Named `DCAT…`/`Export…` so they never clash with the RDF parser's types in the same module.

/// An RDF term as the exporters emit it. Every IRI is already normalised (see `ExportIRI`); there are no
/// blank nodes: auxiliary nodes get deterministic "skolem" IRIs (see `DCATGraph`).
package enum DCATTerm: Sendable, Hashable, Comparable {
    case iri(String)
    /// A literal; `language` and `datatype` are mutually exclusive (nil/nil = `xsd:string`).
    case literal(String, language: String?, datatype: String?)

    package static func text(_ s: String, lang: String? = nil) -> DCATTerm { .literal(s, language: lang, datatype: nil) }
    package static func typed(_ s: String, _ datatype: String) -> DCATTerm { .literal(s, language: nil, datatype: datatype) }

    package var iriValue: String? {
        if case .iri(let s) = self { return s }
        return nil
    }

    /// Sort order: IRIs before literals, then by lexical form, language, datatype.
    fileprivate var sortKey: (Int, String, String, String) {
        switch self {
        case .iri(let s): (0, s, "", "")
        case .literal(let s, let l, let d): (1, s, l ?? "", d ?? "")
        }
    }

    package static func < (a: DCATTerm, b: DCATTerm) -> Bool { a.sortKey < b.sortKey }
}

/// One statement. The subject is always an IRI.
package struct DCATTriple: Sendable, Hashable, Comparable {
    package var subject: String
    package var predicate: String
    package var object: DCATTerm

    package init(_ subject: String, _ predicate: String, _ object: DCATTerm) {
        self.subject = subject
        self.predicate = predicate
        self.object = object
    }

    /// Built once: concatenating it in every comparison dominated sorting the graph.
    private static let rdfType = ExportNS.rdf + "type"

    /// Subject, then `rdf:type` before other predicates, then predicate IRI, then object.
    package static func < (a: DCATTriple, b: DCATTriple) -> Bool {
        if a.subject != b.subject { return a.subject < b.subject }
        if a.predicate != b.predicate {
            if a.predicate == rdfType { return true }
            if b.predicate == rdfType { return false }
            return a.predicate < b.predicate
        }
        return a.object < b.object
    }
}

/// Namespaces used by all three RDF serialisations (sorted by prefix when printed).
package enum ExportNS {
    package static let adms = "http://www.w3.org/ns/adms#"
    package static let dcat = "http://www.w3.org/ns/dcat#"
    /// DCAT-AP's own namespace (`dcatap:availability`, `dcatap:applicableLegislation`). Three GovData DCAT-AP.de
    /// 3.0 shape files declare it as `http://data.europa.eu/r5r#`; the namespace is `…/r5r/` (docs/conformance.md).
    package static let dcatap = "http://data.europa.eu/r5r/"
    package static let dcatde = "http://dcat-ap.de/def/dcatde/"
    package static let dct = "http://purl.org/dc/terms/"
    package static let foaf = "http://xmlns.com/foaf/0.1/"
    /// GeoDCAT-AP (`geodcatap:custodian`, `geodcatap:originator`: the DCAT-AP.de 3.0 successors of
    /// `dcatde:maintainer` / `dcatde:originator`).
    package static let geodcatap = "http://data.europa.eu/930/"
    package static let gsp = "http://www.opengis.net/ont/geosparql#"
    package static let locn = "http://www.w3.org/ns/locn#"
    package static let owl = "http://www.w3.org/2002/07/owl#"
    package static let prov = "http://www.w3.org/ns/prov#"
    package static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    package static let rdfs = "http://www.w3.org/2000/01/rdf-schema#"
    package static let skos = "http://www.w3.org/2004/02/skos/core#"
    package static let spdx = "http://spdx.org/rdf/terms#"
    package static let vcard = "http://www.w3.org/2006/vcard/ns#"
    package static let xsd = "http://www.w3.org/2001/XMLSchema#"

    /// (prefix, namespace), sorted by prefix. DC Terms is `dcterms` (DCAT-AP.de 3.0 changed the prefix from `dct`;
    /// a prefix is only a spelling, so the 2.0 profile uses it too). None of the prefixes is a registered URI scheme, so a
    /// compact IRI can never be mistaken for a data IRI (that is why GeoSPARQL is `gsp`, not `geo`).
    package static let prefixes: [(String, String)] = [
        ("adms", adms), ("dcat", dcat), ("dcatap", dcatap), ("dcatde", dcatde), ("dcterms", dct), ("foaf", foaf),
        ("geodcatap", geodcatap), ("gsp", gsp),
        ("locn", locn), ("owl", owl), ("prov", prov), ("rdf", rdf), ("rdfs", rdfs), ("skos", skos),
        ("vcard", vcard), ("xsd", xsd),
    ]

    /// `prefix:local` when `iri` is in a known namespace and the local part is a plain name
    /// (`[A-Za-z_][A-Za-z0-9_-]*`), safe as a Turtle prefixed name, an XML QName and a JSON-LD compact IRI.
    /// Every serialiser asks this for every IRI it writes, so it reads bytes: a plain local name has no `/` or
    /// `#`, and every namespace ends with one, so the namespace can only be the IRI up to its last `/` or `#`,
    /// looked up in one table (`IRIFastPathTests` compare it with trying each namespace in turn).
    package static func compact(_ iri: String) -> (prefix: String, local: String)? {
        let u = iri.utf8
        // Most IRIs written are the catalogue's own (`https://…`): no namespace starts like them.
        guard u.starts(with: sharedStart) else { return nil }
        guard let cut = u.lastIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "#") }) else { return nil }
        let start = u.index(after: cut)
        guard start < u.endIndex, isNameStart(u[start]),
              u[start...].allSatisfy({ isNameStart($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-") }),
              let prefix = byNamespace[iri[..<start]]
        else { return nil }
        return (prefix, String(iri[start...]))
    }

    /// The bytes every namespace starts with (`http://`).
    private static let sharedStart: [UInt8] = prefixes.map { Array($0.1.utf8) }.reduce(nil) { (common: [UInt8]?, ns) in
        guard let common else { return ns }
        return Array(zip(common, ns).prefix { $0 == $1 }.map(\.0))
    } ?? []

    /// Namespace → prefix (each namespace ends with `/` or `#`).
    private static let byNamespace: [Substring: String] = {
        precondition(prefixes.allSatisfy { $0.1.hasSuffix("/") || $0.1.hasSuffix("#") }, "a namespace must end with / or #")
        return Dictionary(prefixes.map { (Substring($0.1), $0.0) }, uniquingKeysWith: { first, _ in first })
    }()

    private static func isNameStart(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "_")
    }
}

/// Literal hygiene applied once, when the graph is built, so all serialisations carry identical text.
package enum ExportText {
    /// Replaces every character that XML 1.0 forbids (C0 controls except TAB/LF/CR, U+FFFE, U+FFFF) with
    /// U+FFFD, and normalises CRLF / lone CR to LF.
    package static func sanitise(_ s: String) -> String {
        // Fast path: no CR, no control other than TAB/LF, no byte 0xEF (which could start U+FFFE/U+FFFF).
        if s.allUTF8({ ($0 >= 0x20 || $0 == 0x09 || $0 == 0x0A) && $0 != 0xEF }) { return s }
        var out = String.UnicodeScalarView()
        var previousCR = false
        for c in s.unicodeScalars {
            if c == "\r" {
                out.append("\n")
                previousCR = true
                continue
            }
            if c == "\n", previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            if isXMLChar(c) { out.append(c) } else { out.append("\u{FFFD}") }
        }
        return String(out)
    }

    /// The sanitised, trimmed text, or nil when nothing but whitespace and replacement characters is left.
    package static func meaningful(_ s: String) -> String? {
        let clean = sanitise(s).trimmedSpace()
        return clean.unicodeScalars.allSatisfy({ $0 == "\u{FFFD}" || $0.properties.isWhitespace }) ? nil : clean
    }

    /// XML 1.0 `Char` production (Swift scalars are never surrogates).
    package static func isXMLChar(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD) || v >= 0x10000
    }
}
