import Foundation
import Testing
@testable import CatalogCore

/// `Dataset` keeps its fields in a shared box: it must still behave as a value.
@Suite struct DatasetValueTests {
    static func sample() -> Dataset {
        Dataset(uri: "https://example.org/d/1", identifier: "1", title: "Bäume", description: "Straßenbäume",
                keywords: ["baum"], distributions: [Distribution(uri: "https://example.org/d/1#d1", accessURL: "https://example.org/a.csv")])
    }

    @Test func aCopyIsIndependentOfTheOriginal() {
        let original = Self.sample()
        var copy = original
        copy.title = "Parks"
        copy.keywords.append("park")
        copy.distributions[0].format = "CSV"
        #expect(original.title == "Bäume")
        #expect(original.keywords == ["baum"])
        #expect(original.distributions[0].format == nil)
        #expect(copy.title == "Parks" && copy.keywords == ["baum", "park"] && copy.distributions[0].format == "CSV")
        #expect(copy != original)
        var back = copy
        back.title = "Bäume"
        back.keywords = ["baum"]
        back.distributions[0].format = nil
        #expect(back == original)
        #expect(back.hashValue == original.hashValue)
    }

    @Test func copiesInAnArrayAreIndependent() {
        var list = Array(repeating: Self.sample(), count: 3)
        list[1].title = "zwei"
        #expect(list.map(\.title) == ["Bäume", "zwei", "Bäume"])
    }

    @Test func encodesAndHashesAsItsFields() throws {
        let d = Self.sample()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(try encoder.encode(d) == encoder.encode(d.fields))
        #expect(try JSONDecoder().decode(Dataset.self, from: encoder.encode(d)) == d)
        #expect(d.hashValue == d.fields.hashValue)
    }

    /// The published view writes each dataset's facts in place when the catalogue holds the only reference (a
    /// copy per dataset at 100 k is ~150 MB), and leaves a catalogue that still shares them unchanged.
    @Test func publishedViewWritesInPlace() {
        var catalog = Catalog(uri: "https://example.org/catalog", title: "t", description: "d", publisher: Agent(name: "Stadt"),
                              datasets: (1...3).map { i in
                                  var d = Self.sample()
                                  d.uri = "https://example.org/d/\(i)"
                                  d.identifier = "\(i)"
                                  return d
                              })
        let before = catalog.datasets.map(\.storageID)
        _ = PublishedView.apply(&catalog, audit: LicenceAudit(datasets: catalog.datasets, registry: nil))
        #expect(catalog.datasets.allSatisfy { $0.published != nil })
        #expect(catalog.datasets.map(\.storageID) == before)

        var fresh = catalog
        for i in fresh.datasets.indices { fresh.datasets[i].published = nil }
        let published = PublishedView.ensure(fresh)
        #expect(published.datasets.allSatisfy { $0.published != nil })
        #expect(fresh.datasets.allSatisfy { $0.published == nil })
        #expect(zip(published.datasets, fresh.datasets).allSatisfy { $0.storageID != $1.storageID })
    }
}
