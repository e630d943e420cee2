package import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A request as the test server saw it.
package struct TestHTTPRequest: Sendable, Hashable {
    package var method: String
    /// The request target as sent (`/api/3/action/package_search?rows=50&start=0`).
    package var target: String
    /// The path without the query.
    package var path: String
    /// Decoded query parameters (the last one wins when a name repeats).
    package var query: [String: String]
    /// Header names lower-cased.
    package var headers: [String: String]

    /// The last path component, e.g. `package_search`.
    package var action: String { path.split(separator: "/").last.map(String.init) ?? "" }
}

/// A scripted response, including faults.
package struct TestHTTPResponse: Sendable {
    package var status: Int
    package var headers: [(String, String)]
    package var body: Data
    /// Seconds to wait before sending anything.
    package var delay: TimeInterval = 0
    /// Send the body in pieces of this many bytes with `chunkDelay` between them (a slow body).
    package var chunkSize: Int? = nil
    package var chunkDelay: TimeInterval = 0
    /// Declare the full `Content-Length` but send only this many body bytes, then close (a truncated body).
    package var truncateAfter: Int? = nil
    /// Omit `Content-Length` and end the body by closing the connection (HTTP/1.0 style).
    package var closeDelimited = false
    /// Close the connection without answering at all.
    package var dropConnection = false

    package init(status: Int = 200, headers: [(String, String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    package static func json(_ text: String, status: Int = 200) -> TestHTTPResponse {
        TestHTTPResponse(status: status, headers: [("Content-Type", "application/json;charset=utf-8")], body: Data(text.utf8))
    }

    package static func json(object: Any, status: Int = 200) -> TestHTTPResponse {
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data("null".utf8)
        return TestHTTPResponse(status: status, headers: [("Content-Type", "application/json;charset=utf-8")], body: data)
    }

    package static func text(_ text: String, status: Int = 200, contentType: String = "text/plain; charset=utf-8") -> TestHTTPResponse {
        TestHTTPResponse(status: status, headers: [("Content-Type", contentType)], body: Data(text.utf8))
    }

    package func with(_ change: (inout TestHTTPResponse) -> Void) -> TestHTTPResponse {
        var copy = self
        change(&copy)
        return copy
    }
}

/// A small real HTTP/1.1 server on 127.0.0.1 (OS-assigned port) for transport and client tests.
///
/// Written on POSIX sockets so tests exercise URLSession end to end: real headers, real timeouts, real
/// truncated bodies. Every connection gets its own thread and is closed after one response
/// (`Connection: close`). Stops when `stop()` is called or the server is released.
package final class TestHTTPServer: @unchecked Sendable {
    package typealias Handler = @Sendable (TestHTTPRequest) -> TestHTTPResponse

    package let port: Int
    private let listener: Int32
    private let handler: Handler
    private let lock = NSLock()
    private var log: [TestHTTPRequest] = []
    private var stopped = false

    package var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// Every request received so far, in order.
    package var requests: [TestHTTPRequest] { lock.withLock { log } }

    package init(handler: @escaping Handler) throws {
        self.handler = handler
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw TestServerError("socket() failed: errno \(errno)") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            close(fd)
            throw TestServerError("bind/listen on 127.0.0.1 failed: errno \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.listener = fd
        self.port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "TestHTTPServer:\(port)"
        thread.start()
    }

    deinit { stop() }

    package func stop() {
        let wasStopped = lock.withLock {
            defer { stopped = true }
            return stopped
        }
        guard !wasStopped else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR { continue }
                return
            }
            let thread = Thread { [self] in serve(connection) }
            thread.start()
        }
    }

    private func serve(_ fd: Int32) {
        defer { close(fd) }
        guard let request = readRequest(fd) else { return }
        lock.withLock { log.append(request) }
        let response = handler(request)
        if response.delay > 0 { Thread.sleep(forTimeInterval: response.delay) }
        if response.dropConnection { return }

        var head = "HTTP/1.1 \(response.status) \(Self.reason(response.status))\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        if !response.closeDelimited { head += "Content-Length: \(response.body.count)\r\n" }
        head += "Connection: close\r\n\r\n"
        guard write(fd, Data(head.utf8)) else { return }

        var body = response.body
        if let limit = response.truncateAfter { body = body.prefix(limit) }
        if let chunk = response.chunkSize, chunk > 0 {
            var offset = body.startIndex
            while offset < body.endIndex {
                let end = min(offset + chunk, body.endIndex)
                guard write(fd, body[offset..<end]) else { return }
                offset = end
                if offset < body.endIndex, response.chunkDelay > 0 { Thread.sleep(forTimeInterval: response.chunkDelay) }
            }
        } else {
            _ = write(fd, body)
        }
        shutdown(fd, Int32(SHUT_WR))
    }

    /// Writes all bytes; false when the client went away (no SIGPIPE: MSG_NOSIGNAL).
    private func write(_ fd: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Bool in
            var sent = 0
            while sent < buffer.count {
                #if canImport(Glibc)
                let n = Glibc.send(fd, buffer.baseAddress! + sent, buffer.count - sent, Int32(MSG_NOSIGNAL))
                #else
                let n = Darwin.send(fd, buffer.baseAddress! + sent, buffer.count - sent, 0)
                #endif
                if n <= 0 { return false }
                sent += n
            }
            return true
        }
    }

    private func readRequest(_ fd: Int32) -> TestHTTPRequest? {
        var bytes = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        let terminator: [UInt8] = Array("\r\n\r\n".utf8)
        while bytes.count < 65_536 {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { return nil }
            bytes.append(contentsOf: buffer[0..<n])
            if bytes.count >= 4, bytes.indices.dropLast(3).contains(where: { Array(bytes[$0..<$0 + 4]) == terminator }) { break }
        }
        guard let text = String(bytes: bytes, encoding: .utf8) else { return nil }
        let lines = text.components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ")
        guard parts.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmedBlanks()
        }
        let target = String(parts[1])
        let components = URLComponents(string: target)
        var query: [String: String] = [:]
        for item in components?.queryItems ?? [] { query[item.name] = item.value ?? "" }
        return TestHTTPRequest(method: String(parts[0]), target: target, path: components?.path ?? target, query: query, headers: headers)
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 409: "Conflict"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "Status"
        }
    }
}

package struct TestServerError: Error, CustomStringConvertible {
    package var description: String
    init(_ description: String) { self.description = description }
}
