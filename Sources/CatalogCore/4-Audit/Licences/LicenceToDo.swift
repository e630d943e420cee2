import Foundation

// The licence audit as the publishers' to-do list (issue 18 item 1): only real gaps, grouped (LicenceGap),
// each naming the dataset, publisher, portal page, edit link, contact, current value and exactly what to set;
// the CSV columns shared by licences.csv and the per-publisher files; publisher matching for the CLI.

extension LicenceAudit {
    /// The to-do list: one item per row with a licence gap (a dataset, or a distribution whose own licence
    /// needs something its dataset row does not already ask for) and one per dataset whose distributions lack
    /// the attribution text their licence requires (group `attribution-missing`, field: those distributions).
    /// Sorted by group, publisher, title, dataset id, distribution.
    package var toDo: LicenceToDoList {
        guard !toDoCodes.isEmpty else { return allToDo }
        return allToDo.filter { toDoCodes.contains($0.gap!.rawValue) || ($0.gap != .attributionMissing && toDoCodes.contains($0.status.rawValue)) }
    }

    /// The to-do items of `rows`, sorted, whatever `toDoCodes` says (see `toDo`).
    static func toDoItems(_ rows: [LicenceAuditRow]) -> LicenceToDoList {
        // Rows are large values: this works with their indices and copies only the items it makes.
        struct Key: Hashable {
            var source: String
            var datasetID: String
        }
        var made: [LicenceToDoList.MadeItem] = []
        var missingAttribution: [Key: [Int]] = [:]
        var order: [Key] = []
        var datasetRows: [Key: Int] = [:]
        for (i, r) in rows.enumerated() {
            let key = Key(source: r.source, datasetID: r.datasetID)
            if r.isDatasetRow {
                if datasetRows[key] == nil { datasetRows[key] = i }
            } else if r.attributionMissing {
                if missingAttribution[key] == nil { order.append(key) }
                missingAttribution[key, default: []].append(i)
            }
        }
        for key in order {
            guard let affected = missingAttribution[key], let first = affected.first else { continue }
            made.append(.init(base: datasetRows[key] ?? first, affected: affected))
        }
        let unsorted = LicenceToDoList(rows: rows, made: made, order: rows.indices.filter { rows[$0].gap != nil }.map(LicenceToDoList.Entry.row)
            + made.indices.map(LicenceToDoList.Entry.made))
        // The comparison reads the fields in place (a copy of each row per comparison was 20-odd retains and
        // releases: about 2 s on one core at 100 k datasets).
        let sorted = ParallelMap.sortedIndices(count: unsorted.count) { i, j in
            let a = unsorted.sortFields(i), b = unsorted.sortFields(j)
            return (a.gap, rows[a.row].publisher, rows[a.row].title, rows[a.row].datasetID, rows[a.row].distributionIndex ?? -1, i)
                < (b.gap, rows[b.row].publisher, rows[b.row].title, rows[b.row].datasetID, rows[b.row].distributionIndex ?? -1, j)
        }
        return LicenceToDoList(rows: rows, made: made, order: sorted.map { unsorted.order[$0] })
    }

    /// The item for a dataset whose distributions (`affected`, rows of `rows`) lack the attribution text their
    /// licence requires: its dataset row (`base`; the first affected row when it has none) in group
    /// `attribution-missing`, naming those distributions' fields and how to fill them.
    static func attributionItem(base: Int, affected: [Int], rows: [LicenceAuditRow]) -> LicenceAuditRow {
        let first = rows[affected[0]]
        var item = rows[base]
        let fixer = LicenceFixer(registry: nil, proposals: nil, ckan: first.field.hasPrefix("resources["))
        let indices = affected.compactMap { rows[$0].distributionIndex }
        item.gap = .attributionMissing
        item.field = indices.map(fixer.attributionField).joined(separator: LicenceAudit.listSeparator)
        item.distributionURI = ""
        item.uri = first.uri
        item.reason = "\(first.uri) verlangt einen Namensnennungstext (dcatde:licenseAttributionByText); "
            + (affected.count == 1 ? "an einer Distribution fehlt er." : "an \(affected.count) Distributionen fehlt er.")
        item.suggestedFix = fixer.attributionFix(indices)
        item.targetURI = ""
        item.targetLicenceID = ""
        return item
    }

    /// The to-do items per group, in group order; groups without items left out.
    package var toDoGroups: [(gap: LicenceGap, items: LicenceToDoList.SubSequence)] {
        // The list is sorted by group first: each group is one run of it, handed on as a slice of the list
        // (a copy per group held every item a second time: 84 MB at 100 k datasets).
        let items = toDo
        var groups: [(gap: LicenceGap, items: LicenceToDoList.SubSequence)] = []
        var start = items.startIndex
        while start < items.endIndex, let gap = items.gap(at: start) {
            let end = (start..<items.endIndex).first { items.gap(at: $0) != gap } ?? items.endIndex
            groups.append((gap, items[start..<end]))
            start = end
        }
        return groups
    }

