import CatalogCore

extension ConfigLoader {
    /// `[links]`: the link checker's limits (docs/configuration.md, "Link checking").
    static func readLinks(_ t: Table) throws(ConfigError) -> LinkSettings {
        var s = LinkSettings()
        if let hours = try t.number("interval_hours") {
            guard hours >= 0, hours <= 24 * 365 else { throw t.error("interval_hours", "expected a number of hours from 0 to 8760 (0: check every URL every time), found \(hours)") }
            s.intervalHours = hours
        }
        if let n = try t.int("per_host_concurrency") {
            guard (1...16).contains(n) else { throw t.error("per_host_concurrency", "expected an integer from 1 to 16 (requests to one host at a time), found \(n)") }
            s.perHostConcurrency = n
        }
        if let ms = try t.int("per_host_delay_ms") {
            guard (0...60_000).contains(ms) else { throw t.error("per_host_delay_ms", "expected milliseconds from 0 to 60000, found \(ms)") }
            s.perHostDelayMS = ms
        }
        if let rps = try t.number("requests_per_second") {
            guard rps > 0, rps <= 1000 else { throw t.error("requests_per_second", "expected a number greater than 0 and at most 1000, found \(rps)") }
            s.requestsPerSecond = rps
        }
        if let timeout = try t.number("timeout_seconds") {
            guard timeout > 0, timeout <= 300 else { throw t.error("timeout_seconds", "expected a number of seconds greater than 0 and at most 300, found \(timeout)") }
            s.timeoutSeconds = timeout
        }
        if let n = try t.int("max_redirects") {
            guard (0...20).contains(n) else { throw t.error("max_redirects", "expected an integer from 0 to 20, found \(n)") }
            s.maxRedirects = n
        }
        if let n = try t.int("max_cross_host_redirects") {
            guard (0...20).contains(n) else { throw t.error("max_cross_host_redirects", "expected an integer from 0 to 20, found \(n)") }
            s.maxCrossHostRedirects = n
        }
        if let bytes = try t.int("max_bytes") {
            guard (1...(16 << 20)).contains(bytes) else { throw t.error("max_bytes", "expected a number of bytes from 1 to 16777216, found \(bytes)") }
            s.maxBytes = bytes
        }
        if let nightly = try t.bool("in_nightly") { s.inNightly = nightly }
        try t.finish()
        return s
    }
}
