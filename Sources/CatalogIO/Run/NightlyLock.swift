package import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One harvest at a time: an exclusive `flock(2)` on a lock file next to the state store, holding the
/// holder's pid and start time.
///
/// The kernel drops the lock when its process dies (SIGKILL included), so a lock file left by a dead process
/// never blocks the next run: the next holder notes it recovered a stale lock and overwrites the contents.
package final class NightlyLock: @unchecked Sendable {
    package let url: URL
    private var fd: Int32
    /// Set when the file named a holder that is no longer running (the previous run was killed).
    package let recoveredFrom: String?

    package struct Busy: Error, CustomStringConvertible {
        package var description: String
        /// false: the lock file could not be opened at all (read-only or full disk, permissions), not held.
        package var held = true
    }

    /// Takes the lock or throws `Busy` naming the holder; never waits.
    package init(url: URL, startedAt: String) throws(Busy) {
        self.url = url
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Busy(description: Publisher.explain(errno, path: url.path, doing: "open the lock file"), held: false) }
        let previous = Self.contents(fd)
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            let holder = previous.isEmpty ? "another process" : previous
            throw Busy(description: "another harvest is running (\(holder)); lock file \(url.path). Not started.")
        }
        self.fd = fd
        recoveredFrom = previous.isEmpty ? nil : previous
        let text = "pid \(getpid()) started \(startedAt)"
        ftruncate(fd, 0)
        _ = text.withCString { pwrite(fd, $0, strlen($0), 0) }
        fsync(fd)
    }

    /// Releases the lock and empties the file (an empty file means: no holder).
    package func release() {
        guard fd >= 0 else { return }
        ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }

    private static func contents(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 512)
        let n = pread(fd, &buffer, buffer.count, 0)
        guard n > 0 else { return "" }
        return String(decoding: buffer[0..<n], as: UTF8.self).trimmedSpace()
    }
}
