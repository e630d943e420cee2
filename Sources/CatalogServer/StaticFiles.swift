import Foundation
import Hummingbird

/// Files of the snapshot folder: safe path resolution, content types, validators and precompressed variants.
enum StaticFiles {
    static let contentTypes: [String: String] = [
        "ttl": "text/turtle; charset=utf-8",
        "rdf": "application/rdf+xml; charset=utf-8",
        "jsonld": "application/ld+json; charset=utf-8",
        "csv": "text/csv; charset=utf-8",
        "geojson": "application/geo+json; charset=utf-8",
        "json": "application/json; charset=utf-8",
        "html": "text/html; charset=utf-8",
        "htm": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8",
        "txt": "text/plain; charset=utf-8",
        "xml": "application/xml; charset=utf-8",
        "nt": "application/n-triples; charset=utf-8",
        "svg": "image/svg+xml",
        "png": "image/png",
        "ico": "image/x-icon",
        "gz": "application/gzip",
        "zip": "application/zip",
    ]

    static func contentType(for path: String) -> String {
        let ext = (path as NSString).pathExtension.lowercased()
        return contentTypes[ext] ?? "application/octet-stream"
    }

    /// The file for a request path below `folder`, or nil when the path is unsafe or names no regular file.
    ///
    /// Refused: `..` and `.` segments (also percent-encoded, `%2e%2e`), encoded slashes and backslashes, NUL,
    /// empty segments (`//etc`), hidden names (`.git`), and anything whose real path (symlinks followed) is
    /// outside the snapshot folder.
    static func resolve(_ rawPath: String, in folder: URL) -> URL? {
        guard !rawPath.isEmpty, !rawPath.contains("\\"), !rawPath.lowercased().contains("%2f"), !rawPath.lowercased().contains("%5c"),
              let decoded = rawPath.removingPercentEncoding, !decoded.contains("\0")
        else { return nil }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: false)
        guard !segments.isEmpty, segments.allSatisfy({ !$0.isEmpty && !$0.hasPrefix(".") && !$0.contains("\\") }) else { return nil }
        var url = folder
        for s in segments { url.appendPathComponent(String(s)) }
        let real = url.resolvingSymlinksInPath().standardizedFileURL.path
        let root = folder.standardizedFileURL.path
        guard real.hasPrefix(root.hasSuffix("/") ? root : root + "/") else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: real, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        return URL(fileURLWithPath: real)
    }

    struct FileInfo {
        var size: Int
        var mtime: Int
        var etag: String
    }

    static func info(_ url: URL, variant: String = "") -> FileInfo? {
        guard let a = try? FileManager.default.attributesOfItem(atPath: url.path) else { return nil }
        let size = (a[.size] as? NSNumber)?.intValue ?? 0
        let date = (a[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        let inode = (a[.systemFileNumber] as? NSNumber)?.intValue ?? 0
        let etag = "\"\(String(size, radix: 16))-\(String(Int(date * 1000), radix: 16))-\(String(inode, radix: 16))\(variant)\""
        return FileInfo(size: size, mtime: Int(date), etag: etag)
    }

    /// True when the client's validators say its copy is current (RFC 9110 §13.2.2: If-None-Match wins).
    static func notModified(_ request: Request, _ info: FileInfo) -> Bool {
        if let inm = request.headers[.ifNoneMatch] {
            return inm.split(separator: ",").contains { tag in
                let t = tag.trimmingCharacters(in: .whitespaces)
                return t == "*" || t == info.etag || (t.hasPrefix("W/") && String(t.dropFirst(2)) == info.etag)
            }
        }
        if let ims = request.headers[.ifModifiedSince], let since = HTTPDate.parse(ims) {
            return info.mtime <= since
        }
        return false
    }

    /// Whether `Accept-Encoding` allows gzip (and does not set `q=0` for it).
    static func acceptsGzip(_ request: Request) -> Bool {
        guard let header = request.headers[.acceptEncoding] else { return false }
        for part in header.split(separator: ",") {
            let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let coding = fields.first, coding == "gzip" || coding == "*" else { continue }
            for f in fields.dropFirst() where f.hasPrefix("q=") {
                if (Double(f.dropFirst(2)) ?? 1) == 0 { return false }
            }
            return true
        }
        return false
    }

    /// Serves one file with validators; a precompressed `NAME.gz` beside it is sent when the client accepts gzip.
    /// (There is no zlib in our dependencies, so nothing is compressed on the fly.)
    static func serve(_ file: URL, request: Request, contentType: String? = nil, extraHeaders: HTTPFields = [:]) -> Response {
        var headers = extraHeaders
        headers[.contentType] = contentType ?? Self.contentType(for: file.path)
        headers[.vary] = headers[.vary].map { $0 + ", Accept-Encoding" } ?? "Accept-Encoding"
        headers[.cacheControl] = "public, max-age=60"
        var body = file
        var info = info(file)
        let gz = URL(fileURLWithPath: file.path + ".gz")
        if acceptsGzip(request), FileManager.default.fileExists(atPath: gz.path), let gzInfo = Self.info(gz, variant: "-gz") {
            body = gz
            info = gzInfo
            headers[.contentEncoding] = "gzip"
        }
        guard let info else { return Response(status: .notFound) }
        headers[.eTag] = info.etag
        headers[.lastModified] = HTTPDate.format(info.mtime)
        if notModified(request, info) {
            return Response(status: .notModified, headers: headers)
        }
        guard let data = try? Data(contentsOf: body, options: .alwaysMapped) else {
            return Response(status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"])
        }
        headers[.contentLength] = String(data.count)
        if request.method == .head { return Response(status: .ok, headers: headers) }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
