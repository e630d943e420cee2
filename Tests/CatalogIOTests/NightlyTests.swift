import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

@testable import CatalogIO

/// A temporary output folder with a config pointing at a fake CKAN; runs nightly jobs against it.
final class NightlyBench: @unchecked Sendable {
    let dir: URL
    var out: URL { dir.appendingPathComponent("public") }
    var state: URL { dir.appendingPathComponent("state/state.sqlite") }

    init() throws {
        dir = TestFolder.path("opendata-nightly-\(UUID().uuidString)")
        // The state store's folder must exist (a state path in a missing folder is refused).
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("state"), withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    static func koeln() throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: koelnFixture)) as! [[String: Any]]
    }

    func config(_ fake: FakeCKAN, extra: String = "", timeout: Double = 5, retries: Int = 1) throws -> URL {
        let url = dir.appendingPathComponent("sources-\(UUID().uuidString).toml")
        let text = """
            [catalog]
            title = "Test"
            description = "Test catalogue"
            base_uri = "https://example.org/katalog"
            vocabularies = "\(Fixtures.catalog("vocabularies").path)"
            licences = "\(Fixtures.catalog("licences.toml").path)"
            [catalog.publisher]
            name = "Test"
            [harvest]
            timeout_seconds = \(timeout)
            retries = \(retries)
            keep_snapshots = 3
            \(extra)
            [[source]]
            id = "koeln"
            kind = "ckan"
            url = "\(fake.baseURL.absoluteString)"
            mode = "live"

            """
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func run(_ fake: FakeCKAN, full: Bool = false, extra: String = "", timeout: Double = 5, retries: Int = 1) async throws -> NightlyRunner.Summary {
        var environment = NightlyRunner.Environment()
        environment.sleep = { _ in }
        return try await NightlyRunner.run(
            NightlyRunner.Options(configURL: try config(fake, extra: extra, timeout: timeout, retries: retries), outputDirectory: out, state: state, full: full),
            console: Console(quiet: true), environment: environment)
    }

    /// Dataset identifiers published in `current/catalog.model.json`'s datasets (by their source record id).
    func publishedCount() throws -> Int {
        let data = try Data(contentsOf: out.appendingPathComponent("current/catalog.model.json"))
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        return (object["datasets"] as? [Any])?.count ?? -1
    }
}

@Suite(.serialized) struct NightlyTests {
    @Test func firstRunIsFullThenAnUnchangedRunIsTwoRequestsAndPublishesNothingNew() async throws {
        let bench = try NightlyBench()
        let fake = try FakeCKAN(packages: try NightlyBench.koeln())
        let first = try await bench.run(fake)
        let s1 = try #require(first.report.sources.first?.incremental)
        #expect(s1.harvest == .full)
        #expect(s1.new == 137 && s1.fetched == 137)
        #expect(first.report.status == .done)
        #expect(first.publish?.created == true)
        #expect(Publisher.current(bench.out) == String(first.job))
        let published = try bench.publishedCount()
        #expect(published == first.report.totals.datasets && published > 100)
        let catalog = bench.out.appendingPathComponent("current/catalog.ttl")
        let mtime = try FileManager.default.attributesOfItem(atPath: catalog.path)[.modificationDate] as? Date
        let bytes = try Data(contentsOf: catalog)

        let requestsBefore = fake.requests.count
        let second = try await bench.run(fake)
        let s2 = try #require(second.report.sources.first?.incremental)
        #expect(s2.harvest == .incremental)
        #expect(second.report.sources.first?.requests ?? 99 <= 2)
        #expect(fake.requests.count - requestsBefore <= 2)
        #expect(s2.new == 0 && s2.updated == 0 && s2.withdrawn.isEmpty)
        #expect(s2.reused + s2.unchanged == 137)
        #expect(second.publish?.created == false)
        #expect(Publisher.current(bench.out) == String(first.job))
        #expect(try Data(contentsOf: catalog) == bytes)
        #expect(try FileManager.default.attributesOfItem(atPath: catalog.path)[.modificationDate] as? Date == mtime)
        #expect(second.report.totals.datasets == first.report.totals.datasets)
        // The incremental query carries the window, and the history lists both jobs.
        #expect(fake.requests.contains { $0.query["fq"]?.hasPrefix("metadata_modified:[") == true })
        let jobs = try CatalogStore(url: bench.state).jobs()
        #expect(jobs.map(\.status) == [.done, .done])
        #expect(FileManager.default.fileExists(atPath: bench.out.appendingPathComponent("reports/\(second.job).json").path))
        #expect(FileManager.default.fileExists(atPath: bench.out.appendingPathComponent("report.html").path))
    }

