import Foundation
import Testing
@testable import CatalogCore
import CatalogTestSupport

private func load(_ path: String) throws -> Data { try Fixtures.data(Fixtures.shared("dcat-rdf/" + path)) }

@Suite struct RDFParserTests {
    /// Distinct triple counts measured with rdflib 7.6.0 (`Graph().parse(f, format=…)`; `len(g)`).
    @Test(arguments: [
        ("real-portals/brandenburg-catalog-govdata-dashboard.rdf", 7090),
        ("real-portals/bremen-transparenz-catalog.rdf", 6747),
        ("real-portals/ckanext-dcatde-catalog-endpoint-example.rdf", 391),
        ("real-portals/destatis-catalog.rdf", 3323),
        ("spec-examples/ckanext-dcat-catalog.rdf", 79),
        ("spec-examples/ckanext-dcat-catalog_datasets_list.rdf", 68),
        ("spec-examples/ckanext-dcat-catalog_pod.jsonld", 61),
        ("spec-examples/ckanext-dcat-dataset_gov_de.rdf", 208),
        ("spec-examples/ckanext-dcatde-metadata_max.rdf", 146),
        ("spec-examples/dcat-ap-2.1.1-example1.nt", 23),
        ("spec-examples/dcat-ap-2.1.1-example2.nt", 23),
        ("spec-examples/dcat-ap-hvd-3.0-example-dataset_2_licenses.ttl", 23),
        ("spec-examples/dcat-ap-hvd-3.0-example-ms_catalogue.ttl", 48),
        ("spec-examples/dcatde-2.0-dcat_ap_de-RefImp_JSONLD_ADVANCED.jsonld", 119),
        ("spec-examples/dcatde-2.0-dcat_ap_de-RefImp_RDF_ADVANCED.rdf", 119),
        ("spec-examples/dcatde-2.0-dcat_ap_de-RefImp_TTL_ADVANCED.ttl", 119),
        ("spec-examples/dcatde-2.0-dcat_ap_de-RefImp_TTL_SIMPLE.ttl", 21),
        ("spec-examples/dcatde-2.0-ex-23-dataservice.rdf", 36),
    ])
    func tripleCountsMatchRdflib(path: String, expected: Int) throws {
        let data = try load(path)
        let format = RDFFormat.detect(data, fileName: path)
        let graph = try format.parse(data, baseIRI: "http://example.org/base/doc")
        #expect(graph.count == expected, "\(path)")
    }

    /// The same DCAT-AP.de reference example in three syntaxes yields the same triples up to blank node labels and
    /// literal lexical forms (the files themselves differ there: `5056.0` vs `5056`, upper- vs lower-case hex).
    @Test func threeSyntaxesAgree() throws {
        func shape(_ g: RDFGraph) -> [String] {
            g.triples.map { t -> String in
                func n(_ x: RDFTerm) -> String {
                    switch x {
                    case .blank: return "_"
                    case .literal(_, let l, let d): return "lit(\(l ?? "")|\(d ?? ""))"
                    case .iri(let i): return i
                    }
                }
                return n(t.subject) + " " + t.predicate + " " + n(t.object)
            }.sorted()
        }
        let ttl = try TurtleParser.parse(load("spec-examples/dcatde-2.0-dcat_ap_de-RefImp_TTL_ADVANCED.ttl"), baseIRI: nil)
        let xml = try RDFXMLParser.parse(load("spec-examples/dcatde-2.0-dcat_ap_de-RefImp_RDF_ADVANCED.rdf"), baseIRI: nil)
        let json = try JSONLDParser.parse(load("spec-examples/dcatde-2.0-dcat_ap_de-RefImp_JSONLD_ADVANCED.jsonld"), baseIRI: nil)
        #expect(shape(ttl) == shape(xml))
        #expect(shape(ttl) == shape(json))
    }

