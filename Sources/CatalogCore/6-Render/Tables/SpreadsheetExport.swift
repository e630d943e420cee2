/// `datasets-excel.csv` and `distributions-excel.csv`: the rows of datasets.csv and distributions.csv for German
/// Excel and LibreOffice, which open a double-clicked CSV with the system's list separator and Windows-1252:
/// UTF-8 with a byte order mark, `;` between cells, CRLF; the bounding box as four number columns with a decimal
/// comma. Same rows, same order, same facts (the published view), same labels, dates and list separator as the
/// RFC 4180 files, which stay the ones for pandas, R and frictionless.
package enum SpreadsheetExport {
    package static let datasetsFile = "datasets-excel.csv"
    package static let distributionsFile = "distributions-excel.csv"

    /// The columns of `datasets-excel.csv`: datasets.csv's, with `spatial` as `spatial_west` … `spatial_north`.
    package static var datasetHeader: [String] { datasetPlan.flatMap(\.names) }

    package static var distributionHeader: [String] { distributionPlan.flatMap(\.names) }

    /// What becomes of one source column.
    struct Column: Sendable {
        var names: [String]
        var cells: @Sendable (String) -> [String]
    }

    static func plan(_ columns: [ExportColumn]) -> [Column] {
        columns.map { column -> Column in
            switch column.name {
            case "spatial":
                return Column(names: ["spatial_west", "spatial_south", "spatial_east", "spatial_north"]) { cell in
                    let parts = cell.split(separator: ",").map { decimalComma(String($0)) }
                    return parts.count == 4 ? parts : ["", "", "", ""]
                }
            default:
                return Column(names: [column.name]) { [$0] }
            }
        }
    }

    static let datasetPlan = plan(TabularExport.datasetColumns)
    static let distributionPlan = plan(TabularExport.distributionColumns)

    /// A row of datasets.csv or distributions.csv as the Excel file's cells.
    static func cells(_ row: [String], plan: [Column]) -> [String] {
        zip(plan, row).flatMap { column, cell in column.cells(cell) }
    }

    /// `6.0838` → `6,0838` (German Excel reads a point as a thousands separator or text).
    static func decimalComma(_ number: String) -> String {
        String(number.map { $0 == "." ? "," : $0 })
    }
}
