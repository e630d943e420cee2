import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOEmbedded
import ServiceLifecycle

// The server tests' client, written here instead of pulling in HummingbirdTesting: that library brings
// AsyncHTTPClient and with it swift-nio-ssl and BoringSSL (some 400 C files) into every test build, for one test
// that only needed the server on a port. `.router` hands each request straight to the application's responder
// (no sockets), `.live` runs the application on a port for tests that speak raw TCP.

/// How `test` runs the application.
enum TestMode {
    /// Requests go straight to the responder, in process.
    case router
    /// The application listens on its configured port (`port`, picked with `freePort()`); the client has it.
    case live(port: Int)
}

/// The client of the applications `buildApplication` makes.
typealias AppTestClient = TestClient<CallbackResponder<BasicRequestContext>>

/// A response as the router returned it, its body collected.
struct TestResponse {
    var head: HTTPResponse
    var body: ByteBuffer
    var status: HTTPResponse.Status { head.status }
    var headers: HTTPFields { head.headerFields }
}

/// Sends requests to an application's responder.
struct TestClient<Responder: HTTPResponder>: Sendable where Responder.Context == BasicRequestContext {
    let responder: Responder?
    let logger: Logger
    /// The port of a `.live` application.
    let port: Int?

    func executeRequest(uri: String, method: HTTPRequest.Method, headers: HTTPFields = [:], body: ByteBuffer? = nil) async throws -> TestResponse {
        guard let responder else { throw TestClientError.liveHasNoRouter }
        var headers = headers
        if let body { headers[.contentLength] = String(body.readableBytes) }
        let request = Request(
            head: HTTPRequest(method: method, scheme: "http", authority: "localhost", path: uri, headerFields: headers),
            body: RequestBody(buffer: body ?? ByteBuffer()))
        let context = BasicRequestContext(source: ApplicationRequestContextSource(channel: NIOAsyncTestingChannel(), logger: logger))
        let response: Response
        do {
            response = try await responder.respond(to: request, context: context)
        } catch {
            response = Response(status: .internalServerError)  // what the HTTP server answers for an error it does not know
        }
        let writer = CollectingWriter()
        try await response.body.write(writer)
        return TestResponse(head: response.head, body: writer.collected.value)
    }

    func execute<Value>(
        uri: String, method: HTTPRequest.Method, headers: HTTPFields = [:], body: ByteBuffer? = nil,
        _ check: (TestResponse) async throws -> Value
    ) async throws -> Value {
        try await check(executeRequest(uri: uri, method: method, headers: headers, body: body))
    }
}

enum TestClientError: Error {
    case liveHasNoRouter
    case serverDidNotStart(Int)
}

/// Collects a response body.
private struct CollectingWriter: ResponseBodyWriter {
    final class Box: @unchecked Sendable { var value = ByteBuffer() }
    let collected = Box()
    mutating func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        collected.value.writeBuffer(&buffer)
    }
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

extension Application where Responder.Context == BasicRequestContext {
    /// Runs `test` against this application: in process (`.router`, the application's services running beside
    /// it) or listening on its port (`.live`).
    func test<Value>(_ mode: TestMode, _ test: (TestClient<Responder>) async throws -> Value) async throws -> Value {
        switch mode {
        case .router:
            let client = TestClient(responder: try await responder, logger: logger, port: nil)
            return try await withServices(services) { try await test(client) }
        case .live(let port):
            return try await withServices(services + [self]) {
                try await Self.waitForListener(port)
                return try await test(TestClient(responder: nil, logger: logger, port: port))
            }
        }
    }

    /// Runs `body` while `services` run, then shuts them down.
    private func withServices<Value>(_ services: [any Service], _ body: () async throws -> Value) async throws -> Value {
        if services.isEmpty { return try await body() }
        let group = ServiceGroup(configuration: .init(services: services, logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            defer { tasks.cancelAll() }
            do {
                let value = try await body()
                await group.triggerGracefulShutdown()
                return value
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
        }
    }

    /// Waits (up to 10 s) until something accepts connections on the port.
    private static func waitForListener(_ port: Int) async throws {
        for _ in 0..<200 {
            if let fd = try? connectTCP(port: port) {
                close(fd)
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestClientError.serverDidNotStart(port)
    }
}

/// A raw TCP connection to 127.0.0.1:`port` (reads time out after 10 s), for the readiness check and for clients
/// that misbehave (say nothing, send half a body).
func connectTCP(port: Int) throws -> Int32 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let result = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Foundation.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    if result != 0 {
        close(fd)
        throw POSIXError(.ECONNREFUSED)
    }
    var timeout = timeval(tv_sec: 10, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    return fd
}

/// A port nothing listens on now (bound and released), for a `.live` application.
func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    guard bound else { throw POSIXError(.EADDRINUSE) }
    return Int(UInt16(bigEndian: address.sin_port))
}
