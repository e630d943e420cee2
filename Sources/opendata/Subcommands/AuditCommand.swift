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
            Nothing is written. Statuses and the alias table are explained in docs/licences.md.

            Exit status: 0; 1 when a status named in --fail-on is present (for maintainers' own checks); \
            2 usage or configuration error.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json
    }

    @OptionGroup var configOptions: ConfigOptions

    @Option(name: .long, help: ArgumentHelp("Only this source (its id in the configuration).", valueName: "id"))
    var source: String?

    @Option(name: .long, help: ArgumentHelp("Only datasets of this publisher (exact name as shown in the table).", valueName: "name"))
    var publisher: String?

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
    }

    private func failOnStatuses() -> [String] {
        failOn.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
    }

    func run() async throws {
        let console = Console(quiet: true)
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
        let output = CatalogRunner.pipeline(setup).run(harvests, runTime: CatalogRunner.timestamp(Date()))
        let audit = output.audit.filtered(source: source, publisher: publisher)
        if audit.rows.isEmpty {
            console.error("no datasets match\(source.map { " source \($0)" } ?? "")\(publisher.map { " publisher \"\($0)\"" } ?? "")")
        }
        switch format {
        case .table:
            print(audit.table(width: Self.terminalWidth()), terminator: "")
        case .csv:
            print(audit.licencesCSV(), terminator: "")
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
