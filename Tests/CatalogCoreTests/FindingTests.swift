import Testing
@testable import CatalogCore
@Test func findingsSortStably() {
    let a = Finding(.warning, "x", source: "a", record: "1", "m", de: "m")
    let b = Finding(.error, "x", source: "a", record: "2", "m", de: "m")
    #expect([b, a].sorted() == [a, b])
}
