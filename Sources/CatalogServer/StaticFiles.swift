import Foundation
import Hummingbird
import Synchronization

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

    /// A file of the snapshot as found on disk: its validators and a precompressed `NAME.gz` beside it, if any.
    struct Found: Sendable {
        var file: URL
        var info: FileInfo
        var sidecar: Sidecar?
    }

    struct Sidecar: Sendable {
        var file: URL
        var info: FileInfo
    }

    /// `resolve` plus the file's validators and its sidecar (several system calls; `FileFacts` keeps the result).
    static func find(_ rawPath: String, in folder: URL) -> Found? {
        guard let file = resolve(rawPath, in: folder), let info = info(file) else { return nil }
        let gz = URL(fileURLWithPath: file.path + ".gz")
        let sidecar = FileManager.default.fileExists(atPath: gz.path) ? Self.info(gz, variant: "-gz").map { Sidecar(file: gz, info: $0) } : nil
        return Found(file: file, info: info, sidecar: sidecar)
    }

    /// Serves one file with validators and gzip (see `ContentCoding`). A precompressed `NAME.gz` beside the file
    /// is sent as it is when the client accepts gzip; otherwise textual files over 1 KB are compressed on the fly
    /// and the result is kept in `cache` (the snapshot's, keyed by path and ETag).
    static func serve(_ found: Found, request: Request, contentType: String? = nil, extraHeaders: HTTPFields = [:], cache: ByteCache? = nil) -> Response {
        var headers = extraHeaders
        let file = found.file
        headers[.contentType] = contentType ?? Self.contentType(for: file.path)
        headers[.cacheControl] = "public, max-age=60"
        var body = file
        var info = found.info
        if let sidecar = found.sidecar {
            Representation.addVary(&headers, "Accept-Encoding")
            if ContentCoding.acceptsGzip(request) {
                body = sidecar.file
                info = sidecar.info
                headers[.contentEncoding] = "gzip"
            }
        }
        let path = body
        return Representation(
            headers: headers, size: info.size,
            load: { (try? Data(contentsOf: path, options: .alwaysMapped)).map { ByteBuffer(bytes: $0) } },
            etag: info.etag, lastModified: info.mtime, cacheKey: "file|\(file.path)|\(info.etag)"
        ).response(to: request, cache: cache)
    }

    static func notFound() -> Response {
        Response(status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: "Not found\n")))
    }
}

/// What request paths name in one immutable snapshot folder, looked up once per path: resolving, `stat` and the
/// sidecar check cost about a quarter of a static request under load. Paths that name nothing are remembered too;
/// at most `limit` paths are kept (beyond that, lookups are simply not stored), so random paths cannot grow it.
final class FileFacts: Sendable {
    let folder: URL
    static let limit = 20_000
    private let known = Mutex<[String: StaticFiles.Found?]>([:])

    init(folder: URL) { self.folder = folder }

    func find(_ rawPath: String) -> StaticFiles.Found? {
        if let hit = known.withLock({ $0[rawPath] }) { return hit }
        let found = StaticFiles.find(rawPath, in: folder)
        known.withLock { if $0.count < Self.limit { $0[rawPath] = .some(found) } }
        return found
    }
}
