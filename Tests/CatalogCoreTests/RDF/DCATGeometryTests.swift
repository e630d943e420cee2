@testable import CatalogCore
import Testing

/// Geometry literals of DCAT sources (GeoJSON and WKT) read into compact GeoJSON and a bounding box with the
/// project's JSON parser: numbers keep their exact value (JSONSerialization read 5.5652739999999996 as
/// 5.5652740000000005 and the catalogue published that noise in its dcat:bbox).
@Suite struct DCATGeometryTests {
    @Test func geoJSONNumbersAreReadExactlyAndTheTypeIsCanonical() throws {
        // From the ckanext-dcatde example in catalog/demo: Python's repr of 5.565274 and 47.141214.
        let p = try #require(DCATGeometry.parse(#" {"type": "point", "coordinates": [5.5652739999999996, 47.141213999999998], "crs": "x"} "#))
        #expect(p.geoJSON == #"{"coordinates":[5.565274,47.141214],"type":"Point"}"#)
        #expect(p.bbox == BoundingBox(west: 5.565274, south: 47.141214, east: 5.565274, north: 47.141214))
        #expect(DCATGeometry.parse(#"{"type":"Circle","coordinates":[1,2]}"#) == nil)
        #expect(DCATGeometry.parse(#"{"type":"Point","coordinates":[]}"#) == nil)
        #expect(DCATGeometry.parse(#"{"type":"Point","coordinates":[1,2]"#) == nil)  // cut short
    }

    @Test func wktReadsEveryTypeWithAndWithoutCRS() throws {
        let polygon = try #require(DCATGeometry.parse("<http://www.opengis.net/def/crs/OGC/1.3/CRS84> POLYGON ((6 50, 7 50, 7 51, 6 51, 6 50))"))
        #expect(polygon.geoJSON == #"{"coordinates":[[[6,50],[7,50],[7,51],[6,51],[6,50]]],"type":"Polygon"}"#)
        #expect(polygon.bbox == BoundingBox(west: 6, south: 50, east: 7, north: 51))
        #expect(DCATGeometry.parse("SRID=4326;POINT Z (6.1 50.7 3)")?.geoJSON == #"{"coordinates":[6.1,50.7],"type":"Point"}"#)
        // MULTIPOINT with and without inner parentheses: the same geometry.
        let inner = DCATGeometry.parse("MULTIPOINT ((6 50), (7 51))")?.geoJSON
        #expect(inner == #"{"coordinates":[[6,50],[7,51]],"type":"MultiPoint"}"#)
        #expect(DCATGeometry.parse("MULTIPOINT (6 50, 7 51)")?.geoJSON == inner)
        #expect(DCATGeometry.parse("MULTIPOLYGON (((6 50, 7 50, 7 51, 6 50)), ((8 52, 9 52, 9 53, 8 52)))")?.bbox
            == BoundingBox(west: 6, south: 50, east: 9, north: 53))
        #expect(DCATGeometry.parse("CIRCLE (1 2)") == nil)
        #expect(DCATGeometry.parse("POLYGON ((6 50, 7 50") == nil)
    }
}
