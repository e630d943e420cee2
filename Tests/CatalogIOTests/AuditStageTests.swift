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
        #expect(Golden.difference(expected: Array(run.audit.licencesCSV().utf8), actual: Array(merged.audit.licencesCSV().utf8)) == nil)
        #expect(merged.audit.toDo.count == run.audit.toDo.count)
        let files = merged.audit.publisherFiles(), published = run.audit.publisherFiles()
        #expect(files.map(\.name) == published.map(\.name))
        for (file, other) in zip(files, published) {
            #expect(Golden.difference(expected: other.bytes, actual: file.bytes) == nil, "\(file.name)")
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
        // Compared only: the golden file is the run's (GoldenDemoTests), never rewritten from here.
        #expect(Golden.check("licences.csv", Array(printed), set: "demo", update: false) == nil)
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
            Console(quiet: true, progress: true, isTerminal: true, sink: audit.add),
            Console(quiet: true, isTerminal: true, sink: quiet.add),
            Console(quiet: true, progress: true, isTerminal: false, sink: log.add),
        ]
        for console in consoles {
            console.info("source-a: 500 fetched")
            console.progress(Pipeline.Step.merging.label, done: 2, total: 2)
            console.endProgress()
            console.endProgress()
        }
        #expect(audit.text == "\r\u{1B}[2K" + Pipeline.Step.merging.label + " [########################] 2/2 (100 %)" + "\r\u{1B}[2K")
        #expect(quiet.text.isEmpty)
        #expect(log.text.isEmpty)
    }
}
