import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

@testable import CatalogIO

/// The quality history across plain runs into one output folder: each run reads the published
/// qualitaet/verlauf.csv and writes it back with its own date.
@Suite(.serialized) struct QualityHistoryRunTests {
    static let day: TimeInterval = 86_400

    func history(_ bench: PlainBench) throws -> QualityHistory {
        QualityHistory(csv: try String(contentsOf: bench.out.appendingPathComponent(QualityHistory.fileName), encoding: .utf8))
    }

    func page(_ bench: PlainBench, _ name: String) throws -> String {
        try String(contentsOf: bench.out.appendingPathComponent("qualitaet/\(name)"), encoding: .utf8)
    }

    @Test func consecutiveRunsRecordTheirDatesAndThePagesDrawTheTrend() async throws {
        let bench = try PlainBench()
        let dump = try bench.copy("demo/koeln-2015-01.json")
        let config = try bench.config(PlainBench.dump(dump))
        _ = try await bench.run(config)
        let first = try history(bench)
        #expect(first.findings.isEmpty && first.dates == ["2027-01-15"])
        let key = try #require(first.rows.first { !$0.publisherKey.isEmpty }?.publisherKey)
        #expect(try page(bench, "\(key).html").contains("Erst ein Lauf ist verzeichnet (15.01.2027)"))
        #expect(try page(bench, "index.html").contains("<h2 id=\"verlauf\">Verlauf</h2>"))

        // The next day, nothing changed: no new date, so the snapshot stays.
        let unchanged = try await bench.run(config, at: Self.day)
        #expect(unchanged.publish.created == false)
        #expect(try history(bench).dates == ["2027-01-15"])

        // Two days later seven datasets are gone: the figures change and the date is recorded.
        _ = try PlainPublishTests.keep(dump, first: 130)
        let changed = try await bench.run(config, at: 2 * Self.day)
        #expect(changed.publish.created)
        let second = try history(bench)
        #expect(second.dates == ["2027-01-15", "2027-01-17"])
        let catalogue = second.series(publisher: nil)
        #expect(catalogue.count == 2 && catalogue[1].datasets == catalogue[0].datasets - 7)
        let html = try page(bench, "\(key).html")
        #expect(html.contains("<figure class=\"trend\">") && html.contains("<svg") && html.contains("Mittlere Punktzahl"))
        // The section needs no script (the page's own site.js is progressive enhancement only).
        let start = try #require(html.range(of: "<section aria-labelledby=\"verlauf\">"))
        let section = String(html[start.lowerBound...]).components(separatedBy: "</section>")[0]
        #expect(section.contains("15.01.2027") && section.contains("17.01.2027") && !section.contains("<script") && !section.contains("javascript:"))
        #expect(try page(bench, "index.html").contains("<figure class=\"trend\">"))
        let downloads = try String(contentsOf: bench.out.appendingPathComponent("downloads.html"), encoding: .utf8)
        #expect(downloads.contains("href=\"qualitaet/verlauf.csv\""))
    }

    @Test func aMalformedPublishedHistoryIsAFindingNotACrash() async throws {
        let bench = try PlainBench()
        let dump = try bench.copy("demo/koeln-2015-01.json")
        let config = try bench.config(PlainBench.dump(dump))
        _ = try await bench.run(config)
        // Someone edits the published file: one line cut off, one with a word for a score.
        let file = bench.out.appendingPathComponent(QualityHistory.fileName)
        var lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\r\n")
        lines.insert("2027-01-10,x,Amt X,3", at: 1)
        lines.insert("2027-01-11,x,Amt X,3,0,0,0,0,0,0,0,gut,", at: 2)
        try lines.joined(separator: "\r\n").write(to: file, atomically: false, encoding: .utf8)

        let summary = try await bench.run(config, at: Self.day)
        #expect(summary.exitCode == 0)
        let findings = (try bench.report()["findings"] as? [[String: Any]] ?? []).filter { $0["code"] as? String == "quality-history.malformed-row" }
        #expect(findings.compactMap { $0["recordID"] as? String } == ["line 2", "line 3"])
        #expect(findings.allSatisfy { ($0["messageDE"] as? String)?.contains("qualitaet/verlauf.csv") == true })
        // The readable rows are kept.
        #expect(try history(bench).dates == ["2027-01-15"])
    }

    @Test func nightlyRunsCarryTheHistoryToo() async throws {
        let bench = try NightlyBench()
        func run(_ packages: [[String: Any]], day: Double) async throws -> NightlyRunner.Summary {
            var environment = NightlyRunner.Environment()
            environment.sleep = { _ in }
            let fake = try FakeCKAN(packages: packages)  // serves while it lives
            let options = NightlyRunner.Options(configURL: try bench.config(fake), outputDirectory: bench.out,
                                                state: bench.state, now: Date(timeIntervalSince1970: 1_800_000_000 + day * Self.day))
            let summary = try await NightlyRunner.run(options, console: Console(quiet: true), environment: environment)
            withExtendedLifetime(fake) {}
            return summary
        }
        var packages = try NightlyBench.koeln()
        #expect(try await run(packages, day: 0).publish?.created == true)
        packages.removeLast(3)
        let second = try await run(packages, day: 1)
        #expect(second.publish?.created == true)
        let file = bench.out.appendingPathComponent("current/" + QualityHistory.fileName)
        let history = QualityHistory(csv: try String(contentsOf: file, encoding: .utf8))
        #expect(history.findings.isEmpty)
        #expect(history.dates == ["2027-01-15", "2027-01-16"])
        let catalogue = history.series(publisher: nil)
        #expect(catalogue.count == 2 && catalogue[1].datasets == catalogue[0].datasets - 3)
    }
}
