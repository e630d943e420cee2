import Foundation

// Renderings of the licence audit: report.json section, terminal table, findings (CSV: LicenceToDo.swift,
// licences.html: LicenceAuditHTML.swift).

/// The licence part of report.json.
package struct LicenceReportSection: Sendable, Hashable, Codable {
    package var datasets: LicenceCounts
    package var distributions: LicenceCounts
    package var bySource: [LicenceCounts]
    package var byPublisher: [LicenceCounts]
    /// Rows that need attention (not open, or attribution missing), dataset and distribution rows.
    package var problems: [LicenceAuditRow]
}

/// The licence part of report.json: the counts, and how many rows need attention. The rows themselves are in
/// licences.csv / licences.html and each one is a `licence.*` finding in the same report, so report.json does
/// not carry them a third time (at 100 k datasets that list alone was over 200 MB). `opendata audit --json`
/// prints the full `LicenceReportSection`.
package struct LicenceReportSummary: Sendable, Hashable, Codable {
    package var datasets: LicenceCounts
    package var distributions: LicenceCounts
    package var bySource: [LicenceCounts]
    package var byPublisher: [LicenceCounts]
    /// Rows that need attention (not open, or attribution missing).
    package var problemRows: Int
    /// Where the rows are listed.
    package var details: String
}

extension LicenceAudit {
    // MARK: report.json

    package func reportSection() -> LicenceReportSection {
        LicenceReportSection(datasets: total, distributions: distributionTotal, bySource: bySource, byPublisher: byPublisher,
                             problems: rows.filter(\.isProblem))
    }

    package func reportSummary() -> LicenceReportSummary {
        LicenceReportSummary(datasets: total, distributions: distributionTotal, bySource: bySource, byPublisher: byPublisher,
                             problemRows: rows.count(where: \.isProblem), details: Self.csvFileName)
    }

    // MARK: Findings

    /// One finding per problem row (`licence.<status>`), plus notes for inherited licences and warnings for
    /// missing attribution text. Sorted unless `sorted` is false (a run sorts all its findings together).
    package func findings(sorted: Bool = true) -> [Finding] {
        var out: [Finding] = []
        for r in rows {
            let field = r.distributionIndex.map(DistributionFieldNames.ckanLicence) ?? "license_id"
            switch r.status {
            case .open: break
            case .restricted, .closed, .missing, .unknown, .invalid, .conflicting:
                let severity: Finding.Severity = r.status == .restricted || r.status == .closed ? .note : .warning
                // The audit's reason is German; the English sentence is made from the row's status and licence.
                let value = r.uri.isEmpty ? (r.raw.isEmpty ? "" : "'\(r.raw)'") : r.uri
                out.append(Finding(severity, code: "licence.\(r.status.rawValue)", source: r.source, record: r.remoteID, field: field,
                                   r.isDatasetRow ? .licenceOfDataset : .licenceOfDistribution,
                                   r.isDatasetRow ? [r.reason, r.status.rawValue, value]
                                       : [r.distributionURI, r.reason, r.status.rawValue, value, r.inherited ? "inherited" : ""]))
            }
            if r.inherited && !r.isDatasetRow {
                out.append(Finding(.note, source: r.source, record: r.remoteID, field: field,
                                   .licenceInherited, [r.distributionURI, r.uri.isEmpty ? r.raw : r.uri]))
            }
            if r.attributionMissing && !r.isDatasetRow {
                out.append(Finding(.warning, source: r.source, record: r.remoteID,
                                   field: r.distributionIndex.map(DistributionFieldNames.ckanAttribution),
                                   .attributionMissing, [r.distributionURI, r.uri]))
            }
        }
        return sorted ? out.sorted() : out
    }

    // MARK: Terminal table

