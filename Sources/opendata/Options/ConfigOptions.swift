import ArgumentParser

/// `--config`, shared by every command that reads the sources configuration.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The sources configuration (TOML).", valueName: "file"))
    var config: String = "catalog/sources.toml"
}

/// How log lines look.
enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

/// `--log-format`, `--quiet`, `--verbose`.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Log format on stderr: text (for people) or json (one object per line, for journald/cron mail).")
    var logFormat: LogFormat = .text

    @Flag(name: [.short, .long], help: "Only print warnings, errors and the closing summary, no progress or info lines (run: a line per source and the totals, not the findings by kind).")
    var quiet = false

    @Flag(name: [.short, .long], help: "Print more detail on stderr (run: every finding, not only the summary; check-links: every broken link; serve: debug logs).")
    var verbose = false
}
