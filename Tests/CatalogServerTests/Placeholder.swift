import Testing
@testable import CatalogServer
@Test func serverLinks() { #expect(Bool(true)) }
