@testable import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

@testable import CatalogIO

/// Full-text search on the demo catalogue: the CKAN API, the `SearchIndex` and the static site's index agree
/// that a word found only in one dataset's full description finds that dataset first.
@Suite struct SearchDemoTests {
    static let hamburg = "100 Jahre Stadtgrün - Stadtpark und Volkspark"

    static func file(_ name: String) async throws -> ExportFile {
        try #require(await DemoOutput.files.first { $0.name == name }, "the demo run wrote no \(name)")
    }

    @Test func aWordOnlyInAFullDescriptionFindsThatDatasetFirst() async throws {
        let model = try await Self.file("catalog.model.json")
        let catalog = try Catalog(modelJSON: Data(model.bytes))
        // "Minigolf" occurs in one dataset only, inside a word of its description, beyond the list's snippet.
        let holders = catalog.datasets.filter { ([$0.title, $0.description] + $0.keywords).joined(separator: " ").lowercased().contains("minigolf") }
        #expect(holders.map(\.title) == [Self.hamburg])
        let position = try #require(holders.first?.description.lowercased().range(of: "minigolf")?.lowerBound)
        #expect(holders[0].description.distance(from: holders[0].description.startIndex, to: position) > 160)

        let ranked = try #require(SearchIndex(datasets: catalog.datasets).ranked("minigolf"))
        #expect(ranked.first.map { catalog.datasets[$0.doc].title } == Self.hamburg)

        let api = GoldenOutputs.api(model: model.bytes)
        let answer = api.call("package_search", params: ["q": .string("Minigolf")])
        let result = try #require((try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any])?["result"] as? [String: Any])
        #expect(result["count"] as? Int == 1)
        #expect(((result["results"] as? [[String: Any]])?.first?["title"] as? String) == Self.hamburg)
    }

    @Test func packageSearchRanksTitleMatchesFirst() async throws {
        let model = try await Self.file("catalog.model.json")
        let api = GoldenOutputs.api(model: model.bytes)
        let answer = api.call("package_search", params: ["q": .string("Haushalt"), "rows": .string("5")])
        let result = try #require((try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any])?["result"] as? [String: Any])
        let titles = (result["results"] as? [[String: Any]] ?? []).compactMap { $0["title"] as? String }
        #expect(titles.count == 5)
        #expect(titles.allSatisfy { $0.lowercased().contains("haushalt") }, "best five for Haushalt: \(titles)")
    }

    /// A run hands server-index.bin's full-text index (catalogue order) to the site, which renumbers it to its
    /// list order: the term files are the ones the site writes when it indexes its entries itself.
    @Test func theRenumberedIndexWritesTheTermFilesTheSiteWouldBuild() async throws {
        let written = await DemoOutput.files.filter { $0.name.hasPrefix("suche/index/t-") }
        let catalog = try Catalog(modelJSON: Data(try await Self.file("catalog.model.json").bytes))
        let model = SiteModel(SiteInput(catalog: catalog))
        #expect(model.catalogOrder != Array(model.catalogOrder.indices))  // the list order is not the catalogue's
        for made in [nil, SearchIndex(datasets: catalog.datasets)] {
            var files: [ExportFile] = []
            SiteSearchIndex.shards(model, catalogIndex: made, hand: { files.append($0) })
            #expect(files.count == written.count && files.count > 50)
            #expect(zip(files, written).allSatisfy { $0.name == $1.name && $0.bytes == $1.bytes })
        }
    }

    @Test func staticIndexShardsHoldTheTermAndItsDataset() async throws {
        let files = await DemoOutput.files
        let shard = try await Self.file("suche/index/t-mi.json")
        let terms = try #require(try JSONSerialization.jsonObject(with: Data(shard.bytes)) as? [String: [Int]])
        let postings = try #require(terms["minigolfanlag"])
        #expect(postings.count == 2)  // one dataset: [doc, score]
        let doc = postings[0]
        let chunk = try await Self.file("suche/index/d-\(doc / 100).json")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(chunk.bytes)) as? [String])
        #expect(items[doc % 100].contains(">\(Self.hamburg)</a>"))

        // Every shard holds only terms with its two-character prefix, one per line, sorted; the documents'
        // files hold 100 list items each; the whole index stays small.
        var size = 0
        for f in files where f.name.hasPrefix("suche/index/") {
            size += f.bytes.count
            guard f.name.hasPrefix("suche/index/t-") else { continue }
            let prefix = String(f.name.dropFirst("suche/index/t-".count).dropLast(".json".count))
            let keys = String(decoding: f.bytes, as: UTF8.self).split(separator: "\n").dropFirst().dropLast()
                .map { $0.split(separator: "\"")[0] }
            #expect(keys.allSatisfy { $0.hasPrefix(prefix) }, "\(f.name)")
            #expect(keys == keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }, "\(f.name)")
        }
        #expect(size > 0 && size < 4_000_000, "suche/index/ has \(size) bytes")
        let chunks = files.filter { $0.name.hasPrefix("suche/index/d-") }
        let datasets = files.filter { $0.name.hasPrefix("datensatz/") && $0.name.hasSuffix(".html") }.count
        #expect(chunks.count == (datasets + 99) / 100)
    }
}
