package import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The agreement between `opendata serve` and the snapshot pruner that a served snapshot is never deleted.
///
/// A server holds a *shared* `flock` on the snapshot folder it serves (an open directory descriptor, nothing is
/// written into the snapshot) for as long as any request may still read it: from loading the snapshot until
/// the last request that started on it has finished. The pruner deletes a snapshot only while holding an
/// *exclusive* lock on its folder, taken without waiting (`removeIfUnused`): a folder some server still
/// serves is skipped and pruned by a later publish. The kernel drops a lock when its process exits, so a
/// killed server never blocks pruning for good. Several servers may share one snapshot.
package enum SnapshotInUse {
    /// A shared lock on one snapshot folder; released by `release()` or when the value is freed.
    package final class Hold: @unchecked Sendable {
        package let folder: URL
        private var fd: Int32
        private let lock = NSLock()

        fileprivate init(folder: URL, fd: Int32) {
            self.folder = folder
            self.fd = fd
        }

        package func release() {
            lock.withLock {
                guard fd >= 0 else { return }
                _ = flock(fd, LOCK_UN)
                close(fd)
                fd = -1
            }
        }

        deinit { release() }
    }

    package enum Failure: Error, Sendable, Hashable {
        /// The folder cannot be opened (missing, not a directory, no permission).
        case cannotOpen(String, errno: Int32)
        /// The pruner holds the folder right now (it is being deleted).
        case beingRemoved(String)
    }

    /// Marks `folder` as served until the returned hold is released. Fails when the folder is missing or is
    /// being pruned at this moment (then do not load it).
    package static func hold(_ folder: URL) throws(Failure) -> Hold {
        let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotOpen(folder.path, errno: errno) }
        guard flock(fd, LOCK_SH | LOCK_NB) == 0 else {
            close(fd)
            throw .beingRemoved(folder.path)
        }
        return Hold(folder: folder, fd: fd)
    }

    /// Whether some process serves `folder` now (holds a shared lock). A missing folder is not in use.
    package static func isInUse(_ folder: URL) -> Bool {
        let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        if flock(fd, LOCK_EX | LOCK_NB) == 0 {
            _ = flock(fd, LOCK_UN)
            return false
        }
        return true
    }

    /// Deletes the snapshot `folder` unless a server holds it: takes the exclusive lock without waiting, removes
    /// the folder while holding it, and returns true. Returns false (nothing removed) when the folder is in use;
    /// throws when the removal itself fails. A missing folder counts as removed.
    package static func removeIfUnused(_ folder: URL, fileManager: FileManager = .default) throws -> Bool {
        let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return true }
            throw Failure.cannotOpen(folder.path, errno: errno)
        }
        defer { close(fd) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { return false }
        try fileManager.removeItem(at: folder)
        return true
    }
}
