@testable import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

/// The MQA score against the hand-computed example of docs/quality.md ("Worked example").
@Suite struct QualityScoreTests {
    /// Two distributions: a CSV with download URL, media type, size and licence, and a PDF with none of these.
    static func example() -> Dataset {
        let cc = Licence(raw: "cc-by-4.0", uri: "http://dcat-ap.de/def/licenses/cc-by/4.0", status: .open)
        let csv = Distribution(uri: "https://example.org/d/1/csv", accessURL: "https://example.org/f.csv", downloadURL: "https://example.org/f.csv",
                               rawFormat: "CSV", format: "CSV", mediaType: "text/csv", byteSize: 1200, licence: cc)
        let pdf = Distribution(uri: "https://example.org/d/1/pdf", accessURL: "https://example.org/f.pdf", rawFormat: "PDF", format: "PDF")
        let d = Dataset(uri: "https://example.org/d/1", identifier: "1", provenance: [Provenance(sourceID: "s", remoteID: "1")],
                        title: "Baumkataster", description: "Bäume", keywords: ["Bäume"], themes: ["ENVI"],
                        modified: .date("2024-05-01"), publisher: Agent(name: "Stadt Aachen"),
                        contactPoint: ContactPoint(name: "Grünflächen", email: "gruen@example.org"),
                        politicalGeocoding: ["http://dcat-ap.de/def/politicalGeocoding/municipalityKey/05334002"],
                        distributions: [csv, pdf])
        let catalog = PublishedView.ensure(Catalog(uri: "https://example.org/k", title: "K", description: "K", publisher: Agent(name: "Stadt Aachen"), datasets: [d]))
        return catalog.datasets[0]
    }

    @Test func workedExampleScoresAsComputedByHand() throws {
        let q = QualityScore.assess(Self.example())
        func points(_ id: String) -> Double { q.results.first { $0.indicator.id == id }!.earned }
        func status(_ id: String) -> QualityStatus { q.results.first { $0.indicator.id == id }!.status }
        // Findability: keyword 30 + theme 30 + spatial (geocoding) 20 + temporal 0 = 80.
        #expect(q.total(.findability) == 80)
        #expect(status("temporal") == .missing)
        // Accessibility: URL status not checked (0 + 0), download URL on 1 of 2 distributions: 20 × 0.5 = 10.
        #expect(q.total(.accessibility) == 10)
        #expect(status("accessURL-status") == .notChecked && status("downloadURL") == .partial)
        // Interoperability: the best distribution (CSV) counts: format 20 + media type 10 + vocabulary 10 +
        // non-proprietary 20 + machine-readable 20 = 80; DCAT-AP per dataset not checked.
        #expect(q.total(.interoperability) == 80)
        // Reusability: the dataset has no licence for the PDF to inherit, so 1 of 2 distributions has one:
        // licence 20 × 0.5 + vocabulary 10 × 0.5 = 15; access rights 0 + 0; contact 20; publisher 10 = 45.
        #expect(points("licence") == 10 && points("licence-vocabulary") == 5)
        #expect(q.total(.reusability) == 45)
        // Contextuality: rights 0, size 5 × 0.5 = 2.5, issued 0, modified 5 = 7.5.
        #expect(q.total(.contextuality) == 7.5)
        #expect(q.total == 222.5)
        #expect(q.rating == .good)
        #expect(Set(q.results.filter { $0.status == .notChecked }.map(\.indicator.id)) == QualityScore.notChecked)
    }

    @Test func ratingBandsFollowTheMQA() {
        #expect(QualityRating(score: 405) == .excellent && QualityRating(score: 351) == .excellent)
        #expect(QualityRating(score: 350.99) == .good && QualityRating(score: 221) == .good)
        #expect(QualityRating(score: 220) == .sufficient && QualityRating(score: 121) == .sufficient)
        #expect(QualityRating(score: 120) == .bad && QualityRating(score: 0) == .bad)
        #expect(QualityScore.indicators.reduce(0) { $0 + $1.points } == QualityScore.maximum)
        let perDimension = Dictionary(grouping: QualityScore.indicators, by: \.dimension).mapValues { $0.reduce(0) { $0 + $1.points } }
        #expect(perDimension == [.findability: 100, .accessibility: 100, .interoperability: 110, .reusability: 75, .contextuality: 20])
    }