    @Test func changedNewAndRemovedDatasetsAreFetchedAndWithdrawn() async throws {
        let bench = try NightlyBench()
        var packages = try NightlyBench.koeln()
        _ = try await bench.run(try FakeCKAN(packages: packages))

        let removed = packages[5]["id"] as! String
        packages.remove(at: 5)
        packages[0]["notes"] = "changed description"
        packages[0]["metadata_modified"] = "2099-01-01T00:00:00"
        var added = packages[1]
        added["id"] = "new-dataset-id"
        added["name"] = "new-dataset"
        added["title"] = "Ein ganz neuer Datensatz"
        added["metadata_modified"] = "2099-01-01T00:00:01"
        packages.append(added)
        let fake = try FakeCKAN(packages: packages)
        let run = try await bench.run(fake)
        let s = try #require(run.report.sources.first?.incremental)
        #expect(s.harvest == .incremental)
        #expect(s.new == 1 && s.updated == 1)
        #expect(s.withdrawn == [removed])
        #expect(run.report.findings.contains { $0.code == "nightly.withdrawn" && $0.recordID == removed })
        #expect(run.publish?.created == true)
        #expect(run.report.sources.first?.fetched == 137)  // the pipeline saw the complete set
        let items = try CatalogStore(url: bench.state).items("koeln")
        #expect(items[removed]?.status == .withdrawn)
        #expect(items["new-dataset-id"]?.status == .active)

        // --full fetches everything again and agrees.
        let full = try await bench.run(fake, full: true)
        #expect(full.report.sources.first?.incremental?.harvest == .full)
        #expect(full.report.sources.first?.incremental?.unchanged == 137)
        #expect(full.publish?.created == false)
    }

    @Test func aRecordWithoutIdOrNameIsReportedNotDropped() async throws {
        let bench = try NightlyBench()
        var packages = try NightlyBench.koeln()
        var anonymous = packages[2]
        anonymous["id"] = nil
        anonymous["name"] = nil
        anonymous["title"] = "Ohne Kennung"
        packages.append(anonymous)
        let run = try await bench.run(try FakeCKAN(packages: packages))
        let noID = run.report.findings.filter { $0.code == "record.noID" }
        #expect(noID.count == 1)
        #expect(noID.first?.source == "koeln" && noID.first?.recordID?.hasPrefix("#") == true)
        #expect(noID.first?.severity == .error)
        #expect(run.report.sources.first?.incremental?.fetched == 137)
    }

    @Test func safetyValveHoldsWhenMostDatasetsVanish() async throws {
        let bench = try NightlyBench()
        let packages = try NightlyBench.koeln()
        let first = try await bench.run(try FakeCKAN(packages: packages))
        let run = try await bench.run(try FakeCKAN(packages: Array(packages.prefix(27))))  // 80 % gone
        let s = try #require(run.report.sources.first?.incremental)
        #expect(s.withdrawn.isEmpty)
        #expect(s.held == 110)
        #expect(run.report.status == .doneWithErrors)
        #expect(run.exitCode == 1)
        #expect(s.problem?.contains("safety valve") == true)
        #expect(run.report.findings.contains { $0.code == "nightly.withdrawals-held" })
        #expect(try bench.publishedCount() == first.report.totals.datasets)
        #expect(try CatalogStore(url: bench.state).items("koeln").values.allSatisfy { $0.status == .active })
    }

