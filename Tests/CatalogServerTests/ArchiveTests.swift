import CatalogCore
import Foundation
import Hummingbird
import Testing

@testable import CatalogServer

/// Dated archives: every kept snapshot beside the served one is listed under /archiv/ and its files are served
/// read-only with the current snapshot's path rules.
@Suite struct ArchiveTests {
    @Test func keptSnapshotsAreListedAndServed() async throws {
        let root = KoelnSnapshot.temporaryFolder().appendingPathComponent("snapshots")
        for (id, day, marker) in [("1", "2026-12-01T03:00:00Z", "erster"), ("2", "2026-12-02T03:00:00Z", "zweiter")] {
            let folder = root.appendingPathComponent(id)
            try KoelnSnapshot.write(Harness.catalog, to: folder, marker: marker)
            let report = "{\"startedAt\":\"\(day)\",\"totals\":{\"datasets\":\(Harness.catalog.datasets.count)}}"
            try Data(report.utf8).write(to: folder.appendingPathComponent("report.json"))
        }
        let h = try await Harness(folder: root.appendingPathComponent("2"), write: false)
        try await h.app.test(.router) { client in
            try await client.execute(uri: "/archiv/", method: .get) { r in
                let html = String(buffer: r.body)
                #expect(r.headers[.contentType] == "text/html; charset=utf-8")
                let newest = try #require(html.range(of: "2026-12-02T03:00:00Z"))
                let older = try #require(html.range(of: "2026-12-01T03:00:00Z"))
                #expect(newest.lowerBound < older.lowerBound)
                #expect(html.contains("href=\"/archiv/1/catalog.ttl\""))
                #expect(html.contains("\(Harness.catalog.datasets.count) Datensätze, aktuell)"))
            }
            try await client.execute(uri: "/archiv/1/catalog.ttl", method: .get) { r in
                #expect(r.status == .ok)
                #expect(String(buffer: r.body).contains("# erster"))
            }
            for bad in ["/archiv/1/../2/catalog.ttl", "/archiv/3/catalog.ttl", "/archiv/1/.env", "/archiv/1/"] {
                try await client.execute(uri: bad, method: .get) { r in #expect(r.status == .notFound, "\(bad)") }
            }
        }
    }
}
