import CatalogCore
import Foundation
import Hummingbird
import Logging
import Testing

@testable import CatalogServer

/// A snapshot folder with the Köln catalogue and an app over it (router tests, no sockets).
struct Harness {
    let folder: URL
    let catalog: Catalog
    let store: SnapshotStore
    let metrics: ServerMetrics
    let app: Application<CallbackResponder<BasicRequestContext>>

    static let catalog: Catalog = try! KoelnSnapshot.catalog()

    /// `index`: whether the snapshot has server-index.bin (as every run writes it).
    init(folder: URL? = nil, write: Bool = true, index: Bool = true) async throws {
        let folder = folder ?? KoelnSnapshot.temporaryFolder()
        if write { try KoelnSnapshot.write(Self.catalog, to: folder, index: index) }
        self.folder = folder
        self.catalog = Self.catalog
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        metrics = ServerMetrics()
        store = SnapshotStore(directory: folder, logger: logger, metrics: metrics)
        await store.reloadIfChanged()
        app = buildApplication(configuration: ServerConfiguration(directory: folder), store: store, metrics: metrics, logger: logger)
    }
}

func json(_ buffer: ByteBuffer) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(buffer: buffer), options: [.fragmentsAllowed])) as? [String: Any] ?? [:]
}

func result(_ buffer: ByteBuffer) -> [String: Any] { json(buffer)["result"] as? [String: Any] ?? [:] }

@Suite struct APITests {
    @Test func statusShowUnderBothPrefixes() async throws {
        let h = try await Harness()
        try await h.app.test(.router) { client in
            for prefix in ["/api/3/action/", "/api/action/"] {
                try await client.execute(uri: prefix + "status_show", method: .get) { r in
                    #expect(r.status == .ok)
                    #expect(r.headers[.contentType] == "application/json;charset=utf-8")
                    let body = json(r.body)
                    #expect(body["success"] as? Bool == true)
                    #expect((body["help"] as? String)?.hasSuffix("/api/3/action/help_show?name=status_show") == true)
                    #expect(result(r.body)["ckan_version"] as? String == "2.11.0")
                    #expect(result(r.body)["site_title"] as? String == h.catalog.title)
                }
            }
            try await client.execute(uri: "/api/3", method: .get) { r in #expect(json(r.body)["version"] as? Int == 3) }
        }
    }

    @Test func packageSearchCountsPagingAndWords() async throws {
        let h = try await Harness()
        let expectedWahl = h.catalog.datasets.filter { d in
            ([d.title, d.description] + d.keywords).joined(separator: " ").lowercased().contains("wahl")
        }.count
        try await h.app.test(.router) { client in
            try await client.execute(uri: "/api/3/action/package_search", method: .get) { r in
                let res = result(r.body)
                #expect(res["count"] as? Int == 138)
                #expect((res["results"] as? [Any])?.count == 10)
                #expect(res["sort"] as? String == "score desc, metadata_modified desc")
            }
            try await client.execute(uri: "/api/3/action/package_search?q=WAHL&rows=1000", method: .get) { r in
                let res = result(r.body)
                #expect(res["count"] as? Int == expectedWahl)
                #expect((res["results"] as? [Any])?.count == expectedWahl)
            }
            // Every word must match: "wahl" AND a word no dataset has.
            try await client.execute(uri: "/api/3/action/package_search?q=wahl+zzzqqq", method: .get) { r in
                #expect(result(r.body)["count"] as? Int == 0)
            }
            // Pages do not overlap and cover everything.
            var seen = Set<String>()
            for start in stride(from: 0, to: 138, by: 50) {
                try await client.execute(uri: "/api/3/action/package_search?rows=50&start=\(start)&sort=name%20asc", method: .get) { r in
                    for p in result(r.body)["results"] as? [[String: Any]] ?? [] { seen.insert(p["id"] as? String ?? "") }
                }
            }
            #expect(seen.count == 138)
        }
    }

    @Test func searchWordsMatchComposedAndDecomposedUmlauts() async throws {
        let h = try await Harness()
        let expected = h.catalog.datasets.filter { d in
            ([d.title, d.description, d.publisher?.name ?? ""] + d.keywords).joined(separator: " ").lowercased().contains("köln")
        }.count
        #expect(expected > 0)
        try await h.app.test(.router) { client in
            // "köln" with a precomposed ö (NFC) and with o + U+0308 (NFD); upper case too.
            for q in ["k%C3%B6ln", "ko%CC%88ln", "K%C3%96LN", "fq=title:k%C3%B6ln"] {
                let uri = q.hasPrefix("fq=") ? "/api/3/action/package_search?rows=0&" + q : "/api/3/action/package_search?rows=0&q=" + q
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(result(r.body)["count"] as? Int == expected, "\(q)")
                }
            }
            try await client.execute(uri: "/api/3/action/package_search?rows=0&q=k%C3%B6lnx", method: .get) { r in
                #expect(result(r.body)["count"] as? Int == 0)
            }
        }
    }

