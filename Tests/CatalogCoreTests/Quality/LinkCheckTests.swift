@testable import CatalogCore
import Foundation
import Testing

/// The pure part of link checking: outcome classes, the URLs of a catalogue, due selection and the MQA
/// URL-status indicators fed by results.
@Suite struct LinkCheckTests {
    static let now = Date(timeIntervalSince1970: 1_796_000_000)

    static func result(_ url: String, _ outcome: LinkOutcome, daysAgo: Double = 0, status: Int? = nil) -> LinkResult {
        LinkResult(url: url, outcome: outcome, status: status, checkedAt: now.addingTimeInterval(-daysAgo * 86_400))
    }

    @Test func statusClassesFollowTheMQA() {
        #expect(LinkOutcome.of(status: 200, redirected: false) == .ok)
        #expect(LinkOutcome.of(status: 206, redirected: true) == .redirected)
        #expect(LinkOutcome.of(status: 404, redirected: false) == .clientError)
        #expect(LinkOutcome.of(status: 503, redirected: true) == .serverError)
        #expect(LinkOutcome.allCases.filter(\.isReachable) == [.ok, .redirected])
        // Every class has a German and an English label of its own.
        #expect(Set(LinkOutcome.allCases.map(\.german)).count == LinkOutcome.allCases.count)
        #expect(Set(LinkOutcome.allCases.map(\.english)).count == LinkOutcome.allCases.count)
    }

    @Test func distinctURLsNameEveryUse() {
        let d = QualityScoreTests.example()
        var other = d
        other.uri = "https://example.org/d/2"
        other.identifier = "2"
        other.title = "Bäume 2"
        other.published = nil
        other.distributions = [Distribution(uri: "https://example.org/d/2/csv", accessURL: "https://example.org/f.csv")]
        let catalog = Catalog(uri: "https://example.org/k", title: "K", description: "K", publisher: Agent(name: "Stadt Aachen"), datasets: [d, other])
        let links = LinkCheck.links(catalog)
        #expect(links.map(\.url) == ["https://example.org/f.csv", "https://example.org/f.pdf"])
        let csv = links[0].uses
        // Access and download URL of the first dataset's CSV, and the second dataset's access URL.
        #expect(csv.map(\.role) == [.access, .download, .access])
        #expect(csv.map(\.datasetTitle) == ["Baumkataster", "Baumkataster", "Bäume 2"])
        #expect(csv.allSatisfy { $0.publisher == "Stadt Aachen" })
    }

    @Test func onlyDueURLsAreSelected() {
        let last = LinkResults([
            Self.result("https://a.example/fresh", .ok, daysAgo: 1),
            Self.result("https://a.example/old", .ok, daysAgo: 8),
            Self.result("https://a.example/broken", .clientError, daysAgo: 6.9),
        ])
        let urls = ["https://a.example/new", "https://a.example/fresh", "https://a.example/old", "https://a.example/broken"]
        #expect(LinkCheck.due(urls, last: last, now: Self.now, interval: 7 * 86_400) == ["https://a.example/new", "https://a.example/old"])
        #expect(LinkCheck.due(urls, last: last, now: Self.now, interval: 0) == urls)
        // The newest of two results for one URL counts.
        let two = LinkResults([Self.result("https://a.example/x", .ok, daysAgo: 1), Self.result("https://a.example/x", .timeout, daysAgo: 9)])
        #expect(two["https://a.example/x"]?.outcome == .ok)
    }

    @Test func hostsAreInterleaved() {
        let urls = ["http://a/1", "http://a/2", "http://a/3", "http://b/1", "http://c/1", "http://b/2"]
        #expect(LinkCheck.interleavedByHost(urls) == ["http://a/1", "http://b/1", "http://c/1", "http://a/2", "http://b/2", "http://a/3"])
    }

