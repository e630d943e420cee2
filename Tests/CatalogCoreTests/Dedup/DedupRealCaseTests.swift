import Foundation
import Testing
@testable import CatalogCore
import CatalogTestSupport

/// Real cross-portal duplicates from Tests/Fixtures (see SOURCES.md there).
@Suite struct DedupRealCaseTests {
    static let berlinName = "simple_search_wwwberlindebalichtenbergwirtschaftausschreibung"

    /// The same dataset as published by the ckanext-dcatde example endpoint (values copied from
    /// dcat-rdf/real-portals/ckanext-dcatde-catalog-endpoint-example.rdf).
    static func dcatdeCopy() -> Dataset {
        let base = "http://www.berlin.de/ba-lichtenberg/wirtschaft/ausschreibung/index.php"
        var d = DD.ds(
            "dcatde-example", "63961baa-2fd0-40d4-9242-4a9640ff5f1e",
            title: "Aktuelle Ausschreibungen nach VOL, VOB, VOF oder für Interessenbekundungsverfahren",
            landing: "http://www.berlin.de/ba-lichtenberg/wirtschaft/ausschreibung/",
            urls: [base + "/index/all.json?q=", base + "/index/all.jrss?q=", base + "/index/all.rss?q=", base,
                   base + "/index/all.xml?q=", base + "/index/all.xls?q=", base + "/index/all.csv?q="],
            publisher: "Datenportal Berlin", modified: "2017-10-25T13:36:02.808395",
            keywords: ["berlin", "bezirk", "simplesearch", "fristen", "lichtenberg", "vergaben", "vof", "wettbewerbe",
                       "ausschreibungen", "vol", "veroffentlichungen", "zuschlag"],
            uri: "http://data.example-domain.de/dataset/63961baa-2fd0-40d4-9242-4a9640ff5f1e")
        d.licence = Licence(raw: "http://dcat-ap.de/def/licenses/cc-by", uri: "http://dcat-ap.de/def/licenses/cc-by", status: .open)
        return d
    }

    static func berlinDump() throws -> [Dataset] {
        try DD.loadArray("ckan/other-german/berlin-datenregister-ckan-packages-2014-12.json").map {
            var d = DD.fromCKAN($0, source: "berlin")
            d.keywords = $0["tags"] as? [String] ?? []
            if let l = $0["license_id"] as? String { d.licence = Licence(raw: l, status: .open) }
            return d
        }
    }

    @Test func berlinLichtenbergReappearsUnderAnotherID() throws {
        let dump = try Self.berlinDump()
        let copy = Self.dcatdeCopy()
        let original = try #require(dump.first { $0.provenance[0].remoteName == Self.berlinName })
        let settings = DedupSettings(sourcePriority: ["berlin": 10, "dcatde-example": 1])
        // The whole Berlin dump plus the copy: exactly one cluster, the right one.
        let result = Deduplicator(settings: settings).run(dump + [copy])
        #expect(result.datasets.count == dump.count)
        #expect(result.clusters.count == 1)
        let c = try #require(result.clusters.first)
        #expect(Set(c.members.map(\.key)) == ["berlin:\(original.remoteID)", "dcatde-example:63961baa-2fd0-40d4-9242-4a9640ff5f1e"])
        #expect(c.rule == .landingPage)
        #expect(c.rules == [.landingPage, .downloadURLs])
        #expect(c.survivor == "berlin:5625dd3c-0d78-4bda-bcb6-a9d874b4fdd5")
        #expect(c.conflicts.map(\.field) == ["publisher", "licence", "modified"])
        let merged = try #require(result.datasets.first { $0.uri == original.uri })
        #expect(merged.provenance.map(\.sourceID) == ["berlin", "dcatde-example"])
        #expect(merged.otherIdentifiers == ["63961baa-2fd0-40d4-9242-4a9640ff5f1e", "http://data.example-domain.de/dataset/63961baa-2fd0-40d4-9242-4a9640ff5f1e"])
        #expect(merged.distributions.count == 7)
        #expect(merged.keywords == merged.keywords.sorted())
        #expect(result.findings.contains { $0.code == "dedup.conflict" && $0.field == "publisher" && $0.message.contains("Datenportal Berlin") && $0.message.contains("Facility Management Lichtenberg") })
    }

    @Test func berlinSurvivorWithoutPriorityIsTheNewest() throws {
        let original = try #require(try Self.berlinDump().first { $0.provenance[0].remoteName == Self.berlinName })
        let result = Deduplicator(settings: DedupSettings()).run([original, Self.dcatdeCopy()])
        #expect(result.datasets.count == 1)
        #expect(result.clusters.first?.survivor == "dcatde-example:63961baa-2fd0-40d4-9242-4a9640ff5f1e")
        #expect(result.datasets[0].otherIdentifiers.contains(original.identifier))
        #expect(result.datasets[0].otherIdentifiers.contains(original.uri))
    }

