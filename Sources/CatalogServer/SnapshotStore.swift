package import CatalogCore
import CatalogIO
package import Foundation
package import Logging
import Synchronization

/// One loaded snapshot: immutable, shared by every request that started while it was current.
package final class Snapshot: Sendable {
    /// `<folder name>@<model file mtime>`, e.g. `2026-11-21T0300@1763694000`.
    package let id: String
    /// The resolved snapshot folder (symlinks followed), the root for static files.
    package let folder: URL
    package let catalog: Catalog
    package let index: CKANSearchIndex
    let fingerprint: SnapshotStore.Fingerprint
    /// gzip variants of its files and rendered catalogue pages; dropped with the snapshot.
    let cache: ByteCache
    /// What request paths name in `folder` (the folder never changes once published).
    let files: FileFacts
    /// The paths of the dataset and distribution IRIs the catalogue publishes (`/katalog/dataset/berlin/x`,
    /// `…/distribution/1`), to the dataset's position: what `opendata serve` answers at those IRIs.
    let iriPaths: [String: Int]
    /// The site model behind `/suche`, built on first use.
    let searchPages = SearchPages()
    /// The catalogue's part of every `/dataset/{id}` graph, built once.
    let rdfHead: DCATGraph.Head
    /// Byte budget of `cache`.
    static let cacheBudget = 128 << 20
    /// The shared lock that keeps the pruner from deleting the folder (`SnapshotInUse`); released when the last
    /// request holding this snapshot has finished and the snapshot is freed.
    let inUse: SnapshotInUse.Hold?
    package var datasetCount: Int { catalog.datasets.count }

    init(
        id: String, folder: URL, catalog: Catalog, index: CKANSearchIndex, fingerprint: SnapshotStore.Fingerprint,
        inUse: SnapshotInUse.Hold? = nil
    ) {
        self.id = id
        self.folder = folder
        self.catalog = catalog
        self.index = index
        self.fingerprint = fingerprint
        self.cache = ByteCache(budget: Self.cacheBudget)
        self.files = FileFacts(folder: folder)
        self.inUse = inUse
        self.iriPaths = Self.iriPaths(catalog)
        self.rdfHead = DCATGraph.Head(catalog)
    }

    /// Path of every dataset and distribution IRI under the catalogue's own IRI (source IRIs elsewhere are not
    /// ours to answer) to the dataset's position; the first dataset wins a path two IRIs share. The IRIs are
    /// parsed in parallel (a few seconds on one core at 90 000 datasets), the table is filled in catalogue order.
    package static func iriPaths(_ catalog: Catalog) -> [String: Int] {
        guard let base = URLComponents(string: catalog.uri), let host = base.host else { return [:] }
        func path(_ iri: String) -> String? {
            guard let c = URLComponents(string: iri), c.host == host, c.query == nil, c.fragment == nil, c.path.count > 1 else { return nil }
            return c.path
        }
        let catalogIRI = ExportIRI.normalise(catalog.uri) ?? PublishedView.fallbackCatalogIRI
        let perDataset = ParallelMap.map(catalog.datasets, minimum: Catalog.parallelLoadMinimum, chunk: 64) { d -> [String] in
            if let f = d.published { return ([f.iri] + f.distributions.map(\.iri)).compactMap(path) }
            // A model written without its published facts: the same derivations the view uses.
            let iri = PublishedView.datasetIRI(d, catalogIRI: catalogIRI)
            return ([iri] + d.distributions.enumerated().map { PublishedView.distributionIRI($1, datasetIRI: iri, index: $0) }).compactMap(path)
        }
        var paths: [String: Int] = [:]
        for (i, list) in perDataset.enumerated() {
            for p in list where paths[p] == nil { paths[p] = i }
        }
        return paths
    }
}

