package import CatalogCore

extension ServerIndexFile {
    /// The file for `catalog`, whose catalog.model.json is `model` (as `catalog.modelJSON()` wrote it), whole,
    /// as tests and test snapshots need it (a run hands it over in pieces, `stream`). Nil when `model` does not
    /// have the shape `modelJSON()` writes.
    package static func bytes(_ catalog: Catalog, model: [UInt8]) -> [UInt8]? {
        guard let ranges = modelRanges(model, count: catalog.datasets.count) else { return nil }
        var out: [UInt8] = []
        stream(catalog, modelSize: model.count, modelRanges: ranges) { out += $0 }
        return out
    }
}

extension QualityReport {
    /// quality.csv whole, its pieces joined (a run hands it over in pieces, `csvPieces`).
    package func csvText() -> String {
        let collected = FileCollector()
        csvPieces(collected.add)
        return collected.files().first?.text ?? ""
    }
}
