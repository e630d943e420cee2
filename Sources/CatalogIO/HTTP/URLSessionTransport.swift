import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The live transport: Foundation's URLSession (curl on Linux).
///
/// - Sends `User-Agent: opendata/<version> (+…)`; compressed responses (gzip/deflate) are accepted and decoded
///   by URLSession itself.
/// - `HTTPRequest.timeout` is the idle timeout (no bytes for that long); a whole request may take at most
///   ten times that, so a trickling server cannot hold a nightly run forever.
/// - `HTTPRequest.maxResponseBytes` is enforced on the declared `Content-Length` and again on the bytes
///   actually received, while they stream in: a huge response is cut off, not buffered.
package struct URLSessionTransport: HTTPTransport {
    package var userAgent: String

    package init(userAgent: String = OpenDataVersion.userAgent) {
        self.userAgent = userAgent
    }

    package func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = request.timeout
        configuration.timeoutIntervalForResource = request.timeout * 10
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

    init(request: HTTPRequest) {
        self.request = request
    }

    func start(_ task: URLSessionDataTask, continuation: CheckedContinuation<HTTPResponse, any Error>) {
        lock.withLock { self.continuation = continuation }
        task.resume()
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        let tooLarge = response.expectedContentLength > Int64(request.maxResponseBytes)
        lock.withLock {
            self.response = response as? HTTPURLResponse
            if tooLarge { refusedAsTooLarge = true }
        }
        completionHandler(tooLarge ? .cancel : .allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let overflow = lock.withLock {
            body.append(data)
            if body.count > request.maxResponseBytes {
                refusedAsTooLarge = true
                body = Data()
                return true
            }
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
        if let error {
            if let urlError = error as? URLError {
                switch urlError.code {
                case .timedOut:
                    return .failure(HTTPTransportError.timeout(url, seconds: request.timeout))
                case .cancelled:
                    return .failure(CancellationError())
                case .networkConnectionLost:
                    return .failure(HTTPTransportError.connection(url, "the connection was closed before the response was complete (\(body.count) bytes received)"))
                default:
                    return .failure(HTTPTransportError.connection(url, urlError.localizedDescription))
                }
            }
            return .failure(HTTPTransportError.connection(url, String(describing: error)))
        }
        guard let response else {
            return .failure(HTTPTransportError.connection(url, "no HTTP response"))
        }
        var headers: [String: String] = [:]
        for (name, value) in response.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        return .success(HTTPResponse(status: response.statusCode, headers: headers, body: body))
    }
}
