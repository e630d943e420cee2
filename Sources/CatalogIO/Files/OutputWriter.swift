public import CatalogCore
public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes export files into an output folder.
///
/// Each file is written to a temporary name in the same folder and renamed into place, so a reader never
/// sees a half-written file. A file whose bytes are unchanged is not rewritten (its mtime stays), so web
/// servers' Last-Modified and rsync-based mirrors only see real changes.
package enum OutputWriter {
    package struct Result: Sendable {
        package var written: [String]
        package var unchanged: [String]
    }

    package static func write(_ files: [ExportFile], to directory: URL) throws -> Result {
        var session = try Session(directory: directory)
        for file in files { try session.write(file) }
        return session.result
    }

    /// Writes files one at a time as the pipeline produces them (so a run never holds every output in memory).
    package struct Session {
        package let directory: URL
        package private(set) var result = Result(written: [], unchanged: [])
        private var folders: Set<String> = []

        package init(directory: URL) throws {
            self.directory = directory
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            folders.insert(directory.path)
        }

        package mutating func write(_ file: ExportFile) throws {
            // Whole files only: each is compared with the one in place and renamed over it.
            guard !file.continues else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "\(file.name): OutputWriter writes whole files, not pieces"])
            }
            let target = directory.appendingPathComponent(file.name)
            let folder = target.deletingLastPathComponent()
            if !folders.contains(folder.path) {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                folders.insert(folder.path)
            }
            if OutputWriter.holds(target, file) {
                result.unchanged.append(file.name)
                return
            }
            let temp = folder.appendingPathComponent(".\(target.lastPathComponent).tmp-\(getpid())")
            try OutputWriter.writeAll(file, to: temp, sync: false)
            // rename(2) replaces the target atomically within one file system.
            guard rename(temp.path, target.path) == 0 else {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temp)
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path, NSLocalizedDescriptionKey: "cannot write \(target.path): \(reason)"])
            }
            result.written.append(file.name)
        }
    }

    /// Whether the file at `url` already holds exactly `file`'s bytes (sizes compared first, then memory-mapped).
    package static func holds(_ url: URL, _ file: ExportFile) -> Bool {
        var info = stat()
        guard stat(url.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == file.count else { return false }
        guard let existing = try? Data(contentsOf: url, options: .alwaysMapped) else { return false }
        return existing.withUnsafeBytes { file.sameBytes(as: $0) }
    }

    /// Writes `file` to `url` (created or truncated) straight from its storage; `sync` adds an fsync.
    package static func writeAll(_ file: ExportFile, to url: URL, sync: Bool) throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path, NSLocalizedDescriptionKey: "cannot create \(url.path): \(String(cString: strerror(errno)))"])
        }
        defer { close(fd) }
        try file.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) throws in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path, NSLocalizedDescriptionKey: "cannot write \(url.path): \(String(cString: strerror(errno)))"])
                }
                offset += n
            }
        }
        if sync, fsync(fd) != 0 {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path, NSLocalizedDescriptionKey: "fsync \(url.path): \(String(cString: strerror(errno)))"])
        }
    }
}

/// An `OutputWriter.Session` the pipeline can call from its worker threads; the first write error is kept and
/// later files are skipped, `finish()` reports it.
package final class StreamingSink: @unchecked Sendable {
    private var session: OutputWriter.Session
    private var failure: (any Error)?
    private let lock = NSLock()

    package init(directory: URL) throws { session = try OutputWriter.Session(directory: directory) }

    @Sendable package func write(_ file: ExportFile) {
        lock.lock()
        defer { lock.unlock() }
        guard failure == nil else { return }
        do { try session.write(file) } catch { failure = error }
    }

    package func finish() throws -> OutputWriter.Result {
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure }
        return session.result
    }
}
