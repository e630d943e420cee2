import Synchronization

// The published geometry of a dataset (one derivation for datasets.geojson, the site, the CKAN API and the
// CSVs): the source's own geometry (checked, repaired where that keeps its meaning), else the source's bounding
// box, else the outline of the area its political geocoding names (official boundaries, catalog/geo/).

/// Where a dataset's published geometry comes from.
package enum GeometrySource: String, Sendable, Hashable, Codable {
    /// The source's own GeoJSON geometry (valid, possibly repaired).
    case source
    /// A rectangle: the source's bounding box, or that of a source geometry that is not valid.
    case sourceBBox = "source_bbox"
    /// The official outline of the area named by `dcatde:politicalGeocodingURI`.
    case politicalGeocoding = "political_geocoding"
}

/// The area of the political geocoding a geometry was derived from.
package struct PublishedArea: Sendable, Hashable, Codable {
    /// The geocoding IRI the area was found for.
    package var geocoding: String
    /// ARS of the area (2, 5 or 12 digits).
    package var key: String
    package var name: String
    /// The BKG's kind ("Kreisfreie Stadt" …).
    package var kind: String
    package var level: BoundaryArea.Level
    /// False when the geocoding names a smaller area the boundaries do not have (a Berlin Bezirk) or several
    /// areas, and this is the smallest known area containing it.
    package var exact: Bool

    package init(geocoding: String, key: String, name: String, kind: String, level: BoundaryArea.Level, exact: Bool) {
        self.geocoding = geocoding
        self.key = key
        self.name = name
        self.kind = kind
        self.level = level
        self.exact = exact
    }
}

/// A published geometry in the text forms the outputs write, derived once: compact RFC 7946 GeoJSON
/// (datasets.geojson, the CKAN API's `spatial`, `gsp:asGeoJSON`, the site) and WKT (`gsp:asWKT`). Immutable
/// and shared: every dataset whose geometry is the outline of the same area holds the same instance, so a
/// catalogue of a city's datasets keeps the city's outline once, not once per dataset. Encoded as its GeoJSON.
package final class PublishedShape: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Compact GeoJSON (no whitespace).
    package let geoJSON: String
    /// OGC WKT (CRS84 axis order lon lat).
    package let wkt: String

    package init(_ geometry: ExportGeometry) {
        geoJSON = geometry.compactGeoJSON
        wkt = geometry.wkt
    }

    /// The shape of a GeoJSON geometry text (a catalog.model.json's `geometry`); nil when it is not one.
    package convenience init?(geoJSON text: String) {
        guard let g = ExportGeometry(geoJSON: text) else { return nil }
        self.init(g)
    }

    /// The shapes of one read of catalog.model.json (`read(geoJSON:shapes:)`): made by the reader, shared by its
    /// threads, let go with the catalogue it read.
    package final class ReadCache: Sendable {
        /// At most this many shapes are kept (the official outlines, simplified: NRW Gemeinden 0.2–1 KB, Kreise
        /// 0.3–8 KB, Länder 1–20 KB); past it, a text read gets a shape of its own, as correct, only slower.
        fileprivate let shapes = MemoCache<String, PublishedShape?>(limit: 1024)
        package init() {}
    }

    /// The shape of a geometry text read back from catalog.model.json, one per distinct large text in one read.
    /// Datasets whose geometry is an area's official outline share one shape in the run (`AreaCache`) but each
    /// carries its copy in the model; parsing and rendering every copy again took about half of reading a 100 k
    /// model. Small texts (a bounding box as a polygon, about 100 bytes) are cheaper to parse than to keep.
    package static func read(geoJSON text: String, shapes: ReadCache) -> PublishedShape? {
        guard text.utf8.count >= sharedReadMinimumBytes else { return PublishedShape(geoJSON: text) }
        return shapes.shapes.value(for: text) { PublishedShape(geoJSON: $0) }
    }

    /// Geometry texts from this size on are shared when read (`read(geoJSON:shapes:)`).
    package static let sharedReadMinimumBytes = 256

    /// The geometry itself (for drawing maps), parsed again from its GeoJSON.
    package var geometry: ExportGeometry? { ExportGeometry(geoJSON: geoJSON) }

    package var description: String { geoJSON }

    package static func == (a: PublishedShape, b: PublishedShape) -> Bool { a === b || a.geoJSON == b.geoJSON }
    package func hash(into h: inout Hasher) { h.combine(geoJSON) }

    package convenience init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let g = ExportGeometry(geoJSON: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a GeoJSON geometry"))
        }
        self.init(g)
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(geoJSON)
    }

    /// One shape per area, made when a dataset first needs it; shared by the parallel derivation.
    final class AreaCache: Sendable {
        private let shapes = Mutex<[String: PublishedShape]>([:])

        func shape(_ area: BoundaryArea) -> PublishedShape {
            shapes.withLock { s in
                if let known = s[area.key] { return known }
                let made = PublishedShape(area.geometry)
                s[area.key] = made
                return made
            }
        }
    }
}

enum PublishedGeometry {
    struct Derived {
        var geometry: ExportGeometry?
        /// The area's shared shape when `geometry` is its outline.
        var areaShape: PublishedShape?
        var source: GeometrySource?
        var area: PublishedArea?
        var findings: [Finding] = []
    }

