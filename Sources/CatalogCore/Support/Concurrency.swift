import Dispatch
import Foundation

// Small concurrency helpers shared by the parallel stages (mapping, dedup, exports, site).

/// `items.map(transform)` computed in parallel chunks (results in input order). Pure transforms only: each
/// slot of the result is written by exactly one worker.
package enum ParallelMap {
    /// The shared state of one map: workers write disjoint slots of `output`.
    private final class Job<T, R>: @unchecked Sendable {
        let input: UnsafeBufferPointer<T>
        let output: UnsafeMutablePointer<R>
        let transform: (T) -> R
        let chunk: Int

        init(input: UnsafeBufferPointer<T>, output: UnsafeMutablePointer<R>, chunk: Int, transform: @escaping (T) -> R) {
            self.input = input; self.output = output; self.chunk = chunk; self.transform = transform
        }

        func run(_ c: Int) {
            let lower = c * chunk
            for i in lower..<min(input.count, lower + chunk) { (output + i).initialize(to: transform(input[i])) }
        }
    }

    package static func map<T, R>(_ items: [T], minimum: Int = 1024, chunk: Int = 256, _ transform: @escaping (T) -> R) -> [R] {
        let n = items.count
        if n < minimum { return items.map(transform) }
        return [R](unsafeUninitializedCapacity: n) { buffer, initialized in
            items.withUnsafeBufferPointer { source in
                let job = Job(input: source, output: buffer.baseAddress!, chunk: chunk, transform: transform)
                DispatchQueue.concurrentPerform(iterations: (n + chunk - 1) / chunk, execute: job.run)
            }
            initialized = n
        }
    }

    /// `map` of `items` a batch of `batch` at a time, each batch's results handed to `each` in order on the
    /// calling thread before the next batch starts: a stream of rendered pieces whose memory is one batch, not
    /// the whole list (list pages, dataset pages, table chunks).
    package static func inBatches<T, R>(
        _ items: [T], batch: Int, minimum: Int, chunk: Int, _ transform: @escaping (T) -> R, each: (R) -> Void
    ) {
        let batch = max(1, batch)
        for start in stride(from: 0, to: items.count, by: batch) {
            map(Array(items[start..<min(items.count, start + batch)]), minimum: minimum, chunk: chunk, transform).forEach(each)
        }
    }

    private final class Each: @unchecked Sendable {
        let body: (Int) -> Void
        init(_ body: @escaping (Int) -> Void) { self.body = body }
        func run(_ k: Int) { body(k) }
    }

    /// Calls `body(k)` for every k in 0..<count, concurrently. Each call must only write state no other call touches.
    static func forEach(_ count: Int, _ body: @escaping (Int) -> Void) {
        if count <= 1 {
            if count == 1 { body(0) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: count, execute: Each(body).run)
    }

    /// `(0..<count).sorted(by: less)`, stable: the two halves are sorted concurrently and then merged.
    static func sortedIndices(count: Int, minimum: Int = 4096, by less: (Int, Int) -> Bool) -> [Int] {
        if count < minimum { return (0..<count).sorted(by: less) }
        let mid = count / 2
        var left = Array(0..<mid), right = Array(mid..<count)
        withoutActuallyEscaping(less) { less in
            forEach(2) { half in
                if half == 0 { left.sort(by: less) } else { right.sort(by: less) }
            }
        }
        var out: [Int] = []
        out.reserveCapacity(count)
        var i = 0, j = 0
        while i < left.count && j < right.count {
            // Ties take the left (earlier) element: the same order as one stable sort.
            if less(right[j], left[i]) { out.append(right[j]); j += 1 } else { out.append(left[i]); i += 1 }
        }
        out += left[i...]
        out += right[j...]
        return out
    }
}

/// A value shared between worker threads.
package final class LockedBox<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    package init(_ value: Value) { self.value = value }

    package func get() -> Value {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    package func set(_ newValue: Value) {
        lock.lock()
        value = newValue
        lock.unlock()
    }

    /// Changes the value in place under the lock (a read-modify-write that other threads cannot interleave).
    package func update(_ change: (inout Value) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        change(&value)
    }
}

/// A small thread-safe memo for pure look-ups used by the parallel mapper. It stops growing at `limit` entries
/// (afterwards values are computed, not stored), so odd inputs cannot make it eat memory.
final class MemoCache<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private var storage: [Key: Value] = [:]
    private let lock = NSLock()
    private let limit: Int

    init(limit: Int = 20_000) { self.limit = limit }

    func value(for key: Key, _ compute: (Key) -> Value) -> Value {
        lock.lock()
        if let hit = storage[key] {
            lock.unlock()
            return hit
        }
        lock.unlock()
        let value = compute(key)
        lock.lock()
        if storage.count < limit { storage[key] = value }
        lock.unlock()
        return value
    }
}
