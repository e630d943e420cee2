import CatalogCore
import Foundation
package import Hummingbird
import HTTPTypes
package import Logging

#if canImport(Glibc)
import Glibc
#endif

/// Builds the server over the snapshot in `configuration.directory` (loaded once here; no polling — `runServer`
/// polls). The app answers 503 on `/health` and the API until a snapshot has loaded.
package func buildApplication(configuration: ServerConfiguration, logger: Logger) async throws -> some ApplicationProtocol {
    let metrics = ServerMetrics()
    let store = SnapshotStore(directory: configuration.directory, logger: logger, metrics: metrics)
    await store.reloadIfChanged()
    return buildApplication(configuration: configuration, store: store, metrics: metrics, logger: logger)
}

/// The app over a given store (tests swap snapshots through it): idle timeout (which also bounds a request
/// head that arrives too slowly) and a connection limit of `configuration.maxConnections`.
func buildApplication(
    configuration: ServerConfiguration, store: SnapshotStore, metrics: ServerMetrics, logger: Logger,
    connections: ConnectionGauge? = nil
) -> Application<CallbackResponder<BasicRequestContext>> {
    let gauge = connections ?? ConnectionGauge(limit: configuration.maxConnections)
    let routes = Routes(configuration: configuration, store: store, metrics: metrics, logger: logger, connections: gauge)
    let idle = configuration.idleTimeout.components
    let idleNanoseconds = idle.seconds * 1_000_000_000 + idle.attoseconds / 1_000_000_000
    return Application(
        responder: CallbackResponder { request, _ in await routes.respond(request) },
        server: .http1(configuration: .init(idleTimeout: .nanoseconds(idleNanoseconds))),
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port), serverName: "opendata", backlog: 1024,
            availableConnectionsDelegate: CountedConnections(gauge: gauge)),
        logger: logger)
}

/// Runs the server until SIGTERM/SIGINT: loads the snapshot, polls for new ones every `reloadInterval`,
/// and checks at once on SIGHUP.
package func runServer(configuration: ServerConfiguration, logger: Logger) async throws {
    var configuration = configuration
    ServerLimits.configureHeap()
    let openFiles = ServerLimits.raiseOpenFileLimit(logger: logger)
    configuration.maxConnections = ServerLimits.connectionLimit(configured: configuration.maxConnections, openFiles: openFiles)
    logger.info("limits", metadata: [
        "max_connections": "\(configuration.maxConnections)", "open_files": "\(openFiles)",
        "idle_timeout": "\(configuration.idleTimeout)", "request_timeout": "\(configuration.requestTimeout)",
    ])
    let metrics = ServerMetrics(job: configuration.statusFile.map(JobMetrics.init(statusFile:)) ?? JobMetrics(servedDirectory: configuration.directory))
    let store = SnapshotStore(directory: configuration.directory, logger: logger, metrics: metrics)
    await store.reloadIfChanged()
    if store.current == nil {
        logger.warning("no snapshot loaded yet; /health answers 503 until one appears", metadata: ["directory": "\(configuration.directory.path)"])
    }
    let gauge = ConnectionGauge(limit: configuration.maxConnections)
    metrics.observe(connections: gauge)
    let app = buildApplication(configuration: configuration, store: store, metrics: metrics, logger: logger, connections: gauge)
    signal(SIGHUP, SIG_IGN)
    let hangup = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
    hangup.setEventHandler {
        logger.info("SIGHUP: checking for a new snapshot")
        Task { await store.reloadIfChanged() }
    }
    hangup.resume()
    defer { hangup.cancel() }
    let reloadInterval = configuration.reloadInterval
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { await store.poll(every: reloadInterval) }
        group.addTask { await settleMemory(gauge, every: .seconds(2)) }
        group.addTask { try await app.runService() }
        // The app returns on SIGTERM/SIGINT (graceful shutdown); then stop polling.
        try await group.next()
        group.cancelAll()
    }
}

/// Request routing. Everything is answered here; no error ever reaches Hummingbird (so no stack traces leak).
struct Routes: Sendable {
    let configuration: ServerConfiguration
    let store: SnapshotStore
    let metrics: ServerMetrics
    let logger: Logger
    let connections: ConnectionGauge

    static let jsonType = "application/json;charset=utf-8"
    static let corsHeaders: HTTPFields = [
        .accessControlAllowOrigin: "*",
        .accessControlAllowMethods: "GET, HEAD, POST, OPTIONS",
        .accessControlAllowHeaders: "Content-Type, Authorization, X-CKAN-API-Key, If-None-Match, If-Modified-Since",
        .accessControlExposeHeaders: "ETag, Last-Modified, Content-Length, Content-Encoding, Link",
        .accessControlMaxAge: "86400",
    ]

