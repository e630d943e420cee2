/// The one place the tool's version lives (User-Agent, `--version`, report headers).
package enum OpenDataVersion {
    package static let current = "0.1.0"
    /// Sent with every HTTP request so portal operators can see who harvests them and reach us.
    package static let userAgent = "opendata/\(current) (+https://github.com/stadt-aachen/opendata)"
}
