package import Foundation

/// Retries with exponential backoff honouring `Retry-After`, shared by the harvesters (CKAN API, DCAT RDF).
///
/// The caller classifies each attempt (`Step`): done, worth retrying (5xx, 429, timeouts, broken
/// connections, truncated bodies) or fatal. Waiting goes through `sleep`, so tests never sleep.
package struct RetryPolicy: Sendable {
    /// Retries after the first attempt.
    package var retries: Int
    /// First backoff delay; doubles with each retry.
    package var backoffBase: TimeInterval
    /// `Retry-After` is honoured up to this many seconds.
    package var maxRetryAfter: TimeInterval
    package var sleep: @Sendable (TimeInterval) async -> Void

    package init(
        retries: Int, backoffBase: TimeInterval = 1, maxRetryAfter: TimeInterval = 120,
        sleep: @escaping @Sendable (TimeInterval) async -> Void = RetryPolicy.realSleep
    ) {
        self.retries = retries
        self.backoffBase = backoffBase
        self.maxRetryAfter = maxRetryAfter
        self.sleep = sleep
    }

    package static let realSleep: @Sendable (TimeInterval) async -> Void = { seconds in
        try? await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
    }

    /// What one attempt came to.
    package enum Step<Value, Failure> {
        case done(Value)
        case retry(String, retryAfter: TimeInterval?)
        case fatal(Failure)
    }

    /// The end of all attempts.
    package enum Outcome<Value, Failure> {
        case done(Value)
        case fatal(Failure)
        /// Still failing after every retry: the last reason, with "(gave up after N attempts)".
        case gaveUp(String)
        case cancelled
    }

    /// The wait before retry number `retry` (0-based): `Retry-After` (capped) when the server sent one, else
    /// `backoffBase · 2^retry`.
    package func delay(retry: Int, retryAfter: TimeInterval?) -> TimeInterval {
        retryAfter.map { min($0, maxRetryAfter) } ?? backoffBase * pow(2, Double(retry))
    }

    /// Runs `attempt` until it is done or fatal, or the retries are used up. `state` is threaded through
    /// (request counters, findings), `onRetry` sees each reason and delay (for logging).
    package func run<Value, Failure, State>(
        _ state: inout State,
        onRetry: (String, TimeInterval) -> Void = { _, _ in },
        _ attempt: (inout State) async -> Step<Value, Failure>
    ) async -> Outcome<Value, Failure> {
        var retry = 0
        while true {
            switch await attempt(&state) {
            case .done(let value):
                return .done(value)
            case .fatal(let failure):
                return .fatal(failure)
            case .retry(let message, let retryAfter):
                guard retry < retries else {
                    let tries = retry + 1
                    return .gaveUp("\(message) (gave up after \(tries) attempt\(tries == 1 ? "" : "s"))")
                }
                let wait = delay(retry: retry, retryAfter: retryAfter)
                onRetry(message, wait)
                retry += 1
                await sleep(wait)
                if Task.isCancelled { return .cancelled }
            }
        }
    }

    /// The step for an error thrown by `HTTPTransport.send`: transient transport errors (timeouts, broken
    /// connections) are retried, other transport errors and cancellation fail, anything unexpected is retried.
    /// Shared by the CKAN client and the DCAT harvester.
    package static func step<Value, Failure>(for error: any Error, url: String, fatal: (String) -> Failure) -> Step<Value, Failure> {
        if let error = error as? HTTPTransportError {
            return error.isTransient ? .retry(error.description, retryAfter: nil) : .fatal(fatal(error.description))
        }
        if error is CancellationError { return .fatal(fatal("cancelled")) }
        return .retry("\(url): \(error)", retryAfter: nil)
    }

    /// `Retry-After` as seconds (delta-seconds or an HTTP date).
    package static func retryAfter(_ value: String?) -> TimeInterval? {
        guard let value = value?.trimmedBlanks(), !value.isEmpty else { return nil }
        if let seconds = Double(value) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return max(0, date.timeIntervalSinceNow)
    }
}
