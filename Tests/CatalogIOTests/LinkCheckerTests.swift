import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

@testable import CatalogIO

/// The link checker against the local fault server (issue 18 item 3).
@Suite struct LinkCheckerTests {
    /// Fast limits for tests: no host delay, a high rate.
    static func settings(_ change: (inout LinkSettings) -> Void = { _ in }) -> LinkSettings {
        var s = LinkSettings()
        s.perHostDelayMS = 0
        s.requestsPerSecond = 1000
        s.timeoutSeconds = 5
        change(&s)
        return s
    }

    static func checker(_ settings: LinkSettings = settings()) -> LinkChecker {
        LinkChecker(settings: settings, catalogBase: "https://daten.example.org")
    }

    /// One server for the plain cases: each path answers as its name says.
    static func faultServer() throws -> TestHTTPServer {
        try TestHTTPServer { request in
            switch request.path {
            case "/ok": return .text("ok")
            case "/moved": return TestHTTPResponse(status: 301, headers: [("Location", "/ok")])
            case "/missing": return .text("nicht gefunden", status: 404)
            case "/broken": return .text("kaputt", status: 500)
            case "/nohead":
                if request.method == "HEAD" { return TestHTTPResponse(status: 405) }
                return TestHTTPResponse(status: 206, headers: [("Content-Range", "bytes 0-0/1000")], body: Data("x".utf8))
            case "/loop-a": return TestHTTPResponse(status: 302, headers: [("Location", "/loop-b")])
            case "/loop-b": return TestHTTPResponse(status: 302, headers: [("Location", "/loop-a")])
            case let p where p.hasPrefix("/chain/"):
                let n = Int(p.dropFirst("/chain/".count)) ?? 0
                return TestHTTPResponse(status: 302, headers: [("Location", "/chain/\(n + 1)")])
            default: return .text("?", status: 404)
            }
        }
    }

    @Test func statusesRedirectsAndTheRangedGETFallback() async throws {
        let server = try Self.faultServer()
        let base = server.baseURL.absoluteString
        let urls = ["/ok", "/moved", "/missing", "/broken", "/nohead", "/loop-a", "/chain/0"].map { base + $0 } + ["ftp://example.org/x", "kein link"]
        let results = await Self.checker().check(urls)
        let byURL = Dictionary(uniqueKeysWithValues: results.map { ($0.url, $0) })
        #expect(results.map(\.url) == urls)
        #expect(byURL[base + "/ok"]?.outcome == .ok && byURL[base + "/ok"]?.status == 200 && byURL[base + "/ok"]?.finalURL == nil)
        #expect(byURL[base + "/moved"]?.outcome == .redirected && byURL[base + "/moved"]?.status == 200)
        #expect(byURL[base + "/moved"]?.finalURL == base + "/ok")
        #expect(byURL[base + "/missing"]?.outcome == .clientError && byURL[base + "/missing"]?.status == 404)
        #expect(byURL[base + "/broken"]?.outcome == .serverError && byURL[base + "/broken"]?.status == 500)
        #expect(byURL[base + "/nohead"]?.outcome == .ok && byURL[base + "/nohead"]?.status == 206)
        #expect(byURL[base + "/loop-a"]?.outcome == .redirectLoop)
        #expect(byURL[base + "/chain/0"]?.outcome == .tooManyRedirects)
        #expect(byURL["ftp://example.org/x"]?.outcome == .invalidURL && byURL["kein link"]?.outcome == .invalidURL)
        let requests = server.requests
        // HEAD first; the ranged GET only where HEAD was refused.
        #expect(requests.filter { $0.path == "/ok" }.map(\.method) == ["HEAD", "HEAD"])  // itself and after /moved
        let nohead = requests.filter { $0.path == "/nohead" }
        #expect(nohead.map(\.method) == ["HEAD", "GET"])
        #expect(nohead.last?.headers["range"] == "bytes=0-0")
        // Five redirects are followed (max_redirects), the sixth is not.
        #expect(requests.filter { $0.path.hasPrefix("/chain/") }.count == 6)
        #expect(requests.allSatisfy { $0.headers["user-agent"] == "opendata/\(OpenDataVersion.current) (link check; +https://daten.example.org)" })
    }

