import CompressNIO
import Foundation
import Hummingbird
import Synchronization

/// gzip content coding (RFC 9110 §8.4) for everything the server answers with `200 OK`.
///
/// A body is compressed when the client sends `Accept-Encoding: gzip` (not `q=0`), the media type is textual
/// (`text/*`, JSON, JSON-LD, RDF/XML, GeoJSON …) and the body is larger than `minimumSize`. Such responses carry
/// `Vary: Accept-Encoding` in both variants; the gzip variant's ETag is the identity ETag with `-gz` appended, so
/// caches and `If-None-Match` never mix the two. Range requests are not supported at all (the server never sends
/// `206`/`Accept-Ranges`), so a `Range` header just gets the full representation of the chosen variant.
enum ContentCoding {
    /// Bodies up to this size are sent as they are: gzip's header and trailer would eat the gain.
    static let minimumSize = 1024

    static let compressibleTypes: Set<String> = [
        "application/json", "application/ld+json", "application/rdf+xml", "application/xml", "application/geo+json",
        "application/n-triples", "application/javascript", "image/svg+xml",
    ]

    /// The Content-Type values this server sends most, answered without taking the header apart.
    static let compressibleHeaders: Set<String> = [
        "application/json;charset=utf-8", "application/json; charset=utf-8", "text/html; charset=utf-8",
        "text/turtle; charset=utf-8", "application/rdf+xml; charset=utf-8", "application/ld+json; charset=utf-8",
        "text/csv; charset=utf-8", "application/geo+json; charset=utf-8", "text/css; charset=utf-8",
        "text/javascript; charset=utf-8",
    ]

    /// Whether a media type (parameters allowed) is worth compressing.
    static func isCompressible(_ contentType: String?) -> Bool {
        if let contentType, compressibleHeaders.contains(contentType) { return true }
        return mediaTypeIsCompressible(contentType)
    }

    /// The rule itself: `text/*` or one of `compressibleTypes`, parameters and case ignored.
    static func mediaTypeIsCompressible(_ contentType: String?) -> Bool {
        guard let type = contentType?.split(separator: ";").first?.trimmedBlanks().lowercased() else { return false }
        return type.hasPrefix("text/") || compressibleTypes.contains(type)
    }

    /// Whether `Accept-Encoding` allows gzip: `gzip`, `x-gzip` or `*` without `q=0`.
    static func acceptsGzip(_ request: Request) -> Bool {
        guard let header = request.headers[.acceptEncoding] else { return false }
        var star: Bool?
        for part in header.split(separator: ",") {
            let fields = part.split(separator: ";").map { $0.trimmedBlanks().lowercased() }
            guard let coding = fields.first else { continue }
            var q = 1.0
            for f in fields.dropFirst() where f.hasPrefix("q=") { q = Double(f.dropFirst(2)) ?? 1 }
            if coding == "gzip" || coding == "x-gzip" { return q > 0 }
            if coding == "*" { star = q > 0 }
        }
        return star ?? false
    }

    /// The gzip member for `body` (zlib's default level), or nil when zlib fails.
    static func gzip(_ body: ByteBuffer) -> ByteBuffer? {
        var input = body
        return try? input.compress(with: ZlibAlgorithm.gzip)
    }

    /// The ETag of the gzip variant: `"abc"` → `"abc-gz"` (weak tags keep their `W/`).
    static func gzipTag(_ etag: String) -> String {
        guard etag.hasSuffix("\""), etag.count >= 2 else { return etag + "-gz" }
        return String(etag.dropLast()) + "-gz\""
    }
}

/// Conditional GET (RFC 9110 §13.2.2): `If-None-Match` decides when present, else `If-Modified-Since`.
enum Conditional {
    static func notModified(_ request: Request, etag: String?, lastModified: Int?) -> Bool {
        if let inm = request.headers[.ifNoneMatch] {
            guard let etag else { return false }
            let mine = etag.hasPrefix("W/") ? String(etag.dropFirst(2)) : etag
            return inm.split(separator: ",").contains { tag in
                let t = tag.trimmedBlanks()
                return t == "*" || t == mine || (t.hasPrefix("W/") && String(t.dropFirst(2)) == mine)
            }
        }
        if let lastModified, let ims = request.headers[.ifModifiedSince], let since = HTTPDate.parse(ims) {
            return lastModified <= since
        }
        return false
    }
}

/// One response body before content coding, validators and HEAD handling are applied.
struct Representation {
    var status: HTTPResponse.Status = .ok
    /// Content-Type and any other fields (Cache-Control, Vary: Accept, Content-Location …).
    var headers: HTTPFields
    /// The body's size in bytes (known before it is read, for files).
    var size: Int
    /// Reads the body; nil when it cannot be read (then 404). Not called for a 304 or a cached gzip variant.
    var load: () -> ByteBuffer?
    /// The identity variant's ETag (quoted), if the content has one.
    var etag: String?
    /// Seconds since 1970, for `Last-Modified` / `If-Modified-Since`.
    var lastModified: Int?
    /// Set for immutable content (a snapshot file or page): its gzip variant is kept in the snapshot's cache.
    var cacheKey: String?

