import Foundation
import Testing
import CatalogCore
import CatalogTestSupport
@testable import CatalogIO

private let base = """
    [catalog]
    title = "Katalog"
    description = "Beschreibung"
    base_uri = "https://offenedaten.aachen.de/katalog"

    [catalog.publisher]
    name = "Stadt Aachen"

    """

private func load(_ text: String) throws(ConfigError) -> AppConfig {
    try ConfigLoader.parse(text, fileURL: URL(fileURLWithPath: "/srv/od/catalog/sources.toml"), displayName: "catalog/sources.toml")
}

private func error(_ text: String) -> String {
    do {
        _ = try load(text)
        return "no error"
    } catch {
        return error.description
    }
}

@Suite struct ConfigLoaderTests {
    @Test func fullExample() throws {
        let config = try load(base + """
            [harvest]
            offline = true
            timeout_seconds = 12.5
            retries = 2
            rows = 500

            [[source]]
            id = "stadt-aachen"
            title = "Stadt Aachen"
            kind = "ckan"
            url = "https://offenedaten.aachen.de"
            fq = "organization:stadt-aachen"
            snapshot = "demo/aachen.jsonl"
            priority = 20

            [source.defaults]
            political_geocoding = ["http://dcat-ap.de/def/politicalGeocoding/regionalKey/053340002002"]
            contributor_id = ["http://dcat-ap.de/def/contributors/openNRW"]
            publisher = { name = "Stadt Aachen", type = "http://purl.org/adms/publishertype/LocalAuthority" }
            contact = { name = "Open Data", email = "opendata@mail.aachen.de" }

            [[source]]
            id = "koeln"
            kind = "ckan-dump"
            path = "../shared/koeln.json"
            demo = true
            """)
        #expect(config.catalog.languages == ["DEU"])
        #expect(config.catalog.publisher.name == "Stadt Aachen")
        #expect(config.harvest == HarvestSettings(offline: true, timeoutSeconds: 12.5, retries: 2, maxResponseMB: 256, rows: 500))
        #expect(config.directory.path == "/srv/od/catalog")
        let aachen = try #require(config.source("stadt-aachen"))
        #expect(aachen.snapshot == "/srv/od/catalog/demo/aachen.jsonl")
        #expect(aachen.priority == 20)
        #expect(aachen.defaults.publisher?.type == "http://purl.org/adms/publishertype/LocalAuthority")
        #expect(aachen.defaults.contactPoint?.email == "opendata@mail.aachen.de")
        #expect(aachen.defaults.politicalGeocoding.count == 1)
        let koeln = try #require(config.source("koeln"))
        #expect(koeln.path == "/srv/od/shared/koeln.json")
        #expect(koeln.title == "koeln")
        #expect(koeln.demo)
    }

    @Test func theProjectsOwnSourcesFileLoads() throws {
        let config = try ConfigLoader.load(Fixtures.catalog("sources.toml"))
        #expect(config.harvest.offline)
        let ids = config.sources.map(\.id)
        #expect(ids.contains("offenedaten-aachen"))
        let aachen = try #require(config.source("offenedaten-aachen"))
        #expect(aachen.kind == .ckan && aachen.fq == nil && !aachen.demo && aachen.organizations.count == 12)
        // Offline (the default): the Aachen source has no snapshot and is skipped; demo dumps are read.
        if case .skip = config.effectiveMode(for: aachen, offline: true) {} else { Issue.record("offenedaten-aachen should be skipped offline") }
        let koeln = try #require(config.source("koeln"))
        if case .file = config.effectiveMode(for: koeln, offline: true) {} else { Issue.record("koeln should be read from its file") }
        if case .skip = config.effectiveMode(for: koeln, offline: false) {} else { Issue.record("demo sources are skipped in live runs") }
    }

    @Test func misspelledKindNamesFileLineKeyPathAndExpectation() {
        let text = base + """
            [[source]]
            id = "a"
            kind = "ckan"
            url = "https://x.example"

            [[source]]
            id = "b"
            kind = "ckna"
            """
        #expect(error(text) == #"catalog/sources.toml:15: source[1].kind: expected "ckan", "ckan-dump" or "dcat", found "ckna""#)
    }

