import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

@testable import CatalogIO

@Suite struct StoreTests {
    @Test func fnv1a64MatchesTheReferenceVectors() {
        #expect(ContentHash.fnv1a64([UInt8]()) == "cbf29ce484222325")
        #expect(ContentHash.fnv1a64(Array("a".utf8)) == "af63dc4c8601ec8c")
        #expect(ContentHash.fnv1a64(Array("foobar".utf8)) == "85944171f73967e8")
    }

    /// The record hash ignores key order, whitespace and escaping, and sees every change of a value.
    @Test func recordHashIsCanonical() {
        let a = ContentHash.record(Data(#"{"id":"a","tags":[{"name":"x/y"},{"name":"\u00e4"}],"n":{"k":1.5,"j":null,"b":true}}"#.utf8))
        let same = ContentHash.record(Data(#" { "n" : { "b" : true , "j" : null , "k" : 1.5 } , "tags" : [ { "name" : "x\/y" } , { "name" : "ä" } ] , "id" : "a" } "#.utf8))
        #expect(a == same)
        for changed in [#"{"id":"a","tags":[{"name":"x/y"},{"name":"ö"}],"n":{"k":1.5,"j":null,"b":true}}"#,
                        #"{"id":"a","tags":[{"name":"\u00e4"},{"name":"x/y"}],"n":{"k":1.5,"j":null,"b":true}}"#,
                        #"{"id":"a","tags":[{"name":"x/y"},{"name":"ä"}],"n":{"k":2.5,"j":null,"b":true}}"#,
                        #"{"id":"a","tags":[{"name":"x/y"},{"name":"ä"}],"n":{"k":1.5,"j":null,"b":false}}"#,
                        #"{"id":"a","tags":[{"name":"x/y"},{"name":"ä"}],"n":{"k":1.5,"j":null,"b":true,"c":0}}"#] {
            #expect(ContentHash.record(Data(changed.utf8)) != a, "\(changed)")
        }
        // Not JSON: hashed as it is.
        #expect(ContentHash.record(Data("{broken".utf8)) == ContentHash.fnv1a64(Array("{broken".utf8)))
    }

    @Test func itemsAreInsertedUpdatedWithdrawnAndKeepTheirRawBytes() throws {
        let store = try CatalogStore()
        var update = CatalogStore.SourceUpdate(source: "s")
        update.fetched = [("a", Data(#"{"id":"a"}"#.utf8), "2026-01-01T00:00:00"), ("b", Data(#"{"id":"b"}"#.utf8), nil)]
        update.success = ("2026-01-02T03:00:00Z", "2026-01-01T00:00:00")
        try store.apply(update, now: "2026-01-02T03:00:00Z")
        #expect(try store.sourceState("s") == SourceState(source: "s", lastSuccess: "2026-01-02T03:00:00Z", highWater: "2026-01-01T00:00:00"))
        #expect(try store.sourceState("other") == nil)

        var second = CatalogStore.SourceUpdate(source: "s")
        second.fetched = [("a", Data(#"{"id":"a","x":1}"#.utf8), "2026-01-03T00:00:00")]
        second.withdrawn = ["b"]
        try store.apply(second, now: "2026-01-04T03:00:00Z")
        let items = try store.items("s")
        #expect(items["a"]?.raw == Data(#"{"id":"a","x":1}"#.utf8))
        #expect(items["a"]?.firstSeen == "2026-01-02T03:00:00Z")
        #expect(items["a"]?.lastSeen == "2026-01-04T03:00:00Z")
        #expect(items["a"]?.contentHash == ContentHash.fnv1a64(Array(#"{"id":"a","x":1}"#.utf8)))
        #expect(ContentHash.record(Data(#"{"x":1, "id":"a"}"#.utf8)) == items["a"]?.contentHash)
        #expect(items["b"]?.status == .withdrawn)
        #expect(items["b"]?.raw == Data(#"{"id":"b"}"#.utf8))
        // Without `success` the source's last success stays.
        #expect(try store.sourceState("s")?.lastSuccess == "2026-01-02T03:00:00Z")
    }

    @Test func jobsAreRecordedAndAbandonedOnesFailed() throws {
        let store = try CatalogStore()
        let a = try store.startJob(started: "t1", pid: 10)
        try store.finishJob(a, status: .done, finished: "t2", counts: #"{"datasets":3}"#)
        let b = try store.startJob(started: "t3", pid: 11)
        #expect(try store.failAbandonedJobs(now: "t4") == [b])
        let jobs = try store.jobs(last: 10)
        #expect(jobs.map(\.id) == [b, a])
        #expect(jobs.map(\.status) == [.failed, .done])
        #expect(jobs[1].counts == #"{"datasets":3}"#)
        #expect(jobs[0].message?.contains("process 11") == true)
    }

    @Test func aFileStoreIsWALAndSurvivesReopening() throws {
        let dir = TestFolder.path("opendata-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("sub/state.sqlite")
        do {
            let store = try CatalogStore(url: url)
            _ = try store.startJob(started: "t", pid: 1)
        }
        let reopened = try CatalogStore(url: url)
        #expect(try reopened.jobs().count == 1)
        #expect(FileManager.default.fileExists(atPath: url.path + "-wal"))
    }

    @Test func modifiedTimesParseWithAndWithoutZone() throws {
        let utc = try #require(ModifiedTime.parse("2026-11-21T16:29:47.079294"))
        #expect(ModifiedTime.solr(utc) == "2026-11-21T16:29:47Z")
        let offset = try #require(ModifiedTime.parse("2014-12-10T12:25:26+01:00"))
        #expect(ModifiedTime.solr(offset) == "2014-12-10T11:25:26Z")
        #expect(ModifiedTime.parse("yesterday") == nil)
    }
}
