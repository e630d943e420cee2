import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

@testable import CatalogIO

/// A plain `opendata run` publishing into a temporary folder, with one or more sources whose inputs a test
/// damages between runs.
final class PlainBench: @unchecked Sendable {
    let dir: URL
    var out: URL { dir.appendingPathComponent("public") }
    var layout: PublishLayout { .plain(out) }

    init() throws {
        dir = TestFolder.path("opendata-plain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    /// A copy of a demo input the test may change.
    func copy(_ demo: String) throws -> URL {
        let url = dir.appendingPathComponent(URL(fileURLWithPath: demo).lastPathComponent)
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.copyItem(at: Fixtures.catalog(demo), to: url)
        return url
    }

    func config(_ sources: String, extra: String = "") throws -> URL {
        let url = dir.appendingPathComponent("sources.toml")
        try """
            [catalog]
            title = "Test"
            description = "Test catalogue"
            base_uri = "https://example.org/katalog"
            vocabularies = "\(Fixtures.catalog("vocabularies").path)"
            licences = "\(Fixtures.catalog("licences.toml").path)"
            [catalog.publisher]
            name = "Test"
            [harvest]
            keep_snapshots = 3
            timeout_seconds = 5
            retries = 0
            \(extra)
            \(sources)
            """.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    static func dump(_ path: URL, id: String = "koeln") -> String {
        "[[source]]\nid = \"\(id)\"\ntitle = \"\(id)\"\nkind = \"ckan-dump\"\npath = \"\(path.path)\"\n"
    }

    func run(_ config: URL, at seconds: TimeInterval = 0) async throws(CatalogRunner.Failure) -> CatalogRunner.Summary {
        try await CatalogRunner.run(
            CatalogRunner.Options(configURL: config, outputDirectory: out, now: Date(timeIntervalSince1970: 1_800_000_000 + seconds)),
            console: Console(quiet: true))
    }

    func report() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as! [String: Any]
    }

    func source(_ id: String) throws -> [String: Any] {
        try #require((report()["sources"] as? [[String: Any]])?.first { $0["id"] as? String == id })
    }

    /// The dataset pages (`datensatz/*.html`; each has its .json, .ttl and .jsonld beside it).
    func datasetPages() -> Set<String> {
        Set(((try? FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("datensatz").path)) ?? []).filter { $0.hasSuffix(".html") })
    }
}

@Suite(.serialized) struct PlainPublishTests {
    static func truncate(_ url: URL, to bytes: Int) throws {
        try Data(contentsOf: url).prefix(bytes).write(to: url)
    }

    /// Keeps the first `count` records of a JSON-array dump.
    static func keep(_ url: URL, first count: Int) throws -> [[String: Any]] {
        let all = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [[String: Any]]
        try JSONSerialization.data(withJSONObject: Array(all.prefix(count))).write(to: url)
        return all
    }

    @Test func publishesASnapshotBehindTheOutputLinkAndKeepsItWhenNothingChanged() async throws {
        let bench = try PlainBench()
        let config = try bench.config(PlainBench.dump(try bench.copy("demo/koeln-2015-01.json")))
        let first = try await bench.run(config)
        #expect(first.exitCode == 0 && first.publish == Publisher.Result(snapshot: "1", created: true, removed: []))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: bench.out.path) == "public.snapshots/snapshots/1")
        #expect(FileManager.default.fileExists(atPath: bench.out.appendingPathComponent("catalog.ttl").path))
        // The inputs are kept in the snapshot, hidden from the server.
        let inputs = try String(contentsOf: bench.out.appendingPathComponent(".inputs/koeln.jsonl"), encoding: .utf8)
        #expect(inputs.split(separator: "\n").count == 137)
        let ttl = bench.out.appendingPathComponent("catalog.ttl")
        let mtime = try FileManager.default.attributesOfItem(atPath: ttl.path)[.modificationDate] as? Date

        let second = try await bench.run(config, at: 3600)
        #expect(second.publish.created == false && second.publish.snapshot == "1")
        #expect(Publisher.snapshots(bench.layout) == ["1"])
        #expect(try FileManager.default.attributesOfItem(atPath: ttl.path)[.modificationDate] as? Date == mtime)
        // The live report is this run's.
        #expect(try bench.report()["startedAt"] as? String == CatalogRunner.timestamp(Date(timeIntervalSince1970: 1_800_003_600)))
        let hidden = try FileManager.default.contentsOfDirectory(atPath: bench.layout.snapshots.path).filter { $0.hasPrefix(".") }
        #expect(hidden.isEmpty)
    }

