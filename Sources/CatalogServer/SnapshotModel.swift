package import CatalogCore
package import Foundation
import Synchronization

/// A snapshot's catalogue as the server holds it. With server-index.bin (written by every run) only the
/// catalogue's own facts are read at load; a dataset is read from the mapped catalog.model.json when a request
/// needs it (its RDF, a catalogue page), and the whole catalogue only for the `/suche` page's site model, once.
/// Without the index (a snapshot from an older version, or a folder with only the model) the catalogue was read
/// whole at load and every call answers from it.
package final class SnapshotModel: Sendable {
    /// The catalogue without its datasets.
    package let head: Catalog
    package let count: Int
    private let mapped: (data: Data, ranges: [Range<Int>])?
    private let whole = Mutex<Catalog?>(nil)

    /// A catalogue read whole.
    package init(_ catalog: Catalog) {
        var head = catalog
        head.datasets = []
        self.head = head
        count = catalog.datasets.count
        mapped = nil
        whole.withLock { $0 = catalog }
    }

    /// A catalogue read dataset by dataset from `model` (catalog.model.json, mapped) at `ranges`.
    package init(head: Catalog, model: Data, ranges: [Range<Int>]) {
        self.head = head
        count = ranges.count
        mapped = (model, ranges)
    }

    /// Whether datasets are read from the mapped model on demand (the server index was used).
    package var isMapped: Bool { mapped != nil }

    /// The dataset at `position` (0 ..< count).
    package func dataset(at position: Int) throws(ModelJSONError) -> Dataset {
        try datasets(position..<position + 1)[0]
    }

    /// The datasets at `positions`, in order.
    package func datasets(_ positions: Range<Int>) throws(ModelJSONError) -> [Dataset] {
        precondition(positions.lowerBound >= 0 && positions.upperBound <= count, "datasets \(positions) of \(count)")
        if let mapped {
            return try Catalog.datasets(modelJSON: mapped.data, ranges: Array(mapped.ranges[positions]))
        }
        return Array(whole.withLock { $0! }.datasets[positions])
    }

    /// The whole catalogue; read on first use when datasets are read on demand.
    package func catalog() throws(ModelJSONError) -> Catalog {
        let result = whole.withLock { c -> Result<Catalog, ModelJSONError> in
            if let c { return .success(c) }
            guard let mapped else { preconditionFailure("a catalogue read whole keeps it") }
            return Result { () throws(ModelJSONError) in
                var read = head
                read.datasets = try Catalog.datasets(modelJSON: mapped.data, ranges: mapped.ranges)
                c = read
                return read
            }
        }
        return try result.get()
    }
}
