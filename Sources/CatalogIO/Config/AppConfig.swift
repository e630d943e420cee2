package import Foundation
package import CatalogCore

/// How sources are read (`[harvest]` in `catalog/sources.toml`).
package struct HarvestSettings: Sendable, Hashable {
    /// Read recorded snapshots instead of the network; `--live` / `--offline` override it for one run.
    package var offline: Bool
    /// Per HTTP request (idle time without bytes).
    package var timeoutSeconds: Double
    /// Retries of 5xx, 429, timeouts and broken connections, with exponential backoff honouring `Retry-After`.
    package var retries: Int
    /// A larger response is refused (the source fails, nothing is lost).
    package var maxResponseMB: Int
    /// `package_search` page size (CKAN's maximum is 1000).
    package var rows: Int
    /// `state`: the state store (SQLite). Set, it turns on nightly mode (incremental harvests, snapshots,
    /// job history); default nil (plain run), `--state` / `--nightly` on the command line.
    package var state: URL?
    /// `keep_snapshots`: published snapshots kept in `<out>/snapshots/` (nightly mode).
    package var keepSnapshots: Int = 5
    /// `keep_days`: snapshots published within this many days are kept as well (the dated archive covers N
    /// days; `keep_snapshots` is the floor); default nil, count only.
    package var keepDays: Int?
    /// `withdraw_max_share`: if more than this share of a source's datasets vanish in one run, nothing is
    /// withdrawn (the safety valve) and the run ends doneWithErrors.
    package var withdrawMaxShare: Double = 0.2
    /// `job_timeout_minutes`: a nightly job still harvesting after this long is stopped and marked failed.
    package var jobTimeoutMinutes: Double = 120
    /// `overlap_minutes`: an incremental harvest asks for `metadata_modified` from the last high-water mark
    /// minus this margin (records committed late, portal clocks that lag are fetched again, found unchanged).
    package var overlapMinutes: Double = 60
    /// `notify_webhook`: POSTed a JSON body when a run fails and when the next one recovers.
    package var notifyWebhook: URL?
    /// `notify_command`: run under `/bin/sh -c` on failure and recovery, the same JSON on stdin.
    package var notifyCommand: String?
    /// `report_keep_jobs` / `report_keep_days`: job reports (`<out>/reports/<job>.*`) kept; 0 days: no age limit.
    package var reportKeepJobs: Int = 60
    package var reportKeepDays: Double = 90
    /// `allowed_redirect_hosts`: hosts a source may redirect to besides its own (other redirects are refused).
    package var allowedRedirectHosts: [String] = []

    package init(offline: Bool = false, timeoutSeconds: Double = 30, retries: Int = 3, maxResponseMB: Int = 256, rows: Int = 1000) {
        self.offline = offline
        self.timeoutSeconds = timeoutSeconds
        self.retries = retries
        self.maxResponseMB = maxResponseMB
        self.rows = rows
    }

    package var maxResponseBytes: Int { maxResponseMB << 20 }
}

/// How `opendata check-links` checks the published URLs (`[links]` in `catalog/sources.toml`).
package struct LinkSettings: Sendable, Hashable {
    /// `interval_hours`: a URL is checked again once its last result is this old.
    package var intervalHours: Double = 24 * 7
    /// `per_host_concurrency`: requests to one host at the same time.
    package var perHostConcurrency: Int = 2
    /// `per_host_delay_ms`: the least time between two requests to one host.
    package var perHostDelayMS: Int = 500
    /// `requests_per_second`: all hosts together.
    package var requestsPerSecond: Double = 10
    /// `timeout_seconds`: per request (idle time and whole request).
    package var timeoutSeconds: Double = 15
    /// `max_redirects`: redirects followed per URL (more: `too-many-redirects`).
    package var maxRedirects: Int = 5
    /// `max_cross_host_redirects`: of those, redirects to another host (more: `redirect-refused`).
    package var maxCrossHostRedirects: Int = 2
    /// `max_bytes`: the most body bytes read (the ranged GET of a server that ignores the range).
    package var maxBytes: Int = 64 * 1024
    /// `in_nightly`: the nightly job checks the due URLs of the published catalogue before it runs the pipeline.
    package var inNightly = false

    package init() {}

    package var interval: TimeInterval { intervalHours * 3600 }
}

