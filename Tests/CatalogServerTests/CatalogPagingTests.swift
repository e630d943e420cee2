import CatalogCore
import CatalogIO
import CatalogTestSupport
import Foundation
import Hummingbird
import Logging
import Testing

@testable import CatalogServer

/// The harvester's HTTP seam answered by the router test client (no sockets): path and query go to the app,
/// the response comes back as the harvester sees responses from the network.
struct RouterTransport: HTTPTransport {
    let client: AppTestClient
    let requests = Counter()

    func send(_ request: CatalogIO.HTTPRequest) async throws -> CatalogIO.HTTPResponse {
        requests.next()
        let components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)
        var target = components?.percentEncodedPath ?? "/"
        if let query = components?.percentEncodedQuery { target += "?" + query }
        var headers = HTTPFields()
        for (name, value) in request.headers {
            if let field = HTTPFields.Element.Name(name) { headers[field] = value }
        }
        let r = try await client.executeRequest(uri: target, method: .get, headers: headers, body: nil)
        var out: [String: String] = [:]
        for field in r.headers { out[field.name.canonicalName] = field.value }
        return CatalogIO.HTTPResponse(status: Int(r.status.code), headers: out, body: Data(buffer: r.body))
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    @discardableResult func next() -> Int { lock.withLock { value += 1; return value } }
    var count: Int { lock.withLock { value } }
}

/// The Köln catalogue with unique `dct:identifier`s (the GovData copy of the first record shares its
/// identifier in `Harness.catalog`, which a harvester would rightly merge).
let pagingCatalog: Catalog = {
    var c = Harness.catalog
    c.datasets[c.datasets.count - 1].identifier = "govdata-" + c.datasets[c.datasets.count - 1].identifier
    return c
}()

func pagingHarness() async throws -> Harness {
    let folder = KoelnSnapshot.temporaryFolder()
    try KoelnSnapshot.write(pagingCatalog, to: folder)
    return try await Harness(folder: folder, write: false)
}

@Suite struct CatalogPagingTests {
    static let hydraNext = "http://www.w3.org/ns/hydra/core#next"

    @Test func queryParsing() {
        #expect(CatalogPages.query(nil) == .whole)
        #expect(CatalogPages.query("foo=1") == .whole)
        #expect(CatalogPages.query("page=2") == .page(2, size: CatalogPages.defaultPageSize))
        #expect(CatalogPages.query("pageSize=50") == .page(1, size: 50))
        #expect(CatalogPages.query("page=3&pageSize=10") == .page(3, size: 10))
        for bad in ["page=0", "page=-1", "page=abc", "page=", "pageSize=0", "pageSize=10001", "pageSize=1e3", "page=1&pageSize=x"] {
            guard case .invalid = CatalogPages.query(bad) else { Issue.record("\(bad) accepted"); continue }
        }
    }

