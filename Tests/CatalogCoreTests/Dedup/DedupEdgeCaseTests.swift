import Testing
@testable import CatalogCore

@Suite struct DedupEdgeCaseTests {
    static let alsdorfNRW = "http://dcat-ap.de/def/politicalGeocoding/regionalKey/053340004004"
    static let rlp = "http://dcat-ap.de/def/politicalGeocoding/stateKey/07"

    @Test func berlinDumpAloneHasNoDuplicates() throws {
        // Five pairs of different Berlin datasets share a landing page (e.g. bsr.de/14068.html, the LABO page for the
        // 2012 and 2013 first-name lists, Lichtenberg's index page for June and July budget data): none may merge.
        let result = Deduplicator(settings: DedupSettings()).run(try DedupRealCaseTests.berlinDump())
        #expect(result.clusters.isEmpty)
        #expect(result.datasets.count == 686)
    }

    @Test func alsdorfNameCollisionDoesNotMerge() {
        // The ODM row for "Alsdorf" is Alsdorf in Rhineland-Palatinate (daten.rlp.de), not Alsdorf in StädteRegion Aachen.
        let rlp = DD.ds("rlp", "ebe49eff-ca5a-471b-b7ca-a2594562a3bb", title: "Langzeitzählstelle auf der B 257 in Alsdorf",
                        landing: "http://www.daten.rlp.de/dataset/ebe49eff-ca5a-471b-b7ca-a2594562a3bb",
                        urls: ["http://www.daten.rlp.de/dataset/ebe49eff/zaehlstelle.pdf"], publisher: "Stadt Alsdorf", geo: [Self.rlp])
        let nrw = DD.ds("aachen", "alsdorf-zaehlstelle", title: "Langzeitzählstelle auf der B 257 in Alsdorf",
                        urls: ["http://www.daten.rlp.de/dataset/other.pdf"], publisher: "Stadt Alsdorf", geo: [Self.alsdorfNRW])
        let result = Deduplicator(settings: DedupSettings(autoMergeFuzzy: true)).run([rlp, nrw])
        #expect(result.datasets.count == 2)
        #expect(result.clusters.isEmpty)
        #expect(result.reviewCandidates.isEmpty)
        // Control: the same pair with the same geocoding is a fuzzy candidate (so the geocoding is what blocks it).
        var nrw2 = nrw
        nrw2.politicalGeocoding = [Self.rlp]
        let control = Deduplicator(settings: DedupSettings()).run([rlp, nrw2])
        #expect(control.reviewCandidates.count == 1)
        #expect(control.reviewCandidates.first?.rule == .fuzzyTitle)
        #expect(control.datasets.count == 2)
    }

    @Test func differentGeocodingVetoesLandingPageToo() {
        let a = DD.ds("a", "1", title: "Zählstelle", landing: "https://x.de/zaehlstelle", geo: [Self.rlp])
        let b = DD.ds("b", "2", title: "Zählstelle", landing: "https://x.de/zaehlstelle", geo: [Self.alsdorfNRW])
        #expect(Deduplicator(settings: DedupSettings()).run([a, b]).clusters.isEmpty)
    }