    static let faults: [(String, String, @Sendable (TestHTTPRequest) -> TestHTTPResponse?)] = [
        ("500", "HTTP 500", { _ in .json(#"{"success": false, "error": {"message": "boom"}}"#, status: 500) }),
        ("html", "HTML page", { _ in .text("<html><head><title>Wartung</title></head></html>", contentType: "text/html") }),
        ("success-false", "success: false", { _ in .json(#"{"help": "", "success": false, "error": {"__type": "Search Query Error", "message": "bad"}}"#) }),
        ("truncated", "not valid JSON", { _ in .json(#"{"success": true, "result": {"count": 1, "results": [{"id": "a""#).with { $0.closeDelimited = true } }),
        ("empty-listing", "listed no datasets", { _ in .json(#"{"success": true, "result": {"count": 0, "results": []}}"#) }),
        ("timeout", "timeout", { _ in TestHTTPResponse.json("{}").with { $0.delay = 2 } }),
    ]

    @Test(arguments: 0..<faults.count)
    func aFailingSourceKeepsItsLastGoodDatasetsAndTheReportNamesTheFault(fault: Int) async throws {
        let (name, expected, answer) = Self.faults[fault]
        let bench = try NightlyBench()
        let fake = try FakeCKAN(packages: try NightlyBench.koeln())
        let first = try await bench.run(fake)
        fake.override = answer
        let run = try await bench.run(fake, timeout: name == "timeout" ? 0.3 : 5, retries: 0)
        let source = try #require(run.report.sources.first)
        #expect(source.incremental?.harvest == .stale, "\(name)")
        #expect(source.error?.contains(expected) == true, "\(name): \(source.error ?? "no error")")
        #expect(source.error?.contains("last good harvest") == true)
        #expect(run.report.status == .doneWithErrors)
        #expect(run.report.totals.datasets == first.report.totals.datasets)
        #expect(try bench.publishedCount() == first.report.totals.datasets)
        #expect(run.publish?.created == false)
        #expect(try CatalogStore(url: bench.state).items("koeln").values.filter { $0.status == .active }.count == 137)
        let latest = try String(contentsOf: bench.out.appendingPathComponent("report.json"), encoding: .utf8)
        #expect(latest.contains("nightly.stale"))
    }

    @Test func firstRunOfABrokenSourcePublishesNothingAndKeepsNoHalfCatalogue() async throws {
        let bench = try NightlyBench()
        let fake = try FakeCKAN(packages: try NightlyBench.koeln())
        fake.failPage = [1: (503, 100)]
        let run = try await bench.run(fake, extra: "rows = 50", retries: 0)
        #expect(run.report.status == .failed)
        #expect(run.publish == nil)
        #expect(Publisher.current(bench.out) == nil)
        #expect(try CatalogStore(url: bench.state).jobs().first?.status == .failed)
    }

    @Test func repeatedRecordsAndChangesBetweenPagesStillGiveTheCompleteSet() async throws {
        let bench = try NightlyBench()
        let fake = try FakeCKAN(packages: try NightlyBench.koeln())
        fake.overlap = 3
        let sorted = try koelnSortedIDs()
        fake.mutations = [0: [.touch(id: sorted[2])]]
        let run = try await bench.run(fake, extra: "rows = 50")
        #expect(run.report.sources.first?.error == nil)
        #expect(run.report.sources.first?.incremental?.new == 137)
        #expect(run.report.status == .done)
    }

    @Test func aJobLeftRunningIsMarkedFailedByTheNextRun() async throws {
        let bench = try NightlyBench()
        let store = try CatalogStore(url: bench.state)
        let orphan = try store.startJob(started: "2026-01-01T03:00:00Z", pid: 999_999)
        let run = try await bench.run(try FakeCKAN(packages: try NightlyBench.koeln()))
        #expect(run.abandoned == [orphan])
        let job = try #require(try store.job(orphan))
        #expect(job.status == .failed)
        #expect(job.message?.contains("abandoned") == true)
    }

    @Test func aSecondHarvestIsRefusedWhileTheLockIsHeld() async throws {
        let bench = try NightlyBench()
        let lockURL = bench.state.deletingLastPathComponent().appendingPathComponent("opendata.lock")
        let held = try NightlyLock(url: lockURL, startedAt: "2026-01-01T03:00:00Z")
        do {
            _ = try await bench.run(try FakeCKAN(packages: []))
            Issue.record("expected the run to be refused")
        } catch let error as CatalogRunner.Failure {
            #expect(error.exitCode == NightlyRunner.busyExitCode)
            #expect(error.description.contains("pid \(getpid()) started 2026-01-01T03:00:00Z"))
        } catch {
            Issue.record("unexpected \(error)")
        }
        held.release()
        // Released (as the kernel does when the holder dies): the next run goes ahead.
        let run = try await bench.run(try FakeCKAN(packages: try NightlyBench.koeln()))
        #expect(run.report.status == .done)
    }

    /// Real CKAN answers the `fl` id listing from the Solr index (`2015-01-20T15:39:41Z`), full records from the
    /// package dict (`2015-01-20T16:39:41+01:00`, or `…41.079294` without a zone): the same instant in two forms.
    /// Compared as strings, every dataset older than the window looked changed and was fetched again by id.
    @Test func solrFormattedListingDatesDoNotRefetchUnchangedDatasets() async throws {
        let bench = try NightlyBench()
        var packages = try NightlyBench.koeln()
        let fake = try FakeCKAN(packages: packages)
        fake.solrListingDates = true
        _ = try await bench.run(fake)
        let listing = fake.requests.first { $0.query["fl"] != nil }
        #expect(listing == nil, "the first run is a full harvest")

        let second = try await bench.run(fake)
        let s2 = try #require(second.report.sources.first?.incremental)
        #expect(s2.harvest == .incremental)
        #expect(second.report.sources.first?.requests == 2)
        #expect(s2.fetched < 137 && s2.fetched + s2.reused == 137, "fetched \(s2.fetched), reused \(s2.reused)")
        #expect(s2.new == 0 && s2.updated == 0 && s2.withdrawn.isEmpty)
        #expect(!second.report.findings.contains { $0.code == "nightly.refetched" })
        #expect(second.publish?.created == false)

        // A change stamped older than the window (a portal clock running behind) is still found by the
        // listing and fetched by id: one more request.
        let newest = packages.compactMap { $0["metadata_modified"] as? String }.max { ModifiedTime.parse($0)! < ModifiedTime.parse($1)! }!
        let index = try #require(packages.firstIndex { ($0["metadata_modified"] as? String) != newest })
        packages[index]["notes"] = "geändert, mit altem Zeitstempel"
        packages[index]["metadata_modified"] = "2014-01-01T00:00:00.123456"
        let changed = try FakeCKAN(packages: packages)
        changed.solrListingDates = true
        let third = try await bench.run(changed)
        let s3 = try #require(third.report.sources.first?.incremental)
        #expect(s3.updated == 1 && s3.new == 0)
        #expect(third.report.sources.first?.requests == 3)
        #expect(third.report.findings.contains { $0.code == "nightly.refetched" })
        #expect(third.publish?.created == true)
    }

    @Test func modifiedTimesAreComparedAsInstants() {
        #expect(ModifiedTime.same("2026-11-21T16:29:47.079294", "2026-11-21T16:29:47.079Z"))
        #expect(ModifiedTime.same("2015-01-20T16:39:41+01:00", "2015-01-20T15:39:41Z"))
        #expect(ModifiedTime.same("2026-11-21T16:29:47", "2026-11-21T16:29:47Z"))
        #expect(!ModifiedTime.same("2026-11-21T16:29:47.079294", "2026-11-21T16:29:47.081Z"))
        #expect(!ModifiedTime.same("2026-11-21T16:29:47", "2026-11-21T17:29:47Z"))
        #expect(!ModifiedTime.same("gestern", "heute"))
        #expect(ModifiedTime.same("gestern", "gestern"))
    }

    @Test func overlapMinutesSetsTheIncrementalWindow() async throws {
        let bench = try NightlyBench()
        let packages = try NightlyBench.koeln()
        let fake = try FakeCKAN(packages: packages)
        _ = try await bench.run(fake, extra: "overlap_minutes = 0")
        let run = try await bench.run(fake, extra: "overlap_minutes = 0")
        let s = try #require(run.report.sources.first?.incremental)
        let times = packages.compactMap { ($0["metadata_modified"] as? String).flatMap(ModifiedTime.parse) }
        let newest = try #require(times.max())
        #expect(s.since == ModifiedTime.solr(newest))
        let since = try #require(s.since.flatMap(ModifiedTime.parse))
        #expect(s.fetched == times.filter { $0 >= since }.count)
        #expect(s.unchanged == s.fetched && s.fetched + s.reused == 137)

        let wide = try await bench.run(fake, extra: "overlap_minutes = 2880")  // two days
        let w = try #require(wide.report.sources.first?.incremental)
        #expect(w.since == ModifiedTime.solr(newest.addingTimeInterval(-172_800)))
        #expect(w.fetched == times.filter { $0 >= newest.addingTimeInterval(-172_800) }.count)
        #expect(w.fetched > s.fetched)

        for bad in ["-1", "20000", "\"60\""] {
            do {
                _ = try ConfigLoader.parse("""
                    [catalog]
                    title = "T"
                    description = "D"
                    base_uri = "https://example.org/k"
                    [catalog.publisher]
                    name = "P"
                    [harvest]
                    overlap_minutes = \(bad)
                    """, fileURL: URL(fileURLWithPath: "/tmp/sources.toml"), displayName: "sources.toml")
                Issue.record("overlap_minutes = \(bad) was accepted")
            } catch {
                #expect(error.description.contains("overlap_minutes"), "\(error.description)")
            }
        }
    }

    @Test func aJobOverItsTimeLimitPublishesNothing() async throws {
        let timedOut = await NightlyRunner.withDeadline(seconds: 0) { () async -> Int in
            try? await Task.sleep(nanoseconds: 60_000_000_000)
            return 1
        }
        #expect(timedOut == nil)
        let quick = await NightlyRunner.withDeadline(seconds: 600) { 7 }
        #expect(quick == 7)
    }
}
