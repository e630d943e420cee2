import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import CatalogCore

@Suite struct ExportTests {
    let bundle = Exporters.all(ExportSample.catalog)

    func file(_ name: String, _ b: ExportBundle? = nil) -> String {
        String(decoding: (b ?? bundle).files.first { $0.name == name }!.bytes, as: UTF8.self)
    }

    @Test func bundleHasAllFilesInOrder() {
        #expect(bundle.files.map(\.name) == Exporters.fileNames)
        #expect(bundle.tripleCount > 150)
    }

    @Test func exportIsByteStableAndIndependentOfInputOrder() {
        var shuffled = ExportSample.catalog
        shuffled.datasets.reverse()
        shuffled.datasets[3].distributions.reverse()
        let again = Exporters.all(shuffled)
        for (a, b) in zip(bundle.files, again.files) {
            #expect(a.bytes == b.bytes, "\(a.name) differs")
        }
        #expect(again.problems == bundle.problems)
    }

    @Test func allThreeRDFFilesCarryTheSameTriples() throws {
        // Turtle: every object ends its line with " ;", " ." or "," (literals never contain raw newlines).
        let ttl = file("catalog.ttl").split(separator: "\n").filter { !$0.hasPrefix("@prefix") }
        let ttlCount = ttl.filter { $0.hasSuffix(" ;") || $0.hasSuffix(" .") || $0.hasSuffix(",") }.count
        #expect(ttlCount == bundle.tripleCount)

        // RDF/XML: one property element per triple; parsing also proves well-formedness.
        let counter = XMLCounter()
        let parser = XMLParser(data: Data(file("catalog.rdf").utf8))
        parser.delegate = counter
        #expect(parser.parse(), "RDF/XML must be well-formed: \(String(describing: parser.parserError))")
        #expect(counter.depth3Elements == bundle.tripleCount)

        // JSON-LD: every @type entry and every property value is one triple.
        let json = try #require(JSONSerialization.jsonObject(with: Data(file("catalog.jsonld").utf8)) as? [String: Any])
        #expect(json["@context"] is [String: Any])
        let nodes = try #require(json["@graph"] as? [[String: Any]])
        let jsonCount = nodes.reduce(0) { sum, n in sum + n.filter { $0.key != "@id" }.reduce(0) { $0 + (($1.value as? [Any])?.count ?? 0) } }
        #expect(jsonCount == bundle.tripleCount)
    }

    @Test func messyTextIsEscapedAndNoIllegalCharacterSurvives() {
        let ttl = file("catalog.ttl")
        #expect(ttl.contains(#"dcterms:title "Messy \"quotes\", back\\slash, <tags> & ümlauts\#u{FFFD}\#u{FFFD}"@de"#))
        #expect(ttl.contains(#""Zeile 1\nZeile 2\nZeile 3\#u{FFFD}\#u{FFFD} ]]> --> ${x} 😀"@de"#))
        let rdf = file("catalog.rdf")
        #expect(rdf.contains("Messy \"quotes\", back\\slash, &lt;tags&gt; &amp; ümlauts"))
        #expect(rdf.contains("]]&gt; --&gt;"))
        for f in bundle.files {
            let bad = String(decoding: f.bytes, as: UTF8.self).unicodeScalars.filter { !ExportText.isXMLChar($0) }
            #expect(bad.isEmpty, "\(f.name) contains \(bad.map(\.value))")
        }
    }

