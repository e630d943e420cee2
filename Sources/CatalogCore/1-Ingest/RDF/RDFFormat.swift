public import Foundation

/// The RDF serializations we read.
package enum RDFFormat: String, Sendable, Hashable, CaseIterable {
    case rdfXML = "rdf/xml"
    case turtle
    case nTriples = "n-triples"
    case jsonLD = "json-ld"

    /// Picks the format from a media type, else a file extension, else the first non-blank bytes.
    package static func detect(_ data: Data, mediaType: String? = nil, fileName: String? = nil) -> RDFFormat {
        if let m = mediaType?.lowercased() {
            if m.contains("rdf+xml") || m.contains("/xml") { return .rdfXML }
            if m.contains("turtle") { return .turtle }
            if m.contains("n-triples") { return .nTriples }
            if m.contains("ld+json") || m.contains("/json") { return .jsonLD }
        }
        if let f = fileName?.lowercased() {
            if f.hasSuffix(".rdf") || f.hasSuffix(".xml") || f.hasSuffix(".owl") { return .rdfXML }
            if f.hasSuffix(".ttl") { return .turtle }
            if f.hasSuffix(".nt") { return .nTriples }
            if f.hasSuffix(".jsonld") || f.hasSuffix(".json") { return .jsonLD }
        }
        for b in data.prefix(4096) where !(b == 32 || b == 9 || b == 10 || b == 13 || b == 0xEF || b == 0xBB || b == 0xBF) {
            if b == UInt8(ascii: "<") {
                // `<?xml` / `<rdf:RDF` vs an N-Triples/Turtle IRI `<http://…>`.
                let head = String(decoding: data.prefix(512), as: UTF8.self)
                return head.contains("<?xml") || head.contains("<rdf:") || head.contains("xmlns") ? .rdfXML : .turtle
            }
            if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") { return .jsonLD }
            return .turtle
        }
        return .turtle
    }

    /// Parses `data` in this format.
    package func parse(_ data: Data, baseIRI: String?, limits: RDFLimits = .default) throws(RDFParseError) -> RDFGraph {
        switch self {
        case .rdfXML: try RDFXMLParser.parse(data, baseIRI: baseIRI, limits: limits)
        case .turtle, .nTriples: try TurtleParser.parse(data, baseIRI: baseIRI, limits: limits)
        case .jsonLD: try JSONLDParser.parse(data, baseIRI: baseIRI, limits: limits)
        }
    }
}
