@testable import CatalogCore
import Foundation
import Testing

/// The quality history (qualitaet/verlauf.csv): merging a run's rows, reading the file back, and what a
/// malformed previous file does.
@Suite struct QualityHistoryTests {
    static func row(_ date: String, _ key: String, mean: Double, gaps: [LicenceGap: Int] = [:], broken: Int? = nil) -> QualityHistory.Row {
        QualityHistory.Row(date: date, publisherKey: key, publisher: key.isEmpty ? QualityHistory.catalogueName : "Stadt \(key)",
                           datasets: 10, gaps: gaps, qualityMean: mean, brokenLinks: broken)
    }

    @Test func aRunReplacesTheRowsOfItsDateAndKeepsTheOrder() {
        let old = QualityHistory(rows: [Self.row("2027-01-02", "b", mean: 100), Self.row("2027-01-01", "a", mean: 90), Self.row("2027-01-02", "", mean: 95)])
        // Sorted by date, the catalogue's row (empty key) first.
        #expect(old.rows.map { "\($0.date) \($0.publisherKey)" } == ["2027-01-01 a", "2027-01-02 ", "2027-01-02 b"])
        let merged = old.merging([Self.row("2027-01-02", "", mean: 97), Self.row("2027-01-02", "c", mean: 120)])
        // Every row of 2027-01-02 is today's (b is gone: today has no publisher b), 2027-01-01 stays.
        #expect(merged.rows.map { "\($0.date) \($0.publisherKey) \($0.qualityMean)" } == ["2027-01-01 a 90.0", "2027-01-02  97.0", "2027-01-02 c 120.0"])
        #expect(merged.dates == ["2027-01-01", "2027-01-02"])
    }

    @Test func aRunWithTheSameFiguresAsTheLastDateAddsNoDate() {
        let old = QualityHistory(rows: [Self.row("2027-01-01", "a", mean: 90, gaps: [.missing: 2])])
        let same = old.merging([Self.row("2027-01-05", "a", mean: 90, gaps: [.missing: 2])])
        #expect(same == old)
        #expect(same.csv() == old.csv())  // byte-identical: an unchanged run keeps the snapshot
        let changed = old.merging([Self.row("2027-01-05", "a", mean: 90, gaps: [.missing: 1])])
        #expect(changed.dates == ["2027-01-01", "2027-01-05"])
        // A second run on the same day that is back to the earlier figures takes its date out again.
        #expect(changed.merging([Self.row("2027-01-05", "a", mean: 90, gaps: [.missing: 2])]).dates == ["2027-01-01"])
    }

    @Test func theHistoryKeepsTheNewestDatesWithinItsBound() {
        var history = QualityHistory(rows: [])
        for day in 1...9 { history = history.merging([Self.row("2027-02-0\(day)", "a", mean: Double(day))], maxDates: 5) }
        #expect(history.dates == ["2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09"])
        #expect(QualityHistory.maxDates == 400)
    }

    @Test func theFileReadsBackAsWritten() {
        let history = QualityHistory(rows: [
            Self.row("2027-01-01", "", mean: 244.69, gaps: [.missing: 3, .attributionMissing: 7]),
            QualityHistory.Row(date: "2027-01-01", publisherKey: "x", publisher: "=Amt, \"Nord\"", datasets: 2, gaps: [.notOpen: 1],
                               qualityMean: 12.5, brokenLinks: 4),
        ])
        let csv = history.csv()
        #expect(csv.hasPrefix("date,publisher_key,publisher,datasets,licence_gaps,gaps_missing,gaps_unknown,gaps_not_open,gaps_conflicting,gaps_version_assumed,gaps_attribution_missing,quality_mean,broken_links\r\n"))
        // The attribution group is counted apart from the gaps; links not checked are an empty cell.
        #expect(csv.contains("\r\n2027-01-01,,Gesamter Katalog,10,3,3,0,0,0,0,7,244.69,\r\n"))
        let back = QualityHistory(csv: csv)
        #expect(back.findings.isEmpty)
        #expect(back == history)
    }

