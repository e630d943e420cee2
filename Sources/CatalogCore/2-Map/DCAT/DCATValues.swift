import Foundation

/// Namespaces the DCAT mapper reads.
package enum DCATNS {
    package static let dcat = "http://www.w3.org/ns/dcat#"
    package static let dct = "http://purl.org/dc/terms/"
    package static let foaf = "http://xmlns.com/foaf/0.1/"
    package static let vcard = "http://www.w3.org/2006/vcard/ns#"
    package static let locn = "http://www.w3.org/ns/locn#"
    package static let schema = "http://schema.org/"
    package static let adms = "http://www.w3.org/ns/adms#"
    package static let skos = "http://www.w3.org/2004/02/skos/core#"
    package static let rdfs = "http://www.w3.org/2000/01/rdf-schema#"
    package static let owl = "http://www.w3.org/2002/07/owl#"
    package static let prov = "http://www.w3.org/ns/prov#"
    package static let hydra = "http://www.w3.org/ns/hydra/core#"
    package static let spdx = "http://spdx.org/rdf/terms#"
    /// DCAT-AP (`dcatap:availability`, `dcatap:applicableLegislation`), GeoDCAT-AP (`geodcatap:custodian`,
    /// `originator`) and GeoSPARQL: the DCAT-AP.de 3.0 successors of dcatde properties, read as those.
    package static let dcatap = "http://data.europa.eu/r5r/"
    package static let geodcatap = "http://data.europa.eu/930/"
    package static let gsp = "http://www.opengis.net/ont/geosparql#"
    /// The current dcatde namespace; legacy versioned ones (`…/dcatde/1.0.1/`, `…/dcatde/1_0/`, even the mangled
    /// `…/dcatde/1_0politicalGeocodingURI` seen in Brandenburg's catalogue) are folded onto it by `DCATAPdeIRI.canonical` (the mapper reads a normalised graph).
    package static let dcatde = "http://dcat-ap.de/def/dcatde/"

    /// The local name of a dcatde property in any of its spellings (`DCATAPdeIRI.canonical`), else nil.
    package static func dcatdeLocalName(_ predicate: String) -> String? {
        guard let c = DCATAPdeIRI.canonical(predicate), c.hasPrefix(dcatde), c.count > dcatde.count else { return nil }
        return String(c.dropFirst(dcatde.count))
    }
}

/// Outcome of reading one date literal.
package enum DCATDateResult: Sendable, Hashable {
    case valid(DateValue)
    /// Readable after a repair; the texts say what was done (English, German).
    case repaired(DateValue, String, String)
    case invalid
}

