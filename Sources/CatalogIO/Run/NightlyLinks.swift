package import CatalogCore
package import Foundation

extension NightlyRunner {
    /// The link results for the nightly job's quality score. With `[links] in_nightly` the due URLs of the
    /// published snapshot are checked first (URLs new in this run are checked by the next one); a failing check
    /// is a warning, never a failed job. Nil when the store holds no results.
    static func nightlyLinks(
        _ config: AppConfig, store: CatalogStore, stateURL: URL, published: URL?, now: Date, console: Console, transport: any HTTPTransport
    ) async -> LinkResults? {
        if config.links.inNightly, let published {
            do {
                let model = published.appendingPathComponent(Catalog.modelFileName)
                let catalog = try Catalog(modelJSON: Data(contentsOf: model, options: .alwaysMapped))
                var checker = LinkChecker(settings: config.links, transport: transport, catalogBase: config.catalog.baseURI)
                checker.now = LinkChecker.clock(startingAt: now)
                let summary = try await LinkCheckRunner.checkDue(catalog, store: store, stateURL: stateURL, checker: checker, all: false, now: now, console: console)
                console.info("link check: \(summary.checked.count) of \(summary.urls) URLs checked, \(summary.broken.count) broken")
            } catch {
                console.warning("link check skipped: \(error)")
            }
        }
        do {
            let results = try store.linkResults()
            return results.isEmpty ? nil : results
        } catch {
            console.warning("cannot read link-check results: \(error); URL status stays not checked")
            return nil
        }
    }
}
