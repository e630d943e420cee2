import Foundation

// The builder behind DCATGraph: one dataset (and its distributions, agents, concepts) at a time into triples.

struct DCATGraphBuilder {
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
    /// Two sorted, duplicate-free lists as one (sorted, each triple once), in one pass.
    static func mergedUnique(_ a: [DCATTriple], _ b: [DCATTriple]) -> [DCATTriple] {
        var out: [DCATTriple] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] {
                out.append(a[i]); i += 1; j += 1
            } else if a[i] < b[j] {
                out.append(a[i]); i += 1
            } else {
                out.append(b[j]); j += 1
            }
        }
        out += a[i...]
        out += b[j...]
        return out
    }

    /// Sorted, duplicate-free lists (the shared triples of each chunk of a catalogue) joined as they come, merged
    /// pairwise like the digits of a binary counter: each triple is copied about log₂(lists) times, where merging
    /// every list into one growing list copied that list once per chunk after it (at 100 k datasets, 6 % of a
    /// run's CPU on the thread that writes the RDF files).
    struct SortedUnion {
        /// `levels[i]` is empty or merged from 2^i lists.
        private var levels: [[DCATTriple]] = []

        mutating func add(_ list: [DCATTriple]) {
            var carry = list
            var i = 0
            while i < levels.count, !levels[i].isEmpty {
                carry = mergedUnique(levels[i], carry)
                levels[i] = []
                i += 1
            }
            if i == levels.count { levels.append(carry) } else { levels[i] = carry }
        }

        /// Every triple added, sorted, each once.
        var result: [DCATTriple] { levels.reduce(into: []) { $0 = mergedUnique($0, $1) } }
    }

    mutating func type(_ s: String, _ cls: String) { add(s, GraphIRI.rdf_type, .iri(cls)) }

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
        type(cat, GraphIRI.dcat_Catalog)
        text(cat, GraphIRI.dct_title, c.title)
        text(cat, GraphIRI.dct_description, c.description.isEmpty ? c.title : c.description)
        let publisher = agent(c.publisher, fallbackNode: DCATGraph.node(cat, "publisher"))
        add(cat, GraphIRI.dct_publisher, .iri(publisher))
        link(cat, GraphIRI.foaf_homepage, c.homepage, type: GraphIRI.foaf_Document)
        for l in c.languages { link(cat, GraphIRI.dct_language, l, type: GraphIRI.dct_LinguisticSystem) }
        date(cat, GraphIRI.dct_modified, c.modified)
        add(cat, GraphIRI.dcat_themeTaxonomy, .iri(String(Vocabulary.themeBase.dropLast())))
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
            type(iri, GraphIRI.skos_ConceptScheme)
            text(iri, GraphIRI.dct_title, en, lang: "en")
            if de != en { text(iri, GraphIRI.dct_title, de, lang: "de") }
        }
        // The dcat-ap.de licence list (1.0) types each licence with `dct:type` <…/def/offen> or <…/def/geschlossen>
        // without declaring those terms; DCAT-AP 3 requires a licence document's dct:type to be a skos:Concept.
        for (iri, label) in [("http://dcat-ap.de/def/offen", "offen"), ("http://dcat-ap.de/def/geschlossen", "geschlossen")] {
            type(iri, GraphIRI.skos_Concept)
            text(iri, GraphIRI.skos_prefLabel, label, lang: "de")
        }
    }

    /// Emits a foaf:Agent and returns its node IRI.
    mutating func agent(_ a: Agent, fallbackNode: String) -> String {
        var node = fallbackNode
        if let u = a.uri, !u.isEmpty {
            if let iri = ExportIRI.normalise(u) { node = iri } else { problem(fallbackNode, "foaf:Agent", u, "agent IRI is not absolute; using \(fallbackNode)") }
        }
        type(node, GraphIRI.foaf_Agent)
        let name = ExportText.sanitise(a.name).trimmedSpace()
        add(node, GraphIRI.foaf_name, .text(name.isEmpty ? "Unbekannt" : name))
        if let e = a.email, !e.isEmpty {
            if let m = ExportIRI.mailto(e) { add(node, GraphIRI.foaf_mbox, .iri(m)) } else { problem(node, "foaf:mbox", e, "not an e-mail address") }
        }
        link(node, GraphIRI.foaf_homepage, a.homepage)
        if let t = a.type, !t.isEmpty {
            if let iri = ExportIRI.normalise(t), let label = ADMSPublisherType.labels[iri] {
                add(node, GraphIRI.dct_type, .iri(iri))
                type(iri, GraphIRI.skos_Concept)
                add(iri, GraphIRI.skos_prefLabel, .text(label, lang: "en"))
                add(iri, GraphIRI.skos_inScheme, .iri(ADMSPublisherType.scheme))
            } else {
                problem(node, "dcterms:type", t, "not an ADMS publisher type")
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
        type(ds, GraphIRI.dcat_Dataset)
        // A series is also a dcat:Dataset (DCAT 3: dcat:DatasetSeries ⊑ dcat:Dataset), so the catalogue's
        // dcat:dataset and the shapes that expect a dcat:Dataset there still hold.
        if d.isSeries { type(ds, GraphIRI.dcat_DatasetSeries) }
        for series in d.inSeries { link(ds, GraphIRI.dcat_inSeries, series) }
        text(ds, GraphIRI.dct_title, d.title)
        text(ds, GraphIRI.dct_description, d.description.trimmedSpace().isEmpty ? d.title : d.description)
        text(ds, GraphIRI.dct_identifier, d.identifier, lang: nil)
        for (i, other) in d.otherIdentifiers.enumerated() {
            guard let clean = ExportText.meaningful(other) else { continue }
            let node = DCATGraph.node(ds, "identifier-\(i + 1)")
            add(ds, GraphIRI.adms_identifier, .iri(node))
            type(node, GraphIRI.adms_Identifier)
            add(node, GraphIRI.skos_notation, .text(clean))
        }
        for k in d.keywords { text(ds, GraphIRI.dcat_keyword, k) }
        for code in f.themes { add(ds, GraphIRI.dcat_theme, .iri(Vocabulary.themeBase + code)) }
        for t in d.themes where PublishedView.themeCode(t) == nil { problem(ds, "dcat:theme", t, "not an EU data-theme code") }
        date(ds, GraphIRI.dct_issued, d.issued)
        date(ds, GraphIRI.dct_modified, d.modified)
        link(ds, GraphIRI.dcat_landingPage, d.landingPage, type: GraphIRI.foaf_Document)

        let (publisherNode, contactNode) = agents(d, f, ds, catalogPublisher: catalogPublisher)

        spatial(d, f, ds)
        politicalGeocoding(d, ds)

        if let t = d.temporal { temporal(t, ds) }
        link(ds, GraphIRI.dct_accessRights, d.accessRights, type: GraphIRI.dct_RightsStatement)
        for c in d.conformsTo { link(ds, GraphIRI.dct_conformsTo, c, type: GraphIRI.dct_Standard) }
        for l in d.languages { link(ds, GraphIRI.dct_language, l, type: GraphIRI.dct_LinguisticSystem) }
        link(ds, GraphIRI.dct_accrualPeriodicity, d.accrualPeriodicity, type: GraphIRI.dct_Frequency)
        text(ds, profile == .dcatAPde3 ? GraphIRI.dcat_version : GraphIRI.owl_versionInfo, d.version, lang: nil)
        text(ds, GraphIRI.adms_versionNotes, d.versionNotes)
        for page in d.documentation ?? [] { link(ds, GraphIRI.foaf_page, page, type: GraphIRI.foaf_Document) }
        for r in d.relations ?? [] { link(ds, GraphIRI.dct_relation, r, type: GraphIRI.rdfs_Resource) }
        if let p = d.provenanceStatement, ExportText.meaningful(p) != nil {
            let node = DCATGraph.node(ds, "provenance")
            add(ds, GraphIRI.dct_provenance, .iri(node))
            type(node, GraphIRI.dct_ProvenanceStatement)
            text(node, GraphIRI.rdfs_label, p)
        }
        for c in d.contributorIDs { link(ds, GraphIRI.dcatde_contributorID, c) }
        legalBasis(d.legalBasis, ds)
        if let hvd = f.hvd { highValue(hvd, ds, categories: true) }
        for s in d.derivedFrom { link(ds, GraphIRI.prov_wasDerivedFrom, s) }

        let services = ServiceContext(dataset: ds, publisher: publisherNode, contact: contactNode, hvd: f.hvd)
        for (i, dist) in d.distributions.enumerated() {
            let iri = distribution(dist, published: f.distributions[i], dataset: ds, index: i + 1, services: services)
            add(ds, GraphIRI.dcat_distribution, .iri(iri))
        }
        return ds
    }

    /// The dataset's agents: publisher (the catalogue's when it has none), creator, custodian/maintainer,
    /// originator, contact point. Returns the publisher's and the contact's nodes (nil: no reachable contact).
    mutating func agents(_ d: Dataset, _ f: PublishedFacts, _ ds: String, catalogPublisher: String) -> (publisher: String, contact: String?) {
        let publisherNode = f.publisherFromCatalogue ? catalogPublisher : agent(f.publisher, fallbackNode: DCATGraph.node(ds, "publisher"))
        add(ds, GraphIRI.dct_publisher, .iri(publisherNode))
        if let c = d.creator { add(ds, GraphIRI.dct_creator, .iri(agent(c, fallbackNode: DCATGraph.node(ds, "creator")))) }
        let de3 = profile == .dcatAPde3
        if let m = d.maintainer {
            add(ds, de3 ? GraphIRI.geodcatap_custodian : GraphIRI.dcatde_maintainer, .iri(agent(m, fallbackNode: DCATGraph.node(ds, "maintainer"))))
        }
        if let o = d.originator {
            add(ds, de3 ? GraphIRI.geodcatap_originator : GraphIRI.dcatde_originator, .iri(agent(o, fallbackNode: DCATGraph.node(ds, "originator"))))
        }
        let contactNode = d.contactPoint.flatMap { contact($0, dataset: ds) }
        return (publisherNode, contactNode)
    }

    /// `dct:temporal` → a `dct:PeriodOfTime` with the valid dates of `t` (none valid: no node).
    mutating func temporal(_ t: PeriodOfTime, _ ds: String) {
        let node = DCATGraph.node(ds, "temporal")
        var any = false
        for (p, v) in [(GraphIRI.dcat_startDate, t.start), (GraphIRI.dcat_endDate, t.end)] {
            guard let v else { continue }
            if let lit = DCATGraph.dateLiteral(v) {
                add(node, p, lit)
                any = true
            } else {
                problem(node, short(p), v.lexical, "not a valid xsd:date/xsd:dateTime")
            }
        }
        if any {
            type(node, GraphIRI.dct_PeriodOfTime)
            add(ds, GraphIRI.dct_temporal, .iri(node))
        }
    }

    /// The dataset's `vcard:Kind`; returns its node, nil when it has no e-mail or URL (then it is not exported).
    @discardableResult
    mutating func contact(_ cp: ContactPoint, dataset ds: String) -> String? {
        let node = DCATGraph.node(ds, "contact")
        var pending: [DCATTriple] = []
        if let e = cp.email, !e.isEmpty {
            if let m = ExportIRI.mailto(e) {
                // Typed: the HVD shapes check vcard:hasEmail and vcard:hasURL values for class rdfs:Resource.
                pending.append(DCATTriple(node, GraphIRI.vcard_hasEmail, .iri(m)))
                pending.append(DCATTriple(m, GraphIRI.rdf_type, .iri(GraphIRI.rdfs_Resource)))
            } else { problem(node, "vcard:hasEmail", e, "not an e-mail address") }
        }
        if let u = cp.url, !u.isEmpty {
            if let iri = ExportIRI.normalise(u) {
                pending.append(DCATTriple(node, GraphIRI.vcard_hasURL, .iri(iri)))
                pending.append(DCATTriple(iri, GraphIRI.rdf_type, .iri(GraphIRI.rdfs_Resource)))
            } else { problem(node, "vcard:hasURL", u, "not an absolute IRI") }
        }
        guard cp.isReachable else {
            if !cp.isEmpty { problem(node, "dcat:contactPoint", cp.name ?? cp.phone ?? "", "contact point without e-mail or URL is not exported (DCAT-AP.de K01)") }
            return nil
        }
        if let p = cp.phone, !p.isEmpty {
            if let t = ExportIRI.tel(p) { pending.append(DCATTriple(node, GraphIRI.vcard_hasTelephone, .iri(t))) } else {
                problem(node, "vcard:hasTelephone", p, "not a phone number")
            }
        }
        add(ds, GraphIRI.dcat_contactPoint, .iri(node))
        type(node, GraphIRI.vcard_Organization)
        type(node, GraphIRI.vcard_Kind)
        text(node, GraphIRI.vcard_fn, cp.name, lang: nil)
        triples += pending
        if let a = cp.address, !a.isEmpty {
            let addr = DCATGraph.node(ds, "contact-address")
            add(node, GraphIRI.vcard_hasAddress, .iri(addr))
            type(addr, GraphIRI.vcard_Address)
            text(addr, GraphIRI.vcard_street_address, a.street, lang: nil)
            text(addr, GraphIRI.vcard_postal_code, a.postalCode, lang: nil)
            text(addr, GraphIRI.vcard_locality, a.locality, lang: nil)
            text(addr, GraphIRI.vcard_region, a.region, lang: nil)
            text(addr, GraphIRI.vcard_country_name, a.country, lang: nil)
        }
        return node
    }

    // MARK: distribution

    mutating func distribution(_ x: Distribution, published p: PublishedDistributionFacts, dataset ds: String, index: Int, services: ServiceContext) -> String {
        let dist = p.iri
        if ExportIRI.normalise(x.uri) == nil { problem(dist, "dcat:Distribution", x.uri, "distribution IRI is not absolute; using a derived IRI") }
        type(dist, GraphIRI.dcat_Distribution)
        text(dist, GraphIRI.dct_title, x.title)
        text(dist, GraphIRI.dct_description, x.description)
        let access = p.accessURL
        let download = p.downloadURL
        if ExportIRI.normalise(x.accessURL) == nil {
            problem(dist, "dcat:accessURL", x.accessURL, download == nil ? "not an absolute IRI" : "not an absolute IRI; using the download URL")
        }
        if let access {
            add(dist, GraphIRI.dcat_accessURL, .iri(access))
            type(access, GraphIRI.rdfs_Resource)
        }
        if let raw = x.downloadURL, !raw.isEmpty {
            if let download {
                add(dist, GraphIRI.dcat_downloadURL, .iri(download))
                type(download, GraphIRI.rdfs_Resource)
            } else { problem(dist, "dcat:downloadURL", raw, "not an absolute IRI") }
        }
        formatAndSize(x, p, dist)
        let legal = licenceAndRights(x, p, dist)
        if let hvd = services.hvd { highValue(hvd, dist, categories: false) }
        if let service = p.service { dataService(service, distribution: dist, legal: legal, services) }
        date(dist, GraphIRI.dct_issued, x.issued)
        date(dist, GraphIRI.dct_modified, x.modified)
        for l in x.languages { link(dist, GraphIRI.dct_language, l, type: GraphIRI.dct_LinguisticSystem) }
        for c in x.conformsTo { link(dist, GraphIRI.dct_conformsTo, c, type: GraphIRI.dct_Standard) }
        for page in x.documentation ?? [] { link(dist, GraphIRI.foaf_page, page, type: GraphIRI.foaf_Document) }
        if profile == .dcatAPde3 {
            // 3.0: the EU distribution-status and planned-availability tables replace ADMS status and the
            // dcat-ap.de availability list (`dcatde:plannedAvailability` → `dcatap:availability`).
            concept(dist, GraphIRI.adms_status, x.status.map(DistributionConcepts.euStatus))
            concept(dist, GraphIRI.dcatap_availability, x.plannedAvailability.map(DistributionConcepts.euAvailability))
        } else {
            concept(dist, GraphIRI.adms_status, x.status)
            concept(dist, GraphIRI.dcatde_plannedAvailability, x.plannedAvailability)
        }
        if let c = x.checksum { checksum(c, dist) }
        return dist
    }

    /// `dct:format` (EU file type), `dcat:mediaType` (IANA) and `dcat:byteSize` of a distribution.
    mutating func formatAndSize(_ x: Distribution, _ p: PublishedDistributionFacts, _ dist: String) {
        if let code = p.format {
            let iri = Vocabulary.fileTypeBase + code
            add(dist, GraphIRI.dct_format, .iri(iri))
            type(iri, GraphIRI.dct_MediaTypeOrExtent)
        } else if let f = x.format?.trimmedBlanks(), !f.isEmpty {
            problem(dist, "dcterms:format", f, "not an EU file-type code")
        }
        if let m = x.mediaType?.trimmedBlanks().lowercased(), !m.isEmpty {
            let parts = m.split(separator: "/", omittingEmptySubsequences: false)
            let ok = parts.count == 2 && parts.allSatisfy { p in
                !p.isEmpty && p.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "!#$&-^_.+".contains($0)) }
            }
            if ok {
                let iri = Vocabulary.ianaMediaTypeBase + m
                add(dist, GraphIRI.dcat_mediaType, .iri(iri))
                type(iri, GraphIRI.dct_MediaType)
            } else {
                problem(dist, "dcat:mediaType", m, "not an IANA media type")
            }
        }
        if let size = x.byteSize {
            if size < 0 { problem(dist, "dcat:byteSize", String(size), "negative size") } else {
                switch profile {
                case .dcatAPde2: add(dist, GraphIRI.dcat_byteSize, .typed(String(size), GraphIRI.xsd_decimal))
                case .dcatAPde3: add(dist, GraphIRI.dcat_byteSize, .typed(String(size), GraphIRI.xsd_nonNegativeInteger))
                }
            }
        }
    }

    /// The distribution's `dct:license` (the published verdict, else the source's own words as a licence
    /// document), attribution text and `dct:rights`; returns the licence and rights triples, which a data service
    /// of the distribution states too (the HVD shapes want them on both).
    mutating func licenceAndRights(_ x: Distribution, _ p: PublishedDistributionFacts, _ dist: String) -> [DCATTriple] {
        let legalStart = triples.count
        if let l = p.licence.uri {
            if let iri = link(dist, GraphIRI.dct_license, l, type: GraphIRI.dct_LicenseDocument) { licenceMatches(iri, spdx: p.licence.spdx) }
        } else if let words = p.licence.raw.flatMap(ExportText.meaningful) {
            // A licence the audit cannot identify (Potsdam's "Nutzungsbedingungen der LHP"): the source's own words
            // as a licence document, so the distribution states what the source states (DCAT-AP.de 3.0 requires a
            // dct:license; the shapes then only warn that it is not from the vocabulary). licences.csv lists it as
            // unknown, to be fixed at the source.
            let node = DCATGraph.node(dist, "licence")
            add(dist, GraphIRI.dct_license, .iri(node))
            type(node, GraphIRI.dct_LicenseDocument)
            text(node, GraphIRI.rdfs_label, words)
        }
        text(dist, GraphIRI.dcatde_licenseAttributionByText, x.attributionText)
        if let r = x.rights, ExportText.meaningful(r) != nil {
            let node = DCATGraph.node(dist, "rights")
            add(dist, GraphIRI.dct_rights, .iri(node))
            type(node, GraphIRI.dct_RightsStatement)
            text(node, GraphIRI.rdfs_label, r)
        }
        return triples[legalStart...].filter { $0.subject == dist && ($0.predicate == GraphIRI.dct_license || $0.predicate == GraphIRI.dct_rights) }
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
        type(iri, GraphIRI.skos_Concept)
        add(iri, GraphIRI.skos_prefLabel, .text(c.label, lang: c.lang))
        add(iri, GraphIRI.skos_inScheme, .iri(c.scheme))
        type(c.scheme, GraphIRI.skos_ConceptScheme)
        add(c.scheme, GraphIRI.dct_title, .text(c.schemeTitle, lang: c.lang))
    }

    /// `spdx:checksum` → `{distribution}#checksum` with the SPDX algorithm and the value as `xsd:hexBinary`. The
    /// DCAT-AP.de 2.0 shapes allow SHA-1 only, so the 2.0 profile carries SHA-1 checksums only; the 3.0 profile
    /// carries every algorithm SPDX names (all stay in catalog.model.json).
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
        guard profile == .dcatAPde3 || algorithm.hasSuffix("_sha1") else { return }
        let node = DCATGraph.node(dist, "checksum")
        add(dist, GraphIRI.spdx_checksum, .iri(node))
        type(node, GraphIRI.spdx_Checksum)
        add(node, GraphIRI.spdx_algorithm, .iri(algorithm))
        type(algorithm, GraphIRI.spdx_ChecksumAlgorithm)
        add(node, GraphIRI.spdx_checksumValue, .typed(value.lowercased(), GraphIRI.xsd_hexBinary))
    }
}
