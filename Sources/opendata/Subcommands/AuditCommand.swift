import ArgumentParser
import CatalogCore
import CatalogIO
import Foundation

/// `opendata audit`: reports for maintainers.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audits for maintainers (licence gaps).",
        subcommands: [AuditLicencesCommand.self]
    )
}

/// `opendata audit licences`: which datasets lack a usable open licence, per source and publisher, and why.
struct AuditLicencesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "licences",
        abstract: "Show licence gaps per source and publisher: missing, unknown, invalid, closed, restricted, conflicting.",
        discussion: """
            Harvests the configured sources exactly like `opendata run` (offline by default: the recorded \
            snapshots), maps and deduplicates them, and classifies every dataset and distribution licence. \
            Nothing is written. On a terminal, stderr shows the progress. Statuses and the alias table are \
            explained in docs/licences.md.

            The table and licences.html list only what is to do, in groups (missing, unknown, not-open, \
            conflicting, version-assumed, then attribution-missing); --format csv prints every row (licences.csv). \
            --per-publisher DIR writes DIR/<publisher-key>.csv, one to-do list per publisher, ready to mail.

            Exit status: 0; 1 when a status named in --fail-on is present (for maintainers' own checks); \
            2 configuration error, unknown --source, --publisher naming no single publisher (the names are \
            listed), or a folder that cannot be written; 64 an unknown code in --status or --fail-on.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json
    }

    @OptionGroup var configOptions: ConfigOptions

    @Option(name: .long, help: ArgumentHelp("Only this source (its id in the configuration).", valueName: "id"))
    var source: String?

    @Option(name: .long, help: ArgumentHelp(
        "Only datasets of this publisher: its full name, or the start of exactly one name (a name cut off with '…' works).",
        valueName: "name"))
    var publisher: String?

    @Option(
        name: .long, parsing: .upToNextOption,
        help: ArgumentHelp(
            "Only these to-do groups or licence statuses (comma-separated): \(LicenceAudit.filterCodes.joined(separator: ", ")).",
            valueName: "codes"))
    var status: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "Also write one to-do CSV per publisher (German Excel: UTF-8 with BOM, ';') into this folder, e.g. lizenzen.",
        valueName: "folder"))
    var perPublisher: String?

    @Option(name: .long, help: "Output: table (readable), csv (licences.csv rows) or json (the report.json licence section).")
    var format: Format = .table

    @Option(
        name: .long, parsing: .upToNextOption,
        help: ArgumentHelp(
            "Exit 1 when any of these statuses is present (comma-separated): \(LicenceStatus.allCases.map(\.rawValue).joined(separator: ", ")).",
            valueName: "statuses"))
    var failOn: [String] = []

    @Flag(name: .long, help: "Harvest live sources over HTTP instead of the recorded snapshots.")
    var live = false

    func validate() throws {
        for status in failOnStatuses() where LicenceStatus(rawValue: status) == nil {
            throw ValidationError("--fail-on: unknown status '\(status)'; expected one of \(LicenceStatus.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        for code in Self.codes(status) where !LicenceAudit.filterCodes.contains(code) {
            throw ValidationError("--status: unknown code '\(code)'; expected one of \(LicenceAudit.filterCodes.joined(separator: ", ")).")
        }
    }

    private func failOnStatuses() -> [String] { Self.codes(failOn) }

    private static func codes(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",").map { $0.trimmedBlanks() } }.filter { !$0.isEmpty }
    }

    func run() async throws {
        // Quiet (stdout is the result), but on a terminal the harvest and the two steps show their progress: a
        // live harvest or a large catalogue takes minutes.
        let console = Console(quiet: true, progress: true)
        let setup: CatalogRunner.Setup
        do {
            setup = try CatalogRunner.setup(configURL: URL(fileURLWithPath: configOptions.config))
        } catch {
            console.error(error.description)
            throw ExitCode(2)
        }
        if let source, setup.config.source(source) == nil {
            console.error("--source \(source): no such source in \(configOptions.config) (ids: \(setup.config.sources.map(\.id).joined(separator: ", ")))")
            throw ExitCode(2)
        }
        let offline = !live  // the audit reads the recorded snapshots unless --live is given
        let harvests = await CatalogRunner.harvest(setup.config, offline: offline, console: console, mapping: setup)
        // Only the map and merge steps: the audit is made there, and nothing else of a run is shown or written.
        let output = CatalogRunner.pipeline(setup, console: console, lastStep: .merging).merged(harvests)
        console.endProgress()
        var publisherName: String?
        if let publisher {
            let names = output.audit.filtered(source: source).publisherNames
            switch LicenceAudit.matchPublisher(publisher, in: names) {
            case let .success(name): publisherName = name
            case let .failure(error):
                console.error("--publisher: \(error.description)")
                throw ExitCode(2)
            }
        }
        let audit = output.audit.filtered(source: source, publisher: publisherName).filtered(codes: Set(Self.codes(status)))
        if audit.rows.isEmpty {
            console.error("no datasets match\(source.map { " source \($0)" } ?? "")\(publisherName.map { " publisher \"\($0)\"" } ?? "")"
                + (status.isEmpty ? "" : " status \(Self.codes(status).joined(separator: ","))"))
        }
        if let perPublisher {
            let files = audit.publisherFiles()
            do {
                _ = try OutputWriter.write(files, to: URL(fileURLWithPath: perPublisher))
            } catch {
                console.error("--per-publisher: \(error.localizedDescription)")
                throw ExitCode(2)
            }
            FileHandle.standardError.write(Data("wrote \(files.count) to-do files (one per publisher) to \(perPublisher)\n".utf8))
        }
        switch format {
        case .table:
            print(audit.table(width: Self.terminalWidth()), terminator: "")
        case .csv:
            // Piece by piece, as the run writes licences.csv: at 100 k datasets the whole text is 236 MB.
            audit.licencesCSVPieces { piece in piece.withUnsafeBytes { FileHandle.standardOutput.write(Data($0)) } }
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(audit.reportSection()), as: UTF8.self))
        }
        let present = audit.presentStatuses.map(\.rawValue)
        let failing = failOnStatuses().filter(present.contains)
        if !failing.isEmpty {
            console.error("licence statuses present that --fail-on names: \(failing.sorted().joined(separator: ", "))")
            throw ExitCode(1)
        }
    }

    static func terminalWidth() -> Int {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 40 { return columns }
        return 120
    }
}