    func respond(_ request: Request) async -> Response {
        let (route, response) = await route(request)
        var r = response
        for field in Self.corsHeaders where r.headers[field.name] == nil { r.headers.append(field) }
        Self.addSecurityHeaders(&r.headers)
        metrics.request(route: route, status: Int(r.status.code))
        if r.status == .internalServerError {
            // Only a snapshot that cannot be read (a damaged catalog.model.json) answers 500: the team should hear.
            logger.error("request answered 500", metadata: [
                "route": "\(route)", "path": "\(request.uri.path)", "snapshot": "\(store.current?.id ?? "none")",
            ])
        }
        return r
    }

    func route(_ request: Request) async -> (String, Response) {
        let target = request.uri.string
        if target.utf8.count > configuration.maxURILength {
            return ("other", Self.json(.uriTooLong, CKANJSON.obj(["success": .bool(false), "error": .obj(["message": .string("Request-URI too long"), "__type": .string("Bad Request")])])))
        }
        let path = request.uri.path
        if request.method == .options { return ("options", Response(status: .noContent)) }

        if path.hasPrefix("/api/3/action/") || path.hasPrefix("/api/action/") {
            let action = String(path.split(separator: "/").last ?? "")
            return ("api", await api(action: action, request: request))
        }
        guard request.method == .get || request.method == .head else {
            return ("other", Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD, OPTIONS", .contentType: "text/plain; charset=utf-8"],
                                      body: Self.text("Method not allowed\n")))
        }
        switch path {
        case "/health": return ("health", health())
        case "/metrics":
            return ("metrics", Representation(headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                                              body: ByteBuffer(bytes: metrics.render())).response(to: request))
        case "/api", "/api/", "/api/3", "/api/3/":
            return ("api", Self.json(.ok, .obj(["version": .int(3)])))
        default: break
        }
        guard let snapshot = store.current else { return ("other", Self.unavailable()) }
        if path == "/catalog" || path.hasPrefix("/catalog.") {
            return ("catalog", DCAT.catalog(path: path, request: request, snapshot: snapshot, base: siteURL(request)))
        }
        if path == "/suche" { return ("search", SearchPage.respond(request: request, snapshot: snapshot)) }
        if path == "/archiv" || path.hasPrefix("/archiv/") {
            return ("static", Archive.respond(path, request: request, snapshot: snapshot))
        }
        if let position = snapshot.iriPaths[path] {
            return ("dataset", DCAT.dataset(at: position, suffix: nil, request: request, snapshot: snapshot))
        }
        if path.hasPrefix("/dataset/") {
            return ("dataset", DCAT.dataset(String(path.dropFirst("/dataset/".count)), request: request, snapshot: snapshot))
        }
        if path == "/" {
            if let index = snapshot.files.find("index.html") {
                return ("static", StaticFiles.serve(index, request: request, cache: snapshot.cache))
            }
            return ("static", DCAT.landingPage(snapshot).response(to: request))
        }
        guard let file = snapshot.files.find(String(path.dropFirst())) else {
            return ("static", Response(status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"], body: Self.text("Not found\n")))
        }
        return ("static", StaticFiles.serve(file, request: request, cache: snapshot.cache))
    }

    /// 200 when the server can serve: a snapshot is loaded, its folder is still there, and connections are below
    /// 90 % of the limit; else 503 with the reason (load balancers take the instance out).
    func health() -> Response {
        guard let s = store.current else { return Self.unavailable() }
        let open = connections.open
        var problem: String?
        if !FileManager.default.fileExists(atPath: s.folder.appendingPathComponent(SnapshotStore.modelFile).path) {
            problem = "the served snapshot folder \(s.folder.path) is gone; waiting for a new snapshot"
        } else if open * 10 >= connections.limit * 9 {
            problem = "\(open) open connections, limit \(connections.limit)"
        }
        guard let problem else {
            return Self.json(.ok, .obj([
                "status": .string("ok"), "snapshot": .string(s.id), "datasets": .int(s.datasetCount),
                "connections": .int(open), "max_connections": .int(connections.limit),
            ]))
        }
        var r = Self.json(.serviceUnavailable, .obj([
            "status": .string("unavailable"), "snapshot": .string(s.id), "datasets": .int(s.datasetCount),
            "connections": .int(open), "max_connections": .int(connections.limit), "message": .string(problem),
        ]))
        r.headers[.retryAfter] = "5"
        return r
    }

    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"

    /// `X-Content-Type-Options: nosniff` on every response; on HTML also a Content-Security-Policy (the site uses
    /// only its own script and stylesheet, no inline code) and a Referrer-Policy.
    static func addSecurityHeaders(_ headers: inout HTTPFields) {
        headers[.xContentTypeOptions] = "nosniff"
        guard headers[.contentType]?.lowercased().hasPrefix("text/html") == true else { return }
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[Self.referrerPolicy] = "strict-origin-when-cross-origin"
    }

    static func unavailable() -> Response {
        var r = json(.serviceUnavailable, .obj(["status": .string("unavailable"), "snapshot": .null, "message": .string("No snapshot loaded yet")]))
        r.headers[.retryAfter] = "5"
        return r
    }

    // MARK: API

    func api(action: String, request: Request) async -> Response {
        guard request.method == .get || request.method == .head || request.method == .post else {
            return Self.json(.methodNotAllowed, .string("Bad request - Method not allowed"))
        }
        guard let snapshot = store.current else { return Self.unavailable() }
        let isPost = request.method == .post
        let api = CKANActionAPI(index: snapshot.index, siteTitle: snapshot.model.head.title, siteURL: siteURL(request))
        let headers: HTTPFields = [.contentType: Self.jsonType, .cacheControl: "public, max-age=0, must-revalidate"]
        // GET answers depend only on the snapshot, the Host and the query: successful ones (up to 1 MB) are kept
        // in the snapshot's bounded cache with their gzip variant, so a popular query is computed once (and its
        // parameters are decoded only then).
        var computed: CKANActionAPI.Response?
        if !isPost {
            let key = "api|\(api.siteURL)|\(action)|\(request.uri.query ?? "")"
            let cached = snapshot.cache.value(key) {
                let result = api.call(action, params: Self.queryParameters(request.uri.query), isPost: false)
                computed = result
                return result.status == 200 && result.body.count <= 1 << 20 ? ByteBuffer(bytes: result.body) : nil
            }
            if let cached {
                return Representation(headers: headers, body: cached, cacheKey: key).response(to: request, cache: snapshot.cache)
            }
        }
        if let computed {
            return Representation(status: .init(code: computed.status), headers: headers, body: ByteBuffer(bytes: computed.body)).response(to: request)
        }
        var params: [String: JSONValue] = Self.queryParameters(request.uri.query)
        if isPost {
            let body: ByteBuffer
            let limit = configuration.maxBodySize
            do {
                body = try await ServerLimits.withTimeout(configuration.requestTimeout) {
                    var req = request
                    return try await req.collectBody(upTo: limit)
                }
            } catch is ServerLimits.TimeoutError {
                return Self.json(.requestTimeout, .string("Bad request - the request body did not arrive within \(configuration.requestTimeout)"))
            } catch {
                return Self.json(.contentTooLarge, .string("Bad request - request body larger than \(configuration.maxBodySize) bytes"))
            }
            let bytes = Data(buffer: body)
            let contentType = request.headers[.contentType]?.lowercased() ?? ""
            let trimmed = bytes.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
            if contentType.hasPrefix("application/x-www-form-urlencoded") || (!contentType.contains("json") && trimmed.first != UInt8(ascii: "{") && !trimmed.isEmpty) {
                params.merge(Self.queryParameters(String(decoding: bytes, as: UTF8.self))) { _, new in new }
            } else if !trimmed.isEmpty {
                guard let value = JSONValue.parse(bytes) else {
                    return Self.json(.badRequest, .string("Bad request - JSON Error: Error decoding JSON data."))
                }
                guard case .object(let object) = value else {
                    return Self.json(.badRequest, .string("Bad request - JSON Error: Request data JSON decoded to a non-object but it needs to be a dictionary."))
                }
                params.merge(object.map { ($0.key, $0.value) }) { _, new in new }
            }
        }
        let result = api.call(action, params: params, isPost: isPost)
        return Representation(status: .init(code: result.status), headers: headers, body: ByteBuffer(bytes: result.body)).response(to: request)
    }

    /// `http://<Host>` for CKAN's `help` links; a Host with unexpected characters falls back to the bind address.
    func siteURL(_ request: Request) -> String {
        if let host = request.head.authority, !host.isEmpty, host.utf8.count < 256, host.utf8.allSatisfy(Self.isHostByte) {
            return "http://\(host)"
        }
        return "http://\(configuration.host):\(configuration.port)"
    }

    /// ASCII letters, digits and `. - : [ ]`: what a Host header may hold here.
    static func isHostByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]"):
            return true
        default:
            return false
        }
    }

    /// `a=1&b=x+y&c=%C3%B6` → strings (`+` is a space, as in HTML forms and Python's `urlencode`).
    static func queryParameters(_ query: String?) -> [String: JSONValue] {
        guard let query, !query.isEmpty else { return [:] }
        var out: [String: JSONValue] = [:]
        for pair in query.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                let plus = s.contains("+") ? s.replacingOccurrences(of: "+", with: " ") : String(s)
                return plus.contains("%") ? plus.removingPercentEncoding ?? plus : plus
            }
            let key = decode(kv[0])
            guard !key.isEmpty else { continue }
            out[key] = .string(kv.count > 1 ? decode(kv[1]) : "")
        }
        return out
    }

    // MARK: Helpers

    static func text(_ s: String) -> ResponseBody { ResponseBody(byteBuffer: ByteBuffer(string: s)) }

    static func json(_ status: HTTPResponse.Status, _ value: CKANJSON) -> Response {
        let bytes = value.bytes
        return Response(status: status, headers: [.contentType: jsonType, .contentLength: String(bytes.count)],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
