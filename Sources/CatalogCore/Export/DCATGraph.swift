import Foundation

// The one RDF graph all RDF exports are serialised from (so Turtle, RDF/XML and JSON-LD always carry the
// same triples).
//
// Node naming: there are no blank nodes. Auxiliary nodes get deterministic IRIs derived from the owning
// subject: `{owner}#{name}` (or `{owner}-{name}` when the owner already has a fragment), e.g.
// `{dataset}#publisher`, `#contact`, `#creator`, `#spatial`, `#geometry`, `#temporal`, `#identifier-1`,
// `{distribution}#rights`, `{catalog}#publisher`. Agents with their own IRI use it.
//
// Profile choices (the shapes of DCAT-AP.de 2.0 and DCAT-AP 3.0 contradict each other in two places):
// - `dcat:byteSize`: de2 demands `xsd:decimal`, ap3 `xsd:nonNegativeInteger` (both maxCount 1).
// - `locn:geometry`: de2 demands a literal, ap3 a `locn:Geometry` node (both maxCount 1).
// The default `.conformant` profile satisfies both: it omits `dcat:byteSize` (kept in the CSV exports) and
// carries the full geometry as GeoSPARQL (`gsp:hasGeometry` → node with `gsp:asWKT` / `gsp:asGeoJSON`), plus
// `dcat:bbox` as a WKT literal. `.dcatAPde2` / `.dcatAP3` add the profile-specific forms.
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
        Finding(.warning, "export.value.dropped", source: source, record: record, field: property, "\(reason): \(value)")
    }
}