    /// What a run prints on stderr (not on a terminal): with `--quiet` one line per source and the closing lines,
    /// without it also the findings by kind; a nightly run's file source says how many records it read, not
    /// "0 new, 0 updated" (the store does not compare a file's records).
    @Test func aQuietRunPrintsItsSourcesAndTotalsButNotTheFindingsByKind() async throws {
        let bench = try PlainBench()
        let config = try bench.config(PlainBench.dump(try bench.copy("demo/koeln-2015-01.json")))
        var printed: [Bool: String] = [:]
        for quiet in [false, true] {
            let lines = LockedBox("")
            _ = try await CatalogRunner.run(
                CatalogRunner.Options(configURL: config, outputDirectory: bench.dir.appendingPathComponent("out-\(quiet)")),
                console: Console(quiet: quiet, isTerminal: false, sink: { line in lines.update { $0 += line } }))
            printed[quiet] = lines.get()
        }
        let loud = try #require(printed[false]), quiet = try #require(printed[true])
        #expect(loud.contains("findings (") && loud.contains("licence.inherited"))
        #expect(!quiet.contains("findings (") && !quiet.contains("licence.inherited"))
        for text in [loud, quiet] {
            #expect(text.contains("koeln: 137 fetched, 137 mapped, 0 rejected"))
            #expect(text.contains("done: 137 datasets"))
        }
        let nightly = LockedBox("")
        _ = try await NightlyRunner.run(
            NightlyRunner.Options(configURL: config, outputDirectory: bench.dir.appendingPathComponent("nightly"), state: bench.dir.appendingPathComponent("s.sqlite")),
            console: Console(quiet: true, isTerminal: false, sink: { line in nightly.update { $0 += line } }))
        #expect(nightly.get().contains("koeln: file, 137 records read\n"))
        #expect(!nightly.get().contains("0 new"))
    }

    @Test func pagesOfVanishedDatasetsAreGoneFromTheNextSnapshot() async throws {
        let bench = try PlainBench()
        let dump = try bench.copy("demo/koeln-2015-01.json")
        let config = try bench.config(PlainBench.dump(dump))
        _ = try await bench.run(config)
        let before = bench.datasetPages()
        _ = try Self.keep(dump, first: 130)  // 7 of 137 vanish: below withdraw_max_share
        let second = try await bench.run(config, at: 60)
        #expect(second.exitCode == 0 && second.publish.created)
        let after = bench.datasetPages()
        #expect(after.count == before.count - 7 && after.isSubset(of: before))
        #expect(second.report.totals.datasets == 130)
    }

    @Test func aTruncatedDumpKeepsItsDatasetsStaleAndTheSiteSaysSince() async throws {
        let bench = try PlainBench()
        let dump = try bench.copy("demo/koeln-2015-01.json")
        let config = try bench.config(PlainBench.dump(dump))
        let first = try await bench.run(config)
        try Self.truncate(dump, to: 30_000)
        let second = try await bench.run(config, at: 86_400)
        #expect(second.exitCode == 1 && second.report.status == .doneWithErrors)
        #expect(second.report.totals.datasets == first.report.totals.datasets)
        let stats = try #require(second.report.sources.first?.incremental)
        #expect(stats.harvest == .stale && stats.staleSince == first.report.startedAt)
        #expect(second.report.findings.contains { $0.code == "source.stale" })
        let page = try String(contentsOf: bench.out.appendingPathComponent("harvest.html"), encoding: .utf8)
        #expect(page.contains("veraltet seit \(first.report.startedAt)"))
        // A second failure keeps the first stale-since (the last good read), not the failed run's time.
        let third = try await bench.run(config, at: 2 * 86_400)
        #expect(third.report.sources.first?.incremental?.staleSince == first.report.startedAt)
        #expect(third.report.totals.datasets == first.report.totals.datasets)
    }

    @Test func theValveHoldsWhenHalfTheDatasetsVanish() async throws {
        let bench = try PlainBench()
        let dump = try bench.copy("demo/koeln-2015-01.json")
        let config = try bench.config(PlainBench.dump(dump))
        let first = try await bench.run(config)
        _ = try Self.keep(dump, first: 60)
        let second = try await bench.run(config, at: 60)
        #expect(second.exitCode == 1 && second.report.status == .doneWithErrors)
        #expect(second.report.totals.datasets == first.report.totals.datasets)
        #expect(second.report.sources.first?.incremental?.held == 77)
        #expect(second.report.findings.contains { $0.code == "source.withdrawals-held" })
        // Accepted with a higher share: the withdrawals go through.
        let accepted = try await bench.run(try bench.config(PlainBench.dump(dump), extra: "withdraw_max_share = 0.9"), at: 120)
        #expect(accepted.exitCode == 0 && accepted.report.totals.fetched == 60)
    }