    @Test func sameTitleDifferentPublisherIsNotEvenACandidate() {
        let geo = ["http://dcat-ap.de/def/politicalGeocoding/regionalKey/053340002002"]
        let a = DD.ds("aachen", "1", title: "Haushaltsplan Entwurf", urls: ["https://offenedaten.aachen.de/a.csv"], publisher: "Stadt Aachen", geo: geo)
        let b = DD.ds("region", "2", title: "Haushaltsplan Entwurf", urls: ["https://offenedaten.aachen.de/b.csv"], publisher: "StädteRegion Aachen", geo: geo)
        let r = Deduplicator(settings: DedupSettings(autoMergeFuzzy: true)).run([a, b])
        #expect(r.datasets.count == 2)
        #expect(r.reviewCandidates.isEmpty)
        // Same publisher spelled differently (case, umlauts) is the same publisher.
        let c = DD.ds("region2", "3", title: "Haushaltsplan Entwurf", urls: ["https://offenedaten.aachen.de/c.csv"], publisher: "STÄDTEREGION AACHEN")
        let r2 = Deduplicator(settings: DedupSettings()).run([b, c])
        #expect(r2.reviewCandidates.map { Set($0.members.map(\.key)) } == [["region:2", "region2:3"]])
        #expect(r2.datasets.count == 2)
        // auto_merge_fuzzy merges it.
        let r3 = Deduplicator(settings: DedupSettings(autoMergeFuzzy: true)).run([b, c])
        #expect(r3.clusters.map(\.rule) == [.fuzzyTitle])
        #expect(r3.datasets.count == 1)
    }

    @Test func fuzzyNeedsSharedHostAndSameNumbers() {
        let p = "Stadt Köln"
        let a = DD.ds("a", "1", title: "Kundenzentren Wartezeiten Köln 2014", urls: ["https://offenedaten-koeln.de/a.csv"], publisher: p)
        let b = DD.ds("b", "2", title: "Kundenzentren Wartezeiten Köln 2015", urls: ["https://offenedaten-koeln.de/b.csv"], publisher: p)
        let c = DD.ds("c", "3", title: "Kundenzentren Wartezeiten Köln 2014", urls: ["https://elsewhere.example/c.csv"], publisher: p)
        let r = Deduplicator(settings: DedupSettings(fuzzyThreshold: 0.5)).run([a, b, c])
        #expect(r.reviewCandidates.isEmpty)
    }

    @Test func fuzzyBlocksOverTheCapAreReported() throws {
        // Four records with the same title and publisher share one fuzzy block (publisher, rarest token).
        let records = (1...4).map { k in
            DD.ds("s\(k)", "r\(k)", title: "Haltestellen Bus", urls: ["https://y.de/\(k).csv"], publisher: "Stadt")
        }
        let all = Deduplicator(settings: DedupSettings()).run(records)
        #expect(all.reviewCandidates.count == 6)
        #expect(!all.findings.contains { $0.code == "dedup.fuzzy-block-capped" })
        // With a cap of 2 only the first two are compared; the block is reported, not silently dropped.
        let capped = Deduplicator(settings: DedupSettings(fuzzyBlockCap: 2)).run(records)
        #expect(capped.reviewCandidates.map { $0.members.map(\.key).sorted() } == [["s1:r1", "s2:r2"]])
        let finding = try #require(capped.findings.first { $0.code == "dedup.fuzzy-block-capped" })
        #expect(finding.severity == .note && finding.field == "title")
        #expect(finding.message.contains("publisher “stadt”") && finding.message.contains("has 4 records") && finding.message.contains("2 are not"))
        // The same with the records in another order: the first two in canonical order, not in input order.
        #expect(DD.digest(Deduplicator(settings: DedupSettings(fuzzyBlockCap: 2)).run(records.reversed())) == DD.digest(capped))
    }

    @Test func sharedServiceEndpointAndPortalHomeDoNotMerge() {
        // Many layers of one WMS, each a dataset with the same GetCapabilities URL and the portal home as landing page.
        let wms = "https://geodienste.hamburg.de/HH_WMS_Stadtgruen?REQUEST=GetCapabilities&SERVICE=WMS"
        let a = DD.ds("hh", "1", title: "Parkanlagen", landing: "https://geoportal-hamburg.de/", urls: [wms])
        let b = DD.ds("govdata", "2", title: "Spielplätze", landing: "https://geoportal-hamburg.de", urls: [wms])
        let c = DD.ds("govdata", "3", title: "Kleingärten", landing: "https://geoportal-hamburg.de/", urls: ["http://geodienste.hamburg.de/HH_WMS_Stadtgruen?SERVICE=WMS&REQUEST=GetCapabilities"])
        #expect(Deduplicator(settings: DedupSettings()).run([a, b, c]).clusters.isEmpty)
    }

