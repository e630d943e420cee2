import ArgumentParser
import CatalogIO
import Foundation

/// `opendata run`: harvest → normalise → deduplicate → audit → export, in one go.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Harvest all sources and publish the merged catalogue and exports.",
        discussion: """
            Reads the sources configuration, harvests every enabled source (offline: its recorded snapshot; \
            --live: its CKAN API), maps records to DCAT-AP.de, merges duplicates, audits licences and quality and \
            writes to the output folder: catalog.ttl/.rdf/.jsonld, datasets.csv and distributions.csv (also for \
            German Excel), datapackage.json, datasets.geojson, licences.csv/.html, duplicates.csv, quality.csv, \
            report.json with every finding in findings.jsonl, feeds and the static German site (index.html, one \
            page per dataset), plus what `opendata serve` reads. README.md lists every file.

            Exit status: 0 all sources harvested; 1 some source failed (the rest is still published); \
            2 usage or configuration error.
            """
    )

    @OptionGroup var configOptions: ConfigOptions
    @OptionGroup var output: OutputOptions

    @Option(name: .long, help: ArgumentHelp("Output folder for the catalogue and exports.", valueName: "dir"))
    var out: String = "public"

    @Flag(name: .long, help: "Harvest live sources over HTTP (overrides `offline = true` in the config); demo sources are left out.")
    var live = false

    @Flag(name: .long, help: "Read recorded snapshots only, never the network (overrides `offline = false`).")
    var offline = false

    @Option(name: .long, help: ArgumentHelp("Nightly mode with this state store (SQLite): incremental harvests, snapshots under <dir>/snapshots with <dir>/current, job history, one job at a time. Also on with --nightly or `[harvest] state`.", valueName: "path"))
    var state: String?

    @Flag(name: .long, help: "Nightly mode with the default state store <out>/.opendata/state.sqlite (unless `[harvest] state` names one).")
    var nightly = false

    @Flag(name: .long, help: "Nightly mode: fetch every live source completely, ignoring the last high-water mark.")
    var full = false

    @Flag(name: .customLong("validate"), help: "Validate catalog.ttl against the official SHACL shapes in the run ([validation] profiles, else DCAT-AP.de, DCAT-AP 3.0.1 and GovData's dashboard, and DCAT-AP HVD when the config has [[hvd]] rules; needs python3 with pyshacl, see `opendata validate`). Results: validierung.json, validierung/index.html, report.json and the quality score.")
    var validateShapes = false

    func validate() throws {
        if live && offline { throw ValidationError("--live and --offline exclude each other.") }
    }

    /// Nightly mode: asked for on the command line, or the config names a state store.
    /// Ends the process with the run's status without freeing what the run built: the summary holds the whole
    /// catalogue (datasets, the merge's and the audit's results), and taking it apart value by value only to
    /// exit costs time that grows with the catalogue. Everything is written and flushed by now.
    private static func exitKeepingMemory(_ code: Int32) -> Never {
        fflush(nil)  // every output stream
        Foundation.exit(code)
    }

    private func nightlyMode(_ configURL: URL) -> Bool {
        if state != nil || nightly || full { return true }
        return (try? ConfigLoader.load(configURL))?.harvest.state != nil
    }

    func run() async throws {
        ProcessHeap.configureForRun()
        let console = Console(format: output.logFormat == .json ? .json : .text, quiet: output.quiet, verbose: output.verbose)
        let options = CatalogRunner.Options(
            configURL: URL(fileURLWithPath: configOptions.config),
            outputDirectory: URL(fileURLWithPath: out),
            live: live ? true : (offline ? false : nil), validate: validateShapes)
        do {
            if nightlyMode(options.configURL) {
                let nightly = NightlyRunner.Options(
                    configURL: options.configURL, outputDirectory: options.outputDirectory, live: options.live,
                    state: state.map { URL(fileURLWithPath: $0) }, full: full, validate: validateShapes)
                let summary = try await NightlyRunner.run(nightly, console: console)
                Self.exitKeepingMemory(summary.exitCode)
            }
            let summary = try await CatalogRunner.run(options, console: console)
            Self.exitKeepingMemory(summary.exitCode)
        } catch {
            console.error(error.description)
            throw ExitCode(error.exitCode)
        }
    }
}
