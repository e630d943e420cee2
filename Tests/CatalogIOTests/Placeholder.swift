import Testing
@testable import CatalogIO
@Test func ioLinks() { #expect(Bool(true)) }