    /// rdflib refuses these three published Turtle files too (unbound prefixes, a '/' in a local name). rdflib reports
    /// line 158 for the first (the end of the statement); the unbound `healthdcatap:` prefix itself is on line 149.
    @Test(arguments: [
        ("spec-examples/ckanext-dcat-dataset.ttl", 149),
        ("spec-examples/dcat-ap-3.0-example-dataset-series-combined.ttl", 32),
        ("spec-examples/dcatde-3.0-UAG-Beispieldatensatz-2024-02-22.ttl", 1),
    ])
    func brokenPublishedTurtleReportsLine(path: String, line: Int) throws {
        let data = try load(path)
        #expect(throws: RDFParseError.self) { try TurtleParser.parse(data, baseIRI: nil) }
        do {
            _ = try TurtleParser.parse(data, baseIRI: nil)
        } catch {
            #expect(error.kind == .syntax)
            #expect(error.line == line, "\(error)")
        }
    }

    @Test func turtleFeatures() throws {
        let ttl = #"""
        @base <http://ex.org/> .
        PREFIX ex: <http://ex.org/ns#>
        <a> a ex:T ; ex:p "x"@DE , 'y'^^ex:dt , """long
        "quoted" \u00e4""" ; ex:n 1, -2.5, 3e2, true ; ex:l ( 1 [ ex:q _:b ] ) ;
           ex:b [ ex:c ex:d.e ] .
        _:b ex:r <#frag> .
        """#
        let g = try TurtleParser.parse(Data(ttl.utf8), baseIRI: nil)
        let a = RDFTerm.iri("http://ex.org/a")
        #expect(g.objects(a, RDFNS.type) == [.iri("http://ex.org/ns#T")])
        let p = g.objects(a, "http://ex.org/ns#p")
        #expect(p.contains(.literal("x", lang: "de")))
        #expect(p.contains(.literal("y", datatype: "http://ex.org/ns#dt")))
        #expect(p.contains(.literal("long\n\"quoted\" ä")))
        #expect(g.objects(a, "http://ex.org/ns#n") == [
            .literal("1", datatype: RDFNS.xsd + "integer"), .literal("-2.5", datatype: RDFNS.xsd + "decimal"),
            .literal("3e2", datatype: RDFNS.xsd + "double"), .literal("true", datatype: RDFNS.xsd + "boolean"),
        ])
        let list = try #require(g.object(a, "http://ex.org/ns#l"))
        #expect(g.object(list, RDFNS.first) == .literal("1", datatype: RDFNS.xsd + "integer"))
        let b = try #require(g.object(a, "http://ex.org/ns#b"))
        #expect(g.object(b, "http://ex.org/ns#c") == .iri("http://ex.org/ns#d.e"))
        let named = g.subjects("http://ex.org/ns#r", .iri("http://ex.org/#frag"))
        #expect(named.count == 1)
        // 1 type + 3 p + 4 n + (a l) + 2 list cells × 2 + [ex:q] + (a b) + [ex:c] + (_:b r)
        #expect(g.count == 17)
    }

    @Test func rdfXMLFeatures() throws {
        let xml = #"""
        <?xml version="1.0"?>
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex.org/ns#"
                 xml:base="http://ex.org/dir/" xml:lang="de">
          <ex:Thing rdf:about="a" ex:attr="v">
            <ex:lit>Hallo</ex:lit>
            <ex:en xml:lang="EN">Hello</ex:en>
            <ex:typed rdf:datatype="http://www.w3.org/2001/XMLSchema#date">2020-01-01</ex:typed>
            <ex:res rdf:resource="#x"/>
            <ex:bn rdf:nodeID="k"/>
            <ex:nested><ex:Other rdf:ID="o"><ex:q>1</ex:q></ex:Other></ex:nested>
            <ex:pr rdf:parseType="Resource"><ex:inner>i</ex:inner></ex:pr>
            <ex:xl rdf:parseType="Literal"><b>bold</b> text</ex:xl>
            <ex:empty/>
          </ex:Thing>
          <rdf:Description rdf:nodeID="k" ex:name="K"/>
        </rdf:RDF>
        """#
        let g = try RDFXMLParser.parse(Data(xml.utf8), baseIRI: nil)
        let a = RDFTerm.iri("http://ex.org/dir/a")
        let ns = "http://ex.org/ns#"
        #expect(g.objects(a, RDFNS.type) == [.iri(ns + "Thing")])
        #expect(g.object(a, ns + "attr") == .literal("v", lang: "de"))
        #expect(g.object(a, ns + "lit") == .literal("Hallo", lang: "de"))
        #expect(g.object(a, ns + "en") == .literal("Hello", lang: "en"))
        #expect(g.object(a, ns + "typed") == .literal("2020-01-01", datatype: RDFNS.xsd + "date"))
        #expect(g.object(a, ns + "res") == .iri("http://ex.org/dir/#x"))
        let k = try #require(g.object(a, ns + "bn"))
        #expect(g.object(k, ns + "name") == .literal("K", lang: "de"))
        let o = RDFTerm.iri("http://ex.org/dir/#o")
        #expect(g.object(a, ns + "nested") == o)
        #expect(g.object(o, ns + "q") == .literal("1", lang: "de"))
        let pr = try #require(g.object(a, ns + "pr"))
        #expect(g.object(pr, ns + "inner") == .literal("i", lang: "de"))
        #expect(g.object(a, ns + "xl") == .literal("<b>bold</b> text", datatype: RDFNS.xmlLiteral))
        #expect(g.object(a, ns + "empty") == .literal("", lang: "de"))
    }

    @Test func jsonLDContextFeatures() throws {
        let json = #"""
        {"@context": {"dct": "http://purl.org/dc/terms/", "dcat": "http://www.w3.org/ns/dcat#",
                      "title": {"@id": "dct:title", "@language": "de"},
                      "landingPage": {"@id": "dcat:landingPage", "@type": "@id"},
                      "issued": {"@id": "dct:issued", "@type": "http://www.w3.org/2001/XMLSchema#date"},
                      "kw": {"@id": "dcat:keyword", "@container": "@list"}, "dropped": null},
         "@graph": [{"@id": "http://ex.org/d", "@type": "dcat:Dataset", "title": "T",
                     "landingPage": "http://ex.org/page", "issued": "2020-01-02", "kw": ["a", "b"],
                     "dcat:distribution": {"dct:format": {"@value": "CSV", "@language": "EN"}, "dcat:byteSize": 12},
                     "unknownTerm": "ignored", "dropped": "x"}]}
        """#
        let g = try JSONLDParser.parse(Data(json.utf8), baseIRI: nil)
        let d = RDFTerm.iri("http://ex.org/d")
        #expect(g.objects(d, RDFNS.type) == [.iri("http://www.w3.org/ns/dcat#Dataset")])
        #expect(g.object(d, "http://purl.org/dc/terms/title") == .literal("T", lang: "de"))
        #expect(g.object(d, "http://www.w3.org/ns/dcat#landingPage") == .iri("http://ex.org/page"))
        #expect(g.object(d, "http://purl.org/dc/terms/issued") == .literal("2020-01-02", datatype: RDFNS.xsd + "date"))
        let dist = try #require(g.object(d, "http://www.w3.org/ns/dcat#distribution"))
        #expect(g.object(dist, "http://purl.org/dc/terms/format") == .literal("CSV", lang: "en"))
        #expect(g.object(dist, "http://www.w3.org/ns/dcat#byteSize") == .literal("12", datatype: RDFNS.xsd + "integer"))
        // type + title + page + issued + list (1 + 2 cells × 2) + distribution + format + byteSize
        #expect(g.count == 12)
    }

    @Test func jsonLDRemoteContextIsRefusedByName() {
        let json = #"{"@context": "https://schema.org/", "@id": "http://ex.org/x", "name": "n"}"#
        #expect {
            try JSONLDParser.parse(Data(json.utf8), baseIRI: nil)
        } throws: { error in
            (error as? RDFParseError)?.kind == .remoteContext && "\(error)".contains("https://schema.org/")
        }
    }

    @Test func malformedInputsGiveLineAndColumn() {
        let cases: [(RDFFormat, String, Int)] = [
            (.rdfXML, "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n<rdf:Description>\n</rdf:RDF>", 3),
            (.turtle, "@prefix ex: <http://ex/> .\nex:a ex:b \"unterminated .\n", 2),
            (.jsonLD, "{\n \"@id\": \"x\",\n \"a\" 1}", 3),
        ]
        for (format, text, line) in cases {
            do {
                _ = try format.parse(Data(text.utf8), baseIRI: nil)
                Issue.record("\(format) accepted malformed input")
            } catch {
                #expect(error.line == line, "\(format): \(error)")
                #expect(error.column != nil)
            }
        }
    }

    @Test func xxeIsRefused() {
        let xxe = """
        <?xml version="1.0"?>
        <!DOCTYPE rdf:RDF [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex/">
          <rdf:Description rdf:about="http://ex/a"><ex:p>&xxe;</ex:p></rdf:Description>
        </rdf:RDF>
        """
        #expect { try RDFXMLParser.parse(Data(xxe.utf8), baseIRI: nil) } throws: { ($0 as? RDFParseError)?.kind == .forbiddenDTD }
        let external = "<?xml version=\"1.0\"?>\n<!DOCTYPE rdf:RDF SYSTEM \"http://evil.example/x.dtd\">\n<rdf:RDF/>"
        #expect { try RDFXMLParser.parse(Data(external.utf8), baseIRI: nil) } throws: { ($0 as? RDFParseError)?.kind == .forbiddenDTD }
        // UTF-16 does not hide the DTD from the scan.
        let utf16 = Data([0xFF, 0xFE]) + xxe.data(using: .utf16LittleEndian)!
        #expect { try RDFXMLParser.parse(utf16, baseIRI: nil) } throws: { ($0 as? RDFParseError)?.kind == .forbiddenDTD }
    }

    @Test func billionLaughsIsRefused() {
        var dtd = "<!ENTITY lol \"lol\">"
        for i in 1...9 { dtd += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i == 1 ? "" : String(i - 1));", count: 10) + "\">" }
        let doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\(dtd)]>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:ex=\"http://ex/\"><rdf:Description rdf:about=\"http://ex/a\"><ex:p>&lol9;</ex:p></rdf:Description></rdf:RDF>"
        #expect { try RDFXMLParser.parse(Data(doc.utf8), baseIRI: nil) } throws: { error in
            let e = error as? RDFParseError
            return e?.kind == .forbiddenDTD && e?.line == 2
        }
    }

    @Test func limitsAreEnforced() throws {
        let data = try load("real-portals/destatis-catalog.rdf")
        #expect { try RDFXMLParser.parse(data, baseIRI: nil, limits: RDFLimits(maxTriples: 1000)) } throws: {
            ($0 as? RDFParseError)?.kind == .tooManyTriples
        }
        #expect { try RDFXMLParser.parse(data, baseIRI: nil, limits: RDFLimits(maxBytes: 1000)) } throws: {
            ($0 as? RDFParseError)?.kind == .inputTooLarge
        }
        let deep = String(repeating: "[", count: 10_000)
        #expect { try JSONLDParser.parse(Data(deep.utf8), baseIRI: nil) } throws: { ($0 as? RDFParseError)?.kind == .tooDeep }
        let deepTTL = "<http://a> <http://b> " + String(repeating: "[ <http://c> ", count: 10_000)
        #expect { try TurtleParser.parse(Data(deepTTL.utf8), baseIRI: nil) } throws: { ($0 as? RDFParseError)?.kind == .tooDeep }
    }
}
