import CatalogTestSupport
import Foundation
import Testing
@testable import CatalogCore
@testable import CatalogIO

/// The snapshot writer's writer thread (`FileWriteQueue`): files written in the order handed over, all of them
/// by `close()`, and producers held back while too many bytes wait.
@Suite struct FileWriteQueueTests {
    @Test func writesEveryFileInOrderByClose() {
        let written = LockedBox<[String]>([])
        let queue = FileWriteQueue(limit: 4096) { file in written.update { $0.append(file.name) } }
        let names = (0..<3000).map { "f\($0)" }
        for name in names { queue.add(ExportFile(name: name, text: String(repeating: "x", count: name.count * 7)), orWrite: { _ in Issue.record("written on the caller's thread") }) }
        queue.close()
        #expect(written.get() == names)
        queue.close()  // a second close returns at once
    }

    /// With the writer stuck, `add` returns only while the waiting bytes stay within the limit; the rest
    /// follows once the writer moves on, in order.
    @Test func producerWaitsWhileTheLimitIsReached() {
        let gate = DispatchSemaphore(value: 0)
        let written = LockedBox<[String]>([])
        let queue = FileWriteQueue(limit: 2 * (400 + FileWriteQueue.overheadPerFile)) { file in
            if file.name == "f0" { gate.wait() }
            written.update { $0.append(file.name) }
        }
        let added = LockedBox(0)
        let producerDone = DispatchSemaphore(value: 0)
        Thread {
            for i in 0..<10 {
                queue.add(ExportFile(name: "f\(i)", bytes: Array(repeating: 7, count: 400)), orWrite: { _ in })
                added.update { $0 += 1 }
            }
            producerDone.signal()
        }.start()
        // f0 (being written) and f1 fit within the limit; f2 waits. Wait for the first two (a loaded machine
        // may start the producer late), then give a third time to get in, which it must not.
        let deadline = Date().addingTimeInterval(30)
        while added.get() < 2, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        Thread.sleep(forTimeInterval: 0.3)
        #expect(added.get() == 2)
        #expect(written.get().isEmpty)
        gate.signal()
        producerDone.wait()
        queue.close()
        #expect(written.get() == (0..<10).map { "f\($0)" })
    }

    /// `stop()` from the writer thread itself (where a snapshot writer's last reference may go) returns, and the
    /// files queued before it are still written.
    @Test func stopOnTheWriterThreadDoesNotWaitForItself() {
        let written = LockedBox<[String]>([])
        let box = LockedBox<FileWriteQueue?>(nil)
        let gate = DispatchSemaphore(value: 0)
        let queue = FileWriteQueue(limit: 1 << 20) { file in
            if file.name == "a" {
                gate.wait()  // until b and c are queued
                box.get()?.stop()
            }
            written.update { $0.append(file.name) }
        }
        box.set(queue)
        for name in ["a", "b", "c"] { queue.add(ExportFile(name: name, text: name), orWrite: { _ in Issue.record("not queued") }) }
        gate.signal()
        queue.close()
        #expect(written.get() == ["a", "b", "c"])
    }

    @Test func afterCloseTheCallerWrites() {
        let queue = FileWriteQueue(limit: 1 << 20) { _ in Issue.record("the thread wrote after close") }
        queue.close()
        var here: [String] = []
        queue.add(ExportFile(name: "late.txt", text: "spät"), orWrite: { here.append($0.name) })
        #expect(here == ["late.txt"])
    }

    /// Large whole files and later pieces go through the writer thread; `finish()` publishes them complete, and
    /// an abandoned writer publishes nothing.
    @Test func snapshotWriterPublishesQueuedFilesWhole() throws {
        let root = TestFolder.path("write-queue-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let layout = PublishLayout.nightly(root)
        let big = (0..<3).map { i in [UInt8](repeating: UInt8(ascii: "a") + UInt8(i), count: SnapshotWriter.directLimit + i) }
        let writer = try SnapshotWriter(layout: layout, id: "1", keep: 2)
        for (i, bytes) in big.enumerated() { writer.write(ExportFile(name: "big/\(i).bin", bytes: bytes)) }
        writer.write(ExportFile(name: "joined.txt", text: "a"))
        for k in 0..<50 { writer.write(.piece("joined.txt", bytes: Array(repeating: UInt8(ascii: "0") + UInt8(k % 10), count: 100_000))) }
        #expect(try writer.finish().created)
        let folder = layout.snapshots.appendingPathComponent("1")
        for (i, bytes) in big.enumerated() {
            #expect(try Array(Data(contentsOf: folder.appendingPathComponent("big/\(i).bin"))) == bytes)
        }
        let joined = try Data(contentsOf: folder.appendingPathComponent("joined.txt"))
        #expect(joined.count == 1 + 50 * 100_000)
        #expect(Array(joined.prefix(1)) == [UInt8(ascii: "a")])
        #expect(Array(joined.suffix(100_000)) == Array(repeating: UInt8(ascii: "9"), count: 100_000))

        let second = try SnapshotWriter(layout: layout, id: "2", keep: 2)
        for (i, bytes) in big.enumerated() { second.write(ExportFile(name: "big/\(i).bin", bytes: bytes)) }
        second.abandon()
        #expect(!FileManager.default.fileExists(atPath: layout.snapshots.appendingPathComponent("2").path))
        #expect(!FileManager.default.fileExists(atPath: layout.snapshots.appendingPathComponent(".2.partial").path))
        #expect(Publisher.current(layout) == "1")
    }
}
