package import CatalogCore
package import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// `opendata run --state PATH` / `--nightly` (or `[harvest] state` in the config): the unattended nightly job.
///
/// Differences from the plain run (`CatalogRunner.run`, which stays as it is for `--out public`):
/// - one job at a time (`NightlyLock`), recorded in the state store (`CatalogStore`) with its counts;
///   a job left `running` by a killed process is marked failed by the next one;
/// - live CKAN sources are harvested incrementally (`NightlyHarvester`), failing sources are republished
///   from the store, mass withdrawals are held by the safety valve;
/// - outputs go to `<out>/snapshots/<job>/` and `<out>/current` is switched atomically (`Publisher`);
/// - the report lands in `<out>/report.json` + `report.html` and `<out>/reports/<job>.json` + `.html`.
package enum NightlyRunner {
    package struct Options: Sendable {
        package var configURL: URL
        package var outputDirectory: URL
        package var live: Bool?
        /// The state store; nil: `[harvest] state`, else `<out>/.opendata/state.sqlite`.
        package var state: URL?
        /// Ignore high-water marks: fetch every live source completely.
        package var full = false
        package var now: Date
        /// Validate catalog.ttl in the run (`--validate`): `[validation] profiles`, or the default set.
        package var validate = false

        package init(configURL: URL, outputDirectory: URL, live: Bool? = nil, state: URL? = nil, full: Bool = false, now: Date = Date(), validate: Bool = false) {
            self.configURL = configURL
            self.outputDirectory = outputDirectory
            self.live = live
            self.state = state
            self.full = full
            self.now = now
            self.validate = validate
        }
    }

    package struct Summary: Sendable {
        package var job: Int64
        package var report: RunReport
        /// nil when nothing was published (the job failed or timed out).
        package var publish: Publisher.Result?
        /// Jobs found `running` at start and marked failed.
        package var abandoned: [Int64]
        package var exitCode: Int32
    }

    /// Exit status when another harvest holds the lock (EX_TEMPFAIL).
    package static let busyExitCode: Int32 = 75

    package static func defaultStateURL(_ out: URL) -> URL {
        out.appendingPathComponent(".opendata").appendingPathComponent("state.sqlite")
    }

    /// Test seams: the transport and the client's backoff sleep.
    package struct Environment: Sendable {
        package var transport: any HTTPTransport = URLSessionTransport()
        /// The link checker's transport (`[links] in_nightly`).
        package var linkTransport: any HTTPTransport = URLSessionTransport()
        package var sleep: @Sendable (TimeInterval) async -> Void = { seconds in
            try? await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
        }
        package init() {}
    }

    /// One nightly job; afterwards `<out>/status.json` says how it went and a failure (or the recovery after
    /// one) is notified (`JobNotifier`).
    package static func run(_ options: Options, console: Console, environment: Environment = Environment()) async throws(CatalogRunner.Failure) -> Summary {
        let setup = try CatalogRunner.setup(configURL: options.configURL)
        let layout = PublishLayout.nightly(options.outputDirectory)
        let started = Date()
        do {
            let summary = try await runJob(options, setup: setup, console: console, environment: environment)
            await JobNotifier.record(summary.report, layout: layout, settings: setup.config.harvest, started: started,
                                     snapshot: summary.publish?.snapshot, job: summary.job, output: options.outputDirectory, console: console)
            return summary
        } catch {
            if error.exitCode == 1 {
                await JobNotifier.record(error.report, message: error.description, layout: layout, settings: setup.config.harvest,
                                         started: started, snapshot: nil, job: nil, output: options.outputDirectory, console: console)
            }
            throw error
        }
    }

    static func runJob(_ options: Options, setup: CatalogRunner.Setup, console: Console, environment: Environment) async throws(CatalogRunner.Failure) -> Summary {
        let config = setup.config
        let out = options.outputDirectory
        let stateURL = options.state ?? config.harvest.state ?? defaultStateURL(out)
        let started = CatalogRunner.timestamp(options.now)

        let (outputLock, lock) = try takeLocks(out: out, state: stateURL, explicitState: options.state ?? config.harvest.state, started: started)
        defer {
            lock.release()
            outputLock.release()
        }
        if let previous = lock.recoveredFrom { console.warning("recovered a stale lock (\(previous)): that process is gone") }
        let (store, job, abandoned) = try openJob(stateURL, started: started, console: console)
        let fail = JobFailure(store: store, job: job)

        let offline = options.live.map { !$0 } ?? config.harvest.offline
        console.info("opendata \(OpenDataVersion.current): nightly job \(job), \(offline ? "offline" : "live")\(options.full ? ", full harvest" : ""), state \(stateURL.path)")
        // Harvest, within the job time limit.
        let limit = config.harvest.jobTimeoutMinutes * 60
        let harvested = await withDeadline(seconds: limit) {
            await harvestAll(config, offline: offline, full: options.full, store: store, job: job, now: started, console: console, environment: environment, mapping: setup)
        }
        guard let harvested else {
            try fail("stopped after job_timeout_minutes = \(config.harvest.jobTimeoutMinutes); nothing published, the previous snapshot stays current")
        }
        let layout = PublishLayout.nightly(out)
        let writer: SnapshotWriter
        do {
            writer = try SnapshotWriter(layout: layout, id: String(job), keep: config.harvest.keepSnapshots, keepDays: config.harvest.keepDays)
        } catch {
            try fail("publishing failed: \(error.description); the previous snapshot stays current")
        }
        var output = await render(harvested, into: writer, layout: layout, job: job, store: store, stateURL: stateURL, started: started,
                                  options: options, setup: setup, console: console, environment: environment)
        let publish = try publishSnapshot(output.report, writer: writer, harvested: harvested, store: store, started: started,
                                          out: out, fail: fail, console: console)
        output.report.sections["nightly"] = nightlySection(job: job, publish: publish, abandoned: abandoned, recovered: lock.recoveredFrom, state: stateURL)
        let report = output.report
        keepReports(report, job: job, out: out, config: config, console: console)
        let status: JobStatus = switch report.status {
        case .done: .done
        case .doneWithErrors: .doneWithErrors
        case .failed: .failed
        }
        try? store.finishJob(job, status: status, finished: CatalogRunner.timestamp(Date()), counts: counts(report, publish: publish),
                             message: report.sources.compactMap { s in s.error.map { "\(s.id): \($0)" } ?? s.incremental?.problem.map { "\(s.id): \($0)" } }.first)
        printSummary(report, publish: publish, job: job, console: console)
        return Summary(job: job, report: report, publish: publish, abandoned: abandoned, exitCode: report.status == .done ? 0 : 1)
    }

    /// Ends a job as failed in the store and throws the message (exit code 1).
    struct JobFailure {
        let store: CatalogStore
        let job: Int64

        func callAsFunction(_ message: String) throws(CatalogRunner.Failure) -> Never {
            try? store.finishJob(job, status: .failed, finished: CatalogRunner.timestamp(Date()), counts: "{}", message: message)
            throw CatalogRunner.Failure(description: "job \(job) failed: \(message)", exitCode: 1)
        }
    }

    /// Opens the state store, marks jobs left running by a dead process as failed, and starts this job.
    static func openJob(_ stateURL: URL, started: String, console: Console) throws(CatalogRunner.Failure) -> (CatalogStore, Int64, [Int64]) {
        let store: CatalogStore
        let job: Int64
        let abandoned: [Int64]
        do {
            store = try CatalogStore(url: stateURL)
            abandoned = try store.failAbandonedJobs(now: started)
            job = try store.startJob(started: started, pid: getpid())
        } catch {
            throw CatalogRunner.Failure(description: "cannot open the state store \(stateURL.path): \(error)")
        }
        for id in abandoned { console.warning("job \(id) was left running by a process that is gone; marked failed") }
        return (store, job, abandoned)
    }

    /// The pipeline over the harvests, streamed into the staging folder as rendered (nothing is buffered): failed
    /// sources keep their datasets from the published snapshot, with the previous change feeds, link results and
    /// quality history.
    static func render(_ harvested: [Harvested], into writer: SnapshotWriter, layout: PublishLayout, job: Int64, store: CatalogStore,
                       stateURL: URL, started: String, options: Options, setup: CatalogRunner.Setup, console: Console,
                       environment: Environment) async -> Pipeline.Output {
        let config = setup.config
        var pipeline = CatalogRunner.pipeline(setup, validate: options.validate, console: console)
        pipeline.reportSections["nightly"] = .object(["job": .number(Double(job))])
        var harvests = harvested.map { entry in
            var harvest = entry.harvest
            harvest.incremental = entry.stats
            harvest.degraded = entry.degraded
            return harvest
        }
        let published = Publisher.current(layout).map { layout.snapshots.appendingPathComponent($0) }
        SourceFallback.apply(&harvests, published: published, withdrawMaxShare: config.harvest.withdrawMaxShare)
        pipeline.previousChanges = ChangeFeedState.previous(in: published)
        pipeline.linkResults = await nightlyLinks(config, store: store, stateURL: stateURL, published: published, now: options.now,
                                                  console: console, transport: environment.linkTransport)
        pipeline.previousHistory = QualityHistoryState.previous(in: published)
        let storeManaged = Set(harvested.filter { ($0.stats?.harvest ?? .file) != .file }.map(\.harvest.source.id))
        for file in SourceFallback.files(harvests, skipping: storeManaged) { writer.write(file) }
        for file in LeafletAssets.files() { writer.write(file) }  // only where libjs-leaflet is installed
        return pipeline.run(consume harvests, runTime: started, emit: writer.write)
    }

    /// Switches to the new snapshot and only then tells the store about this harvest (a crash before that repeats
    /// it); a run where no source delivered anything publishes nothing. Nil when nothing was published.
    static func publishSnapshot(_ report: RunReport, writer: SnapshotWriter, harvested: [Harvested], store: CatalogStore,
                                started: String, out: URL, fail: JobFailure, console: Console) throws(CatalogRunner.Failure) -> Publisher.Result? {
        if report.status == .failed {
            writer.abandon()
            console.error("no source delivered anything: nothing published, the current snapshot (\(Publisher.current(out) ?? "none")) stays")
            return nil
        }
        let publish: Publisher.Result
        do {
            publish = try writer.finish()
        } catch {
            try fail("publishing failed: \(error.description); the previous snapshot stays current")
        }
        TestHook.pause(at: "store")
        do {
            for entry in harvested { if let update = entry.update { try store.apply(update, now: started) } }
        } catch {
            try fail("cannot update the state store: \(error)")
        }
        return publish
    }

    /// Writes the job's reports and prunes old ones (report_keep_jobs / report_keep_days); a failure is logged.
    static func keepReports(_ report: RunReport, job: Int64, out: URL, config: AppConfig, console: Console) {
        do {
            try writeReports(report, job: job, to: out)
            let removed = JobNotifier.pruneReports(out.appendingPathComponent("reports"), keepJobs: config.harvest.reportKeepJobs,
                                                   keepDays: config.harvest.reportKeepDays, now: Date())
            if !removed.isEmpty { console.info("removed the reports of \(removed.count) old job(s) (report_keep_jobs / report_keep_days)") }
        } catch {
            console.error("cannot write the reports: \(error)")
        }
    }

    /// The output folder's lock (any run publishing there, whatever its state path) and the state store's
    /// (one job per store). Refuses an output that is a plain run's link and a state path in a missing folder.
    static func takeLocks(out: URL, state: URL, explicitState: URL?, started: String) throws(CatalogRunner.Failure) -> (NightlyLock, NightlyLock) {
        if PublishLayout.isSymlink(out), FileManager.default.fileExists(atPath: PublishLayout.plain(out).snapshots.path) {
            throw CatalogRunner.Failure(description: "\(out.path) is the link of a plain run's snapshots (\(PublishLayout.plain(out).root.path)); nightly mode publishes into a folder with snapshots/ and current: choose another --out")
        }
        if let explicitState {
            var isDirectory: ObjCBool = false
            let folder = explicitState.deletingLastPathComponent()
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CatalogRunner.Failure(description: "state store \(explicitState.path): its folder \(folder.path) does not exist; create it (as the user the job runs as) or fix `state`")
            }
        }
        do {
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        } catch {
            throw CatalogRunner.Failure(description: Publisher.explain(SnapshotWriter.errnoOf(error), path: out.path, doing: "create"), exitCode: 1)
        }
        do {
            let output = try NightlyLock(url: PublishLayout.nightly(out).lockFile, startedAt: started)
            let store = try NightlyLock(url: state.deletingLastPathComponent().appendingPathComponent("opendata.lock"), startedAt: started)
            return (output, store)
        } catch {
            throw CatalogRunner.Failure(description: error.description, exitCode: error.held ? busyExitCode : 1)
        }
    }

    struct Harvested: Sendable {
        var harvest: SourceHarvest
        var stats: IncrementalStats?
        var update: CatalogStore.SourceUpdate?
        var degraded = false
    }

    static func harvestAll(
        _ config: AppConfig, offline: Bool, full: Bool, store: CatalogStore, job: Int64, now: String, console: Console,
        environment: Environment, mapping: CatalogRunner.Setup
    ) async -> [Harvested] {
        var result: [Harvested] = []
        for source in config.sources {
            let plan = config.effectiveMode(for: source, offline: offline)
            if case .live(let url) = plan, source.kind == .ckan {
                let started = Date()
                console.info("\(source.id): harvesting \(url.absoluteString) against the state store")
                var logger = Logger(label: "opendata.harvest")
                logger[metadataKey: "source"] = "\(source.id)"
                let client = CKANClient(transport: environment.transport, settings: config.harvest, logger: logger, sleep: environment.sleep)
                var harvester = NightlyHarvester(store: store, client: client, now: now)
                harvester.rows = config.harvest.rows
                harvester.withdrawMaxShare = config.harvest.withdrawMaxShare
                harvester.overlap = config.harvest.overlapMinutes * 60
                harvester.full = full
                harvester.job = job
                var outcome = await harvester.harvest(source, location: url.absoluteString)
                outcome.harvest.durationSeconds = Date().timeIntervalSince(started)
                if let error = outcome.harvest.error { console.error("\(source.id): \(error)") }
                if let problem = outcome.stats.problem, outcome.harvest.error == nil { console.error("\(source.id): \(problem)") }
                result.append(Harvested(harvest: outcome.harvest, stats: outcome.stats, update: outcome.update, degraded: outcome.degraded))
            } else {
                var single = config
                single.sources = [source]
                let harvests = await CatalogRunner.harvest(single, offline: offline, console: console, transport: environment.transport, mapping: mapping)
                for harvest in harvests {
                    let stats = harvest.mode == .skipped ? nil : IncrementalStats(harvest: .file, fetched: harvest.records.count)
                    result.append(Harvested(harvest: harvest, stats: stats))
                }
            }
        }
        return result
    }

    /// Runs `body`; nil when it did not finish within `seconds` (it is cancelled then).
    static func withDeadline<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () async -> T) async -> T? {
        await withTaskGroup(of: T?.self) { group in
            group.addTask { await body() }
            group.addTask {
                try? await Task.sleep(nanoseconds: UInt64(max(0, min(seconds, 1e9)) * 1_000_000_000))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    static func nightlySection(job: Int64, publish: Publisher.Result?, abandoned: [Int64], recovered: String?, state: URL) -> JSONValue {
        var section: JSONObject = [
            "job": .number(Double(job)),
            "state": .string(state.path),
            "abandonedJobsMarkedFailed": .array(abandoned.map { .number(Double($0)) }),
        ]
        if let publish {
            section["snapshot"] = .string(publish.snapshot)
            section["published"] = .string(publish.created ? "new snapshot" : "unchanged (current snapshot kept)")
            section["snapshotsRemoved"] = .array(publish.removed.map(JSONValue.string))
        } else {
            section["published"] = .string("nothing (the current snapshot stays)")
        }
        if let recovered { section["staleLockRecovered"] = .string(recovered) }
        return .object(section)
    }

    /// The job's counts for the `jobs` table (`opendata history`).
    static func counts(_ report: RunReport, publish: Publisher.Result?) -> String {
        struct Counts: Encodable {
            var datasets: Int
            var fetched: Int
            var requests: Int
            var new: Int
            var updated: Int
            var withdrawn: Int
            var held: Int
            var stale: [String]
            var failed: [String]
            var snapshot: String?
            var published: Bool
        }
        let stats = report.sources.compactMap(\.incremental)
        let counts = Counts(
            datasets: report.totals.datasets, fetched: stats.reduce(0) { $0 + $1.fetched },
            requests: report.sources.reduce(0) { $0 + $1.requests }, new: stats.reduce(0) { $0 + $1.new },
            updated: stats.reduce(0) { $0 + $1.updated }, withdrawn: stats.reduce(0) { $0 + $1.withdrawn.count },
            held: stats.reduce(0) { $0 + $1.held }, stale: report.sources.filter { $0.incremental?.harvest == .stale }.map(\.id),
            failed: report.sources.filter { $0.error != nil }.map(\.id), snapshot: publish?.snapshot, published: publish?.created ?? false)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(counts)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// `<out>/report.json` + `report.html` (latest) and `<out>/reports/<job>.json` + `.html` (history).
    static func writeReports(_ report: RunReport, job: Int64, to out: URL) throws {
        let json = Array(report.jsonData())
        let html = Array(NightlyReportHTML.render(report, job: job).utf8)
        _ = try OutputWriter.write([
            ExportFile(name: "report.json", bytes: json), ExportFile(name: "report.html", bytes: html),
            ExportFile(name: "reports/\(job).json", bytes: json), ExportFile(name: "reports/\(job).html", bytes: html),
        ], to: out)
    }

    static func printSummary(_ report: RunReport, publish: Publisher.Result?, job: Int64, console: Console) {
        for s in report.sources where s.mode != .skipped {
            guard let i = s.incremental else { continue }
            var line = "\(s.id): \(i.harvest.rawValue)"
            if i.harvest == .file {
                // A dump or snapshot file is read whole each run; the store does not compare its records.
                line += ", \(i.fetched) records read"
            } else {
                if let since = i.since { line += " since \(since)" }
                line += ", \(s.requests) requests, \(i.fetched) fetched (\(i.new) new, \(i.updated) updated, \(i.unchanged) unchanged), \(i.reused) reused, \(i.withdrawn.count) withdrawn"
            }
            if i.held > 0 { line += ", \(i.held) withdrawals HELD" }
            if let problem = s.error ?? i.problem { line += " — \(problem)" }
            console.summary(line, ["source": s.id])
        }
        let where_ = publish.map { $0.created ? "published snapshot \($0.snapshot)" : "nothing changed, snapshot \($0.snapshot) stays current" } ?? "nothing published"
        console.summary("job \(job) \(report.status.rawValue): \(report.totals.datasets) datasets; \(where_)", ["status": report.status.rawValue, "job": String(job)])
    }
}

/// A small self-contained HTML page of a run report (the morning read).
enum NightlyReportHTML {
    static func render(_ report: RunReport, job: Int64) -> String {
        func esc(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        var rows = ""
        for s in report.sources {
            let i = s.incremental
            let problem = s.error ?? i?.problem ?? ""
            rows += "<tr class=\"\(problem.isEmpty ? "" : "bad")\"><td>\(esc(s.id))</td><td>\(s.mode.rawValue) \(i?.harvest.rawValue ?? "")</td><td>\(s.requests)</td><td>\(i?.fetched ?? s.fetched)</td><td>\(i?.new ?? 0)</td><td>\(i?.updated ?? 0)</td><td>\(i?.unchanged ?? 0)</td><td>\(i?.reused ?? 0)</td><td>\(i?.withdrawn.count ?? 0)</td><td>\(i?.held ?? 0)</td><td>\(s.mapped)</td><td>\(esc(problem))</td></tr>\n"
        }
        var withdrawn = ""
        for s in report.sources { for id in s.incremental?.withdrawn ?? [] { withdrawn += "<li>\(esc(s.id))/\(esc(id))</li>" } }
        let t = report.totals
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>opendata job \(job): \(report.status.rawValue)</title>
            <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}tr.bad{background:#fdd}</style></head>
            <body><h1>Job \(job): \(report.status.rawValue)</h1>
            <p>Started \(esc(report.startedAt)); \(t.datasets) datasets published (\(t.fetched) records, \(t.rejected) rejected, \(t.mergedAway) merged duplicates); findings: \(t.findings.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")).</p>
            <table><tr><th>source</th><th>read</th><th>requests</th><th>fetched</th><th>new</th><th>updated</th><th>unchanged</th><th>reused</th><th>withdrawn</th><th>held</th><th>datasets</th><th>problem</th></tr>
            \(rows)</table>
            <h2>Withdrawn</h2><ul>\(withdrawn.isEmpty ? "<li>none</li>" : withdrawn)</ul>
            <p>The JSON report of this job lists its errors and the first warnings of each source and code with their record ids; every finding is in findings.jsonl of the published snapshot.</p>
            </body></html>

            """
    }
}
