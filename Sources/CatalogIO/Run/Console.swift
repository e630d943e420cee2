import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Human-facing output on stderr: progress lines on a terminal, plain lines in logs, or JSON lines
/// (`--log-format json`) for journald and cron mail. stdout stays free for data.
package final class Console: @unchecked Sendable {
    package enum Format: Sendable { case text, json }

    private let format: Format
    /// `--quiet`: `info` lines are left out; warnings, errors and `summary` lines are shown.
    package let quiet: Bool
    package let verbose: Bool
    private let isTerminal: Bool
    private let showsProgress: Bool
    private let sink: @Sendable (String) -> Void
    private let lock = NSLock()
    private var progressShown = false

    /// `progress`: show progress on a terminal even when `quiet` (a command whose stdout is its result, such as
    /// `opendata audit licences`, is quiet but may take minutes); by default progress is shown unless quiet.
    package convenience init(format: Format = .text, quiet: Bool = false, verbose: Bool = false, progress: Bool? = nil) {
        self.init(format: format, quiet: quiet, verbose: verbose, progress: progress, isTerminal: isatty(STDERR_FILENO) == 1) {
            FileHandle.standardError.write(Data($0.utf8))
        }
    }

    /// As above, writing to `sink` as if to a terminal or not (tests).
    package init(format: Format = .text, quiet: Bool = false, verbose: Bool = false, progress: Bool? = nil, isTerminal: Bool,
                 sink: @escaping @Sendable (String) -> Void) {
        self.format = format
        self.quiet = quiet
        self.verbose = verbose
        self.isTerminal = isTerminal
        self.showsProgress = progress ?? !quiet
        self.sink = sink
    }

    /// A normal status line (`level` info).
    package func info(_ message: String, _ metadata: [String: String] = [:]) {
        guard !quiet else { return }
        emit("info", message, metadata)
    }

    package func warning(_ message: String, _ metadata: [String: String] = [:]) {
        emit("warning", message, metadata)
    }

    package func error(_ message: String, _ metadata: [String: String] = [:]) {
        emit("error", message, metadata)
    }

    /// A line that is always shown (the final summary), even with `--quiet`.
    package func summary(_ message: String, _ metadata: [String: String] = [:]) {
        emit("info", message, metadata)
    }

    /// Progress of a long step. On a terminal it rewrites one line; elsewhere it is silent (a log wants
    /// the per-source result lines, not hundreds of progress ticks).
    package func progress(_ label: String, done: Int, total: Int?) {
        guard isTerminal, format == .text, showsProgress else { return }
        let text: String
        if let total, total > 0 {
            let pct = min(100, done * 100 / total)
            let width = 24
            let filled = width * min(done, total) / total
            text = "\(label) [\(String(repeating: "#", count: filled))\(String(repeating: ".", count: width - filled))] \(done)/\(total) (\(pct) %)"
        } else {
            text = "\(label) \(done)"
        }
        lock.lock()
        defer { lock.unlock() }
        progressShown = true
        write("\r\u{1B}[2K" + text)
    }

    /// Clears the progress line, if one is shown, before a command prints its result.
    package func endProgress() {
        lock.lock()
        defer { lock.unlock() }
        clearProgressLine()
    }

    /// With `lock` held: erases the progress line, if one is shown.
    private func clearProgressLine() {
        guard progressShown else { return }
        write("\r\u{1B}[2K")
        progressShown = false
    }

    private func emit(_ level: String, _ message: String, _ metadata: [String: String]) {
        lock.lock()
        defer { lock.unlock() }
        clearProgressLine()
        switch format {
        case .text:
            let prefix = level == "info" ? "" : "\(level): "
            write(prefix + message + "\n")
        case .json:
            var object: [String: String] = metadata
            object["level"] = level
            object["message"] = message
            object["time"] = ISO8601DateFormatter().string(from: Date())
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            if let data = try? encoder.encode(object), let line = String(data: data, encoding: .utf8) {
                write(line + "\n")
            }
        }
    }

    private func write(_ s: String) { sink(s) }
}
