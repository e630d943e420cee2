package import CatalogCore
package import Foundation

/// `opendata check-links`: checks the due access and download URLs of the published catalogue and keeps the
/// results in the state store (`link_checks`), where the next run's quality score reads them.
package enum LinkCheckRunner {
    package struct Options: Sendable {
        package var configURL: URL
        /// The output folder of `opendata run` (plain) or of nightly mode.
        package var outputDirectory: URL
        /// The state store; nil: `[harvest] state`, else the output's default store (`defaultStateURL`).
        package var state: URL?
        /// Check every URL, due or not.
        package var all = false
        package var now: Date

        package init(configURL: URL, outputDirectory: URL, state: URL? = nil, all: Bool = false, now: Date = Date()) {
            self.configURL = configURL
            self.outputDirectory = outputDirectory
            self.state = state
            self.all = all
            self.now = now
        }
    }

    package struct Summary: Sendable {
        /// Distinct URLs of the published catalogue.
        package var urls: Int
        /// Results of this run (the due URLs).
        package var checked: [LinkResult]
        /// The latest result of every URL of the catalogue that has one (this run's and earlier ones).
        package var latest: [LinkResult]
        package var stateURL: URL
        /// Latest results that are not reachable.
        package var broken: [LinkResult] { latest.filter { !$0.outcome.isReachable } }
    }

    /// The state store used when none is configured: nightly mode's `<out>/.opendata/state.sqlite` for a nightly
    /// output; for a plain one (`<out>` is a link into `<out>.snapshots/`) the same file under `<out>.snapshots/`,
    /// so it is not inside a snapshot.
    package static func defaultStateURL(_ out: URL) -> URL {
        PublishLayout.isNightlyRoot(out) ? NightlyRunner.defaultStateURL(out) : NightlyRunner.defaultStateURL(PublishLayout.plain(out).root)
    }

    /// The published model: `<out>/current/catalog.model.json` in nightly mode, else `<out>/catalog.model.json`.
    package static func modelURL(_ out: URL) -> URL {
        (PublishLayout.isNightlyRoot(out) ? out.appendingPathComponent("current") : out).appendingPathComponent(Catalog.modelFileName)
    }

    /// The stored results for a run's quality score: nil when there is no store file or it has no results (then
    /// the URL-status indicators stay not checked), or it cannot be read (with a warning).
    package static func storedResults(_ url: URL, console: Console?) -> LinkResults? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            let results = try CatalogStore(url: url).linkResults()
            return results.isEmpty ? nil : results
        } catch {
            console?.warning("cannot read link-check results from \(url.path): \(error); URL status stays not checked")
            return nil
        }
    }

    package static func run(_ options: Options, console: Console, transport: any HTTPTransport = URLSessionTransport()) async throws(CatalogRunner.Failure) -> Summary {
        let config: AppConfig
        do {
            config = try ConfigLoader.load(options.configURL)
        } catch {
            throw CatalogRunner.Failure(description: error.description)
        }
        let modelURL = modelURL(options.outputDirectory)
        let catalog: Catalog
        do {
            catalog = try Catalog(modelJSON: Data(contentsOf: modelURL, options: .alwaysMapped))
        } catch {
            throw CatalogRunner.Failure(description: "no published catalogue at \(modelURL.path) (\(error.localizedDescription)); run `opendata run --out \(options.outputDirectory.path)` first")
        }
        let stateURL = options.state ?? config.harvest.state ?? defaultStateURL(options.outputDirectory)
        let store: CatalogStore
        do {
            store = try CatalogStore(url: stateURL)
        } catch {
            throw CatalogRunner.Failure(description: "cannot open the state store \(stateURL.path): \(error)")
        }
        var checker = LinkChecker(settings: config.links, transport: transport, catalogBase: config.catalog.baseURI)
        checker.now = LinkChecker.clock(startingAt: options.now)
        return try await checkDue(catalog, store: store, stateURL: stateURL, checker: checker, all: options.all, now: options.now, console: console)
    }

    /// Checks the due URLs of `catalog` (all with `all`), saving results as they come (in batches), and returns
    /// the summary. Used by `check-links` and, with `[links] in_nightly`, by the nightly job.
    package static func checkDue(
        _ catalog: Catalog, store: CatalogStore, stateURL: URL, checker: LinkChecker, all: Bool, now: Date, console: Console
    ) async throws(CatalogRunner.Failure) -> Summary {
        let urls = LinkCheck.links(catalog).map(\.url)
        let last: LinkResults
        do {
            last = try store.linkResults()
        } catch {
            throw CatalogRunner.Failure(description: "cannot read link results from \(stateURL.path): \(error)")
        }
        let due = all ? urls : LinkCheck.due(urls, last: last, now: now, interval: checker.settings.interval)
        console.info("checking \(due.count) of \(urls.count) URLs (\(all ? "--all" : "due after \(ExportNumber.format(checker.settings.intervalHours)) h")), state \(stateURL.path)")
        let pending = PendingResults(store: store)
        let total = due.count
        let checked = await checker.check(due) { done, result in
            pending.add(result)
            console.progress("checking links", done: done, total: total)
            if !result.outcome.isReachable, console.verbose { console.info("\(result.outcome.rawValue)\t\(result.url)\t\(result.message)") }
        }
        if let error = pending.flush() {
            throw CatalogRunner.Failure(description: "cannot store link results in \(stateURL.path): \(error)", exitCode: 1)
        }
        var latest = last.byURL
        for r in checked { latest[r.url] = r }
        return Summary(urls: urls.count, checked: checked, latest: urls.compactMap { latest[$0] }, stateURL: stateURL)
    }
}

/// Results waiting to be written: stored every 100, so an interrupted check keeps what it found.
private final class PendingResults: @unchecked Sendable {
    private let store: CatalogStore
    private let lock = NSLock()
    private var batch: [LinkResult] = []
    private var failure: (any Error)?

    init(store: CatalogStore) { self.store = store }

    func add(_ result: LinkResult) {
        let full: [LinkResult]? = lock.withLock {
            batch.append(result)
            guard batch.count >= 100 else { return nil }
            defer { batch = [] }
            return batch
        }
        if let full { save(full) }
    }

    /// Writes the rest; the first error, if any write failed.
    func flush() -> (any Error)? {
        let rest = lock.withLock { defer { batch = [] }; return batch }
        save(rest)
        return lock.withLock { failure }
    }

    private func save(_ results: [LinkResult]) {
        do {
            try store.saveLinkResults(results)
        } catch {
            lock.withLock { if failure == nil { failure = error } }
        }
    }
}