    static func govdataHamburg() throws -> Dataset {
        let p = try #require(try DD.loadArray("ckan/govdata/govdata-package_show-hamburg-stadtgruen-2020.json").first)
        var extras: [String: String] = [:]
        for e in p["extras"] as? [[String: Any]] ?? [] { if let k = e["key"] as? String, let v = e["value"] as? String { extras[k] = v } }
        var d = DD.fromCKAN(p, source: "govdata")
        d.identifier = try #require(extras["identifier"])
        d.publisher = extras["publisher_name"].map { Agent(name: $0) }
        d.modified = extras["modified"].map { .dateTime($0) }
        let sourceList = try JSONSerialization.jsonObject(with: Data(extras["source"]!.utf8)) as? [String] ?? []
        d.derivedFrom = [try #require(extras["guid"])] + sourceList
        let geo = try JSONSerialization.jsonObject(with: Data(extras["politicalGeocodingURI"]!.utf8)) as? [String] ?? []
        d.politicalGeocoding = geo
        return d
    }

    @Test func govdataHamburgCopyLinksToItsOrigin() throws {
        let copy = try Self.govdataHamburg()
        #expect(copy.derivedFrom.contains("https://square1.informatik.uni-hamburg.de/dataset/ecb299a6-0655-4ecb-80cc-c08db992a5f2"))
        // The origin on the Hamburg transparency portal, as it would be harvested from there: its subject IRI is the
        // GovData `guid`; no landing page and other distributions, so only the origin link can connect the two.
        let origin = DD.ds(
            "transparenz-hh", "ecb299a6-0655-4ecb-80cc-c08db992a5f2", title: "100 Jahre Stadtgrün - Stadtpark und Volkspark",
            name: "100-jahre-stadtgrun-stadtpark-und-volkspark12",
            urls: ["https://geodienste.hamburg.de/HH_WMS_Stadtgruen?REQUEST=GetCapabilities&SERVICE=WMS"],
            publisher: "Behörde für Umwelt und Energie (BUE)", modified: "2020-08-06T08:23:32",
            uri: "https://square1.informatik.uni-hamburg.de/dataset/ecb299a6-0655-4ecb-80cc-c08db992a5f2")
        // A different dataset whose landing page is the portal home named by the copy's `source` extra.
        let home = DD.ds("transparenz-hh", "other", title: "Haushaltsplan 2020", landing: "https://transparenz.hamburg.de/")
        let result = Deduplicator(settings: DedupSettings(sourcePriority: ["transparenz-hh": 5, "govdata": 1]))
            .run([copy, origin, home])
        #expect(result.datasets.count == 2)
        let c = try #require(result.clusters.first)
        #expect(c.rule == .originLink)
        #expect(c.survivor == "transparenz-hh:ecb299a6-0655-4ecb-80cc-c08db992a5f2")
        let merged = try #require(result.datasets.first { $0.uri == origin.uri })
        #expect(merged.provenance.map(\.sourceID) == ["transparenz-hh", "govdata"])
        #expect(merged.otherIdentifiers.contains("4E67DF32-AAC0-4410-A215-4110F8D50BBD"))
        // 8 GovData resources + 1 origin distribution, the WMS capabilities URL being the same after normalisation.
        #expect(merged.distributions.count == 8)
        #expect(result.datasets.contains { $0.uri == home.uri })
    }

    @Test func sameIdentifierBeatsOriginLink() throws {
        let copy = try Self.govdataHamburg()
        let origin = DD.ds("transparenz-hh", "ecb299a6", title: "100 Jahre Stadtgrün - Stadtpark und Volkspark",
                           identifier: "4E67DF32-AAC0-4410-A215-4110F8D50BBD",
                           uri: "https://square1.informatik.uni-hamburg.de/dataset/ecb299a6-0655-4ecb-80cc-c08db992a5f2")
        let result = Deduplicator(settings: DedupSettings()).run([origin, copy])
        #expect(result.clusters.map(\.rule) == [.identifier])
        #expect(result.clusters.first?.rules == [.identifier, .originLink])
    }

    @Test func koelnSnapshotsAsTwoSourcesMergeByIdentifier() throws {
        let old = try DD.loadArray("ckan/nrw-municipal/koeln-offenedaten-dkan-snapshot-2014-11-04.json")
        let new = try DD.loadArray("ckan/nrw-municipal/koeln-offenedaten-dkan-current_package_list_with_resources-2015-01.json")
        let datasets = old.map { DD.fromCKAN($0, source: "koeln-2014") } + new.map { DD.fromCKAN($0, source: "koeln-2015") }
        let ids2014 = Set(old.compactMap { $0["id"] as? String })
        let ids2015 = Set(new.compactMap { $0["id"] as? String })
        let union = ids2014.union(ids2015)
        let result = Deduplicator(settings: DedupSettings(sourcePriority: ["koeln-2015": 2, "koeln-2014": 1])).run(datasets)
        #expect(result.datasets.count == union.count)
        #expect(result.clusters.count == ids2014.intersection(ids2015).count)
        #expect(result.clusters.allSatisfy { $0.rule == .identifier && $0.members.count == 2 })
        #expect(result.clusters.allSatisfy { $0.survivor.hasPrefix("koeln-2015:") })
        #expect(Set(result.datasets.map { $0.remoteID }) == union)
        #expect(result.reviewCandidates.isEmpty)
    }
}
