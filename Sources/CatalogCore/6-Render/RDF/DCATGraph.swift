import Foundation

// The catalogue's RDF triples, built per dataset (`Head.part`). The files and endpoints write them per dataset
// (DCATDocument); `DCATGraph` merges and sorts them into one graph, the reference the tests compare with.
//
// Node naming: there are no blank nodes. Auxiliary nodes get deterministic IRIs derived from the owning
// subject: `{owner}#{name}` (or `{owner}-{name}` when the owner already has a fragment), e.g.
// `{dataset}#publisher`, `#contact`, `#creator`, `#spatial`, `#geometry`, `#temporal`, `#identifier-1`,
// `{distribution}#rights`, `{catalog}#publisher`. Agents with their own IRI use it.
//
// Profiles (`[catalog] profile`, docs/configuration.md; what each emits: docs/mapping.md, "Profiles"):
// - `.dcatAPde3` (default): DCAT-AP.de 3.0 on DCAT-AP 3.0. `dcat:byteSize` as `xsd:nonNegativeInteger`,
//   `locn:geometry` → a `locn:Geometry` node; the deprecated 2.0 properties replaced by their successors
//   (political geocoding → `dcterms:spatial` with the key IRI and, where known, the GeoNames IRI; the
//   geocoding description → `locn:geographicName` of the dataset's location; `owl:versionInfo` → `dcat:version`;
//   `dcatde:maintainer`/`originator` → `geodcatap:custodian`/`originator`; `dcatde:plannedAvailability` →
//   `dcatap:availability` (EU planned-availability); ADMS status → EU distribution-status); a geometry derived
//   from the political geocoding is published as `dcterms:spatial` → `dcterms:Location` → `locn:geometry` too.
// - `.dcatAPde2`: DCAT-AP.de 2.0 as before: `dcat:byteSize` as `xsd:decimal`, `locn:geometry` as a GeoJSON
//   literal, the dcatde: properties, SHA-1 checksums only, source geometries only.
// Both carry the full geometry as GeoSPARQL (`gsp:hasGeometry` → node with `gsp:asWKT` / `gsp:asGeoJSON`) and
// `dcat:bbox` as a WKT literal.
//
// Other choices: a dataset without publisher gets the catalogue's publisher (DCAT-AP.de K36 requires one);
// a contact point without e-mail and URL is not emitted (K01); `derivedFrom` becomes `prov:wasDerivedFrom`
// only (ap3 requires `dct:source` objects to be full `dcat:Dataset`s); distributions without a canonical
// licence IRI get no `dct:license`; vocabulary IRIs that shapes check by class get an explicit `rdf:type`
// (access/download URLs `rdfs:Resource`, formats `dct:MediaTypeOrExtent` …: the shapes run without RDFS
// inference); political-geocoding IRIs state their dcat-ap.de key scheme (`skos:inScheme`).

/// Something the exporter could not emit as given (invalid IRI, malformed date, dropped node …).
package struct ExportProblem: Sendable, Hashable, Comparable, Codable {
    /// The source id of the dataset concerned ("" for catalogue-level problems).
    package var source: String
    /// The dataset's remote id (nil for catalogue-level problems).
    package var record: String?
    /// The subject IRI the value belonged to.
    package var subject: String
    /// The property (compact IRI, e.g. `dcat:accessURL`).
    package var property: String
    /// The offending value as given.
    package var value: String
    package var reason: String

    package static func < (a: ExportProblem, b: ExportProblem) -> Bool {
        (a.source, a.record ?? "", a.subject, a.property, a.value, a.reason)
            < (b.source, b.record ?? "", b.subject, b.property, b.value, b.reason)
    }

    /// As a pipeline finding (`export.*` codes, severity warning).
    package var finding: Finding {
        Finding(.warning, source: source, record: record, field: property, .exportValueDropped, [reason, value])
    }

    /// The German text of a reason (the builder's reasons are a closed set; one naming a fallback ends in
    /// "; using X"). An unknown reason is quoted as it is, marked as English.
    static func german(_ reason: String) -> String {
        if let r = reason.range(of: "; using ") {
            let head = String(reason[..<r.lowerBound]), target = String(reason[r.upperBound...])
            let what = target == "the download URL" ? "die Download-URL" : target == "a derived IRI" ? "eine abgeleitete IRI" : target
            return german(head) + "; stattdessen " + what
        }
        return germanReasons[reason] ?? "(englisch) " + reason
    }

    private static let germanReasons: [String: String] = [
        "not an absolute IRI": "keine absolute IRI",
        "not a valid xsd:date/xsd:dateTime": "kein gültiges xsd:date/xsd:dateTime",
        "catalogue IRI is not absolute": "die Katalog-IRI ist nicht absolut",
        "agent IRI is not absolute": "die IRI des Akteurs ist nicht absolut",
        "not an e-mail address": "keine E-Mail-Adresse",
        "not an ADMS publisher type": "kein ADMS-Herausgebertyp",
        "dataset IRI is not absolute": "die Datensatz-IRI ist nicht absolut",
        "not an EU data-theme code": "kein Code eines EU-Datenthemas",
        "contact point without e-mail or URL is not exported (DCAT-AP.de K01)":
            "ein Kontakt ohne E-Mail oder URL wird nicht ausgegeben (DCAT-AP.de K01)",
        "not a phone number": "keine Telefonnummer",
        "not a valid GeoJSON geometry in WGS84": "keine gültige GeoJSON-Geometrie in WGS84",
        "not a valid WGS84 bounding box": "kein gültiger WGS84-Begrenzungsrahmen",
        "distribution IRI is not absolute": "die Distributions-IRI ist nicht absolut",
        "not an EU file-type code": "kein Code der EU-Dateitypliste",
        "not an IANA media type": "kein IANA-Medientyp",
        "negative size": "negative Größe",
        "not a value of its vocabulary": "kein Wert seines Vokabulars",
        "not a hexadecimal checksum": "keine hexadezimale Prüfsumme",
        "not a known checksum algorithm": "kein bekannter Prüfsummen-Algorithmus",
        "two datasets share this IRI; their triples are merged": "zwei Datensätze teilen diese IRI; ihre Tripel werden zusammengeführt",
    ]
}