/// Reads `xsd:date` / `xsd:dateTime` literals and repairs the common broken shapes seen in real catalogues.
package enum DCATDateParser {
    package static func parse(_ raw: String) -> DCATDateResult {
        let s = raw.trimmedSpace()
        let c = Array(s.unicodeScalars)
        func digits(_ from: Int, _ n: Int) -> Bool {
            from + n <= c.count && c[from..<from + n].allSatisfy { $0.value >= 48 && $0.value <= 57 }
        }
        guard digits(0, 4), c.count >= 10, c[4] == "-", digits(5, 2), c[7] == "-", digits(8, 2) else { return .invalid }
        let date = String(String.UnicodeScalarView(c[0..<10]))
        guard let month = Int(String(String.UnicodeScalarView(c[5..<7]))), (1...12).contains(month),
              let day = Int(String(String.UnicodeScalarView(c[8..<10]))), (1...31).contains(day) else { return .invalid }
        if c.count == 10 { return .valid(.date(date)) }
        var rest = String(String.UnicodeScalarView(c[10...]))
        var repairs: [(en: String, de: String)] = []
        if rest.hasPrefix("T") {
            rest.removeFirst()
        } else if rest.hasPrefix(" ") {
            rest = rest.trimmedBlanks()
            repairs.append(("space instead of 'T'", "Leerzeichen statt „T“"))
        } else if rest == "Z" || rest.hasPrefix("+") || rest.hasPrefix("-") {
            // A date with a zone: keep the date.
            return .valid(.date(date))
        } else {
            return .invalid
        }
        // Zone names written as words ("GMT", "UTC") anywhere in the time part.
        var zone: String? = nil
        for word in ["GMT", "UTC"] where rest.contains(word) {
            rest = rest.replacingOccurrences(of: word, with: "").trimmedBlanks()
            zone = "Z"
            repairs.append(("zone '\(word)' written as a word", "Zeitzone „\(word)“ als Wort geschrieben"))
        }
        let t = Array(rest.unicodeScalars)
        func tdigits(_ from: Int, _ n: Int) -> Bool {
            from + n <= t.count && t[from..<from + n].allSatisfy { $0.value >= 48 && $0.value <= 57 }
        }
        guard tdigits(0, 2), t.count >= 5, t[2] == ":", tdigits(3, 2) else { return .invalid }
        var i = 5
        var time = String(String.UnicodeScalarView(t[0..<5]))
        if i < t.count, t[i] == ":" {
            guard tdigits(i + 1, 2) else { return .invalid }
            time += String(String.UnicodeScalarView(t[i..<i + 3]))
            i += 3
        } else {
            time += ":00"
        }
        if i < t.count, t[i] == "." || t[i] == "," {
            var j = i + 1
            while j < t.count, t[j].value >= 48, t[j].value <= 57 { j += 1 }
            let frac = String(String.UnicodeScalarView(t[(i + 1)..<j]))
            if !frac.isEmpty { time += "." + String(frac.prefix(3)) }
            i = j
        }
        let tail = String(String.UnicodeScalarView(t[i...])).trimmedBlanks()
        if tail == "Z" {
            zone = "Z"
        } else if tail.count == 6, tail.first == "+" || tail.first == "-", Array(tail)[3] == ":" {
            zone = tail
        } else if tail.count == 5, tail.first == "+" || tail.first == "-", tail.dropFirst().allSatisfy(\.isNumber) {
            zone = String(tail.prefix(3)) + ":" + String(tail.suffix(2))
            repairs.append(("zone without ':'", "Zeitzone ohne „:“"))
        } else if !tail.isEmpty {
            return .invalid
        }
        guard let h = Int(time.prefix(2)), h <= 24, let m = Int(time.dropFirst(3).prefix(2)), m < 60 else { return .invalid }
        let value = DateValue.dateTime(date + "T" + time + (zone ?? ""))
        return repairs.isEmpty ? .valid(value) : .repaired(value, repairs.map(\.en).joined(separator: ", "), repairs.map(\.de).joined(separator: ", "))
    }
}

