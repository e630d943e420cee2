import Testing
@testable import CatalogCore

/// Issue 16 item 11: two snapshots of one portal (Köln 2014 and 2015 shapes): the same instant in another
/// precision or zone is no conflict, and the newer version's removed distributions are not resurrected.
@Suite struct DedupVersionTests {
    @Test func sameInstantInAnotherZoneOrPrecisionIsNoConflict() {
        #expect(DedupDates.same("2014-12-10T09:56:43+01:00", "2014-12-10T08:56:43Z"))
        #expect(DedupDates.same("2014-12-10T09:56:43.000+01:00", "2014-12-10T09:56:43+01:00"))
        #expect(DedupDates.same("2014-12-10", "2014-12-10T09:56:43+01:00"))
        #expect(DedupDates.same("2014-12-10T09:56", "2014-12-10T09:56:00"))
        #expect(!DedupDates.same("2014-12-10T09:56:43+01:00", "2014-12-10T09:56:43Z"))
        #expect(!DedupDates.same("2014-12-10", "2014-12-11"))

        let a = DD.ds("koeln", "00e260f0", title: "Haushalt", urls: ["https://offenedaten-koeln.de/h.csv"], modified: "2014-12-10T09:56:43+01:00")
        let b = DD.ds("koeln-2014", "00e260f0", title: "Haushalt", urls: ["https://offenedaten-koeln.de/h.csv"], modified: "2014-12-10T08:56:43Z")
        let result = Deduplicator(settings: DedupSettings(sourcePriority: ["koeln": 5, "koeln-2014": 1])).run([a, b])
        #expect(result.clusters.count == 1)
        #expect(result.clusters.first?.conflicts.contains { $0.field == "modified" } == false)
    }

    @Test func anOlderVersionDoesNotResurrectARemovedDistribution() {
        let shared = "https://offenedaten-koeln.de/h.csv", removed = "https://offenedaten-koeln.de/h-alt.csv"
        let newer = DD.ds("koeln", "00e260f0", title: "Haushalt", urls: [shared], modified: "2015-01-07T18:09:00+01:00")
        let older = DD.ds("koeln-2014", "00e260f0", title: "Haushalt", urls: [shared, removed], modified: "2014-11-04T10:00:00+01:00")
        let result = Deduplicator(settings: DedupSettings(sourcePriority: ["koeln": 5, "koeln-2014": 1])).run([newer, older])
        #expect(result.datasets.count == 1)
        #expect(result.datasets.first?.distributions.map(\.accessURL) == [shared])
        // The older version wins by priority: it is the survivor, and still keeps only what the newer one lists.
        let byPriority = Deduplicator(settings: DedupSettings(sourcePriority: ["koeln": 1, "koeln-2014": 5])).run([newer, older])
        #expect(byPriority.datasets.count == 1)
        #expect(byPriority.datasets.first?.provenance.first?.sourceID == "koeln-2014")
        #expect(byPriority.datasets.first?.distributions.map(\.accessURL) == [shared])
        // Another record (another remote id) still contributes its distributions.
        let copy = DD.ds("mirror", "kopie-1", title: "Haushalt", identifier: "00e260f0", urls: [shared, removed], modified: "2014-11-04T10:00:00+01:00")
        let merged = Deduplicator(settings: DedupSettings(sourcePriority: ["koeln": 5, "mirror": 1])).run([newer, copy])
        #expect(merged.clusters.count == 1)
        #expect(merged.datasets.count == 1)
        #expect(merged.datasets.first?.distributions.count == 2)
    }
}
