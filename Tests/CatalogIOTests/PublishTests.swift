import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

@testable import CatalogIO

@Suite struct PublishTests {
    func temp() throws -> URL {
        let dir = TestFolder.path("opendata-publish-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func files(_ text: String, report: String = "r") -> [ExportFile] {
        [ExportFile(name: "catalog.ttl", text: text), ExportFile(name: "sub/x.csv", text: "x"), ExportFile(name: "report.json", text: report)]
    }

    @Test func publishesSnapshotsSwitchesCurrentAndSkipsUnchanged() throws {
        let out = try temp()
        defer { try? FileManager.default.removeItem(at: out) }
        let first = try Publisher.publish(files("one"), to: out, id: "1", keep: 5)
        #expect(first == Publisher.Result(snapshot: "1", created: true, removed: []))
        #expect(try String(contentsOf: out.appendingPathComponent("current/catalog.ttl"), encoding: .utf8) == "one")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: out.appendingPathComponent("current").path) == "snapshots/1")
        // Same files, another report: nothing new.
        let same = try Publisher.publish(files("one", report: "other timings"), to: out, id: "2", keep: 5)
        #expect(same.created == false && same.snapshot == "1")
        #expect(Publisher.snapshots(out) == ["1"])
        let second = try Publisher.publish(files("two"), to: out, id: "3", keep: 5)
        #expect(second.created)
        #expect(try String(contentsOf: out.appendingPathComponent("current/catalog.ttl"), encoding: .utf8) == "two")
        // No temporary leftovers.
        let hidden = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix(".") }
        #expect(hidden.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("snapshots").path).sorted() == ["1", "3"])
    }

    @Test func keepsTheNewestSnapshotsAndRollsBack() throws {
        let out = try temp()
        defer { try? FileManager.default.removeItem(at: out) }
        for id in 1...12 { _ = try Publisher.publish(files("v\(id)"), to: out, id: String(id), keep: 3) }
        #expect(Publisher.snapshots(out) == ["10", "11", "12"])
        let back = try Publisher.rollback(out)
        #expect(back.from == "12" && back.to == "11")
        #expect(try String(contentsOf: out.appendingPathComponent("current/catalog.ttl"), encoding: .utf8) == "v11")
        _ = try Publisher.rollback(out, to: "12")
        #expect(Publisher.current(out) == "12")
        #expect(throws: Publisher.PublishError.self) { try Publisher.rollback(out, to: "4") }
        _ = try Publisher.rollback(out, to: "10")
        #expect(throws: Publisher.PublishError.self) { try Publisher.rollback(out) }
    }

    @Test func aHalfWrittenSnapshotOfAKilledRunIsNeverCurrentAndIsCleanedUp() throws {
        let out = try temp()
        defer { try? FileManager.default.removeItem(at: out) }
        _ = try Publisher.publish(files("one"), to: out, id: "1", keep: 5)
        let partial = out.appendingPathComponent("snapshots/.2.partial")
        try FileManager.default.createDirectory(at: partial, withIntermediateDirectories: true)
        try "half".write(to: partial.appendingPathComponent("catalog.ttl"), atomically: false, encoding: .utf8)
        #expect(Publisher.snapshots(out) == ["1"])
        _ = try Publisher.publish(files("two"), to: out, id: "3", keep: 5)
        #expect(!FileManager.default.fileExists(atPath: partial.path))
        #expect(Publisher.current(out) == "3")
    }
}
