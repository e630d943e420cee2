package import CatalogCore
import Foundation

/// Renders the outputs that golden files freeze beyond the files a run writes.
package enum GoldenOutputs {
    /// The site URL `opendata serve` puts into CKAN `help` links when called as `http://127.0.0.1:8080`.
    package static let siteURL = "http://127.0.0.1:8080"

    /// The CKAN Action API exactly as `opendata serve` builds it for a snapshot: `catalog.model.json` decoded with
    /// JSONDecoder, then the search index (see `SnapshotStore.load`).
    package static func api(model: [UInt8]) -> CKANActionAPI {
        let catalog = try! Catalog(modelJSON: Data(model))
        return CKANActionAPI(index: CKANSearchIndex(catalog: catalog), siteTitle: catalog.title, siteURL: siteURL)
    }

    /// report.json as a run writes it (`RunReport.jsonData()`), with the values that differ between runs and
    /// machines normalised: source durations are 0 and paths inside the checkout are relative to it.
    package static func normalisedReport(_ report: RunReport) -> [UInt8] {
        var normalised = report
        for i in normalised.sources.indices { normalised.sources[i].durationSeconds = 0 }
        let root = Fixtures.packageRoot.standardizedFileURL.path
        let text = String(decoding: normalised.jsonData(), as: UTF8.self)
        return Array(text.replacingOccurrences(of: root.hasSuffix("/") ? root : root + "/", with: "").utf8)
    }
}
