import Foundation

// What the DCAT mapper sees of a page before mapping: dcat-ap.de IRIs in one spelling, and which input
// properties it does not read (reported as one finding per source instead of being dropped silently).

/// The official spelling of dcat-ap.de IRIs.
package enum DCATAPdeIRI {
    package static let base = "http://dcat-ap.de/def/"

    /// `http(s)://(www.)dcat-ap.de/def/…` in the official form `http://dcat-ap.de/def/…`; dcatde property IRIs lose
    /// their version segment (`…/dcatde/1.0.1/x`, `…/dcatde/1_0x`, `…/dcatde1.1/x` → `…/dcatde/x`). Nil when `iri` is
    /// no dcat-ap.de IRI. Already canonical IRIs come back unchanged.
    package static func canonical(_ iri: String) -> String? {
        var rest = Substring(iri)
        if rest.hasPrefix("http://") { rest = rest.dropFirst(7) } else if rest.hasPrefix("https://") { rest = rest.dropFirst(8) } else { return nil }
        if rest.lowercased().hasPrefix("www.") { rest = rest.dropFirst(4) }
        guard rest.lowercased().hasPrefix("dcat-ap.de/def/") else { return nil }
        rest = rest.dropFirst("dcat-ap.de/def/".count)
        guard rest.hasPrefix("dcatde") else { return base + rest }
        rest = rest.dropFirst("dcatde".count)
        if rest.first == "/" { rest = rest.dropFirst() }
        if let first = rest.first, first.isNumber {
            rest = rest.drop(while: { $0.isNumber || $0 == "." || $0 == "_" })
            if rest.first == "/" { rest = rest.dropFirst() }
        }
        return base + "dcatde/" + rest
    }
}

/// Where a subject stands in the graph as the mapper walks it from its datasets.
package enum DCATRole: String, Sendable, Hashable, CaseIterable, Comparable {
    case dataset, distribution, agent, contactPoint, address, location, period, checksum, identifier, licenceDocument, rightsStatement, format

    package static func < (a: DCATRole, b: DCATRole) -> Bool { a.rawValue < b.rawValue }
}

/// The input properties the mapper reads, per role (each has an output: a triple, a CSV column or a finding).
/// `DCATMapper` and this table change together; `DCATInputCoverageTests` checks the real catalogues against the
/// documented list of properties without output (docs/mapping.md, "DCAT input properties without output").
package enum DCATReadProperties {
    private static let dcat = DCATNS.dcat, dct = DCATNS.dct, dcatde = DCATNS.dcatde, vcard = DCATNS.vcard, foaf = DCATNS.foaf

    package static let table: [DCATRole: Set<String>] = [
        .dataset: Set([
            "identifier", "title", "description", "issued", "modified", "publisher", "creator", "spatial", "temporal",
            "accessRights", "conformsTo", "language", "accrualPeriodicity", "source", "license", "provenance", "relation",
        ].map { dct + $0 } + [
            "keyword", "theme", "landingPage", "contactPoint", "version", "distribution", "inSeries",
        ].map { dcat + $0 } + [
            "politicalGeocodingURI", "politicalGeocodingLevelURI", "geocodingDescription", "legalBasis", "contributorID",
            "maintainer", "originator",
        ].map { dcatde + $0 } + [
            DCATNS.owl + "versionInfo", DCATNS.prov + "wasDerivedFrom", DCATNS.adms + "identifier", DCATNS.adms + "versionNotes",
            foaf + "page", DCATNS.geodcatap + "custodian", DCATNS.geodcatap + "originator", DCATNS.dcatap + "applicableLegislation", DCATNS.dcatap + "hvdCategory",
        ]),
        .distribution: Set([
            "title", "description", "format", "license", "rights", "issued", "modified", "language", "conformsTo",
        ].map { dct + $0 } + [
            "accessURL", "downloadURL", "mediaType", "byteSize",
        ].map { dcat + $0 } + [
            dcatde + "licenseAttributionByText", dcatde + "plannedAvailability", DCATNS.spdx + "checksum",
            DCATNS.adms + "status", foaf + "page", DCATNS.dcatap + "availability",
        ]),
        .agent: Set([foaf + "name", vcard + "fn", DCATNS.skos + "prefLabel", foaf + "mbox", vcard + "hasEmail", foaf + "homepage", dct + "type"]),
        .contactPoint: Set([
            "fn", "organization-name", "hasEmail", "hasURL", "hasTelephone", "hasAddress",
            "hasStreetAddress", "hasPostalCode", "hasLocality", "hasRegion", "hasCountryName",
        ].map { vcard + $0 }),
        .address: Set(["street-address", "postal-code", "locality", "region", "country-name"].map { vcard + $0 }),
        .location: Set([DCATNS.locn + "geometry", dcat + "bbox", dcat + "centroid", DCATNS.skos + "prefLabel", DCATNS.rdfs + "label",
                        DCATNS.locn + "geographicName", DCATNS.locn + "adminUnitL2", DCATNS.gsp + "hasGeometry"]),
        .period: Set([dcat + "startDate", dcat + "endDate", DCATNS.schema + "startDate", DCATNS.schema + "endDate"]),
        .checksum: Set([DCATNS.spdx + "algorithm", DCATNS.spdx + "checksumValue"]),
        .identifier: Set([DCATNS.skos + "notation"]),
        .licenceDocument: Set([dct + "identifier", DCATNS.rdfs + "label"]),
        .rightsStatement: Set([DCATNS.rdfs + "label"]),
        .format: Set([RDFNS.rdf + "value", DCATNS.rdfs + "label", DCATNS.skos + "prefLabel"]),
    ]
}

