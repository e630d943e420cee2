import Foundation

// Official administrative boundaries (BKG VG5000/VG250, shipped simplified in catalog/geo/) as a value: IO reads
// the files and hands their text to `Boundaries.parse`; Core looks political geocoding IRIs up in it
// (PoliticalGeocoding.swift) without touching the file system.

/// One administrative area: a Land, a Kreis (or kreisfreie Stadt) or a Gemeinde.
package struct BoundaryArea: Sendable, Hashable {
    package enum Level: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
        case land, kreis, gemeinde

        /// Length of the area's ARS (Amtlicher Regionalschlüssel).
        package var keyLength: Int {
            switch self {
            case .land: 2
            case .kreis: 5
            case .gemeinde: 12
            }
        }

        /// German label for pages.
        package var label: String {
            switch self {
            case .land: "Land"
            case .kreis: "Kreis"
            case .gemeinde: "Gemeinde"
            }
        }

        package static func < (a: Level, b: Level) -> Bool { a.keyLength < b.keyLength }
    }

    /// ARS: 2 digits (Land), 5 (Kreis) or 12 (Gemeinde).
    package var key: String
    package var name: String
    /// The kind as the BKG names it ("Land", "Kreisfreie Stadt", "Stadt", "Gemeinde" …).
    package var kind: String
    package var level: Level
    /// AGS (8 digits) of a Gemeinde.
    package var ags: String?
    /// A valid (Multi)Polygon, counter-clockwise exterior rings.
    package var geometry: ExportGeometry
    package var bbox: BoundingBox

    package init(key: String, name: String, kind: String, level: Level, ags: String? = nil, geometry: ExportGeometry) {
        self.key = key
        self.name = name
        self.kind = kind
        self.level = level
        self.ags = ags
        self.geometry = geometry
        self.bbox = geometry.bounds ?? BoundingBox(west: 0, south: 0, east: 0, north: 0)
    }

    /// "Köln (Kreisfreie Stadt)"; the name alone when the kind says nothing more ("Land" for a Land).
    package var label: String { kind.isEmpty || kind == "Land" ? name : "\(name) (\(kind))" }
}

/// The boundaries a run knows, by ARS (and Gemeinden by AGS); empty when none were loaded.
package struct Boundaries: Sendable {
    package private(set) var areas: [BoundaryArea]
    private var byKey: [String: Int] = [:]
    private var byAGS: [String: Int] = [:]
    /// The attribution every map drawing these outlines carries.
    package var attribution: String

    package static let empty = Boundaries(areas: [], attribution: "")

    package static let defaultAttribution = "© GeoBasis-DE / BKG 2021 (Daten verändert), dl-de/by-2-0"

    package init(areas: [BoundaryArea], attribution: String = Boundaries.defaultAttribution) {
        self.areas = areas.sorted { $0.key < $1.key }
        self.attribution = attribution
        for (i, a) in self.areas.enumerated() {
            byKey[a.key] = i
            if let ags = a.ags { byAGS[ags] = i }
        }
    }

    package var isEmpty: Bool { areas.isEmpty }

    package func area(key: String) -> BoundaryArea? { byKey[key].map { areas[$0] } }
    package func area(ags: String) -> BoundaryArea? { byAGS[ags].map { areas[$0] } }
    package func areas(level: BoundaryArea.Level) -> [BoundaryArea] { areas.filter { $0.level == level } }

    /// The Land an area lies in (itself for a Land).
    package func land(of a: BoundaryArea) -> BoundaryArea? { area(key: String(a.key.prefix(2))) }

    /// Parses a GeoJSON FeatureCollection of areas (properties `ars`, `name`, `bez`, `ebene`, optional `ags`).
    /// Returns the areas and a sentence per feature that could not be used.
    package static func parse(featureCollection text: String) -> (areas: [BoundaryArea], problems: [String]) {
        guard let doc = JSONValue.parse(Data(text.utf8)), case .object(let o) = doc, let features = o["features"]?.array else {
            return ([], ["not a GeoJSON FeatureCollection"])
        }
        var areas: [BoundaryArea] = []
        var problems: [String] = []
        for (i, f) in features.enumerated() {
            guard case .object(let feature) = f, case .object(let props)? = feature["properties"],
                let key = props["ars"]?.text, let name = props["name"]?.text,
                let level = props["ebene"]?.text.flatMap(BoundaryArea.Level.init(rawValue:)),
                key.count == level.keyLength, key.allSatisfy(\.isASCII), key.allSatisfy(\.isNumber)
            else {
                problems.append("feature \(i + 1): missing or malformed ars/name/ebene")
                continue
            }
            guard let g = feature["geometry"], let geometry = ExportGeometry(geoJSON: g),
                case .valid(let checked, _) = GeometryCheck.check(geometry), checked.isAreal
            else {
                problems.append("feature \(i + 1) (\(key) \(name)): geometry is not a valid (Multi)Polygon")
                continue
            }
            areas.append(BoundaryArea(key: key, name: name, kind: props["bez"]?.text ?? "", level: level, ags: props["ags"]?.text, geometry: checked))
        }
        return (areas, problems)
    }
}

extension ExportGeometry {
    /// True for a Polygon or MultiPolygon.
    package var isAreal: Bool {
        switch self {
        case .polygon, .multiPolygon: true
        default: false
        }
    }
}
