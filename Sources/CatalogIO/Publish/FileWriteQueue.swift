import CatalogCore
import Foundation

/// Hands files to one writer thread, so the threads that render never wait while the kernel copies their bytes.
///
/// In a run, most serial work (joining a batch's pieces, totals, the order of the catalogue files) happens on one
/// thread while the other core waits for the next batch; when that thread also wrote every file itself, the
/// writes — a sixth of a 100 k run's CPU time — stood on the critical path. Now they overlap with rendering.
///
/// Files are written in the order they are added (so the pieces of one file stay in order). The bytes waiting
/// are bounded: `add` blocks while more than `limit` bytes wait, so a slow disk slows the producers instead of
/// filling memory. `close()` waits until every file added is written; it is idempotent. `stop()` closes without
/// waiting, for a caller that may be the writer thread itself.
final class FileWriteQueue: @unchecked Sendable {
    /// Bytes a file counts beyond its content (name, bookkeeping), so many small files are bounded too.
    static let overheadPerFile = 256
    private static let taken = ExportFile(name: "", bytes: [])

    private let condition = NSCondition()
    private var pending: [ExportFile] = []
    /// `pending[head...]` wait; the written prefix is dropped once it is half the array.
    private var head = 0
    private var waitingBytes = 0
    private var closing = false
    private var finished = false
    private let limit: Int

    /// Starts the writer thread; `write` is called on it for each file, one at a time.
    init(limit: Int, write: @escaping @Sendable (ExportFile) -> Void) {
        self.limit = limit
        let thread = Thread { [self] in run(write) }
        thread.name = "opendata-writer"
        thread.start()
    }

    /// Queues `file` (after the files added before it), waiting while the queue holds more than `limit` bytes.
    /// After `close()`, nothing is queued any more: the file is written here, on the caller's thread.
    func add(_ file: ExportFile, orWrite write: (ExportFile) -> Void) {
        let size = file.count + Self.overheadPerFile
        condition.lock()
        while !closing, waitingBytes > 0, waitingBytes + size > limit { condition.wait() }
        if closing {
            condition.unlock()
            return write(file)
        }
        pending.append(file)
        waitingBytes += size
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until every queued file is written and stops the thread.
    func close() {
        condition.lock()
        closing = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }

    /// Lets the thread end once the queued files are written, without waiting for it: safe on the writer thread
    /// (where `close()` would wait for itself).
    func stop() {
        condition.lock()
        closing = true
        condition.broadcast()
        condition.unlock()
    }

    private func run(_ write: @Sendable (ExportFile) -> Void) {
        while let file = next() {
            write(file)
            condition.lock()
            waitingBytes -= file.count + Self.overheadPerFile
            condition.broadcast()
            condition.unlock()
        }
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next file to write, nil once closed and empty.
    private func next() -> ExportFile? {
        condition.lock()
        defer { condition.unlock() }
        while head == pending.count, !closing { condition.wait() }
        guard head < pending.count else { return nil }
        let file = pending[head]
        pending[head] = Self.taken  // the queue no longer keeps the bytes
        head += 1
        if head == pending.count {
            pending.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 1024, head * 2 >= pending.count {
            pending.removeFirst(head)
            head = 0
        }
        return file
    }
}