    @Test func urlSharedWithinOneSourceIsGeneric() {
        // One source uses a download URL for two datasets (different granularity); a second source has one of them.
        let u = "https://daten.example.de/gesamt.zip"
        let a = DD.ds("s1", "a", title: "Bäume Nord", urls: [u])
        let b = DD.ds("s1", "b", title: "Bäume Süd", urls: [u])
        let c = DD.ds("s2", "c", title: "Bäume Nord", urls: [u])
        #expect(Deduplicator(settings: DedupSettings()).run([a, b, c]).clusters.isEmpty)
        // With a limit of 2 all three would merge (a and b through the copy): this is why the default is 1.
        let loose = Deduplicator(settings: DedupSettings(maxSharedPerSource: 2)).run([a, b, c])
        #expect(loose.datasets.count == 1)
    }

    @Test func downloadURLsNormalisedAndCompareAsSets() {
        let a = DD.ds("s1", "a", title: "Wahlergebnisse", urls: ["https://www.stadt.de/wahl/a.csv", "https://www.stadt.de/wahl/b.csv?x=1&y=2"])
        let b = DD.ds("s2", "b", title: "Ergebnisse der Wahl", urls: ["http://stadt.de/wahl/b.csv?y=2&x=1&utm_source=govdata", "HTTP://STADT.DE:80/wahl/a.csv"])
        let c = DD.ds("s3", "c", title: "Wahlergebnisse", urls: ["https://www.stadt.de/wahl/a.csv"])  // a subset: not the same set
        let r = Deduplicator(settings: DedupSettings()).run([a, b, c])
        #expect(r.clusters.count == 1)
        #expect(r.clusters.first?.rule == .downloadURLs)
        #expect(Set(r.clusters.first?.members.map(\.key) ?? []) == ["s1:a", "s2:b"])
        #expect(r.datasets.count == 2)
    }

    @Test func uuidIdentifierInsideOneSourceDoesNotMerge() {
        let a = DD.ds("s1", "5625dd3c-0d78-4bda-bcb6-a9d874b4fdd5", title: "A", name: "a")
        var b = DD.ds("s1", "5625dd3c-0d78-4bda-bcb6-a9d874b4fdd5", title: "B", name: "b")
        b.uri = "https://opendata.example/dataset/s1/b2"
        #expect(Deduplicator(settings: DedupSettings()).run([a, b]).clusters.isEmpty)
        // Across sources the same uuid is the identifier rule.
        let c = DD.ds("s2", "5625DD3C-0D78-4BDA-BCB6-A9D874B4FDD5", title: "C")
        #expect(Deduplicator(settings: DedupSettings()).run([a, c]).clusters.map(\.rule) == [.identifier])
        // An explicit identifier shared inside one source is a duplicate (DCAT-AP.de convention).
        let d = DD.ds("s1", "x1", title: "D", identifier: "https://register.example/ds/42")
        let e = DD.ds("s1", "x2", title: "E", identifier: "https://register.example/ds/42/")
        #expect(Deduplicator(settings: DedupSettings()).run([d, e]).datasets.count == 1)
    }

    @Test func placeholderIdentifiersAreIgnored() {
        let many = (0..<4).map { DD.ds("s1", "r\($0)", title: "T\($0)", identifier: "n/a") }
        let other = DD.ds("s2", "z", title: "Z", identifier: "n/a")
        #expect(Deduplicator(settings: DedupSettings()).run(many + [other]).clusters.isEmpty)
    }

