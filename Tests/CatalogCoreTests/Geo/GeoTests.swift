import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

/// Political geocoding → official area, geometry validity and winding, and the published geometry.
struct GeoTests {
    static func square(_ w: Double, _ s: Double, _ e: Double, _ n: Double) -> ExportGeometry {
        .polygon([[[w, s], [e, s], [e, n], [w, n], [w, s]]])
    }

    /// A hand-made set of areas with the real keys (the shapes are rectangles).
    static let boundaries = Boundaries(areas: [
        BoundaryArea(key: "11", name: "Berlin", kind: "Land", level: .land, geometry: square(13.1, 52.3, 13.8, 52.7)),
        BoundaryArea(key: "02", name: "Hamburg", kind: "Freie und Hansestadt", level: .land, geometry: square(9.7, 53.4, 10.3, 53.7)),
        BoundaryArea(key: "02000", name: "Hamburg", kind: "Kreisfreie Stadt", level: .kreis, geometry: square(9.7, 53.4, 10.3, 53.7)),
        BoundaryArea(key: "05", name: "Nordrhein-Westfalen", kind: "Land", level: .land, geometry: square(5.8, 50.3, 9.5, 52.6)),
        BoundaryArea(key: "05315", name: "Köln", kind: "Kreisfreie Stadt", level: .kreis, geometry: square(6.7, 50.8, 7.2, 51.1)),
        BoundaryArea(key: "053150000000", name: "Köln", kind: "Stadt", level: .gemeinde, ags: "05315000", geometry: square(6.7, 50.8, 7.2, 51.1)),
        BoundaryArea(key: "05334", name: "Städteregion Aachen", kind: "Kreis", level: .kreis, geometry: square(5.9, 50.5, 6.4, 50.9)),
    ])

    static let base = "http://dcat-ap.de/def/politicalGeocoding/"

    @Test func geocodingIRIsParseToKindAndKey() {
        #expect(PoliticalGeocoding.key(Self.base + "stateKey/11") == .init(kind: .stateKey, digits: "11"))
        #expect(PoliticalGeocoding.key("https://www.dcat-ap.de/def/politicalGeocoding/regionalKey/053150000000/")?.digits == "053150000000")
        #expect(PoliticalGeocoding.key(Self.base + "municipalityKey/05334002")?.kind == .municipalityKey)
        #expect(PoliticalGeocoding.key(Self.base + "stateKey/1") == nil)  // wrong length
        #expect(PoliticalGeocoding.key(Self.base + "regionalKey/05315000000x") == nil)
        #expect(PoliticalGeocoding.key(Self.base + "Level/state") == nil)
        #expect(PoliticalGeocoding.key("http://example.org/stateKey/11") == nil)
    }

    @Test func geocodingsFindTheirAreaOrTheSmallestKnownAreaContainingThem() {
        func match(_ path: String) -> (String, Bool)? {
            PoliticalGeocoding.match(Self.base + path, in: Self.boundaries).map { ($0.area.key, $0.exact) }
        }
        #expect(match("stateKey/11")! == ("11", true))
        // A Berlin Bezirk: not in the boundaries, so Berlin, marked as not exact.
        #expect(match("regionalKey/110010001011")! == ("11", false))
        #expect(match("regionalKey/053150000000")! == ("053150000000", true))
        #expect(match("municipalityKey/05315000")! == ("053150000000", true))
        #expect(match("districtKey/05315")! == ("05315", true))
        // Aachen (a Gemeinde the hand-made set lacks): its Kreis, not exact.
        #expect(match("regionalKey/053340002002")! == ("05334", false))
        // Hamburg's ARS padded with zeros is the Kreis (and Land) itself.
        #expect(match("regionalKey/020000000000")! == ("02000", true))
        #expect(match("stateKey/09") == nil)
        #expect(match("Level/state") == nil)
        // Several geocodings: the most specific when the others contain it; the common Land otherwise.
        let hh = PoliticalGeocoding.area(for: [Self.base + "regionalKey/020000000000", Self.base + "stateKey/02"], in: Self.boundaries)
        #expect(hh.match?.area.key == "02000" && hh.unmatched.isEmpty)
        let nrw = PoliticalGeocoding.area(for: [Self.base + "districtKey/05315", Self.base + "districtKey/05334"], in: Self.boundaries)
        #expect(nrw.match?.area.key == "05" && nrw.match?.exact == false)
        let none = PoliticalGeocoding.area(for: [Self.base + "stateKey/09"], in: Self.boundaries)
        #expect(none.match == nil && none.unmatched == [Self.base + "stateKey/09"])
    }