    @Test func packageSearchFiltersFacetsAndSort() async throws {
        let h = try await Harness()
        let kmz = h.catalog.datasets.filter { $0.distributions.contains { $0.format == "KMZ" } }.count
        try await h.app.test(.router) { client in
            try await client.execute(uri: "/api/3/action/package_search?fq=tags:%22Politik%20und%20Wahlen%22", method: .get) { r in
                #expect(result(r.body)["count"] as? Int == 36)
            }
            try await client.execute(uri: "/api/3/action/package_search?fq=res_format:KMZ", method: .get) { r in
                #expect(result(r.body)["count"] as? Int == kmz)
            }
            try await client.execute(uri: "/api/3/action/package_search?fq=organization:govdata", method: .get) { r in
                #expect(result(r.body)["count"] as? Int == 1)
            }
            try await client.execute(uri: "/api/3/action/package_search?fq=-organization:govdata%20groups:gove", method: .get) { r in
                let expected = h.catalog.datasets.dropLast().filter { $0.themes.contains("GOVE") }.count
                #expect(result(r.body)["count"] as? Int == expected)
            }
            try await client.execute(uri: "/api/3/action/package_search?fq=license_id:%22http://dcat-ap.de/def/licenses/dl-by-de/2.0%22", method: .get) { r in
                #expect(result(r.body)["count"] as? Int == 1)
            }
            let facets = "facet.field=%5B%22tags%22,%22organization%22%5D&facet.limit=2&rows=0"
            try await client.execute(uri: "/api/3/action/package_search?" + facets, method: .get) { r in
                let res = result(r.body)
                let tags = (res["facets"] as? [String: Any])?["tags"] as? [String: Int]
                #expect(tags == ["Geo": 44, "Politik und Wahlen": 36])
                let org = ((res["search_facets"] as? [String: Any])?["organization"] as? [String: Any])?["items"] as? [[String: Any]]
                #expect(org?.first?["name"] as? String == "stadt-koeln")
                #expect(org?.first?["display_name"] as? String == "Stadt Köln")
                #expect(org?.first?["count"] as? Int == 137)
                #expect((res["results"] as? [Any])?.isEmpty == true)
            }
            try await client.execute(uri: "/api/3/action/package_search?sort=title_string%20asc&rows=1000", method: .get) { r in
                let titles = (result(r.body)["results"] as? [[String: Any]] ?? []).map { ($0["title"] as? String ?? "").lowercased() }
                #expect(titles.count == 138)
                #expect(titles == titles.sorted())
            }
            try await client.execute(uri: "/api/3/action/package_search?sort=metadata_modified%20desc&rows=1000", method: .get) { r in
                let m = (result(r.body)["results"] as? [[String: Any]] ?? []).map { $0["metadata_modified"] as? String ?? "" }
                #expect(m == m.sorted(by: >))
            }
        }
    }

