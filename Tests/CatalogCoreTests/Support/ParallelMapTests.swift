import Foundation
import Synchronization
import Testing
@testable import CatalogCore

@Suite struct ParallelMapTests {
    /// Results come back in input order whatever the chunking, and every item is transformed exactly once.
    @Test func mapKeepsOrderAndTransformsEachItemOnce() {
        let calls = Atomic<Int>(0)
        for (count, chunk) in [(0, 4), (1, 4), (5, 1), (1_000, 7), (10_000, 256)] {
            calls.store(0, ordering: .relaxed)
            let items = Array(0..<count)
            let out = ParallelMap.map(items, minimum: 1, chunk: chunk) { i -> String in
                calls.wrappingAdd(1, ordering: .relaxed)
                return "#\(i)"
            }
            #expect(out == items.map { "#\($0)" })
            #expect(calls.load(ordering: .relaxed) == count)
        }
    }

    /// A map inside a parallel branch gets help once the other branch is done. With
    /// `DispatchQueue.concurrentPerform` the nested map ran on its caller's thread alone. Each item waits until
    /// a second thread has taken part, up to 10 s in all: on a busy machine (the whole suite runs at once) a
    /// helper can take longer than the 0.4 s the items used to sleep, and the test then failed though the map
    /// was not confined.
    @Test func aMapNestedInABranchIsNotConfinedToOneThread() {
        let threads = Mutex<Set<UInt64>>([])
        var result: [Int] = []
        let helped = ProcessInfo.processInfo.activeProcessorCount > 1
        let deadline = ContinuousClock.now + .seconds(10)
        withoutActuallyEscaping({ (branch: Int) in
            guard branch == 1 else { return }  // branch 0 ends at once and frees its thread
            result = ParallelMap.map(Array(0..<200), minimum: 1, chunk: 1) { i -> Int in
                threads.withLock { _ = $0.insert(UInt64(pthread_self())) }
                while helped, threads.withLock({ $0.count }) < 2, ContinuousClock.now < deadline {
                    Thread.sleep(forTimeInterval: 0.002)
                }
                return i * 2
            }
        }) { body in ParallelMap.forEach(2, body) }
        #expect(result == (0..<200).map { $0 * 2 })
        if helped { #expect(threads.withLock { $0.count } > 1) }
    }

    /// `both` returns each closure's own result, each computed exactly once (whether a helper was free or the
    /// caller computed both).
    @Test func bothReturnsEachResultOnce() {
        for _ in 0..<200 {
            let first = Atomic<Int>(0), second = Atomic<Int>(0)
            let (a, b) = ParallelMap.both(
                { () -> String in first.wrappingAdd(1, ordering: .relaxed); return "first" },
                { () -> [Int] in second.wrappingAdd(1, ordering: .relaxed); return [2] })
            #expect(a == "first" && b == [2])
            #expect(first.load(ordering: .relaxed) == 1 && second.load(ordering: .relaxed) == 1)
        }
    }

    /// No helper keeps the caller's closure once a map has returned: `withoutActuallyEscaping` traps if one
    /// does. Many short maps make a late helper (one that starts after the work is done) likely.
    @Test func noHelperOutlivesItsMap() {
        for round in 0..<2_000 {
            let total = withoutActuallyEscaping({ (i: Int) in i + round }) { add in
                ParallelMap.map(Array(0..<3), minimum: 1, chunk: 1, add).reduce(0, +)
            }
            #expect(total == 3 + 3 * round)
        }
        let sorted = ParallelMap.sortedIndices(count: 10_000, minimum: 1) { a, b in (a * 7_919) % 10_007 < (b * 7_919) % 10_007 }
        #expect(sorted == (0..<10_000).sorted { a, b in (a * 7_919) % 10_007 < (b * 7_919) % 10_007 })
    }
}
