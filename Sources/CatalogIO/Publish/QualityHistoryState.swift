package import CatalogCore
package import Foundation

/// Reads the quality history of the published snapshot (`qualitaet/verlauf.csv`) for the next run to extend;
/// nil when there is no published snapshot or it has no history yet (a first run, or a snapshot written before
/// the history existed). Bytes that are not UTF-8 are read with replacement characters, so the lines they are
/// in become findings instead of stopping the run.
package enum QualityHistoryState {
    package static func previous(in snapshot: URL?) -> QualityHistory? {
        guard let snapshot, let data = try? Data(contentsOf: snapshot.appendingPathComponent(QualityHistory.fileName)) else { return nil }
        return QualityHistory(csv: String(decoding: data, as: UTF8.self))
    }
}
