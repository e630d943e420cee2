import CatalogCore
import Foundation

/// Reads what each published output says about its datasets, from the output's bytes (for
/// PublishedAgreementTests). Deliberately independent of the renderers: a CSV reader, JSONSerialization,
/// the Turtle parser and a few HTML patterns.
enum AgreementReader {
    typealias Statement = PublishedAgreementTests.Statement

    struct CSVRow {
        var statement: Statement
        var sourceAndID: String
    }

    /// Text as compared: NFC, trimmed, without the `'` that guards formula-like CSV cells.
    static func norm(_ s: String) -> String {
        var t = s
        if t.hasPrefix("'"), let next = t.dropFirst().unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(next) { t.removeFirst() }
        return t.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func nonEmpty(_ s: String?) -> String? { s.flatMap { $0.isEmpty ? nil : norm($0) } }

    /// RFC 4180 records (quoted cells with doubled quotes, CRLF or LF line ends); the header is the first row.
    static func csv(_ data: Data) -> [[String: String]] {
        let records = csvRecords(data)
        guard let header = records.first else { return [] }
        return records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// The records of a CSV with `separator` (header included), after a UTF-8 byte order mark if there is one.
    static func csvRecords(_ data: Data, separator: Unicode.Scalar = ",") -> [[String]] {
        let data = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data
        var records: [[String]] = []
        var row: [String] = []
        var cell = ""
        var quoted = false
        var scalars = String(decoding: data, as: UTF8.self).unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let c = pending ?? scalars.next() {
            pending = nil
            if quoted {
                if c != "\"" {
                    cell.unicodeScalars.append(c)
                    continue
                }
                let n = scalars.next()
                if n == "\"" {
                    cell.unicodeScalars.append("\"")
                } else {
                    quoted = false
                    pending = n  // the character after the closing quote (separator, line end) is handled next
                }
                continue
            }
            switch c {
            case "\"": quoted = true
            case separator: row.append(cell); cell = ""
            case "\r": break
            case "\n": row.append(cell); records.append(row); row = []; cell = ""
            default: cell.unicodeScalars.append(c)
            }
        }
        if !cell.isEmpty || !row.isEmpty { row.append(cell); records.append(row) }
        return records
    }

    static func themes(_ cell: String) -> [String] { cell.split(separator: Character(TabularExport.listSeparator)).map { String($0).uppercased() }.sorted() }

    static func datasetsCSV(_ rows: [[String: String]]) -> [String: CSVRow] {
        var out: [String: CSVRow] = [:]
        for r in rows {
            let s = Statement(status: r["licence_status"], licence: nonEmpty(r["licence_uri"]), publisher: norm(r["publisher"] ?? ""),
                              themes: themes(r["themes"] ?? ""), geometry: !(r["spatial"] ?? "").isEmpty)
            out[r["uri"] ?? ""] = CSVRow(statement: s, sourceAndID: (r["source"] ?? "") + "\u{1}" + (r["identifier"] ?? ""))
        }
        return out
    }

    /// Dataset rows of licences.csv by source and dataset id (a key seen twice maps to nil: ambiguous).
    static func licencesCSV(_ rows: [[String: String]]) -> [String: Statement] {
        var out: [String: Statement] = [:]
        for r in rows where (r["distribution_uri"] ?? "").isEmpty {
            let s = Statement(status: r["status"], licence: nonEmpty(r["uri"]), publisher: norm(r["publisher"] ?? ""), themes: nil, geometry: nil)
            out[norm(r["source"] ?? "") + "\u{1}" + norm(r["dataset_id"] ?? "")] = s
        }
        return out
    }

    /// URIs of the features whose geometry is derived from the political geocoding.
    static func derivedGeometry(_ data: Data) throws -> Set<String> {
        let doc = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let features = doc?["features"] as? [[String: Any]] ?? []
        return Set(features.compactMap { f -> String? in
            let p = f["properties"] as? [String: Any] ?? [:]
            return p["geometry_source"] as? String == "political_geocoding" ? p["uri"] as? String : nil
        })
    }

    static func geoJSON(_ data: Data) throws -> [String: Statement] {
        let doc = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        var out: [String: Statement] = [:]
        for f in doc?["features"] as? [[String: Any]] ?? [] {
            let p = f["properties"] as? [String: Any] ?? [:]
            out[p["uri"] as? String ?? ""] = Statement(
                status: p["licence_status"] as? String, licence: nonEmpty(p["licence"] as? String),
                publisher: norm(p["publisher"] as? String ?? ""), themes: ((p["themes"] as? [String]) ?? []).map { $0.uppercased() }.sorted(),
                geometry: f["geometry"] is [String: Any])
        }
        return out
    }

    /// `package_show` dicts as `opendata serve` builds them from catalog.model.json, by the `uri` extra; with
    /// the site page slug from the model.
    static func packages(_ model: Data) throws -> [String: (statement: Statement, slug: String?)] {
        let catalog = try Catalog(modelJSON: model)
        let index = CKANSearchIndex(catalog: catalog)
        var slugs: [String: String] = [:]
        for d in catalog.datasets { if let f = d.published { slugs[f.iri] = f.slug } }
        var out: [String: (Statement, String?)] = [:]
        for e in index.entries {
            let p = try JSONSerialization.jsonObject(with: Data(e.package)) as? [String: Any] ?? [:]
            var extras: [String: String] = [:]
            for x in p["extras"] as? [[String: Any]] ?? [] { extras[x["key"] as? String ?? ""] = x["value"] as? String }
            let org = p["organization"] as? [String: Any]
            let groups = (p["groups"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }.map { $0.uppercased() }.sorted()
            let uri = extras["uri"] ?? ""
            let s = Statement(status: extras["license_status"], licence: nonEmpty(p["license_url"] as? String),
                              publisher: norm(org?["title"] as? String ?? ""), themes: groups, geometry: extras["spatial"] != nil)
            out[uri] = (s, slugs[uri])
        }
        return out
    }

    static func turtle(_ data: Data) throws -> [String: Statement] {
        let g = try TurtleParser.parse(data, baseIRI: nil)
        let dcat = "http://www.w3.org/ns/dcat#", dct = "http://purl.org/dc/terms/"
        let themeBase = "http://publications.europa.eu/resource/authority/data-theme/"
        var out: [String: Statement] = [:]
        for ds in g.subjects(ofType: dcat + "Dataset") {
            guard let iri = ds.iri else { continue }
            let publisher = g.object(ds, dct + "publisher").flatMap { g.object($0, "http://xmlns.com/foaf/0.1/name")?.lexical }
            let themes = g.objects(ds, dcat + "theme").compactMap(\.iri).map { String($0.dropFirst(themeBase.count)) }.sorted()
            var licences = Set<String>()
            // A licence the audit could not identify is the source's words on a `<distribution>#licence` node: the
            // Turtle states no licence IRI for it, as datasets.csv states none.
            for dist in g.objects(ds, dcat + "distribution") {
                for l in g.objects(dist, dct + "license") { if let i = l.iri, !(dist.iri.map { i == $0 + "#licence" || i == $0 + "-licence" } ?? false) { licences.insert(i) } }
            }
            let geometry = g.objects(ds, dct + "spatial").contains { g.object($0, "http://www.opengis.net/ont/geosparql#hasGeometry") != nil }
            out[iri] = Statement(
                status: licences.count > 1 ? LicenceStatus.conflicting.rawValue : nil, licence: licences.count == 1 ? licences.first : nil,
                publisher: publisher.map(norm), themes: themes, geometry: geometry)
        }
        return out
    }

    /// A dataset page: licence badge and link, publisher in the breadcrumbs, theme tags, the bounding-box line.
    static func page(_ html: String) -> Statement {
        func first(_ pattern: String, in text: String) -> String? {
            guard let re = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]),
                let m = re.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)), m.numberOfRanges > 1,
                let r = Range(m.range(at: 1), in: text)
            else { return nil }
            return String(text[r])
        }
        let tags = first("<p class=\"tags\">(.*?)</p>", in: html) ?? ""
        let re = try! NSRegularExpression(pattern: "suche/thema-([a-z_]+)\\.html")
        let themes = re.matches(in: tags, range: NSRange(tags.startIndex..., in: tags)).compactMap { Range($0.range(at: 1), in: tags) }
            .map { tags[$0].uppercased() }.sorted()
        let crumbs = first("<nav class=\"crumbs\"[^>]*>(.*?)</nav>", in: html) ?? ""
        let publisherHTML = crumbs.components(separatedBy: "› ").last ?? ""
        let publisher = unescape(publisherHTML.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression))
        let licenceRow = first("<dt>Lizenz \\(Datensatz\\)</dt><dd>(.*?)</dd>", in: html) ?? ""
        return Statement(
            status: first("suche/lizenz-([a-z]+)\\.html", in: tags), licence: first("href=\"([^\"]+)\"", in: licenceRow).map(unescape),
            publisher: norm(publisher), themes: themes, geometry: html.contains("<p class=\"bbox\">"))
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }
}