    @Test func aFailingDCATFileSourceIsPublishedStaleToo() async throws {
        let bench = try PlainBench()
        let rdf = try bench.copy("demo/ckanext-dcatde-catalog-endpoint-example.rdf")
        let sources = "[[source]]\nid = \"dcat\"\ntitle = \"DCAT\"\nkind = \"dcat\"\npath = \"\(rdf.path)\"\n"
        let config = try bench.config(sources)
        let first = try await bench.run(config)
        #expect(first.exitCode == 0 && first.report.totals.datasets > 0)
        try Self.truncate(rdf, to: 600)
        let second = try await bench.run(config, at: 60)
        #expect(second.exitCode == 1)
        #expect(second.report.sources.first?.incremental?.harvest == .stale)
        #expect(second.report.totals.datasets == first.report.totals.datasets)
    }

    @Test func aFailingLiveCKANSourceIsPublishedStale() async throws {
        let bench = try PlainBench()
        let fake = try FakeCKAN(fixture: koelnFixture)
        let sources = "[[source]]\nid = \"koeln\"\ntitle = \"Köln\"\nkind = \"ckan\"\nurl = \"\(fake.baseURL.absoluteString)\"\nmode = \"live\"\n"
        let config = try bench.config(sources)
        let first = try await bench.run(config)
        #expect(first.exitCode == 0 && first.report.totals.datasets > 100)
        fake.override = { _ in TestHTTPResponse(status: 200, headers: [("Content-Type", "text/html")], body: Data("<html><body>Login</body></html>".utf8)) }
        let second = try await bench.run(config, at: 60)
        #expect(second.exitCode == 1)
        #expect(second.report.totals.datasets == first.report.totals.datasets)
        #expect(second.report.sources.first?.incremental?.harvest == .stale)
    }

    @Test func aFirstRunWithAFailingSourcePublishesWhatItHasAndExits1() async throws {
        let bench = try PlainBench()
        let good = try bench.copy("demo/berlin-2014-12.json")
        let bad = try bench.copy("demo/koeln-2015-01.json")
        try Self.truncate(bad, to: 30_000)
        let summary = try await bench.run(try bench.config(PlainBench.dump(good, id: "berlin") + PlainBench.dump(bad)))
        #expect(summary.exitCode == 1 && summary.publish.created)
        #expect(summary.report.totals.datasets > 0)
        #expect(summary.report.sources.first { $0.id == "koeln" }?.incremental == nil)
    }

