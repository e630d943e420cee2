package import Foundation

/// How `opendata serve` runs.
package struct ServerConfiguration: Sendable {
    package var host: String
    package var port: Int
    /// The published snapshot folder, or a `current` symlink that the nightly job switches atomically.
    package var directory: URL
    /// How often the folder is checked for a new snapshot (SIGHUP checks at once).
    package var reloadInterval: Duration
    /// Largest POST body accepted by the API (CKAN action parameters are small).
    package var maxBodySize: Int
    /// Longest request target (path + query) accepted; longer ones get 414.
    package var maxURILength: Int
    /// A connection without a request in progress (including one whose request head has not fully arrived:
    /// slow headers) is closed after this long.
    package var idleTimeout: Duration = .seconds(15)
    /// A request body (POST to the API) must arrive within this long, else 408.
    package var requestTimeout: Duration = .seconds(10)
    /// Open connections at most; more wait in the listen backlog until one closes. Capped at start to the
    /// open-file limit (raised to its hard limit when allowed) minus a reserve for files.
    package var maxConnections: Int = 10_000
    /// The harvest job's `status.json` for the job metrics at `/metrics`; nil: looked up beside the served folder
    /// (`<dir>/status.json`, `<dir>.snapshots/status.json`, `<dir>/../status.json`).
    package var statusFile: URL?
    /// Open-file descriptors kept free for static files and snapshot loads.
    package static let fileReserve = 256

    package init(
        host: String = "127.0.0.1", port: Int = 8080, directory: URL, reloadInterval: Duration = .seconds(5),
        maxBodySize: Int = 1 << 20, maxURILength: Int = 8192
    ) {
        self.host = host
        self.port = port
        self.directory = directory
        self.reloadInterval = reloadInterval
        self.maxBodySize = maxBodySize
        self.maxURILength = maxURILength
    }
}
