import CatalogCore
import Foundation
import Hummingbird

/// DCAT endpoints: the published catalogue files with content negotiation, and one dataset at a time.
enum DCAT {
    struct Format: Sendable {
        var mediaType: String
        var suffix: String
        var file: String
    }

    /// In server preference order: Turtle is the default, as for most DCAT-AP harvesters.
    static let catalogFormats = [
        Format(mediaType: "text/turtle", suffix: "ttl", file: "catalog.ttl"),
        Format(mediaType: "application/rdf+xml", suffix: "rdf", file: "catalog.rdf"),
        Format(mediaType: "application/ld+json", suffix: "jsonld", file: "catalog.jsonld"),
    ]

    /// Extra media types clients send that we answer with one of ours.
    static let aliases = ["application/x-turtle": "text/turtle", "application/xml": "application/rdf+xml", "application/json": "application/ld+json"]

    /// The best of `offered` media types for an `Accept` header (q-values, `type/*`, `*/*`); the first offered
    /// type when there is no header; nil when nothing offered is acceptable.
    static func negotiate(_ accept: String?, offered: [String]) -> String? {
        guard let accept, !accept.trimmingCharacters(in: .whitespaces).isEmpty else { return offered.first }
        var ranges: [(type: String, q: Double)] = []
        for part in accept.split(separator: ",") {
            let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard var type = fields.first, !type.isEmpty else { continue }
            type = aliases[type] ?? type
            var q = 1.0
            for f in fields.dropFirst() where f.hasPrefix("q=") { q = Double(f.dropFirst(2)) ?? 1 }
            ranges.append((type, q))
        }
        var best: (type: String, q: Double)?
        for type in offered {
            let major = type.split(separator: "/").first.map(String.init) ?? ""
            // The most specific matching range decides (RFC 9110 §12.5.1).
            let q = ranges.first { $0.type == type }?.q ?? ranges.first { $0.type == major + "/*" }?.q ?? ranges.first { $0.type == "*/*" }?.q ?? 0
            if q > 0 && q > (best?.q ?? 0) { best = (type, q) }
        }
        return best?.type
    }