    static func derive(_ d: Dataset, boundaries: Boundaries, areaShapes: PublishedShape.AreaCache) -> Derived {
        var out = Derived()
        func finding(_ severity: Finding.Severity, field: String = "spatial", _ template: FindingTemplate, _ arguments: [String]) {
            out.findings.append(Finding(severity, source: d.sourceID, record: d.provenance.first?.remoteID ?? d.identifier,
                                        field: field, template, arguments))
        }
        var fallbackBBox = d.spatial?.bbox
        if let text = d.spatial?.geometryGeoJSON, !text.isEmpty, let g = ExportGeometry(geoJSON: text) {
            switch GeometryCheck.check(g) {
            case .valid(let fixed, let repairs):
                if !repairs.isEmpty {
                    finding(.note, .geometryRepaired,
                            [repairs.map(\.english).joined(separator: "; "), repairs.map(\.german).joined(separator: "; ")])
                }
                out.geometry = fixed
                out.source = .source
                return out
            case .invalid(let problem):
                fallbackBBox = fallbackBBox ?? g.bounds
                let hasBox = fallbackBBox.flatMap(ExportGeometry.init(bbox:)) != nil
                finding(.warning, hasBox ? .geometryInvalidBoxed : .geometryInvalid, [problem.english, problem.german])
            }
        }
        if let b = fallbackBBox, let g = ExportGeometry(bbox: b) {
            out.geometry = g
            out.source = .sourceBBox
            return out
        }
        guard !d.politicalGeocoding.isEmpty, !boundaries.isEmpty else { return out }
        let (match, unmatched) = PoliticalGeocoding.area(for: d.politicalGeocoding, in: boundaries)
        if let m = match {
            out.geometry = m.area.geometry
            out.areaShape = areaShapes.shape(m.area)
            out.source = .politicalGeocoding
            out.area = PublishedArea(geocoding: m.iri, key: m.area.key, name: m.area.name, kind: m.area.kind, level: m.area.level, exact: m.exact)
        } else if unmatched.isEmpty {
            finding(.note, field: "politicalGeocoding", .geocodingNoCommonArea, [])
        }
        if !unmatched.isEmpty {
            finding(.note, field: "politicalGeocoding", .geocodingUnknownArea, [unmatched.joined(separator: ", ")])
        }
        return out
    }
}

extension FindingTemplate {
    /// Arguments: [repairs in English, the same in German] (`GeometryCheck.Repair`)
    static let geometryRepaired = FindingTemplate("geometry.repaired", { "Geometry repaired: \($0[0])." }, de: { "Geometrie repariert: \($0[1])." })
    /// When its bounding box is published instead. Arguments: [problem in English, in German] (`GeometryCheck.Problem`)
    static let geometryInvalidBoxed = FindingTemplate("geometry.invalid", { "Geometry invalid (\($0[0])); published instead: its bounding box." },
                                                      de: { "Geometrie ungültig (\($0[1])); veröffentlicht wird stattdessen ihr Begrenzungsrahmen." })
    /// When there is no bounding box to publish instead. Arguments: [problem in English, in German] (`GeometryCheck.Problem`)
    static let geometryInvalid = FindingTemplate(
        "geometry.invalid", { "Geometry invalid (\($0[0])); published instead: the area of the political geocoding, if known." },
        de: { "Geometrie ungültig (\($0[1])); veröffentlicht wird stattdessen die Fläche des politischen Raumbezugs, falls bekannt." })
    static let geocodingNoCommonArea = FindingTemplate("geocoding.no-common-area", "The political geocodings share no area in the boundary data; no geometry derived.",
                                                       de: "Die politischen Raumbezüge haben keine gemeinsame Fläche in den Grenzdaten; keine Geometrie abgeleitet.")
    /// Arguments: [geocoding IRIs without an area]
    static let geocodingUnknownArea = FindingTemplate("geocoding.unknown-area", { "No area in the boundary data for: \($0[0])." }, de: { "Keine Fläche in den Grenzdaten für: \($0[0])." })
}

// MARK: catalog.model.json

extension PublishedArea {
    func writeJSON(_ w: inout JSONByteWriter) {
        w.beginObject()
        w.key("exact"); w.bool(exact)
        w.member("geocoding", geocoding)
        w.member("key", key)
        w.member("kind", kind)
        w.member("level", level.rawValue)
        w.member("name", name)
        w.endObject()
    }

    static func read(_ p: inout JSONParser) throws(JSONParser.Failure) -> PublishedArea {
        var a = PublishedArea(geocoding: "", key: "", name: "", kind: "", level: .land, exact: false)
        var seen: Set<String> = []
        try p.members { p, key throws(JSONParser.Failure) in
            seen.insert(key)
            switch key {
            case "exact": a.exact = try p.boolean()
            case "geocoding": a.geocoding = try p.text()
            case "key": a.key = try p.text()
            case "kind": a.kind = try p.text()
            case "level": a.level = BoundaryArea.Level(rawValue: try p.text()) ?? .land
            case "name": a.name = try p.text()
            default: try p.skipValue()
            }
        }
        try p.require(["geocoding", "key", "name", "level"], in: seen, of: "published area")
        return a
    }
}