    @Test func unknownKeyIsAnErrorWithSuggestion() {
        let message = error(base + """
            [[source]]
            id = "a"
            kind = "ckan"
            url = "https://x.example"
            prority = 3
            """)
        #expect(message.contains("catalog/sources.toml:12: source[0].prority: unknown key \"prority\"; did you mean \"priority\"?"))
        #expect(error(base + "[harvest]\nofline = true\n[[source]]\nid=\"a\"\nkind=\"ckan-dump\"\npath=\"x\"\n").contains("harvest.ofline"))
    }

    @Test func syntaxErrorCarriesLineAndColumn() {
        let message = error(base + "[harvest]\nretries = = 3\n")
        #expect(message.hasPrefix("catalog/sources.toml:9:"))
        #expect(message.contains("TOML syntax error"))
    }

    @Test(arguments: [
        ("id = \"Stadt Aachen\"\nkind = \"ckan\"\nurl = \"https://x.example\"", "source[0].id: expected lower-case"),
        ("id = \"a\"\nkind = \"ckan\"", "source[0].url: missing"),
        ("id = \"a\"\nkind = \"ckan\"\nurl = \"ftp://x.example\"", "source[0].url: expected an absolute http(s) URL"),
        ("id = \"a\"\nkind = \"ckan\"\nmode = \"snapshot\"", "source[0].mode: mode = \"snapshot\" needs"),
        ("id = \"a\"\nkind = \"ckan-dump\"", "source[0].path: missing"),
        ("id = \"a\"\nkind = \"ckan-dump\"\npath = \"x\"\nurl = \"https://x.example\"", "source[0].url: not used by kind \"ckan-dump\""),
        ("id = \"a\"\nkind = \"ckan\"\nurl = \"https://x.example\"\npriority = \"high\"", "source[0].priority: expected an integer, found the string \"high\""),
        ("id = \"a\"\nkind = \"ckan\"\nurl = \"https://x.example\"\nmode = \"offline\"", "source[0].mode: expected \"live\" or \"snapshot\""),
    ])
    func sourceValidation(body: String, expected: String) {
        #expect(error(base + "[[source]]\n" + body + "\n").contains(expected))
    }

    @Test func duplicateIDsAndCatalogChecks() {
        let twice = base + "[[source]]\nid = \"a\"\nkind = \"ckan-dump\"\npath = \"x\"\n[[source]]\nid = \"a\"\nkind = \"ckan-dump\"\npath = \"y\"\n"
        #expect(error(twice).contains("source[1].id: duplicate id \"a\"; source[0] already uses it"))
        let badBase = base.replacingOccurrences(of: "https://offenedaten.aachen.de/katalog", with: "katalog") + "[[source]]\nid=\"a\"\nkind=\"ckan-dump\"\npath=\"x\"\n"
        #expect(error(badBase).contains("catalog/sources.toml:4: catalog.base_uri: expected an absolute http(s) URL"))
        #expect(error(base).contains("no [[source]] blocks"))
        #expect(error("[catalog]\ntitle = \"t\"\n").contains("catalog.description: missing"))
        #expect(error(base + "[harvest]\nrows = 5000\n").contains("harvest.rows: expected an integer from 1 to 1000"))
    }

    @Test func profileDefaultsToDCATAPde3AndAcceptsDCATAPde2() throws {
        let source = "[[source]]\nid = \"a\"\nkind = \"ckan-dump\"\npath = \"x\"\n"
        #expect(try load(base + source).catalog.profile == nil)
        func with(_ line: String) -> String {
            base.replacingOccurrences(of: "base_uri = \"https://offenedaten.aachen.de/katalog\"\n", with: "base_uri = \"https://offenedaten.aachen.de/katalog\"\n\(line)\n") + source
        }
        #expect(try load(with("profile = \"dcat-ap.de-2.0\"")).catalog.profile == .dcatAPde2)
        #expect(try load(with("profile = \"dcat-ap.de-3.0\"")).catalog.profile == .dcatAPde3)
        #expect(error(with("profile = \"dcat-ap-3\"")).contains(#"catalog.profile: expected "dcat-ap.de-3.0" or "dcat-ap.de-2.0", found "dcat-ap-3""#))
    }

