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
