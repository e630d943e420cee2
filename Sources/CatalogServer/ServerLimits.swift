import CatalogIO
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Open connections, counted by the connection limit and read by `/health` and `/metrics`.
final class ConnectionGauge: Sendable {
    let limit: Int
    private let count = Atomic<Int>(0)

    init(limit: Int) { self.limit = limit }

    /// Set when a connection opens; cleared by `settleMemory` once the server is idle again.
    private let busy = Atomic<Bool>(false)

    var open: Int { count.load(ordering: .relaxed) }

    func opened() {
        count.add(1, ordering: .relaxed)
        busy.store(true, ordering: .relaxed)
    }

    func closed() { count.subtract(1, ordering: .relaxed) }

    /// True once after connections were opened and now none is open: the moment to hand freed heap back.
    func becameIdle() -> Bool {
        guard open == 0 else { return false }
        return busy.exchange(false, ordering: .relaxed)
    }
}

/// After a burst of traffic the buffers of its connections are freed but glibc keeps the pages in its arenas;
/// once no connection is open, they are returned (checked every `interval`), so memory settles back to the
/// level before the burst instead of staying at its peak.
func settleMemory(_ gauge: ConnectionGauge, every interval: Duration) async {
    while !Task.isCancelled {
        try? await Task.sleep(for: interval)
        if gauge.becameIdle() { ProcessHeap.trim() }
    }
}

/// Hummingbird's connection limit over a `ConnectionGauge`: at the limit the server stops accepting (new
/// connections wait in the listen backlog) until one closes; idle ones close after `idleTimeout`.
struct CountedConnections: AvailableConnectionsDelegate {
    let gauge: ConnectionGauge

    mutating func connectionOpened() { gauge.opened() }
    mutating func connectionClosed() { gauge.closed() }
    func isAcceptingNewConnections() -> Bool { gauge.open < gauge.limit }
}

enum ServerLimits {
    #if canImport(Glibc)
    private static let openFiles = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
    private static let openFiles = RLIMIT_NOFILE
    #endif

    /// Raises the open-file soft limit to the hard limit (allowed without privileges) and returns the soft limit
    /// in force afterwards.
    static func raiseOpenFileLimit(logger: Logger) -> Int {
        var limit = rlimit()
        guard getrlimit(Self.openFiles, &limit) == 0 else { return 1024 }
        let before = limit.rlim_cur
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = min(limit.rlim_max, 1 << 20)
            if setrlimit(Self.openFiles, &raised) == 0 { limit = raised }
        }
        if limit.rlim_cur != before {
            logger.info("open-file limit raised", metadata: ["from": "\(before)", "to": "\(limit.rlim_cur)"])
        }
        return Int(clamping: limit.rlim_cur)
    }

    /// The connection limit to use: the configured one, capped to the open-file limit minus a reserve.
    static func connectionLimit(configured: Int, openFiles: Int) -> Int {
        max(16, min(configured, openFiles - ServerConfiguration.fileReserve))
    }

    /// Runs `body` or throws `TimeoutError` after `timeout`, whichever comes first. Returns at the timeout even
    /// if `body` ignores cancellation (a request body stream waiting for bytes that never come); `body` is
    /// cancelled and left to end on its own.
    static func withTimeout<T: Sendable>(_ timeout: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let once = Once<T>()
        return try await withCheckedThrowingContinuation { continuation in
            once.set(continuation)
            let work = Task {
                do { once.resume(.success(try await body())) } catch { once.resume(.failure(error)) }
            }
            Task {
                try? await Task.sleep(for: timeout)
                if once.resume(.failure(TimeoutError())) { work.cancel() }
            }
        }
    }

    /// A continuation resumed by the first of several racers.
    private final class Once<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<T, any Error>?

        func set(_ continuation: CheckedContinuation<T, any Error>) { lock.withLock { self.continuation = continuation } }

        /// True when this call resumed it.
        @discardableResult
        func resume(_ result: Result<T, any Error>) -> Bool {
            let continuation = lock.withLock { () -> CheckedContinuation<T, any Error>? in
                defer { self.continuation = nil }
                return self.continuation
            }
            continuation?.resume(with: result)
            return continuation != nil
        }
    }

    struct TimeoutError: Error {}

    /// Allocations of at least this many bytes get their own mapping from glibc's malloc, returned to the system
    /// as soon as they are freed: a snapshot's package buffers (`CKANSearchIndex.packagesPerBuffer` datasets each),
    /// cached responses and gzip variants.
    static let mappedAllocationBytes: Int32 = 256 << 10

    /// Fixes glibc's mmap threshold at `mappedAllocationBytes`. Left dynamic, glibc raises the threshold to the
    /// size of each large block freed, so after the first snapshot swap the next snapshot's large buffers land in
    /// the heap among small objects, and the heap cannot shrink back after later swaps.
    static func configureHeap() {
        ProcessHeap.mapAllocations(from: mappedAllocationBytes)
    }
}
