import Testing
@testable import CatalogCore

@Suite struct DedupNormalizeTests {
    @Test func urlFoldsSchemeHostPortWwwSlashAndTracking() {
        let a = DedupNormalize.url("HTTPS://WWW.Berlin.DE:443/ba-lichtenberg/Wirtschaft/?utm_source=x&b=2&a=1&fbclid=z#top")
        let b = DedupNormalize.url("http://berlin.de/ba-lichtenberg/Wirtschaft?a=1&b=2&gclid=q")
        #expect(a == "berlin.de/ba-lichtenberg/Wirtschaft?a=1&b=2")
        #expect(a == b)
        // Path case is kept; other schemes are kept.
        #expect(DedupNormalize.url("http://x.de/A") != DedupNormalize.url("http://x.de/a"))
        #expect(DedupNormalize.url("ftp://Files.x.de/a.csv") == "ftp://files.x.de/a.csv")
        #expect(DedupNormalize.url("not a url") == nil)
        #expect(DedupNormalize.url("  http://x.de:8080/a  ") == "x.de:8080/a")
        // An empty parameter value is kept (the Berlin SimpleSearch URLs end in `?q=`).
        #expect(DedupNormalize.url("http://www.berlin.de/x/all.csv?q=") == "berlin.de/x/all.csv?q=")
    }

    @Test func genericURLs() {
        func g(_ s: String) -> Bool { DedupNormalize.isGeneric(normalizedURL: DedupNormalize.url(s)!) }
        #expect(g("https://transparenz.hamburg.de"))
        #expect(g("https://offenedaten.aachen.de/"))
        #expect(g("https://geodienste.hamburg.de/HH_WMS_Stadtgruen?REQUEST=GetCapabilities&SERVICE=WMS"))
        #expect(g("https://geo.example.de/services/wms"))
        #expect(g("https://geo.example.de/ows?service=WFS"))
        #expect(!g("https://geodienste.hamburg.de/HH_WFS_Stadtgruen?service=WFS&request=GetFeature&VERSION=1.1.0&typename=bsu_hh_100jstadtgruen_poi"))
        #expect(!g("http://www.berlin.de/ba-lichtenberg/wirtschaft/ausschreibung/"))
    }

    @Test func tokensFoldUmlautsAndCase() {
        #expect(DedupNormalize.tokens("Köln: Straßen-Bäume 2014") == ["koeln", "strassen", "baeume", "2014"])
        #expect(DedupNormalize.tokens("Ko\u{308}ln") == ["koeln"])
        #expect(DedupNormalize.name("StädteRegion  Aachen") == "staedteregion aachen")
        #expect(DedupNormalize.name("Städteregion Aachen") == DedupNormalize.name("STÄDTEREGION-AACHEN"))
    }

    @Test func stableHashIsFNV1a() {
        #expect(DedupNormalize.stableHash("") == "cbf29ce484222325")
        #expect(DedupNormalize.stableHash("a") == "af63dc4c8601ec8c")
    }
}