    /// Rows whose group code (`missing`, `not-open` …; `attribution-missing` for rows lacking an attribution
    /// text) or licence status code (`open`, `closed` …) is in `codes`, and a to-do list of the items in those
    /// groups or with those statuses; everything for an empty set.
    package func filtered(codes: Set<String>) -> LicenceAudit {
        guard !codes.isEmpty else { return self }
        return LicenceAudit(rows: rows.filter { r in
            codes.contains(r.status.rawValue) || r.gap.map { codes.contains($0.rawValue) } ?? false
                || (r.attributionMissing && codes.contains(LicenceGap.attributionMissing.rawValue))
        }, toDoCodes: toDoCodes.union(codes))
    }

    /// Every code `filtered(codes:)` accepts.
    package static var filterCodes: [String] { LicenceGap.allCases.map(\.rawValue) + LicenceStatus.allCases.map(\.rawValue) }

    // MARK: CSV

    /// The columns of licences.csv and of the per-publisher files (docs/licences.md explains each).
    package static let csvHeader = [
        "group", "group_label", "publisher", "contact_name", "contact_email", "title", "dataset_id", "source", "portal_url", "edit_url",
        "distribution_uri", "field", "raw", "uri", "spdx", "status", "status_label", "reason", "suggested_fix", "target_uri",
        "target_license_id", "inherited", "attribution_missing",
    ]

    /// Lists in a cell, as in every CSV of the catalogue.
    static let listSeparator = TabularExport.listSeparator

    /// One CSV line's cells. In licences.csv a distribution row that lacks only an attribution text is in group
    /// `attribution-missing`, and its fix says where to enter the text (a dataset row's `attribution_missing`
    /// sums up its distributions; the group is theirs).
    static func csvCells(_ r: LicenceAuditRow) -> [String] {
        let gap = r.gap ?? (r.attributionMissing && !r.isDatasetRow ? .attributionMissing : nil)
        var fix = r.suggestedFix
        if r.gap != .attributionMissing, r.attributionMissing, let i = r.distributionIndex {
            let attribution = LicenceFixer(registry: nil, proposals: nil, ckan: r.field.hasPrefix("resources[")).attributionFix([i])
            fix = fix.isEmpty ? attribution : fix + " " + attribution
        }
        return [
            gap?.rawValue ?? "", gap.map(SiteLabels.licenceGap) ?? "", r.publisher, r.contactName, r.contactEmail, r.title, r.datasetID, r.source,
            r.portalURL ?? "", r.editURL ?? "", r.distributionURI, r.field, r.raw, r.uri, r.spdx, r.status.rawValue,
            SiteLabels.licenceStatus(r.status), r.reason, fix, r.targetURI, r.targetLicenceID,
            r.inherited ? "true" : "false", r.attributionMissing ? "true" : "false",
        ]
    }

    /// The name of licences.csv.
    package static let csvFileName = "licences.csv"

    /// licences.csv: every row of the audit (RFC 4180, UTF-8, CRLF), the audit's order, handed over in pieces
    /// (the header, then chunks of rows rendered in parallel by `TableStream`).
    package func licencesCSVPieces(_ hand: (ExportFile) -> Void) {
        let rows = rows
        TableStream.csv(Self.csvFileName, header: Self.csvHeader, count: rows.count, rows: { [Self.csvCells(rows[$0])] }, hand: hand)
    }

    /// licences.csv whole (`opendata audit licences`), its pieces joined.
    package func licencesCSV() -> String {
        var text = ""
        licencesCSVPieces { text += $0.text }
        return text
    }

    /// One to-do CSV per publisher of the audit, named `<key>.csv` (the key as on the site's publisher pages,
    /// `suche/herausgeber-<key>.html`), every publisher included (a header-only file: nothing to do). Sorted by
    /// name. `opendata audit licences --per-publisher DIR` writes them into DIR. Each is a to-do list as CSV for
    /// German Excel (UTF-8 with BOM, `;`, CRLF): the to-do items only, same columns as licences.csv.
    package func publisherFiles() -> [ExportFile] {
        let files = FileCollector()
        publisherFiles(files.add)
        return files.files()
    }

    /// The files of `publisherFiles()` in pieces, as licences.csv: each file's header, then its rows in chunks
    /// rendered in parallel (a run writes them all: at 100 k datasets, 250 MB of text; one publisher's file whole,
    /// with its cells and lines, was the heap's peak of a 100 k run). Each file holds that publisher's items of
    /// `toDo` in its order: an item names its dataset's publisher, and the list is sorted by group first and
    /// publisher second, so a publisher's own list is its part of the whole.
    package func publisherFiles(_ hand: (ExportFile) -> Void) {
        let items = toDo
        var byPublisher: [String: [Int]] = [:]
        // A made item names its base row's publisher: read there, the item is not built twice.
        for i in items.indices { byPublisher[items.rows[items.sortFields(i).row].publisher, default: []].append(i) }
        for (name, file) in publisherFileNames.sorted(by: { $0.value < $1.value }) {
            let mine = byPublisher[name] ?? []
            TableStream.csv(file, header: Self.csvHeader, dialect: .excel, count: mine.count, rows: { [Self.csvCells(items[mine[$0]])] },
                            hand: hand)
        }
    }

