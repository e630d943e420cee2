import Foundation
import Testing
import CatalogCore
import CatalogTestSupport
@testable import CatalogIO

/// Real DCAT-AP.de catalogues (dataset counts verified independently with rdflib 7).
let destatisRDF = Fixtures.shared("dcat-rdf/real-portals/destatis-catalog.rdf")          // 135 datasets
let bremenRDF = Fixtures.shared("dcat-rdf/real-portals/bremen-transparenz-catalog.rdf")   // 153 datasets
let brandenburgRDF = Fixtures.shared("dcat-rdf/real-portals/brandenburg-catalog-govdata-dashboard.rdf")  // 112 datasets
let endpointRDF = Fixtures.shared("dcat-rdf/real-portals/ckanext-dcatde-catalog-endpoint-example.rdf")  // 6 datasets
let refImpTTL = Fixtures.shared("dcat-rdf/spec-examples/dcatde-2.0-dcat_ap_de-RefImp_TTL_ADVANCED.ttl")  // 2 datasets
let refImpDatasets = 2

/// The run's licence table and catalogue settings, loaded once from the shipped catalog/.
let dcatSetup: CatalogRunner.Setup = try! CatalogRunner.setup(configURL: Fixtures.catalog("sources.toml"))

func dcatSource(_ url: String? = nil, path: String? = nil) -> SourceConfig {
    SourceConfig(id: "dcat-test", title: "DCAT test", kind: .dcat, url: url, path: path)
}

func makeHarvester(retries: Int = 3, maxMB: Int = 256, sleeps: SleepLog = SleepLog()) -> DCATHarvester {
    DCATHarvester(
        mapper: DCATMapper(catalog: dcatSetup.config.catalog, licences: dcatSetup.licences, vocabularies: dcatSetup.vocabularies),
        settings: HarvestSettings(timeoutSeconds: 10, retries: retries, maxResponseMB: maxMB),
        sleep: { sleeps.record($0) })
}

func identifiers(_ outcome: DCATOutcome) -> Set<String> {
    Set(outcome.results.compactMap { $0.dataset?.identifier })
}

/// A counter shared with a server handler.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int { lock.withLock { value += 1; return value } }
}

/// Splits a real flat RDF/XML catalogue (top-level `rdf:Description` blocks) into `count` pages: each page
/// holds its share of the `dcat:Dataset` blocks plus every other block (distributions, contacts, publishers;
/// `dcat:dataset` links dropped) and, but the last, a hydra `PartialCollectionView` whose `hydra:next` is
/// `nextURL(page + 1)`.
func splitIntoPages(_ file: URL, count: Int, nextURL: (Int) -> String, pageURL: (Int) -> String) throws -> [Data] {
    let text = try String(contentsOf: file, encoding: .utf8)
    let start = text.range(of: "\n  <rdf:Description")!.lowerBound
    let end = text.range(of: "</rdf:RDF>", options: .backwards)!.lowerBound
    let header = String(text[..<start])
    var datasets: [String] = []
    var others: [String] = []
    for block in text[start..<end].components(separatedBy: "\n  </rdf:Description>") {
        let trimmed = block.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { continue }
        let full = "  " + trimmed + "\n  </rdf:Description>\n"
        if full.contains("rdf:resource=\"http://www.w3.org/ns/dcat#Dataset\"") {
            datasets.append(full)
        } else {
            others.append(full.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("<dcat:dataset ") }.joined(separator: "\n"))
        }
    }
    let perPage = (datasets.count + count - 1) / count
    return (0..<count).map { page in
        var body = header + "\n"
        body += datasets[min(page * perPage, datasets.count)..<min((page + 1) * perPage, datasets.count)].joined()
        body += others.joined()
        if page + 1 < count {
            body += """
              <rdf:Description rdf:about="\(pageURL(page + 1))" xmlns:hydra="http://www.w3.org/ns/hydra/core#">
                <rdf:type rdf:resource="http://www.w3.org/ns/hydra/core#PartialCollectionView"/>
                <hydra:next rdf:resource="\(nextURL(page + 2))"/>
              </rdf:Description>

            """
        }
        return Data((body + "</rdf:RDF>\n").utf8)
    }
}

/// A real Turtle catalogue with a hydra next link appended (the link as given, relative or absolute).
func turtleWithNext(_ next: String?) throws -> Data {
    var text = try String(contentsOf: refImpTTL, encoding: .utf8)
    if let next { text += "\n<> <http://www.w3.org/ns/hydra/core#next> <\(next)> .\n" }
    return Data(text.utf8)
}

let rdfXML = [("Content-Type", "application/rdf+xml; charset=utf-8")]
let turtle = [("Content-Type", "text/turtle; charset=utf-8")]

