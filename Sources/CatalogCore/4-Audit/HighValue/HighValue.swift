// High-value datasets (Implementing Regulation (EU) 2023/138, DCAT-AP HVD 3.0): which datasets are HVD and in
// which category, and the data services (APIs) their distributions offer. Both are published facts
// (PublishedView derives them once); the RDF graph, the CKAN API, the CSVs, the site and the HVD audit read them.

/// A concept of the EU high-value dataset category vocabulary (`http://data.europa.eu/bna/asd487ae75`): one of
/// the six thematic categories of the regulation's annex, or one of their subcategories.
package struct HVDCategory: Sendable, Hashable {
    package var code: String
    package var english: String
    package var german: String
    /// The broader concept's code (nil for the six top categories).
    package var parent: String?

    package init(code: String, english: String, german: String, parent: String?) {
        self.code = code
        self.english = english
        self.german = german
        self.parent = parent
    }

    package var iri: String { Self.base + code }

    /// The concept IRIs' prefix.
    package static let base = "http://data.europa.eu/bna/"
    /// The concept scheme every `dcatap:hvdCategory` must be in (the HVD shapes check it).
    package static let scheme = "http://data.europa.eu/bna/asd487ae75"
    /// The regulation an HVD and its distributions and services name in `dcatap:applicableLegislation`.
    package static let legislation = "http://data.europa.eu/eli/reg_impl/2023/138/oj"

    private static let byCode = Dictionary(uniqueKeysWithValues: table.map { ($0.code, $0) })

    /// The concept for a code (`c_ac64a52d`), its IRI, or its English or German label (case-insensitive).
    package static func named(_ text: String) -> HVDCategory? {
        let t = text.trimmedBlanks()
        if let c = byCode[t] { return c }
        if t.hasPrefix(base), let c = byCode[String(t.dropFirst(base.count))] { return c }
        if t.hasPrefix("https://data.europa.eu/bna/"), let c = byCode[String(t.dropFirst(base.count + 1))] { return c }
        let folded = t.lowercased()
        return table.first { $0.english.lowercased() == folded || $0.german.lowercased() == folded }
    }

    /// The concept for a code, if the vocabulary has it.
    package static func code(_ code: String) -> HVDCategory? { byCode[code] }

    /// Every concept, sorted by code.
    package static var all: [HVDCategory] { table }

    /// The German label as pages show it: a subcategory with its top category ("Verwaltungseinheiten (Georaum)").
    package var germanWithTop: String { parent == nil ? german : "\(german) (\(top.german))" }

    /// The top category this concept belongs to (itself for a top category).
    package var top: HVDCategory {
        var c = self
        while let p = c.parent, let up = Self.byCode[p] { c = up }
        return c
    }
}

/// `[[hvd]]` in the config: datasets matching every criterion given are HVD in `categories`. Each criterion is a
/// list of alternatives (any one matches); at least one criterion is given (the loader checks).
package struct HVDRule: Sendable, Hashable, Codable {
    /// Category codes (`HVDCategory.code`).
    package var categories: [String]
    /// A name for the pages and the audit ("Geodaten der Stadt"); nil: "Regel N".
    package var name: String?
    /// Source ids (a merged dataset matches when any of its records came from one).
    package var sources: [String] = []
    /// Publisher names as published (case-insensitive).
    package var publishers: [String] = []
    /// EU data-theme codes.
    package var themes: [String] = []
    /// Keywords (case-insensitive).
    package var keywords: [String] = []
    /// Datasets by identifier, IRI, CKAN name or id at the source, or site slug.
    package var datasets: [String] = []

    package init(categories: [String], name: String? = nil, sources: [String] = [], publishers: [String] = [],
                 themes: [String] = [], keywords: [String] = [], datasets: [String] = []) {
        self.categories = categories
        self.name = name
        self.sources = sources
        self.publishers = publishers
        self.themes = themes
        self.keywords = keywords
        self.datasets = datasets
    }

    /// True when no criterion is given (such a rule would flag every dataset; the loader refuses it).
    package var isUnrestricted: Bool {
        sources.isEmpty && publishers.isEmpty && themes.isEmpty && keywords.isEmpty && datasets.isEmpty
    }

    /// Whether `d` (with its published publisher, themes, CKAN name and slug) meets every criterion given.
    package func matches(_ d: Dataset, publisher: String, themes published: [String], names: [String]) -> Bool {
        guard !isUnrestricted else { return false }
        func any(_ wanted: [String], _ have: [String], folding: Bool) -> Bool {
            guard !wanted.isEmpty else { return true }
            let h = Set(have.map { folding ? $0.lowercased() : $0 })
            return wanted.contains { h.contains(folding ? $0.lowercased() : $0) }
        }
        return any(sources, d.provenance.map(\.sourceID), folding: false)
            && any(publishers, [publisher.trimmedBlanks()], folding: true)
            && any(themes.map { $0.uppercased() }, published, folding: false)
            && any(keywords, d.keywords.map { $0.trimmedBlanks() }, folding: true)
            && any(datasets, [d.identifier, d.uri] + d.provenance.flatMap { [$0.remoteID, $0.remoteName].compactMap { $0 } } + names, folding: false)
    }
}

/// Why and in which categories a dataset is a high-value dataset.
package struct PublishedHVD: Sendable, Hashable, Codable {
    /// Category codes, each once, sorted.
    package var categories: [String]
    /// German, one per cause: "Angabe der Quelle" or the rule's name ("Regel 2").
    package var reasons: [String]

    package init(categories: [String], reasons: [String]) {
        self.categories = categories
        self.reasons = reasons
    }

    package var iris: [String] { categories.map { HVDCategory.base + $0 } }
}

