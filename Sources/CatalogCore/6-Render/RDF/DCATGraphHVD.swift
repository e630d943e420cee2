// DCAT-AP HVD 3.0 in the graph: a high-value dataset's categories and the regulation it falls under, the data
// services (APIs) of distributions, and the links of licence documents to the EU licence list and SPDX.

extension GraphIRI {
    static let dcat_DataService = ExportNS.dcat + "DataService"
    static let dcat_accessService = ExportNS.dcat + "accessService"
    static let dcat_endpointDescription = ExportNS.dcat + "endpointDescription"
    static let dcat_endpointURL = ExportNS.dcat + "endpointURL"
    static let dcat_servesDataset = ExportNS.dcat + "servesDataset"
    static let dcatap_hvdCategory = ExportNS.dcatap + "hvdCategory"
    static let skos_exactMatch = ExportNS.skos + "exactMatch"
}

/// What a distribution's data service shares with its dataset.
struct ServiceContext {
    var dataset: String
    /// The dataset's publisher node.
    var publisher: String
    /// The dataset's contact node, when it has one.
    var contact: String?
    var hvd: PublishedHVD?
}

extension DCATGraphBuilder {
    /// `dcatap:hvdCategory` (each concept described with its labels and scheme) and `dcatap:applicableLegislation`
    /// naming Regulation (EU) 2023/138, on a dataset, distribution or data service.
    mutating func highValue(_ hvd: PublishedHVD, _ s: String, categories: Bool) {
        add(s, GraphIRI.dcatap_applicableLegislation, .iri(HVDCategory.legislation))
        type(HVDCategory.legislation, GraphIRI.eli_LegalResource)
        guard categories else { return }
        for code in hvd.categories {
            guard let c = HVDCategory.code(code) else { continue }
            add(s, GraphIRI.dcatap_hvdCategory, .iri(c.iri))
            type(c.iri, GraphIRI.skos_Concept)
            add(c.iri, GraphIRI.skos_prefLabel, .text(c.english, lang: "en"))
            if !c.german.isEmpty { add(c.iri, GraphIRI.skos_prefLabel, .text(c.german, lang: "de")) }
            add(c.iri, GraphIRI.skos_inScheme, .iri(HVDCategory.scheme))
            type(HVDCategory.scheme, GraphIRI.skos_ConceptScheme)
            add(HVDCategory.scheme, GraphIRI.dct_title, .text("High-value dataset categories", lang: "en"))
            add(HVDCategory.scheme, GraphIRI.dct_title, .text("Kategorien hochwertiger Datensätze", lang: "de"))
        }
    }

    /// `{distribution}#service`: the `dcat:DataService` the distribution gives access to (`dcat:accessService`),
    /// with its endpoint, description, standard and documentation, the dataset it serves, the dataset's publisher
    /// and contact, the distribution's licence or rights, and for an HVD its categories and the regulation.
    mutating func dataService(_ s: PublishedService, distribution dist: String, legal: [DCATTriple], _ c: ServiceContext) {
        guard let endpoint = ExportIRI.normalise(s.endpointURL) else {
            problem(dist, "dcat:endpointURL", s.endpointURL, "not an absolute IRI")
            return
        }
        let node = DCATGraph.node(dist, "service")
        add(dist, GraphIRI.dcat_accessService, .iri(node))
        type(node, GraphIRI.dcat_DataService)
        text(node, GraphIRI.dct_title, s.title.isEmpty ? "\(s.kind)-Dienst" : s.title)
        add(node, GraphIRI.dcat_endpointURL, .iri(endpoint))
        type(endpoint, GraphIRI.rdfs_Resource)
        link(node, GraphIRI.dcat_endpointDescription, s.endpointDescription, type: GraphIRI.rdfs_Resource)
        link(node, GraphIRI.dct_conformsTo, s.standard, type: GraphIRI.dct_Standard)
        link(node, GraphIRI.foaf_page, s.documentation, type: GraphIRI.foaf_Document)
        add(node, GraphIRI.dcat_servesDataset, .iri(c.dataset))
        add(node, GraphIRI.dct_publisher, .iri(c.publisher))
        if let contact = c.contact { add(node, GraphIRI.dcat_contactPoint, .iri(contact)) }
        for t in legal { add(node, t.predicate, t.object) }
        if let hvd = c.hvd { highValue(hvd, node, categories: true) }
    }

    /// A licence document's `skos:exactMatch` to the same licence in the EU licence list (where that list has
    /// it) and in the SPDX licence list.
    mutating func licenceMatches(_ licence: String, spdx: String?) {
        guard let spdx, !spdx.isEmpty, spdx.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }) else { return }
        add(licence, GraphIRI.skos_exactMatch, .iri("http://spdx.org/licenses/" + spdx))
        if let eu = Self.euLicences[spdx] {
            add(licence, GraphIRI.skos_exactMatch, .iri("http://publications.europa.eu/resource/authority/licence/" + eu))
        }
    }

    /// SPDX id → the EU licence list's code for the same licence (only exact equivalents: a CC port such as
    /// CC-BY-3.0-DE is not the unported licence the list names).
    static let euLicences: [String: String] = [
        "CC-BY-4.0": "CC_BY_4_0", "CC-BY-SA-4.0": "CC_BYSA_4_0", "CC-BY-NC-4.0": "CC_BYNC_4_0",
        "CC-BY-ND-4.0": "CC_BYND_4_0", "CC-BY-ND-3.0": "CC_BYND_3_0", "CC-BY-3.0": "CC_BY_3_0", "CC-BY-SA-3.0": "CC_BYSA_3_0",
        "CC0-1.0": "CC0", "ODbL-1.0": "ODC_BL", "ODC-By-1.0": "ODC_BY", "PDDL-1.0": "ODC_PDDL",
        "EUPL-1.0": "EUPL_1_0", "EUPL-1.1": "EUPL_1_1", "EUPL-1.2": "EUPL_1_2",
    ]
}