/// What one page (or a whole source) of DCAT input contained that the mapper did not take over as such.
package struct DCATInputCoverage: Sendable, Hashable {
    /// Per role and property IRI: how many triples the mapper does not read.
    package var unread: [DCATRole: [String: Int]] = [:]
    /// Per dcat-ap.de IRI as spelt in the input: how often it was rewritten to the official form.
    package var normalised: [String: Int] = [:]

    package init() {}

    package mutating func merge(_ other: DCATInputCoverage) {
        for (role, props) in other.unread { unread[role, default: [:]].merge(props, uniquingKeysWith: +) }
        normalised.merge(other.normalised, uniquingKeysWith: +)
    }

    /// `role property` lines, sorted (what the fixture tests compare with docs/mapping.md).
    package var unreadList: [String] {
        unread.flatMap { role, props in props.keys.map { "\(role.rawValue) \($0)" } }.sorted()
    }

    /// At most two findings for the whole source: the properties without output and the rewritten spellings.
    package func findings(source: String) -> [Finding] {
        var out: [Finding] = []
        let total = unread.values.reduce(0) { $0 + $1.values.reduce(0, +) }
        if total > 0 {
            let list = unreadList
            let sample = list.prefix(12).joined(separator: ", ") + (list.count > 12 ? ", … (\(list.count - 12) more)" : "")
            out.append(Finding(.note, "dcat.propertiesUnread", source: source, field: nil,
                "\(total) value(s) of \(list.count) input propert\(list.count == 1 ? "y" : "ies") have no output (not read by the DCAT mapper; docs/mapping.md): \(sample)", de: "\(total) Wert(e) von \(list.count) Eingabe-Eigenschaft(en) erscheinen in keiner Ausgabe (vom DCAT-Mapper nicht gelesen; docs/mapping.md): \(sample)"))
        }
        let count = normalised.values.reduce(0, +)
        if count > 0 {
            let spellings = normalised.keys.sorted()
            let sample = spellings.prefix(8).joined(separator: ", ") + (spellings.count > 8 ? ", …" : "")
            out.append(Finding(.note, "dcatde.namespaceNormalised", source: source, field: nil,
                "\(count) dcat-ap.de IRI(s) in \(spellings.count) unofficial spelling(s) read as http://dcat-ap.de/def/…: \(sample)", de: "\(count) dcat-ap.de-IRI(s) in \(spellings.count) inoffizieller Schreibweise(n) als http://dcat-ap.de/def/… gelesen: \(sample)"))
        }
        return out
    }
}

