import ArgumentParser
import CatalogIO
import Foundation

@main
struct OpenDataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "opendata",
        abstract: "Harvest CKAN catalogues, normalise them to DCAT-AP.de and publish one merged catalogue.",
        discussion: """
            Start with `opendata run`: it reads catalog/sources.toml, harvests every source (offline: the \
            recorded demo snapshots), and writes the merged catalogue and exports to public/. \
            `opendata serve` then serves them. Exit status of every command: 0 success; 1 some source or \
            check failed; 2 usage or configuration error.
            """,
        version: OpenDataVersion.current,
        subcommands: [RunCommand.self, ServeCommand.self, PublishCommand.self, HistoryCommand.self, AuditCommand.self, CheckLinksCommand.self, ValidateCommand.self, NotifyCommand.self]
    )

    /// Like ArgumentParser's default entry point, but usage errors exit with 2 (our documented contract)
    /// instead of 64.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