    static func notAcceptable(_ offered: [String]) -> Response {
        Response(status: .notAcceptable, headers: [.contentType: "text/plain; charset=utf-8", .vary: "Accept"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: "Not acceptable. Available: \(offered.joined(separator: ", "))\n")))
    }

    static func catalog(path: String, request: Request, snapshot: Snapshot) -> Response {
        let format: Format
        var headers: HTTPFields = [:]
        if path == "/catalog" {
            guard let type = negotiate(request.headers[.accept], offered: catalogFormats.map(\.mediaType)),
                  let f = catalogFormats.first(where: { $0.mediaType == type })
            else { return notAcceptable(catalogFormats.map(\.mediaType)) }
            format = f
            headers[.vary] = "Accept"
            headers[.contentLocation] = "/catalog.\(f.suffix)"
        } else {
            guard let f = catalogFormats.first(where: { "/catalog.\($0.suffix)" == path }) else { return notFound() }
            format = f
        }
        guard let file = StaticFiles.resolve(format.file, in: snapshot.folder) else { return notFound() }
        return StaticFiles.serve(file, request: request, contentType: format.mediaType + "; charset=utf-8", extraHeaders: headers)
    }

    static func notFound() -> Response {
        Response(status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: "Not found\n")))
    }

    /// `/dataset/{id or name}` (JSON-LD by default), `.jsonld`, and `.json` (the CKAN package dict).
    ///
    /// TODO(export): Turtle and RDF/XML per dataset once `Sources/CatalogCore/Export` is merged: serialise
    /// `DCATGraph(Catalog(… datasets: [d]))` with `TurtleSerializer` / `RDFXMLSerializer` / `JSONLDSerializer`
    /// and drop `minimalJSONLD`. Until then `.ttl`/`.rdf` (and Accept asking only for them) answer 406.
    static func dataset(_ rawKey: String, request: Request, snapshot: Snapshot) -> Response {
        guard var key = rawKey.removingPercentEncoding, !key.isEmpty, !key.contains("/") else { return notFound() }
        var suffix: String?
        for s in ["jsonld", "json", "ttl", "rdf"] where key.hasSuffix("." + s) {
            suffix = s
            key = String(key.dropLast(s.count + 1))
        }
        guard let position = snapshot.index.position(idOrName: key) else { return notFound() }
        let offered = ["application/ld+json"]
        let kind: String
        switch suffix {
        case "json": kind = "json"
        case "jsonld": kind = "jsonld"
        case "ttl", "rdf": return notAcceptable(offered)
        default:
            guard negotiate(request.headers[.accept], offered: offered) != nil else { return notAcceptable(offered) }
            kind = "jsonld"
        }
        let entry = snapshot.index.entries[position]
        let etag = "\"\(snapshot.id)-\(entry.id)-\(kind)\""
        var headers: HTTPFields = [.eTag: etag, .vary: "Accept", .cacheControl: "public, max-age=60"]
        if let inm = request.headers[.ifNoneMatch], inm.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag || $0.trimmingCharacters(in: .whitespaces) == "*" }) {
            return Response(status: .notModified, headers: headers)
        }
        let bytes: [UInt8]
        if kind == "json" {
            headers[.contentType] = "application/json;charset=utf-8"
            bytes = entry.package
        } else {
            headers[.contentType] = "application/ld+json; charset=utf-8"
            bytes = minimalJSONLD(snapshot.catalog.datasets[position]).bytes
        }
        headers[.contentLength] = String(bytes.count)
        if request.method == .head { return Response(status: .ok, headers: headers) }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A small DCAT-AP JSON-LD description of one dataset (stand-in until the exporters are merged, see above).
    static func minimalJSONLD(_ d: Dataset) -> CKANJSON {
        func id(_ iri: String?) -> CKANJSON { iri.map { .obj(["@id": .string($0)]) } ?? .null }
        func date(_ v: DateValue?) -> CKANJSON {
            guard let v else { return .null }
            if case .date = v { return .obj(["@value": .string(v.lexical), "@type": .string("xsd:date")]) }
            return .obj(["@value": .string(v.lexical), "@type": .string("xsd:dateTime")])
        }
        func agent(_ a: Agent?) -> CKANJSON {
            guard let a else { return .null }
            var m: [CKANJSON.Member] = []
            if let uri = a.uri { m.append(.init("@id", .string(uri))) }
            m.append(.init("@type", .string("foaf:Agent")))
            m.append(.init("foaf:name", .string(a.name)))
            return .object(m)
        }
        func licence(_ l: Licence?) -> CKANJSON { id(l?.uri) }
        var members: [CKANJSON.Member] = [
            .init("@context", .obj([
                "dcat": .string("http://www.w3.org/ns/dcat#"), "dct": .string("http://purl.org/dc/terms/"),
                "foaf": .string("http://xmlns.com/foaf/0.1/"), "dcatde": .string("http://dcat-ap.de/def/dcatde/"),
                "xsd": .string("http://www.w3.org/2001/XMLSchema#"),
            ])),
            .init("@id", .string(d.uri)),
            .init("@type", .string("dcat:Dataset")),
            .init("dct:identifier", .string(d.identifier)),
            .init("dct:title", .string(d.title)),
            .init("dct:description", .string(d.description)),
            .init("dcat:keyword", .array(d.keywords.map { .string($0) })),
            .init("dcat:theme", .array(d.themes.map { id(Vocabulary.themeBase + $0) })),
            .init("dct:issued", date(d.issued)),
            .init("dct:modified", date(d.modified)),
            .init("dcat:landingPage", id(d.landingPage)),
            .init("dct:publisher", agent(d.publisher)),
            .init("dct:license", licence(d.licence)),
            .init("dct:accessRights", id(d.accessRights)),
            .init("dcatde:politicalGeocodingURI", .array(d.politicalGeocoding.map { id($0) })),
            .init("dcatde:contributorID", .array(d.contributorIDs.map { id($0) })),
            .init("dcat:distribution", .array(d.distributions.map { r in
                var m: [CKANJSON.Member] = [
                    .init("@id", .string(r.uri)), .init("@type", .string("dcat:Distribution")),
                    .init("dcat:accessURL", id(r.accessURL)),
                ]
                if let u = r.downloadURL { m.append(.init("dcat:downloadURL", id(u))) }
                if let t = r.title { m.append(.init("dct:title", .string(t))) }
                if let f = r.format { m.append(.init("dct:format", id(Vocabulary.fileTypeBase + f))) }
                if let mt = r.mediaType { m.append(.init("dcat:mediaType", id(Vocabulary.ianaMediaTypeBase + mt))) }
                if let l = r.licence?.uri { m.append(.init("dct:license", id(l))) }
                if let s = r.byteSize { m.append(.init("dcat:byteSize", .obj(["@value": .int(s), "@type": .string("xsd:nonNegativeInteger")]))) }
                return .object(m)
            })),
        ]
        members.removeAll { $0.value == .null || $0.value == .array([]) }
        return .object(members)
    }

    /// `/` when the snapshot has no `index.html`: a few links, every value HTML-escaped.
    static func landingPage(_ snapshot: Snapshot) -> Response {
        let c = snapshot.catalog
        let links = [
            ("/catalog.ttl", "DCAT-AP.de (Turtle)"), ("/catalog.rdf", "DCAT-AP.de (RDF/XML)"), ("/catalog.jsonld", "DCAT-AP.de (JSON-LD)"),
            ("/datasets.csv", "Datensätze (CSV)"), ("/licences.html", "Lizenzen"), ("/api/3/action/package_search", "CKAN API"),
        ]
        var html = "<!doctype html>\n<html lang=\"de\"><head><meta charset=\"utf-8\"><title>\(escape(c.title))</title></head><body>\n"
        html += "<h1>\(escape(c.title))</h1>\n<p>\(escape(c.description))</p>\n<p>\(c.datasets.count) Datensätze, Stand \(escape(snapshot.id))</p>\n<ul>\n"
        for (href, label) in links { html += "<li><a href=\"\(escape(href))\">\(escape(label))</a></li>\n" }
        html += "</ul>\n</body></html>\n"
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}
