import Foundation

/// A generic RFC 4180 CSV writer: UTF-8 without BOM, comma separator, CRLF line ends (RFC 4180 and the
/// Frictionless default dialect), a header row. A cell is quoted when it contains `,` `"` CR or LF (quotes
/// doubled). Against spreadsheet formula injection a cell starting with `=` `+` `-` `@` TAB or CR gets a
/// leading `'` — except plain decimal numbers like `-3.5`, which stay numbers.
package struct CSVWriter: Sendable {
    /// How cells are separated and whether the file starts with a byte order mark.
    package struct Dialect: Sendable {
        package var separator: UInt8
        package var byteOrderMark: Bool

        /// RFC 4180 / Frictionless: comma, no BOM.
        package static let rfc4180 = Dialect(separator: UInt8(ascii: ","), byteOrderMark: false)
        /// German Excel: `;` (its list separator) and a UTF-8 BOM (without it Excel reads Windows-1252).
        package static let excel = Dialect(separator: UInt8(ascii: ";"), byteOrderMark: true)
    }

    package let header: [String]
    package let dialect: Dialect
    private var rows: [[String]] = []

    package init(header: [String], dialect: Dialect = .rfc4180) {
        self.header = header
        self.dialect = dialect
    }

    /// Adds a row; missing cells are written empty, extra cells are dropped.
    package mutating func append(_ row: [String]) {
        var r = Array(row.prefix(header.count))
        while r.count < header.count { r.append("") }
        rows.append(r)
    }

    package var text: String {
        CSVWriter.headerText(header, dialect: dialect) + CSVWriter.rowsText(rows, columns: header.count, dialect: dialect)
    }

    /// The start of a file: the byte order mark (if the dialect has one) and the header line.
    package static func headerText(_ header: [String], dialect: Dialect = .rfc4180) -> String {
        (dialect.byteOrderMark ? "\u{FEFF}" : "") + line(header, dialect: dialect)
    }

    /// Rows as lines, each made `columns` cells long (missing cells empty, extra ones dropped), as `append` does.
    package static func rowsText(_ rows: [[String]], columns: Int, dialect: Dialect = .rfc4180) -> String {
        String(decoding: rowsBytes(rows, columns: columns, dialect: dialect), as: UTF8.self)
    }

    /// `rowsText` as UTF-8 bytes, written cell by cell into one buffer (what the exports hand to the writer).
    package static func rowsBytes(_ rows: [[String]], columns: Int, dialect: Dialect = .rfc4180) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(rows.count * columns * 16)
        for row in rows {
            for i in 0..<columns {
                if i > 0 { out.append(dialect.separator) }
                if i < row.count { appendCell(row[i], separator: dialect.separator, to: &out) }
            }
            out.append(0x0D)
            out.append(0x0A)
        }
        return out
    }

    /// One line of `cells`.
    package static func line(_ cells: [String], dialect: Dialect = .rfc4180) -> String {
        rowsText([cells], columns: cells.count, dialect: dialect)
    }

    /// One cell, neutralised and quoted as needed.
    package static func cell(_ raw: String, separator: UInt8 = UInt8(ascii: ",")) -> String {
        var out = ""
        appendCell(raw, separator: separator, to: &out)
        return out
    }

    /// `cell(raw)`'s bytes appended to `out`. Most cells need neither sanitising nor a formula guard: those are
    /// checked and copied in one pass over their bytes; any other cell goes through `cell`, the definition.
    static func appendCell(_ raw: String, separator: UInt8, to out: inout [UInt8]) {
        let done = raw.utf8.withContiguousStorageIfAvailable { appendPlain($0, separator: separator, to: &out) }
        if done != true { out.append(contentsOf: cell(raw, separator: separator).utf8) }
    }

    /// Appends `bytes` quoted as needed and returns true, or returns false without writing when the cell needs
    /// `ExportText.sanitise` (a control other than TAB and LF, or byte 0xEF, which may start U+FFFE/U+FFFF) or
    /// starts like a formula (`=` `+` `-` `@` TAB).
    private static func appendPlain(_ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8, to out: inout [UInt8]) -> Bool {
        var needsQuotes = false, hasQuote = false
        for b in bytes {
            if b < 0x20 {
                if b == 0x0A { needsQuotes = true } else if b != 0x09 { return false }
            } else if b == 0x22 {
                hasQuote = true
                needsQuotes = true
            } else if b == separator {
                needsQuotes = true
            } else if b == 0xEF {
                return false
            }
        }
        if let f = bytes.first, startsFormula(f) { return false }
        appendQuoted(bytes, quotes: needsQuotes, doubling: hasQuote, to: &out)
        return true
    }

    /// Whether a cell starting with byte `f` could be read as a formula by a spreadsheet (`=` `+` `-` `@`, TAB,
    /// CR).
    private static func startsFormula(_ f: UInt8) -> Bool {
        f == UInt8(ascii: "=") || f == UInt8(ascii: "+") || f == UInt8(ascii: "-") || f == UInt8(ascii: "@") || f == 0x09 || f == 0x0D
    }

    /// `bytes` in double quotes when `quotes`, each `"` doubled when `doubling` (the one place quoting is written).
    private static func appendQuoted(_ bytes: UnsafeBufferPointer<UInt8>, quotes: Bool, doubling: Bool, to out: inout [UInt8]) {
        if quotes { out.append(0x22) }
        if doubling {
            for b in bytes {
                out.append(b)
                if b == 0x22 { out.append(0x22) }
            }
        } else {
            out.append(contentsOf: bytes)
        }
        if quotes { out.append(0x22) }
    }

    private static func appendCell(_ raw: String, separator: UInt8, to out: inout String) {
        var s = ExportText.sanitise(raw)
        if let f = s.utf8.first, startsFormula(f), !isPlainNumber(s) { s = "'" + s }
        appendQuoted(s, separator: separator, to: &out)
    }

    /// `s` in double quotes (inner quotes doubled) when it contains the separator, `"`, CR or LF, else `s`
    /// itself. Works on UTF-8 bytes: those are ASCII, and no multi-byte character contains an ASCII byte. Shared
    /// by every CSV the tool writes (the licence and duplicate CSVs apply their own prefix rules first).
    package static func quoted(_ s: String, separator: UInt8 = UInt8(ascii: ",")) -> String {
        var out = ""
        appendQuoted(s, separator: separator, to: &out)
        return out
    }

    private static func appendQuoted(_ s: String, separator: UInt8, to out: inout String) {
        var needsQuotes = false, hasQuote = false
        for b in s.utf8 {
            switch b {
            case 0x22: hasQuote = true; needsQuotes = true
            case separator, 0x0A, 0x0D: needsQuotes = true
            default: continue
            }
        }
        guard needsQuotes else { return out.append(s) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count + 8)
        var s = s
        s.withUTF8 { appendQuoted($0, quotes: true, doubling: hasQuote, to: &bytes) }
        out.append(String(decoding: bytes, as: UTF8.self))
    }

    static func isPlainNumber(_ s: String) -> Bool {
        var body = Substring(s)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard !body.isEmpty, parts.count <= 2 else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}
