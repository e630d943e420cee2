import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

@testable import CatalogIO

#if canImport(Glibc)
    import Glibc
#endif

let opendataBinary = Fixtures.packageRoot.appendingPathComponent(".build/debug/opendata")

/// Runs the built CLI (`swift build --product opendata` first) and kills it with SIGKILL at a precise point of
/// publishing: `OPENDATA_TEST_PAUSE_AT` (TestHook) makes the child stop there and say so in a marker file.
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: opendataBinary.path), "build the opendata binary first"))
struct NightlyKillTests {
    func launch(_ bench: NightlyBench, _ fake: FakeCKAN, pauseAt: String? = nil, marker: URL? = nil) throws -> Process {
        let process = Process()
        process.executableURL = opendataBinary
        process.arguments = ["run", "--config", try bench.config(fake).path, "--out", bench.out.path, "--state", bench.state.path, "--quiet"]
        var environment = ProcessInfo.processInfo.environment
        environment["OPENDATA_TEST_PAUSE_AT"] = pauseAt
        environment["OPENDATA_TEST_PAUSE_MARKER"] = marker?.path
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    func files(_ directory: URL) throws -> [String] {
        let directory = directory.resolvingSymlinksInPath()
        return try FileManager.default.subpathsOfDirectory(atPath: directory.path).filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.sorted()
    }

    @Test(arguments: TestHook.points)
    func sigkillWhilePublishingLeavesACompleteCurrentSnapshotAndTheNextRunRecovers(point: String) async throws {
        let bench = try NightlyBench()
        var packages = Array(try NightlyBench.koeln().prefix(30))  // small: three runs per case
        let original = try FakeCKAN(packages: packages)  // kept alive while the child harvests it
        let first = try launch(bench, original)
        first.waitUntilExit()
        try #require(first.terminationStatus == 0)
        let current = bench.out.appendingPathComponent("current")
        let expectedFiles = try files(current)
        #expect(expectedFiles.contains("catalog.ttl"))
        let firstTurtle = try Data(contentsOf: current.appendingPathComponent("catalog.ttl"))

        // A change, so the second run writes a new snapshot; it stops at `point` and is killed there.
        packages[0]["title"] = "Geänderter Titel"
        packages[0]["metadata_modified"] = "2099-01-01T00:00:00"
        let fake = try FakeCKAN(packages: packages)
        let marker = bench.dir.appendingPathComponent("paused")
        let second = try launch(bench, fake, pauseAt: point, marker: marker)
        let deadline = Date().addingTimeInterval(300)
        while !FileManager.default.fileExists(atPath: marker.path), second.isRunning, Date() < deadline {
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        let reached = FileManager.default.fileExists(atPath: marker.path)
        kill(second.processIdentifier, SIGKILL)
        second.waitUntilExit()
        try #require(reached, "the child never reached \(point) (exit \(second.terminationStatus)); is .build/debug/opendata up to date?")
        #expect(second.terminationReason == .uncaughtSignal)
        #expect(try String(contentsOf: marker, encoding: .utf8).hasPrefix("\(point) \(second.processIdentifier)"))

        // At the instant of the kill: `current` is a complete snapshot, the old one unless the switch was done.
        let snapshots = Publisher.snapshotsDirectory(bench.out)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: snapshots.path)
        let turtle = try Data(contentsOf: current.appendingPathComponent("catalog.ttl"))
        #expect(try files(current) == expectedFiles)
        switch point {
        case "publish-write":
            #expect(Publisher.current(bench.out) == "1")
            #expect(turtle == firstTurtle)
            #expect(leftovers.contains(".2.partial"))
            #expect(!leftovers.contains("2"))
        case "publish-switch":
            #expect(Publisher.current(bench.out) == "1")
            #expect(turtle == firstTurtle)
            #expect(leftovers.contains("2") && !leftovers.contains(".2.partial"))
        default:  // "store": published, but the store has not learnt about it
            #expect(Publisher.current(bench.out) == "2")
            #expect(String(decoding: turtle, as: UTF8.self).contains("Geänderter Titel"))
        }
        #expect(try CatalogStore(url: bench.state).job(2)?.status == .running)

        // The next run marks the killed job failed, harvests the change again (the store never saw it),
        // and publishes it (or finds it already current); no partial folder is left.
        let third = try await bench.run(fake)
        #expect(third.abandoned == [2])
        let killed = try #require(try CatalogStore(url: bench.state).job(2))
        #expect(killed.status == .failed)
        #expect(killed.message?.contains("abandoned") == true)
        #expect(third.report.status == .done)
        #expect(third.report.sources.first?.incremental?.updated == 1)
        #expect(third.publish?.created == (point != "store"))
        #expect(try String(contentsOf: current.appendingPathComponent("catalog.ttl"), encoding: .utf8).contains("Geänderter Titel"))
        #expect(try files(current) == expectedFiles)
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: snapshots.path)).contains { $0.hasSuffix(".partial") })
        #expect(try CatalogStore(url: bench.state).jobs().map(\.status) == [.done, .failed, .done])
    }
}