    @Test func crossHostRedirectsAreLimited() async throws {
        let target = try TestHTTPServer { _ in .text("ok") }
        let redirector = try TestHTTPServer { request in
            TestHTTPResponse(status: 302, headers: [("Location", "http://localhost:\(target.port)/data.csv")])
        }
        let url = redirector.baseURL.absoluteString + "/download"
        let followed = await Self.checker().checkOne(url)
        #expect(followed.outcome == .redirected && followed.status == 200)
        #expect(followed.finalURL == "http://localhost:\(target.port)/data.csv")
        let refused = await Self.checker(Self.settings { $0.maxCrossHostRedirects = 0 }).checkOne(url)
        #expect(refused.outcome == .redirectRefused)
        #expect(refused.message.contains("links.max_cross_host_redirects"))
        #expect(target.requests.count == 1)
    }

    @Test func aServerThatDoesNotAnswerTimesOut() async throws {
        // 1.5 s: long enough that a loaded machine still sends the HEAD before the checker gives up on it.
        let server = try TestHTTPServer { _ in TestHTTPResponse.text("spät").with { $0.delay = 6 } }
        let result = await Self.checker(Self.settings { $0.timeoutSeconds = 1.5 }).checkOne(server.baseURL.absoluteString + "/slow")
        #expect(result.outcome == .timeout, "\(result)")
        #expect(result.status == nil)
        // A HEAD that fails is asked once more with a GET. The server records a request when it answers (after its
        // delay), so wait for both records instead of reading them the moment the checker gave up.
        for _ in 0..<100 where server.requests.count < 2 { try await Task.sleep(nanoseconds: 50_000_000) }
        #expect(server.requests.map(\.method).sorted() == ["GET", "HEAD"])
        let closed = try TestHTTPServer { _ in TestHTTPResponse().with { $0.dropConnection = true } }
        #expect(await Self.checker().checkOne(closed.baseURL.absoluteString + "/x").outcome == .connectionError)
    }

    /// A GET answered with an endless body (the server ignores the range) is ended at `max_bytes`; one that
    /// trickles ends at the deadline.
    @Test func endlessAndTricklingBodiesEnd() async throws {
        let endless = try TestHTTPServer { request in
            if request.method == "HEAD" { return TestHTTPResponse(status: 501) }
            return TestHTTPResponse(status: 200, body: Data(repeating: 0x41, count: 32 << 20)).with {
                $0.closeDelimited = true
                $0.chunkSize = 16 * 1024
                $0.chunkDelay = 0.001
            }
        }
        let capped = await Self.checker(Self.settings { $0.maxBytes = 64 * 1024 }).checkOne(endless.baseURL.absoluteString + "/stream")
        #expect(capped.outcome == .ok && capped.status == 200)
        let trickle = try TestHTTPServer { request in
            if request.method == "HEAD" { return TestHTTPResponse(status: 405) }
            return TestHTTPResponse(status: 200, body: Data(repeating: 0x41, count: 10_000)).with {
                $0.chunkSize = 1
                $0.chunkDelay = 0.2
            }
        }
        let slow = await Self.checker(Self.settings { $0.timeoutSeconds = 1 }).checkOne(trickle.baseURL.absoluteString + "/trickle")
        #expect(slow.outcome == .timeout)
    }

    @Test func perHostConcurrencyIsHonoured() async throws {
        let counter = ConcurrencyCounter()
        let server = try TestHTTPServer { _ in
            counter.enter()
            Thread.sleep(forTimeInterval: 0.2)
            counter.leave()
            return .text("ok")
        }
        let urls = (0..<8).map { server.baseURL.absoluteString + "/file/\($0)" }
        let results = await Self.checker(Self.settings { $0.perHostConcurrency = 2 }).check(urls)
        #expect(results.allSatisfy { $0.outcome == .ok })
        #expect(server.requests.count == 8)
        #expect(counter.maximum <= 2)
        #expect(counter.maximum >= 1)
    }

