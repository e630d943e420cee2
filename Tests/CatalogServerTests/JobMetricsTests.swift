import CatalogCore
import CatalogTestSupport
import Foundation
import Hummingbird
import Logging
import Testing

@testable import CatalogServer

/// `/metrics` carries the harvest job's state from the status.json the job writes beside the snapshots.
@Suite struct JobMetricsTests {
    static let failedJob = #"""
        {"status": "doneWithErrors", "startedAt": "2026-12-02T02:30:00Z", "finishedAt": "2026-12-02T02:31:09Z",
         "durationSeconds": 69.5, "lastSuccessAt": "2026-12-01T02:31:00Z", "snapshot": "41", "datasets": 829, "job": 42,
         "datasetsPerSource": {"stadt-aachen": 412, "staedte\"region": 417},
         "staleSources": {"staedte\"region": "2026-12-01T02:30:00Z"},
         "failedSources": {"staedte\"region": "HTTP 503"}}
        """#

    /// The plain layout: `serve --dir public` finds `public.snapshots/status.json`.
    @Test func plainLayoutStatusIsFoundAndRendered() throws {
        let root = TestFolder.path("jobmetrics-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("public.snapshots"), withIntermediateDirectories: true)
        let metrics = JobMetrics(servedDirectory: root.appendingPathComponent("public"))
        #expect(metrics.render() == "# HELP opendata_job_status_readable 1 when the harvest job's status.json was found and read\n# TYPE opendata_job_status_readable gauge\nopendata_job_status_readable 0\n")
        try Data(Self.failedJob.utf8).write(to: root.appendingPathComponent("public.snapshots/status.json"))
        let text = metrics.render()
        #expect(text.contains("opendata_job_status_readable 1\n"))
        #expect(text.contains("opendata_job_last_success_timestamp_seconds 1796092260\n"))
        #expect(text.contains("opendata_job_last_run_timestamp_seconds 1796178669\n"))
        #expect(text.contains("opendata_job_duration_seconds 69.5\n"))
        #expect(text.contains("opendata_job_datasets 829\n"))
        #expect(text.contains(#"opendata_job_status{status="doneWithErrors"} 1"#))
        #expect(text.contains(#"opendata_job_status{status="done"} 0"#))
        #expect(text.contains(#"opendata_source_datasets{source="stadt-aachen"} 412"#))
        #expect(text.contains(#"opendata_source_stale{source="stadt-aachen"} 0"#))
        #expect(text.contains(#"opendata_source_stale{source="staedte\"region"} 1"#))
        #expect(text.contains(#"opendata_source_failed{source="staedte\"region"} 1"#))
        #expect(text.contains(#"opendata_source_stale_since_timestamp_seconds{source="staedte\"region"} 1796092200"#))
        #expect(text.contains("opendata_stale_sources 1\n"))
        // Every sample line belongs to a declared metric (the exposition format Prometheus parses).
        let declared = Set(text.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }.map { $0.split(separator: " ")[2] })
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let name = line.prefix { $0 != "{" && $0 != " " }
            #expect(declared.contains(name), "undeclared sample \(line)")
        }
    }

    /// The nightly layout: `serve --dir <out>/current` finds `<out>/status.json`; the server appends it to /metrics.
    @Test func nightlyLayoutThroughTheServer() async throws {
        let out = TestFolder.path("jobmetrics-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let snapshot = out.appendingPathComponent("snapshots/41")
        try KoelnSnapshot.write(Harness.catalog, to: snapshot)
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("current").path, withDestinationPath: "snapshots/41")
        let done = Self.failedJob.replacingOccurrences(of: #""status": "doneWithErrors""#, with: #""status": "done""#)
        try Data(done.utf8).write(to: out.appendingPathComponent("status.json"))
        let served = out.appendingPathComponent("current")
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let metrics = ServerMetrics(job: JobMetrics(servedDirectory: served))
        let store = SnapshotStore(directory: served, logger: logger, metrics: metrics)
        await store.reloadIfChanged()
        let app = buildApplication(configuration: ServerConfiguration(directory: served), store: store, metrics: metrics, logger: logger)
        try await app.test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get) { r in
                let text = String(buffer: r.body)
                #expect(text.contains("opendata_snapshot_datasets 138"))
                #expect(text.contains(#"opendata_job_status{status="done"} 1"#))
                #expect(text.contains(#"opendata_source_datasets{source="stadt-aachen"} 412"#))
            }
        }
    }
}
