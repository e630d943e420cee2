import Dispatch

/// `items.map(transform)` computed in parallel chunks (results in input order). Pure transforms only: each
/// slot of the result is written by exactly one worker.
enum ParallelMap {
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

    static func map<T, R>(_ items: [T], minimum: Int = 1024, chunk: Int = 256, _ transform: @escaping (T) -> R) -> [R] {
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
}
