import CatalogCore
import CatalogTestSupport
import Foundation
import Hummingbird
import Testing

@testable import CatalogIO

@testable import CatalogServer

/// `/suche` on a snapshot of the demo run: the HTML results page of `opendata serve`.
@Suite struct SearchPageTests {
    /// The offline demo run's files (DemoOutput) in a temporary folder, written once per test process.
    static let demo = Task<URL, any Error> {
        let folder = TestFolder.path("opendata-search-\(UUID().uuidString)")
        for file in await DemoOutput.files {
            let url = folder.appendingPathComponent(file.name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.bytes).write(to: url)
        }
        return folder
    }
    static let hamburg = "100 Jahre Stadtgrün - Stadtpark und Volkspark"

    static func harness() async throws -> Harness { try await Harness(folder: try await demo.value, write: false) }

    /// The titles of the listed hits, in order.
    static func titles(_ html: String) -> [String] {
        guard let start = html.range(of: "id=\"treffer-liste\""), let end = html.range(of: "</ol>", range: start.upperBound..<html.endIndex) else { return [] }
        let list = String(html[start.upperBound..<end.lowerBound])
        let regex = /<h3><a href="[^"]*">([^<]*)<\/a><\/h3>/
        return list.matches(of: regex).map { String($0.output.1).replacingOccurrences(of: "&amp;", with: "&") }
    }

    static func get(_ client: AppTestClient, _ uri: String) async throws -> (HTTPResponse.Status, String, String?) {
        try await client.execute(uri: uri, method: .get) { r in (r.status, String(buffer: r.body), r.headers[.contentType]) }
    }

    @Test func minigolfFindsTheHamburgDatasetFirst() async throws {
        let h = try await Self.harness()
        try await h.app.test(.router) { client in
            let (status, html, type) = try await Self.get(client, "/suche?q=minigolf")
            #expect(status == .ok)
            #expect(type == "text/html; charset=utf-8")
            #expect(Self.titles(html).first == Self.hamburg)
            #expect(html.contains("<h1>Suche nach „minigolf“</h1>"))
            #expect(html.contains("value=\"minigolf\""))
            // The demo's notice of recorded sources, as on every static page.
            #expect(html.contains("<p class=\"notice\" role=\"note\"><strong>Hinweis:</strong> Dieser Katalog ist aus aufgezeichneten Daten erstellt"))
            #expect(html.contains("Nicht gelesen: Offene Daten Aachen"))
        }
    }

    @Test func pagingAndSortByDate() async throws {
        let h = try await Self.harness()
        let total = h.store.current!.datasetCount
        try await h.app.test(.router) { client in
            let (_, first, _) = try await Self.get(client, "/suche")
            #expect(Self.titles(first).count == 100)
            #expect(first.contains("Treffer 1–100 von \(SiteTestNumber.german(total))"))
            #expect(first.contains("href=\"suche?seite=2\" rel=\"next\""))
            let (_, second, _) = try await Self.get(client, "/suche?seite=2")
            #expect(second.contains("Treffer 101–200 von"))
            #expect(Set(Self.titles(first)).isDisjoint(with: Self.titles(second)))
            // Beyond the last page: the last page.
            let (status, beyond, _) = try await Self.get(client, "/suche?seite=999")
            #expect(status == .ok)
            #expect(beyond.contains("aria-current=\"page\"><strong>\((total + 99) / 100)</strong>"))
            // Newest first: the dates of the listed hits never increase.
            let (_, byDate, _) = try await Self.get(client, "/suche?q=Verkehr&sortierung=datum")
            let dates = byDate.matches(of: /geändert <time datetime="([^"]+)"/).map { String($0.output.1.prefix(10)) }
            #expect(dates.count > 3)
            #expect(dates == dates.sorted(by: >))
            #expect(byDate.contains("<option value=\"datum\" selected>"))
        }
    }

    @Test func facetFiltersNarrowAndCountTheResults() async throws {
        let h = try await Self.harness()
        try await h.app.test(.router) { client in
            let (_, all, _) = try await Self.get(client, "/suche?q=Verkehr")
            // The licence facet's "open" count in the results of "Verkehr"…
            let count = try #require(all.firstMatch(of: /href="suche\?q=Verkehr&amp;lizenz=open"><span class="badge s-open">[^<]*<\/span><\/a> <span class="count">(\d+)<\/span>/))
            let open = Int(count.output.1)!
            // …is the number of hits with that filter, and every listed hit has it.
            let (_, filtered, _) = try await Self.get(client, "/suche?q=Verkehr&lizenz=open")
            #expect(filtered.contains("\(open) Treffer von") || filtered.contains("von \(open)</p>"))
            let list = filtered.components(separatedBy: "id=\"treffer-liste\"")[1].components(separatedBy: "</ol>")[0]
            let items = list.components(separatedBy: "<li ").dropFirst()
            #expect(!items.isEmpty)
            #expect(items.allSatisfy { $0.contains("data-lizenz=\"open\"") })
            // The chosen value's link removes the filter.
            #expect(filtered.contains("href=\"suche?q=Verkehr\" aria-current=\"true\""))
        }
    }

    @Test func staticSearchFolderStaysServedAndInputIsEscaped() async throws {
        let h = try await Self.harness()
        try await h.app.test(.router) { client in
            let (status, facetPage, _) = try await Self.get(client, "/suche/thema-econ.html")
            #expect(status == .ok)
            #expect(facetPage.contains("<h1>Thema: "))
            let (shardStatus, _, _) = try await Self.get(client, "/suche/index/t-mi.json")
            #expect(shardStatus == .ok)
            let (_, hostile, _) = try await Self.get(client, "/suche?q=%3Cscript%3Ex%3C%2Fscript%3E&thema=%22%3E")
            #expect(!hostile.contains("<script>x"))
            #expect(hostile.contains("&lt;script&gt;x&lt;/script&gt;"))
            #expect(hostile.contains("Keine Treffer"))
        }
    }
}

/// German thousands separators, as the pages print counts.
enum SiteTestNumber {
    static func german(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out += "." }
            out.append(ch)
        }
        return out
    }
}
