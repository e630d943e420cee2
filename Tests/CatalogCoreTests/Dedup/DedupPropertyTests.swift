import Foundation
import Testing
@testable import CatalogCore
import CatalogTestSupport

@Suite struct DedupPropertyTests {
    /// A mix of synthetic duplicates of every rule, the real Berlin case and override settings.
    static func corpus() throws -> [Dataset] {
        var all = DedupBenchmark.syntheticDatasets(count: 400, duplicateShare: 0.3, seed: 7)
        all.append(DedupRealCaseTests.dcatdeCopy())
        all += try DedupRealCaseTests.berlinDump().prefix(60)
        all.append(try DedupRealCaseTests.govdataHamburg())
        return all
    }

    @Test func resultIsIndependentOfInputOrder() throws {
        let input = try Self.corpus()
        let settings = DedupSettings(sourcePriority: ["stadt": 3, "govdata": 1], same: [[input[0].sourceID + ":" + input[0].remoteID, input[1].sourceID + ":" + input[1].remoteID]],
                                     different: [[input[2].sourceID + ":" + input[2].remoteID, input[3].sourceID + ":" + input[3].remoteID]])
        let dedup = Deduplicator(settings: settings)
        let reference = dedup.run(input)
        #expect(reference.clusters.count > 50)
        #expect(!reference.reviewCandidates.isEmpty)
        #expect(Set(reference.clusters.map(\.rule)).isSuperset(of: [.manual, .identifier, .originLink, .landingPage, .downloadURLs]))
        let refCSV = DuplicatesCSV.render(reference)
        for seed in 1...60 as ClosedRange<UInt64> {
            let r = dedup.run(DD.shuffled(input, seed: seed))
            #expect(r.datasets == reference.datasets, "seed \(seed)")
            #expect(r.clusters == reference.clusters, "seed \(seed)")
            #expect(r.reviewCandidates == reference.reviewCandidates, "seed \(seed)")
            #expect(r.findings == reference.findings, "seed \(seed)")
            #expect(DuplicatesCSV.render(r) == refCSV, "seed \(seed)")
        }
    }

    @Test func everyRecordEndsUpInExactlyOneDataset() throws {
        let input = try Self.corpus()
        let r = Deduplicator(settings: DedupSettings(autoMergeFuzzy: true)).run(input)
        let keys = r.datasets.flatMap { $0.provenance.map { $0.sourceID + ":" + $0.remoteID + ":" + ($0.remoteName ?? "") } }
        #expect(keys.count == input.count)
        #expect(Set(keys).count == keys.count)
        #expect(r.datasets.map(\.uri) == r.datasets.map(\.uri).sorted())
        #expect(r.datasets.count == input.count - r.clusters.reduce(0) { $0 + $1.members.count - 1 })
    }

    @Test func syntheticGeneratorIsDeterministic() {
        let a = DedupBenchmark.syntheticDatasets(count: 200, duplicateShare: 0.25, seed: 42)
        #expect(a == DedupBenchmark.syntheticDatasets(count: 200, duplicateShare: 0.25, seed: 42))
        #expect(a != DedupBenchmark.syntheticDatasets(count: 200, duplicateShare: 0.25, seed: 43))
        #expect(a.count == 200)
    }
}
