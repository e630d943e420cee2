import Foundation

/// Normalises GeoJSON geometries from CKAN `spatial` extras and computes their bounding box.
///
/// GovData records spell types in non-standard casing (`multiPolygon` in
/// ckan/govdata/govdata-package_show-hamburg-stadtgruen-2020.json, `polygon` in govdata-package_show-lgb-rlp.json).
package enum GeoJSONGeometry {
    private static let types = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"]

    /// The result: normalised compact GeoJSON, its bbox, and whether the type spelling was repaired.
    package struct Normalised: Sendable, Hashable {
        package var json: String
        package var bbox: BoundingBox?
        package var typeRepaired: Bool
    }

    /// Parses a geometry (object or JSON string); nil when it is not a usable geometry.
    package static func normalise(_ value: JSONValue) -> Normalised? {
        guard case .object(var o) = value.unwrappingJSONString, let rawType = o["type"]?.text else { return nil }
        guard let type = types.first(where: { $0.lowercased() == rawType.lowercased() }) else { return nil }
        o["type"] = .string(type)
        var points: [(Double, Double)] = []
        if type == "GeometryCollection" {
            guard let geoms = o["geometries"]?.array else { return nil }
            var normalised: [JSONValue] = []
            for g in geoms {
                guard let n = normalise(g), let v = JSONValue.parse(Data(n.json.utf8)) else { return nil }
                normalised.append(v)
                if let b = n.bbox { points += [(b.west, b.south), (b.east, b.north)] }
            }
            o["geometries"] = .array(normalised)
        } else {
            guard let coords = o["coordinates"] else { return nil }
            collect(coords, into: &points)
            guard !points.isEmpty else { return nil }
        }
        // Only WGS84 lon/lat make a bbox.
        let valid = points.allSatisfy { (-180...180).contains($0.0) && (-90...90).contains($0.1) }
        let bbox = valid && !points.isEmpty
            ? BoundingBox(west: points.map(\.0).min()!, south: points.map(\.1).min()!, east: points.map(\.0).max()!, north: points.map(\.1).max()!)
            : nil
        let kept = JSONObject(pairs: o.filter { ["type", "coordinates", "geometries"].contains($0.key) }.map { ($0.key, $0.value) })
        return Normalised(json: JSONValue.object(kept).compactJSON, bbox: bbox, typeRepaired: type != rawType)
    }

    private static func collect(_ v: JSONValue, into points: inout [(Double, Double)]) {
        guard let a = v.array else { return }
        if a.count >= 2, case .number(let x) = a[0], case .number(let y) = a[1] {
            points.append((x, y))
        } else {
            for e in a { collect(e, into: &points) }
        }
    }
}
