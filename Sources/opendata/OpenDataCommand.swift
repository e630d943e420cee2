import ArgumentParser

@main
struct OpenDataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "opendata",
        abstract: "Harvest CKAN catalogues, normalise them to DCAT-AP.de and publish one merged catalogue.",
        subcommands: []
    )
}
