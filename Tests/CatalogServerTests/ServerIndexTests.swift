import CatalogCore
import Foundation
import Hummingbird
import Logging
import Testing

@testable import CatalogServer

/// A snapshot with server-index.bin (every run writes one) is served from the mapped index, datasets read from
/// the model on demand; one without it (older snapshots) is read whole. Both must answer every request alike.
@Suite struct ServerIndexTests {
    /// Requests across the CKAN API, the DCAT endpoints, the IRI paths and `/suche`.
    static func uris(_ c: Catalog) -> [String] {
        let name = c.datasets[3].provenance[0].remoteName!
        let api = "/api/3/action/"
        return [
            api + "status_show", api + "package_list", api + "package_show?id=\(name)", api + "package_show?id=\(PublishedView.ensure(c).datasets[0].facts.ckanID)",
            api + "package_search?q=wahl&rows=5&facet.field=%5B%22organization%22,%22res_format%22,%22groups%22,%22license_id%22%5D",
            api + "package_search?fq=res_format:CSV&sort=title_string%20desc&rows=50&start=3",
            api + "package_search?q=name:\(name)", api + "current_package_list_with_resources?limit=20&offset=10",
            api + "organization_list?all_fields=true", api + "organization_show?id=stadt-koeln&include_datasets=true",
            api + "group_list?all_fields=true", api + "group_show?id=gove&include_datasets=true", api + "license_list", api + "tag_list",
            api + "resource_show?id=unknown",
            "/catalog.ttl?page=1&pageSize=20", "/catalog.rdf?page=2&pageSize=50", "/catalog.jsonld?page=3&pageSize=50",
            "/dataset/\(name).ttl", "/dataset/\(name).rdf", "/dataset/\(name).jsonld", "/dataset/\(name).json", "/dataset/\(name)",
            "/dataset/koeln/\(name)", "/dataset/koeln/\(name)/distribution/1", "/suche?q=wahl", "/suche?q=verkehr&seite=2", "/",
        ]
    }

    @Test func indexAndModelAnswerAlike() async throws {
        let mapped = try await Harness(index: true), whole = try await Harness(index: false)
        #expect(mapped.store.current?.model.isMapped == true)
        #expect(whole.store.current?.model.isMapped == false)
        var answers: [[String]] = []
        var okCount = 0
        for h in [mapped, whole] {
            let id = h.store.current!.id
            var list: [String] = []
            try await h.app.test(.router) { client in
                for uri in Self.uris(h.catalog) {
                    try await client.execute(uri: uri, method: .get, headers: [.accept: "text/turtle"]) { r in
                        if r.status == .ok { okCount += 1 }
                        // Snapshot ids (folder names) appear in the landing page; nothing else may differ.
                        let body = String(buffer: r.body).replacingOccurrences(of: id, with: "ID")
                        list.append("\(uri) \(r.status.code) \(r.headers[.contentType] ?? "") \(body)")
                    }
                }
            }
            answers.append(list)
        }
        for (a, b) in zip(answers[0], answers[1]) { #expect(a == b) }
        // All but resource_show of an unknown id answer 200 (each harness).
        #expect(okCount == 2 * (Self.uris(Harness.catalog).count - 1))
    }

    /// An index written for another model is not what the run published: the snapshot is refused and the
    /// previous one keeps serving. An index of another version is skipped and the model read whole.
    @Test func indexOfAnotherModelIsRefusedAndOtherVersionsSkipped() async throws {
        let folder = KoelnSnapshot.temporaryFolder()
        try KoelnSnapshot.write(Harness.catalog, to: folder)
        let modelURL = folder.appendingPathComponent(SnapshotStore.modelFile)
        let model = try Data(contentsOf: modelURL)
        try (model + Data("\n".utf8)).write(to: modelURL)
        let store = SnapshotStore(directory: folder, logger: quietLogger())
        #expect(await store.reloadIfChanged() == false)
        #expect(store.current == nil)
        #expect(throws: ByteRecordError.self) { _ = try SnapshotStore.indexFile(folder, modelSize: model.count + 1) }

        try model.write(to: modelURL)
        let indexURL = folder.appendingPathComponent(ServerIndexFile.fileName)
        var index = try Data(contentsOf: indexURL)
        index[Array("opendata server-index\n".utf8).count] &+= 1  // the version
        try index.write(to: indexURL)
        #expect(try SnapshotStore.indexFile(folder, modelSize: model.count) == nil)
        let later = SnapshotStore(directory: folder, logger: quietLogger())
        #expect(await later.reloadIfChanged())
        #expect(later.current?.model.isMapped == false)
        #expect(later.current?.datasetCount == Harness.catalog.datasets.count)
    }

    /// Datasets come from the mapped model as the catalogue has them; the whole catalogue once, for `/suche`.
    @Test func datasetsReadOnDemand() async throws {
        let h = try await Harness()
        let model = try #require(h.store.current?.model)
        let ensured = PublishedView.ensure(Harness.catalog)
        #expect(try model.dataset(at: 5) == ensured.datasets[5])
        #expect(try model.datasets(10..<20) == Array(ensured.datasets[10..<20]))
        #expect(try model.catalog() == ensured)
        #expect(model.head.title == ensured.title && model.head.datasets.isEmpty)
    }
}
