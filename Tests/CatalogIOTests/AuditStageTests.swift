import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

@testable import CatalogIO

/// `opendata audit licences` runs the map and merge steps alone (`Pipeline.merged`), not the whole run with every
/// output kept in memory; what it reports must be what a run publishes.
@Suite struct AuditStageTests {
    @Test func theMergeStageAloneGivesTheRunsAudit() async {
        let merged = CatalogRunner.pipeline(DemoOutput.setup).merged(await DemoOutput.harvests())
        let run = await DemoOutput.run.value
        #expect(Self.firstDifference(merged.audit.licencesCSV(), run.audit.licencesCSV()) == nil)
        #expect(merged.audit.toDo.count == run.audit.toDo.count)
        let files = merged.audit.publisherFiles(), published = run.audit.publisherFiles()
        #expect(files.map(\.name) == published.map(\.name))
        for (file, other) in zip(files, published) {
            #expect(Self.firstDifference(String(decoding: file.bytes, as: UTF8.self), String(decoding: other.bytes, as: UTF8.self)) == nil, "\(file.name)")
        }
        #expect(merged.catalog.datasets.map(\.uri) == run.catalog.datasets.map(\.uri))
        #expect(merged.catalog.datasets.map { $0.facts.licence } == run.catalog.datasets.map { $0.facts.licence })
    }

    /// The command itself on the offline demo: its CSV is the published licences.csv (golden file), byte for byte.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: opendataBinary.path), "build the opendata binary first"))
    func theCommandPrintsThePublishedLicencesCSV() throws {
        let process = Process()
        process.executableURL = opendataBinary
        process.arguments = ["audit", "licences", "--format", "csv", "--config", Fixtures.catalog("sources.toml").path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let printed = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let golden = try Data(contentsOf: Fixtures.packageRoot.appendingPathComponent("Tests/Golden/demo/licences.csv"))
        #expect(Self.firstDifference(String(decoding: printed, as: UTF8.self), String(decoding: golden, as: UTF8.self)) == nil)
    }

    /// What a console wrote (tests).
    final class Written: @unchecked Sendable {
        private let lock = NSLock()
        private var parts: [String] = []
        var text: String { lock.withLock { parts.joined() } }
        func add(_ s: String) { lock.withLock { parts.append(s) } }
    }

    /// The audit's console is quiet (stdout is its result) but shows progress on a terminal, and clears the
    /// progress line before the result is printed; a plain quiet console shows none, nor does a log.
    @Test func aQuietConsoleShowsProgressOnlyWhenAskedAndOnATerminal() {
        let audit = Written(), quiet = Written(), log = Written()
        let consoles = [
            (Console(quiet: true, progress: true, isTerminal: true, sink: audit.add), audit),
            (Console(quiet: true, isTerminal: true, sink: quiet.add), quiet),
            (Console(quiet: true, progress: true, isTerminal: false, sink: log.add), log),
        ]
        for (console, _) in consoles {
            console.info("source-a: 500 fetched")
            console.progress(Pipeline.Step.merging.label, done: 2, total: 2)
            console.endProgress()
            console.endProgress()
        }
        #expect(audit.text == "\r\u{1B}[2K" + Pipeline.Step.merging.label + " [########################] 2/2 (100 %)" + "\r\u{1B}[2K")
        #expect(quiet.text.isEmpty)
        #expect(log.text.isEmpty)
    }

    /// The first line where two texts differ, with both versions; nil when they are the same.
    static func firstDifference(_ text: String, _ expected: String) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let wanted = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(lines.count, wanted.count) {
            let got = index < lines.count ? String(lines[index]) : "(no line)"
            let want = index < wanted.count ? String(wanted[index]) : "(no line)"
            if got != want { return "line \(index + 1): \(got.prefix(300)) — expected: \(want.prefix(300))" }
        }
        return nil
    }
}
