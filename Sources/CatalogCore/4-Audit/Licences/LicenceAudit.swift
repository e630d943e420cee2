import Foundation

// The licence audit: which datasets and distributions lack a usable open licence, and why.
// Pure: computed from merged datasets; outputs are strings/values (see LicenceAuditOutput.swift).

/// One audit row: a dataset (distributionURI empty) or one of its distributions. Its fields are read and written
/// as `row.title`, `row.status` through `dynamicMember`: what it says about its dataset (`DatasetPart`) is one
/// copy shared by the dataset's rows, what it says about its licence (`RowPart`, LicenceAuditRowPart.swift) is its
/// own, with its verdict in a box shared by the rows with an equal one.
@dynamicMemberLookup
package struct LicenceAuditRow: Sendable, Hashable, Codable {
    /// The same for every row of a dataset. A run has a row per dataset and per distribution (the bench's 100 k
    /// input: 90,000 datasets and 195,792 distributions); these nine strings inline were 144 of a row's 320
    /// bytes (now 184 with the 8-byte box).
    package struct DatasetPart: Sendable, Hashable, Codable {
        package var source: String
        package var datasetID: String
        package var title: String
        package var publisher: String
        /// Link to the dataset on the source portal (Provenance.url), if known.
        package var portalURL: String?
        /// The source record id (for findings).
        package var remoteID: String
        /// The contact point of the dataset (`dcat:contactPoint`, as datasets.csv shows it).
        package var contactName: String = ""
        package var contactEmail: String = ""
        /// The record's edit page at the source, where the source is a CKAN (`<portal>/dataset/edit/<name>`).
        package var editURL: String?
    }

    /// Shared with the dataset's other rows.
    package var dataset: Shared<DatasetPart>
    package var row: RowPart

    package init(dataset: Shared<DatasetPart>, row: RowPart) {
        self.dataset = dataset
        self.row = row
    }

    package subscript<T>(dynamicMember key: WritableKeyPath<DatasetPart, T>) -> T {
        get { dataset.value[keyPath: key] }
        set { dataset.value[keyPath: key] = newValue }
    }

    package subscript<T>(dynamicMember key: WritableKeyPath<RowPart, T>) -> T {
        get { row[keyPath: key] }
        set { row[keyPath: key] = newValue }
    }

    package var isDatasetRow: Bool { row.distributionURI.isEmpty && row.distributionIndex == nil }
    /// Usable: open and nothing to fix about it.
    package var isProblem: Bool { row.status != .open || row.attributionMissing }

    /// One JSON object with both parts' members, as when they were one struct.
    package init(from decoder: any Decoder) throws {
        dataset = Shared(try DatasetPart(from: decoder))
        row = try RowPart(from: decoder)
    }

    package func encode(to encoder: any Encoder) throws {
        try dataset.value.encode(to: encoder)
        try row.encode(to: encoder)
    }
}

/// Counts for one group (a publisher, a source, or everything).
package struct LicenceCounts: Sendable, Hashable, Codable {
    package var name: String
    package var datasets: Int
    /// Dataset rows per status (every status present, zero included), keyed by raw value.
    package var byStatus: [String: Int]
    package var attributionMissing: Int

    package var open: Int { byStatus[LicenceStatus.open.rawValue] ?? 0 }
    /// Share of datasets with an open licence, in percent (one decimal); 0 for an empty group.
    package var openPercent: Double { percent(open) }
    package func percent(_ n: Int) -> Double { datasets == 0 ? 0 : (Double(n) * 1000 / Double(datasets)).rounded() / 10 }
}

