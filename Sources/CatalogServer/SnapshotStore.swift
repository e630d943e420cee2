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
    /// The catalogue: its own facts at once, its datasets read on demand when the server index was used.
    package let model: SnapshotModel
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
    package var datasetCount: Int { model.count }

    init(
        id: String, folder: URL, model: SnapshotModel, index: CKANSearchIndex, iriPaths: [String: Int],
        fingerprint: SnapshotStore.Fingerprint, inUse: SnapshotInUse.Hold? = nil
    ) {
        self.id = id
        self.folder = folder
        self.model = model
        self.index = index
        self.fingerprint = fingerprint
        self.cache = ByteCache(budget: Self.cacheBudget)
        self.files = FileFacts(folder: folder)
        self.inUse = inUse
        self.iriPaths = iriPaths
        self.rdfHead = DCATGraph.Head(model.head)
    }
}

/// Holds the current snapshot and swaps it when the published folder changes.
///
/// A reload maps `server-index.bin` and `catalog.model.json` of the folder `directory` resolves to (a folder
/// without the index: reads the model whole with `Catalog(modelJSON:)` and builds the search index), completely
/// *before* the swap, so requests never see a half-loaded snapshot; requests in flight keep the
/// `Snapshot` reference they started with. A snapshot that fails to load is refused with one log line (once per
/// fingerprint) and the old one keeps serving.
package final class SnapshotStore: Sendable {
    package static let modelFile = Catalog.modelFileName

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
                    ProcessHeap.trim()
                }
            }
            logger.info("snapshot loaded", metadata: [
                "snapshot": "\(snapshot.id)", "datasets": "\(snapshot.datasetCount)", "previous": "\(old?.id ?? "none")",
                "seconds": "\(String(format: "%.3f", took / .seconds(1)))",
                "read": "\(snapshot.model.isMapped ? "server index, datasets on demand" : "model read whole (no server index)")",
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
        // Mapped, not copied: only the bytes a request needs are read.
        let data = try Data(contentsOf: folder.appendingPathComponent(modelFile), options: .alwaysMapped)
        let id = "\(folder.lastPathComponent)@\(Int(print.mtime))"
        if let file = try indexFile(folder, modelSize: data.count) {
            let model = SnapshotModel(head: file.head, model: data, ranges: file.modelRanges)
            return Snapshot(id: id, folder: folder, model: model, index: file.index, iriPaths: file.iriPaths, fingerprint: print, inUse: hold)
        }
        let catalog = PublishedView.ensure(try Catalog(modelJSON: data))
        return Snapshot(id: id, folder: folder, model: SnapshotModel(catalog), index: CKANSearchIndex(catalog: catalog),
                        iriPaths: ServerIndexFile.iriPaths(catalog), fingerprint: print, inUse: hold)
    }

    /// The snapshot's server-index.bin, mapped; nil when the folder has none (written before the index existed)
    /// or one of another version, in which case the model is read whole. An index that does not belong to the
    /// model beside it, or is damaged, refuses the snapshot: the run wrote both, so the folder is not what it
    /// published.
    package static func indexFile(_ folder: URL, modelSize: Int) throws -> ServerIndexFile? {
        let url = folder.appendingPathComponent(ServerIndexFile.fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let data = try Data(contentsOf: url, options: .alwaysMapped)
        guard ServerIndexFile.isCurrentVersion(data) else { return nil }
        let file = try ServerIndexFile(data)
        guard file.modelSize == modelSize else {
            throw ByteRecordError(description: "\(ServerIndexFile.fileName): written for a \(modelFile) of \(file.modelSize) bytes, found \(modelSize): the folder is not what a run published; publish it again with opendata run")
        }
        return file
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
