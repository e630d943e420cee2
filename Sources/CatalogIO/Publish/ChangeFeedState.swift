package import CatalogCore
package import Foundation

/// Reads the change-feed state of the published snapshot (`feeds/stand.tsv`, `feeds/eintraege.tsv`) for the
/// next run to compare with; nil when there is no published snapshot or it has no state yet (a first run, or
/// a snapshot written before feeds existed), so that run lists no changes instead of every dataset as new.
package enum ChangeFeedState {
    package static func previous(in snapshot: URL?) -> ChangeFeed.State? {
        guard let snapshot,
              let state = try? String(contentsOf: snapshot.appendingPathComponent(ChangeFeed.stateFile), encoding: .utf8)
        else { return nil }
        let entries = (try? String(contentsOf: snapshot.appendingPathComponent(ChangeFeed.entriesFile), encoding: .utf8)) ?? ""
        return ChangeFeed.state(stateTSV: state, entriesTSV: entries)
    }
}