    @Test func emptyCatalogueHasOneParsablePage() throws {
        var empty = pagingCatalog
        empty.datasets = []
        #expect(CatalogPages.lastPage(total: 0, size: 1000) == 1)
        #expect(CatalogPages.lastPage(total: 2000, size: 1000) == 2)
        #expect(CatalogPages.lastPage(total: 2001, size: 1000) == 3)
        for format in DCAT.catalogFormats {
            let controls = CatalogPages.Controls(base: "http://h.example", suffix: format.suffix, page: 1, size: 1000, total: 0)
            let data = Data(CatalogPages.render([], head: DCATGraph.Head(empty), format: format, controls: controls))
            let graph: RDFGraph
            switch format.suffix {
            case "ttl": graph = try TurtleParser.parse(data, baseIRI: nil)
            case "rdf": graph = try RDFXMLParser.parse(data, baseIRI: nil)
            default: graph = try JSONLDParser.parse(data, baseIRI: nil)
            }
            #expect(graph.subjects(ofType: ExportNS.dcat + "Catalog").count == 1, "\(format.suffix)")
            #expect(graph.subjects(ofType: ExportNS.dcat + "Dataset").isEmpty)
            #expect(graph.triples.contains { $0.predicate == CatalogPages.hydra + "totalItems" && $0.object == .literal("0", datatype: CatalogPages.xsdInteger) },
                    "\(format.suffix)")
            // The ckanext-dcat literals are plain strings, the view's links IRIs.
            let view = controls.current
            #expect(graph.triples.contains { $0.subject.iri == view && $0.predicate == CatalogPages.hydra + "lastPage" && $0.object == .literal(view) }, "\(format.suffix)")
            #expect(graph.triples.contains { $0.subject.iri == view && $0.predicate == CatalogPages.hydra + "last" && $0.object == .iri(view) }, "\(format.suffix)")
            #expect(!graph.triples.contains { $0.predicate == Self.hydraNext })
        }
    }

    @Test func pagesCarryHydraControlsAndSplitTheDatasets() async throws {
        let h = try await pagingHarness()
        // The dataset IRIs as the exporter writes them (normalised, e.g. `ö` percent-encoded).
        let all = DCATGraph(pagingCatalog).triples
            .filter { $0.predicate == ExportNS.rdf + "type" && $0.object == .iri(ExportNS.dcat + "Dataset") }.map(\.subject)
        #expect(all.count == 138)
        try await h.app.test(.router) { client in
            var seen: [String] = []
            for page in 1...3 {
                try await client.execute(uri: "/catalog.ttl?page=\(page)&pageSize=50", method: .get) { r in
                    #expect(r.status == .ok)
                    #expect(r.headers[.contentType] == "text/turtle; charset=utf-8")
                    let graph = try TurtleParser.parse(Data(buffer: r.body), baseIRI: nil)
                    let view = "http://localhost/catalog.ttl?page=\(page)&pageSize=50"
                    func objects(_ p: String) -> [String] {
                        graph.triples.filter { $0.subject.iri == view && $0.predicate == CatalogPages.hydra + p }.compactMap { $0.object.lexical }
                    }
                    #expect(Set(objects("first")) == ["http://localhost/catalog.ttl?page=1&pageSize=50"])
                    #expect(Set(objects("last")) == ["http://localhost/catalog.ttl?page=3&pageSize=50"])
                    #expect(objects("next") == (page < 3 ? ["http://localhost/catalog.ttl?page=\(page + 1)&pageSize=50"] : []))
                    #expect(objects("nextPage") == objects("next"))
                    #expect(objects("previous") == (page > 1 ? ["http://localhost/catalog.ttl?page=\(page - 1)&pageSize=50"] : []))
                    #expect(objects("totalItems") == ["138"])
                    #expect(objects("itemsPerPage") == ["50"])
                    let types = Set(graph.triples.filter { $0.subject.iri == view && $0.predicate == ExportNS.rdf + "type" }.compactMap { $0.object.iri })
                    #expect(types == [CatalogPages.hydra + "PagedCollection", CatalogPages.hydra + "PartialCollectionView"])
                    let datasets = graph.subjects(ofType: ExportNS.dcat + "Dataset").compactMap(\.iri)
                    #expect(datasets.count == (page < 3 ? 50 : 38))
                    // The catalogue node lists exactly this page's datasets.
                    let listed = graph.triples.filter { $0.predicate == ExportNS.dcat + "dataset" }.compactMap { $0.object.iri }
                    #expect(Set(listed) == Set(datasets))
                    seen += datasets
                    #expect(r.headers[CatalogPages.linkField]?.contains("<http://localhost/catalog.ttl?page=3&pageSize=50>; rel=\"last\"") == true)
                }
            }
            #expect(seen.count == 138)
            #expect(Set(seen) == Set(all))
            // Beyond the last page, and bad parameters.
            try await client.execute(uri: "/catalog.ttl?page=4&pageSize=50", method: .get) { r in
                #expect(r.status == .notFound)
                #expect(String(buffer: r.body).contains("3 page(s)"))
            }
            for bad in ["page=0", "page=x", "pageSize=0", "pageSize=20000"] {
                try await client.execute(uri: "/catalog.rdf?\(bad)", method: .get) { r in #expect(r.status == .badRequest, "\(bad)") }
            }
            // Default page size: everything fits on page 1, which then has no next page.
            try await client.execute(uri: "/catalog.jsonld?page=1", method: .get) { r in
                let graph = try JSONLDParser.parse(Data(buffer: r.body), baseIRI: nil)
                #expect(graph.subjects(ofType: ExportNS.dcat + "Dataset").count == 138)
                #expect(!graph.triples.contains { $0.predicate == Self.hydraNext })
                #expect(graph.triples.contains { $0.predicate == CatalogPages.hydra + "itemsPerPage" && $0.object.lexical == "1000" })
            }
        }
    }

    @Test func negotiatedPagesValidatorsAndGzip() async throws {
        let h = try await pagingHarness()
        try await h.app.test(.router) { client in
            let plain = try await client.execute(uri: "/catalog?page=2&pageSize=40", method: .get, headers: [.accept: "application/rdf+xml"]) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType] == "application/rdf+xml; charset=utf-8")
                #expect(r.headers[.contentLocation] == "/catalog.rdf?page=2&pageSize=40")
                #expect(r.headers[.vary] == "Accept, Accept-Encoding")
                let graph = try RDFXMLParser.parse(Data(buffer: r.body), baseIRI: nil)
                #expect(graph.triples.contains { $0.predicate == Self.hydraNext && $0.object.lexical == "http://localhost/catalog.rdf?page=3&pageSize=40" })
                return r.body
            }
            let tag = try await client.execute(uri: "/catalog?page=2&pageSize=40", method: .get, headers: [.accept: "application/rdf+xml", .acceptEncoding: "gzip"]) { r in
                #expect(r.headers[.contentEncoding] == "gzip")
                let decoded = try gunzip(r.body)
                    #expect(decoded == plain)
                return r.headers[.eTag] ?? ""
            }
            #expect(tag.hasSuffix("-rdf-gz\""))
            try await client.execute(uri: "/catalog.rdf?page=2&pageSize=40", method: .get, headers: [.acceptEncoding: "gzip", .ifNoneMatch: tag]) { r in
                #expect(r.status == .notModified)
            }
            // Without paging parameters: the published file, unchanged.
            try await client.execute(uri: "/catalog.ttl", method: .get) { r in
                #expect(String(buffer: r.body).hasPrefix("@prefix dcat:"))
                #expect(r.headers[CatalogPages.linkField] == nil)
            }
        }
    }

    /// Our own DCAT harvester follows the pages of our own endpoint and gets every dataset exactly once, in all
    /// three serialisations and through content negotiation.
    @Test(arguments: ["/catalog.ttl", "/catalog.rdf", "/catalog.jsonld", "/catalog"])
    func ownHarvesterReadsAllPages(path: String) async throws {
        let h = try await pagingHarness()
        let setup = DemoOutput.setup
        let logger: Logger = {
            var l = Logger(label: "test")
            l.logLevel = .critical
            return l
        }()
        try await h.app.test(.router) { client in
            let transport = RouterTransport(client: client)
            let harvester = DCATHarvester(
                transport: transport, mapper: DCATMapper(catalog: setup.config.catalog, licences: setup.licences, vocabularies: setup.vocabularies),
                settings: HarvestSettings(timeoutSeconds: 10, retries: 0, maxResponseMB: 64), logger: logger, sleep: { _ in })
            let source = SourceConfig(id: "self", title: "Our own endpoint", kind: .dcat, url: "http://localhost\(path)?pageSize=50")
            let outcome = await harvester.harvest(source: source, url: URL(string: source.url!)!)
            #expect(outcome.error == nil, "\(outcome.error ?? "")")
            #expect(outcome.pages == 3)
            #expect(transport.requests.count == 3)
            #expect(!outcome.findings.contains { $0.code == "harvest.duplicates" || $0.code == "harvest.hydra-loop" })
            let datasets = outcome.results.compactMap(\.dataset)
            #expect(datasets.count == 138)
            #expect(Set(datasets.map(\.identifier)) == Set(pagingCatalog.datasets.map(\.identifier)))
            // Titles survive the round trip (the mapper mints its own dataset IRIs, so match by identifier).
            let titles = Dictionary(uniqueKeysWithValues: pagingCatalog.datasets.map {
                ($0.identifier, $0.title.trimmingCharacters(in: .whitespaces))
            })
            for d in datasets where titles[d.identifier] != d.title {
                Issue.record("\(path): \(d.identifier): \(String(describing: titles[d.identifier])) became \(d.title)")
            }
        }
    }
}