@Suite struct DCATHarvesterTests {
    // MARK: - File form

    @Test(arguments: [(destatisRDF, 135), (bremenRDF, 153), (brandenburgRDF, 112), (endpointRDF, 6)])
    func readsRealCatalogueFiles(_ file: URL, expected: Int) throws {
        let outcome = makeHarvester().read(source: dcatSource(path: file.path), file: file)
        #expect(outcome.error == nil)
        #expect(outcome.results.count == expected)
        #expect(identifiers(outcome).count == outcome.results.filter { $0.dataset != nil }.count)
        #expect(outcome.pages == 1 && outcome.requests == 0)
        #expect(outcome.triples > expected * 5)
    }

    /// ckanext-dcatde's example writes `rdf:resource="berlin"` for a geocoding level: a relative reference, which
    /// must not become a `file:///…` path of the harvesting machine (it did while the file was the parse base).
    @Test func relativeReferencesInAFileDoNotBecomeLocalPaths() throws {
        let outcome = makeHarvester().read(source: dcatSource(path: endpointRDF.path), file: endpointRDF)
        let datasets = outcome.results.compactMap(\.dataset)
        #expect(datasets.count == 6)
        let values = datasets.flatMap { d in [d.politicalGeocodingLevel].compactMap { $0 } + d.politicalGeocoding + d.distributions.map(\.accessURL) }
        #expect(!values.contains { $0.hasPrefix("file:") })
        #expect(datasets.contains { $0.politicalGeocodingLevel == "berlin" })
    }

    @Test func brokenFileIsASourceErrorWithPosition() throws {
        let data = try Data(contentsOf: destatisRDF)
        let file = TestFolder.path("dcat-truncated-\(UUID().uuidString).rdf")
        try data.prefix(data.count / 2).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let outcome = makeHarvester().read(source: dcatSource(path: file.path), file: file)
        #expect(outcome.results.isEmpty)
        let error = try #require(outcome.error)
        #expect(error.contains("syntax") && error.contains("line"))
        #expect(outcome.findings.contains { $0.code == "harvest.failed" && $0.severity == .error })
    }

    // MARK: - HTTP paging

    @Test func followsAThreePageHydraChainOverRealDatasets() async throws {
        let pages = try splitIntoPages(
            destatisRDF, count: 3, nextURL: { "/catalog.rdf?page=\($0)" }, pageURL: { "/catalog.rdf?page=\($0)" })
        let server = try TestHTTPServer { request in
            let page = Int(request.query["page"] ?? "1") ?? 1
            guard request.path == "/catalog.rdf", (1...3).contains(page) else { return .text("not found", status: 404) }
            return TestHTTPResponse(status: 200, headers: rdfXML, body: pages[page - 1])
        }
        let url = server.baseURL.appendingPathComponent("catalog.rdf")
        let outcome = await makeHarvester().harvest(source: dcatSource(url.absoluteString), url: url, modifiedSince: "2024-01-01T00:00:00Z")
        #expect(outcome.error == nil)
        #expect(outcome.pages == 3 && outcome.requests == 3)
        #expect(outcome.results.count == 135)
        #expect(outcome.results.allSatisfy { $0.dataset != nil })
        let file = makeHarvester().read(source: dcatSource(path: destatisRDF.path), file: destatisRDF)
        #expect(identifiers(outcome) == identifiers(file))
        let requests = server.requests
        #expect(requests.map { $0.query["page"] } == [nil, "2", "3"])
        #expect(requests[0].query["modified_since"] == "2024-01-01T00:00:00Z")
        #expect(requests.allSatisfy { $0.headers["accept"]?.hasPrefix("application/rdf+xml") == true })
    }

    /// Unofficial dcat-ap.de spellings are one note per source with the count over all pages (Destatis: 133
    /// datasets × 2 dcatde properties + 2 × 2 on datasets that are also distributions = 270), not one per page.
    @Test func namespaceSpellingsAreOneFindingPerSourceOverAllPages() async throws {
        let pages = try splitIntoPages(
            destatisRDF, count: 3, nextURL: { "/catalog.rdf?page=\($0)" }, pageURL: { "/catalog.rdf?page=\($0)" })
        let server = try TestHTTPServer { request in
            TestHTTPResponse(status: 200, headers: rdfXML, body: pages[(Int(request.query["page"] ?? "1") ?? 1) - 1])
        }
        let url = server.baseURL.appendingPathComponent("catalog.rdf")
        let outcome = await makeHarvester().harvest(source: dcatSource(url.absoluteString), url: url)
        #expect(outcome.pages == 3)
        let notes = outcome.findings.filter { $0.code == "dcatde.namespaceNormalised" }
        #expect(notes.count == 1)
        #expect(notes.first?.message.hasPrefix("270 dcat-ap.de IRI(s) in 2 unofficial spelling(s)") == true)
        #expect(!outcome.findings.contains { $0.code == "dcat.propertiesUnread" })
        // Brandenburg's inline licence description: one note for the source (its 5 properties, 9 values).
        let brandenburg = makeHarvester().read(source: dcatSource(path: brandenburgRDF.path), file: brandenburgRDF)
        let unread = brandenburg.findings.filter { $0.code == "dcat.propertiesUnread" }
        #expect(unread.count == 1)
        #expect(unread.first?.message.hasPrefix("6 value(s) of 6 input properties") == true)
    }