    @Test func csvHasOneRowPerDatasetAndIndicatorAndFixesOnlyWhereNeeded() throws {
        let report = QualityReport(Catalog(uri: "https://example.org/k", title: "K", description: "K", publisher: Agent(name: "Stadt Aachen"), datasets: [Self.example()]))
        let lines = report.csvText().split(separator: "\r\n").map(String.init)
        #expect(lines.count == 1 + QualityScore.indicators.count)
        #expect(lines[0].hasPrefix("dataset_identifier,dataset_title,publisher,source,dimension"))
        let keyword = try #require(lines.first { $0.contains(",keyword,") })
        #expect(keyword.contains(",30,30,met,erfüllt,,222.5,gut"))
        let temporal = try #require(lines.first { $0.contains(",temporal,") })
        #expect(temporal.contains(",0,20,missing,fehlt,\"Zeitraum angeben"))
        // Not-checked indicators name no fix (nothing to set in the metadata).
        let status = try #require(lines.first { $0.contains(",accessURL-status,") })
        #expect(status.contains(",0,50,not-checked,nicht geprüft,,"))
        // The publisher group ranks the fix worth most points first.
        let fixes = report.byPublisher[0].fixes
        #expect(fixes.first?.indicator.id == "temporal")
        #expect(!fixes.contains { $0.indicator.id == "accessURL-status" })
        // report.json's section: mean, bands, per publisher, and the 110 points not checked.
        guard case .object(let section) = report.reportSection() else { Issue.record("not an object"); return }
        #expect(section["mean"] == .number(222.5) && section["notChecked"] == .number(110))
        #expect(section["ratings"] == .object(["excellent": .number(0), "good": .number(1), "sufficient": .number(0), "bad": .number(0)]))
    }
}

/// The maintainers' quality pages on the demo site: one per publisher, each with its mean, band and ranked fixes.
@Suite struct QualityPagesTests {
    /// A group sums its datasets up once; its figures are what its datasets' scores give, read one by one.
    @Test func aGroupsFiguresAreItsDatasetsScores() {
        let report = QualityReport(SiteFixtures.demo.catalog)
        for group in report.byPublisher + report.bySource + [report.all] {
            let n = Double(group.entries.count)
            #expect(group.mean == QualityScore.round(group.entries.reduce(0) { $0 + $1.quality.total } / n), "\(group.name)")
            for d in QualityDimension.allCases {
                #expect(group.mean(d) == QualityScore.round(group.entries.reduce(0) { $0 + $1.quality.total(d) } / n), "\(group.name) \(d)")
            }
            var expected: [(id: String, datasets: Int, gain: Double)] = []
            for indicator in QualityScore.indicators {
                let open = group.entries.compactMap { e in e.quality.results.first { $0.indicator.id == indicator.id } }
                    .filter { $0.status != .notChecked && $0.gain > 0 }
                if !open.isEmpty { expected.append((indicator.id, open.count, QualityScore.round(open.reduce(0) { $0 + $1.gain } / n))) }
            }
            #expect(group.fixes.map(\.indicator.id).sorted() == expected.map(\.id).sorted(), "\(group.name)")
            for fix in group.fixes {
                let want = expected.first { $0.id == fix.indicator.id }
                #expect(fix.datasets == want?.datasets && fix.meanGain == want?.gain, "\(group.name) \(fix.indicator.id)")
            }
        }
        #expect(report.byPublisher.contains { $0.entries.count > 1 && !$0.fixes.isEmpty })
    }

    @Test func everyDemoPublisherHasAQualityPageWithRankedFixes() throws {
        let site = SiteRendererTests.demoSite
        let index = try #require(site["qualitaet/index.html"])
        #expect(index.contains("<h1>Metadatenqualität</h1>") && index.contains("von 405 Punkten"))
        let report = QualityReport(SiteFixtures.demo.catalog)
        let keys = SiteModel.publisherKeys(report.entries.map { $0.dataset.facts.publisher.name })
        #expect(report.byPublisher.count >= 2)
        for group in report.byPublisher {
            let key = try #require(keys[group.name])
            let page = try #require(site["qualitaet/\(key).html"], "\(group.name)")
            #expect(index.contains("href=\"\(key).html\""))
            #expect(page.contains("<strong>\(SiteHTML.decimal(group.mean))</strong> von 405 Punkten: <strong>\(group.rating.german)</strong>"))
            // Fixes ranked by the points they add to the mean, the first one on the page first.
            let gains = group.fixes.map(\.meanGain)
            #expect(gains == gains.sorted(by: >))
            if let first = group.fixes.first { #expect(page.contains(SiteHTML.escape(first.indicator.fix))) }
            // Every dataset of the publisher is listed with a link to its page (100 per page: `….seite-2.html` …).
            var listed = page, n = 2
            while let more = site["qualitaet/\(key).seite-\(n).html"] { listed += more; n += 1 }
            #expect(n - 1 == (group.entries.count + 99) / 100)
            for e in group.entries { #expect(listed.contains("../datensatz/\(e.dataset.facts.slug).html")) }
        }
        // The navigation links the pages from everywhere.
        #expect(try #require(site["index.html"]).contains("href=\"qualitaet/index.html\""))
    }
}
