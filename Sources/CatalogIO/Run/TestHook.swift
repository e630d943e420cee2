import Foundation

/// A seam for the crash tests (Tests/CatalogIOTests/NightlyKillTests.swift), inert unless its variable is set:
/// with `OPENDATA_TEST_PAUSE_AT=<point>` the process stops at that point of a nightly job, writes
/// `<point> <pid>` to the file named by `OPENDATA_TEST_PAUSE_MARKER` and sleeps (at most 10 minutes), so the
/// test can `kill -9` it exactly there instead of hoping a kill lands mid-publish. Points:
/// - `publish-write`: half of the new snapshot's files are in `snapshots/.<job>.partial/`;
/// - `publish-switch`: `snapshots/<job>/` is complete, `current` still points at the previous snapshot;
/// - `store`: `current` points at the new snapshot, the state store has not learnt about the harvest yet.
package enum TestHook {
    package static let points = ["publish-write", "publish-switch", "store"]

    static func pause(at point: String) {
        let environment = ProcessInfo.processInfo.environment
        guard let wanted = environment["OPENDATA_TEST_PAUSE_AT"], wanted == point else { return }
        if let marker = environment["OPENDATA_TEST_PAUSE_MARKER"], !marker.isEmpty {
            try? Data("\(point) \(ProcessInfo.processInfo.processIdentifier)\n".utf8).write(to: URL(fileURLWithPath: marker), options: .atomic)
        }
        FileHandle.standardError.write(Data("OPENDATA_TEST_PAUSE_AT=\(point): pausing\n".utf8))
        Thread.sleep(forTimeInterval: 600)
    }
}
