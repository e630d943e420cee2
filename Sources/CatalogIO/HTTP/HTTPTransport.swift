package import Foundation

/// One HTTP request as the harvester needs it: GET with a few headers, a timeout and a response size cap.
package struct HTTPRequest: Sendable, Hashable {
    package var url: URL
    package var method: String
    package var headers: [String: String]
    /// Seconds without progress before the request fails with `HTTPTransportError.timeout`.
    package var timeout: TimeInterval
    /// Larger responses (counted after decompression) are refused while they stream in
    /// (`HTTPTransportError.tooLarge`).
    package var maxResponseBytes: Int
    /// Seconds the whole request may take, however steadily bytes arrive (`HTTPTransportError.deadline`);
    /// nil: the same as `timeout`.
    package var deadline: TimeInterval?
    /// Hosts a redirect may lead to besides the request's own host (lower-case); a redirect elsewhere is
    /// refused (`HTTPTransportError.redirectRefused`).
    package var allowedRedirectHosts: Set<String>
    /// false: redirects are not followed; the 3xx response itself is returned (the link checker follows them
    /// hop by hop to count them and detect loops).
    package var followRedirects = true
    /// true: a body larger than `maxResponseBytes` is cut there and the response returned with what arrived
    /// (header `x-opendata-cut: true`), instead of failing with `tooLarge` — for callers that need the status,
    /// not the body (the link checker's ranged GET against a server that ignores the range).
    package var cutAtLimit = false

    package init(
        url: URL, method: String = "GET", headers: [String: String] = [:],
        timeout: TimeInterval = 30, maxResponseBytes: Int = 256 << 20, deadline: TimeInterval? = nil,
        allowedRedirectHosts: Set<String> = []
    ) {
        self.url = url
        self.method = method
        self.headers = headers
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
        self.deadline = deadline
        self.allowedRedirectHosts = allowedRedirectHosts
    }

    /// The total deadline in seconds.
    package var totalDeadline: TimeInterval { deadline ?? timeout }

    /// Whether a redirect to `target` may be followed: same host (any scheme or port), or an allowed host.
    package func mayRedirect(to target: URL) -> Bool {
        guard let host = target.host?.lowercased(), let scheme = target.scheme?.lowercased(),
              scheme == "http" || scheme == "https" else { return false }
        return host == url.host?.lowercased() || allowedRedirectHosts.contains(host)
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
    /// The whole request took longer than its total deadline (a server trickling bytes).
    case deadline(URL, seconds: TimeInterval)
    case tooLarge(URL, limitBytes: Int)
    /// A redirect to another host that is not in `harvest.allowed_redirect_hosts`.
    case redirectRefused(URL, to: URL)
    /// The response began but its body was cut short (connection closed or reset mid-body).
    case truncated(URL, receivedBytes: Int, reason: String)
    /// Connection refused, reset, lost mid-body, DNS failure …
    case connection(URL, String)

    package var description: String {
        switch self {
        case .timeout(let url, let seconds):
            "no response from \(url.absoluteString) within \(Self.format(seconds)) s (timeout)"
        case .deadline(let url, let seconds):
            "\(url.absoluteString) did not complete within \(Self.format(seconds)) s (total deadline, harvest.timeout_seconds); the server sends too slowly"
        case .tooLarge(let url, let limit):
            "response from \(url.absoluteString) is larger than the limit of \(Self.formatBytes(limit)) (harvest.max_response_mb, counted after decompression); refused"
        case .redirectRefused(let url, let target):
            "\(url.absoluteString) redirects to another host (\(target.absoluteString)); refused. If that host is expected, add \"\(target.host ?? "")\" to harvest.allowed_redirect_hosts"
        case .truncated(let url, let received, let reason):
            "the response from \(url.absoluteString) was cut short after \(received) bytes of body (\(reason))"
        case .connection(let url, let reason):
            "cannot reach \(url.absoluteString): \(reason)"
        }
    }

    /// Whether trying again later may help.
    package var isTransient: Bool {
        switch self {
        case .timeout, .deadline, .connection, .truncated: true
        case .tooLarge, .redirectRefused: false
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