package struct LicenceAudit: Sendable, Hashable {
    package private(set) var rows: [LicenceAuditRow]
    /// Group and status codes the to-do list is narrowed to (`filtered(codes:)`); empty: every item.
    package var toDoCodes: Set<String> = []
    /// Every to-do item of `rows`, sorted (`toDo` narrows it to `toDoCodes`): derived again whenever the rows
    /// change (the initialisers, `markDuplicateConflicts`, `adoptPublishers`), not when read, because a run
    /// reads the list four times (licences.html, the per-publisher files, the quality history, the report). It
    /// shares `rows`: a function changing them lets go of it first (else the first change copies every row).
    private(set) var allToDo = LicenceToDoList.empty

    package init(rows: [LicenceAuditRow], toDoCodes: Set<String> = []) {
        self.rows = rows
        self.toDoCodes = toDoCodes
        self.allToDo = Self.toDoItems(rows)
    }

    /// - Parameters:
    ///   - datasets: the merged datasets, licences already resolved (by the mapper via `LicenceRegistry`).
    ///   - duplicateGroups: identifiers of datasets considered the same dataset (from deduplication).
    ///   - registry: used for attribution requirements, licence families and titles in fixes.
    ///   - proposals: per source id, the licences to propose for a missing or non-open licence (a source's
    ///     `suggested_licences`, or international ones for a foreign portal); sources not listed get the German
    ///     defaults dl-zero-de/2.0 and dl-by-de/2.0.
    ///   - ckanSources: ids of CKAN sources (kinds `ckan`, `ckan-dump`): their fixes name CKAN fields and
    ///     `license_id` values, their rows an edit link; the others name DCAT properties.
    package init(datasets: [Dataset], duplicateGroups: [[String]] = [], registry: LicenceRegistry?, proposals: [String: [String]] = [:],
                 ckanSources: Set<String> = []) {
        var rows: [LicenceAuditRow] = []
        // Effective licence identity per dataset for the duplicate check.
        var identities: [String: Set<String>] = [:]
        var datasetRowIndex: [String: Int] = [:]
        // Each dataset's rows depend on that dataset alone: built in parallel, joined in the datasets' order.
        let inheritedReasons = MemoCache<String, String>()
        // Fixes repeat (one text per licence value and field): each row keeps the first row's copy of its text,
        // not its own (at 100 k datasets the copies were ~35 MB of the run's heap).
        let fixTexts = MemoCache<String, String>()
        // Rows with the same licence, verdict and fix share one box of them (`RowPart.intern`).
        let verdicts = MemoCache<LicenceAuditRow.RowPart.Verdict, Shared<LicenceAuditRow.RowPart.Verdict>>()
        // One fixer per source (its proposals, CKAN or not), keeping the fixes it writes for every record of it.
        var fixers: [String: LicenceFixer] = [:]
        for id in Set(datasets.map(\.sourceID)) {
            fixers[id] = LicenceFixer(registry: registry, proposals: proposals[id], ckan: ckanSources.contains(id), keepsFixes: true)
        }
        let perDataset = ParallelMap.map(datasets, minimum: 256, chunk: 64) { [fixers] ds -> (rows: [LicenceAuditRow], all: Set<String>) in
            let fixer = fixers[ds.sourceID]!
            let (own, all) = Self.ownLicences(ds)
            var part = [Self.datasetRow(ds, own: own, all: all, fixer: fixer)]
            part.reserveCapacity(1 + ds.distributions.count)
            for (i, d) in ds.distributions.enumerated() {
                part.append(Self.distributionRow(ds, d, index: i, datasetRow: part[0], fixer: fixer, registry: registry,
                                                 inheritedReasons: inheritedReasons))
            }
            part[0].attributionMissing = part.dropFirst().contains { $0.attributionMissing }
            for j in part.indices {
                if !part[j].suggestedFix.isEmpty { part[j].suggestedFix = fixTexts.value(for: part[j].suggestedFix) { $0 } }
                part[j].row.intern(verdicts)
            }
            return (part, all)
        }
        rows.reserveCapacity(perDataset.reduce(0) { $0 + $1.rows.count })
        for (ds, built) in zip(datasets, perDataset) {
            identities[ds.identifier] = built.all
            datasetRowIndex[ds.identifier] = rows.count
            rows += built.rows
        }
        // Duplicates that disagree.
        for group in duplicateGroups {
            let members = group.filter { identities[$0] != nil }
            let union = members.reduce(into: Set<String>()) { $0.formUnion(identities[$1]!) }
            guard members.count > 1, union.count > 1 else { continue }
            for id in members {
                guard let idx = datasetRowIndex[id] else { continue }
                let others = members.filter { $0 != id }
                rows[idx].status = .conflicting
                rows[idx].reason = "Dubletten widersprechen sich (\(others.joined(separator: ", "))): " + union.sorted().joined(separator: " ≠ ") + "."
                rows[idx].apply(LicenceFixer.duplicates(others))
            }
        }
        self.rows = rows
        self.allToDo = Self.toDoItems(rows)
    }

    /// A dataset's own distribution licences (index, distribution, identity) and every licence identity it names.
    private static func ownLicences(_ ds: Dataset) -> ([(Int, Distribution, String)], Set<String>) {
        var own: [(Int, Distribution, String)] = []
        for (i, d) in ds.distributions.enumerated() where !d.licenceInherited {
            if let l = d.licence, let id = identity(l) { own.append((i, d, id)) }
        }
        var all = Set(own.map(\.2))
        if let l = ds.licence, let id = identity(l) { all.insert(id) }
        return (own, all)
    }

    /// What every row of `ds` says about it (one copy, shared by the rows).
    private static func datasetPart(_ ds: Dataset, fixer: LicenceFixer) -> Shared<LicenceAuditRow.DatasetPart> {
        let portalURL = ds.provenance.first?.url
        return Shared(LicenceAuditRow.DatasetPart(
            source: ds.sourceID, datasetID: ds.identifier, title: ds.title, publisher: ds.publisher?.name ?? "", portalURL: portalURL,
            remoteID: ds.remoteID, contactName: ds.contactPoint?.name ?? "", contactEmail: ds.contactPoint?.email ?? "",
            editURL: fixer.ckan ? editURL(portalURL) : nil))
    }

    /// A row for the dataset (`distribution` nil) or one distribution, before its verdict.
    private static func row(
        _ part: Shared<LicenceAuditRow.DatasetPart>, _ l: Licence, distribution: Distribution?, index: Int?, fixer: LicenceFixer
    ) -> LicenceAuditRow {
        LicenceAuditRow(dataset: part, row: LicenceAuditRow.RowPart(
            distributionURI: distribution?.uri ?? "", raw: l.raw ?? "", uri: l.uri ?? "", spdx: l.spdx ?? "",
            status: l.status, reason: l.reason ?? "", suggestedFix: "", inherited: distribution?.licenceInherited ?? false,
            attributionMissing: false, distributionIndex: index, field: index.map(fixer.distributionField) ?? fixer.datasetField))
    }

    private static func datasetRow(_ ds: Dataset, own: [(Int, Distribution, String)], all: Set<String>, fixer: LicenceFixer) -> LicenceAuditRow {
        let dsLicence = ds.licence ?? Licence(raw: nil, status: .missing, reason: "Keine Lizenzangabe am Datensatz.")
        let part = datasetPart(ds, fixer: fixer)
        var r: LicenceAuditRow
        if all.count > 1 {
            r = row(part, dsLicence, distribution: nil, index: nil, fixer: fixer)
            r.status = .conflicting
            r.reason = "Widersprüchliche Lizenzen: " + describe(ds) + "."
            r.apply(fixer.conflicting(found: all.sorted(), field: fixer.ckan ? "license_id und resources[…].license" : "dct:license"))
        } else if identity(dsLicence) == nil, let first = own.first, let l = first.1.licence {
            // The licence is given on the distributions only: their rows carry any fix.
            r = row(part, l, distribution: nil, index: nil, fixer: fixer)
            r.raw = ds.licence?.raw ?? ""
            r.reason = (l.reason ?? "") + " (Nur an den Distributionen angegeben, nicht am Datensatz.)"
        } else {
            r = row(part, dsLicence, distribution: nil, index: nil, fixer: fixer)
            r.apply(fixer.fix(for: dsLicence, field: r.field))
        }
        return r
    }

    private static func distributionRow(
        _ ds: Dataset, _ d: Distribution, index i: Int, datasetRow: LicenceAuditRow, fixer: LicenceFixer, registry: LicenceRegistry?,
        inheritedReasons: MemoCache<String, String>
    ) -> LicenceAuditRow {
        let dsLicence = ds.licence ?? Licence(raw: nil, status: .missing, reason: "Keine Lizenzangabe am Datensatz.")
        let l = d.licence ?? Licence(raw: nil, status: .missing, reason: "Keine Lizenzangabe an der Distribution und keine am Datensatz.")
        var r = row(datasetRow.dataset, l, distribution: d, index: i, fixer: fixer)
        if d.licenceInherited {
            // One text per licence reason, shared by every row (and published distribution) that inherits it.
            r.reason = inheritedReasons.value(for: l.reason ?? l.status.rawValue) { "Vom Datensatz übernommen: " + $0 }
        } else if let id = identity(l), let dsIdentity = identity(dsLicence), id != dsIdentity {
            r.status = .conflicting
            r.reason = "Distribution nennt \(label(l)), der Datensatz \(label(dsLicence)). " + (l.reason ?? "")
            r.apply(fixer.sameAsDataset(dsLicence, field: r.field))
        } else {
            r.apply(fixer.fix(for: l, field: r.field))
            // What the dataset row already asks for is not asked again per distribution.
            if r.gap != nil, r.gap == datasetRow.gap { r.apply(.none) }
        }
        if let uri = l.uri, [.open, .restricted, .closed, .conflicting].contains(r.status),
           registry?.attributionRequired(uri) ?? false, (d.attributionText ?? "").trimmedSpace().isEmpty {
            r.attributionMissing = true
        }
        return r
    }

    /// The identity used for agreement checks: the canonical IRI, else the normalised raw value; nil when missing.
    static func identity(_ l: Licence) -> String? {
        if l.status == .missing { return nil }
        if let uri = l.uri { return uri }
        guard let raw = l.raw else { return nil }
        let key = LicenceKey.normalise(raw)
        return key.isEmpty ? nil : key
    }

    static func label(_ l: Licence) -> String {
        if l.status == .missing { return "keine Lizenz" }
        return l.uri ?? "„\(l.raw ?? "")“"
    }

    static func describe(_ ds: Dataset) -> String {
        var parts: [String] = []
        if let l = ds.licence, l.status != .missing { parts.append("Datensatz \(label(l))") }
        for (i, d) in ds.distributions.enumerated() where !d.licenceInherited {
            if let l = d.licence, l.status != .missing { parts.append("Distribution \(i + 1) \(label(l))") }
        }
        return parts.joined(separator: ", ")
    }

    /// The German defaults proposed when a source configures nothing else.
    static let germanProposals = ["http://dcat-ap.de/def/licenses/dl-zero-de/2.0", "http://dcat-ap.de/def/licenses/dl-by-de/2.0"]

    // MARK: Verdicts

    /// The audit's verdict on one dataset: its dataset row and its distribution rows as licences.
    package struct Verdict: Sendable, Hashable {
        package var dataset: Licence
        package var distributions: [Licence]
    }

    /// Verdicts in dataset order, when the audit holds exactly `datasetCount` datasets (rows are appended per
    /// dataset: its dataset row, then one row per distribution); nil otherwise.
    package func verdicts(datasetCount: Int) -> [Verdict]? {
        var out: [Verdict] = []
        out.reserveCapacity(datasetCount)
        // Verdicts repeat (a few licences, a few reasons): equal ones share one licence box. Rows that share a
        // verdict box (`RowPart.intern`) are looked up by its identity, without hashing their texts again (at
        // 100 k datasets this loop ran on one core for a third of a second).
        var known: Set<Licence> = []
        var byVerdict: [ObjectIdentifier: Licence] = [:]
        for r in rows {
            let l: Licence
            if let seen = byVerdict[r.row.verdictIdentity] {
                l = seen
            } else {
                let made = Licence(raw: r.raw.isEmpty ? nil : r.raw, uri: r.uri.isEmpty ? nil : r.uri, spdx: r.spdx.isEmpty ? nil : r.spdx,
                                   status: r.status, reason: r.reason.isEmpty ? nil : r.reason)
                l = known.insert(made).memberAfterInsert
                byVerdict[r.row.verdictIdentity] = l
            }
            if r.isDatasetRow {
                out.append(Verdict(dataset: l, distributions: []))
            } else if !out.isEmpty {
                out[out.count - 1].distributions.append(l)
            } else {
                return nil
            }
        }
        return out.count == datasetCount ? out : nil
    }

    /// Names every row's publisher as the published view does (the catalogue's publisher where the source
    /// named none), so licences.csv groups datasets as datasets.csv and the site do. `catalog` holds the
    /// audited datasets in the audited order, with their published facts.
    package mutating func adoptPublishers(_ catalog: Catalog) {
        var k = -1, changed = false
        // A dataset's rows share their dataset part: it is renamed once, and the rows sharing it take the renamed one.
        var original: Shared<LicenceAuditRow.DatasetPart>?, renamed: Shared<LicenceAuditRow.DatasetPart>?
        for i in rows.indices {
            if rows[i].isDatasetRow { (k, original, renamed) = (k + 1, nil, nil) }
            guard k >= 0, k < catalog.datasets.count else { break }
            let name = catalog.datasets[k].facts.publisher.name
            guard rows[i].publisher != name else { continue }
            if !changed { allToDo = .empty }
            changed = true
            if let original, let renamed, rows[i].dataset.isShared(with: original) {
                rows[i].dataset = renamed
            } else {
                let before = rows[i].dataset
                rows[i].publisher = name
                (original, renamed) = (before, rows[i].dataset)
            }
        }
        // The to-do list names and sorts by publisher.
        if changed { allToDo = Self.toDoItems(rows) }
    }

    // MARK: Views

    package var datasetRows: [LicenceAuditRow] { rows.filter(\.isDatasetRow) }
    package var distributionRows: [LicenceAuditRow] { rows.filter { !$0.isDatasetRow } }

    /// Rows of one source and/or publisher (exact match; nil = all).
    package func filtered(source: String? = nil, publisher: String? = nil) -> LicenceAudit {
        LicenceAudit(rows: rows.filter { (source == nil || $0.source == source) && (publisher == nil || $0.publisher == publisher) },
                     toDoCodes: toDoCodes)
    }

    /// Statuses present among dataset and distribution rows (for `--fail-on`).
    package var presentStatuses: Set<LicenceStatus> { Set(rows.map(\.status)) }

    /// The counts of `rows`, read once. The audit passes lazy views of its rows: a filtered copy is ~320 bytes a
    /// row (at 100 k datasets, the copies of the distribution rows and of those lacking an attribution text were
    /// the run's heap peak, at its end).
    package func counts<Rows: Sequence<LicenceAuditRow>>(named name: String, _ rows: Rows) -> LicenceCounts {
        var by = Dictionary(uniqueKeysWithValues: LicenceStatus.allCases.map { ($0.rawValue, 0) })
        var count = 0, attributionMissing = 0
        for r in rows {
            by[r.status.rawValue, default: 0] += 1
            count += 1
            if r.attributionMissing { attributionMissing += 1 }
        }
        return LicenceCounts(name: name, datasets: count, byStatus: by, attributionMissing: attributionMissing)
    }

    /// Dataset counts over everything.
    package var total: LicenceCounts { counts(named: "gesamt", rows.lazy.filter(\.isDatasetRow)) }
    /// Dataset counts per source, sorted by source id.
    package var bySource: [LicenceCounts] { grouped(\.source) }
    /// Dataset counts per publisher, sorted by name (empty publisher shown as "(ohne Herausgeber)").
    package var byPublisher: [LicenceCounts] { grouped { $0.publisher.isEmpty ? "(ohne Herausgeber)" : $0.publisher } }
    /// Distribution counts over everything.
    package var distributionTotal: LicenceCounts { counts(named: "Distributionen", rows.lazy.filter { !$0.isDatasetRow }) }

    private func grouped(_ key: (LicenceAuditRow) -> String) -> [LicenceCounts] {
        let rows = rows
        return Dictionary(grouping: rows.indices.filter { rows[$0].isDatasetRow }, by: { key(rows[$0]) })
            .map { counts(named: $0.key, $0.value.lazy.map { rows[$0] }) }.sorted { $0.name < $1.name }
    }
}

