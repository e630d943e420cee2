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
}