    @Test func aPageSeenTwiceEndsPagingWithAFinding() async throws {
        let server = try TestHTTPServer { request in
            // page 1 → page 2 → page 1 again (relative links)
            TestHTTPResponse(status: 200, headers: turtle, body: try! turtleWithNext(request.query["page"] == "2" ? "catalog?page=1" : "catalog?page=2"))
        }
        let url = URL(string: "\(server.baseURL.absoluteString)/catalog?page=1")!
        let outcome = await makeHarvester().harvest(source: dcatSource(url.absoluteString), url: url)
        #expect(outcome.error == nil)
        #expect(outcome.requests == 2)
        #expect(outcome.findings.contains { $0.code == "harvest.hydra-loop" })
        #expect(outcome.results.count == refImpDatasets)  // the same real datasets on both pages, kept once
        #expect(outcome.findings.contains { $0.code == "harvest.duplicates" })
    }

    @Test func aNextPageOnAnotherHostIsRefused() async throws {
        let server = try TestHTTPServer { _ in
            TestHTTPResponse(status: 200, headers: turtle, body: try! turtleWithNext("http://evil.example.org/catalog.ttl?page=2"))
        }
        let url = server.baseURL.appendingPathComponent("catalog.ttl")
        let outcome = await makeHarvester().harvest(source: dcatSource(url.absoluteString), url: url)
        #expect(server.requests.count == 1)
        #expect(outcome.findings.contains { $0.code == "harvest.foreign-next" && $0.message.contains("evil.example.org") })
        #expect(outcome.error?.contains("partly read") == true)
        #expect(outcome.results.count == refImpDatasets)  // what was read stays
    }

    @Test func pageLimitStopsPagingAsAnError() async throws {
        let server = try TestHTTPServer { request in
            let page = Int(request.query["page"] ?? "1") ?? 1
            return TestHTTPResponse(status: 200, headers: turtle, body: try! turtleWithNext("/catalog.ttl?page=\(page + 1)"))
        }
        var harvester = makeHarvester()
        harvester.maxPages = 4
        let url = server.baseURL.appendingPathComponent("catalog.ttl")
        let outcome = await harvester.harvest(source: dcatSource(url.absoluteString), url: url)
        #expect(outcome.pages == 4 && server.requests.count == 4)
        #expect(outcome.error?.contains("stopped after 4 pages") == true)
    }

    // MARK: - Faults

    @Test func serverErrorIsRetriedThenSucceeds() async throws {
        let calls = Counter()
        let body = try Data(contentsOf: endpointRDF)
        let server = try TestHTTPServer { _ in
            calls.next() == 1
                ? TestHTTPResponse(status: 503, headers: [("Retry-After", "7"), ("Content-Type", "text/plain")], body: Data("maintenance".utf8))
                : TestHTTPResponse(status: 200, headers: rdfXML, body: body)
        }
        let sleeps = SleepLog()
        let url = server.baseURL.appendingPathComponent("catalog.rdf")
        let outcome = await makeHarvester(sleeps: sleeps).harvest(source: dcatSource(url.absoluteString), url: url)
        #expect(outcome.error == nil)
        #expect(outcome.requests == 2)
        #expect(sleeps.all == [7])
        #expect(outcome.results.count == 6)
    }

    @Test func persistentServerErrorGivesUp() async throws {
        let server = try TestHTTPServer { _ in .text("<html><title>Bad Gateway</title></html>", status: 502, contentType: "text/html") }
        let sleeps = SleepLog()
        let url = server.baseURL.appendingPathComponent("catalog.rdf")
        let outcome = await makeHarvester(retries: 2, sleeps: sleeps).harvest(source: dcatSource(url.absoluteString), url: url)
        #expect(outcome.requests == 3)
        #expect(sleeps.all == [1, 2])
        #expect(outcome.error?.contains("gave up after 3 attempts") == true)
        #expect(outcome.error?.contains("Bad Gateway") == true)
    }