    init(status: HTTPResponse.Status = .ok, headers: HTTPFields, body: ByteBuffer, etag: String? = nil, lastModified: Int? = nil, cacheKey: String? = nil) {
        self.init(status: status, headers: headers, size: body.readableBytes, load: { body }, etag: etag, lastModified: lastModified, cacheKey: cacheKey)
    }

    init(status: HTTPResponse.Status = .ok, headers: HTTPFields, size: Int, load: @escaping () -> ByteBuffer?, etag: String? = nil,
         lastModified: Int? = nil, cacheKey: String? = nil) {
        self.status = status
        self.headers = headers
        self.size = size
        self.load = load
        self.etag = etag
        self.lastModified = lastModified
        self.cacheKey = cacheKey
    }

    /// The response for `request`: gzip when negotiated and worthwhile, `Vary`, `ETag`, `Last-Modified`,
    /// `304` for a matching validator (checked before anything is read or compressed), `Content-Length`, and no
    /// body for HEAD.
    func response(to request: Request, cache: ByteCache? = nil) -> Response {
        var headers = headers
        let alreadyEncoded = headers[.contentEncoding] != nil
        let negotiable = status == .ok && (alreadyEncoded || (ContentCoding.isCompressible(headers[.contentType]) && size > ContentCoding.minimumSize))
        if negotiable { Self.addVary(&headers, "Accept-Encoding") }
        let wantGzip = negotiable && !alreadyEncoded && ContentCoding.acceptsGzip(request)
        if let lastModified { headers[.lastModified] = HTTPDate.format(lastModified) }
        // The validator of the variant about to be chosen (gzip output is deterministic, so this holds unless
        // compression would not shrink the body, in which case that gzip ETag was never handed out).
        let chosenTag = wantGzip ? etag.map(ContentCoding.gzipTag) : etag
        if status == .ok && Conditional.notModified(request, etag: chosenTag, lastModified: lastModified) {
            if let chosenTag { headers[.eTag] = chosenTag }
            if wantGzip { headers[.contentEncoding] = "gzip" }
            return Response(status: .notModified, headers: headers)
        }
        var body: ByteBuffer
        var tag = etag
        if wantGzip, let gz = gzipped(cache), gz.readableBytes < size {
            body = gz
            headers[.contentEncoding] = "gzip"
            tag = chosenTag
        } else {
            guard let plain = load() else { return StaticFiles.notFound() }
            body = plain
        }
        if let tag { headers[.eTag] = tag }
        headers[.contentLength] = String(body.readableBytes)
        if request.method == .head { return Response(status: status, headers: headers) }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: body))
    }

    private func gzipped(_ cache: ByteCache?) -> ByteBuffer? {
        guard let cache, let cacheKey else { return load().flatMap(ContentCoding.gzip) }
        return cache.value("gz|" + cacheKey) { load().flatMap(ContentCoding.gzip) }
    }

    static func addVary(_ headers: inout HTTPFields, _ field: String) {
        if let vary = headers[.vary] {
            if !vary.split(separator: ",").contains(where: { $0.trimmedBlanks().caseInsensitiveCompare(field) == .orderedSame }) {
                headers[.vary] = vary + ", " + field
            }
        } else {
            headers[.vary] = field
        }
    }
}

/// Derived bytes of one immutable snapshot (gzip variants, rendered catalogue pages), bounded by a byte budget.
/// Oldest entries go first when the budget is exceeded; entries larger than a quarter of the budget are not kept.
final class ByteCache: Sendable {
    let budget: Int
    private struct State {
        var entries: [String: ByteBuffer] = [:]
        var order: [String] = []
        var bytes = 0
    }
    private let state = Mutex(State())

    init(budget: Int) { self.budget = budget }

    /// The cached value, or `make()`'s result (stored when it fits). `make` runs outside the lock, so two
    /// concurrent misses may both compute; the first stored value wins.
    func value(_ key: String, make: () -> ByteBuffer?) -> ByteBuffer? {
        if let hit = state.withLock({ $0.entries[key] }) { return hit }
        guard let made = make() else { return nil }
        let size = made.readableBytes
        guard size <= budget / 4 else { return made }
        return state.withLock { s in
            if let existing = s.entries[key] { return existing }
            s.entries[key] = made
            s.order.append(key)
            s.bytes += size
            while s.bytes > budget, !s.order.isEmpty {
                let old = s.order.removeFirst()
                s.bytes -= s.entries.removeValue(forKey: old)?.readableBytes ?? 0
            }
            return made
        }
    }

    var count: Int { state.withLock { $0.entries.count } }
    var bytes: Int { state.withLock { $0.bytes } }
}
