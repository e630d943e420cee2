import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

@testable import CatalogIO

#if canImport(Glibc)
    import Glibc
#endif

let opendataBinary = Fixtures.packageRoot.appendingPathComponent(".build/debug/opendata")

/// Runs the built CLI (`swift build --product opendata` first) and kills it with SIGKILL while it publishes.
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: opendataBinary.path), "build the opendata binary first"))
struct NightlyKillTests {
    func launch(_ bench: NightlyBench, _ fake: FakeCKAN) throws -> Process {
        let process = Process()
        process.executableURL = opendataBinary
        process.arguments = ["run", "--config", try bench.config(fake).path, "--out", bench.out.path, "--state", bench.state.path, "--quiet"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test func sigkillMidPublishLeavesACompleteCurrentSnapshotAndTheNextRunFailsTheJob() async throws {
        let bench = try NightlyBench()
        var packages = try NightlyBench.koeln()
        let original = try FakeCKAN(packages: packages)  // kept alive while the child harvests it
        let first = try launch(bench, original)
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        let expectedFiles = try FileManager.default.contentsOfDirectory(atPath: bench.out.appendingPathComponent("current").path).sorted()
        #expect(expectedFiles.contains("catalog.ttl"))

        // A change, so the second run writes a new snapshot; kill it as soon as its partial folder appears.
        packages[0]["title"] = "Geänderter Titel"
        packages[0]["metadata_modified"] = "2099-01-01T00:00:00"
        let fake = try FakeCKAN(packages: packages)
        let second = try launch(bench, fake)
        let snapshots = bench.out.appendingPathComponent("snapshots")
        var sawPartial = false
        for _ in 0..<2_000_000 where second.isRunning {
            if ((try? FileManager.default.contentsOfDirectory(atPath: snapshots.path)) ?? []).contains(where: { $0.hasSuffix(".partial") }) {
                sawPartial = true
                break
            }
            await Task.yield()
        }
        kill(second.processIdentifier, SIGKILL)
        second.waitUntilExit()
        let killed = second.terminationReason == .uncaughtSignal

        // Whatever instant the kill hit, `current` is a complete snapshot.
        let current = try #require(Publisher.current(bench.out))
        let files = try FileManager.default.contentsOfDirectory(atPath: bench.out.appendingPathComponent("current").path).sorted()
        #expect(files == expectedFiles, "snapshot \(current) is incomplete")
        let turtle = try String(contentsOf: bench.out.appendingPathComponent("current/catalog.ttl"), encoding: .utf8)
        #expect(turtle.contains("dcat:Catalog"))

        // The next run marks the killed job failed and publishes the change.
        let third = try await bench.run(fake)
        if killed {
            #expect(third.abandoned == [2])
            #expect(try CatalogStore(url: bench.state).job(2)?.status == .failed)
        }
        #expect(third.report.status == .done)
        #expect(try String(contentsOf: bench.out.appendingPathComponent("current/catalog.ttl"), encoding: .utf8).contains("Geänderter Titel"))
        #expect(!((try? FileManager.default.contentsOfDirectory(atPath: snapshots.path)) ?? []).contains { $0.hasSuffix(".partial") })
        print("kill landed: killed=\(killed), sawPartial=\(sawPartial), current after kill=\(current)")
    }
}
