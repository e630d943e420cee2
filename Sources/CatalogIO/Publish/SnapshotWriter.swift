package import CatalogCore
package import Foundation

#if canImport(Glibc)
    import Glibc
#endif

#if os(Linux)
    /// syncfs(2): flushes the file system holding `fd` (glibc declares it only with _GNU_SOURCE).
    @_silgen_name("syncfs") private func c_syncfs(_ fd: Int32) -> Int32
    private func syncFileSystem(_ fd: Int32) -> Int32 { c_syncfs(fd) }
#else
    private func syncFileSystem(_ fd: Int32) -> Int32 {
        sync()
        return 0
    }
#endif

/// The streaming publisher both run modes use: the pipeline hands it one file at a time (from any thread),
/// each file goes straight into `snapshots/.<id>.partial/` and is let go; `finish()` then decides "unchanged?"
/// by comparing the staged folder with the current snapshot, syncs the file system once (not once per file),
/// renames the folder into place and switches the link (`Publisher`). A run never holds every output in
/// memory, and a failure or kill at any point leaves the previously published snapshot live.
package final class SnapshotWriter: @unchecked Sendable {
    package let layout: PublishLayout
    package let id: String
    let keep: Int
    let keepDays: Int?
    let partial: URL
    /// `partial.path`, once.
    private let partialPath: String
    private let lock = NSLock()
    private var failure: String?
    private var folders: Set<String> = []
    /// Files staged so far, in the order written (which varies between runs: files are written concurrently);
    /// complete once `finish()` or `abandon()` has drained the writer thread.
    package private(set) var names: [String] = []
    /// The writer thread `write` hands files to (nil only during `init`).
    private var queue: FileWriteQueue?
    /// Whole files smaller than this are written by the thread that hands them over: the size from which glibc
    /// maps a block of its own in a run (`ProcessHeap.runMappedAllocationBytes`).
    static let directLimit = Int(ProcessHeap.runMappedAllocationBytes)
    /// Bytes that may wait for the writer thread before `write` blocks.
    static let queueLimit = 32 << 20

    /// Files written before the `publish-write` test pause (a kill there leaves a half-written staging folder).
    static let pauseAfter = 10

    package init(layout: PublishLayout, id: String, keep: Int, keepDays: Int? = nil) throws(Publisher.PublishError) {
        self.layout = layout
        self.id = id
        self.keep = keep
        self.keepDays = keepDays
        let fm = FileManager.default
        let snapshots = layout.snapshots
        partial = snapshots.appendingPathComponent(".\(id).partial")
        partialPath = partial.path
        if mkdir(snapshots.path, 0o755) != 0, errno != EEXIST {
            do {
                try fm.createDirectory(at: snapshots, withIntermediateDirectories: true)
            } catch {
                throw Publisher.PublishError(description: Publisher.explain(Self.errnoOf(error), path: snapshots.path, doing: "create"))
            }
        }
        // Leftovers of a run killed while writing.
        for name in (try? fm.contentsOfDirectory(atPath: snapshots.path)) ?? [] where name.hasPrefix(".") && name.hasSuffix(".partial") {
            try? fm.removeItem(at: snapshots.appendingPathComponent(name))
        }
        if fm.fileExists(atPath: snapshots.appendingPathComponent(id).path) {
            throw Publisher.PublishError(description: "snapshot \(snapshots.appendingPathComponent(id).path) exists already")
        }
        guard mkdir(partial.path, 0o755) == 0 else {
            throw Publisher.PublishError(description: Publisher.explain(errno, path: partial.path, doing: "create"))
        }
        folders.insert(partial.path)
        // Weak: a writer dropped without `finish()` or `abandon()` publishes nothing, so what waits is let go.
        queue = FileWriteQueue(limit: Self.queueLimit) { [weak self] file in self?.store(file) }
    }

    // Not `close()`: the last reference may go on the writer thread itself (inside `store`), which would then
    // wait for itself. What still waits is dropped (the weak reference is gone).
    deinit { queue?.stop() }

    /// Hands one file to the writer thread (`FileWriteQueue`), which writes it into the staging folder in the
    /// order handed over. The first error is kept (later files are skipped) and thrown by `finish()`. Safe to
    /// call from several threads at once; the pieces of one file arrive in order from one producer.
    @Sendable package func write(_ file: ExportFile) {
        // Small whole files (pages, per-dataset files) are written by the thread that rendered them: the render
        // threads write those side by side anyway, and they would only wait in memory. Later pieces always
        // queue, behind the earlier pieces of their file.
        guard let queue, file.continues || file.count >= Self.directLimit else { return store(file) }
        queue.add(file, orWrite: store)
    }

    /// Writes one file into the staging folder, on the writer thread (or the caller's once the queue is closed).
    private func store(_ file: ExportFile) {
        let target = partialPath + "/" + file.name
        let folder = String(target[..<target.utf8.lastIndex(of: UInt8(ascii: "/"))!])
        do {
            lock.lock()
            defer { lock.unlock() }
            guard failure == nil else { return }
            if !folders.contains(folder) {
                do {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    failure = Publisher.explain(Self.errnoOf(error), path: folder, doing: "create")
                    return
                }
                folders.insert(folder)
            }
        }
        let code = Self.writeFile(file, to: target)
        lock.lock()
        defer { lock.unlock() }
        guard code == 0 else {
            if failure == nil { failure = Publisher.explain(code, path: target, doing: "write") }
            return
        }
        if file.continues { return }  // a later piece of a file named already
        names.append(file.name)
        if names.count == Self.pauseAfter { TestHook.pause(at: "publish-write") }
    }

    /// Drops the staging folder (nothing is published).
    package func abandon() {
        queue?.close()
        try? FileManager.default.removeItem(at: partial)
    }

    /// Publishes the staged files as snapshot `id`, or keeps the current snapshot when they are the same.
    package func finish() throws(Publisher.PublishError) -> Publisher.Result {
        queue?.close()  // every file handed over is written (outside `lock`: the writer thread takes it)
        lock.lock()
        defer { lock.unlock() }
        if let failure {
            abandon()
            throw Publisher.PublishError(description: failure)
        }
        let fm = FileManager.default
        if let current = Publisher.current(layout) {
            let currentFolder = layout.snapshots.appendingPathComponent(current)
            if Self.same(names, staged: partial, as: currentFolder) {
                // Only the run-specific files change: the live snapshot shows this run's status.
                for name in Publisher.ignoredForChange.sorted() where names.contains(name) {
                    rename(partial.appendingPathComponent(name).path, currentFolder.appendingPathComponent(name).path)
                }
                try? Publisher.sync(currentFolder.path)
                abandon()
                return Publisher.Result(snapshot: current, created: false, removed: Publisher.prune(layout, keep: keep, keepDays: keepDays, current: current))
            }
        }
        let marker = partial.appendingPathComponent(Publisher.unpublishedMarker)
        guard fm.createFile(atPath: marker.path, contents: Data()) else {
            abandon()
            throw Publisher.PublishError(description: Publisher.explain(errno, path: marker.path, doing: "create"))
        }
        // One sync for every staged file (and the marker) instead of one fsync per file.
        let fd = open(partial.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            let synced = syncFileSystem(fd)
            let code = errno
            close(fd)
            if synced != 0 {
                abandon()
                throw Publisher.PublishError(description: Publisher.explain(code, path: partial.path, doing: "sync"))
            }
        }
        let final = layout.snapshots.appendingPathComponent(id)
        guard rename(partial.path, final.path) == 0 else {
            let code = errno
            abandon()
            throw Publisher.PublishError(description: Publisher.explain(code, path: final.path, doing: "rename the staged snapshot to"))
        }
        do { try Publisher.sync(layout.snapshots.path) } catch { throw Publisher.PublishError(description: "\(error)") }
        TestHook.pause(at: "publish-switch")
        try Publisher.point(layout, to: id)
        return Publisher.Result(snapshot: id, created: true, removed: Publisher.prune(layout, keep: keep, keepDays: keepDays, current: id))
    }

    /// The staged files equal the folder's files byte for byte (report.json and harvest.html aside).
    static func same(_ names: [String], staged: URL, as folder: URL) -> Bool {
        let fm = FileManager.default
        let wanted = Set(names).subtracting(Publisher.ignoredForChange)
        guard let present = fm.enumerator(atPath: folder.path)?.compactMap({ $0 as? String }) else { return false }
        let presentFiles = Set(present.filter { name in
            var isDirectory: ObjCBool = false
            return fm.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }).subtracting(Publisher.ignoredForChange).subtracting([Publisher.unpublishedMarker])
        guard presentFiles == wanted else { return false }
        return wanted.allSatisfy { name in
            sameBytes(staged.appendingPathComponent(name), folder.appendingPathComponent(name))
        }
    }

    static func sameBytes(_ a: URL, _ b: URL) -> Bool {
        var x = stat(), y = stat()
        guard stat(a.path, &x) == 0, stat(b.path, &y) == 0, x.st_size == y.st_size else { return false }
        guard let left = try? Data(contentsOf: a, options: .alwaysMapped), let right = try? Data(contentsOf: b, options: .alwaysMapped) else {
            return false
        }
        return left == right
    }

    /// Writes `file` to `url` (created or truncated; a later piece is appended); 0 or the errno of the failure.
    static func writeFile(_ file: ExportFile, to path: String) -> Int32 {
        let fd = open(path, file.continues ? O_WRONLY | O_APPEND | O_CLOEXEC : O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return errno }
        var code: Int32 = 0
        file.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    code = errno
                    return
                }
                offset += n
            }
        }
        if close(fd) != 0, code == 0 { code = errno }
        return code
    }

    static func errnoOf(_ error: any Error) -> Int32 {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return Int32(underlying.code)
        }
        if ns.domain == NSPOSIXErrorDomain { return Int32(ns.code) }
        switch ns.code {
        case CocoaError.fileWriteOutOfSpace.rawValue: return ENOSPC
        case CocoaError.fileWriteVolumeReadOnly.rawValue: return EROFS
        case CocoaError.fileWriteNoPermission.rawValue: return EACCES
        default: return EIO
        }
    }
}