    @Test func geometryCheckRepairsWindingAndDuplicatesAndRejectsSelfIntersections() {
        // Clockwise exterior: re-oriented.
        let cw = ExportGeometry.polygon([[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]])
        guard case .valid(.polygon(let r), let repairs) = GeometryCheck.check(cw) else { Issue.record("not valid"); return }
        #expect(GeometryCheck.signedArea(r[0]) > 0)
        #expect(repairs == [.reoriented])
        #expect(repairs.map(\.english) == ["rings oriented by the right-hand rule (RFC 7946)"])
        #expect(repairs.map(\.german) == ["Ringe nach der Rechte-Hand-Regel (RFC 7946) ausgerichtet"])
        // The demo's GovData record: a hole equal to the exterior ring (shapely: Self-intersection).
        let ring: [[Double]] = [[5.565274, 47.141214], [15.571372, 47.141214], [15.571372, 55.058927], [5.565274, 55.058927], [5.565274, 47.141214]]
        guard case .valid(.polygon(let one), _) = GeometryCheck.check(.polygon([ring, ring])) else { Issue.record("not repaired"); return }
        #expect(one == [ring])
        // A MultiPolygon of the same clockwise rectangle twice: one counter-clockwise Polygon.
        let twice: [[Double]] = [[10.326304, 53.394985], [10.326304, 53.964153], [8.420551, 53.964153], [8.420551, 53.394985], [10.326304, 53.394985]]
        guard case .valid(.polygon(let p), _) = GeometryCheck.check(.multiPolygon([[twice], [twice]])) else { Issue.record("not repaired"); return }
        #expect(p.count == 1 && GeometryCheck.signedArea(p[0]) > 0)
        // A hole keeps clockwise winding.
        let holed = ExportGeometry.polygon([[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[1, 1], [2, 1], [2, 2], [1, 2], [1, 1]]])
        guard case .valid(.polygon(let h), _) = GeometryCheck.check(holed) else { Issue.record("not valid"); return }
        #expect(GeometryCheck.signedArea(h[1]) < 0)
        // Not repairable: a bow tie, a hole outside its polygon, overlapping polygons, a ring without area.
        let invalid: [ExportGeometry] = [
            .polygon([[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]),
            .polygon([[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]], [[2, 2], [3, 2], [3, 3], [2, 3], [2, 2]]]),
            .multiPolygon([[[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]], [[[1, 1], [3, 1], [3, 3], [1, 3], [1, 1]]]]),
            .polygon([[[0, 0], [1, 1], [2, 2], [0, 0]]]),
        ]
        var problems: [GeometryCheck.Problem] = []
        for g in invalid {
            guard case .invalid(let problem) = GeometryCheck.check(g) else { Issue.record("accepted \(g.wkt)"); continue }
            problems.append(problem)
        }
        // The bow tie's halves cancel out (no area); the overlapping squares' edges cross.
        #expect(problems == [.ringWithoutArea, .holeOutsidePolygon, .ringsCross, .ringWithoutArea])
        #expect(problems.map(\.english) == ["ring without area", "hole outside its polygon", "rings cross each other", "ring without area"])
        #expect(problems.map(\.german) == ["Ring ohne Fläche", "Loch außerhalb des Polygons", "Ringe überschneiden sich", "Ring ohne Fläche"])
    }

