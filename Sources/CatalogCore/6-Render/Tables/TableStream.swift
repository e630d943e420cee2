/// datasets.csv, distributions.csv, their Excel twins (SpreadsheetExport) and datasets.geojson are handed to the
/// writer in pieces, like the RDF files: the header first, then the rows of each chunk of `rowsPerChunk`, rendered
/// `chunksPerBatch` chunks at a time in parallel, in export order. No file is ever one string, and no list of
/// every row is kept; each chunk's rows are rendered once for both dialects.
enum TableStream {
    static let rowsPerChunk = 1024
    static let chunksPerBatch = 8

    /// `render` for consecutive ranges of `0..<count`, `per` items each, up to `chunksPerBatch` ranges in
    /// parallel; `each` gets the results in order, on the calling thread.
    static func inChunks<T>(_ count: Int, per: Int = rowsPerChunk, _ render: @escaping (Range<Int>) -> T, each: (T) -> Void) {
        let per = max(1, per)
        ParallelMap.inBatches(Array(stride(from: 0, to: count, by: per)), batch: chunksPerBatch, minimum: 2, chunk: 1, { start in
            render(start..<min(count, start + per))
        }, each: each)
    }

    /// A CSV file (RFC 4180 unless `dialect` says otherwise) of `count` items, item `i` giving the lines
    /// `rows(i)` (about `rowsPerItem` of them): the header, then one piece per chunk of items, about
    /// `rowsPerChunk` lines each (quality.csv, licences.csv, the per-publisher to-do lists).
    static func csv(
        _ name: String, header: [String], dialect: CSVWriter.Dialect = .rfc4180, count: Int, rowsPerItem: Int = 1,
        rows: @escaping (Int) -> [[String]], hand: (ExportFile) -> Void
    ) {
        hand(ExportFile(name: name, text: CSVWriter.headerText(header, dialect: dialect)))
        inChunks(count, per: rowsPerChunk / max(1, rowsPerItem), { range in
            CSVWriter.rowsBytes(range.flatMap(rows), columns: header.count, dialect: dialect)
        }) { hand(.piece(name, bytes: $0)) }
    }

    /// datasets.csv and datasets-excel.csv from the datasets in export order (`TabularExport.sortedDatasets`).
    static func datasets(_ sorted: [Dataset], hand: (ExportFile) -> Void) {
        let columns = TabularExport.datasetColumns.map(\.name), excel = SpreadsheetExport.datasetHeader
        tables(sorted.count, names: ("datasets.csv", SpreadsheetExport.datasetsFile), headers: (columns, excel),
               plan: SpreadsheetExport.datasetPlan, row: { TabularExport.datasetRow(sorted[$0]) }, hand: hand)
    }

    /// distributions.csv and distributions-excel.csv (rows in `TabularExport.distributionOrder`).
    static func distributions(_ datasets: [Dataset], hand: (ExportFile) -> Void) {
        let order = TabularExport.distributionOrder(datasets)
        let columns = TabularExport.distributionColumns.map(\.name), excel = SpreadsheetExport.distributionHeader
        tables(order.count, names: ("distributions.csv", SpreadsheetExport.distributionsFile), headers: (columns, excel),
               plan: SpreadsheetExport.distributionPlan, row: { TabularExport.distributionRow(datasets[order[$0].dataset], order[$0].distribution) },
               hand: hand)
    }

    /// An RFC 4180 file and its Excel twin with `count` rows, row `i` being `row(i)`.
    private static func tables(
        _ count: Int, names: (csv: String, excel: String), headers: (csv: [String], excel: [String]),
        plan: [SpreadsheetExport.Column], row: @escaping (Int) -> [String], hand: (ExportFile) -> Void
    ) {
        hand(ExportFile(name: names.csv, text: CSVWriter.headerText(headers.csv)))
        hand(ExportFile(name: names.excel, text: CSVWriter.headerText(headers.excel, dialect: .excel)))
        inChunks(count, { range -> (csv: [UInt8], excel: [UInt8]) in
            let rows = range.map(row)
            return (CSVWriter.rowsBytes(rows, columns: headers.csv.count),
                    CSVWriter.rowsBytes(rows.map { SpreadsheetExport.cells($0, plan: plan) }, columns: headers.excel.count, dialect: .excel))
        }) { bytes in
            hand(.piece(names.csv, bytes: bytes.csv))
            hand(.piece(names.excel, bytes: bytes.excel))
        }
    }
}