/// Reads WKT and GeoJSON geometry literals into normalised GeoJSON plus a bounding box.
package enum DCATGeometry {
    package struct Parsed: Sendable, Hashable {
        package var geoJSON: String
        package var bbox: BoundingBox?
    }

    package static func parse(_ literal: String) -> Parsed? {
        var s = literal.trimmedSpace()
        if s.hasPrefix("{") { return parseGeoJSON(s) }
        // `<http://www.opengis.net/def/crs/OGC/1.3/CRS84> POLYGON(...)` and `SRID=4326;POINT(...)`.
        if s.hasPrefix("<"), let end = s.firstIndex(of: ">") { s = String(s[s.index(after: end)...]).trimmedBlanks() }
        if s.uppercased().hasPrefix("SRID="), let semi = s.firstIndex(of: ";") { s = String(s[s.index(after: semi)...]) }
        return parseWKT(s)
    }

    /// GeoJSON read with the project's JSON parser (no JSONSerialization on the mapping path, #14 item 3) and
    /// written back as compact JSON with sorted keys (`JSONValue.compactJSON`): only `type` (canonical case)
    /// and `coordinates` are kept.
    private static func parseGeoJSON(_ s: String) -> Parsed? {
        guard case .object(let obj)? = JSONParser.parse(Data(s.utf8)), case .string(let type)? = obj["type"],
              let coords = obj["coordinates"] else { return nil }
        let known = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"]
        guard let canonical = known.first(where: { $0.lowercased() == type.lowercased() }) else { return nil }
        return parsed(type: canonical, coordinates: coords)
    }

    private static func parsed(type: String, coordinates: JSONValue) -> Parsed? {
        var points: [(Double, Double)] = []
        collect(coordinates, &points)
        guard !points.isEmpty else { return nil }
        let geoJSON = JSONValue.object(["type": .string(type), "coordinates": coordinates]).compactJSON
        return Parsed(geoJSON: geoJSON, bbox: bbox(points))
    }

    /// The positions in nested coordinate arrays: an array starting with two numbers is one position.
    private static func collect(_ v: JSONValue, _ out: inout [(Double, Double)]) {
        guard case .array(let a) = v else { return }
        if a.count >= 2, case .number(let x) = a[0], case .number(let y) = a[1] {
            out.append((x, y))
        } else {
            for e in a { collect(e, &out) }
        }
    }

    private static func bbox(_ p: [(Double, Double)]) -> BoundingBox? {
        guard !p.isEmpty else { return nil }
        return BoundingBox(west: p.map(\.0).min()!, south: p.map(\.1).min()!, east: p.map(\.0).max()!, north: p.map(\.1).max()!)
    }

    /// WKT: POINT, LINESTRING, POLYGON and their MULTI forms (2D; Z/M values are dropped).
    private static func parseWKT(_ s: String) -> Parsed? {
        let upper = s.uppercased()
        guard let open = upper.firstIndex(of: "(") else { return nil }
        var name = upper[..<open].trimmedBlanks()
        for suffix in [" ZM", " Z", " M"] where name.hasSuffix(suffix) { name = String(name.dropLast(suffix.count)) }
        let types = ["POINT": ("Point", 0), "LINESTRING": ("LineString", 1), "POLYGON": ("Polygon", 2),
                     "MULTIPOINT": ("MultiPoint", 1), "MULTILINESTRING": ("MultiLineString", 2), "MULTIPOLYGON": ("MultiPolygon", 3)]
        guard let (type, depth) = types[name] else { return nil }
        var reader = WKTReader(chars: Array(s[open...]))
        guard let lists = reader.list() else { return nil }
        var coords = JSONValue.array(lists)
        // MULTIPOINT may be written with or without inner parentheses; POINT is a single coordinate.
        if depth == 0 {
            guard let first = lists.first else { return nil }
            coords = first
        } else if type == "MultiPoint" {
            coords = .array(lists.map { item in
                // `MULTIPOINT((1 2),(3 4))`: each item is a list holding one position.
                if case .array(let inner) = item, inner.count == 1, case .array = inner[0] { return inner[0] }
                return item
            })
        }
        return parsed(type: type, coordinates: coords)
    }

    /// Nested WKT parentheses read into arrays: a list of positions ([x, y]) or of further lists.
    private struct WKTReader {
        var chars: [Character]
        var i = 0

        mutating func list() -> [JSONValue]? {
            guard i < chars.count, chars[i] == "(" else { return nil }
            i += 1
            var items: [JSONValue] = []
            var token = ""
            var coord: [Double] = []
            func flushToken() { if !token.isEmpty { if let d = Double(token) { coord.append(d) }; token = "" } }
            func flushCoord() {
                flushToken()
                if coord.count >= 2 { items.append(.array([.number(coord[0]), .number(coord[1])])) }
                coord = []
            }
            while i < chars.count {
                let ch = chars[i]
                if ch == "(" {
                    guard let sub = list() else { return nil }
                    items.append(.array(sub))
                    continue
                }
                if ch == ")" {
                    flushCoord()
                    i += 1
                    return items
                }
                if ch == "," { flushCoord() } else if ch == " " || ch == "\n" || ch == "\t" { flushToken() } else { token.append(ch) }
                i += 1
            }
            return nil
        }
    }
}

