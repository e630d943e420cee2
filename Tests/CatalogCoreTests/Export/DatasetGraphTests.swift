import Testing
@testable import CatalogCore

/// The per-dataset graphs (the site's `datensatz/<slug>.ttl` / `.jsonld`, the server's `/dataset/{id}`) build the
/// catalogue's part once (`DCATGraph.Head`) and add each dataset to it: the result must be the graph of a
/// one-dataset copy of the catalogue, triple for triple and problem for problem.
@Suite struct DatasetGraphTests {
    @Test(arguments: DCATGraph.Profile.allCases) func sharedHeadGivesTheOneDatasetCatalogueGraph(profile: DCATGraph.Profile) {
        let catalog = PublishedView.ensure(ExportSample.catalog)
        let head = DCATGraph.Head(catalog, profile: profile)
        #expect(catalog.datasets.count > 1)
        for d in catalog.datasets {
            var single = catalog
            single.datasets = [d]
            let expected = DCATGraph(single, profile: profile)
            let graph = DCATGraph(d, head: head)
            #expect(graph.triples == expected.triples, "\(d.uri)")
            #expect(graph.problems == expected.problems, "\(d.uri)")
            #expect(TurtleSerializer.serialise(graph) == TurtleSerializer.serialise(expected), "\(d.uri)")
        }
    }

    /// A dataset without published facts (rendered alone) gets them from a view of it in the head's catalogue,
    /// as `DCATGraph` of the one-dataset catalogue does.
    @Test func datasetWithoutPublishedFactsIsViewedInTheCatalogue() throws {
        let catalog = ExportSample.catalog
        let d = try #require(catalog.datasets.first { $0.published == nil })
        var single = catalog
        single.datasets = [d]
        let graph = DCATGraph(d, head: DCATGraph.Head(catalog))
        #expect(graph.triples == DCATGraph(single).triples)
    }
}