    /// The worked example of docs/quality.md with link results: the CSV's URL answers, the PDF's is gone.
    @Test func urlStatusIndicatorsAreScoredFromResults() {
        let d = QualityScoreTests.example()
        let links = LinkResults([Self.result("https://example.org/f.csv", .redirected, status: 200), Self.result("https://example.org/f.pdf", .clientError, status: 404)])
        let q = QualityScore.assess(d, checks: QualityChecks(links: links).prepared())
        func result(_ id: String) -> QualityResult { q.results.first { $0.indicator.id == id }! }
        // accessURL-status: 1 of 2 distributions answered: 50 × 0.5 = 25.
        #expect(result("accessURL-status").earned == 25 && result("accessURL-status").status == .partial)
        // downloadURL-status: the PDF has no download URL (counts as not answering), the CSV's answered: 30 × 0.5.
        #expect(result("downloadURL-status").earned == 15 && result("downloadURL-status").status == .partial)
        #expect(q.total(.accessibility) == 10 + 25 + 15)
        #expect(q.total == 222.5 + 40)
        // Without results, or with results for other URLs only, nothing changes.
        #expect(QualityScore.assess(d, checks: QualityChecks(links: nil).prepared()) == QualityScore.assess(d))
        let unrelated = QualityScore.assess(d, checks: QualityChecks(links: LinkResults([Self.result("https://other.example/x", .ok)])).prepared())
        #expect(unrelated.results.first { $0.indicator.id == "accessURL-status" }?.status == .notChecked)
        #expect(unrelated.total == 222.5)
        // With results, a dataset without any download URL has nothing that answers: 0 points, not "not checked".
        var noDownload = d
        noDownload.distributions = d.distributions.map { var x = $0; x.downloadURL = nil; return x }
        noDownload.published = nil
        let catalog = PublishedView.ensure(Catalog(uri: "https://example.org/k", title: "K", description: "K", publisher: Agent(name: "Stadt Aachen"), datasets: [noDownload]))
        let none = QualityScore.assess(catalog.datasets[0], checks: QualityChecks(links: links).prepared())
        #expect(none.results.first { $0.indicator.id == "downloadURL-status" }?.status == .missing)
        #expect(QualityScore.assess(catalog.datasets[0]).results.first { $0.indicator.id == "downloadURL-status" }?.status == .notChecked)
        // All reachable: full points; the report no longer counts them as not checked.
        let all = LinkResults([Self.result("https://example.org/f.csv", .ok), Self.result("https://example.org/f.pdf", .ok)])
        #expect(QualityScore.assess(d, checks: QualityChecks(links: all).prepared()).results.first { $0.indicator.id == "accessURL-status" }?.status == .met)
        let report = QualityReport(Catalog(uri: "https://example.org/k", title: "K", description: "K", publisher: Agent(name: "Stadt Aachen"), datasets: [d]), checks: QualityChecks(links: all))
        #expect(report.uncheckedIndicators.map(\.id) == ["dcat-ap"])
        guard case .object(let section) = report.reportSection() else { Issue.record("not an object"); return }
        #expect(section["notChecked"] == .number(30))
        // A broken URL is a fix worth points on the publisher page.
        let broken = QualityReport(Catalog(uri: "https://example.org/k", title: "K", description: "K", publisher: Agent(name: "Stadt Aachen"), datasets: [d]), checks: QualityChecks(links: links))
        #expect(broken.byPublisher[0].fixes.contains { $0.indicator.id == "accessURL-status" })
    }

    /// The broken-link lists: one row per published use of a broken URL, German headers, one file per publisher.
    @Test func brokenLinkListsPerPublisher() {
        let d = QualityScoreTests.example()
        let catalog = Catalog(uri: "https://example.org/k", title: "K", description: "K", publisher: Agent(name: "Stadt Aachen"), datasets: [d])
        let links = LinkResults([Self.result("https://example.org/f.csv", .ok, status: 200), Self.result("https://example.org/f.pdf", .clientError, status: 404)])
        let broken = LinkReport.broken(catalog, links)
        #expect(broken.map(\.url) == ["https://example.org/f.pdf"])
        #expect(broken.first?.use.role == .access && broken.first?.use.datasetTitle == "Baumkataster")
        let files = LinkReport.files(catalog, links)
        #expect(files.map(\.name) == ["defekte-links.csv", "defekte-links/stadt-aachen.csv"])
        let text = String(decoding: files[1].bytes, as: UTF8.self)
        #expect(text.hasPrefix("\u{FEFF}Herausgeber;Datensatz;Kennung;Portalseite;Distribution;Rolle;URL;Ergebnis;Ergebnis (Code);HTTP-Status;Weitergeleitet nach;Geprüft am\r\n"))
        #expect(text.contains("Stadt Aachen;Baumkataster;1;;https://example.org/d/1/pdf;Zugangs-URL;https://example.org/f.pdf;Fehler beim Abruf (4xx, z. B. nicht gefunden);client-error;404;;2026-11-30T00:53:20Z"))
        #expect(text.split(separator: "\r\n").count == 2)
        // Nothing broken: a header-only overall list and no publisher file.
        let fine = LinkReport.files(catalog, LinkResults([Self.result("https://example.org/f.pdf", .ok)]))
        #expect(fine.map(\.name) == ["defekte-links.csv"])
    }
}
