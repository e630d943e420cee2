package import CatalogCore
package import CatalogIO

/// The offline demo run (catalog/sources.toml, recorded sources, fixed run time) as `opendata run` makes it,
/// rendered once per test process: every suite that only reads the demo's output shares this one run (a demo
/// pipeline in a debug build costs about 10 s of CPU; the suites used to make it a dozen times).
package enum DemoOutput {
    package static let runTime = "2026-11-21T03:00:00Z"
    package static let setup: CatalogRunner.Setup = try! CatalogRunner.setup(configURL: Fixtures.catalog("sources.toml"))

    /// The demo's sources read from their recordings, mapped while read as `opendata run` does.
    package static func harvests() async -> [SourceHarvest] {
        await CatalogRunner.harvest(setup.config, offline: true, console: Console(quiet: true), mapping: setup)
    }

    package static let run = Task<Pipeline.Output, Never> {
        CatalogRunner.pipeline(setup).run(await harvests(), runTime: runTime)
    }

    package static var files: [ExportFile] { get async { await run.value.files } }
}