/// Small built-in tables for format strings and languages found in DCAT sources.
package enum DCATVocabulary {
    /// EU file-type code for a legacy format string or media type (`csv`, `text/csv`, `Shapefile` …).
    package static func fileType(forFormat raw: String) -> String? {
        var key = raw.trimmedSpace().lowercased()
        if key.hasPrefix(".") { key.removeFirst() }
        if let code = formatTable[key] { return code }
        if let code = mediaTypeTable[key] { return code }
        return nil
    }

    private static let formatTable: [String: String] = [
        "csv": "CSV", "json": "JSON", "geojson": "GEOJSON", "xml": "XML", "pdf": "PDF", "xls": "XLS", "xlsx": "XLSX",
        "ods": "ODS", "zip": "ZIP", "shp": "SHP", "shapefile": "SHP", "esri shapefile": "SHP", "html": "HTML", "htm": "HTML",
        "txt": "TXT", "text": "TXT", "rdf": "RDF", "rdf/xml": "RDF_XML", "ttl": "RDF_TURTLE", "turtle": "RDF_TURTLE",
        "json-ld": "JSON_LD", "jsonld": "JSON_LD", "kml": "KML", "kmz": "KMZ", "gml": "GML", "wms": "WMS_SRVC",
        "wfs": "WFS_SRVC", "wmts": "WMTS_SRVC", "doc": "DOC", "docx": "DOCX", "odt": "ODT", "png": "PNG", "jpg": "JPEG",
        "jpeg": "JPEG", "tif": "TIFF", "tiff": "TIFF", "geotiff": "TIFF", "gpkg": "GPKG", "geopackage": "GPKG",
        "sqlite": "SQLITE", "tsv": "TSV", "xsd": "XSD", "atom": "ATOM", "rss": "RSS", "gtfs": "GTFS", "api": "REST",
        "mp4": "MP4", "mp3": "MP3", "7z": "7Z", "gzip": "GZIP", "gz": "GZIP", "tar": "TAR", "dxf": "DXF", "dwg": "DWG",
        "netcdf": "NETCDF", "parquet": "PARQUET", "ics": "ICS", "sparql": "SPARQL_RES", "rtf": "RTF", "ppt": "PPT",
        "pptx": "PPTX", "svg": "SVG", "gif": "GIF", "bmp": "BMP", "epub": "EPUB", "yaml": "YAML", "md": "MARKDOWN",
    ]

    private static let mediaTypeTable: [String: String] = [
        "text/csv": "CSV", "application/json": "JSON", "application/geo+json": "GEOJSON", "application/vnd.geo+json": "GEOJSON",
        "application/xml": "XML", "text/xml": "XML", "application/pdf": "PDF", "application/vnd.ms-excel": "XLS",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
        "application/vnd.oasis.opendocument.spreadsheet": "ODS", "application/zip": "ZIP", "text/html": "HTML",
        "text/plain": "TXT", "application/rdf+xml": "RDF_XML", "text/turtle": "RDF_TURTLE", "application/ld+json": "JSON_LD",
        "application/vnd.google-earth.kml+xml": "KML", "application/gml+xml": "GML", "image/png": "PNG", "image/jpeg": "JPEG",
        "image/tiff": "TIFF", "application/geopackage+sqlite3": "GPKG", "text/tab-separated-values": "TSV",
        "application/msword": "DOC", "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
        "application/x-shapefile": "SHP",
    ]

    /// EU language code for an ISO 639 code or a legacy code (`de`, `deu`, `ger`).
    package static func languageCode(_ raw: String) -> String? {
        switch raw.trimmedBlanks().lowercased() {
        case "de", "deu", "ger", "de-de", "german", "deutsch": "DEU"
        case "en", "eng", "en-gb", "en-us", "english", "englisch": "ENG"
        case "fr", "fra", "fre", "french": "FRA"
        case "nl", "nld", "dut": "NLD"
        case "da", "dan": "DAN"
        case "pl", "pol": "POL"
        default: nil
        }
    }

    /// OGD-DE (GovData 1.x) category → EU data themes (ckanext-dcatde `category_mapping.json`, see REFERENCE.md).
    package static let ogdCategoryThemes: [String: [String]] = [
        "bevoelkerung": ["SOCI"], "bildung_wissenschaft": ["EDUC", "TECH"], "gesetze_justiz": ["JUST"],
        "gesundheit": ["HEAL"], "kultur_freizeit_sport_tourismus": ["EDUC"], "politik_wahlen": ["GOVE"],
        "soziales": ["SOCI"], "transport_verkehr": ["TRAN"], "umwelt_klima": ["ENVI"], "verwaltung": ["GOVE"],
        "wirtschaft_arbeit": ["ECON"],
    ]
}
