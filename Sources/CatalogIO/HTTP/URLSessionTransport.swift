import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The live transport: Foundation's URLSession (curl on Linux).
///
/// - Sends `User-Agent: opendata/<version> (+…)`; compressed responses (gzip/deflate) are accepted and decoded
///   by URLSession itself.
/// - `HTTPRequest.timeout` is the idle timeout (no bytes for that long); `HTTPRequest.totalDeadline` bounds the
///   whole request (a timer cancels it), so a server trickling a byte a second cannot hold a run.
/// - `HTTPRequest.maxResponseBytes` is enforced on the declared `Content-Length` and again on the bytes
///   actually received (after curl's decompression), while they stream in: a huge response or a gzip bomb is
///   cut off, not buffered; bytes still queued after the cut are dropped.
/// - Redirects are followed only to the same host or an allowed one (`HTTPRequest.mayRedirect`); with
///   `followRedirects = false` none is followed and the 3xx response is returned.
/// - `cutAtLimit`: a body over the cap ends the request with the status and the bytes so far, not an error.
package struct URLSessionTransport: HTTPTransport {
    package var userAgent: String

    package init(userAgent: String = OpenDataVersion.userAgent) {
        self.userAgent = userAgent
    }

    package func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = request.timeout
        configuration.timeoutIntervalForResource = request.totalDeadline + 1
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil

        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        urlRequest.timeoutInterval = request.timeout
        urlRequest.setValue(userAgent, forHTTPHeaderField: "User-Agent")
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }

        let collector = ResponseCollector(request: request)
        let session = URLSession(configuration: configuration, delegate: collector, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        let task = session.dataTask(with: urlRequest)
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + request.totalDeadline)
        timer.setEventHandler { collector.expire(task) }
        timer.resume()
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, any Error>) in
                collector.start(task, continuation: continuation)
            }
        } onCancel: {
            task.cancel()
        }
    }
}

/// Collects one response's bytes and enforces the size cap as they arrive.
private final class ResponseCollector: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let request: HTTPRequest
    private let lock = NSLock()
    private var continuation: CheckedContinuation<HTTPResponse, any Error>?
    private var response: HTTPURLResponse?
    private var body = Data()
    private var refusedAsTooLarge = false
    private var deadlineExceeded = false
    private var refusedRedirect: URL?
    /// `cutAtLimit` and the cap was reached: the response is complete as far as the caller cares.
    private var cut = false

    init(request: HTTPRequest) {
        self.request = request
    }

    func start(_ task: URLSessionDataTask, continuation: CheckedContinuation<HTTPResponse, any Error>) {
        lock.withLock { self.continuation = continuation }
        task.resume()
    }

    /// The total deadline passed: cancel (the outcome then says `deadline`).
    func expire(_ task: URLSessionDataTask) {
        let running = lock.withLock { () -> Bool in
            guard continuation != nil else { return false }
            deadlineExceeded = true
            return true
        }
        if running { task.cancel() }
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
    ) {
        guard request.followRedirects else {
            completionHandler(nil)  // the 3xx response is delivered as the response
            return
        }
        guard let target = newRequest.url, !request.mayRedirect(to: target) else {
            completionHandler(newRequest)
            return
        }
        lock.withLock { refusedRedirect = target }
        completionHandler(nil)
        task.cancel()
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        let tooLarge = response.expectedContentLength > Int64(request.maxResponseBytes)
        lock.withLock {
            self.response = response as? HTTPURLResponse
            if tooLarge { if request.cutAtLimit { cut = true } else { refusedAsTooLarge = true } }
        }
        completionHandler(tooLarge ? .cancel : .allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let overflow = lock.withLock {
            // Refused already: bytes curl decoded before the cancel took effect are dropped, never buffered.
            guard !refusedAsTooLarge, !deadlineExceeded, refusedRedirect == nil, !cut else { return false }
            guard body.count + data.count <= request.maxResponseBytes else {
                if request.cutAtLimit {
                    body.append(data.prefix(request.maxResponseBytes - body.count))
                    cut = true
                    return true
                }
                refusedAsTooLarge = true
                body = Data()
                return true
            }
            body.append(data)
            return false
        }
        if overflow { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let (continuation, result) = lock.withLock { () -> (CheckedContinuation<HTTPResponse, any Error>?, Result<HTTPResponse, any Error>) in
            let continuation = self.continuation
            self.continuation = nil
            return (continuation, outcome(error))
        }
        continuation?.resume(with: result)
    }

    /// Called with the lock held.
    private func outcome(_ error: (any Error)?) -> Result<HTTPResponse, any Error> {
        let url = request.url
        if refusedAsTooLarge { return .failure(HTTPTransportError.tooLarge(url, limitBytes: request.maxResponseBytes)) }
        if cut, let response { return .success(Self.response(response, body: body, cut: true)) }
        if let target = refusedRedirect { return .failure(HTTPTransportError.redirectRefused(url, to: target)) }
        if deadlineExceeded { return .failure(HTTPTransportError.deadline(url, seconds: request.totalDeadline)) }
        if let error {
            let reason = (error as? URLError)?.localizedDescription ?? String(describing: error)
            if let urlError = error as? URLError {
                switch urlError.code {
                case .timedOut:
                    return .failure(HTTPTransportError.timeout(url, seconds: request.timeout))
                case .cancelled:
                    return .failure(CancellationError())
                case .networkConnectionLost:
                    return .failure(HTTPTransportError.truncated(url, receivedBytes: body.count, reason: "the connection was closed before the response was complete"))
                default:
                    break
                }
            }
            // Headers arrived, so the host was reached: the body was cut short.
            if response != nil {
                return .failure(HTTPTransportError.truncated(url, receivedBytes: body.count, reason: reason))
            }
            return .failure(HTTPTransportError.connection(url, reason))
        }
        if let response, request.method != "HEAD", let declared = Int(response.value(forHTTPHeaderField: "Content-Length") ?? ""),
           response.value(forHTTPHeaderField: "Content-Encoding") == nil, body.count < declared {
            return .failure(HTTPTransportError.truncated(url, receivedBytes: body.count, reason: "Content-Length announced \(declared) bytes"))
        }
        guard let response else {
            return .failure(HTTPTransportError.connection(url, "no HTTP response"))
        }
        return .success(Self.response(response, body: body, cut: false))
    }

    private static func response(_ response: HTTPURLResponse, body: Data, cut: Bool) -> HTTPResponse {
        var headers: [String: String] = [:]
        for (name, value) in response.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        if cut { headers["x-opendata-cut"] = "true" }
        return HTTPResponse(status: response.statusCode, headers: headers, body: body)
    }
}