    @Test func oneRunPerOutputAndLayoutsDoNotMix() async throws {
        let bench = try PlainBench()
        let config = try bench.config(PlainBench.dump(try bench.copy("demo/koeln-2015-01.json")))
        try FileManager.default.createDirectory(at: bench.layout.root, withIntermediateDirectories: true)
        let held = try NightlyLock(url: bench.layout.lockFile, startedAt: "2027-01-01T03:00:00Z")
        do {
            _ = try await bench.run(config)
            Issue.record("a second run published while the output was locked")
        } catch { #expect(error.exitCode == 75 && error.description.contains("another harvest is running")) }
        held.release()
        _ = try await bench.run(config)
        // Nightly mode refuses a plain run's link; a plain run refuses a nightly folder.
        do {
            _ = try await NightlyRunner.run(NightlyRunner.Options(configURL: config, outputDirectory: bench.out, state: bench.dir.appendingPathComponent("s.sqlite")), console: Console(quiet: true))
            Issue.record("nightly mode published into a plain run's link")
        } catch { #expect(error.exitCode == 2 && error.description.contains("plain run")) }
        let nightly = bench.dir.appendingPathComponent("nightly")
        _ = try await NightlyRunner.run(NightlyRunner.Options(configURL: config, outputDirectory: nightly, state: bench.dir.appendingPathComponent("s.sqlite")), console: Console(quiet: true))
        do {
            _ = try await CatalogRunner.run(CatalogRunner.Options(configURL: config, outputDirectory: nightly), console: Console(quiet: true))
            Issue.record("a plain run published into a nightly folder")
        } catch { #expect(error.exitCode == 2 && error.description.contains("nightly mode")) }
    }

    @Test func aStatePathInAMissingFolderIsRefused() async throws {
        let bench = try PlainBench()
        let config = try bench.config(PlainBench.dump(try bench.copy("demo/koeln-2015-01.json")))
        let state = bench.dir.appendingPathComponent("missing/state.sqlite")
        do {
            _ = try await NightlyRunner.run(NightlyRunner.Options(configURL: config, outputDirectory: bench.dir.appendingPathComponent("n"), state: state), console: Console(quiet: true))
            Issue.record("accepted a state path in a missing folder")
        } catch { #expect(error.exitCode == 2 && error.description.contains("does not exist")) }
        #expect(!FileManager.default.fileExists(atPath: state.deletingLastPathComponent().path))
    }

    @Test func anEarlierPlainOutputFolderBecomesTheFirstSnapshot() async throws {
        let bench = try PlainBench()
        try FileManager.default.createDirectory(at: bench.out.appendingPathComponent("datensatz"), withIntermediateDirectories: true)
        try "old".write(to: bench.out.appendingPathComponent("report.json"), atomically: true, encoding: .utf8)
        try "stale page".write(to: bench.out.appendingPathComponent("datensatz/gone.html"), atomically: true, encoding: .utf8)
        let summary = try await bench.run(try bench.config(PlainBench.dump(try bench.copy("demo/koeln-2015-01.json"))))
        #expect(summary.publish.snapshot == "2")
        #expect(Publisher.snapshots(bench.layout) == ["1", "2"])
        #expect(!bench.datasetPages().contains("gone.html"))
        let back = try Publisher.rollback(bench.layout)
        #expect(back.to == "1" && bench.datasetPages() == ["gone.html"])
    }

    @Test func failureAndRecoveryAreNotifiedAndStatusJSONTellsTheTruth() async throws {
        let bench = try PlainBench()
        let server = try TestHTTPServer { _ in TestHTTPResponse(status: 204) }
        defer { server.stop() }
        let script = bench.dir.appendingPathComponent("hook.sh")
        try "cat > \"\(bench.dir.path)/event-$OPENDATA_EVENT.json\"\n".write(to: script, atomically: true, encoding: .utf8)
        let dump = try bench.copy("demo/koeln-2015-01.json")
        let extra = "notify_webhook = \"\(server.baseURL.absoluteString)/hook\"\nnotify_command = \"sh \(script.path)\""
        let config = try bench.config(PlainBench.dump(dump), extra: extra)
        func event(_ name: String) -> [String: Any]? {
            (try? Data(contentsOf: bench.dir.appendingPathComponent("event-\(name).json"))).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        }
        _ = try await bench.run(config)
        #expect(server.requests.isEmpty && event("failure") == nil)
        let good = try #require(JobNotifier.readStatus(bench.layout))
        #expect(good.status == "done" && good.lastSuccessAt == good.finishedAt && (good.datasetsPerSource["koeln"] ?? 0) > 100)

        let original = try Data(contentsOf: dump)
        try Self.truncate(dump, to: 30_000)
        _ = try await bench.run(config, at: 60)
        #expect(server.requests.map(\.method) == ["POST"] && server.requests.first?.path == "/hook")
        let failure = try #require(event("failure"))
        #expect(failure["event"] as? String == "failure" && failure["status"] as? String == "doneWithErrors")
        #expect((failure["staleSources"] as? [String: String])?["koeln"] != nil)
        let bad = try #require(JobNotifier.readStatus(bench.layout))
        #expect(bad.lastSuccessAt == good.lastSuccessAt && bad.staleSources.keys.sorted() == ["koeln"])

        try original.write(to: dump)
        _ = try await bench.run(config, at: 120)
        #expect(event("recovery")?["status"] as? String == "done")
        #expect(server.requests.count == 2)
        _ = try await bench.run(config, at: 180)
        #expect(server.requests.count == 2)  // a good run after a good run: nothing to say
    }

    @Test func jobReportsAreKeptByCountAndAge() throws {
        let bench = try PlainBench()
        let reports = bench.dir.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
        let now = Date()
        for job in 1...8 {
            for ext in ["json", "html"] {
                let url = reports.appendingPathComponent("\(job).\(ext)")
                try "{}".write(to: url, atomically: true, encoding: .utf8)
                // Jobs 1–2 are 100 days old.
                let date = job <= 2 ? now.addingTimeInterval(-100 * 86_400) : now.addingTimeInterval(Double(job - 8) * 3600)
                try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: url.path)
            }
        }
        #expect(JobNotifier.pruneReports(reports, keepJobs: 5, keepDays: 0, now: now) == [3, 2, 1])
        try "{}".write(to: reports.appendingPathComponent("2.json"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: now.addingTimeInterval(-100 * 86_400)], ofItemAtPath: reports.appendingPathComponent("2.json").path)
        #expect(JobNotifier.pruneReports(reports, keepJobs: 50, keepDays: 90, now: now) == [2])
        let left = try FileManager.default.contentsOfDirectory(atPath: reports.path).sorted()
        #expect(left == ["4.html", "4.json", "5.html", "5.json", "6.html", "6.json", "7.html", "7.json", "8.html", "8.json"])
    }

    @Test func diskErrorsNameThePathAndWhatToDo() {
        let full = Publisher.explain(ENOSPC, path: "/srv/x/catalog.ttl", doing: "write")
        #expect(full.contains("/srv/x/catalog.ttl") && full.contains("no space left") && full.contains("Free space"))
        let readOnly = Publisher.explain(EROFS, path: "/srv/x", doing: "create")
        #expect(readOnly.contains("read-only") && readOnly.contains("choose another --out") && !readOnly.contains("NSCocoaErrorDomain"))
    }
}

/// Pruning never deletes the snapshot `opendata serve` still serves (it holds a shared lock on the folder).
@Suite struct PruneServedSnapshotTests {
    @Test func aServedSnapshotSurvivesPruningUntilReleased() throws {
        let root = TestFolder.path("prune-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let layout = PublishLayout.nightly(root)
        for id in ["1", "2", "3"] {
            let dir = layout.snapshots.appendingPathComponent(id)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try Data("x".utf8).write(to: dir.appendingPathComponent("catalog.ttl"))
        }
        let hold = try SnapshotInUse.hold(layout.snapshots.appendingPathComponent("1"))
        #expect(Publisher.prune(layout, keep: 1, current: "3") == ["2"])
        #expect(Publisher.snapshots(layout) == ["1", "3"])
        hold.release()
        #expect(Publisher.prune(layout, keep: 1, current: "3") == ["1"])
        #expect(Publisher.snapshots(layout) == ["3"])
    }
}

/// `keep_days`: the dated archive covers N days; `keep_snapshots` stays the floor.
@Suite struct PruneByDaysTests {
    @Test func snapshotsYoungerThanKeepDaysStayBeyondTheCount() throws {
        let root = TestFolder.path("prune-days-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let layout = PublishLayout.nightly(root)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        // Snapshots 1…5 published 40, 20, 10, 2 and 0 days before `now`.
        for (id, age) in [("1", 40), ("2", 20), ("3", 10), ("4", 2), ("5", 0)] {
            let dir = layout.snapshots.appendingPathComponent(id)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try Data("x".utf8).write(to: dir.appendingPathComponent("catalog.ttl"))
            try FileManager.default.setAttributes([.modificationDate: now.addingTimeInterval(-Double(age) * 86_400)], ofItemAtPath: dir.path)
        }
        // keep 2, 14 days: 1 (40 d) and 2 (20 d) go, 3 (10 d) stays though it is beyond the count.
        #expect(Publisher.prune(layout, keep: 2, keepDays: 14, current: "5", now: now) == ["1", "2"])
        #expect(Publisher.snapshots(layout) == ["3", "4", "5"])
        // The count is the floor: with 1 day, the newest two stay even when older than that.
        #expect(Publisher.prune(layout, keep: 2, keepDays: 1, current: "5", now: now.addingTimeInterval(30 * 86_400)) == ["3"])
        #expect(Publisher.snapshots(layout) == ["4", "5"])
        // Without keep_days, the count alone decides (as before).
        #expect(Publisher.prune(layout, keep: 1, current: "5", now: now) == ["4"])
    }

    @Test func keepDaysIsReadAndChecked() throws {
        func config(_ days: String) throws(ConfigError) -> AppConfig {
            try ConfigLoader.parse("""
                [catalog]
                title = "T"
                description = "D"
                base_uri = "https://example.org/k"
                [catalog.publisher]
                name = "P"
                [harvest]
                keep_days = \(days)
                [[source]]
                id = "aachen"
                title = "Aachen"
                kind = "ckan"
                url = "https://offenedaten.aachen.de"
                """, fileURL: URL(fileURLWithPath: "/tmp/sources.toml"), displayName: "sources.toml")
        }
        #expect(try config("30").harvest.keepDays == 30)
        for bad in ["0", "5000", "\"30\""] {
            do {
                _ = try config(bad)
                Issue.record("keep_days = \(bad) was accepted")
            } catch {
                #expect(error.description.contains("keep_days"), "\(error.description)")
            }
        }
    }
}
