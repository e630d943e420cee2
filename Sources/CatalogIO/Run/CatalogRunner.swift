public import CatalogCore
public import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// One whole run: load the configuration, read every source, run the pure pipeline, write the outputs.
///
/// The CLI calls `run` and maps the result to an exit code; everything a person sees on stderr goes through
/// `Console`.
package enum CatalogRunner {
    package struct Options: Sendable {
        package var configURL: URL
        package var outputDirectory: URL
        /// true: live; false: offline; nil: as the config says.
        package var live: Bool?
        /// The run's timestamp; defaults to now.
        package var now: Date
        /// Validate catalog.ttl in the run (`--validate`): `[validation] profiles`, or the default set.
        package var validate = false

        package init(configURL: URL, outputDirectory: URL, live: Bool? = nil, now: Date = Date(), validate: Bool = false) {
            self.configURL = configURL
            self.outputDirectory = outputDirectory
            self.live = live
            self.now = now
            self.validate = validate
        }
    }

    package struct Summary: Sendable {
        package var report: RunReport
        package var output: Pipeline.Output
        package var written: OutputWriter.Result
        /// The snapshot published (or kept when nothing changed).
        package var publish: Publisher.Result
        /// 0 all sources harvested; 1 some source failed.
        package var exitCode: Int32
    }

    /// A failure before anything could be harvested (bad config, missing vocabulary): exit status 2.
    package struct Failure: Error, CustomStringConvertible {
        package var description: String
        package var exitCode: Int32 = 2
        /// The run's report when the failure came after the pipeline (publishing failed).
        package var report: RunReport? = nil
    }

    /// Everything a run needs that comes from files next to the configuration.
    package struct Setup: Sendable {
        package var config: AppConfig
        package var vocabularies: MappingVocabularies
        package var licences: LicenceRegistry
        /// Official boundaries for political geocodings (`catalog/geo/`); empty when the folder is missing.
        package var boundaries: Boundaries = .empty
        /// The boundaries folder looked in when it does not exist (the run says so: no derived geometries).
        package var missingBoundaries: URL?
    }

    /// Loads the configuration, the mapping vocabularies and the licence table.
    package static func setup(configURL: URL) throws(Failure) -> Setup {
        let config: AppConfig
        do {
            config = try ConfigLoader.load(configURL)
        } catch {
            throw Failure(description: error.description)
        }
        let catalogDirectory = resolveCatalogDirectory(config)
        let vocabularyDirectory = config.vocabularies ?? catalogDirectory.appendingPathComponent("vocabularies")
        let vocabularies: MappingVocabularies
        do {
            vocabularies = try VocabularyLoader.load(directory: vocabularyDirectory)
        } catch {
            throw Failure(description: "\(vocabularyDirectory.path): cannot load the mapping vocabularies: \(error) (set `vocabularies = \"…\"` in [catalog])")
        }
        // The licence table and the boundaries are read and parsed at once (about 35 and 100 ms, the serial
        // start of every run).
        let geo = config.geo ?? catalogDirectory.appendingPathComponent("geo")
        let (licenceTable, boundaryAreas) = ParallelMap.both(
            { () -> Result<LicenceRegistry, Failure> in
                do {
                    return .success(try LicenceTableLoader.load(
                        aliases: config.licences ?? catalogDirectory.appendingPathComponent("licences.toml"),
                        vocabularyDirectory: vocabularyDirectory.appendingPathComponent("licences")))
                } catch {
                    return .failure(Failure(description: "\(error) (set `licences = \"…\"` in [catalog])"))
                }
            },
            { () -> Result<Boundaries?, Failure> in
                do { return .success(try BoundaryLoader.load(directory: geo)) } catch {
                    return .failure(Failure(description: "\(error) (set `geo = \"…\"` in [catalog])"))
                }
            })
        let licences = try licenceTable.get()
        let boundaries = try boundaryAreas.get()
        return Setup(config: config, vocabularies: vocabularies, licences: licences, boundaries: boundaries ?? .empty,
                     missingBoundaries: boundaries == nil ? geo : nil)
    }

    /// The folder holding `vocabularies/` and `licences.toml` when the config does not name them: the config's
    /// own folder if it has them (the shipped catalog/), else `catalog/` in the working directory, else the
    /// repository's catalog/ next to the built executable (`.build/<config>/opendata`).
    static func resolveCatalogDirectory(_ config: AppConfig) -> URL {
        let fm = FileManager.default
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        let candidates = [
            config.directory,
            URL(fileURLWithPath: fm.currentDirectoryPath).appendingPathComponent("catalog"),
            executable.deletingLastPathComponent().appendingPathComponent("../../../catalog").standardizedFileURL,
        ]
        return candidates.first { fm.fileExists(atPath: $0.appendingPathComponent("vocabularies").path) } ?? config.directory
    }

    /// Reads every enabled source according to its read plan. Never throws: a failing source is reported.
    package static func harvest(
        _ config: AppConfig, offline: Bool, console: Console, transport: any HTTPTransport = URLSessionTransport(),
        mapping: Setup? = nil
    ) async -> [SourceHarvest] {
        var harvests: [SourceHarvest] = []
        for source in config.sources {
            let plan = config.effectiveMode(for: source, offline: offline)
            if case .skip(let reason, let reasonDE) = plan {
                console.info("\(source.id): skipped — \(reason)")
                harvests.append(
                    SourceHarvest(
                        source: source, mode: .skipped, location: reason,
                        findings: [Finding(.note, "source.skipped", source: source.id, "Not read in this run: \(reason).",
                                           de: "In diesem Lauf nicht gelesen: \(reasonDE).")]))
                continue
            }
            let started = Date()
            var harvest: SourceHarvest
            switch source.kind {
            case .ckan, .ckanDump:
                harvest = await harvestCKAN(source, plan: plan, config: config, console: console, transport: transport)
            case .dcat:
                harvest = await harvestDCAT(source, plan: plan, config: config, console: console, transport: transport, mapping: mapping)
            }
            harvest.durationSeconds = Date().timeIntervalSince(started)
            if let error = harvest.error { console.error("\(source.id): \(error)") }
            harvests.append(harvest)
        }
        return harvests
    }

    /// A CKAN source: its API (live) or a dump file (snapshot / ckan-dump).
    static func harvestCKAN(
        _ source: SourceConfig, plan: SourceReadPlan, config: AppConfig, console: Console, transport: any HTTPTransport
    ) async -> SourceHarvest {
        switch plan {
        case .skip(let reason, _):
            return SourceHarvest(source: source, mode: .skipped, location: reason)
        case .file(let url, let snapshot):
            console.info("\(source.id): reading \(snapshot ? "snapshot" : "dump") \(url.path)")
            do {
                let dump = try DumpReader.read(url, sourceID: source.id)
                return SourceHarvest(source: source, mode: .snapshot, location: url.path, records: dump.records, findings: dump.findings)
            } catch {
                return SourceHarvest(source: source, mode: .snapshot, location: url.path, error: "\(error)")
            }
        case .live(let url):
            console.info("\(source.id): harvesting \(url.absoluteString)\(source.fq.map { " (fq=\($0))" } ?? "")")
            var logger = Logger(label: "opendata.harvest")
            logger[metadataKey: "source"] = "\(source.id)"
            let client = CKANClient(transport: transport, settings: config.harvest, logger: logger)
            let label = source.id
            let outcome = await client.harvest(source: source, rows: config.harvest.rows) { done, total in
                console.progress(label, done: done, total: total)
            }
            return SourceHarvest(
                source: source, mode: .live, location: url.absoluteString, records: outcome.records,
                requests: outcome.requests, findings: outcome.findings, error: outcome.error)
        }
    }

    /// A DCAT source: an RDF catalogue over HTTP(S) with hydra paging, or an RDF file.
    static func harvestDCAT(
        _ source: SourceConfig, plan: SourceReadPlan, config: AppConfig, console: Console, transport: any HTTPTransport,
        mapping: Setup?
    ) async -> SourceHarvest {
        if case .skip(let reason, _) = plan { return SourceHarvest(source: source, mode: .skipped, location: reason) }
        let setup: Setup
        if let mapping {
            setup = mapping
        } else {
            do { setup = try Self.setup(configURL: config.fileURL) } catch {
                return SourceHarvest(source: source, mode: .skipped, location: "\(plan)", error: "cannot map DCAT without the licence table: \(error)")
            }
        }
        var logger = Logger(label: "opendata.dcat")
        logger[metadataKey: "source"] = "\(source.id)"
        let harvester = DCATHarvester(
            transport: transport, mapper: DCATMapper(catalog: config.catalog, licences: setup.licences, vocabularies: setup.vocabularies),
            settings: config.harvest, logger: logger)
        let mode: SourceReadMode
        let location: String
        let outcome: DCATOutcome
        switch plan {
        case .skip(let reason, _):
            return SourceHarvest(source: source, mode: .skipped, location: reason)
        case .file(let url, let snapshot):
            console.info("\(source.id): reading \(snapshot ? "snapshot" : "RDF file") \(url.path)")
            (mode, location) = (.snapshot, url.path)
            outcome = harvester.read(source: source, file: url)
        case .live(let url):
            console.info("\(source.id): harvesting DCAT catalogue \(url.absoluteString)")
            (mode, location) = (.live, url.absoluteString)
            let label = source.id
            outcome = await harvester.harvest(source: source, url: url) { done in console.progress(label, done: done, total: nil) }
        }
        return SourceHarvest(
            source: source, mode: mode, location: location, premapped: outcome.results, requests: outcome.requests,
            findings: outcome.findings, error: outcome.error)
    }

    /// The pipeline for a setup; with `[validation] profiles` (or `validate`: the default profiles when the
    /// config names none) it validates its catalog.ttl with pyshacl. `lastStep`: the step the caller runs it to
    /// (`.merging` for `Pipeline.merged`), so the progress counts the steps that run.
    package static func pipeline(_ setup: Setup, validate: Bool = false, console: Console? = nil,
                                 lastStep: Pipeline.Step = .reporting) -> Pipeline {
        var dedup = setup.config.dedup
        for source in setup.config.sources where dedup.sourcePriority[source.id] == nil {
            dedup.sourcePriority[source.id] = source.priority
        }
        var pipeline = Pipeline(
            settings: setup.config.catalog,
            mapper: CKANMapper(catalog: setup.config.catalog, vocabularies: setup.vocabularies, licences: setup.licences),
            deduplicator: Deduplicator(settings: dedup),
            licences: setup.licences,
            version: OpenDataVersion.current)
        pipeline.boundaries = setup.boundaries
        // On a terminal, which step a long run is in (silent in logs, like the harvest's progress). Between steps
        // the heap's free pages go back to the system: after rendering, a 100 k run kept ~150 MB of them.
        pipeline.stepStarted = { step in
            console?.progress(step.label, done: step.rawValue, total: lastStep.rawValue)
            #if canImport(Glibc)
            _ = c_malloc_trim(0)
            #endif
        }
        if let missing = setup.missingBoundaries {
            console?.warning("no boundaries folder at \(missing.path): datasets with a political geocoding get no derived geometry and no area map (set geo = \"…\" in [catalog]; the shipped one is catalog/geo)")
        }
        pipeline.hvdRules = setup.config.hvdRules
        let configured = setup.config.validation.profiles
        // Asked without a list: the default set, and DCAT-AP HVD when the config flags high-value datasets.
        let defaults = ValidationReport.runDefaults(catalogueProfile: setup.config.catalog.profile ?? .default) + (setup.config.hvdRules.isEmpty ? [] : ["hvd"])
        let profiles = validate && configured.isEmpty ? defaults : configured
        if !profiles.isEmpty {
            let validator = SHACLValidator(shaclDirectory: setup.config.validation.shaclDirectory)
            pipeline.validator = { turtle in
                console?.info("validating catalog.ttl with pyshacl: \(profiles.joined(separator: ", ")) (the demo's 58 000 triples: 12–38 s per profile)")
                return validator.outcome(for: turtle, profiles: profiles) { console?.info($0) }
            }
        }
        return pipeline
    }

    /// `opendata run`: harvests every source and publishes through the snapshot publisher (plain layout:
    /// `<out>` becomes a link to `<out>.snapshots/snapshots/<n>`), one run per output folder at a time.
    /// Afterwards `status.json` beside the snapshots says how it went, and a failure (or the recovery after one)
    /// is notified (`JobNotifier`).
    package static func run(_ options: Options, console: Console) async throws(Failure) -> Summary {
        let setup = try setup(configURL: options.configURL)
        let layout = PublishLayout.plain(options.outputDirectory)
        let started = Date()
        func record(_ report: RunReport?, snapshot: String?, message: String?) async {
            await JobNotifier.record(report, message: message, layout: layout, settings: setup.config.harvest, started: started,
                                     snapshot: snapshot, job: nil, output: options.outputDirectory, console: console)
        }
        do {
            let summary = try await publishRun(options, setup: setup, console: console)
            await record(summary.report, snapshot: summary.publish.snapshot, message: nil)
            return summary
        } catch {
            // Another run holds the output, or the output is not ours: nothing of this run to record.
            if error.exitCode == 1 { await record(error.report, snapshot: nil, message: error.description) }
            throw error
        }
    }

    static func publishRun(_ options: Options, setup: Setup, console: Console) async throws(Failure) -> Summary {
        let offline = options.live.map { !$0 } ?? setup.config.harvest.offline
        let layout = try plainLayout(options.outputDirectory)
        let lock: NightlyLock
        do {
            lock = try NightlyLock(url: layout.lockFile, startedAt: timestamp(options.now))
        } catch {
            throw Failure(description: error.description, exitCode: error.held ? NightlyRunner.busyExitCode : 1)
        }
        defer { lock.release() }
        try adoptEarlierOutput(options.outputDirectory, layout: layout)
        console.info("opendata \(OpenDataVersion.current): \(offline ? "offline run (recorded snapshots)" : "live run") with \(options.configURL.path)")
        var harvests = await harvest(setup.config, offline: offline, console: console, mapping: setup)
        let runTime = Self.timestamp(options.now)
        let writer: SnapshotWriter
        do {
            writer = try SnapshotWriter(layout: layout, id: Publisher.nextID(layout), keep: setup.config.harvest.keepSnapshots, keepDays: setup.config.harvest.keepDays)
        } catch {
            throw Failure(description: error.description, exitCode: 1)
        }
        let published = Publisher.current(layout).map { layout.snapshots.appendingPathComponent($0) }
        SourceFallback.apply(&harvests, published: published, withdrawMaxShare: setup.config.harvest.withdrawMaxShare)
        for file in SourceFallback.files(harvests) { writer.write(file) }
        for file in LeafletAssets.files() { writer.write(file) }  // only where libjs-leaflet is installed
        // Files go into the staging folder as the pipeline renders them (several at once, from its worker threads).
        var pipeline = pipeline(setup, validate: options.validate, console: console)
        pipeline.previousChanges = ChangeFeedState.previous(in: published)
        pipeline.linkResults = LinkCheckRunner.storedResults(LinkCheckRunner.defaultStateURL(options.outputDirectory), console: console)
        pipeline.previousHistory = QualityHistoryState.previous(in: published)
        let output = pipeline.run(consume harvests, runTime: runTime, emit: writer.write)
        let result: Publisher.Result
        do {
            result = try writer.finish()
        } catch {
            throw Failure(description: "\(error.description)", exitCode: 1, report: output.report)
        }
        let names = writer.names
        let written = OutputWriter.Result(written: result.created ? names : [], unchanged: result.created ? [] : names)
        printSummary(output.report, written: written, outputDirectory: options.outputDirectory, console: console)
        console.summary(result.created
            ? "published snapshot \(result.snapshot): \(options.outputDirectory.path) → \(layout.snapshots.path)/\(result.snapshot)"
            : "nothing changed: snapshot \(result.snapshot) stays published (report.json, findings.jsonl and harvest.html updated)")
        let exitCode: Int32 = output.report.status == .done ? 0 : 1
        return Summary(report: output.report, output: output, written: written, publish: result, exitCode: exitCode)
    }

    /// The plain layout for `out`, refusing an output folder of nightly mode (another layout, another lock).
    static func plainLayout(_ out: URL) throws(Failure) -> PublishLayout {
        if PublishLayout.isNightlyRoot(out) {
            throw Failure(description: "\(out.path) is the output folder of nightly mode (it holds snapshots/ and current); run with --nightly or --state to publish there, or choose another --out")
        }
        let layout = PublishLayout.plain(out)
        do {
            try FileManager.default.createDirectory(at: layout.root, withIntermediateDirectories: true)
        } catch {
            throw Failure(description: Publisher.explain(SnapshotWriter.errnoOf(error), path: layout.root.path, doing: "create"), exitCode: 1)
        }
        return layout
    }

    /// `<out>` written as a plain folder by an earlier version: an empty one is removed, one holding a run's
    /// outputs becomes the first snapshot (it stays a rollback target); anything else is left alone.
    static func adoptEarlierOutput(_ out: URL, layout: PublishLayout) throws(Failure) {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard !PublishLayout.isSymlink(out), fm.fileExists(atPath: out.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw Failure(description: "\(out.path) is a file; --out needs a folder name (it becomes a link to the published snapshot)")
        }
        let contents = (try? fm.contentsOfDirectory(atPath: out.path)) ?? []
        if contents.isEmpty {
            try? fm.removeItem(at: out)
            return
        }
        guard contents.contains("report.json") || contents.contains("catalog.ttl") else {
            throw Failure(description: "\(out.path) holds files opendata did not write (no report.json or catalog.ttl); choose another --out or empty it")
        }
        try? fm.createDirectory(at: layout.snapshots, withIntermediateDirectories: true)
        let id = Publisher.nextID(layout)
        let target = layout.snapshots.appendingPathComponent(id)
        guard rename(out.path, target.path) == 0 else {
            throw Failure(description: Publisher.explain(errno, path: out.path, doing: "move the earlier output folder to \(target.path):"), exitCode: 1)
        }
        do { try Publisher.point(layout, to: id) } catch { throw Failure(description: error.description, exitCode: 1) }
    }

    /// ISO 8601 in UTC with seconds, e.g. `2026-11-21T17:40:00Z`.
    package static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// The readable end of a run on stderr: one line per source, findings grouped by code (not with `--quiet`),
    /// the totals and where the files went.
    static func printSummary(_ report: RunReport, written: OutputWriter.Result, outputDirectory: URL, console: Console) {
        console.info("")
        for s in report.sources {
            if s.mode == .skipped { continue }
            var line = "\(s.id): \(s.fetched) fetched, \(s.mapped) mapped, \(s.rejected) rejected"
            if s.mode == .live { line += ", \(s.requests) requests" }
            line += String(format: " (%.1f s)", s.durationSeconds)
            if let error = s.error { line += " — FAILED: \(error)" }
            console.summary(line, ["source": s.id])
        }
        let ordered = console.quiet ? [] : FindingGroup.byCode(report.findings, samples: 1)
        if !ordered.isEmpty {
            console.info("findings (\(report.findings.count); all of them with record ids in findings.jsonl):")
            for (code, group) in ordered.prefix(console.verbose ? ordered.count : 12) {
                guard let example = group.samples.first else { continue }
                let severity = group.severity, count = group.count
                let record = example.recordID.map { " e.g. \(example.source)/\($0)" } ?? " e.g. \(example.source)"
                console.info("  \(String(count).leftPadded(6)) \(severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)) \(code)\(record): \(example.message.prefix(110))")
            }
            if !console.verbose && ordered.count > 12 { console.info("  … \(ordered.count - 12) more kinds (--verbose lists all)") }
        }
        if console.verbose {
            for f in report.findings {
                console.info("\(f.severity.rawValue) \(f.code) \(f.source)/\(f.recordID ?? "-") \(f.field ?? ""): \(f.message)")
            }
        }
        let t = report.totals
        console.summary(
            "\(report.status.rawValue): \(t.datasets) datasets (\(t.fetched) fetched − \(t.rejected) rejected − \(t.mergedAway) merged duplicates), \(t.distributions) distributions → \(outputDirectory.path) (\(written.written.count) files written, \(written.unchanged.count) unchanged)",
            ["status": report.status.rawValue])
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}

#if canImport(Glibc)
/// malloc_trim(3): gives the heap's free pages back to the system (glibc declares it in malloc.h only).
@_silgen_name("malloc_trim") private func c_malloc_trim(_ pad: Int) -> Int32
#endif
