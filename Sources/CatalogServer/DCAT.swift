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
        guard let accept, !accept.trimmedBlanks().isEmpty else { return offered.first }
        var ranges: [(type: String, q: Double)] = []
        for part in accept.split(separator: ",") {
            let fields = part.split(separator: ";").map { $0.trimmedBlanks().lowercased() }
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

    /// `/catalog` (negotiated) and `/catalog.{ttl,rdf,jsonld}`: the published file, or one hydra page of it
    /// with `?page=N&pageSize=M` (see `CatalogPages`).
    static func catalog(path: String, request: Request, snapshot: Snapshot, base: String) -> Response {
        let format: Format
        var headers: HTTPFields = [:]
        let negotiated = path == "/catalog"
        if negotiated {
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
        switch CatalogPages.query(request.uri.query) {
        case .whole: break
        case .invalid(let message): return CatalogPages.plain(.badRequest, message)
        case .page(let page, let size):
            return CatalogPages.respond(page: page, size: size, format: format, negotiated: negotiated, base: base, request: request, snapshot: snapshot)
        }
        guard let file = snapshot.files.find(format.file) else { return notFound() }
        return StaticFiles.serve(file, request: request, contentType: format.mediaType + "; charset=utf-8", extraHeaders: headers, cache: snapshot.cache)
    }

    static func notFound() -> Response {
        Response(status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: "Not found\n")))
    }

    /// `/dataset/{id or name}` (negotiated, see `dataset(at:)`), `.jsonld`, `.ttl`, `.rdf`, and `.json` (the CKAN
    /// package dict).
    ///
    /// One dataset in Turtle, RDF/XML or JSON-LD: the same `DCATGraph` and serialisers as the catalogue files
    /// (a one-dataset catalogue), so what the endpoints serve is what conformance validated.
    static func dataset(_ rawKey: String, request: Request, snapshot: Snapshot) -> Response {
        guard var key = rawKey.removingPercentEncoding, !key.isEmpty, !key.contains("/") else { return notFound() }
        var suffix: String?
        for s in ["jsonld", "json", "ttl", "rdf"] where key.hasSuffix("." + s) {
            suffix = s
            key = String(key.dropLast(s.count + 1))
        }
        guard let position = snapshot.index.position(idOrName: key) else { return notFound() }
        return dataset(at: position, suffix: suffix, request: request, snapshot: snapshot)
    }

    /// Dataset `position` as `suffix` (`json`, `jsonld`, `ttl`, `rdf`), or negotiated when nil: RDF for RDF
    /// clients (Turtle for `*/*`), and for browsers (`text/html` preferred) a 303 to the dataset's site page.
    static func dataset(at position: Int, suffix: String?, request: Request, snapshot: Snapshot) -> Response {
        guard let d = try? snapshot.model.dataset(at: position) else {
            return CatalogPages.plain(.internalServerError, "the dataset could not be read from the snapshot's catalog.model.json")
        }
        let page = d.published.map { "datensatz/\($0.slug).html" }
        var offered = ["text/turtle", "application/rdf+xml", "application/ld+json"]
        if let page, snapshot.files.find(page) != nil { offered.append("text/html") }
        let kind: String
        switch suffix {
        case "json", "jsonld", "ttl", "rdf": kind = suffix!
        default:
            guard let chosen = negotiate(request.headers[.accept], offered: offered) else { return notAcceptable(offered) }
            if chosen == "text/html", let page {
                return Response(status: .seeOther, headers: [.location: "/" + page, .vary: "Accept", .contentType: "text/plain; charset=utf-8"],
                                body: ResponseBody(byteBuffer: ByteBuffer(string: "See /\(page)\n")))
            }
            kind = ["text/turtle": "ttl", "application/rdf+xml": "rdf"][chosen] ?? "jsonld"
        }
        let entry = snapshot.index.entries[position]
        let etag = "\"\(snapshot.id)-\(entry.id)-\(kind)\""
        var headers: HTTPFields = [.vary: "Accept", .cacheControl: "public, max-age=60"]
        let contentTypes = ["json": "application/json;charset=utf-8", "ttl": "text/turtle; charset=utf-8", "rdf": "application/rdf+xml; charset=utf-8"]
        headers[.contentType] = contentTypes[kind] ?? "application/ld+json; charset=utf-8"
        let body: ByteBuffer
        if kind == "json" {
            body = ByteBuffer(bytes: entry.package)
        } else {
            // The same document as the dataset's files beside its page (datensatz/<slug>.ttl …).
            let layout = DCATDocument.layout([d], head: snapshot.rdfHead)
            switch kind {
            case "ttl": body = ByteBuffer(bytes: DCATDocument.bytes(layout, as: TurtleSerializer.self))
            case "rdf": body = ByteBuffer(bytes: DCATDocument.bytes(layout, as: RDFXMLSerializer.self))
            default: body = ByteBuffer(bytes: DCATDocument.bytes(layout, as: JSONLDSerializer.self))
            }
        }
        return Representation(headers: headers, body: body, etag: etag).response(to: request)
    }

    /// `/` when the snapshot has no `index.html`: a few links, every value HTML-escaped.
    static func landingPage(_ snapshot: Snapshot) -> Representation {
        let c = snapshot.model.head
        let links = [
            ("/catalog.ttl", "DCAT-AP.de (Turtle)"), ("/catalog.rdf", "DCAT-AP.de (RDF/XML)"), ("/catalog.jsonld", "DCAT-AP.de (JSON-LD)"),
            ("/datasets.csv", "Datensätze (CSV)"), ("/licences.html", "Lizenzen"), ("/api/3/action/package_search", "CKAN API"),
        ]
        var html = "<!doctype html>\n<html lang=\"de\"><head><meta charset=\"utf-8\"><title>\(escape(c.title))</title></head><body>\n"
        html += "<h1>\(escape(c.title))</h1>\n<p>\(escape(c.description))</p>\n<p>\(snapshot.datasetCount) Datensätze, Stand \(escape(snapshot.id))</p>\n<ul>\n"
        for (href, label) in links { html += "<li><a href=\"\(escape(href))\">\(escape(label))</a></li>\n" }
        html += "</ul>\n</body></html>\n"
        return Representation(headers: [.contentType: "text/html; charset=utf-8"], body: ByteBuffer(string: html))
    }

    /// The site's one HTML escaper (also replaces characters HTML forbids).
    static func escape(_ s: String) -> String { SiteHTML.escape(s) }
}
