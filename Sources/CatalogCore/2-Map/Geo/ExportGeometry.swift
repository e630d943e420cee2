import Foundation

/// A validated WGS84 geometry (lon/lat, 2D) read from a GeoJSON geometry object or a bounding box, with
/// GeoJSON (RFC 7946) and WKT writers. Anything malformed (unknown type, non-numeric or out-of-range
/// coordinates, too few positions) makes `init?(geoJSON:)` fail; altitudes are dropped; open rings are closed.
package indirect enum ExportGeometry: Sendable, Hashable {
    typealias Position = [Double]  // [lon, lat]

    case point([Double])
    case multiPoint([[Double]])
    case lineString([[Double]])
    case multiLineString([[[Double]]])
    case polygon([[[Double]]])
    case multiPolygon([[[[Double]]]])
    case collection([ExportGeometry])

    /// Parses a GeoJSON geometry object (type names are matched case-insensitively).
    package init?(geoJSON text: String) {
        guard let json = JSONValue.parse(Data(text.utf8)) else { return nil }
        self.init(json: json, depth: 0)
    }

    /// A GeoJSON geometry object already parsed (the boundaries, read whole from their files).
    package init?(geoJSON value: JSONValue) {
        self.init(json: value, depth: 0)
    }

    private init?(json: JSONValue, depth: Int) {
        guard depth < 4, case .string(let name)? = json["type"] else { return nil }
        let type = name.lowercased()
        if type == "geometrycollection" {
            guard let items = json["geometries"]?.array, !items.isEmpty else { return nil }
            var geoms: [ExportGeometry] = []
            for item in items {
                guard let g = ExportGeometry(json: item, depth: depth + 1) else { return nil }
                geoms.append(g)
            }
            self = .collection(geoms)
            return
        }
        guard let c = json["coordinates"] else { return nil }
        switch type {
        case "point":
            guard let p = Self.position(c) else { return nil }
            self = .point(p)
        case "multipoint":
            guard let ps = Self.positions(c, min: 1) else { return nil }
            self = .multiPoint(ps)
        case "linestring":
            guard let ps = Self.positions(c, min: 2) else { return nil }
            self = .lineString(ps)
        case "multilinestring":
            guard let ls = c.array, !ls.isEmpty else { return nil }
            let lines = ls.compactMap { Self.positions($0, min: 2) }
            guard lines.count == ls.count else { return nil }
            self = .multiLineString(lines)
        case "polygon":
            guard let rings = Self.rings(c) else { return nil }
            self = .polygon(rings)
        case "multipolygon":
            guard let ps = c.array, !ps.isEmpty else { return nil }
            let polys = ps.compactMap { Self.rings($0) }
            guard polys.count == ps.count else { return nil }
            self = .multiPolygon(polys)
        default:
            return nil
        }
    }

    /// The bounding box as a counter-clockwise polygon (RFC 7946 exterior ring orientation).
    package init?(bbox b: BoundingBox) {
        let values = [b.west, b.south, b.east, b.north]
        guard values.allSatisfy(\.isFinite), b.west >= -180, b.east <= 180, b.south >= -90, b.north <= 90,
            b.south < b.north, b.west != b.east
        else { return nil }
        self = .polygon([[[b.west, b.south], [b.east, b.south], [b.east, b.north], [b.west, b.north], [b.west, b.south]]])
    }

    private static func position(_ j: JSONValue) -> [Double]? {
        guard let a = j.array, a.count >= 2, case .number(let x) = a[0], case .number(let y) = a[1],
            x.isFinite, y.isFinite, x >= -180, x <= 180, y >= -90, y <= 90
        else { return nil }
        return [x, y]
    }

    private static func positions(_ j: JSONValue, min: Int) -> [[Double]]? {
        guard let a = j.array, a.count >= min else { return nil }
        let ps = a.compactMap(position)
        return ps.count == a.count ? ps : nil
    }

    private static func rings(_ j: JSONValue) -> [[[Double]]]? {
        guard let a = j.array, !a.isEmpty else { return nil }
        var out: [[[Double]]] = []
        for r in a {
            guard var ring = positions(r, min: 3) else { return nil }
            if ring.first != ring.last { ring.append(ring[0]) }
            guard ring.count >= 4 else { return nil }
            out.append(ring)
        }
        return out
    }

    // MARK: writers

    package var typeName: String {
        switch self {
        case .point: "Point"
        case .multiPoint: "MultiPoint"
        case .lineString: "LineString"
        case .multiLineString: "MultiLineString"
        case .polygon: "Polygon"
        case .multiPolygon: "MultiPolygon"
        case .collection: "GeometryCollection"
        }
    }

    package var json: ExportJSON {
        func pos(_ p: [Double]) -> ExportJSON { .array(p.map(ExportJSON.double)) }
        func line(_ l: [[Double]]) -> ExportJSON { .array(l.map(pos)) }
        func poly(_ p: [[[Double]]]) -> ExportJSON { .array(p.map(line)) }
        let coords: ExportJSON
        switch self {
        case .point(let p): coords = pos(p)
        case .multiPoint(let l), .lineString(let l): coords = line(l)
        case .multiLineString(let p), .polygon(let p): coords = poly(p)
        case .multiPolygon(let m): coords = .array(m.map(poly))
        case .collection(let gs): return .object([("type", .string(typeName)), ("geometries", .array(gs.map(\.json)))])
        }
        return .object([("type", .string(typeName)), ("coordinates", coords)])
    }

    /// Compact GeoJSON text (no whitespace), the form used in RDF literals.
    package var compactGeoJSON: String {
        var out = ""
        Self.compact(json, into: &out)
        return out
    }

    static func compact(_ j: ExportJSON, into out: inout String) {
        switch j {
        case .string(let s): ExportJSON.quote(s, into: &out)
        case .number(let n): out.append(n)
        case .bool(let b): out.append(b ? "true" : "false")
        case .null: out.append("null")
        case .array(let a):
            out.append("[")
            for (i, x) in a.enumerated() {
                if i > 0 { out.append(",") }
                compact(x, into: &out)
            }
            out.append("]")
        case .object(let m):
            out.append("{")
            for (i, (k, v)) in m.enumerated() {
                if i > 0 { out.append(",") }
                ExportJSON.quote(k, into: &out)
                out.append(":")
                compact(v, into: &out)
            }
            out.append("}")
        }
    }

    /// OGC WKT (CRS84 axis order lon lat, the `geo:wktLiteral` default).
    package var wkt: String {
        func pos(_ p: [Double]) -> String { p.map(ExportNumber.format).joined(separator: " ") }
        func line(_ l: [[Double]]) -> String { "(" + l.map(pos).joined(separator: ", ") + ")" }
        func poly(_ p: [[[Double]]]) -> String { "(" + p.map(line).joined(separator: ", ") + ")" }
        switch self {
        case .point(let p): return "POINT (\(pos(p)))"
        case .multiPoint(let l): return "MULTIPOINT (" + l.map { "(" + pos($0) + ")" }.joined(separator: ", ") + ")"
        case .lineString(let l): return "LINESTRING " + line(l)
        case .multiLineString(let m): return "MULTILINESTRING " + poly(m)
        case .polygon(let p): return "POLYGON " + poly(p)
        case .multiPolygon(let m): return "MULTIPOLYGON (" + m.map(poly).joined(separator: ", ") + ")"
        case .collection(let gs): return "GEOMETRYCOLLECTION (" + gs.map(\.wkt).joined(separator: ", ") + ")"
        }
    }
}
