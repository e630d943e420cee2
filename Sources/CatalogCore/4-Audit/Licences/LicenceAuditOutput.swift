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
                out.append(Finding(severity, "licence.\(r.status.rawValue)", source: r.source, record: r.remoteID, field: field,
                                   r.isDatasetRow ? .licenceOfDataset : .licenceOfDistribution, r.isDatasetRow ? [r.reason] : [r.distributionURI, r.reason]))
            }
            if r.inherited && !r.isDatasetRow {
                out.append(Finding(.note, "licence.inherited", source: r.source, record: r.remoteID, field: field,
                                   .licenceInherited, [r.distributionURI, r.uri.isEmpty ? r.raw : r.uri]))
            }
            if r.attributionMissing && !r.isDatasetRow {
                out.append(Finding(.warning, "licence.attribution-missing", source: r.source, record: r.remoteID,
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
    /// `licence.<status>` of a dataset's own licence: [the audit's reason]
    static let licenceOfDataset = FindingTemplate({ "Datensatz: \($0[0])" }, de: { "Datensatz: \($0[0])" })
    /// `licence.<status>` of a distribution's licence: [distribution IRI, the audit's reason]
    static let licenceOfDistribution = FindingTemplate({ "Distribution \($0[0]): \($0[1])" }, de: { "Distribution \($0[0]): \($0[1])" })
    /// `licence.inherited`: [distribution IRI, licence]: a distribution without a licence of its own takes the dataset's.
    static let licenceInherited = FindingTemplate({ "Distribution \($0[0]): no licence of its own; the dataset's licence (\($0[1])) was taken over." },
                                                  de: { "Distribution \($0[0]): keine eigene Lizenz, die Lizenz des Datensatzes (\($0[1])) wurde übernommen." })
    /// `licence.attribution-missing`: [distribution IRI, licence IRI]: the licence asks for an attribution text, none given.
    static let attributionMissing = FindingTemplate(
        { "Distribution \($0[0]): \($0[1]) requires an attribution text (dcatde:licenseAttributionByText); none is given." },
        de: { "Distribution \($0[0]): \($0[1]) verlangt einen Namensnennungstext (dcatde:licenseAttributionByText), es ist keiner angegeben." })
}