    /// Results go to the store, and only due URLs are asked again.
    @Test func storeRoundTripAndOnlyDueURLsAreRechecked() async throws {
        let server = try Self.faultServer()
        let base = server.baseURL.absoluteString
        let store = try CatalogStore()
        let now = Date(timeIntervalSince1970: 1_796_000_000)
        let earlier = [
            LinkResult(url: base + "/ok", outcome: .ok, status: 200, checkedAt: now.addingTimeInterval(-3_600), message: "HEAD answered 200"),
            LinkResult(url: base + "/missing", outcome: .clientError, status: 404, finalURL: nil, checkedAt: now.addingTimeInterval(-8 * 86_400)),
            LinkResult(url: base + "/moved", outcome: .redirected, status: 200, finalURL: base + "/ok", checkedAt: now.addingTimeInterval(-60), message: "ä"),
        ]
        try store.saveLinkResults(earlier)
        #expect(try store.linkResults() == LinkResults(earlier))
        let catalog = Self.catalog(urls: ["/ok", "/missing", "/broken", "/moved"].map { base + $0 })
        var checker = Self.checker()
        checker.now = { now }
        let summary = try await LinkCheckRunner.checkDue(catalog, store: store, stateURL: URL(fileURLWithPath: "/memory"), checker: checker, all: false, now: now, console: Console(quiet: true))
        // /ok and /moved were checked within the week; /missing is 8 days old, /broken never checked.
        #expect(Set(summary.checked.map(\.url)) == [base + "/missing", base + "/broken"])
        #expect(Set(server.requests.map(\.path)) == ["/missing", "/broken"])
        #expect(summary.urls == 4 && summary.latest.count == 4)
        #expect(Set(summary.broken.map(\.url)) == [base + "/missing", base + "/broken"])
        let stored = try store.linkResults()
        #expect(stored[base + "/broken"]?.outcome == .serverError && stored[base + "/broken"]?.checkedAt == now)
        #expect(stored[base + "/ok"] == earlier[0])
        // --all checks everything again.
        let all = try await LinkCheckRunner.checkDue(catalog, store: store, stateURL: URL(fileURLWithPath: "/memory"), checker: checker, all: true, now: now, console: Console(quiet: true))
        #expect(all.checked.count == 4)
    }

    /// A catalogue with one dataset whose distributions have these access URLs.
    static func catalog(urls: [String]) -> Catalog {
        let dists = urls.enumerated().map { Distribution(uri: "https://daten.example.org/d/1/\($0.offset)", accessURL: $0.element) }
        let d = Dataset(uri: "https://daten.example.org/d/1", identifier: "1", provenance: [Provenance(sourceID: "s", remoteID: "1")],
                        title: "Test", description: "Test", keywords: [], themes: [], publisher: Agent(name: "Stadt Test"), distributions: dists)
        return PublishedView.ensure(Catalog(uri: "https://daten.example.org/k", title: "K", description: "K", publisher: Agent(name: "Stadt Test"), datasets: [d]))
    }
}

/// Counts requests in progress at the same time (the server's handler runs on one thread per connection).
final class ConcurrencyCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var active = 0
    private var peak = 0

    func enter() { lock.withLock { active += 1; peak = max(peak, active) } }
    func leave() { lock.withLock { active -= 1 } }
    var maximum: Int { lock.withLock { peak } }
}

/// Answers without a network: 404 for URLs `broken` picks, 200 for the rest; counts requests.
struct StubLinkTransport: HTTPTransport {
    let broken: @Sendable (URL) -> Bool
    let log = RequestLog()

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        log.add(request)
        return HTTPResponse(status: broken(request.url) ? 404 : 200)
    }
}

final class RequestLog: @unchecked Sendable {
    private let lock = NSLock()
    private var requests: [HTTPRequest] = []
    func add(_ r: HTTPRequest) { lock.withLock { requests.append(r) } }
    var all: [HTTPRequest] { lock.withLock { requests } }
}

