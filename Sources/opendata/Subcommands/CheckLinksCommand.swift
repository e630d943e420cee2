import ArgumentParser
import CatalogCore
import CatalogIO
import Foundation

/// `opendata check-links`: the access and download URLs of the published catalogue, checked politely.
struct CheckLinksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-links",
        abstract: "Check the access and download URLs of the published catalogue (HEAD, else a ranged GET).",
        discussion: """
            Reads the published catalogue (<out>/catalog.model.json, or <out>/current/ in nightly mode), checks \
            every distinct access and download URL that is due (never checked, or last checked longer ago than \
            [links] interval_hours) and stores the results in the state store (table link_checks). Limits, timeouts \
            and redirects follow [links] in the configuration (docs/configuration.md). The next `opendata run` \
            scores the MQA indicators accessURL-status and downloadURL-status from the stored results and lists \
            the broken links per publisher. Never part of `opendata run` unless [links] in_nightly is set.

            Exit status: 0 every URL of the catalogue answered (2xx/3xx) at its latest check; 1 some URL is broken \
            (listed on stderr, or in --json); 2 configuration error, no published catalogue, or the state store \
            cannot be opened.
            """
    )

    @OptionGroup var configOptions: ConfigOptions

    @Option(name: .long, help: ArgumentHelp("The published output folder (of `opendata run` or nightly mode).", valueName: "dir"))
    var out: String = "public"

    @Option(name: .long, help: ArgumentHelp(
        "The state store (default: [harvest] state, else <out>/.opendata/state.sqlite as nightly mode uses; for a plain output <out>.snapshots/.opendata/state.sqlite).",
        valueName: "path"))
    var state: String?

    @Flag(name: .long, help: "Check every URL, not only the due ones.")
    var all = false

    @Flag(name: .long, help: "Print the latest result of every URL as one JSON object per line on stdout.")
    var json = false

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let console = Console(format: output.logFormat == .json ? .json : .text, quiet: output.quiet, verbose: output.verbose)
        let options = LinkCheckRunner.Options(
            configURL: URL(fileURLWithPath: configOptions.config), outputDirectory: URL(fileURLWithPath: out),
            state: state.map { URL(fileURLWithPath: $0) }, all: all)
        let summary: LinkCheckRunner.Summary
        do {
            summary = try await LinkCheckRunner.run(options, console: console)
        } catch {
            console.error(error.description)
            throw ExitCode(error.exitCode)
        }
        if json {
            for r in summary.latest { print(Self.jsonLine(r)) }
        }
        let broken = summary.broken
        if !json, !broken.isEmpty {
            for r in broken.prefix(output.verbose ? broken.count : 50) {
                console.warning("\(r.outcome.rawValue)\t\(r.status.map(String.init) ?? "-")\t\(r.url)\t\(r.message)")
            }
            if !output.verbose, broken.count > 50 { console.warning("… and \(broken.count - 50) more (--verbose or --json lists all)") }
        }
        var counts: [LinkOutcome: Int] = [:]
        for r in summary.latest { counts[r.outcome, default: 0] += 1 }
        let byOutcome = LinkOutcome.allCases.compactMap { o in counts[o].map { "\(o.rawValue) \($0)" } }.joined(separator: ", ")
        console.summary("checked \(summary.checked.count) of \(summary.urls) URLs; latest results: \(byOutcome.isEmpty ? "none" : byOutcome); \(broken.count) broken; state \(summary.stateURL.path)")
        if !broken.isEmpty { throw ExitCode(1) }
    }

    static func jsonLine(_ r: LinkResult) -> String {
        let object: [String: Any] = [
            "url": r.url, "outcome": r.outcome.rawValue, "status": r.status.map { $0 as Any } ?? NSNull(),
            "finalURL": r.finalURL.map { $0 as Any } ?? NSNull(), "checkedAt": r.checkedAtText, "message": r.message,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
