import Foundation
import Testing
@testable import CatalogCore
@Test func findingsSortStably() {
    let a = Finding(.warning, "x", source: "a", record: "1", "m", de: "m")
    let b = Finding(.error, "x", source: "a", record: "2", "m", de: "m")
    #expect([b, a].sorted() == [a, b])
}

/// A finding made from a template keeps its arguments and renders the same sentences the audit wrote before as
/// text; it equals, hashes and encodes like the text finding with those sentences, and reads back from JSON.
@Test func templateFindingsRenderWhenRead() throws {
    let uri = "https://example.org/d/1#dist-2"
    let licence = "http://dcat-ap.de/def/licenses/cc-by/4.0"
    let inherited = Finding(.note, "licence.inherited", source: "s", record: "r", field: "resources[1].license", .licenceInherited, [uri, licence])
    let asText = Finding(.note, "licence.inherited", source: "s", record: "r", field: "resources[1].license",
                         "Distribution \(uri): no licence of its own; the dataset's licence (\(licence)) was taken over.",
                         de: "Distribution \(uri): keine eigene Lizenz, die Lizenz des Datensatzes (\(licence)) wurde übernommen.")
    #expect(inherited.message == asText.message)
    #expect(inherited.messageDE == asText.messageDE)
    #expect(inherited == asText)
    #expect(Set([inherited, asText]).count == 1)
    let attribution = Finding(.warning, "licence.attribution-missing", source: "s", record: "r", .attributionMissing, [uri, licence])
    #expect(attribution.message == "Distribution \(uri): \(licence) requires an attribution text (dcatde:licenseAttributionByText); none is given.")
    #expect(attribution.messageDE == "Distribution \(uri): \(licence) verlangt einen Namensnennungstext (dcatde:licenseAttributionByText), es ist keiner angegeben.")
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let json = try encoder.encode([inherited, attribution])
    #expect(json == (try encoder.encode([asText, attribution])))
    #expect(try JSONDecoder().decode([Finding].self, from: json) == [inherited, attribution])
    // Changing a sentence turns the finding into text, keeping the other one.
    var changed = inherited
    changed.messageDE = "anders"
    #expect(changed.message == inherited.message && changed.messageDE == "anders")
}