/// The parsed, validated `catalog/sources.toml`. Relative `path`/`snapshot` values of sources are already
/// resolved to absolute paths against `directory`.
package struct AppConfig: Sendable {
    package var catalog: CatalogSettings
    package var harvest: HarvestSettings
    package var sources: [SourceConfig]
    /// `[dedup]`: thresholds and maintainers' same/different overrides (source priorities come from `priority`).
    package var dedup: DedupSettings = DedupSettings()
    /// `[links]`: the link checker.
    package var links: LinkSettings = LinkSettings()
    /// `[catalog] vocabularies`: the mapping vocabularies folder (default: `vocabularies/` beside the config).
    package var vocabularies: URL?
    /// `[catalog] licences`: the licence table (default: `licences.toml` beside the config).
    package var licences: URL?
    /// `[catalog] geo`: the folder of official boundaries for political geocodings (default: `geo/` beside the
    /// vocabularies; none when missing).
    package var geo: URL?
    /// `[validation]`: SHACL profiles the run validates catalog.ttl against (none by default).
    package var validation: ValidationSettings
    /// `[[hvd]]`: rules flagging high-value datasets (none by default).
    package var hvdRules: [HVDRule] = []
    /// The configuration file.
    package var fileURL: URL
    /// The folder of the configuration file; relative paths in it are resolved against this.
    package var directory: URL

    package init(catalog: CatalogSettings, harvest: HarvestSettings, sources: [SourceConfig], fileURL: URL) {
        self.catalog = catalog
        self.harvest = harvest
        self.sources = sources
        self.fileURL = fileURL
        self.directory = fileURL.deletingLastPathComponent()
        self.validation = ValidationSettings(shaclDirectory: directory.appendingPathComponent("shacl"))
    }

    /// The source with this id, if configured.
    package func source(_ id: String) -> SourceConfig? { sources.first { $0.id == id } }

    /// How `source` is read in a run that is offline or live (see `SourceReadPlan`).
    package func effectiveMode(for source: SourceConfig, offline: Bool) -> SourceReadPlan {
        SourceReadPlan.decide(source, offline: offline)
    }
}

/// Where one source's records come from in this run. The rules (docs/configuration.md, "How a source is read"):
///
/// | run | source | read from |
/// |---|---|---|
/// | any | `enabled = false` | skipped |
/// | any | `mode = "snapshot"` | its snapshot |
/// | any | `mode = "live"` (kind ckan) | the API |
/// | offline | has `snapshot` or `path` | the file |
/// | offline | `ckan` without `snapshot` | skipped, with a note |
/// | live | `demo = true` | skipped |
/// | live | `ckan` | the API |
/// | live | `ckan-dump` | the file |
package enum SourceReadPlan: Sendable, Hashable, CustomStringConvertible {
    /// Harvest the CKAN API at this portal root.
    case live(URL)
    /// Read a dump file; `snapshot` is true when it is the recorded snapshot of a `ckan` source.
    case file(URL, snapshot: Bool)
    /// Not read in this run; the reason is for the run report (English) and the site (German).
    case skip(reason: String, de: String)

    package var description: String {
        switch self {
        case .live(let url): "live from \(url.absoluteString)"
        case .file(let url, let snapshot): "\(snapshot ? "snapshot" : "file") \(url.path)"
        case .skip(let reason, _): "skipped: \(reason)"
        }
    }

    package static func decide(_ source: SourceConfig, offline: Bool) -> SourceReadPlan {
        guard source.enabled else { return .skip(reason: "disabled (enabled = false)", de: "abgeschaltet (enabled = false)") }
        let snapshot = source.snapshot.map { SourceReadPlan.file(URL(fileURLWithPath: $0), snapshot: true) }
        switch source.kind {
        case .ckanDump:
            guard let path = source.path else { return .skip(reason: "kind ckan-dump without path", de: "Art ckan-dump ohne path") }
            if source.demo, !offline { return .skip(reason: "demo source, read only in offline runs", de: "Demo-Quelle, wird nur in Offline-Läufen gelesen") }
            return .file(URL(fileURLWithPath: path), snapshot: false)
        case .dcat where source.path != nil && source.url == nil:
            if source.demo, !offline { return .skip(reason: "demo source, read only in offline runs", de: "Demo-Quelle, wird nur in Offline-Läufen gelesen") }
            return .file(URL(fileURLWithPath: source.path!), snapshot: false)
        case .ckan, .dcat:
            let live = source.url.flatMap(URL.init(string:)).map(SourceReadPlan.live)
            switch source.mode {
            case .snapshot:
                return snapshot ?? .skip(reason: "mode = \"snapshot\" but no snapshot file is configured", de: "mode = \"snapshot\", aber keine Aufzeichnung eingetragen")
            case .live:
                return live ?? .skip(reason: "mode = \"live\" but no url is configured", de: "mode = \"live\", aber keine url eingetragen")
            case nil:
                if offline {
                    return snapshot ?? .skip(reason: "offline run and no snapshot recorded (set `snapshot = \"…\"` or run with --live)", de: "Offline-Lauf und keine Aufzeichnung vorhanden (`snapshot = \"…\"` eintragen oder mit --live laufen lassen)")
                }
                if source.demo { return .skip(reason: "demo source, read only in offline runs", de: "Demo-Quelle, wird nur in Offline-Läufen gelesen") }
                return live ?? snapshot ?? .skip(reason: "no url configured", de: "keine url eingetragen")
            }
        }
    }
}