    /// A plain-text report: counts per source and publisher, then the problem rows, cut to `width` columns.
    package func table(width: Int = 120) -> String {
        let width = max(width, 60)
        var out: [String] = []
        let statuses = LicenceStatus.allCases
        func countsTable(_ title: String, _ groups: [LicenceCounts]) {
            out.append(title)
            let nameWidth = min(max(groups.map { $0.name.count }.max() ?? 4, 6), max(width - 8 * (statuses.count + 2), 12))
            let header = Self.pad("", nameWidth) + " " + Self.lpad("Datens.", 7) + " " + Self.lpad("offen%", 7)
                + statuses.map { " " + Self.lpad(String($0.rawValue.prefix(7)), 7) }.joined()
            out.append(String(header.prefix(width)))
            for g in groups + (groups.count > 1 ? [total] : []) {
                let line = Self.pad(g.name, nameWidth) + " " + Self.lpad(String(g.datasets), 7) + " " + Self.lpad(Self.formatPercent(g.openPercent), 7)
                    + statuses.map { " " + Self.lpad(String(g.byStatus[$0.rawValue] ?? 0), 7) }.joined()
                out.append(String(line.prefix(width)))
            }
            out.append("")
        }
        countsTable("Lizenzen je Quelle (Datensätze)", bySource)
        countsTable("Lizenzen je Herausgeber (Datensätze)", byPublisher)
        let groups = toDoGroups
        out.append(Self.truncate("Zu erledigen: \(groups.reduce(0) { $0 + $1.items.count }) Einträge"
            + (groups.isEmpty ? "" : " (" + groups.map { "\(SiteLabels.licenceGap($0.gap)): \($0.items.count)" }.joined(separator: ", ") + ")"), width))
        for (gap, items) in groups {
            out.append("")
            out.append(Self.truncate("\(SiteLabels.licenceGap(gap)) [\(gap.rawValue)]: \(items.count)", width))
            var publisher: String?
            for r in items {
                if r.publisher != publisher {
                    publisher = r.publisher
                    out.append(Self.truncate("  \(r.publisher)", width))
                }
                let target = r.isDatasetRow ? "" : " └ \(r.field)"
                let line = "    \(r.title)\(target) | \(r.raw.isEmpty ? "–" : r.raw)" + (r.suggestedFix.isEmpty ? "" : " → \(r.suggestedFix)")
                out.append(Self.truncate(line, width))
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? truncate(s, n) : s + String(repeating: " ", count: n - s.count) }
    static func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
    static func truncate(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(max(n - 1, 0))) + "…" }
    static func formatPercent(_ p: Double) -> String {
        let tenths = Int((p * 10).rounded())
        return "\(tenths / 10),\(tenths % 10)"
    }

    /// HTML text/attribute escaping: the site's one escaper (`SiteHTML.escape`: & < > " ', forbidden
    /// characters replaced, NFC).
    package static func escape(_ s: String) -> String { SiteHTML.escape(s) }
}

extension FindingTemplate {
    /// `licence.<status>` of a dataset's own licence: [the audit's reason (German), status, licence IRI or 'raw value']
    static let licenceOfDataset = FindingTemplate(nil, { "Dataset: \(englishVerdict(status: $0[1], licence: $0[2], dataset: true, inherited: false))." },
                                                  de: { "Datensatz: \($0[0])" })
    /// `licence.<status>` of a distribution's licence: [distribution IRI, the audit's reason (German), status,
    /// licence IRI or 'raw value', "inherited" when taken over from the dataset]
    static let licenceOfDistribution = FindingTemplate(
        nil, { "Distribution \($0[0]): \(englishVerdict(status: $0[2], licence: $0[3], dataset: false, inherited: !$0[4].isEmpty))." },
        de: { "Distribution \($0[0]): \($0[1])" })

    /// The licence audit's verdict in English, from the status and the licence (the German reason names more:
    /// how the licence was recognised, which licences conflict).
    static func englishVerdict(status: String, licence: String, dataset: Bool, inherited: Bool) -> String {
        let named = licence.isEmpty ? "" : " \(licence)"
        let verdict = switch LicenceStatus(rawValue: status) {
        case .missing: inherited ? "no licence of its own and none on the dataset" : "no licence given\(licence.isEmpty ? "" : " (\(licence))")"
        case .unknown: "licence\(named) not recognised"
        case .invalid: "licence value\(named) is not valid"
        case .closed: "not an open licence\(licence.isEmpty ? "" : ":")\(named)"
        case .restricted: "restricted licence\(licence.isEmpty ? "" : ":")\(named)"
        case .conflicting: dataset ? "licences conflict (its distributions or its duplicates name different ones)"
            : "licence\(named) conflicts with the dataset's"
        case .open, nil: "licence\(named): \(status)"
        }
        return inherited && status != LicenceStatus.missing.rawValue ? verdict + " (taken over from the dataset)" : verdict
    }

    /// Arguments: [distribution IRI, licence]: a distribution without a licence of its own takes the dataset's.
    static let licenceInherited = FindingTemplate("licence.inherited", { "Distribution \($0[0]): no licence of its own; the dataset's licence (\($0[1])) was taken over." },
                                                  de: { "Distribution \($0[0]): keine eigene Lizenz, die Lizenz des Datensatzes (\($0[1])) wurde übernommen." })
    /// Arguments: [distribution IRI, licence IRI]: the licence asks for an attribution text, none given.
    static let attributionMissing = FindingTemplate(
        "licence.attribution-missing", { "Distribution \($0[0]): \($0[1]) requires an attribution text (dcatde:licenseAttributionByText); none is given." },
        de: { "Distribution \($0[0]): \($0[1]) verlangt einen Namensnennungstext (dcatde:licenseAttributionByText), es ist keiner angegeben." })
}
