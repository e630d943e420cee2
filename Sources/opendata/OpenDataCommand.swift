import ArgumentParser
import CatalogIO

@main
struct OpenDataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "opendata",
        abstract: "Harvest CKAN catalogues, normalise them to DCAT-AP.de and publish one merged catalogue.",
        discussion: """
            Start with `opendata run`: it reads catalog/sources.toml, harvests every source (offline: the \
            recorded demo snapshots), and writes the merged catalogue and exports to public/.
            """,
        version: OpenDataVersion.current,
        subcommands: [RunCommand.self, ValidateCommand.self, AuditCommand.self]
    )
}
