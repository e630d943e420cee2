package import CatalogCore
package import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Atomic publishing into snapshot folders (nightly mode):
///
/// ```
/// <out>/snapshots/<job-id>/   one complete set of published files per change
/// <out>/current -> snapshots/<job-id>   what web servers serve
/// ```
///
/// A new snapshot is written under `snapshots/.<id>.partial`, every file and the folder are fsynced, the
/// folder is renamed to `snapshots/<id>`, then `current` is switched by creating a temporary symlink and
/// renaming it over `current` (rename(2) is atomic), so a reader — or a crash at any instant — sees either the
/// old or the new complete snapshot. When the files are byte-identical to the current snapshot (ignoring
/// `report.json`, which carries timings), no snapshot is made: nothing is written, mtimes stay.
package enum Publisher {
    /// Files compared to decide whether anything changed (report.json differs in its timings every run).
    static let ignoredForChange: Set<String> = ["report.json", "harvest.html"]  // run-specific: timings

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

    /// The snapshot id `current` points to, if any.
    package static func current(_ out: URL) -> String? {
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: out.appendingPathComponent("current").path) else { return nil }
        return URL(fileURLWithPath: target).lastPathComponent
    }

    /// Complete snapshots, oldest first (numeric ids in numeric order).
    package static func snapshots(_ out: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: snapshotsDirectory(out).path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted { a, b in
            switch (Int(a), Int(b)) {
            case let (x?, y?): x < y
            default: a < b
            }
        }
    }

    /// Publishes `files` as snapshot `id` unless they equal the current snapshot; keeps the newest `keep`.
    package static func publish(_ files: [ExportFile], to out: URL, id: String, keep: Int) throws(PublishError) -> Result {
        let fm = FileManager.default
        let snapshots = snapshotsDirectory(out)
        do {
            try fm.createDirectory(at: snapshots, withIntermediateDirectories: true)
        } catch {
            throw PublishError(description: "cannot create \(snapshots.path): \(error.localizedDescription)")
        }
        // Leftovers of a run killed while writing.
        for name in (try? fm.contentsOfDirectory(atPath: snapshots.path)) ?? [] where name.hasPrefix(".") && name.hasSuffix(".partial") {
            try? fm.removeItem(at: snapshots.appendingPathComponent(name))
        }
        if let current = current(out), same(files, as: snapshots.appendingPathComponent(current)) {
            return Result(snapshot: current, created: false, removed: prune(out, keep: keep, current: current))
        }
        let partial = snapshots.appendingPathComponent(".\(id).partial")
        let final = snapshots.appendingPathComponent(id)
        if fm.fileExists(atPath: final.path) {
            throw PublishError(description: "snapshot \(final.path) exists already")
        }
        do {
            try fm.createDirectory(at: partial, withIntermediateDirectories: true)
            var directories: Set<String> = [partial.path]
            for (index, file) in files.enumerated() {
                if index == files.count / 2 { TestHook.pause(at: "publish-write") }
                let target = partial.appendingPathComponent(file.name)
                let folder = target.deletingLastPathComponent()
                if !directories.contains(folder.path) {
                    try fm.createDirectory(at: folder, withIntermediateDirectories: true)
                    directories.insert(folder.path)
                }
                do {
                    try OutputWriter.writeAll(file, to: target, sync: true)
                } catch {
                    throw PublishError(description: "cannot write \(target.path): \(error.localizedDescription)")
                }
            }
            for directory in directories { try sync(directory) }
        } catch {
            try? fm.removeItem(at: partial)
            throw PublishError(description: "cannot write snapshot \(partial.path): \(error)")
        }
        guard rename(partial.path, final.path) == 0 else {
            throw PublishError(description: "cannot rename \(partial.path) to \(final.path): \(String(cString: strerror(errno)))")
        }
        do { try sync(snapshots.path) } catch { throw PublishError(description: "\(error)") }
        TestHook.pause(at: "publish-switch")
        try point(out, to: id)
        return Result(snapshot: id, created: true, removed: prune(out, keep: keep, current: id))
    }

    /// Switches `current` back: to `id`, or to the snapshot before the current one.
    package static func rollback(_ out: URL, to id: String? = nil) throws(PublishError) -> (from: String?, to: String) {
        let all = snapshots(out)
        let from = current(out)
        let target: String
        if let id {
            guard all.contains(id) else { throw PublishError(description: "no snapshot \"\(id)\" in \(snapshotsDirectory(out).path); there are: \(all.joined(separator: ", "))") }
            target = id
        } else {
            guard let from, let index = all.firstIndex(of: from), index > 0 else {
                throw PublishError(description: "no snapshot before \(from ?? "none") to roll back to (snapshots: \(all.isEmpty ? "none" : all.joined(separator: ", ")))")
            }
            target = all[index - 1]
        }
        try point(out, to: target)
        return (from, target)
    }

    /// Atomically points `<out>/current` at `snapshots/<id>` (relative link, so the folder can be moved).
    static func point(_ out: URL, to id: String) throws(PublishError) {
        let link = out.appendingPathComponent("current")
        let temp = out.appendingPathComponent(".current.tmp-\(getpid())")
        unlink(temp.path)
        guard symlink("snapshots/\(id)", temp.path) == 0 else {
            throw PublishError(description: "cannot create symlink \(temp.path): \(String(cString: strerror(errno)))")
        }
        guard rename(temp.path, link.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temp.path)
            throw PublishError(description: "cannot switch \(link.path) (is it a real folder? move it away once): \(reason)")
        }
        do { try sync(out.path) } catch { throw PublishError(description: "\(error)") }
    }

    /// Removes the oldest snapshots beyond `keep`, never the current one.
    static func prune(_ out: URL, keep: Int, current: String) -> [String] {
        let all = snapshots(out)
        guard all.count > keep else { return [] }
        var removed: [String] = []
        for id in all.prefix(all.count - keep) where id != current {
            if (try? FileManager.default.removeItem(at: snapshotsDirectory(out).appendingPathComponent(id))) != nil { removed.append(id) }
        }
        return removed
    }

    /// The snapshot folder holds exactly these files with these bytes (report.json aside).
    static func same(_ files: [ExportFile], as directory: URL) -> Bool {
        let fm = FileManager.default
        let wanted = files.filter { !ignoredForChange.contains($0.name) }
        guard let present = fm.enumerator(atPath: directory.path)?.compactMap({ $0 as? String }) else { return false }
        let presentFiles = Set(present.filter { name in
            var isDirectory: ObjCBool = false
            return fm.fileExists(atPath: directory.appendingPathComponent(name).path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }).subtracting(ignoredForChange)
        guard presentFiles == Set(wanted.map(\.name)) else { return false }
        return wanted.allSatisfy { file in
            OutputWriter.holds(directory.appendingPathComponent(file.name), file)
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
