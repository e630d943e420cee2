import Testing
@testable import CatalogCore

/// A dataset's own documents (the site's `datensatz/<slug>.ttl` / `.jsonld`, the server's `/dataset/{id}`) build
/// the catalogue's part once (`DCATGraph.Head`) and add the dataset to it (`DCATDocument.layout`): they must
/// state the graph of a one-dataset copy of the catalogue, triple for triple and problem for problem, laid out
/// with the catalogue node first and the dataset's own nodes next.
@Suite struct DatasetGraphTests {
    @Test(arguments: DCATGraph.Profile.allCases) func sharedHeadGivesTheOneDatasetCatalogueGraph(profile: DCATGraph.Profile) {
        let catalog = PublishedView.ensure(ExportSample.catalog)
        let head = DCATGraph.Head(catalog, profile: profile)
        #expect(catalog.datasets.count > 1)
        for d in catalog.datasets {
            var single = catalog
            single.datasets = [d]
            let expected = DCATGraph(single, profile: profile)
            let layout = DCATDocument.layout([d], head: head)
            var triples = layout.triples
            #expect(triples.count == expected.triples.count, "\(d.uri)")
            DCATGraphBuilder.sortUnique(&triples)
            #expect(triples == expected.triples, "\(d.uri)")
            #expect(layout.problems == expected.problems, "\(d.uri)")
            #expect(layout.catalogue.first?.subject == head.catalog)
            #expect(layout.parts.first?.own.first?.subject == d.facts.iri)
        }
    }

    /// A dataset without published facts (rendered alone) gets them from a view of it in the head's catalogue,
    /// as `DCATGraph` of the one-dataset catalogue does.
    @Test func datasetWithoutPublishedFactsIsViewedInTheCatalogue() throws {
        let catalog = ExportSample.catalog
        let d = try #require(catalog.datasets.first { $0.published == nil })
        var single = catalog
        single.datasets = [d]
        var triples = DCATDocument.layout([d], head: DCATGraph.Head(catalog)).triples
        DCATGraphBuilder.sortUnique(&triples)
        #expect(triples == DCATGraph(single).triples)
    }
}