    @Test func unreadableLinesAreFindingsAndTheRestIsKept() throws {
        let good = QualityHistory(rows: [Self.row("2027-01-01", "a", mean: 90), Self.row("2027-01-02", "a", mean: 91)]).csv()
        var lines = good.components(separatedBy: "\r\n")
        lines.insert("2027-13-01,a,Stadt a,10,0,0,0,0,0,0,0,90,", at: 2)  // no 13th month
        lines.insert("2027-01-03,a,Stadt a,10,0,0,0,0,0,0,0,lots,", at: 3)
        lines.insert("2027-01-04,a,Stadt a", at: 4)  // cut off
        lines.insert("2027-01-05,a,Stadt a,10,0,0,0,0,0,0,0,90,-1", at: 5)
        let read = QualityHistory(csv: lines.joined(separator: "\r\n"))
        #expect(read.dates == ["2027-01-01", "2027-01-02"])
        #expect(read.findings.map(\.code) == Array(repeating: "quality-history.malformed-row", count: 4))
        #expect(read.findings.map { $0.recordID ?? "" } == ["line 3", "line 4", "line 5", "line 6"])
        let first = try #require(read.findings.first)
        #expect(first.severity == .warning && first.message.contains("date \"2027-13-01\""))
        #expect(first.messageDE?.contains("Zeile 3 der vorigen qualitaet/verlauf.csv") == true)
        // The findings stay with the history through the run's merge (the pipeline reports them).
        #expect(read.merging([Self.row("2027-01-06", "a", mean: 95)]).findings.count == 4)
    }

    @Test func aFileWithoutTheColumnsIsOneFindingAndTheHistoryStartsAgain() {
        for text in ["Datum;Herausgeber;Punkte\r\n2027-01-01;a;90\r\n", "\u{0}\u{1}binary", "date,publisher\r\n"] {
            let read = QualityHistory(csv: text)
            #expect(read.rows.isEmpty)
            #expect(read.findings.map(\.code) == ["quality-history.malformed"], "\(text)")
            #expect(read.findings.first?.messageDE?.contains("beginnt mit diesem Lauf neu") == true)
        }
        // An empty file is no history and no problem.
        #expect(QualityHistory(csv: "").findings.isEmpty)
        // Many bad lines: twenty named, the rest counted in one more.
        let many = "date,publisher_key,publisher,datasets,licence_gaps,gaps_missing,gaps_unknown,gaps_not_open,gaps_conflicting,gaps_version_assumed,gaps_attribution_missing,quality_mean,broken_links\n"
            + String(repeating: "x\n", count: 30)
        let read = QualityHistory(csv: many)
        #expect(read.findings.count == 21 && read.findings.last?.message.hasPrefix("10 more lines") == true)
    }

    @Test func todaysRowsCountTheLicenceToDoListAndTheMeansPerPublisher() throws {
        var catalog = SiteFixtures.demo.catalog
        catalog = PublishedView.ensure(catalog)
        var audit = LicenceAudit(datasets: catalog.datasets, registry: licenceRegistry)
        audit.adoptPublishers(catalog)
        let quality = QualityReport(catalog)
        let rows = QualityHistory.rows(date: "2027-01-15", quality: quality, audit: audit)
        let keys = SiteModel.publisherKeys(quality.entries.map { $0.dataset.facts.publisher.name })
        let whole = try #require(rows.first)
        #expect(whole.publisherKey.isEmpty && whole.publisher == QualityHistory.catalogueName)
        #expect(whole.datasets == catalog.datasets.count && whole.qualityMean == quality.all.mean && whole.brokenLinks == nil)
        #expect(whole.gapTotal == audit.toDo.count { $0.gap != .attributionMissing })
        #expect(rows.count == quality.byPublisher.count + 1)
        for (row, group) in zip(rows.dropFirst(), quality.byPublisher) {
            #expect(row.publisher == group.name && row.publisherKey == keys[group.name] && row.qualityMean == group.mean)
            #expect(row.gaps[.missing] ?? 0 == audit.toDo.count { $0.publisher == group.name && $0.gap == .missing })
        }
        #expect(rows.dropFirst().reduce(0) { $0 + $1.gapTotal } == whole.gapTotal)
        #expect(whole.gapTotal > 0)
        // Broken links once a checker delivers them: per publisher, summed for the catalogue.
        let name = try #require(quality.byPublisher.first?.name)
        let checked = QualityHistory.rows(date: "2027-01-15", quality: quality, audit: audit, brokenLinks: [name: 3])
        #expect(checked[0].brokenLinks == 3 && checked[1].brokenLinks == 3 && checked.last?.brokenLinks == (checked.count > 2 ? 0 : 3))
    }
}