    /// The shipped boundaries (catalog/geo/): complete, valid, counter-clockwise exteriors and clockwise holes.
    @Test func shippedBoundariesLoadWithRightHandWinding() throws {
        var areas: [BoundaryArea] = []
        for name in ["laender.geojson", "kreise.geojson", "gemeinden-nrw.geojson"] {
            let parsed = Boundaries.parse(featureCollection: try String(contentsOf: Fixtures.catalog("geo/" + name), encoding: .utf8))
            #expect(parsed.problems.isEmpty, "\(name): \(parsed.problems.prefix(3))")
            areas += parsed.areas
        }
        let b = Boundaries(areas: areas)
        #expect(b.areas(level: .land).count == 16)
        #expect(b.areas(level: .kreis).count == 401)
        #expect(b.areas(level: .gemeinde).count == 396)
        #expect(b.area(key: "11")?.name == "Berlin")
        #expect(b.area(key: "053340002002")?.name == "Aachen")
        #expect(b.area(ags: "05315000")?.name == "Köln")
        for a in areas {
            let polygons: [[[[Double]]]]
            switch a.geometry {
            case .polygon(let p): polygons = [p]
            case .multiPolygon(let m): polygons = m
            default: Issue.record("\(a.key) is not areal"); continue
            }
            for p in polygons {
                #expect(GeometryCheck.signedArea(p[0]) > 0, "\(a.key) exterior not counter-clockwise")
                for hole in p.dropFirst() { #expect(GeometryCheck.signedArea(hole) < 0, "\(a.key) hole not clockwise") }
            }
            // As parsed, nothing needed repair: the files are already valid and right-hand.
            guard case .valid(let g, let repairs) = GeometryCheck.check(a.geometry) else { Issue.record("\(a.key) invalid"); continue }
            #expect(repairs.isEmpty && g == a.geometry, "\(a.key): \(repairs)")
        }
    }

    @Test func publishedGeometryComesFromTheSourceElseTheGeocodingsArea() {
        let berlin = Dataset(uri: "https://example.org/d/1", identifier: "1", provenance: [Provenance(sourceID: "s", remoteID: "1")], title: "Berlin-Daten", description: "",
                             politicalGeocoding: [Self.base + "stateKey/11"])
        var own = Dataset(uri: "https://example.org/d/2", identifier: "2", provenance: [Provenance(sourceID: "s", remoteID: "2")], title: "Punkt", description: "",
                          politicalGeocoding: [Self.base + "stateKey/11"])
        own.spatial = Location(geometryGeoJSON: #"{"type":"Point","coordinates":[13.4,52.5]}"#)
        var broken = Dataset(uri: "https://example.org/d/3", identifier: "3", provenance: [Provenance(sourceID: "s", remoteID: "3")], title: "Schleife", description: "")
        broken.spatial = Location(geometryGeoJSON: #"{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}"#)
        let unknown = Dataset(uri: "https://example.org/d/4", identifier: "4", provenance: [Provenance(sourceID: "s", remoteID: "4")], title: "Bayern", description: "",
                              politicalGeocoding: [Self.base + "stateKey/09"])
        var catalog = Catalog(uri: "https://example.org/catalog", title: "T", description: "", publisher: Agent(name: "P"),
                              datasets: [berlin, own, broken, unknown])
        let findings = PublishedView.apply(&catalog, audit: LicenceAudit(datasets: catalog.datasets, registry: nil), boundaries: Self.boundaries)
        let f = catalog.datasets.map(\.facts)
        #expect(f[0].geometrySource == .politicalGeocoding)
        #expect(f[0].area?.key == "11" && f[0].area?.name == "Berlin" && f[0].area?.exact == true)
        #expect(f[0].geometry?.geoJSON == Self.boundaries.area(key: "11")!.geometry.compactGeoJSON)
        #expect(f[0].geometry?.wkt == Self.boundaries.area(key: "11")!.geometry.wkt)
        #expect(f[1].geometrySource == .source && f[1].area == nil)
        #expect(f[2].geometrySource == .sourceBBox)
        #expect(f[2].geometry?.geoJSON == ExportGeometry(bbox: BoundingBox(west: 0, south: 0, east: 1, north: 1))!.compactGeoJSON)
        #expect(f[3].geometry == nil)
        #expect(findings.map(\.code).sorted() == ["geocoding.unknown-area", "geometry.invalid"])
        #expect(findings.allSatisfy { $0.source == "s" })
        // Without boundaries nothing is derived.
        var plain = Catalog(uri: "https://example.org/catalog", title: "T", description: "", publisher: Agent(name: "P"), datasets: [berlin])
        PublishedView.apply(&plain, audit: LicenceAudit(datasets: plain.datasets, registry: nil))
        #expect(plain.datasets[0].facts.geometry == nil)
    }

    /// Datasets whose geometry is the same area's outline share one shape (the outline's text is held once),
    /// and every dataset with its own geometry has its own; the shape's forms are its geometry's.
    @Test func datasetsOfOneAreaShareTheirPublishedShape() throws {
        let datasets = (1...300).map { i in
            var d = Dataset(uri: "https://example.org/d/\(i)", identifier: "\(i)", provenance: [Provenance(sourceID: "s", remoteID: "\(i)")],
                            title: "D\(i)", description: "", politicalGeocoding: [Self.base + (i % 3 == 0 ? "stateKey/05" : "stateKey/11")])
            if i % 10 == 0 { d.spatial = Location(geometryGeoJSON: #"{"type":"Point","coordinates":[13.4,52.5]}"#) }
            return d
        }
        var catalog = Catalog(uri: "https://example.org/catalog", title: "T", description: "", publisher: Agent(name: "P"), datasets: datasets)
        PublishedView.apply(&catalog, audit: LicenceAudit(datasets: catalog.datasets, registry: nil), boundaries: Self.boundaries)
        let byArea = Dictionary(grouping: catalog.datasets.filter { $0.facts.geometrySource == .politicalGeocoding }, by: { $0.facts.area!.key })
        #expect(Set(byArea.keys) == ["05", "11"])
        for (key, members) in byArea {
            let shape = try #require(members[0].facts.geometry)
            #expect(members.allSatisfy { $0.facts.geometry === shape }, "area \(key)")
            #expect(shape.geoJSON == Self.boundaries.area(key: key)!.geometry.compactGeoJSON)
        }
        let own = catalog.datasets.compactMap { $0.facts.geometrySource == .source ? $0.facts.geometry : nil }
        #expect(own.count == 30 && Set(own.map(ObjectIdentifier.init)).count == 30)
        #expect(own.allSatisfy { $0.geoJSON == #"{"type":"Point","coordinates":[13.4,52.5]}"# && $0.wkt == "POINT (13.4 52.5)" })
    }
}
