import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

/// A catalogue built from the real Köln DKAN export (137 package dicts), decoded by hand here so the server
/// tests do not depend on the mapping stage; plus the GovData copy of one Köln record (same CKAN name) to
/// exercise name collisions.
enum KoelnSnapshot {
    static let themeForTag = [
        "Politik und Wahlen": "GOVE", "Verwaltung, Haushalt und Steuern": "GOVE", "Bevölkerung": "SOCI",
        "Transport und Verkehr": "TRAN", "Umwelt und Klima": "ENVI", "Bildung und Wissenschaft": "EDUC",
        "Kultur, Freizeit, Sport und Tourismus": "EDUC", "Geo": "REGI",
    ]
    static let base = "https://opendata.example/dataset/"
    static let stadtKoeln = Agent(uri: "https://www.stadt-koeln.de", name: "Stadt Köln", email: "offenedaten@stadt-koeln.de")
    static let ccBy = Licence(raw: "cc-by", uri: "http://dcat-ap.de/def/licenses/cc-by/4.0", spdx: "CC-BY-4.0", status: .open)

    static func catalog() throws -> Catalog {
        let url = Fixtures.shared("ckan/nrw-municipal/koeln-offenedaten-dkan-current_package_list_with_resources-2015-01.json")
        let packages = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [[String: Any]]
        var datasets = packages.map(dataset)
        // GovData's copy of the first record: same CKAN name, other source, other licence.
        var copy = datasets[0]
        copy.uri = base + "govdata/" + (copy.provenance[0].remoteName ?? "")
        copy.provenance = [Provenance(sourceID: "govdata", remoteID: copy.identifier, remoteName: copy.provenance[0].remoteName)]
        copy.licence = Licence(raw: "dl-by-de/2.0", uri: "http://dcat-ap.de/def/licenses/dl-by-de/2.0", spdx: "DL-DE-BY-2.0", status: .open)
        copy.publisher = Agent(uri: "https://www.govdata.de", name: "GovData")
        datasets.append(copy)
        return Catalog(
            uri: "https://opendata.example/catalog", title: "Offene Daten <Region> Aachen & Köln",
            description: "Test catalogue", publisher: Agent(name: "Hackday"), modified: .dateTime("2026-11-21T03:00:00Z"),
            datasets: datasets)
    }

    static func dataset(_ p: [String: Any]) -> Dataset {
        let name = p["name"] as! String
        let uri = base + "koeln/" + name
        let tags = (p["tags"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        let resources = (p["resources"] as? [[String: Any]] ?? []).enumerated().map { i, r in
            let format = (r["format"] as? String) ?? ""
            return Distribution(
                uri: uri + "/distribution/\(i + 1)", title: r["name"] as? String, description: r["description"] as? String,
                accessURL: r["url"] as? String ?? "", rawFormat: format, format: format.isEmpty ? nil : format.uppercased(),
                licence: ccBy, licenceInherited: true)
        }
        return Dataset(
            uri: uri, identifier: p["id"] as! String,
            provenance: [Provenance(sourceID: "koeln", remoteID: p["id"] as! String, remoteName: name, url: p["url"] as? String,
                                    sourceModified: p["metadata_modified"] as? String)],
            title: p["title"] as! String, description: p["notes"] as? String ?? "", keywords: tags,
            themes: Array(Set(tags.compactMap { themeForTag[$0] })).sorted(),
            issued: (p["metadata_created"] as? String).map { .dateTime($0) },
            modified: (p["metadata_modified"] as? String).map { .dateTime($0) },
            landingPage: p["url"] as? String, publisher: stadtKoeln,
            politicalGeocoding: ["http://dcat-ap.de/def/politicalGeocoding/municipalityKey/053150000000"],
            licence: ccBy, distributions: resources)
    }

    /// Writes a snapshot folder: `catalog.model.json` (sorted keys, as the publisher writes it) and small
    /// stand-ins for the published files. With `index` (as a run writes it): the model with its published facts
    /// and `server-index.bin` beside it; without: the model alone, without published facts (an older snapshot).
    static func write(_ catalog: Catalog, to folder: URL, marker: String = "", index: Bool = true) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if index {
            let model = PublishedView.ensure(catalog).modelJSON()
            try Data(model).write(to: folder.appendingPathComponent("catalog.model.json"))
            let file = try #require(ServerIndexFile.bytes(PublishedView.ensure(catalog), model: model))
            try Data(file).write(to: folder.appendingPathComponent(ServerIndexFile.fileName))
        } else {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try encoder.encode(catalog).write(to: folder.appendingPathComponent("catalog.model.json"))
        }
        let files = [
            "catalog.ttl": "@prefix dcat: <http://www.w3.org/ns/dcat#> .\n<\(catalog.uri)> a dcat:Catalog . # \(marker)\n",
            "catalog.rdf": "<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/>\n",
            "catalog.jsonld": "{\"@id\": \"\(catalog.uri)\"}\n",
            "datasets.csv": "uri,title\n" + catalog.datasets.prefix(3).map { "\($0.uri),\($0.title)" }.joined(separator: "\n") + "\n",
            "datasets.geojson": "{\"type\":\"FeatureCollection\",\"features\":[]}\n",
        ]
        for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
    }

    static func temporaryFolder() -> URL {
        let url = TestFolder.path("opendata-server-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