package struct DCATGraph: Sendable {
    package enum Profile: String, Sendable, Hashable, CaseIterable {
        /// Conforms to DCAT-AP.de 2.0 and DCAT-AP 3.0 at the same time (default).
        case conformant
        /// Adds `dcat:byteSize` as `xsd:decimal` and `locn:geometry` as a GeoJSON literal.
        case dcatAPde2
        /// Adds `dcat:byteSize` as `xsd:nonNegativeInteger` and `locn:geometry` → `locn:Geometry` node.
        case dcatAP3
    }

    /// Sorted, without duplicates.
    package private(set) var triples: [DCATTriple]
    /// Sorted, without duplicates.
    package private(set) var problems: [ExportProblem]

    /// Builds the graph: the catalogue's own triples, then the datasets in parallel chunks of 256. Each chunk
    /// collects its triples in an array and sorts it; the sorted runs are then merged by one sort (which finds
    /// the runs) and adjacent duplicates dropped. Nodes shared by many datasets (a file type, a licence, the
    /// catalogue's publisher) are stated by each and collapse into one triple here. No hash set of string
    /// triples: hashing every triple and then sorting it anyway cost more than the builder's own work.
    package init(_ catalog: Catalog, profile: Profile = .conformant) {
        let catalog = PublishedView.ensure(catalog)
        // Literals are tagged with their record's language, else the catalogue's first language.
        let language = LiteralLanguage.tag(catalog.languages.first) ?? "de"
        var head = Builder(profile: profile, language: language)
        let (cat, publisher) = head.catalogue(catalog)
        let datasets = catalog.datasets
        let chunk = 256
        struct Part { var triples: [DCATTriple]; var problems: [ExportProblem]; var iris: [String] }
        var parts = ParallelMap.map(Array(stride(from: 0, to: datasets.count, by: chunk)), minimum: 2, chunk: 1) { start -> Part in
            var b = Builder(profile: profile, language: language)
            var iris: [String] = []
            for d in datasets[start..<min(datasets.count, start + chunk)] {
                b.source = d.sourceID
                b.record = d.remoteID
                let iri = b.dataset(d, catalog: cat, catalogPublisher: publisher)
                b.add(cat, V.dcat_dataset, .iri(iri))
                iris.append(iri)
            }
            return Part(triples: b.sortedTriples(), problems: b.problems, iris: iris)
        }
        var problems = head.problems
        var seen: Set<String> = []
        var all = head.sortedTriples()
        all.reserveCapacity(parts.reduce(all.count) { $0 + $1.triples.count })
        for p in parts.indices {
            let part = parts[p]
            parts[p] = Part(triples: [], problems: [], iris: [])  // each chunk's array is freed once copied
            for (k, iri) in part.iris.enumerated() where !seen.insert(iri).inserted {
                let d = datasets[p * chunk + k]
                problems.append(ExportProblem(source: d.sourceID, record: d.remoteID, subject: iri, property: "dcat:dataset", value: d.uri,
                                              reason: "two datasets share this IRI; their triples are merged"))
            }
            problems += part.problems
            all += part.triples
        }
        Builder.sortUnique(&all)
        triples = all
        self.problems = Array(Set(problems)).sorted()
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
        switch d {
        case .date(let s): isDate(s) ? .typed(s, V.xsd_date) : nil
        case .dateTime(let s): isDateTime(s) ? .typed(s, V.xsd_dateTime) : nil
        }
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

/// Every vocabulary IRI the builder emits, concatenated once: building `dcat + "Dataset"` for every triple was a
/// measurable share of the graph build (an allocation, and a hash over a fresh string).
private enum V {
    static let adms_Identifier = ExportNS.adms + "Identifier"
    static let adms_identifier = ExportNS.adms + "identifier"
    static let dcat_Catalog = ExportNS.dcat + "Catalog"
    static let dcat_Dataset = ExportNS.dcat + "Dataset"
    static let dcat_Distribution = ExportNS.dcat + "Distribution"
    static let dcat_accessURL = ExportNS.dcat + "accessURL"
    static let dcat_bbox = ExportNS.dcat + "bbox"
    static let dcat_byteSize = ExportNS.dcat + "byteSize"
    static let dcat_contactPoint = ExportNS.dcat + "contactPoint"
    static let dcat_dataset = ExportNS.dcat + "dataset"
    static let dcat_distribution = ExportNS.dcat + "distribution"
    static let dcat_downloadURL = ExportNS.dcat + "downloadURL"
    static let dcat_endDate = ExportNS.dcat + "endDate"
    static let dcat_keyword = ExportNS.dcat + "keyword"
    static let dcat_landingPage = ExportNS.dcat + "landingPage"
    static let dcat_mediaType = ExportNS.dcat + "mediaType"
    static let dcat_startDate = ExportNS.dcat + "startDate"
    static let dcat_theme = ExportNS.dcat + "theme"
    static let dcat_themeTaxonomy = ExportNS.dcat + "themeTaxonomy"
    static let adms_status = ExportNS.adms + "status"
    static let adms_versionNotes = ExportNS.adms + "versionNotes"
    static let dcatde_maintainer = ExportNS.dcatde + "maintainer"
    static let dcatde_originator = ExportNS.dcatde + "originator"
    static let dcatde_plannedAvailability = ExportNS.dcatde + "plannedAvailability"
    static let foaf_page = ExportNS.foaf + "page"
    static let spdx_Checksum = ExportNS.spdx + "Checksum"
    static let spdx_ChecksumAlgorithm = ExportNS.spdx + "ChecksumAlgorithm"
    static let spdx_algorithm = ExportNS.spdx + "algorithm"
    static let spdx_checksum = ExportNS.spdx + "checksum"
    static let spdx_checksumValue = ExportNS.spdx + "checksumValue"
    static let xsd_hexBinary = ExportNS.xsd + "hexBinary"
    static let dcatde_contributorID = ExportNS.dcatde + "contributorID"
    static let dcatde_geocodingDescription = ExportNS.dcatde + "geocodingDescription"
    static let dcatde_legalBasis = ExportNS.dcatde + "legalBasis"
    static let dcatde_licenseAttributionByText = ExportNS.dcatde + "licenseAttributionByText"
    static let dcatde_politicalGeocodingLevelURI = ExportNS.dcatde + "politicalGeocodingLevelURI"
    static let dcatde_politicalGeocodingURI = ExportNS.dcatde + "politicalGeocodingURI"
    static let dct_Frequency = ExportNS.dct + "Frequency"
    static let dct_LicenseDocument = ExportNS.dct + "LicenseDocument"
    static let dct_LinguisticSystem = ExportNS.dct + "LinguisticSystem"
    static let dct_Location = ExportNS.dct + "Location"
    static let dct_MediaType = ExportNS.dct + "MediaType"
    static let dct_MediaTypeOrExtent = ExportNS.dct + "MediaTypeOrExtent"
    static let dct_PeriodOfTime = ExportNS.dct + "PeriodOfTime"
    static let dct_RightsStatement = ExportNS.dct + "RightsStatement"
    static let dct_ProvenanceStatement = ExportNS.dct + "ProvenanceStatement"
    static let dct_provenance = ExportNS.dct + "provenance"
    static let dct_relation = ExportNS.dct + "relation"
    static let dct_Standard = ExportNS.dct + "Standard"
    static let dct_accessRights = ExportNS.dct + "accessRights"
    static let dct_accrualPeriodicity = ExportNS.dct + "accrualPeriodicity"
    static let dct_conformsTo = ExportNS.dct + "conformsTo"
    static let dct_creator = ExportNS.dct + "creator"
    static let dct_description = ExportNS.dct + "description"
    static let dct_format = ExportNS.dct + "format"
    static let dct_identifier = ExportNS.dct + "identifier"
    static let dct_issued = ExportNS.dct + "issued"
    static let dct_language = ExportNS.dct + "language"
    static let dct_license = ExportNS.dct + "license"
    static let dct_modified = ExportNS.dct + "modified"
    static let dct_publisher = ExportNS.dct + "publisher"
    static let dct_rights = ExportNS.dct + "rights"
    static let dct_spatial = ExportNS.dct + "spatial"
    static let dct_temporal = ExportNS.dct + "temporal"
    static let dct_title = ExportNS.dct + "title"
    static let dct_type = ExportNS.dct + "type"
    static let foaf_Agent = ExportNS.foaf + "Agent"
    static let foaf_Document = ExportNS.foaf + "Document"
    static let foaf_homepage = ExportNS.foaf + "homepage"
    static let foaf_mbox = ExportNS.foaf + "mbox"
    static let foaf_name = ExportNS.foaf + "name"
    static let gsp_Geometry = ExportNS.gsp + "Geometry"
    static let gsp_asGeoJSON = ExportNS.gsp + "asGeoJSON"
    static let gsp_asWKT = ExportNS.gsp + "asWKT"
    static let gsp_geoJSONLiteral = ExportNS.gsp + "geoJSONLiteral"
    static let gsp_hasGeometry = ExportNS.gsp + "hasGeometry"
    static let gsp_wktLiteral = ExportNS.gsp + "wktLiteral"
    static let locn_Geometry = ExportNS.locn + "Geometry"
    static let locn_geometry = ExportNS.locn + "geometry"
    static let owl_versionInfo = ExportNS.owl + "versionInfo"
    static let prov_wasDerivedFrom = ExportNS.prov + "wasDerivedFrom"
    static let rdf_type = ExportNS.rdf + "type"
    static let rdfs_Resource = ExportNS.rdfs + "Resource"
    static let rdfs_label = ExportNS.rdfs + "label"
    static let skos_Concept = ExportNS.skos + "Concept"
    static let skos_ConceptScheme = ExportNS.skos + "ConceptScheme"
    static let skos_inScheme = ExportNS.skos + "inScheme"
    static let skos_notation = ExportNS.skos + "notation"
    static let skos_prefLabel = ExportNS.skos + "prefLabel"
    static let vcard_Address = ExportNS.vcard + "Address"
    static let vcard_country_name = ExportNS.vcard + "country-name"
    static let vcard_hasAddress = ExportNS.vcard + "hasAddress"
    static let vcard_locality = ExportNS.vcard + "locality"
    static let vcard_postal_code = ExportNS.vcard + "postal-code"
    static let vcard_region = ExportNS.vcard + "region"
    static let vcard_street_address = ExportNS.vcard + "street-address"
    static let vcard_Kind = ExportNS.vcard + "Kind"
    static let vcard_Organization = ExportNS.vcard + "Organization"
    static let vcard_fn = ExportNS.vcard + "fn"
    static let vcard_hasEmail = ExportNS.vcard + "hasEmail"
    static let vcard_hasTelephone = ExportNS.vcard + "hasTelephone"
    static let vcard_hasURL = ExportNS.vcard + "hasURL"
    static let xsd_date = ExportNS.xsd + "date"
    static let xsd_dateTime = ExportNS.xsd + "dateTime"
    static let xsd_decimal = ExportNS.xsd + "decimal"
    static let xsd_nonNegativeInteger = ExportNS.xsd + "nonNegativeInteger"
}

// MARK: - Builder

private struct Builder {
    let profile: DCATGraph.Profile
    /// In the order added, with repeats (see `sortedTriples`).
    var triples: [DCATTriple] = []
    var problems: [ExportProblem] = []
    var source = ""
    var record: String?
    /// The catalogue's language tag, and the one of the dataset being built (its `textLanguage`, else the catalogue's).
    let catalogueLanguage: String
    var literalLanguage: String

    init(profile: DCATGraph.Profile, language: String) {
        self.profile = profile
        catalogueLanguage = language
        literalLanguage = language
    }

    mutating func problem(_ subject: String, _ property: String, _ value: String, _ reason: String) {
        problems.append(ExportProblem(source: source, record: record, subject: subject, property: property, value: value, reason: reason))
    }

    mutating func add(_ s: String, _ p: String, _ o: DCATTerm) { triples.append(DCATTriple(s, p, o)) }

    /// The triples sorted, each once.
    mutating func sortedTriples() -> [DCATTriple] {
        var out = triples
        triples = []
        Self.sortUnique(&out)
        return out
    }

    /// Sorts in place and drops repeats (the graph's arrays are large: no copies).
    static func sortUnique(_ a: inout [DCATTriple]) {
        a.sort()
        guard a.count > 1 else { return }
        var kept = 1
        for i in 1..<a.count where a[i] != a[kept - 1] {
            if i != kept { a.swapAt(i, kept) }
            kept += 1
        }
        a.removeLast(a.count - kept)
    }
    mutating func type(_ s: String, _ cls: String) { add(s, V.rdf_type, .iri(cls)) }

    /// A literal in the current record's language.
    mutating func text(_ s: String, _ p: String, _ value: String?) { text(s, p, value, lang: literalLanguage) }

    mutating func text(_ s: String, _ p: String, _ value: String?, lang: String?) {
        guard let value else { return }
        guard let clean = ExportText.meaningful(value) else { return }
        add(s, p, .text(clean, lang: lang))
    }

    /// Adds `s p <iri>` when `raw` normalises to an absolute IRI; reports it otherwise. Returns the IRI.
    @discardableResult
    mutating func link(_ s: String, _ p: String, _ raw: String?, type cls: String? = nil) -> String? {
        guard let raw, !raw.trimmedSpace().isEmpty else { return nil }
        guard let iri = ExportIRI.normalise(raw) else {
            problem(s, short(p), raw, "not an absolute IRI")
            return nil
        }
        add(s, p, .iri(iri))
        if let cls { type(iri, cls) }
        return iri
    }

    mutating func date(_ s: String, _ p: String, _ d: DateValue?) {
        guard let d else { return }
        if let lit = DCATGraph.dateLiteral(d) { add(s, p, lit) } else { problem(s, short(p), d.lexical, "not a valid xsd:date/xsd:dateTime") }
    }

    func short(_ iri: String) -> String {
        if let c = ExportNS.compact(iri) { return c.prefix + ":" + c.local }
        return iri
    }

    // MARK: catalogue

    /// The catalogue's own triples (not its datasets); returns the catalogue IRI and its publisher node.
    mutating func catalogue(_ c: Catalog) -> (catalog: String, publisher: String) {
        source = ""
        record = nil
        let cat: String
        if let iri = ExportIRI.normalise(c.uri) { cat = iri } else {
            cat = "urn:x-opendata:catalog"
            problem(c.uri, "dcat:Catalog", c.uri, "catalogue IRI is not absolute; using \(cat)")
        }
        type(cat, V.dcat_Catalog)
        text(cat, V.dct_title, c.title)
        text(cat, V.dct_description, c.description.isEmpty ? c.title : c.description)
        let publisher = agent(c.publisher, fallbackNode: DCATGraph.node(cat, "publisher"))
        add(cat, V.dct_publisher, .iri(publisher))
        link(cat, V.foaf_homepage, c.homepage, type: V.foaf_Document)
        for l in c.languages { link(cat, V.dct_language, l, type: V.dct_LinguisticSystem) }
        date(cat, V.dct_modified, c.modified)
        add(cat, V.dcat_themeTaxonomy, .iri(String(Vocabulary.themeBase.dropLast())))
        describeVocabularies()
        return (cat, publisher)
    }

    /// The controlled vocabularies our values are drawn from or aligned with, each as a `skos:ConceptScheme`
    /// with its official title. DCAT-AP 3 requires `dct:title` on every concept scheme in the graph, and the
    /// published vocabulary files (loaded beside the catalogue by validators, as the official SHACL check does)
    /// do not carry one: without this block every DCAT-AP 3 validation of our catalogue reports 9 violations
    /// that no data fix could remove.
    mutating func describeVocabularies() {
        let schemes: [(String, String, String)] = [
            ("http://publications.europa.eu/resource/authority/data-theme", "Data theme", "Datenthema"),
            ("http://publications.europa.eu/resource/authority/file-type", "File type", "Dateityp"),
            ("http://publications.europa.eu/resource/authority/language", "Language", "Sprache"),
            ("http://publications.europa.eu/resource/authority/access-right", "Access right", "Zugriffsrecht"),
            ("http://publications.europa.eu/resource/authority/frequency", "Frequency", "Frequenz"),
            ("http://publications.europa.eu/resource/authority/licence", "Licence", "Lizenz"),
            ("https://www.iana.org/assignments/media-types", "Media Types", "Medientypen"),
            ("http://dcat-ap.de/def/licenses", "Lizenzen (DCAT-AP.de)", "Lizenzen (DCAT-AP.de)"),
            ("http://dcat-ap.de/def/contributors", "Datenbereitsteller (DCAT-AP.de)", "Datenbereitsteller (DCAT-AP.de)"),
            ("http://purl.org/adms/licencetype/1.0", "ADMS licence type", "ADMS-Lizenztyp"),
        ]
        for (iri, en, de) in schemes {
            type(iri, V.skos_ConceptScheme)
            text(iri, V.dct_title, en, lang: "en")
            if de != en { text(iri, V.dct_title, de, lang: "de") }
        }
        // The dcat-ap.de licence list (1.0) types each licence with `dct:type` <…/def/offen> or <…/def/geschlossen>
        // without declaring those terms; DCAT-AP 3 requires a licence document's dct:type to be a skos:Concept.
        for (iri, label) in [("http://dcat-ap.de/def/offen", "offen"), ("http://dcat-ap.de/def/geschlossen", "geschlossen")] {
            type(iri, V.skos_Concept)
            text(iri, V.skos_prefLabel, label, lang: "de")
        }
    }

    /// Emits a foaf:Agent and returns its node IRI.
    mutating func agent(_ a: Agent, fallbackNode: String) -> String {
        var node = fallbackNode
        if let u = a.uri, !u.isEmpty {
            if let iri = ExportIRI.normalise(u) { node = iri } else { problem(fallbackNode, "foaf:Agent", u, "agent IRI is not absolute; using \(fallbackNode)") }
        }
        type(node, V.foaf_Agent)
        let name = ExportText.sanitise(a.name).trimmedSpace()
        add(node, V.foaf_name, .text(name.isEmpty ? "Unbekannt" : name))
        if let e = a.email, !e.isEmpty {
            if let m = ExportIRI.mailto(e) { add(node, V.foaf_mbox, .iri(m)) } else { problem(node, "foaf:mbox", e, "not an e-mail address") }
        }
        link(node, V.foaf_homepage, a.homepage)
        if let t = a.type, !t.isEmpty {
            if let iri = ExportIRI.normalise(t), let label = ADMSPublisherType.labels[iri] {
                add(node, V.dct_type, .iri(iri))
                type(iri, V.skos_Concept)
                add(iri, V.skos_prefLabel, .text(label, lang: "en"))
                add(iri, V.skos_inScheme, .iri(ADMSPublisherType.scheme))
            } else {
                problem(node, "dct:type", t, "not an ADMS publisher type")
            }
        }
        return node
    }

    // MARK: dataset

    mutating func dataset(_ d: Dataset, catalog: String, catalogPublisher: String) -> String {
        let f = d.facts
        let ds = f.iri
        literalLanguage = LiteralLanguage.tag(d.textLanguage) ?? catalogueLanguage
        defer { literalLanguage = catalogueLanguage }
        if ExportIRI.normalise(d.uri) == nil { problem(ds, "dcat:Dataset", d.uri, "dataset IRI is not absolute; using a derived IRI") }
        type(ds, V.dcat_Dataset)
        text(ds, V.dct_title, d.title)
        text(ds, V.dct_description, d.description.trimmedSpace().isEmpty ? d.title : d.description)
        text(ds, V.dct_identifier, d.identifier, lang: nil)
        for (i, other) in d.otherIdentifiers.enumerated() {
            guard let clean = ExportText.meaningful(other) else { continue }
            let node = DCATGraph.node(ds, "identifier-\(i + 1)")
            add(ds, V.adms_identifier, .iri(node))
            type(node, V.adms_Identifier)
            add(node, V.skos_notation, .text(clean))
        }
        for k in d.keywords { text(ds, V.dcat_keyword, k) }
        for code in f.themes { add(ds, V.dcat_theme, .iri(Vocabulary.themeBase + code)) }
        for t in d.themes where PublishedView.themeCode(t) == nil { problem(ds, "dcat:theme", t, "not an EU data-theme code") }
        date(ds, V.dct_issued, d.issued)
        date(ds, V.dct_modified, d.modified)
        link(ds, V.dcat_landingPage, d.landingPage, type: V.foaf_Document)

        if f.publisherFromCatalogue {
            add(ds, V.dct_publisher, .iri(catalogPublisher))
        } else {
            add(ds, V.dct_publisher, .iri(agent(f.publisher, fallbackNode: DCATGraph.node(ds, "publisher"))))
        }
        if let c = d.creator { add(ds, V.dct_creator, .iri(agent(c, fallbackNode: DCATGraph.node(ds, "creator")))) }
        if let m = d.maintainer { add(ds, V.dcatde_maintainer, .iri(agent(m, fallbackNode: DCATGraph.node(ds, "maintainer")))) }
        if let o = d.originator { add(ds, V.dcatde_originator, .iri(agent(o, fallbackNode: DCATGraph.node(ds, "originator")))) }
        if let cp = d.contactPoint { contact(cp, dataset: ds) }

        spatial(d, ds)
        for g in d.politicalGeocoding {
            if let iri = link(ds, V.dcatde_politicalGeocodingURI, g), let scheme = Self.geocodingScheme(iri) {
                add(iri, V.skos_inScheme, .iri(scheme))
            }
        }
        if let iri = link(ds, V.dcatde_politicalGeocodingLevelURI, d.politicalGeocodingLevel),
            iri.hasPrefix(Vocabulary.politicalGeocodingBase + "Level/")
        {
            add(iri, V.skos_inScheme, .iri(Vocabulary.politicalGeocodingBase + "Level"))
        }
        text(ds, V.dcatde_geocodingDescription, d.geocodingText)

        if let t = d.temporal {
            let node = DCATGraph.node(ds, "temporal")
            var any = false
            for (p, v) in [(V.dcat_startDate, t.start), (V.dcat_endDate, t.end)] {
                guard let v else { continue }
                if let lit = DCATGraph.dateLiteral(v) {
                    add(node, p, lit)
                    any = true
                } else {
                    problem(node, short(p), v.lexical, "not a valid xsd:date/xsd:dateTime")
                }
            }
            if any {
                type(node, V.dct_PeriodOfTime)
                add(ds, V.dct_temporal, .iri(node))
            }
        }
        link(ds, V.dct_accessRights, d.accessRights, type: V.dct_RightsStatement)
        for c in d.conformsTo { link(ds, V.dct_conformsTo, c, type: V.dct_Standard) }
        for l in d.languages { link(ds, V.dct_language, l, type: V.dct_LinguisticSystem) }
        link(ds, V.dct_accrualPeriodicity, d.accrualPeriodicity, type: V.dct_Frequency)
        text(ds, V.owl_versionInfo, d.version, lang: nil)
        text(ds, V.adms_versionNotes, d.versionNotes)
        for page in d.documentation ?? [] { link(ds, V.foaf_page, page, type: V.foaf_Document) }
        for r in d.relations ?? [] { link(ds, V.dct_relation, r, type: V.rdfs_Resource) }
        if let p = d.provenanceStatement, ExportText.meaningful(p) != nil {
            let node = DCATGraph.node(ds, "provenance")
            add(ds, V.dct_provenance, .iri(node))
            type(node, V.dct_ProvenanceStatement)
            text(node, V.rdfs_label, p)
        }
        for c in d.contributorIDs { link(ds, V.dcatde_contributorID, c) }
        text(ds, V.dcatde_legalBasis, d.legalBasis)
        for s in d.derivedFrom { link(ds, V.prov_wasDerivedFrom, s) }

        for (i, dist) in d.distributions.enumerated() {
            let iri = distribution(dist, published: f.distributions[i], dataset: ds, index: i + 1)
            add(ds, V.dcat_distribution, .iri(iri))
        }
        return ds
    }

    /// The dcat-ap.de key scheme a political-geocoding IRI belongs to (`…/municipalityKey/05334002` →
    /// `…/municipalityKey`); stated so validators need not load the large key vocabularies.
    static func geocodingScheme(_ iri: String) -> String? {
        let kinds = ["municipalityKey", "regionalKey", "municipalAssociationKey", "districtKey", "governmentDistrictKey", "stateKey"]
        for k in kinds {
            let scheme = Vocabulary.politicalGeocodingBase + k
            if iri.hasPrefix(scheme + "/"), iri.count > scheme.count + 1, !iri.dropFirst(scheme.count + 1).contains("/") { return scheme }
        }
        return nil
    }

    mutating func contact(_ cp: ContactPoint, dataset ds: String) {
        let node = DCATGraph.node(ds, "contact")
        var reachable = false
        var pending: [DCATTriple] = []
        if let e = cp.email, !e.isEmpty {
            if let m = ExportIRI.mailto(e) {
                pending.append(DCATTriple(node, V.vcard_hasEmail, .iri(m)))
                reachable = true
            } else { problem(node, "vcard:hasEmail", e, "not an e-mail address") }
        }
        if let u = cp.url, !u.isEmpty {
            if let iri = ExportIRI.normalise(u) {
                pending.append(DCATTriple(node, V.vcard_hasURL, .iri(iri)))
                reachable = true
            } else { problem(node, "vcard:hasURL", u, "not an absolute IRI") }
        }
        guard reachable else {
            if !cp.isEmpty { problem(node, "dcat:contactPoint", cp.name ?? cp.phone ?? "", "contact point without e-mail or URL is not exported (DCAT-AP.de K01)") }
            return
        }
        if let p = cp.phone, !p.isEmpty {
            if let t = ExportIRI.tel(p) { pending.append(DCATTriple(node, V.vcard_hasTelephone, .iri(t))) } else {
                problem(node, "vcard:hasTelephone", p, "not a phone number")
            }
        }
        add(ds, V.dcat_contactPoint, .iri(node))
        type(node, V.vcard_Organization)
        type(node, V.vcard_Kind)
        text(node, V.vcard_fn, cp.name, lang: nil)
        triples += pending
        if let a = cp.address, !a.isEmpty {
            let addr = DCATGraph.node(ds, "contact-address")
            add(node, V.vcard_hasAddress, .iri(addr))
            type(addr, V.vcard_Address)
            text(addr, V.vcard_street_address, a.street, lang: nil)
            text(addr, V.vcard_postal_code, a.postalCode, lang: nil)
            text(addr, V.vcard_locality, a.locality, lang: nil)
            text(addr, V.vcard_region, a.region, lang: nil)
            text(addr, V.vcard_country_name, a.country, lang: nil)
        }
    }

    mutating func spatial(_ d: Dataset, _ ds: String) {
        guard let loc = d.spatial else { return }
        if let u = loc.uri, let iri = link(ds, V.dct_spatial, u) { type(iri, V.dct_Location) }
        let node = DCATGraph.node(ds, "spatial")
        var any = false
        if let label = loc.label {
            text(node, V.skos_prefLabel, label)
            any = ExportText.meaningful(label) != nil
        }
        let geometry = PublishedView.geometry(loc)
        if let g = loc.geometryGeoJSON, !g.isEmpty, ExportGeometry(geoJSON: g) == nil {
            problem(node, "locn:geometry", g, "not a valid GeoJSON geometry in WGS84")
        }
        if let b = loc.bbox {
            if let poly = ExportGeometry(bbox: b) {
                add(node, V.dcat_bbox, .typed(poly.wkt, V.gsp_wktLiteral))
                any = true
            } else {
                problem(node, "dcat:bbox", "\(b.west),\(b.south),\(b.east),\(b.north)", "not a valid WGS84 bounding box")
            }
        }
        if let geometry {
            any = true
            let gnode = DCATGraph.node(ds, "geometry")
            add(node, V.gsp_hasGeometry, .iri(gnode))
            type(gnode, V.gsp_Geometry)
            type(gnode, V.locn_Geometry)
            add(gnode, V.gsp_asWKT, .typed(geometry.wkt, V.gsp_wktLiteral))
            add(gnode, V.gsp_asGeoJSON, .typed(geometry.compactGeoJSON, V.gsp_geoJSONLiteral))
            switch profile {
            case .conformant: break
            case .dcatAPde2: add(node, V.locn_geometry, .typed(geometry.compactGeoJSON, Vocabulary.ianaMediaTypeBase + "application/vnd.geo+json"))
            case .dcatAP3: add(node, V.locn_geometry, .iri(gnode))
            }
        }
        if any {
            type(node, V.dct_Location)
            add(ds, V.dct_spatial, .iri(node))
        }
    }

    // MARK: distribution

    mutating func distribution(_ x: Distribution, published p: PublishedDistributionFacts, dataset ds: String, index: Int) -> String {
        let dist = p.iri
        if ExportIRI.normalise(x.uri) == nil { problem(dist, "dcat:Distribution", x.uri, "distribution IRI is not absolute; using a derived IRI") }
        type(dist, V.dcat_Distribution)
        text(dist, V.dct_title, x.title)
        text(dist, V.dct_description, x.description)
        let access = p.accessURL
        let download = p.downloadURL
        if ExportIRI.normalise(x.accessURL) == nil {
            problem(dist, "dcat:accessURL", x.accessURL, download == nil ? "not an absolute IRI" : "not an absolute IRI; using the download URL")
        }
        if let access {
            add(dist, V.dcat_accessURL, .iri(access))
            type(access, V.rdfs_Resource)
        }
        if let raw = x.downloadURL, !raw.isEmpty {
            if let download {
                add(dist, V.dcat_downloadURL, .iri(download))
                type(download, V.rdfs_Resource)
            } else { problem(dist, "dcat:downloadURL", raw, "not an absolute IRI") }
        }
        if let code = p.format {
            let iri = Vocabulary.fileTypeBase + code
            add(dist, V.dct_format, .iri(iri))
            type(iri, V.dct_MediaTypeOrExtent)
        } else if let f = x.format?.trimmingCharacters(in: .whitespaces), !f.isEmpty {
            problem(dist, "dct:format", f, "not an EU file-type code")
        }
        if let m = x.mediaType?.trimmingCharacters(in: .whitespaces).lowercased(), !m.isEmpty {
            let parts = m.split(separator: "/", omittingEmptySubsequences: false)
            let ok = parts.count == 2 && parts.allSatisfy { p in
                !p.isEmpty && p.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "!#$&-^_.+".contains($0)) }
            }
            if ok {
                let iri = Vocabulary.ianaMediaTypeBase + m
                add(dist, V.dcat_mediaType, .iri(iri))
                type(iri, V.dct_MediaType)
            } else {
                problem(dist, "dcat:mediaType", m, "not an IANA media type")
            }
        }
        if let size = x.byteSize {
            if size < 0 { problem(dist, "dcat:byteSize", String(size), "negative size") } else {
                switch profile {
                case .conformant: break
                case .dcatAPde2: add(dist, V.dcat_byteSize, .typed(String(size), V.xsd_decimal))
                case .dcatAP3: add(dist, V.dcat_byteSize, .typed(String(size), V.xsd_nonNegativeInteger))
                }
            }
        }
        if let l = p.licence.uri { link(dist, V.dct_license, l, type: V.dct_LicenseDocument) }
        text(dist, V.dcatde_licenseAttributionByText, x.attributionText)
        if let r = x.rights, ExportText.meaningful(r) != nil {
            let node = DCATGraph.node(dist, "rights")
            add(dist, V.dct_rights, .iri(node))
            type(node, V.dct_RightsStatement)
            text(node, V.rdfs_label, r)
        }
        date(dist, V.dct_issued, x.issued)
        date(dist, V.dct_modified, x.modified)
        for l in x.languages { link(dist, V.dct_language, l, type: V.dct_LinguisticSystem) }
        for c in x.conformsTo { link(dist, V.dct_conformsTo, c, type: V.dct_Standard) }
        for page in x.documentation ?? [] { link(dist, V.foaf_page, page, type: V.foaf_Document) }
        concept(dist, V.adms_status, x.status)
        concept(dist, V.dcatde_plannedAvailability, x.plannedAvailability)
        if let c = x.checksum { checksum(c, dist) }
        return dist
    }

    /// A value of a small vocabulary (`DistributionConcepts`), described as a `skos:Concept` with label and scheme.
    mutating func concept(_ s: String, _ p: String, _ raw: String?) {
        guard let raw, let iri = ExportIRI.normalise(raw) else {
            if let raw { problem(s, short(p), raw, "not an absolute IRI") }
            return
        }
        guard let c = DistributionConcepts.concepts[iri] else {
            problem(s, short(p), raw, "not a value of its vocabulary")
            return
        }
        add(s, p, .iri(iri))
        type(iri, V.skos_Concept)
        add(iri, V.skos_prefLabel, .text(c.label, lang: c.lang))
        add(iri, V.skos_inScheme, .iri(c.scheme))
        type(c.scheme, V.skos_ConceptScheme)
        add(c.scheme, V.dct_title, .text(c.schemeTitle, lang: c.lang))
    }

    /// `spdx:checksum` → `{distribution}#checksum` with the SPDX algorithm and the value as `xsd:hexBinary`. The
    /// DCAT-AP.de 2.0 shapes allow SHA-1 only, so the conformant and DCAT-AP.de 2.0 outputs carry SHA-1 checksums
    /// only; the DCAT-AP 3 profile carries every algorithm SPDX names (all stay in catalog.model.json).
    mutating func checksum(_ c: Checksum, _ dist: String) {
        let value = c.value.trimmedSpace()
        guard !value.isEmpty, value.count % 2 == 0, value.allSatisfy(\.isHexDigit) else {
            problem(dist, "spdx:checksum", c.value, "not a hexadecimal checksum")
            return
        }
        guard let algorithm = DistributionConcepts.spdxAlgorithm(c.algorithm) else {
            problem(dist, "spdx:algorithm", c.algorithm, "not a known checksum algorithm")
            return
        }
        guard profile == .dcatAP3 || algorithm.hasSuffix("_sha1") else { return }
        let node = DCATGraph.node(dist, "checksum")
        add(dist, V.spdx_checksum, .iri(node))
        type(node, V.spdx_Checksum)
        add(node, V.spdx_algorithm, .iri(algorithm))
        type(algorithm, V.spdx_ChecksumAlgorithm)
        add(node, V.spdx_checksumValue, .typed(value.lowercased(), V.xsd_hexBinary))
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
