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
        var out = ""
        for row in rows {
            var r = Array(row.prefix(columns))
            while r.count < columns { r.append("") }
            out += line(r, dialect: dialect)
        }
        return out
    }

    package static func line(_ cells: [String], dialect: Dialect = .rfc4180) -> String {
        cells.map { cell($0, separator: dialect.separator) }.joined(separator: String(UnicodeScalar(dialect.separator))) + "\r\n"
    }

    /// One cell, neutralised and quoted as needed.
    package static func cell(_ raw: String, separator: UInt8 = UInt8(ascii: ",")) -> String {
        var s = ExportText.sanitise(raw)
        if let f = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(f), !isPlainNumber(s) { s = "'" + s }
        return quoted(s, separator: separator)
    }

    /// `s` in double quotes (inner quotes doubled) when it contains the separator, `"`, CR or LF, else `s`
    /// itself. Works on UTF-8 bytes: those are ASCII, and no multi-byte character contains an ASCII byte. Shared
    /// by every CSV the tool writes (the licence and duplicate CSVs apply their own prefix rules first).
    package static func quoted(_ s: String, separator: UInt8 = UInt8(ascii: ",")) -> String {
        var needsQuotes = false, hasQuote = false
        for b in s.utf8 {
            switch b {
            case 0x22: hasQuote = true; needsQuotes = true
            case separator, 0x0A, 0x0D: needsQuotes = true
            default: continue
            }
        }
        guard needsQuotes else { return s }
        guard hasQuote else { return "\"" + s + "\"" }
        var out: [UInt8] = [0x22]
        out.reserveCapacity(s.utf8.count + 8)
        for b in s.utf8 {
            out.append(b)
            if b == 0x22 { out.append(0x22) }
        }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }

    static func isPlainNumber(_ s: String) -> Bool {
        var body = Substring(s)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard !body.isEmpty, parts.count <= 2 else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}