/// A data service (`dcat:DataService`) a distribution gives access to: an OGC web service or another API.
package struct PublishedService: Sendable, Hashable, Codable {
    /// `WMS`, `WFS`, `WCS`, `WMTS`, `OGC API` or `API`.
    package var kind: String
    /// `dct:title`: the distribution's title (else the dataset's), prefixed "WMS-Dienst: " unless it names the kind.
    package var title: String
    /// `dcat:endpointURL`: the service's base URL (an OGC request's own parameters removed).
    package var endpointURL: String
    /// `dcat:endpointDescription`: the OGC GetCapabilities request, when the source's URL is one.
    package var endpointDescription: String?
    /// `dct:conformsTo`: the OGC service type, when known.
    package var standard: String?
    /// `foaf:page`: documentation (the distribution's, else the dataset's, its landing page or its portal page).
    package var documentation: String?

    package init(kind: String, title: String = "", endpointURL: String, endpointDescription: String? = nil, standard: String? = nil, documentation: String? = nil) {
        self.kind = kind
        self.title = title
        self.endpointURL = endpointURL
        self.endpointDescription = endpointDescription
        self.standard = standard
        self.documentation = documentation
    }
}

package enum HighValue {
    /// The HVD facts of `d`: the categories its source gave (valid codes only) and those of every rule it
    /// meets; nil when neither. Findings name categories of the source that are not in the vocabulary.
    static func facts(_ d: Dataset, rules: [HVDRule], publisher: String, themes: [String], names: [String]) -> (PublishedHVD?, [Finding]) {
        var codes: [String] = []
        var reasons: [String] = []
        var findings: [Finding] = []
        for raw in d.hvdCategories {
            if let c = HVDCategory.named(raw) { codes.append(c.code) } else {
                findings.append(Finding(.warning, source: d.sourceID, record: d.remoteID, field: "hvdCategory", .hvdUnknownCategory, [raw]))
            }
        }
        if !codes.isEmpty { reasons.append("Angabe der Quelle") }
        for (i, rule) in rules.enumerated() where rule.matches(d, publisher: publisher, themes: themes, names: names) {
            codes += rule.categories
            reasons.append(rule.name ?? "Regel \(i + 1)")
        }
        guard !codes.isEmpty else { return (nil, findings) }
        return (PublishedHVD(categories: Array(Set(codes)).sorted(), reasons: reasons), findings)
    }

    /// The data service a distribution offers, from its file type or its URL; nil for a file.
    package static func service(_ x: Distribution, format: String?, accessURL: String?, documentation: String?, datasetTitle: String = "") -> PublishedService? {
        guard let accessURL else { return nil }
        let raw = (x.rawFormat ?? "").trimmedBlanks().lowercased()
        let ogcParameter = queryValue(accessURL, "service")?.uppercased()
        let kind: String
        switch format {
        case "WMS_SRVC": kind = "WMS"
        case "WFS_SRVC": kind = "WFS"
        case "WCS_SRVC": kind = "WCS"
        case "WMTS_SRVC": kind = "WMTS"
        default:
            if let ogc = ogcParameter, ["WMS", "WFS", "WCS", "WMTS"].contains(ogc) { kind = ogc }
            else if ["ogc api", "ogcapi", "ogc-api", "oaf", "ogc api features", "ogc api - features"].contains(raw) { kind = "OGC API" }
            else if ["api", "rest", "rest-api", "rest api", "json api"].contains(raw) { kind = "API" }
            else { return nil }
        }
        let isOGC = ["WMS", "WFS", "WCS", "WMTS"].contains(kind)
        let capabilities = isOGC && queryValue(accessURL, "request")?.lowercased() == "getcapabilities"
        let endpoint = isOGC ? removingQuery(accessURL, ["service", "request", "version", "acceptversions"]) : accessURL
        let standard: String? = switch kind {
        case "WMS", "WFS", "WCS", "WMTS": "http://www.opengis.net/def/serviceType/ogc/" + kind.lowercased()
        case "OGC API": "http://www.opengis.net/spec/ogcapi-features-1/1.0"
        default: nil
        }
        let name = x.title.flatMap(ExportText.meaningful) ?? datasetTitle
        let title = name.lowercased().contains(kind.lowercased()) ? name : "\(kind)-Dienst: \(name)"
        return PublishedService(kind: kind, title: title, endpointURL: endpoint, endpointDescription: capabilities ? accessURL : nil,
                                standard: standard, documentation: documentation)
    }

    /// The first value of a query parameter (name compared case-insensitively).
    static func queryValue(_ url: String, _ name: String) -> String? {
        guard let q = url.firstIndex(of: "?") else { return nil }
        for pair in url[url.index(after: q)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts[0].lowercased() == name { return parts.count > 1 ? String(parts[1]) : "" }
        }
        return nil
    }

    /// `url` without the named query parameters (and without `?` when none remain).
    static func removingQuery(_ url: String, _ names: Set<String>) -> String {
        guard let q = url.firstIndex(of: "?") else { return url }
        let kept = url[url.index(after: q)...].split(separator: "&").filter { pair in
            !names.contains(String(pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0]).lowercased())
        }
        return kept.isEmpty ? String(url[..<q]) : String(url[..<q]) + "?" + kept.joined(separator: "&")
    }
}

extension FindingTemplate {
    /// Arguments: [category as given]
    static let hvdUnknownCategory = FindingTemplate(
        "hvd.unknownCategory", { "\"\($0[0])\" is not a concept of the EU high-value dataset categories; the dataset is not flagged for it" },
        de: { "„\($0[0])“ ist keine Kategorie der EU-Liste hochwertiger Datensätze; der Datensatz wird dafür nicht als HVD gekennzeichnet" })
}