package enum DCATInput {
    /// The graph with every dcat-ap.de IRI (predicates, IRIs, literals that are such an IRI) in the official
    /// spelling, and how often each unofficial spelling occurred.
    package static func normalise(_ graph: RDFGraph) -> (graph: RDFGraph, normalised: [String: Int]) {
        var counts: [String: Int] = [:]
        var changed = false
        func fix(_ iri: String) -> String {
            guard iri.contains("dcat-ap.de"), let c = DCATAPdeIRI.canonical(iri), c != iri else { return iri }
            counts[iri, default: 0] += 1
            changed = true
            return c
        }
        func fix(_ t: RDFTerm) -> RDFTerm {
            switch t {
            case .iri(let s): return .iri(fix(s))
            case .literal(let s, let lang, let dt):
                let trimmed = s.trimmedSpace()
                guard trimmed.contains("dcat-ap.de") else { return t }
                let f = fix(trimmed)
                return f == trimmed ? t : .literal(f, lang: lang, datatype: dt)
            case .blank: return t
            }
        }
        let rewritten = graph.triples.map { RDFTriple(fix($0.subject), fix($0.predicate), fix($0.object)) }
        return changed ? (RDFGraph(rewritten), counts) : (graph, [:])
    }

    /// The subjects the mapper visits, with their roles (first the one they are reported under): datasets, then
    /// what their properties point to. A dataset that is also another dataset's distribution (Destatis) has both.
    package static func roles(_ g: RDFGraph, datasets: [RDFTerm]) -> [RDFTerm: [DCATRole]] {
        var role: [RDFTerm: [DCATRole]] = [:]
        for d in datasets { role[d] = [.dataset] }
        func assign(_ subjects: [RDFTerm], _ p: String, _ r: DCATRole) -> [RDFTerm] {
            var out: [RDFTerm] = []
            for s in subjects {
                for o in g.objects(s, p) where !o.isLiteral && role[o]?.contains(r) != true {
                    role[o, default: []].append(r)
                    out.append(o)
                }
            }
            return out
        }
        let distributions = assign(datasets, DCATNS.dcat + "distribution", .distribution)
        let both = datasets + distributions
        for p in [DCATNS.dct + "publisher", DCATNS.dct + "creator", DCATNS.dcatde + "maintainer", DCATNS.dcatde + "originator"] {
            _ = assign(datasets, p, .agent)
        }
        let contacts = assign(datasets, DCATNS.dcat + "contactPoint", .contactPoint)
        _ = assign(contacts, DCATNS.vcard + "hasAddress", .address)
        _ = assign(datasets, DCATNS.dct + "spatial", .location)
        _ = assign(datasets, DCATNS.dct + "temporal", .period)
        _ = assign(datasets, DCATNS.adms + "identifier", .identifier)
        _ = assign(distributions, DCATNS.spdx + "checksum", .checksum)
        _ = assign(both, DCATNS.dct + "license", .licenceDocument)
        _ = assign(distributions, DCATNS.dct + "rights", .rightsStatement)
        _ = assign(distributions, DCATNS.dct + "format", .format)
        return role
    }

    /// The properties of visited subjects the mapper does not read. `rdf:type` counts as read (the output types its
    /// nodes), and so does an identifier that is the subject's own IRI (the output keeps that IRI).
    package static func unread(_ g: RDFGraph, roles: [RDFTerm: [DCATRole]]) -> [DCATRole: [String: Int]] {
        let identifiers: Set<String> = [DCATNS.dct + "identifier", DCATNS.adms + "identifier"]
        var out: [DCATRole: [String: Int]] = [:]
        for (subject, rs) in roles {
            guard let role = rs.first else { continue }
            let read = rs.reduce(into: Set<String>()) { $0.formUnion(DCATReadProperties.table[$1] ?? []) }
            for t in g.triples(about: subject) where t.predicate != RDFNS.type && !read.contains(t.predicate) {
                if identifiers.contains(t.predicate), let iri = subject.iri, t.object.lexical?.trimmedBlanks() == iri { continue }
                out[role, default: [:]][t.predicate, default: 0] += 1
            }
        }
        return out
    }
}