/// check-links on a published plain output, then the next run scores the URL status and lists broken links.
@Suite(.serialized) struct LinkCheckRunTests {
    @Test func resultsFeedTheNextRunsQualityScoreAndBrokenLinkLists() async throws {
        let bench = try PlainBench()
        let config = try bench.config(PlainBench.dump(try bench.copy("demo/koeln-2015-01.json")),
                                      extra: "[links]\nper_host_delay_ms = 0\nrequests_per_second = 1000\n")
        _ = try await bench.run(config)
        let quality = { try String(contentsOf: bench.out.appendingPathComponent("quality.csv"), encoding: .utf8) }
        #expect(try quality().contains(",accessURL-status,Zugangs-URL erreichbar,0,50,not-checked,"))
        #expect(!FileManager.default.fileExists(atPath: bench.out.appendingPathComponent("defekte-links.csv").path))
        let transport = StubLinkTransport { $0.absoluteString.utf8.count % 3 == 0 }
        let summary = try await LinkCheckRunner.run(
            LinkCheckRunner.Options(configURL: config, outputDirectory: bench.out, now: Date(timeIntervalSince1970: 1_800_000_100)),
            console: Console(quiet: true), transport: transport)
        // The store lies beside the snapshots, not inside one.
        #expect(summary.stateURL.path == bench.dir.appendingPathComponent("public.snapshots/.opendata/state.sqlite").path)
        #expect(summary.urls > 100 && summary.checked.count == summary.urls)
        #expect(!summary.broken.isEmpty && summary.broken.count < summary.urls)
        #expect(transport.log.all.allSatisfy { $0.headers["User-Agent"] == "opendata/\(OpenDataVersion.current) (link check; +https://example.org/katalog)" })
        // Nothing is due a minute later.
        let again = try await LinkCheckRunner.run(
            LinkCheckRunner.Options(configURL: config, outputDirectory: bench.out, now: Date(timeIntervalSince1970: 1_800_000_160)),
            console: Console(quiet: true), transport: transport)
        #expect(again.checked.isEmpty && again.latest.count == summary.urls)

        _ = try await bench.run(config, at: 3600)
        let csv = try quality()
        #expect(!csv.contains(",accessURL-status,Zugangs-URL erreichbar,0,50,not-checked,"))
        #expect(csv.contains(",accessURL-status,Zugangs-URL erreichbar,50,50,met,"))
        #expect(csv.contains(",accessURL-status,Zugangs-URL erreichbar,0,50,missing,"))
        let report = try bench.report()
        let section = try #require((report["sections"] as? [String: Any])?["quality"] as? [String: Any])
        #expect(section["notChecked"] as? Int == 30)
        let broken = try String(contentsOf: bench.out.appendingPathComponent("defekte-links.csv"), encoding: .utf8)
        let brokenURLs = Set(summary.broken.map(\.url))
        #expect(brokenURLs.allSatisfy { broken.contains($0) })
        let publisherFiles = try FileManager.default.contentsOfDirectory(atPath: bench.out.appendingPathComponent("defekte-links").path)
        #expect(!publisherFiles.isEmpty)
        let page = try String(contentsOf: bench.out.appendingPathComponent("qualitaet/\(publisherFiles.sorted()[0].dropLast(4)).html"), encoding: .utf8)
        #expect(page.contains("<h2>Defekte Links</h2>") && page.contains("defekte-links/\(publisherFiles.sorted()[0])"))
        #expect(!page.contains("<!--defekte-links-->"))
        // The history's catalogue row counts the broken uses the CSV lists (one row each).
        let history = try String(contentsOf: bench.out.appendingPathComponent("qualitaet/verlauf.csv"), encoding: .utf8)
            .split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let column = try #require(history.first?.firstIndex(of: "broken_links"))
        let catalogueRow = try #require(history.dropFirst().first { $0.contains("Gesamter Katalog") })
        let brokenRows = broken.split(separator: "\r\n").count - 1
        #expect(catalogueRow[column] == String(brokenRows))
    }
}

/// `[links] in_nightly`: the nightly job checks the published snapshot's due URLs before its pipeline.
@Suite(.serialized) struct NightlyLinkCheckTests {
    @Test func inNightlyChecksThePublishedSnapshotAndScoresTheURLStatus() async throws {
        let bench = try NightlyBench()
        let fake = try FakeCKAN(packages: try NightlyBench.koeln())
        let links = StubLinkTransport { $0.absoluteString.utf8.count % 2 == 0 }
        var environment = NightlyRunner.Environment()
        environment.sleep = { _ in }
        environment.linkTransport = links
        let config = try bench.config(fake, extra: "[links]\nin_nightly = true\nper_host_delay_ms = 0\nrequests_per_second = 1000\n")
        func run(_ hours: Double) async throws -> NightlyRunner.Summary {
            try await NightlyRunner.run(
                NightlyRunner.Options(configURL: config, outputDirectory: bench.out, state: bench.state, now: Date(timeIntervalSince1970: 1_800_000_000 + hours * 3600)),
                console: Console(quiet: true), environment: environment)
        }
        // First job: nothing published yet, so nothing to check; URL status not checked.
        let first = try await run(0)
        #expect(links.log.all.isEmpty)
        #expect(first.report.sections["quality"].flatMap { if case .object(let o) = $0 { o["notChecked"] } else { nil } } == .number(110))
        // Second job: the published snapshot's URLs are checked (HEAD), stored, and scored.
        let second = try await run(24)
        let checked = Set(links.log.all.map(\.url.absoluteString))
        #expect(checked.count > 100 && links.log.all.allSatisfy { $0.method == "HEAD" })
        #expect(try CatalogStore(url: bench.state).linkResults().byURL.count == checked.count)
        #expect(second.report.sections["quality"].flatMap { if case .object(let o) = $0 { o["notChecked"] } else { nil } } == .number(30))
        #expect(FileManager.default.fileExists(atPath: bench.out.appendingPathComponent("current/defekte-links.csv").path))
        // Third job a day later: nothing is due (interval a week), nothing is asked.
        let before = links.log.all.count
        _ = try await run(48)
        #expect(links.log.all.count == before)
    }
}