    @Test func invalidIRIsArePercentEncodedOrDroppedAndReported() {
        #expect(ExportIRI.normalise(" https://daten.aachen.de/a b/ä{1}|^`\\\"<>.csv ") == "https://daten.aachen.de/a%20b/%C3%A4%7B1%7D%7C%5E%60%5C%22%3C%3E.csv")
        #expect(ExportIRI.normalise("ftp://h/a%zz%41") == "ftp://h/a%25zz%41")
        #expect(ExportIRI.normalise("offenedaten.aachen.de/dataset/x") == nil)
        #expect(ExportIRI.normalise("https:///nohost") == nil)
        #expect(ExportIRI.normalise("dcat:Dataset") == nil, "a scheme equal to one of our prefixes would be misread in JSON-LD")
        #expect(ExportIRI.normalise("urn:uuid:1") == "urn:uuid:1")
        #expect(ExportIRI.mailto("statistik at aachen") == nil)
        #expect(ExportIRI.tel("0241 / 432-0") == "tel:0241-432-0")

        let ttl = file("catalog.ttl")
        #expect(ttl.contains("<https://daten.aachen.de/files/Datei%20mit%20Leerzeichen%20(%C3%A4).csv>"))
        #expect(!ttl.contains("offenedaten.aachen.de/dataset/messy>"), "a scheme-less landing page is not emitted")
        let reported = Set(bundle.problems.map { "\($0.property) \($0.value)" })
        for expected in [
            "dcat:landingPage offenedaten.aachen.de/dataset/messy", "foaf:mbox statistik at aachen", "dcterms:issued 2021-02-30",
            "dcat:startDate 2020-13-01", "dcat:accessURL javascript-free text, no iri", "dcat:byteSize -1",
            "dcat:mediaType text/csv; charset=utf-8", "dcterms:type http://example.org/unknown-type", "locn:geometry {\"type\":\"Point\",\"coordinates\":[999,50]}",
            "dcat:Distribution relative/resource", "foaf:Agent not an iri", "dcat:contactPoint Nur Telefon",
        ] {
            #expect(reported.contains(expected), "missing problem: \(expected)")
        }
        #expect(bundle.problems.allSatisfy { $0.source == "aachen" && $0.record == "messy-1" })
        #expect(bundle.problems == bundle.problems.sorted())
    }