    @Test func validationErrorsMirrorCKAN() async throws {
        let h = try await Harness()
        try await h.app.test(.router) { client in
            try await client.execute(uri: "/api/3/action/package_search?rows=-1", method: .get) { r in
                #expect(r.status == .conflict)
                let body = json(r.body)
                #expect(body["success"] as? Bool == false)
                let error = body["error"] as? [String: Any]
                #expect(error?["__type"] as? String == "Validation Error")
                #expect(error?["rows"] as? [String] == ["Must be a natural number"])
            }
            try await client.execute(uri: "/api/3/action/package_search?facet.field=tags", method: .get) { r in
                #expect(r.status == .conflict)
                #expect((json(r.body)["error"] as? [String: Any])?["facet.field"] as? [String] == ["Could not parse as valid JSON", "Not a list"])
            }
            try await client.execute(uri: "/api/3/action/package_search?start=abc", method: .get) { r in
                #expect(r.status == .conflict)
            }
            try await client.execute(uri: "/api/3/action/package_show", method: .get) { r in
                #expect(r.status == .conflict)
                #expect((json(r.body)["error"] as? [String: Any])?["name_or_id"] as? [String] == ["Missing value"])
            }
            try await client.execute(uri: "/api/3/action/package_show?id=does-not-exist", method: .get) { r in
                #expect(r.status == .notFound)
                let error = json(r.body)["error"] as? [String: Any]
                #expect(error?["__type"] as? String == "Not Found Error")
                #expect(error?["message"] as? String == "Not found")
            }
            try await client.execute(uri: "/api/3/action/no_such_action", method: .get) { r in
                #expect(r.status == .badRequest)
                #expect(String(buffer: r.body) == "\"Bad request - Action name not known: no_such_action\"")
            }
            try await client.execute(uri: "/api/3/action/package_create", method: .post, headers: [.contentType: "application/json"],
                                     body: ByteBuffer(string: "{\"name\": \"x\"}")) { r in
                #expect(r.status == .forbidden)
                #expect((json(r.body)["error"] as? [String: Any])?["__type"] as? String == "Authorization Error")
            }
            try await client.execute(uri: "/api/3/action/package_delete", method: .get) { r in
                #expect(r.status == .badRequest)
                #expect(String(buffer: r.body).contains("Please use POST method"))
            }
            try await client.execute(uri: "/api/3/action/package_search", method: .post, headers: [.contentType: "application/json"],
                                     body: ByteBuffer(string: "{bad")) { r in
                #expect(r.status == .badRequest)
                #expect(String(buffer: r.body).hasPrefix("\"Bad request - JSON Error"))
            }
            try await client.execute(uri: "/api/3/action/package_search", method: .post, headers: [.contentType: "application/json"],
                                     body: ByteBuffer(string: "[1]")) { r in
                #expect(r.status == .badRequest)
            }
        }
    }

    @Test func postBodiesCoerceStrings() async throws {
        let h = try await Harness()
        try await h.app.test(.router) { client in
            try await client.execute(uri: "/api/action/package_search", method: .post, headers: [.contentType: "application/json"],
                                     body: ByteBuffer(string: #"{"rows": "5", "start": 2, "q": "wahl", "facet.field": ["groups"]}"#)) { r in
                #expect(r.status == .ok)
                let res = result(r.body)
                #expect((res["results"] as? [Any])?.count == 5)
                #expect(((res["facets"] as? [String: Any])?["groups"] as? [String: Int])?["gove"] != nil)
            }
            try await client.execute(uri: "/api/action/package_search", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: "rows=3&q=wahl")) { r in
                #expect((result(r.body)["results"] as? [Any])?.count == 3)
            }
        }
    }