extension LicenceAudit {
    /// Marks published datasets whose merged duplicates disagreed on the licence as `conflicting`.
    ///
    /// The audit runs on the merged catalogue (what users download), where each duplicate cluster is one
    /// dataset; the members' disagreement is known only from the deduplicator's `licence` conflicts, keyed by
    /// the survivor's `source:remoteID`.
    package mutating func markDuplicateConflicts(_ clusters: [DuplicateCluster]) {
        var changed = false
        for cluster in clusters {
            guard let conflict = cluster.conflicts.first(where: { $0.field == "licence" }) else { continue }
            let values = Set(conflict.values.map(\.value)).sorted()
            guard values.count > 1 else { continue }
            let others = cluster.members.map(\.key).filter { $0 != cluster.survivor }
            for index in rows.indices where rows[index].isDatasetRow && "\(rows[index].source):\(rows[index].remoteID)" == cluster.survivor {
                if !changed { allToDo = .empty }
                rows[index].status = .conflicting
                rows[index].reason = "Dubletten widersprechen sich (\(others.joined(separator: ", "))): " + values.joined(separator: " ≠ ") + "."
                rows[index].apply(LicenceFixer.duplicates(others))
                changed = true
            }
        }
        // A conflict is a to-do item (group `conflicting`).
        if changed { allToDo = Self.toDoItems(rows) }
    }
}
