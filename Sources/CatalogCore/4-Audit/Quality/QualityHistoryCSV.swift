// Reading `qualitaet/verlauf.csv` back (the previous run's history). A file someone edited or cut off must not
// stop a run: a line that cannot be read is left out with a finding naming its line, a header without the
// needed columns leaves the whole file out with one finding (the previous snapshot still holds it); columns
// are found by name, so later columns can be added.

extension QualityHistory {
    /// The pseudo source of the history's findings.
    package static let findingSource = "quality-history"
    /// Lines named one by one in findings; the rest are counted in one more.
    static let maxLineFindings = 20

    /// The history in `csv` (as `csv()` writes it), with a finding for every line it could not read.
    package init(csv text: String) {
        self.init(rows: [])
        var records = Self.records(text)
        guard !records.isEmpty else { return }
        let header = records.removeFirst().map { $0.hasPrefix("\u{FEFF}") ? String($0.dropFirst()) : $0 }
        let required = Self.columns.map(\.name).filter { $0 != "licence_gaps" }
        let missing = required.filter { !header.contains($0) }
        guard missing.isEmpty else {
            let names = missing.joined(separator: ", ")
            findings = [Finding(.warning, "quality-history.malformed", source: Self.findingSource, field: Self.fileName,
                                "\(Self.fileName) of the previous run lacks the columns \(names); the history starts again with this run (the previous snapshot keeps the old file).",
                                de: "\(Self.fileName) des vorigen Laufs fehlen die Spalten \(names); der Verlauf beginnt mit diesem Lauf neu (der vorige Snapshot enthält die alte Datei).")]
            return
        }
        let index = Dictionary(header.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [Row] = [], bad: [(line: Int, reason: String)] = [], seen: Set<String> = []
        for (offset, cells) in records.enumerated() where !(cells.count == 1 && cells[0].isEmpty) {
            let line = offset + 2
            switch Self.row(cells, index: index, width: header.count) {
            case .success(let row):
                guard seen.insert(row.date + "\u{1F}" + row.publisherKey + "\u{1F}" + row.publisher).inserted else {
                    bad.append((line, "a second row for \(row.date) and \(row.publisher.isEmpty ? "the catalogue" : row.publisher)")); continue
                }
                rows.append(row)
            case .failure(let reason): bad.append((line, reason.text))
            }
        }
        self = QualityHistory(rows: rows)
        findings = Self.lineFindings(bad)
    }

    struct Unreadable: Error { var text: String }

    /// One row from its cells; what is wrong otherwise (English, quoted in the finding).
    static func row(_ cells: [String], index: [String: Int], width: Int) -> Result<Row, Unreadable> {
        func cell(_ name: String) -> String {
            guard let i = index[name], i < cells.count else { return "" }
            return cells[i]
        }
        func count(_ name: String) -> Result<Int, Unreadable> {
            guard let n = Int(cell(name)), n >= 0 else { return .failure(Unreadable(text: "\(name) \"\(cell(name))\" is not a count")) }
            return .success(n)
        }
        guard cells.count == width else { return .failure(Unreadable(text: "\(cells.count) cells instead of \(width)")) }
        let date = cell("date")
        guard isDate(date) else { return .failure(Unreadable(text: "date \"\(date)\" is not YYYY-MM-DD")) }
        guard let mean = Double(cell("quality_mean")), mean.isFinite, mean >= 0, mean <= Double(QualityScore.maximum) else {
            return .failure(Unreadable(text: "quality_mean \"\(cell("quality_mean"))\" is not a score of 0 to \(QualityScore.maximum)"))
        }
        var broken: Int?
        if !cell("broken_links").isEmpty {
            guard case .success(let n) = count("broken_links") else { return .failure(Unreadable(text: "broken_links \"\(cell("broken_links"))\" is neither empty nor a count")) }
            broken = n
        }
        let datasets: Int
        switch count("datasets") { case .success(let n): datasets = n
        case .failure(let e): return .failure(e) }
        var gaps: [LicenceGap: Int] = [:]
        for gap in LicenceGap.allCases {
            switch count(gapColumn(gap)) { case .success(let n): gaps[gap] = n
            case .failure(let e): return .failure(e) }
        }
        return .success(Row(date: date, publisherKey: unguard(cell("publisher_key")), publisher: unguard(cell("publisher")), datasets: datasets,
                            gaps: gaps, qualityMean: mean, brokenLinks: broken))
    }

    /// A cell as written, without the `'` the CSV writer puts before a leading `=` `+` `-` `@` (formula guard).
    static func unguard(_ s: String) -> String {
        guard s.hasPrefix("'"), let next = s.dropFirst().unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(next) else { return s }
        return String(s.dropFirst())
    }

    static func isDate(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m), (1...31).contains(d)
        else { return false }
        return true
    }

    static func lineFindings(_ bad: [(line: Int, reason: String)]) -> [Finding] {
        var out = bad.prefix(maxLineFindings).map { b in
            Finding(.warning, "quality-history.malformed-row", source: findingSource, record: "line \(b.line)", field: fileName,
                    "Line \(b.line) of the previous \(fileName) is left out of the history: \(b.reason).",
                    de: "Zeile \(b.line) der vorigen \(fileName) fehlt im Verlauf, sie ist nicht lesbar (\(b.reason)).")
        }
        if bad.count > maxLineFindings {
            let rest = bad.count - maxLineFindings
            out.append(Finding(.warning, "quality-history.malformed-row", source: findingSource, record: "more lines", field: fileName,
                               "\(rest) more lines of the previous \(fileName) are left out of the history (unreadable).",
                               de: "\(rest) weitere Zeilen der vorigen \(fileName) fehlen im Verlauf (nicht lesbar)."))
        }
        return out
    }

    /// RFC 4180 records: cells split at `,`, quoted cells may hold `,` `"` (doubled) and line breaks; CRLF or LF.
    static func records(_ text: String) -> [[String]] {
        var records: [[String]] = [], cells: [String] = [], cell = ""
        var quoted = false, afterQuote = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = scalars.next()
        while let c = pending {
            pending = scalars.next()
            if quoted {
                if c == "\"" {
                    if pending == "\"" { cell.unicodeScalars.append(c); pending = scalars.next() } else { quoted = false; afterQuote = true }
                } else {
                    cell.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where cell.isEmpty && !afterQuote: quoted = true
            case ",": cells.append(cell); cell = ""; afterQuote = false
            case "\r" where pending == "\n": continue
            case "\n", "\r":
                cells.append(cell); records.append(cells); cells = []; cell = ""; afterQuote = false
            default: cell.unicodeScalars.append(c)
            }
        }
        if !cell.isEmpty || !cells.isEmpty || quoted { cells.append(cell); records.append(cells) }
        return records
    }
}