    @Test func showListAndVocabularyActions() async throws {
        let h = try await Harness()
        let first = h.catalog.datasets[0]
        let id = CKANIdentifiers.uuid5(first.uri)
        try await h.app.test(.router) { client in
            var names: [String] = []
            try await client.execute(uri: "/api/3/action/package_list", method: .get) { r in
                names = (json(r.body)["result"] as? [String]) ?? []
            }
            #expect(names.count == 138)
            #expect(Set(names).count == 138)
            #expect(names == names.sorted())
            // Both want `kundenzentren-koeln-wartezeiten`: the smaller IRI (…/dataset/govdata/…) keeps it, Köln's gets `-koeln`.
            #expect(names.contains("kundenzentren-koeln-wartezeiten"))
            #expect(names.contains("kundenzentren-koeln-wartezeiten-koeln"))
            for key in [id, "kundenzentren-koeln-wartezeiten-koeln"] {
                try await client.execute(uri: "/api/3/action/package_show?id=\(key)", method: .get) { r in
                    let p = result(r.body)
                    #expect(p["id"] as? String == id)
                    #expect(p["title"] as? String == first.title)
                    #expect(p["num_resources"] as? Int == first.distributions.count)
                    #expect((p["organization"] as? [String: Any])?["title"] as? String == "Stadt Köln")
                    #expect(p["license_id"] as? String == "http://dcat-ap.de/def/licenses/cc-by/4.0")
                    let extras = (p["extras"] as? [[String: String]] ?? []).reduce(into: [String: String]()) { $0[$1["key"]!] = $1["value"] }
                    #expect(extras["identifier"] == first.identifier)
                    #expect(extras["source_id"] == "koeln")
                }
            }
            try await client.execute(uri: "/api/3/action/organization_list?all_fields=true", method: .get) { r in
                let orgs = json(r.body)["result"] as? [[String: Any]] ?? []
                #expect(orgs.map { $0["name"] as? String } == ["govdata", "stadt-koeln"])
                #expect(orgs.last?["package_count"] as? Int == 137)
            }
            try await client.execute(uri: "/api/3/action/organization_show?id=stadt-koeln&include_datasets=true", method: .get) { r in
                #expect((result(r.body)["packages"] as? [Any])?.count == 137)
            }
            try await client.execute(uri: "/api/3/action/organization_show?id=nope", method: .get) { r in #expect(r.status == .notFound) }
            try await client.execute(uri: "/api/3/action/group_list?all_fields=true", method: .get) { r in
                let groups = json(r.body)["result"] as? [[String: Any]] ?? []
                #expect(groups.contains { $0["name"] as? String == "soci" && $0["title"] as? String == "Bevölkerung und Gesellschaft" })
            }
            try await client.execute(uri: "/api/3/action/license_list", method: .get) { r in
                let ids = (json(r.body)["result"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                #expect(ids == ["http://dcat-ap.de/def/licenses/cc-by/4.0", "http://dcat-ap.de/def/licenses/dl-by-de/2.0"])
            }
            try await client.execute(uri: "/api/3/action/tag_list?query=wahl", method: .get) { r in
                #expect(json(r.body)["result"] as? [String] == ["Politik und Wahlen"])
            }
            let resourceID = CKANIdentifiers.uuid5(first.distributions[0].uri)
            try await client.execute(uri: "/api/3/action/resource_show?id=\(resourceID)", method: .get) { r in
                #expect(result(r.body)["url"] as? String == first.distributions[0].accessURL)
            }
        }
    }
}

@Suite struct FilesAndDCATTests {
    @Test func catalogContentNegotiation() async throws {
        let h = try await Harness()
        try await h.app.test(.router) { client in
            let cases: [(String?, String)] = [
                (nil, "text/turtle"), ("application/rdf+xml", "application/rdf+xml"), ("application/ld+json", "application/ld+json"),
                ("text/turtle;q=0.5, application/ld+json;q=0.9", "application/ld+json"), ("*/*", "text/turtle"), ("application/*", "application/rdf+xml"),
            ]
            for (accept, type) in cases {
                try await client.execute(uri: "/catalog", method: .get, headers: accept.map { [.accept: $0] } ?? [:]) { r in
                    #expect(r.status == .ok)
                    #expect(r.headers[.contentType]?.hasPrefix(type) == true, "Accept \(accept ?? "none")")
                    #expect(r.headers[.vary]?.contains("Accept") == true)
                }
            }
            try await client.execute(uri: "/catalog", method: .get, headers: [.accept: "text/html"]) { r in #expect(r.status == .notAcceptable) }
            try await client.execute(uri: "/catalog.rdf", method: .get) { r in
                #expect(r.headers[.contentType] == "application/rdf+xml; charset=utf-8")
            }
            try await client.execute(uri: "/datasets.csv", method: .get) { r in
                #expect(r.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(String(buffer: r.body).hasPrefix("uri,title\n"))
            }
            try await client.execute(uri: "/datasets.geojson", method: .get) { r in #expect(r.headers[.contentType] == "application/geo+json; charset=utf-8") }
        }
    }

    @Test func datasetEndpoints() async throws {
        let h = try await Harness()
        let d = h.catalog.datasets[1]
        let name = d.provenance[0].remoteName!
        try await h.app.test(.router) { client in
            try await client.execute(uri: "/dataset/\(name)", method: .get, headers: [.accept: "application/ld+json"]) { r in
                #expect(r.headers[.contentType] == "application/ld+json; charset=utf-8")
                let text = String(buffer: r.body)
                #expect(text.contains("\"@context\"") && text.contains(d.uri))
                // Every distribution of the dataset is described.
                for distribution in d.distributions { #expect(text.contains(distribution.uri)) }
            }
            try await client.execute(uri: "/dataset/\(CKANIdentifiers.uuid5(d.uri)).json", method: .get) { r in
                #expect(json(r.body)["name"] as? String == name)
            }
            try await client.execute(uri: "/dataset/\(name).ttl", method: .get) { r in
                #expect(r.headers[.contentType] == "text/turtle; charset=utf-8")
                let text = String(buffer: r.body)
                #expect(text.contains("<\(d.uri)>") && text.contains("dcat:Dataset"))
            }
            try await client.execute(uri: "/dataset/\(name)", method: .get, headers: [.accept: "application/rdf+xml"]) { r in
                #expect(r.headers[.contentType] == "application/rdf+xml; charset=utf-8")
                #expect(String(buffer: r.body).contains("rdf:about=\"\(d.uri)\""))
            }
            // No site page in this snapshot: HTML is not on offer.
            try await client.execute(uri: "/dataset/\(name)", method: .get, headers: [.accept: "text/html"]) { r in
                #expect(r.status == .notAcceptable)
            }
            try await client.execute(uri: "/dataset/unknown", method: .get) { r in #expect(r.status == .notFound) }
        }
    }

    /// The dataset and distribution IRIs the catalogue publishes resolve on `opendata serve`: RDF for RDF
    /// clients, a 303 to the dataset's site page for browsers; source IRIs on other hosts are not answered.
    @Test func publishedIRIsResolve() async throws {
        let folder = KoelnSnapshot.temporaryFolder()
        var catalog = Harness.catalog
        PublishedView.apply(&catalog, audit: LicenceAudit(datasets: catalog.datasets, registry: nil))
        try KoelnSnapshot.write(catalog, to: folder)
        let d = catalog.datasets[1]
        let page = "datensatz/\(d.facts.slug).html"
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("datensatz"), withIntermediateDirectories: true)
        try Data("<!DOCTYPE html><title>\(d.title)</title>\n".utf8).write(to: folder.appendingPathComponent(page))
        let h = try await Harness(folder: folder, write: false)
        let path = try #require(URLComponents(string: d.facts.iri)?.path)
        #expect(path.hasPrefix("/dataset/koeln/"))
        let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
        try await h.app.test(.router) { client in
            try await client.execute(uri: path, method: .get, headers: [.accept: browser]) { r in
                #expect(r.status == .seeOther)
                #expect(r.headers[.location] == "/" + page)
                #expect(r.headers[.vary] == "Accept")
            }
            try await client.execute(uri: path, method: .get, headers: [.accept: "text/turtle"]) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType] == "text/turtle; charset=utf-8")
                #expect(String(buffer: r.body).contains("<\(d.facts.iri)>"))
            }
            // curl's */*: Turtle, the first RDF format on offer.
            try await client.execute(uri: path, method: .get, headers: [.accept: "*/*"]) { r in
                #expect(r.headers[.contentType] == "text/turtle; charset=utf-8")
            }
            let distribution = try #require(URLComponents(string: d.facts.distributions[0].iri)?.path)
            try await client.execute(uri: distribution, method: .get, headers: [.accept: "application/ld+json"]) { r in
                #expect(r.status == .ok)
                #expect(String(buffer: r.body).contains(d.facts.distributions[0].iri))
            }
            try await client.execute(uri: path + "-unknown", method: .get, headers: [.accept: browser]) { r in #expect(r.status == .notFound) }
            // The page itself is still a static file.
            try await client.execute(uri: "/" + page, method: .get) { r in #expect(String(buffer: r.body).contains(d.title)) }
        }
    }

    @Test func pathTraversalIsRefused() async throws {
        let h = try await Harness()
        // A symlink inside the snapshot pointing outside it.
        let outside = KoelnSnapshot.temporaryFolder().appendingPathComponent("secret.txt")
        try Data("secret".utf8).write(to: outside)
        try FileManager.default.createSymbolicLink(atPath: h.folder.appendingPathComponent("leak.txt").path, withDestinationPath: outside.path)
        try Data("hidden".utf8).write(to: h.folder.appendingPathComponent(".env"))
        try await h.app.test(.router) { client in
            for path in ["/../secret.txt", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E%2Fetc%2Fpasswd", "//etc/passwd", "/leak.txt", "/.env",
                         "/..%5c..%5cetc", "/datasets.csv%00.html", "/./datasets.csv", "/etc/passwd"] {
                try await client.execute(uri: path, method: .get) { r in
                    #expect(r.status == .notFound, "\(path)")
                    #expect(!String(buffer: r.body).contains("secret"), "\(path)")
                }
            }
        }
    }

    @Test func conditionalRequestsAndPrecompressedGzip() async throws {
        let h = try await Harness()
        let gzBytes: [UInt8] = [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]
        try Data(gzBytes).write(to: h.folder.appendingPathComponent("catalog.ttl.gz"))
        try await h.app.test(.router) { client in
            var etag = ""
            var lastModified = ""
            try await client.execute(uri: "/catalog.ttl", method: .get) { r in
                #expect(r.status == .ok)
                etag = r.headers[.eTag] ?? ""
                lastModified = r.headers[.lastModified] ?? ""
                #expect(r.headers[.contentEncoding] == nil)
            }
            #expect(etag.hasPrefix("\""))
            #expect(lastModified.hasSuffix(" GMT"))
            try await client.execute(uri: "/catalog.ttl", method: .get, headers: [.ifNoneMatch: etag]) { r in
                #expect(r.status == .notModified)
                #expect(r.body.readableBytes == 0)
            }
            try await client.execute(uri: "/catalog.ttl", method: .get, headers: [.ifNoneMatch: "\"other\""]) { r in #expect(r.status == .ok) }
            try await client.execute(uri: "/catalog.ttl", method: .get, headers: [.ifModifiedSince: lastModified]) { r in #expect(r.status == .notModified) }
            try await client.execute(uri: "/catalog.ttl", method: .get, headers: [.ifModifiedSince: "Mon, 01 Jan 2001 00:00:00 GMT"]) { r in #expect(r.status == .ok) }
            try await client.execute(uri: "/catalog", method: .get, headers: [.acceptEncoding: "gzip, deflate"]) { r in
                #expect(r.headers[.contentEncoding] == "gzip")
                #expect(Array(buffer: r.body) == gzBytes)
                #expect(r.headers[.eTag] != etag)
            }
            try await client.execute(uri: "/catalog.ttl", method: .get, headers: [.acceptEncoding: "gzip;q=0"]) { r in
                #expect(r.headers[.contentEncoding] == nil)
            }
        }
    }

    @Test func corsHealthMetricsAndEscaping() async throws {
        let h = try await Harness()
        try await h.app.test(.router) { client in
            for path in ["/api/3/action/package_list", "/datasets.csv", "/catalog"] {
                try await client.execute(uri: path, method: .get) { r in #expect(r.headers[.accessControlAllowOrigin] == "*") }
            }
            try await client.execute(uri: "/api/3/action/package_search", method: .options) { r in
                #expect(r.status == .noContent)
                #expect(r.headers[.accessControlAllowMethods]?.contains("POST") == true)
            }
            try await client.execute(uri: "/health", method: .get) { r in
                #expect(r.status == .ok)
                #expect(json(r.body)["snapshot"] as? String == h.store.current?.id)
                #expect(json(r.body)["datasets"] as? Int == 138)
            }
            try await client.execute(uri: "/", method: .get) { r in
                let html = String(buffer: r.body)
                #expect(html.contains("Offene Daten &lt;Region&gt; Aachen &amp; Köln"))
                #expect(!html.contains("<Region>"))
            }
            try await client.execute(uri: "/metrics", method: .get) { r in
                let text = String(buffer: r.body)
                #expect(text.contains(#"opendata_http_requests_total{route="api",status="200"} 1"#))
                #expect(text.contains(#"opendata_http_requests_total{route="options",status="204"} 1"#))
                #expect(text.contains("opendata_snapshot_datasets 138"))
                #expect(text.contains(#"opendata_snapshot_reloads_total{result="loaded"} 1"#))
            }
            let long = String(repeating: "a", count: 9000)
            try await client.execute(uri: "/api/3/action/package_search?q=\(long)", method: .get) { r in #expect(r.status == .uriTooLong) }
        }
    }

    @Test func healthIs503WithoutSnapshot() async throws {
        let h = try await Harness(write: false)
        try await h.app.test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { r in #expect(r.status == .serviceUnavailable) }
            try await client.execute(uri: "/api/3/action/package_list", method: .get) { r in #expect(r.status == .serviceUnavailable) }
        }
    }
}

@Suite struct SnapshotSwapTests {
    /// `DIR/current` → `snapshots/a`, switched to `snapshots/b` while 200 requests run; then a broken `c` is refused.
    @Test func swapUnderConcurrentRequests() async throws {
        let root = KoelnSnapshot.temporaryFolder()
        let a = root.appendingPathComponent("snapshots/a"), b = root.appendingPathComponent("snapshots/b"), c = root.appendingPathComponent("snapshots/c")
        var smaller = Harness.catalog
        smaller.datasets.removeLast(38)
        try KoelnSnapshot.write(Harness.catalog, to: a, marker: "a")
        try KoelnSnapshot.write(smaller, to: b, marker: "b")
        let current = root.appendingPathComponent("current")
        try FileManager.default.createSymbolicLink(atPath: current.path, withDestinationPath: "snapshots/a")
        let h = try await Harness(folder: current, write: false)
        #expect(h.store.current?.id.hasPrefix("a@") == true)

        @Sendable func switchLink(to name: String) throws {
            // Atomic switch: a new symlink renamed over the old one (what the publisher does).
            let tmp = root.appendingPathComponent("current.tmp")
            try? FileManager.default.removeItem(at: tmp)
            try FileManager.default.createSymbolicLink(atPath: tmp.path, withDestinationPath: "snapshots/\(name)")
            #expect(rename(tmp.path, current.path) == 0)
        }

        try await h.app.test(.router) { client in
            let statuses = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
                for i in 0..<200 {
                    group.addTask {
                        let uri = i % 2 == 0 ? "/api/3/action/package_search?q=wahl&rows=100" : "/catalog.ttl"
                        return try await client.execute(uri: uri, method: .get) { r in
                            (Int(r.status.code), i % 2 == 0 ? (result(r.body)["count"] as? Int ?? -1) : 0)
                        }
                    }
                    if i == 100 {
                        try switchLink(to: "b")
                        #expect(await h.store.reloadIfChanged())
                    }
                }
                var out: [(Int, Int)] = []
                for try await s in group { out.append(s) }
                return out
            }
            #expect(statuses.count == 200)
            #expect(statuses.filter { $0.0 != 200 }.isEmpty)
            #expect(statuses.allSatisfy { $0.1 >= 0 })
            try await client.execute(uri: "/health", method: .get) { r in
                #expect((json(r.body)["snapshot"] as? String)?.hasPrefix("b@") == true)
                #expect(json(r.body)["datasets"] as? Int == 100)
            }
            try await client.execute(uri: "/catalog.ttl", method: .get) { r in #expect(String(buffer: r.body).contains("# b")) }

            // A broken snapshot is refused; b keeps serving.
            try FileManager.default.createDirectory(at: c, withIntermediateDirectories: true)
            try Data("{\"uri\": ".utf8).write(to: c.appendingPathComponent("catalog.model.json"))
            try switchLink(to: "c")
            #expect(await h.store.reloadIfChanged() == false)
            try await client.execute(uri: "/health", method: .get) { r in
                #expect((json(r.body)["snapshot"] as? String)?.hasPrefix("b@") == true)
            }
            try await client.execute(uri: "/metrics", method: .get) { r in
                #expect(String(buffer: r.body).contains(#"opendata_snapshot_reloads_total{result="refused"} 1"#))
            }
        }
    }
}
