import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

@testable import CatalogIO

/// The offline demo with the shipped boundaries (catalog/geo/): every dataset whose political geocoding the
/// boundaries know gets that area's outline, in datasets.geojson and on the site alike.
@Suite(.serialized) struct MapsDemoTests {
    static let base = "http://dcat-ap.de/def/politicalGeocoding/"

    @Test func geocodedDatasetsGetTheirAreaInGeoJSONAndOnTheSite() async throws {
        let setup = DemoOutput.setup
        #expect(setup.boundaries.areas(level: .land).count == 16)
        let output = await DemoOutput.run.value
        let datasets = output.catalog.datasets
        // Expected from the model alone: a known area and no geometry or bbox of the source's own.
        let expected = datasets.filter { d in
            d.spatial?.geometryGeoJSON == nil && d.spatial?.bbox == nil
                && PoliticalGeocoding.area(for: d.politicalGeocoding, in: setup.boundaries).match != nil
        }
        #expect(expected.count > 800)
        let berlinOnly = datasets.filter {
            $0.politicalGeocoding == [Self.base + "stateKey/11"] && $0.spatial?.geometryGeoJSON == nil && $0.spatial?.bbox == nil
        }
        #expect(berlinOnly.count > 600)
        #expect(berlinOnly.allSatisfy { $0.facts.area?.key == "11" && $0.facts.geometrySource == .politicalGeocoding })

        let file = try #require(output.files.first { $0.name == "datasets.geojson" })
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(file.bytes)) as? [String: Any])
        #expect(doc["crs"] == nil)
        let features = try #require(doc["features"] as? [[String: Any]])
        let properties = features.compactMap { $0["properties"] as? [String: Any] }
        let derived = properties.filter { $0["geometry_source"] as? String == "political_geocoding" }
        #expect(derived.count == expected.count)
        #expect(Set(derived.compactMap { $0["id"] as? String }) == Set(expected.map(\.identifier)))
        #expect(properties.allSatisfy { $0["geometry_source"] is String })
        // Köln's datasets carry the Gemeinde's key and name.
        #expect(derived.contains { $0["area_ars"] as? String == "053150000000" && $0["area_name"] as? String == "Köln" })
        // Every geometry in the file is valid and right-hand as Core checks it (CI also runs shapely).
        for f in features {
            let g = try JSONSerialization.data(withJSONObject: f["geometry"]!)
            let geometry = try #require(ExportGeometry(geoJSON: String(decoding: g, as: UTF8.self)))
            let id = f["id"] as? String ?? "?"
            guard case .valid(let checked, let repairs) = GeometryCheck.check(geometry) else { Issue.record("invalid: \(id)"); continue }
            #expect(repairs.isEmpty && checked == geometry, "\(id): \(repairs)")
        }

        // The site: the overview map lists the areas; a Berlin dataset page draws Berlin among its neighbours.
        let karte = String(decoding: try #require(output.files.first { $0.name == "karte.html" }).bytes, as: UTF8.self)
        #expect(karte.contains("<a href=\"gebiet/11.html\">Berlin</a>"))
        #expect(output.files.contains { $0.name == "gebiet/053150000000.html" })
        let page = String(decoding: try #require(output.files.first { $0.name == "datensatz/\(berlinOnly[0].facts.slug).html" }).bytes, as: UTF8.self)
        #expect(page.contains("Fläche abgeleitet aus dem politischen Raumbezug: <strong>Berlin</strong>"))
        #expect(page.contains(">Potsdam</text>"))  // a neighbouring Kreis, named
        #expect(page.contains("GeoBasis-DE / BKG"))
    }

    /// The datasets with their own geometry are listed 100 per page (karte.html, then
    /// gebiet/eigene-geometrie.seite-2.html …) and the overview draws at most 1,000 of their shapes.
    @Test func ownGeometriesArePagedOnTheOverviewMap() async throws {
        var catalog = await DemoOutput.run.value.catalog
        for i in 0..<250 where catalog.datasets[i].facts.geometrySource != .source {
            catalog.datasets[i].published?.geometry = PublishedShape(geoJSON: #"{"type":"Point","coordinates":[6.08,50.77]}"#)
            catalog.datasets[i].published?.geometrySource = .source
            catalog.datasets[i].published?.area = nil
        }
        // As the overview groups them: a geometry that is not an area's outline from the political geocoding.
        let own = catalog.datasets.filter { d in
            d.facts.geometry != nil && !(d.facts.area != nil && d.facts.geometrySource == .politicalGeocoding)
        }
        #expect(own.count > 200)
        var input = SiteInput(catalog: catalog, downloads: ["datasets.geojson"])
        input.boundaries = DemoOutput.setup.boundaries
        var site: [String: String] = [:]
        for file in SiteRenderer.render(input) { site[file.name] = String(decoding: file.bytes, as: UTF8.self) }
        let karte = try #require(site["karte.html"])
        let pages = (own.count + 99) / 100
        #expect(karte.contains("Datensätze 1–100 von \(own.count)"))
        #expect(karte.contains("<a href=\"gebiet/eigene-geometrie.seite-2.html\" rel=\"next\">"))
        var listed = 0
        for page in 1...pages {
            let html = try #require(site[page == 1 ? "karte.html" : "gebiet/eigene-geometrie.seite-\(page).html"], "page \(page)")
            let section = page == 1 ? String(html[html.range(of: "<h2 id=\"eigene\">")!.lowerBound...]) : html
            listed += section.components(separatedBy: "<li data-thema=").count - 1
        }
        #expect(listed == own.count)
        #expect(site["gebiet/eigene-geometrie.seite-\(pages + 1).html"] == nil)
        #expect(site["gebiet/eigene-geometrie.seite-2.html"]?.contains("<a href=\"../karte.html#eigene\" rel=\"prev\">") == true)
    }

    /// Leaflet is copied only from an installed libjs-leaflet (never from git): its script, stylesheet and images.
    @Test func leafletIsCopiedFromTheDebianPackageWhenInstalled() throws {
        let dir = TestFolder.path("leaflet-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(LeafletAssets.files(directory: dir).isEmpty)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("images"), withIntermediateDirectories: true)
        try Data("var L = {};".utf8).write(to: dir.appendingPathComponent("leaflet.js"))
        try Data(".leaflet-container{}".utf8).write(to: dir.appendingPathComponent("leaflet.css"))
        try Data([0x89, 0x50]).write(to: dir.appendingPathComponent("images/marker-icon.png"))
        try Data("x".utf8).write(to: dir.appendingPathComponent("images/README"))
        let files = LeafletAssets.files(directory: dir)
        #expect(files.map(\.name) == ["assets/leaflet/leaflet.js", "assets/leaflet/leaflet.css", "assets/leaflet/images/marker-icon.png"])
        #expect(files[0].bytes == Array("var L = {};".utf8))
    }
}