/// Holds the current snapshot and swaps it when the published folder changes.
///
/// A reload reads `catalog.model.json` of the folder `directory` resolves to (`Catalog(modelJSON:)`, no
/// JSONDecoder), and builds the search
/// index completely *before* the swap, so requests never see a half-loaded snapshot; requests in flight keep the
/// `Snapshot` reference they started with. A snapshot that fails to load is refused with one log line (once per
/// fingerprint) and the old one keeps serving.
package final class SnapshotStore: Sendable {
    package static let modelFile = "catalog.model.json"

    struct Fingerprint: Sendable, Hashable {
        var folder: String
        var size: Int
        var mtime: Double
        var inode: Int
    }

    package let directory: URL
    let logger: Logger
    private let state = Mutex<(current: Snapshot?, refused: Fingerprint?)>((nil, nil))
    /// Whether a snapshot is being loaded, and whether another check was asked for meanwhile.
    private let loading = Mutex<(busy: Bool, again: Bool)>((false, false))
    private let metrics: ServerMetrics?

    init(directory: URL, logger: Logger, metrics: ServerMetrics?) {
        self.directory = directory
        self.logger = logger
        self.metrics = metrics
    }

    package convenience init(directory: URL, logger: Logger) {
        self.init(directory: directory, logger: logger, metrics: nil)
    }

    /// The snapshot to answer a request with (nil until the first successful load).
    package var current: Snapshot? { state.withLock { $0.current } }

    /// Where `directory` points now, and the model file's identity there.
    func fingerprint() throws -> Fingerprint {
        let folder = directory.resolvingSymlinksInPath().standardizedFileURL
        let model = folder.appendingPathComponent(Self.modelFile)
        let attributes = try FileManager.default.attributesOfItem(atPath: model.path)
        return Fingerprint(
            folder: folder.path,
            size: (attributes[.size] as? NSNumber)?.intValue ?? -1,
            mtime: (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0,
            inode: (attributes[.systemFileNumber] as? NSNumber)?.intValue ?? 0)
    }

    /// Loads the snapshot if the folder changed since the last load. Returns true when a new one was swapped in.
    @discardableResult
    package func reloadIfChanged() async -> Bool {
        let print: Fingerprint
        do {
            print = try fingerprint()
        } catch {
            if current == nil || state.withLock({ $0.refused }) == nil {
                logger.error("snapshot not readable", metadata: ["directory": "\(directory.path)", "error": "\(error)"])
            }
            return false
        }
        let (same, refusedBefore) = state.withLock { ($0.current?.fingerprint == print, $0.refused == print) }
        if same || refusedBefore { return false }
        // One load at a time; a change noticed meanwhile (a second SIGHUP) is checked again right after it.
        guard loading.withLock({ l in
            if l.busy { l.again = true; return false }
            l.busy = true
            return true
        }) else { return false }
        defer {
            let again = loading.withLock { l in
                defer { l = (false, false) }
                return l.again
            }
            if again { Task { await self.reloadIfChanged() } }
        }
        let started = ContinuousClock.now
        do {
            let snapshot = try await Self.loadInBackground(print)
            let took = ContinuousClock.now - started
            let old = state.withLock { s -> Snapshot? in
                let old = s.current
                s.current = snapshot
                s.refused = nil
                return old
            }
            metrics?.snapshotLoaded(datasets: snapshot.datasetCount)
            if old != nil {
                // The old snapshot is freed once its last request ends; return the freed heap to the system
                // a little later so memory settles back after each swap.
                Task.detached {
                    try? await Task.sleep(for: .seconds(2))
                    ServerLimits.trimHeap()
                }
            }
            logger.info("snapshot loaded", metadata: [
                "snapshot": "\(snapshot.id)", "datasets": "\(snapshot.datasetCount)", "previous": "\(old?.id ?? "none")",
                "seconds": "\(String(format: "%.3f", took / .seconds(1)))",
            ])
            return true
        } catch {
            state.withLock { $0.refused = print }
            metrics?.snapshotRefused()
            logger.error("snapshot refused, keeping the previous one", metadata: [
                "folder": "\(print.folder)", "error": "\(error)", "serving": "\(current?.id ?? "none")",
            ])
            return false
        }
    }

    /// `load` on a thread of its own with a lower scheduling priority (nice 10, for that thread only): reading
    /// and indexing a snapshot takes a while (the "snapshot loaded" log says how long), and on the request
    /// threads, or at equal priority beside them, it doubled the p99 latency of requests answered meanwhile. The
    /// current snapshot keeps serving until the new one is ready.
    static func loadInBackground(_ print: Fingerprint) async throws -> Snapshot {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Snapshot, any Error>) in
            let thread = Thread {
                #if os(Linux)
                _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)  // Linux: 0 = the calling thread only
                #endif
                done.resume(with: Result { try load(print) })
            }
            thread.name = "snapshot-load"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    static func load(_ print: Fingerprint) throws -> Snapshot {
        let folder = URL(fileURLWithPath: print.folder)
        // Held first: a folder being pruned right now is not loaded, and once held it is not pruned.
        let hold = try SnapshotInUse.hold(folder)
        // Mapped, not copied: the reader walks the file's bytes once and keeps only the model it builds.
        let data = try Data(contentsOf: folder.appendingPathComponent(modelFile), options: .alwaysMapped)
        let catalog = try Catalog(modelJSON: data)
        let index = CKANSearchIndex(catalog: catalog)
        let id = "\(folder.lastPathComponent)@\(Int(print.mtime))"
        return Snapshot(id: id, folder: folder, catalog: catalog, index: index, fingerprint: print, inUse: hold)
    }

    /// Polls every `interval` until cancelled; SIGHUP triggers an immediate check (see `runServer`).
    func poll(every interval: Duration) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            if Task.isCancelled { break }
            await reloadIfChanged()
        }
    }
}
