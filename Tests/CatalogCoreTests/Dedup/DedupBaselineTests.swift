import Testing
@testable import CatalogCore
import CatalogTestSupport

/// Pins the complete result of several dedup runs (CSV, findings, merged datasets; see `DD.digest`) to the values
/// recorded before the integer-id rewrite of `Deduplicator` (issue #5). A change here is a change of behaviour:
/// update the values only for an intended rule change, and say so in the commit.
@Suite struct DedupBaselineTests {
    static func overrides(_ input: [Dataset]) -> DedupSettings {
        DedupSettings(sourcePriority: ["stadt": 3, "govdata": 1],
                      same: [[input[0].sourceID + ":" + input[0].remoteID, input[1].sourceID + ":" + input[1].remoteID]],
                      different: [[input[2].sourceID + ":" + input[2].remoteID, input[3].sourceID + ":" + input[3].remoteID]])
    }

    @Test func propertyCorpus() throws {
        let input = try DedupPropertyTests.corpus()
        #expect(DD.digest(Deduplicator(settings: Self.overrides(input)).run(input)) == "370/76/20/174#337fd389077cb659")
        #expect(DD.digest(Deduplicator(settings: DedupSettings(autoMergeFuzzy: true)).run(input)) == "352/92/0/197#869e16e9353e8c08")
        #expect(DD.digest(Deduplicator(settings: DedupSettings(fuzzyThreshold: 0.5, maxSharedPerSource: 2)).run(input)) == "369/76/41/193#b942037b108fad62")
    }

    @Test func syntheticCatalogue() {
        let input = DedupBenchmark.syntheticDatasets(count: 3000, duplicateShare: 0.25, seed: 3)
        #expect(DD.digest(Deduplicator(settings: DedupSettings()).run(input)) == "2452/477/86/1039#083cdfd13f5396c4")
        #expect(DD.digest(Deduplicator(settings: DedupSettings(fuzzyThreshold: 0.6, autoMergeFuzzy: true)).run(input)) == "2272/620/0/1390#4d02ff78649e2a50")
        // Small blocks: the same pairs as before; the blocks that hit the cap are now also reported.
        let capped = Deduplicator(settings: DedupSettings(fuzzyThreshold: 0.3, fuzzyBlockCap: 5)).run(input)
        #expect(DD.digest(capped, excluding: ["dedup.fuzzy-block-capped"]) == "2452/477/201/1154#f911c25744867971")
        #expect(capped.findings.filter { $0.code == "dedup.fuzzy-block-capped" }.count > 10)
    }

    @Test func berlinDumpWithCopy() throws {
        let input = try DedupRealCaseTests.berlinDump() + [DedupRealCaseTests.dcatdeCopy(), try DedupRealCaseTests.govdataHamburg()]
        #expect(DD.digest(Deduplicator(settings: DedupSettings(fuzzyThreshold: 0.6)).run(input)) == "687/1/445/449#1bc30f772634ee31")
    }
}