    @Test func linksSectionHasDefaultsAndValidatedValues() throws {
        let source = "\n[[source]]\nid = \"k\"\nkind = \"ckan-dump\"\npath = \"k.json\"\n"
        let defaults = try load(base + source).links
        #expect(defaults == LinkSettings())
        #expect(defaults.intervalHours == 168 && defaults.perHostConcurrency == 2 && defaults.perHostDelayMS == 500)
        #expect(defaults.requestsPerSecond == 10 && defaults.timeoutSeconds == 15 && defaults.maxRedirects == 5)
        #expect(defaults.maxBytes == 65_536 && !defaults.inNightly)
        let set = try load(base + "[links]\ninterval_hours = 24\nper_host_concurrency = 4\nper_host_delay_ms = 0\nrequests_per_second = 2.5\ntimeout_seconds = 5\nmax_redirects = 3\nmax_cross_host_redirects = 0\nmax_bytes = 1024\nin_nightly = true\n" + source).links
        #expect(set.interval == 86_400 && set.perHostConcurrency == 4 && set.perHostDelayMS == 0 && set.requestsPerSecond == 2.5)
        #expect(set.timeoutSeconds == 5 && set.maxRedirects == 3 && set.maxCrossHostRedirects == 0 && set.maxBytes == 1024 && set.inNightly)
        #expect(error(base + "[links]\nper_host_concurrency = 0\n" + source) == "catalog/sources.toml:9: links.per_host_concurrency: expected an integer from 1 to 16 (requests to one host at a time), found 0")
        #expect(error(base + "[links]\nrequests_per_second = 0\n" + source).contains("links.requests_per_second: expected a number greater than 0"))
        #expect(error(base + "[links]\nmax_redirect = 3\n" + source).contains("unknown key \"max_redirect\"; did you mean \"max_redirects\"?"))
    }

    @Test func missingFileIsNamed() {
        #expect { try ConfigLoader.load(URL(fileURLWithPath: "/nonexistent/sources.toml")) } throws: {
            "\($0)" == "/nonexistent/sources.toml: no such file"
        }
    }

    @Test func readPlanFollowsTheDocumentedRules() {
        let live = SourceConfig(id: "a", title: "A", kind: .ckan, url: "https://x.example")
        var withSnapshot = live
        withSnapshot.snapshot = "/s/a.jsonl"
        var pinned = withSnapshot
        pinned.mode = .snapshot
        let dump = SourceConfig(id: "d", title: "D", kind: .ckanDump, path: "/s/d.json")
        var demo = dump
        demo.demo = true
        var disabled = live
        disabled.enabled = false

        #expect(SourceReadPlan.decide(live, offline: false) == .live(URL(string: "https://x.example")!))
        guard case .skip(let reason, _) = SourceReadPlan.decide(live, offline: true) else { Issue.record("expected skip"); return }
        #expect(reason.contains("no snapshot"))
        #expect(SourceReadPlan.decide(withSnapshot, offline: true) == .file(URL(fileURLWithPath: "/s/a.jsonl"), snapshot: true))
        #expect(SourceReadPlan.decide(withSnapshot, offline: false) == .live(URL(string: "https://x.example")!))
        #expect(SourceReadPlan.decide(pinned, offline: false) == .file(URL(fileURLWithPath: "/s/a.jsonl"), snapshot: true))
        #expect(SourceReadPlan.decide(dump, offline: false) == .file(URL(fileURLWithPath: "/s/d.json"), snapshot: false))
        #expect(SourceReadPlan.decide(demo, offline: true) == .file(URL(fileURLWithPath: "/s/d.json"), snapshot: false))
        guard case .skip = SourceReadPlan.decide(demo, offline: false) else { Issue.record("demo must be skipped live"); return }
        guard case .skip = SourceReadPlan.decide(disabled, offline: false) else { Issue.record("disabled must be skipped"); return }
    }
}
