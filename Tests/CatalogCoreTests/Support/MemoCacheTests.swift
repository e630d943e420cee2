@testable import CatalogCore
import Foundation
import Testing

/// A memo that interns (findings' heads, audit verdicts) must hand every caller of a key the same value, also
/// when several threads compute it at once (the slow computation makes them overlap).
@Suite struct MemoCacheTests {
    final class Box: Sendable {}

    @Test func oneValuePerKeyWhenThreadsComputeAtOnce() {
        let cache = MemoCache<Int, Box>()
        let boxes = ParallelMap.map(Array(0..<8), minimum: 1, chunk: 1) { _ in
            cache.value(for: 1) { _ in
                usleep(20_000)
                return Box()
            }
        }
        #expect(Set(boxes.map(ObjectIdentifier.init)).count == 1)
    }
}
