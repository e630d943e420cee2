package import CatalogCore
package import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Atomic publishing into snapshot folders, for both run modes (layouts: `PublishLayout`).
///
/// A new snapshot is streamed into `snapshots/.<id>.partial` as the pipeline renders it (`SnapshotWriter`),
/// the file system is synced once, the folder is renamed to `snapshots/<id>`, then the link (`current`, or
/// `public` itself) is switched by creating a temporary symlink and renaming it over the link (rename(2) is
/// atomic), so a reader — or a crash at any instant — sees either the old or the new complete snapshot. When
/// the files are byte-identical to the current snapshot (ignoring `report.json` and `harvest.html`, which
/// carry timings), no snapshot is made: the staged copy is dropped, only those two files are replaced in
/// the current snapshot (so the status shown is this run's), every other mtime stays.
package enum Publisher {
    /// Files compared to decide whether anything changed (report.json differs in its timings every run).
    static let ignoredForChange: Set<String> = ["report.json", FindingSummary.fileName, "harvest.html"]  // run-specific: timings, per-run findings

    package struct Result: Sendable, Hashable {
        /// The snapshot `current` points to after publishing.
        package var snapshot: String
        /// false when nothing changed and the current snapshot was kept.
        package var created: Bool
        /// Snapshots removed by the retention rule.
        package var removed: [String]
    }

    package struct PublishError: Error, CustomStringConvertible {
        package var description: String
    }

    package static func snapshotsDirectory(_ out: URL) -> URL { out.appendingPathComponent("snapshots") }

    /// Marker inside a snapshot folder that was renamed into place but never made current (a kill between
    /// the rename and the switch): such a snapshot is no rollback target and is removed by the next publish.
    static let unpublishedMarker = ".unpublished"

    /// The snapshot id `current` points to, if any (nightly layout).
    package static func current(_ out: URL) -> String? { current(.nightly(out)) }

    /// The snapshot id the layout's link points to, if any.
    package static func current(_ layout: PublishLayout) -> String? {
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: layout.link.path) else { return nil }
        return URL(fileURLWithPath: target).lastPathComponent
    }

    /// Complete, once-published snapshots, oldest first (nightly layout).
    package static func snapshots(_ out: URL) -> [String] { snapshots(.nightly(out)) }

    /// Complete snapshots that were published once, oldest first (numeric ids in numeric order).
    package static func snapshots(_ layout: PublishLayout) -> [String] {
        allSnapshots(layout).filter { !FileManager.default.fileExists(atPath: layout.snapshots.appendingPathComponent($0).appendingPathComponent(unpublishedMarker).path) }
    }

    /// Every complete snapshot folder, published or not.
    static func allSnapshots(_ layout: PublishLayout) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: layout.snapshots.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted { a, b in
            switch (Int(a), Int(b)) {
            case let (x?, y?): x < y
            default: a < b
            }
        }
    }

    /// The id after the highest numeric snapshot id (plain runs number their snapshots 1, 2, …).
    package static func nextID(_ layout: PublishLayout) -> String {
        String((allSnapshots(layout).compactMap { Int($0) }.max() ?? 0) + 1)
    }

    /// Publishes `files` as snapshot `id` unless they equal the current snapshot; keeps the newest `keep`
    /// (nightly layout; the files go through the same streaming writer as a run's).
    package static func publish(_ files: [ExportFile], to out: URL, id: String, keep: Int) throws(PublishError) -> Result {
        let writer = try SnapshotWriter(layout: .nightly(out), id: id, keep: keep)
        for file in files { writer.write(file) }
        return try writer.finish()
    }

    /// Switches `current` back: to `id`, or to the snapshot before the current one (nightly layout).
    package static func rollback(_ out: URL, to id: String? = nil) throws(PublishError) -> (from: String?, to: String) {
        try rollback(.nightly(out), to: id)
    }

    /// Switches the link back: to `id`, or to the published snapshot before the current one.
    package static func rollback(_ layout: PublishLayout, to id: String? = nil) throws(PublishError) -> (from: String?, to: String) {
        let all = snapshots(layout)
        let from = current(layout)
        let target: String
        if let id {
            guard all.contains(id) else { throw PublishError(description: "no snapshot \"\(id)\" in \(layout.snapshots.path); there are: \(all.joined(separator: ", "))") }
            target = id
        } else {
            guard let from, let index = all.firstIndex(of: from), index > 0 else {
                throw PublishError(description: "no snapshot before \(from ?? "none") to roll back to (snapshots: \(all.isEmpty ? "none" : all.joined(separator: ", ")))")
            }
            target = all[index - 1]
        }
        try point(layout, to: target)
        return (from, target)
    }

    /// Atomically points the layout's link at `snapshots/<id>` (relative link, so the folders can be moved).
    static func point(_ layout: PublishLayout, to id: String) throws(PublishError) {
        let link = layout.link
        let folder = link.deletingLastPathComponent()
        let temp = folder.appendingPathComponent(".\(link.lastPathComponent).tmp-\(getpid())")
        unlink(temp.path)
        guard symlink("\(layout.linkPrefix)/\(id)", temp.path) == 0 else {
            throw PublishError(description: explain(errno, path: temp.path, doing: "create the symlink"))
        }
        guard rename(temp.path, link.path) == 0 else {
            let code = errno
            unlink(temp.path)
            if code == EISDIR || code == ENOTEMPTY || code == EEXIST {
                throw PublishError(description: "cannot switch \(link.path): it is a real folder, not a link; move it away once and run again")
            }
            throw PublishError(description: explain(code, path: link.path, doing: "switch"))
        }
        do { try sync(folder.path) } catch { throw PublishError(description: "\(error)") }
        try? FileManager.default.removeItem(at: layout.snapshots.appendingPathComponent(id).appendingPathComponent(unpublishedMarker))
    }

    /// Removes the oldest published snapshots beyond `keep` and every snapshot never made current, never the
    /// current one, and never one that `opendata serve` still serves (`SnapshotInUse`: it holds a shared lock on
    /// the folder until its last request on it ends); such a snapshot is removed by a later run. With `keepDays`
    /// (`keep_days`), a snapshot beyond `keep` stays while it was published less than that many days before `now`
    /// (its folder's modification time, set when it was renamed into place): the archive then covers N days and
    /// `keep` is the floor.
    static func prune(_ layout: PublishLayout, keep: Int, keepDays: Int? = nil, current: String, now: Date = Date()) -> [String] {
        let fm = FileManager.default
        var removed: [String] = []
        func remove(_ id: String) {
            if (try? SnapshotInUse.removeIfUnused(layout.snapshots.appendingPathComponent(id))) == true { removed.append(id) }
        }
        for id in allSnapshots(layout) where id != current
            && fm.fileExists(atPath: layout.snapshots.appendingPathComponent(id).appendingPathComponent(unpublishedMarker).path) {
            remove(id)
        }
        let all = snapshots(layout)
        guard all.count > keep else { return removed }
        for id in all.prefix(all.count - max(keep, 1)) where id != current {
            if let keepDays, let published = publishedAt(layout, id), now.timeIntervalSince(published) < Double(keepDays) * 86_400 { continue }
            remove(id)
        }
        return removed
    }

    /// When snapshot `id` was published: its folder's modification time.
    static func publishedAt(_ layout: PublishLayout, _ id: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: layout.snapshots.appendingPathComponent(id).path))?[.modificationDate] as? Date
    }

    /// A message for a failed file operation that says what to do, not only the errno text.
    package static func explain(_ code: Int32, path: String, doing: String) -> String {
        let reason = String(cString: strerror(code))
        switch code {
        case ENOSPC, EDQUOT:
            return "cannot \(doing) \(path): no space left on the device (\(reason)). Free space or lower keep_snapshots, then run again; the previously published catalogue stays online."
        case EROFS:
            return "cannot \(doing) \(path): the file system is read-only (\(reason)). Remount it read-write or choose another --out; the previously published catalogue stays online."
        case EACCES, EPERM:
            return "cannot \(doing) \(path): permission denied (\(reason)). Run as the folder's owner or choose another --out."
        default:
            return "cannot \(doing) \(path): \(reason)"
        }
    }

    /// fsyncs a folder, so renames and new entries in it are durable.
    static func sync(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw PublishError(description: "cannot open folder \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw PublishError(description: "fsync \(path): \(String(cString: strerror(errno)))") }
    }
}
