// The quality history (issue 18 item 4): per run date and publisher the licence gaps, the mean MQA score and the
// broken links, kept from run to run in `qualitaet/verlauf.csv` so the quality pages can show the trend.
//
// State between runs works as for the change feeds: IO reads the previous published snapshot's file and hands
// it to the pipeline (`Pipeline.previousHistory`), which merges this run's rows in and emits the new file.
// Pure: parsing, merging and rendering only. A date is recorded when a figure changed since the last recorded
// date: an unchanged run adds no row, so the output stays byte-identical and no new snapshot is made.

package struct QualityHistory: Sendable, Equatable {
    /// One publisher's (or, with an empty key, the whole catalogue's) figures on one run date.
    package struct Row: Sendable, Hashable {
        /// The run date, `YYYY-MM-DD` (UTC, from the run time).
        package var date: String
        /// The publisher's key on the site (`qualitaet/<key>.html`); empty for the whole catalogue.
        package var publisherKey: String
        package var publisher: String
        package var datasets: Int
        /// Items of the licence to-do list per group (licences.html), zero where there are none.
        package var gaps: [LicenceGap: Int]
        /// The mean MQA score (of 405).
        package var qualityMean: Double
        /// Distributions whose link is broken; nil when links were not checked.
        package var brokenLinks: Int?

        package init(date: String, publisherKey: String, publisher: String, datasets: Int, gaps: [LicenceGap: Int],
                     qualityMean: Double, brokenLinks: Int? = nil) {
            self.date = date
            self.publisherKey = publisherKey
            self.publisher = publisher
            self.datasets = datasets
            self.gaps = gaps.filter { $0.value != 0 }
            self.qualityMean = qualityMean
            self.brokenLinks = brokenLinks
        }

        /// Licence gaps to fix (every group but the lower one, attribution text missing).
        package var gapTotal: Int { gaps.filter { $0.key != .attributionMissing }.values.reduce(0, +) }

        /// The row without its date: two dates with equal figures record no change.
        var figures: Row { var r = self; r.date = ""; return r }
    }

    /// Sorted by date, then key (the catalogue's row, key "", first), then name.
    package private(set) var rows: [Row]
    /// Problems of the file this history was read from (a malformed previous file); empty otherwise.
    package var findings: [Finding] = []

    package static let fileName = "qualitaet/verlauf.csv"
    /// Run dates kept (the oldest are dropped beyond this).
    package static let maxDates = 400
    /// The name of the whole catalogue's rows.
    package static let catalogueName = "Gesamter Katalog"

    package init(rows: [Row]) {
        self.rows = rows.sorted { ($0.date, $0.publisherKey, $0.publisher) < ($1.date, $1.publisherKey, $1.publisher) }
    }

    /// The run dates, oldest first.
    package var dates: [String] { Array(Set(rows.map(\.date))).sorted() }

    /// The rows of one publisher (by name, which is stable where a key may not be) or, with nil, the catalogue's.
    package func series(publisher: String?) -> [Row] {
        rows.filter { row in publisher.map { row.publisher == $0 && !row.publisherKey.isEmpty } ?? row.publisherKey.isEmpty }
    }

    /// This history with `today`'s rows (all of one date) in place of any rows of that date, unless they state
    /// the same figures as the latest earlier date (then that date stands for today too); at most `maxDates`
    /// dates, the newest kept.
    package func merging(_ today: [Row], maxDates: Int = QualityHistory.maxDates) -> QualityHistory {
        guard let date = today.first?.date else { return self }
        var kept = rows.filter { $0.date != date }
        let earlier = Set(kept.map(\.date)).filter { $0 < date }.max()
        let last = kept.filter { $0.date == earlier }.map(\.figures)
        if earlier == nil || Set(last) != Set(today.map(\.figures)) { kept += today }
        let keep = Set(Set(kept.map(\.date)).sorted().suffix(maxDates))
        var merged = QualityHistory(rows: kept.filter { keep.contains($0.date) })
        merged.findings = findings
        return merged
    }

    /// Today's rows: the whole catalogue and each publisher of `quality` (keys as on the quality pages), with the
    /// licence to-do items of `audit` per group and the broken links per publisher name (nil: not checked).
    package static func rows(date: String, quality: QualityReport, audit: LicenceAudit, brokenLinks: [String: Int]? = nil) -> [Row] {
        var gaps: [String: [LicenceGap: Int]] = [:]
        var all: [LicenceGap: Int] = [:]
        for item in audit.toDo {
            guard let gap = item.gap else { continue }
            gaps[item.publisher, default: [:]][gap, default: 0] += 1
            all[gap, default: 0] += 1
        }
        let groups = quality.byPublisher
        let keys = SiteModel.publisherKeys(quality.entries.map { $0.dataset.facts.publisher.name })
        let total = quality.all
        var out = [Row(date: date, publisherKey: "", publisher: catalogueName, datasets: total.entries.count, gaps: all,
                       qualityMean: total.mean, brokenLinks: brokenLinks.map { $0.values.reduce(0, +) })]
        for g in groups {
            guard let key = keys[g.name] else { continue }
            out.append(Row(date: date, publisherKey: key, publisher: g.name, datasets: g.entries.count, gaps: gaps[g.name] ?? [:],
                           qualityMean: g.mean, brokenLinks: brokenLinks.map { $0[g.name] ?? 0 }))
        }
        return out
    }

    /// The history after this run: `previous` (nil on a first run) with the rows of `runTime`'s date.
    package static func next(previous: QualityHistory?, runTime: String, quality: QualityReport, audit: LicenceAudit,
                             brokenLinks: [String: Int]? = nil) -> QualityHistory {
        let today = rows(date: String(runTime.prefix(10)), quality: quality, audit: audit, brokenLinks: brokenLinks)
        return (previous ?? QualityHistory(rows: [])).merging(today)
    }

    // MARK: CSV

    /// The columns, as the downloads page lists them.
    package static let columns: [ExportColumn] = [
        .init(name: "date", type: "date", description: "Run date (UTC)", german: "Datum des Laufs (UTC)"),
        .init(name: "publisher_key", type: "string", description: "Publisher key (qualitaet/<key>.html); empty: the whole catalogue", german: "Schlüssel des Herausgebers (qualitaet/<key>.html); leer: der ganze Katalog"),
        .init(name: "publisher", type: "string", description: "Publisher as published", german: "Herausgeber, wie veröffentlicht"),
        .init(name: "datasets", type: "integer", description: "Datasets", german: "Datensätze"),
        .init(name: "licence_gaps", type: "integer", description: "Licence to-do items (licences.html) without the attribution group", german: "Lizenzlücken (Aufgaben auf licences.html) ohne fehlende Namensnennungstexte"),
    ] + LicenceGap.allCases.map { gap in
        .init(name: gapColumn(gap), type: "integer", description: "Licence to-do items in group \(gap.rawValue)", german: "Aufgaben der Gruppe „\(SiteLabels.licenceGap(gap))“")
    } + [
        .init(name: "quality_mean", type: "number", description: "Mean MQA score (of 405, docs/quality.md)", german: "Mittlere MQA-Punktzahl (von 405)"),
        .init(name: "broken_links", type: "integer", description: "Broken links; empty: links not checked", german: "Defekte Links; leer: nicht geprüft"),
    ]

    static func gapColumn(_ gap: LicenceGap) -> String { "gaps_" + gap.rawValue.replacingOccurrences(of: "-", with: "_") }

    /// `qualitaet/verlauf.csv` (RFC 4180, UTF-8, CRLF), in the order of `rows`.
    package func csv() -> String {
        var w = CSVWriter(header: Self.columns.map(\.name))
        for r in rows {
            w.append([r.date, r.publisherKey, r.publisher, String(r.datasets), String(r.gapTotal)]
                + LicenceGap.allCases.map { String(r.gaps[$0] ?? 0) }
                + [ExportNumber.format(r.qualityMean), r.brokenLinks.map(String.init) ?? ""])
        }
        return w.text
    }
}
