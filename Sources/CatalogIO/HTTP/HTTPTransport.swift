package import Foundation

/// One HTTP request as the harvester needs it: GET with a few headers, a timeout and a response size cap.
package struct HTTPRequest: Sendable, Hashable {
    package var url: URL
    package var method: String
    package var headers: [String: String]
    /// Seconds without progress before the request fails with `HTTPTransportError.timeout`.
    package var timeout: TimeInterval
    /// Larger responses are refused while they stream in (`HTTPTransportError.tooLarge`).
    package var maxResponseBytes: Int

    package init(
        url: URL, method: String = "GET", headers: [String: String] = [:],
        timeout: TimeInterval = 30, maxResponseBytes: Int = 256 << 20
    ) {
        self.url = url
        self.method = method
        self.headers = headers
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
    }
}

/// A complete response. Header names are lower-cased.
package struct HTTPResponse: Sendable, Hashable {
    package var status: Int
    package var headers: [String: String]
    package var body: Data

    package init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, last in last })
        self.body = body
    }

    package func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// Failures below HTTP: nothing (or nothing usable) came back.
package enum HTTPTransportError: Error, Sendable, Hashable, CustomStringConvertible {
    case timeout(URL, seconds: TimeInterval)
    case tooLarge(URL, limitBytes: Int)
    /// Connection refused, reset, lost mid-body, DNS failure …
    case connection(URL, String)

    package var description: String {
        switch self {
        case .timeout(let url, let seconds):
            "no response from \(url.absoluteString) within \(Self.format(seconds)) s (timeout)"
        case .tooLarge(let url, let limit):
            "response from \(url.absoluteString) is larger than the limit of \(Self.formatBytes(limit)) (harvest.max_response_mb); refused"
        case .connection(let url, let reason):
            "cannot reach \(url.absoluteString): \(reason)"
        }
    }

    /// Whether trying again later may help.
    package var isTransient: Bool {
        switch self {
        case .timeout, .connection: true
        case .tooLarge: false
        }
    }

    private static func format(_ seconds: TimeInterval) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }

    private static func formatBytes(_ bytes: Int) -> String {
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MB" : "\(bytes) bytes"
    }
}

/// The one seam between the harvester and the network; tests use a real local server or a stub.
package protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
