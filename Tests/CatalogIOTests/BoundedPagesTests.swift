import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

@testable import CatalogIO

/// No HTML page grows with the catalogue (#14 item 6): lists of datasets or to-do items are paged (100 per page)
/// on the area pages, the quality pages per publisher, the overview map and the licence page, every item on
/// exactly one page, every link between the pages leading to a page that exists. Checked on the demo, whose Berlin
/// area (686 datasets), largest publishers and licence groups span several pages.
@Suite struct BoundedPagesTests {
    static func pages() async -> [String: String] {
        var pages: [String: String] = [:]
        for file in await DemoOutput.files where file.name.hasSuffix(".html") { pages[file.name] = String(decoding: file.bytes, as: UTF8.self) }
        return pages
    }

    /// Relative links of a page resolved to site paths (external, mailto and in-page links left out).
    static func links(_ html: String, from page: String) -> [String] {
        html.matches(of: /href="([^"]*)"/).compactMap { m -> String? in
            var href = String(m.1)
            if href.hasPrefix("http://") || href.hasPrefix("https://") || href.hasPrefix("mailto:") || href.hasPrefix("#") { return nil }
            if let i = href.firstIndex(where: { $0 == "#" || $0 == "?" }) { href = String(href[..<i]) }
            var parts = page.split(separator: "/").dropLast().map(String.init)
            for seg in href.split(separator: "/") {
                if seg == ".." { _ = parts.popLast() } else if seg != "." { parts.append(String(seg)) }
            }
            return parts.joined(separator: "/")
        }
    }

    /// The pages of one paged list: the first, then `first.seite-2.html` … while they exist.
    static func series(_ first: String, in pages: [String: String]) -> [String] {
        var names = [first]
        let stem = first.dropLast(".html".count)
        while pages["\(stem).seite-\(names.count + 1).html"] != nil { names.append("\(stem).seite-\(names.count + 1).html") }
        return names
    }

    @Test func noPageOfTheDemoReachesOneMegabyte() async {
        let pages = await Self.pages()
        #expect(pages.count > 1000)
        for (name, html) in pages { #expect(html.utf8.count < 1_000_000, "\(name): \(html.utf8.count) bytes") }
    }

    @Test func areaPagesHoldEveryDatasetOfTheAreaOnce() async throws {
        let pages = await Self.pages()
        let output = await DemoOutput.run.value
        var byArea: [String: Int] = [:]
        for d in output.catalog.datasets where d.facts.geometrySource == .politicalGeocoding {
            if let key = d.facts.area?.key { byArea[key, default: 0] += 1 }
        }
        #expect((byArea["11"] ?? 0) > 600)
        for (key, count) in byArea {
            let names = Self.series("gebiet/\(key).html", in: pages)
            #expect(names.count == (count + 99) / 100, "gebiet/\(key)")
            var items: [String] = []
            for name in names {
                let html = try #require(pages[name])
                let here = html.matches(of: /<li data-thema=[^>]*>\s*<h3><a href="\.\.\/(datensatz\/[^"]+)"/).map { String($0.1) }
                #expect(here.count <= 100)
                items += here
                for link in Self.links(html, from: name) { #expect(pages[link] != nil || !link.hasSuffix(".html"), "\(name) → \(link)") }
            }
            #expect(items.count == count && Set(items).count == count, "gebiet/\(key): \(items.count) of \(count)")
            // The map is on the first page only.
            #expect(names.dropFirst().allSatisfy { !(pages[$0] ?? "").contains("id=\"gebietskarte\"") })
        }
    }

    @Test func qualityPagesListEveryDatasetOfThePublisherOnce() async throws {
        let pages = await Self.pages()
        let output = await DemoOutput.run.value
        let keys = SiteModel.publisherKeys(output.catalog.datasets.map { $0.facts.publisher.name })
        let counts = Dictionary(grouping: output.catalog.datasets, by: { $0.facts.publisher.name }).mapValues(\.count)
        #expect(counts.values.contains { $0 > 100 })
        for (name, count) in counts {
            let key = try #require(keys[name])
            let names = Self.series("qualitaet/\(key).html", in: pages)
            #expect(names.count == (count + 99) / 100, "\(name)")
            var rows: [String] = []
            for page in names {
                let html = try #require(pages[page])
                let here = html.matches(of: /<tr><th scope="row"><a href="\.\.\/(datensatz\/[^"]+)"/).map { String($0.1) }
                #expect(here.count <= 100)
                rows += here
                for link in Self.links(html, from: page) where link.hasPrefix("qualitaet/") && link.hasSuffix(".html") { #expect(pages[link] != nil, "\(page) → \(link)") }
            }
            #expect(rows.count == count && Set(rows).count == count, "\(name): \(rows.count) of \(count)")
        }
    }

    @Test func licencePagesLinkEachOtherAndBack() async throws {
        let pages = await Self.pages()
        let further = pages.keys.filter { $0.hasPrefix("lizenzen/") }.sorted()
        #expect(!further.isEmpty)
        for name in ["licences.html"] + further {
            for link in Self.links(try #require(pages[name]), from: name) where link.hasSuffix(".html") {
                #expect(pages[link] != nil, "\(name) → \(link)")
            }
        }
    }

    /// hvd/index.html lists the high-value datasets 100 per page (hvd/seite-2.html …), each once.
    @Test func hvdListIsPaged() async throws {
        var catalog = await DemoOutput.run.value.catalog
        for i in 0..<250 { catalog.datasets[i].published?.hvd = PublishedHVD(categories: ["c_ac64a52d"], reasons: ["Regel 1"]) }
        let flagged = catalog.datasets.filter { $0.facts.hvd != nil }
        var input = SiteInput(catalog: catalog, downloads: [HVDAudit.fileName])
        input.hvd = HVDAudit(catalog)
        var site: [String: String] = [:]
        for file in SiteRenderer.render(input) where file.name.hasPrefix("hvd/") { site[file.name] = String(decoding: file.bytes, as: UTF8.self) }
        let pages = (flagged.count + 99) / 100
        #expect(Set(site.keys) == Set((1...pages).map { $0 == 1 ? "hvd/index.html" : "hvd/seite-\($0).html" }))
        var listed: [String] = []
        for (name, html) in site {
            let here = html.matches(of: /<li><a href="\.\.\/(datensatz\/[^"]+)"/).map { String($0.1) }
            #expect(here.count <= 100, "\(name)")
            listed += here
            for link in Self.links(html, from: name) where link.hasPrefix("hvd/") { #expect(site[link] != nil, "\(name) → \(link)") }
        }
        #expect(listed.count == flagged.count && Set(listed).count == flagged.count)
        #expect(site["hvd/index.html"]?.contains("Datensätze 1–100 von \(flagged.count)") == true)
    }
}
