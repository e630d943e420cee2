import CatalogCore
import CatalogIO
import Foundation

/// The harvest job's state as Prometheus metrics, read from the job's `status.json` at each scrape (the job and
/// the server are separate processes; the file is replaced atomically after every run, see JobNotifier).
///
/// Exposed beside the server's own metrics at `/metrics`:
/// - `opendata_job_status_readable` 1 when a `status.json` was found and read (0: none yet, or unreadable);
/// - `opendata_job_last_success_timestamp_seconds`: end of the last job that ended `done` (absent before the first);
/// - `opendata_job_last_run_timestamp_seconds`, `opendata_job_duration_seconds`, `opendata_job_datasets`: the last job;
/// - `opendata_job_status{status="done|doneWithErrors|failed"}`: 1 for the last job's status, 0 for the others;
/// - `opendata_source_datasets{source}`, `opendata_source_stale{source}`, `opendata_source_failed{source}` and
///   `opendata_source_stale_since_timestamp_seconds{source}` (stale sources only); `opendata_stale_sources`.
/// Source labels are the configured source ids, so the number of series stays bounded by the configuration.
struct JobMetrics: Sendable {
    /// The `status.json` files that may describe the served folder, most specific first.
    let candidates: [URL]

    /// `serve --dir` is usually `<out>/current` (nightly: status in `<out>`) or the plain link `public`
    /// (status in `public.snapshots`); a nightly root itself holds its status too.
    init(servedDirectory directory: URL) {
        let dir = directory.standardizedFileURL
        let plain = PublishLayout.plain(dir).root
        candidates = [
            dir.appendingPathComponent("status.json"),
            plain.appendingPathComponent("status.json"),
            dir.deletingLastPathComponent().appendingPathComponent("status.json"),
        ]
    }

    init(statusFile: URL) { candidates = [statusFile] }

    /// The first readable status among the candidates (most specific first).
    func read() -> JobNotifier.Status? {
        candidates.lazy.compactMap(JobNotifier.readStatus(at:)).first
    }

    func render() -> String { Self.render(read()) }

    static func render(_ status: JobNotifier.Status?) -> String {
        var out = ""
        func metric(_ name: String, _ help: String, _ samples: [(labels: String, value: Double)]) {
            out += "# HELP opendata_\(name) \(help)\n# TYPE opendata_\(name) gauge\n"
            for s in samples { out += "opendata_\(name)\(s.labels) \(format(s.value))\n" }
        }
        metric("job_status_readable", "1 when the harvest job's status.json was found and read", [("", status == nil ? 0 : 1)])
        guard let status else { return out }
        if let success = status.lastSuccessAt.flatMap(seconds) {
            metric("job_last_success_timestamp_seconds", "End of the last harvest job that ended done", [("", success)])
        }
        if let finished = seconds(status.finishedAt) {
            metric("job_last_run_timestamp_seconds", "End of the last harvest job", [("", finished)])
        }
        metric("job_duration_seconds", "Duration of the last harvest job", [("", status.durationSeconds)])
        metric("job_datasets", "Datasets published by the last harvest job", [("", Double(status.datasets))])
        metric("job_status", "1 for the last harvest job's status", [RunStatus.done, .doneWithErrors, .failed].map(\.rawValue).map { (label("status", $0), $0 == status.status ? 1 : 0) })
        let sources = Set(status.datasetsPerSource.keys).union(status.staleSources.keys).union(status.failedSources.keys).sorted()
        metric("source_datasets", "Datasets of each source in the last harvest job", sources.map { (label("source", $0), Double(status.datasetsPerSource[$0] ?? 0)) })
        metric("source_stale", "1 when the source's datasets are stale copies (its harvest failed)", sources.map { (label("source", $0), status.staleSources[$0] == nil ? 0 : 1) })
        metric("source_failed", "1 when the source failed or was only partly read in the last harvest job", sources.map { (label("source", $0), status.failedSources[$0] == nil ? 0 : 1) })
        let since = sources.compactMap { id in status.staleSources[id].flatMap(seconds).map { (label("source", id), $0) } }
        if !since.isEmpty {
            metric("source_stale_since_timestamp_seconds", "Since when the source's datasets are stale copies", since)
        }
        metric("stale_sources", "Sources served from stale copies", [("", Double(status.staleSources.count))])
        return out
    }

    static func label(_ name: String, _ value: String) -> String {
        var escaped = ""
        for c in value {
            switch c {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.append(c)
            }
        }
        return "{\(name)=\"\(escaped)\"}"
    }

    static func seconds(_ timestamp: String) -> Double? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: timestamp) { return date.timeIntervalSince1970 }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: timestamp)?.timeIntervalSince1970
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