    /// `<key>.csv` by publisher name, for every publisher of the audit.
    package var publisherFileNames: [String: String] {
        SiteModel.publisherKeys(Array(Set(rows.map(\.publisher)))).mapValues { $0 + ".csv" }
    }

    // MARK: Publisher names

    /// The publisher `query` names among `names`: the exact name, else the one name it starts (ignoring case,
    /// surrounding spaces and a trailing `…` or `...` as in a cut-off table cell).
    package static func matchPublisher(_ query: String, in names: [String]) -> Result<String, PublisherMatchError> {
        let all = Array(Set(names)).sorted()
        if all.contains(query) { return .success(query) }
        var q = query.trimmedSpace()
        for suffix in ["…", "..."] where q.hasSuffix(suffix) { q = String(q.dropLast(suffix.count)).trimmedBlanks() }
        let lower = q.lowercased()
        guard !lower.isEmpty else { return .failure(.noMatch(query: query, names: all)) }
        if let same = all.filter({ $0.lowercased() == lower }).first, all.filter({ $0.lowercased() == lower }).count == 1 { return .success(same) }
        let candidates = all.filter { $0.lowercased().hasPrefix(lower) }
        switch candidates.count {
        case 1: return .success(candidates[0])
        case 0: return .failure(.noMatch(query: query, names: all))
        default: return .failure(.ambiguous(query: query, names: candidates))
        }
    }

    /// Publisher names of the audit's dataset rows, sorted.
    package var publisherNames: [String] { Array(Set(datasetRows.map(\.publisher))).sorted() }
}

/// Why a `--publisher` value names no single publisher.
package enum PublisherMatchError: Error, Equatable, CustomStringConvertible {
    /// Nothing matches; `names` are all publishers.
    case noMatch(query: String, names: [String])
    /// Several publishers start with the value; `names` are those.
    case ambiguous(query: String, names: [String])

    package var description: String {
        switch self {
        case let .noMatch(query, names):
            "no publisher is named or starts with \"\(query)\". Publishers (\(names.count)):\n" + names.map { "  \($0)" }.joined(separator: "\n")
        case let .ambiguous(query, names):
            "\"\(query)\" starts \(names.count) publisher names; give more of the name:\n" + names.map { "  \($0)" }.joined(separator: "\n")
        }
    }
}

/// The licence to-do list (`LicenceAudit.toDo`): the audit's rows with a gap, by index, and the items made for
/// it (one per dataset lacking attribution texts), in the list's order. It shares the audit's rows instead of
/// holding a copy of each item: a row is about 320 bytes, and at 100 k datasets the copies were 98 MB. A made
/// item is kept as the rows it is made of and built when it is read: built once, at 100 k they were 86 MB
/// (their texts name the distributions and say how to fill them) for the whole run.
package struct LicenceToDoList: RandomAccessCollection, Sendable, Hashable {
    /// Where an item is: a row of the audit, or an item made for the list.
    enum Entry: Sendable, Hashable {
        case row(Int)
        case made(Int)
    }

    /// An item made for a dataset whose distributions lack attribution texts (`LicenceAudit.attributionItem`).
    struct MadeItem: Sendable, Hashable {
        /// The dataset's row, or the first affected row when it has none.
        var base: Int
        /// The distribution rows lacking the text, in row order.
        var affected: [Int]
    }

    /// The audit's rows the items are made from (`sortFields` names one by its index here).
    let rows: [LicenceAuditRow]
    private let made: [MadeItem]
    fileprivate let order: [Entry]

    init(rows: [LicenceAuditRow], made: [MadeItem], order: [Entry]) {
        self.rows = rows
        self.made = made
        self.order = order
    }

    /// No items (an audit whose rows are being changed holds this until its list is made again).
    static let empty = LicenceToDoList(rows: [], made: [], order: [])

    package var startIndex: Int { 0 }
    package var endIndex: Int { order.count }

    package subscript(position: Int) -> LicenceAuditRow {
        switch order[position] {
        case .row(let i): rows[i]
        case .made(let i): LicenceAudit.attributionItem(base: made[i].base, affected: made[i].affected, rows: rows)
        }
    }

    /// An item's group and the index in `rows` of the row its order is taken from (publisher, title, dataset,
    /// distribution: a made item's are its base row's), without building a made item or copying a row.
    func sortFields(_ position: Int) -> (gap: LicenceGap, row: Int) {
        switch order[position] {
        case .row(let i): (rows[i].gap!, i)
        case .made(let i): (.attributionMissing, made[i].base)
        }
    }

    /// An item's group, without building a made item.
    func gap(at position: Int) -> LicenceGap? {
        switch order[position] {
        case .row(let i): rows[i].gap
        case .made: .attributionMissing
        }
    }

    /// The items `isIncluded` keeps, in order, as a list over the same rows.
    package func filter(_ isIncluded: (LicenceAuditRow) throws -> Bool) rethrows -> LicenceToDoList {
        LicenceToDoList(rows: rows, made: made, order: try order.indices.filter { try isIncluded(self[$0]) }.map { order[$0] })
    }
}