    @Test func graphMappingDecisions() throws {
        let g = DCATGraph(ExportSample.catalog)
        func objects(_ s: String, _ p: String) -> [DCATTerm] { g.triples.filter { $0.subject == s && $0.predicate == p }.map(\.object) }
        let budget = ExportSample.base + "/dataset/aachen/haushalt-2024"
        let messy = ExportSample.base + "/dataset/aachen/messy"
        // No publisher → the catalogue's publisher node.
        #expect(objects(budget, ExportNS.dct + "publisher") == [.iri(ExportSample.base + "#publisher")])
        // Invalid agent IRI → skolem node under the dataset.
        #expect(objects(messy, ExportNS.dct + "publisher") == [.iri(messy + "#publisher")])
        // Phone-only contact point is not exported; the access URL falls back to the download URL.
        #expect(objects(messy, ExportNS.dcat + "contactPoint").isEmpty)
        #expect(objects(messy + "#distribution-2", ExportNS.dcat + "accessURL") == [.iri("https://daten.aachen.de/files/fallback.json")])
        // Dates typed by precision.
        let parking = ExportSample.base + "/dataset/aachen/parkhaeuser"
        #expect(objects(parking, ExportNS.dct + "issued") == [.typed("2019-05-02", ExportNS.xsd + "date")])
        #expect(objects(parking, ExportNS.dct + "modified") == [.typed("2024-11-30T08:15:00+01:00", ExportNS.xsd + "dateTime")])
        #expect(objects(parking + "#temporal", ExportNS.dcat + "endDate") == [.typed("2025-12-31T23:59:59", ExportNS.xsd + "dateTime")])
        // Spatial: bbox as WKT, geometry via GeoSPARQL, the place IRI as a second dct:Location.
        #expect(objects(parking + "#spatial", ExportNS.dcat + "bbox") == [.typed("POLYGON ((6.02 50.72, 6.15 50.72, 6.15 50.81, 6.02 50.81, 6.02 50.72))", ExportNS.gsp + "wktLiteral")])
        #expect(objects(parking + "#geometry", ExportNS.gsp + "asGeoJSON") == [.typed(#"{"type":"Polygon","coordinates":[[[6.02,50.72],[6.15,50.72],[6.15,50.81],[6.02,50.81],[6.02,50.72]]]}"#, ExportNS.gsp + "geoJSONLiteral")])
        // (3.0: the political geocoding and its GeoNames place are dct:spatial too; ProfileTests.)
        #expect(Set(objects(parking, ExportNS.dct + "spatial")) == [
            .iri(parking + "#spatial"), .iri("http://dcat-ap.de/def/politicalGeocoding/municipalityKey/05334002"), .iri("http://sws.geonames.org/3247449/"),
        ])
        // adms:identifier nodes skip empty values, numbering follows the input position.
        #expect(objects(messy + "#identifier-2", ExportNS.skos + "notation") == [.text("alt id\twith tab")])
        #expect(objects(messy + "#identifier-1", ExportNS.skos + "notation").isEmpty)
        // Licence IRIs only from the canonical IRI; a licence the audit cannot identify is the source's words on a
        // licence document node; no licence at all gives no triple.
        var unlicensed = ExportSample.catalog
        unlicensed.datasets[2].distributions[0].licence = Licence(raw: "siehe Website", status: .unknown)
        let g2 = DCATGraph(unlicensed)
        let xlsx = budget + "/resource/xlsx"
        #expect(g2.triples.filter { $0.subject == xlsx && $0.predicate == ExportNS.dct + "license" }.map(\.object) == [.iri(xlsx + "#licence")])
        #expect(g2.triples.contains { t in
            guard t.subject == xlsx + "#licence", case .literal(let words, _, _) = t.object else { return false }
            return words == "siehe Website"
        })
        unlicensed.datasets[2].distributions[0].licence = Licence(raw: nil, status: .missing)
        #expect(!DCATGraph(unlicensed).triples.contains { $0.subject == xlsx && $0.predicate == ExportNS.dct + "license" })
    }

    @Test func csvQuotesNeutralisesAndSorts() {
        #expect(CSVWriter.cell("=1+2") == "'=1+2")
        #expect(CSVWriter.cell("-3.5") == "-3.5")
        #expect(CSVWriter.cell("-1+cmd|' /C calc'!A0") == "'-1+cmd|' /C calc'!A0")
        #expect(CSVWriter.cell("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVWriter.cell("\tx") == "'\tx")
        #expect(CSVWriter.cell("a \"b\", c") == "\"a \"\"b\"\", c\"")
        #expect(CSVWriter.cell("line1\nline2") == "\"line1\nline2\"")

        let csv = file("datasets.csv")
        #expect(csv.hasSuffix("\r\n"))
        let lines = csv.components(separatedBy: "\r\n").dropLast()
        #expect(lines.first == TabularExport.datasetColumns.map(\.name).joined(separator: ","))
        // Sorted by identifier; the formula-like identifier is neutralised and quoted.
        #expect(lines.dropFirst().map { String($0.prefix(12)) } == ["4f0c1e7a-par", "\"'=HYPERLINK", "baumkataster", "haushalt-202"])
        // Theme codes sorted, as in every output, with their German names; one list separator.
        #expect(csv.contains(",REGI|TRAN,Regionen und Städte|Verkehr,Parken|Verkehr|Mobilität,"))
        #expect(csv.contains(",\"5.97,50.49,6.42,50.95\","))
        #expect(csv.contains("\"'-minus|@at|+plus|a,b;c\""))

        let dist = file("distributions.csv").components(separatedBy: "\r\n")
        #expect(dist.count == 8)  // header + 6 rows + trailing empty
        #expect(dist[1].hasPrefix("4f0c1e7a-parkhaeuser,https://opendata.aachen.example/catalog/dataset/aachen/parkhaeuser,https://opendata.aachen.example/catalog/dataset/aachen/parkhaeuser/resource/1,"))
        #expect(dist[2].hasSuffix(",GEOJSON,GeoJSON,application/geo+json,0,http://dcat-ap.de/def/licenses/dl-by-de/2.0,open,offen,true,"))
    }

    /// Every CSV date in one ISO 8601 form: a date stays a date, a time becomes UTC to the second.
    @Test func csvDatesHaveOneISOForm() {
        #expect(TabularExport.timestamp(.date("2014-02-19")) == "2014-02-19")
        #expect(TabularExport.timestamp(.dateTime("2014-11-03T12:14:52+01:00")) == "2014-11-03T11:14:52Z")
        #expect(TabularExport.timestamp(.dateTime("2013-06-14T14:47:23.099")) == "2013-06-14T14:47:23Z")
        #expect(TabularExport.timestamp(.dateTime("2015-01-01T00:30:00+02:00")) == "2014-12-31T22:30:00Z")
        #expect(TabularExport.timestamp(.dateTime("2020-08-06T08:23Z")) == "2020-08-06T08:23:00Z")
        #expect(TabularExport.timestamp(nil) == "")
        let csv = file("datasets.csv") + file("distributions.csv")
        let shapes = Set(csv.matches(of: /\d{4}-\d{2}-\d{2}[T0-9:.+Z-]*/).map { String($0.output).replacing(/\d/, with: "9") })
        #expect(shapes.isSubset(of: ["9999-99-99", "9999-99-99T99:99:99Z"]), "\(shapes)")
    }

    @Test func geoJSONHasOneValidFeaturePerDatasetWithGeometry() throws {
        let json = try #require(JSONSerialization.jsonObject(with: Data(file("datasets.geojson").utf8)) as? [String: Any])
        #expect(json["type"] as? String == "FeatureCollection")
        let features = try #require(json["features"] as? [[String: Any]])
        #expect(features.map { $0["id"] as? String } == ["4f0c1e7a-parkhaeuser", "baumkataster-2023"])
        let bboxPolygon = try #require((features[1]["geometry"] as? [String: Any])?["coordinates"] as? [[[Double]]])
        #expect(bboxPolygon == [[[5.97, 50.49], [6.42, 50.49], [6.42, 50.95], [5.97, 50.95], [5.97, 50.49]]], "counter-clockwise exterior ring")
        #expect(bundle.datasetsWithoutGeometry == ["=HYPERLINK(\"http://evil\")", "haushalt-2024"])
        #expect(ExportGeometry(geoJSON: #"{"type":"multiPolygon","coordinates":[[[[6,50],[7,50],[7,51]]]]}"#)?.wkt == "MULTIPOLYGON (((6 50, 7 50, 7 51, 6 50)))")
        #expect(ExportGeometry(geoJSON: #"{"type":"Polygon","coordinates":[[[6,50],["x",50],[7,51],[6,50]]]}"#) == nil)
    }

    @Test func dataPackageDescribesEveryColumn() throws {
        let json = try #require(JSONSerialization.jsonObject(with: Data(file("datapackage.json").utf8)) as? [String: Any])
        #expect(json["name"] as? String == "offene-daten-aachen-sammelkatalog")
        let resources = try #require(json["resources"] as? [[String: Any]])
        #expect(resources.map { $0["path"] as? String } == ["datasets.csv", "distributions.csv", "datasets.geojson"])
        let fields = try #require((resources[0]["schema"] as? [String: Any])?["fields"] as? [[String: Any]])
        #expect(fields.map { $0["name"] as? String } == TabularExport.datasetColumns.map(\.name))
        #expect(fields.allSatisfy { !(($0["description"] as? String) ?? "").isEmpty })
    }
}

/// Counts property elements (depth 3: rdf:RDF > rdf:Description > property).
final class XMLCounter: NSObject, XMLParserDelegate, @unchecked Sendable {
    var depth = 0
    var depth3Elements = 0
    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        depth += 1
        if depth == 3 { depth3Elements += 1 }
    }
    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) { depth -= 1 }
}

/// The streaming JSON-LD writer gives exactly the bytes of the tree form (ExportJSON) it replaced.
@Suite struct JSONLDWriterTests {
    @Test func streamingEqualsTree() {
        let graph = DCATGraph(ExportSample.catalog)
        #expect(graph.triples.count > 50)
        #expect(String(decoding: JSONLDSerializer.serialise(graph), as: UTF8.self) == JSONLDSerializer.serialiseTree(graph))
        let empty = DCATGraph(Catalog(uri: "https://example.org/c", title: "t", description: "d", publisher: Agent(name: "p"),
                                      homepage: nil, languages: [], modified: nil, datasets: []))
        #expect(String(decoding: JSONLDSerializer.serialise(empty), as: UTF8.self) == JSONLDSerializer.serialiseTree(empty))
    }
}
