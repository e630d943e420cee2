package import Foundation

/// The link checker's politeness: at most `perHost` requests to one host at a time, at least `perHostDelay`
/// between two request starts on one host, and at most `perSecond` request starts over all hosts.
///
/// `enter(host)` waits for a free slot on the host and returns when the request may start; `leave(host)` frees
/// the slot. Waiting is done by suspended tasks (continuations and `Task.sleep`), never by blocked threads.
package actor LinkGate {
    private let perHost: Int
    private let perHostDelay: Duration
    private let globalSpacing: Duration
    private let clock = ContinuousClock()
    private var active: [String: Int] = [:]
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]
    private var lastStart: [String: ContinuousClock.Instant] = [:]
    private var nextGlobal: ContinuousClock.Instant

    package init(perHost: Int, perHostDelay: TimeInterval, perSecond: Double) {
        self.perHost = max(1, perHost)
        self.perHostDelay = .milliseconds(Int(max(0, perHostDelay) * 1000))
        self.globalSpacing = .microseconds(Int(1_000_000 / max(0.001, perSecond)))
        self.nextGlobal = clock.now
    }

    /// Waits for a slot on `host` and for the request's start time (host delay, global rate); the caller must
    /// call `leave(host)` afterwards, also when the request fails.
    package func enter(_ host: String) async {
        while active[host, default: 0] >= perHost {
            await withCheckedContinuation { waiting[host, default: []].append($0) }
        }
        active[host, default: 0] += 1
        var start = max(clock.now, nextGlobal)
        if let last = lastStart[host] { start = max(start, last + perHostDelay) }
        nextGlobal = start + globalSpacing
        lastStart[host] = start
        if start > clock.now { try? await Task.sleep(until: start, clock: clock) }
    }

    package func leave(_ host: String) {
        active[host, default: 1] -= 1
        if var queue = waiting[host], !queue.isEmpty {
            let next = queue.removeFirst()
            waiting[host] = queue.isEmpty ? nil : queue
            next.resume()
        }
    }
}