package struct DCATGraph: Sendable {
    /// The application profile the RDF follows; the raw value is the `[catalog] profile` setting.
    package enum Profile: String, Sendable, Hashable, CaseIterable, Codable {
        /// DCAT-AP.de 3.0 (and DCAT-AP 3.0.1); the default.
        case dcatAPde3 = "dcat-ap.de-3.0"
        /// DCAT-AP.de 2.0, for portals that still take 2.0.
        case dcatAPde2 = "dcat-ap.de-2.0"

        package static let `default` = Profile.dcatAPde3
    }

    /// The profile the graph was built with.
    package let profile: Profile

    /// Sorted, without duplicates.
    package private(set) var triples: [DCATTriple]
    /// Sorted, without duplicates.
    package private(set) var problems: [ExportProblem]

    /// Builds the graph: the catalogue's own triples, then each dataset's (`Head.part`, the same triples the
    /// catalogue files write, see DCATDocument) in parallel chunks of 256, every triple once, sorted. Nodes
    /// shared by many datasets (a file type, a licence) collapse into one triple here. The catalogue files do not
    /// use it (they are written per dataset, DCATDocument); it is the reference the tests and the bench read.
    /// `profile` nil: the catalogue's own (`Catalog.profile`, from the configuration).
    package init(_ catalog: Catalog, profile: Profile? = nil) {
        let catalog = PublishedView.ensure(catalog)
        let head = Head(catalog, profile: profile)
        self.profile = head.profile
        // In the documents' order, so a duplicate IRI is reported for the same dataset as in the files.
        let datasets = DCATDocument.inDocumentOrder(catalog.datasets)
        let chunk = 256
        struct Chunk { var triples: [DCATTriple] = []; var iris: [String] = []; var problems: [ExportProblem] = [] }
        var parts = ParallelMap.map(Array(stride(from: 0, to: datasets.count, by: chunk)), minimum: 2, chunk: 1) { start -> Chunk in
            var c = Chunk()
            for d in datasets[start..<min(datasets.count, start + chunk)] {
                let p = head.part(d)
                c.triples += p.own
                c.triples += p.shared
                c.triples.append(DCATTriple(head.catalog, GraphIRI.dcat_dataset, .iri(p.iri)))
                c.iris.append(p.iri)
                c.problems += p.problems
            }
            DCATGraphBuilder.sortUnique(&c.triples)
            return c
        }
        var problems = head.problems
        var all = head.triples
        all.reserveCapacity(parts.reduce(all.count) { $0 + $1.triples.count })
        var iris: [String] = []
        for p in parts.indices {
            all += parts[p].triples
            iris += parts[p].iris
            problems += parts[p].problems
            parts[p] = Chunk()  // each chunk's array is freed once copied
        }
        problems += DCATDocument.duplicateIRIs(iris, datasets: datasets[...])
        DCATGraphBuilder.sortUnique(&all)
        triples = all
        self.problems = Array(Set(problems)).sorted()
    }

    /// The catalogue-level part of a graph (the catalogue node, its publisher, the concept schemes). Built once
    /// per catalogue; every document and the whole graph add the datasets' parts (`part(_:)`) to it.
    package struct Head: Sendable {
        let base: Catalog
        let profile: Profile
        let language: String
        let catalog: String
        let publisher: String
        /// Sorted, without duplicates.
        let triples: [DCATTriple]
        let problems: [ExportProblem]

        /// `catalog` without its datasets (only its own properties are read).
        package init(_ catalog: Catalog, profile: Profile? = nil) {
            var base = catalog
            base.datasets = []
            self.base = base
            self.profile = profile ?? catalog.profile ?? .default
            // Literals are tagged with their record's language, else the catalogue's first language.
            language = LiteralLanguage.tag(catalog.languages.first) ?? "de"
            var b = DCATGraphBuilder(profile: self.profile, language: language)
            (self.catalog, publisher) = b.catalogue(catalog)
            triples = b.sortedTriples()
            problems = b.problems
        }
    }

    /// The triples grouped by subject, subjects in sorted order.
    package var subjects: [(subject: String, triples: [DCATTriple])] {
        var out: [(String, [DCATTriple])] = []
        for t in triples {
            if let last = out.last, last.0 == t.subject { out[out.count - 1].1.append(t) } else { out.append((t.subject, [t])) }
        }
        return out.map { (subject: $0.0, triples: $0.1) }
    }

    /// `{owner}#{name}`, or `{owner}-{name}` when `owner` already has a fragment.
    package static func node(_ owner: String, _ name: String) -> String {
        owner.contains("#") ? owner + "-" + name : owner + "#" + name
    }

    /// Validates a DateValue's lexical form; returns the typed literal or nil.
    package static func dateLiteral(_ d: DateValue) -> DCATTerm? {
        let s = d.lexical
        if d.isDate { return isDate(s) ? .typed(s, GraphIRI.xsd_date) : nil }
        return isDateTime(s) ? .typed(s, GraphIRI.xsd_dateTime) : nil
    }

    static func isDate(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 10, u[4] == 45, u[7] == 45 else { return false }
        guard let y = Int(String(s.prefix(4))), let m = Int(String(s.dropFirst(5).prefix(2))),
            let d = Int(String(s.dropFirst(8))), y > 0
        else { return false }
        let digits = u.enumerated().allSatisfy { i, c in i == 4 || i == 7 || (c >= 48 && c <= 57) }
        let maxDay = [31, (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return digits && (1...12).contains(m) && d >= 1 && d <= maxDay[m - 1]
    }

    static func isDateTime(_ s: String) -> Bool {
        guard s.count >= 19, isDate(String(s.prefix(10))) else { return false }
        let u = Array(s.utf8)
        guard u[10] == UInt8(ascii: "T"), u[13] == 58, u[16] == 58 else { return false }
        func num(_ r: Range<Int>) -> Int? {
            guard r.allSatisfy({ u[$0] >= 48 && u[$0] <= 57 }) else { return nil }
            return Int(String(decoding: u[r], as: UTF8.self))
        }
        guard let h = num(11..<13), let mi = num(14..<16), let se = num(17..<19), h < 24, mi < 60, se < 60 else { return false }
        var i = 19
        if i < u.count, u[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < u.count, u[i] >= 48, u[i] <= 57 { i += 1 }
            if i == start { return false }
        }
        if i == u.count { return true }
        if u[i] == UInt8(ascii: "Z") { return i + 1 == u.count }
        guard u[i] == 43 || u[i] == 45, u.count == i + 6, u[i + 3] == 58,
            let zh = num((i + 1)..<(i + 3)), let zm = num((i + 4)..<(i + 6)), zh <= 14, zm < 60
        else { return false }
        return true
    }
}

/// ADMS publisher types (`http://purl.org/adms/publishertype/…`) with their English labels.
package enum ADMSPublisherType {
    package static let scheme = "http://purl.org/adms/publishertype/1.0"
    package static let labels: [String: String] = {
        let base = "http://purl.org/adms/publishertype/"
        let pairs = [
            ("Academia-ScientificOrganisation", "Academia/Scientific organisation"), ("Company", "Company"),
            ("IndustryConsortium", "Industry consortium"), ("LocalAuthority", "Local Authority"),
            ("NationalAuthority", "National authority"), ("NonGovernmentalOrganisation", "Non-Governmental Organisation"),
            ("NonProfitOrganisation", "Non-Profit Organisation"), ("PrivateIndividual(s)", "Private Individual(s)"),
            ("RegionalAuthority", "Regional authority"), ("StandardisationBody", "Standardisation body"),
            ("SupraNationalAuthority", "Supra-national authority"),
        ]
        return Dictionary(uniqueKeysWithValues: pairs.map { (base + $0.0, $0.1) })
    }()
}

extension FindingTemplate {
    /// Arguments: [the builder's reason (English), value as given]
    static let exportValueDropped = FindingTemplate("export.value.dropped", { "\($0[0]): \($0[1])" }, de: { "\(ExportProblem.german($0[0])): \($0[1])" })
}