    @Test func xxePayloadIsRefusedAsASourceError() async throws {
        var text = try String(contentsOf: endpointRDF, encoding: .utf8)
        text = text.replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"utf-8\"?>", with: "")
        text = "<?xml version=\"1.0\"?>\n<!DOCTYPE rdf:RDF [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]>\n"
            + text.replacingOccurrences(of: "<dct:title>", with: "<dct:title>&xxe;")
        let payload = Data(text.utf8)
        let server = try TestHTTPServer { _ in TestHTTPResponse(status: 200, headers: rdfXML, body: payload) }
        let url = server.baseURL.appendingPathComponent("catalog.rdf")
        let outcome = await makeHarvester().harvest(source: dcatSource(url.absoluteString), url: url)
        #expect(outcome.results.isEmpty)
        #expect(outcome.requests == 1)  // not retried
        let error = try #require(outcome.error)
        #expect(error.contains("forbiddenDTD"))
        #expect(!error.contains("root:"))
    }

    @Test func responseSizeCapIsASourceError() async throws {
        let body = try Data(contentsOf: destatisRDF)  // 346 kB
        let server = try TestHTTPServer { _ in TestHTTPResponse(status: 200, headers: rdfXML, body: body) }
        var harvester = makeHarvester()
        harvester.maxResponseBytes = 100_000
        let url = server.baseURL.appendingPathComponent("catalog.rdf")
        let outcome = await harvester.harvest(source: dcatSource(url.absoluteString), url: url)
        #expect(outcome.results.isEmpty)
        #expect(outcome.error?.contains("larger than the limit") == true)
        #expect(outcome.requests == 1)
    }

    @Test func tripleCapIsASourceError() async throws {
        let body = try Data(contentsOf: destatisRDF)
        let server = try TestHTTPServer { _ in TestHTTPResponse(status: 200, headers: rdfXML, body: body) }
        var harvester = makeHarvester()
        harvester.limits.maxTriples = 500
        let url = server.baseURL.appendingPathComponent("catalog.rdf")
        let outcome = await harvester.harvest(source: dcatSource(url.absoluteString), url: url)
        #expect(outcome.results.isEmpty)
        #expect(outcome.error?.contains("tooManyTriples") == true)
    }

    /// The Content-Type decides; a generic type leaves it to the URL's suffix, then the bytes.
    @Test(arguments: [
        ("/export.rdf", "text/turtle", "turtle"),            // type beats a misleading suffix
        ("/catalog", "application/rdf+xml", "rdfxml"),
        ("/catalog.ttl", "application/octet-stream", "turtle"),
        ("/catalog", "text/plain", "rdfxml"),                // sniffed
    ])
    func contentTypeDecidesTheFormat(_ path: String, _ contentType: String, _ kind: String) async throws {
        let body = kind == "turtle" ? try Data(contentsOf: refImpTTL) : try Data(contentsOf: endpointRDF)
        let server = try TestHTTPServer { _ in TestHTTPResponse(status: 200, headers: [("Content-Type", contentType)], body: body) }
        let url = URL(string: server.baseURL.absoluteString + path)!
        let outcome = await makeHarvester().harvest(source: dcatSource(url.absoluteString), url: url)
        #expect(outcome.error == nil)
        #expect(outcome.results.count == (kind == "turtle" ? refImpDatasets : 6))
    }

    @Test func anHTMLPageIsASourceError() async throws {
        let server = try TestHTTPServer { _ in .text("<!DOCTYPE html><html><head><title>Portal – Anmeldung</title></head></html>", contentType: "text/html") }
        let url = server.baseURL.appendingPathComponent("catalog.rdf")
        let outcome = await makeHarvester().harvest(source: dcatSource(url.absoluteString), url: url)
        #expect(outcome.error?.contains("HTML page") == true)
        #expect(outcome.error?.contains("Portal – Anmeldung") == true)
    }

    @Test func sameSiteRules() {
        let base = URL(string: "http://Daten.Example.de/catalog.rdf")!
        #expect(DCATHarvester.sameSite(URL(string: "http://daten.example.de/catalog.rdf?page=2")!, base))
        #expect(DCATHarvester.sameSite(URL(string: "https://daten.example.de/catalog.rdf?page=2")!, base))
        #expect(!DCATHarvester.sameSite(URL(string: "http://daten.example.de:8080/catalog.rdf")!, base))
        #expect(!DCATHarvester.sameSite(URL(string: "http://other.example.de/catalog.rdf")!, base))
        #expect(!DCATHarvester.sameSite(URL(string: "http://example.de/catalog.rdf")!, base))
        let secure = URL(string: "https://daten.example.de/catalog.rdf")!
        #expect(!DCATHarvester.sameSite(URL(string: "http://daten.example.de/catalog.rdf?page=2")!, secure))
    }
}