    @Test func manualOverrides() {
        let a = DD.ds("s1", "a", title: "Haltestellen", name: "haltestellen", landing: "https://x.de/h")
        let b = DD.ds("s2", "b", title: "ÖPNV-Haltestellen", landing: "https://x.de/h")
        let c = DD.ds("s3", "c", title: "Bushaltestellen")
        // `different` keeps a landing-page match apart and says so.
        let r1 = Deduplicator(settings: DedupSettings(different: [["s1:a", "s2:b"]])).run([a, b, c])
        #expect(r1.clusters.isEmpty)
        #expect(r1.findings.contains { $0.code == "dedup.kept-apart" })
        // `same` merges what no rule links; keys may use the slug; unknown keys are reported.
        let r2 = Deduplicator(settings: DedupSettings(same: [["s1:haltestellen", "s3:c", "s9:missing"]])).run([a, b, c])
        #expect(r2.datasets.count == 1)
        #expect(r2.clusters.first?.rule == .manual)
        #expect(r2.clusters.first?.rules == [.manual, .landingPage])
        #expect(r2.findings.contains { $0.code == "dedup.override.unknown" && $0.recordID == "s9:missing" && $0.severity == .warning })
        // `different` wins over `same`.
        let r3 = Deduplicator(settings: DedupSettings(same: [["s1:a", "s3:c"]], different: [["s1:a", "s3:c"]])).run([a, c])
        #expect(r3.clusters.isEmpty)
        // A `different` pair not linked by any rule changes nothing else: a and b still merge.
        let r4 = Deduplicator(settings: DedupSettings(different: [["s2:b", "s3:c"]])).run([a, b, c])
        #expect(r4.clusters.map { Set($0.members.map(\.key)) } == [["s1:a", "s2:b"]])
    }

    @Test func mergePolicy() throws {
        let a = DD.ds("city", "a", title: "Bäume", landing: "https://x.de/baeume", urls: ["https://x.de/b.csv"], publisher: "Stadt",
                      modified: "2020-01-01", keywords: ["zeta", "alpha"], licence: "http://dcat-ap.de/def/licenses/dl-by-de/2.0")
        let b = DD.ds("govdata", "b", title: "Baumkataster", landing: "http://www.x.de/baeume/", urls: ["https://x.de/b.csv", "https://x.de/b.json"],
                      publisher: "Stadt", modified: "2024-01-01", keywords: ["beta"], licence: "http://dcat-ap.de/def/licenses/cc-by/4.0")
        let c = DD.ds("nrw", "c", title: "Bäume", landing: "https://x.de/baeume", modified: "2024-01-01", keywords: ["alpha"])
        // Priority wins over newer modified.
        let r = Deduplicator(settings: DedupSettings(sourcePriority: ["city": 10])).run([b, c, a])
        let m = try #require(r.datasets.first)
        #expect(r.datasets.count == 1)
        #expect(m.uri == a.uri)
        #expect(m.provenance.map(\.sourceID) == ["city", "govdata", "nrw"])
        #expect(m.otherIdentifiers == ["b", "c", b.uri, c.uri].sorted())
        #expect(m.distributions.map(\.accessURL) == ["https://x.de/b.csv", "https://x.de/b.json"])
        #expect(m.keywords == ["alpha", "beta", "zeta"])
        let cl = try #require(r.clusters.first)
        // Without priority: newest modified, then smallest uri (govdata/b < nrw/c).
        #expect(cl.members.map(\.key) == ["city:a", "govdata:b", "nrw:c"])
        #expect(cl.conflicts.map(\.field) == ["title", "licence", "modified"])
        #expect(cl.conflicts[0].values.map(\.member) == ["city:a", "govdata:b", "nrw:c"])
        let notes = r.findings.filter { $0.code == "dedup.conflict" }
        #expect(notes.count == 3 && notes.allSatisfy { $0.severity == .note && $0.source == "city" && $0.recordID == "a" })
        #expect(notes.first { $0.field == "title" }?.message.contains("govdata:b “Baumkataster”") == true)
        let r2 = Deduplicator(settings: DedupSettings()).run([a, b, c])
        #expect(r2.clusters.first?.survivor == "govdata:b")
        #expect(r2.clusters.first?.id == cl.id)
    }
}
