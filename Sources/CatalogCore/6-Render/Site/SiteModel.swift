// What the site renderer works from: the datasets in a fixed order with their page slugs, and the facets
// (theme, publisher, source, licence status, format) with the datasets behind every value.

/// What to render.
package struct SiteInput: Sendable {
    package var catalog: Catalog
    /// The run report; the harvest page says "no report" without one.
    package var report: RunReport?
    /// Groups of datasets judged to be the same dataset by deduplication: each a list of dataset identifiers or
    /// URIs (members that are no longer in the catalogue were merged into another dataset).
    package var duplicates: [[String]]
    /// Names of the files present beside the site (`catalog.ttl`, `datasets.csv`, `licences.html` …); pages link
    /// only to these.
    package var downloads: [String]
    /// Readable source names by source id; defaults to the report's source titles.
    package var sourceTitles: [String: String]
    /// Sources read from a recorded copy instead of the portal (offline runs, the demo) and sources not read at
    /// all, by title: every page says so, so nobody takes recorded data for the portals' current state.
    package var recordedSources: [String] = []
    package var skippedSources: [String] = []
    /// Official boundaries: outlines around dataset maps and the overview map (karte.html).
    package var boundaries: Boundaries = .empty
    /// The run's quality scores (the pipeline computes them once for quality.csv and the report); nil: the
    /// quality pages score the catalogue themselves.
    package var quality: QualityReport?
    /// The run's SHACL validation of catalog.ttl (nil: none asked for; validierung/index.html shows it).
    package var validation: ValidationOutcome?
    /// The quality history including this run (qualitaet/verlauf.csv): the trend charts of the quality pages;
    /// nil: no charts.
    package var history: QualityHistory?
    /// The HVD audit of the run (hvd/index.html; nil: no page).
    package var hvd: HVDAudit?
    /// Whether the site writes each dataset's `.ttl` and `.jsonld`; false when the catalogue export writes them
    /// (a run: `Exporters.stream(datasetStem:)`, from the same rendering as catalog.ttl).
    package var datasetRDF = true
    /// Whether the site writes each dataset's `.json` (its CKAN package dict); false when the server index writes
    /// them (a run: `ServerIndexFile.stream(packageFiles:)`, from the bytes it stores for the CKAN API).
    package var datasetPackages = true

    package init(catalog: Catalog, report: RunReport? = nil, duplicates: [[String]] = [], downloads: [String] = [],
                 sourceTitles: [String: String] = [:]) {
        self.catalog = catalog
        self.report = report
        self.duplicates = duplicates
        self.downloads = downloads
        var titles: [String: String] = [:]
        for s in report?.sources ?? [] { titles[s.id] = s.title }
        for (k, v) in sourceTitles { titles[k] = v }
        self.sourceTitles = titles
    }
}

/// A facet dimension; its raw value is the file-name prefix of its pages (`suche/thema-soci.html`).
package enum SiteFacetKind: String, Sendable, CaseIterable {
    case thema, herausgeber, quelle, lizenz, format

    var title: String {
        switch self {
        case .thema: "Thema"
        case .herausgeber: "Herausgeber"
        case .quelle: "Quelle"
        case .lizenz: "Lizenzstatus"
        case .format: "Format"
        }
    }

    var plural: String {
        switch self {
        case .thema: "Themen"
        case .herausgeber: "Herausgeber"
        case .quelle: "Quellen"
        case .lizenz: "Lizenzstatus"
        case .format: "Formate"
        }
    }
}

package struct SiteFacetValue: Sendable, Hashable {
    /// The file-name part: `soci`, `stadt-koeln`, `open`, `csv`, `ohne`.
    package var key: String
    package var label: String
    /// Indexes into `SiteModel.entries`, in list order.
    package var entries: [Int]

    /// `suche/<kind>-<key>.html`.
    package func path(_ kind: SiteFacetKind) -> String { "suche/\(kind.rawValue)-\(key).html" }

    /// Page `page` of the value's list: the first is `path(kind)`, then `suche/<kind>-<key>.seite-<n>.html`
    /// (keys are slugs without dots, so these never collide with another value's first page).
    package func path(_ kind: SiteFacetKind, page: Int) -> String {
        page == 1 ? path(kind) : "suche/\(kind.rawValue)-\(key).seite-\(page).html"
    }
}

package struct SiteFacet: Sendable, Hashable {
    package var kind: SiteFacetKind
    /// Most datasets first, then by label.
    package var values: [SiteFacetValue]
}

/// One dataset on the site.
package struct SiteEntry: Sendable, Hashable {
    package var dataset: Dataset
    /// `datensatz/<slug>.html`.
    package var slug: String
    package var publisher: String
    /// Facet keys per kind.
    package var keys: SiteFacetKeys

    package var path: String { "datensatz/\(slug).html" }
}

/// An entry's facet keys, a list per kind, each list shared by the entries with the same keys. With a dictionary
/// and five lists of its own per entry, the site model was 52 MB of the heap at 100 k datasets (heaptrack), now
/// 20 MB.
package struct SiteFacetKeys: Sendable, Hashable {
    private var thema: [String] = [], herausgeber: [String] = [], quelle: [String] = [], lizenz: [String] = [], format: [String] = []

    package init() {}

    /// The keys of `kind` (nil: none set).
    package subscript(kind: SiteFacetKind) -> [String]? {
        get {
            let keys = switch kind {
            case .thema: thema
            case .herausgeber: herausgeber
            case .quelle: quelle
            case .lizenz: lizenz
            case .format: format
            }
            return keys.isEmpty ? nil : keys
        }
        set {
            switch kind {
            case .thema: thema = newValue ?? []
            case .herausgeber: herausgeber = newValue ?? []
            case .quelle: quelle = newValue ?? []
            case .lizenz: lizenz = newValue ?? []
            case .format: format = newValue ?? []
            }
        }
    }
}

package struct SiteModel: Sendable {
    package var entries: [SiteEntry]
    /// The catalogue position of each entry's dataset: `entries[i]` is `catalog.datasets[catalogOrder[i]]`.
    package let catalogOrder: [Int]
    package var facets: [SiteFacet]
    /// Entry index by dataset identifier and by URI.
    var byID: [String: Int]
    /// Facet key by source id.
    var sourceKeys: [String: String]
    /// (facet index, value index) by kind and key: pages look values up instead of scanning every value.
    private var valueIndex: [SiteFacetKind: (facet: Int, values: [String: Int])] = [:]

    static let none = "ohne"

    /// Publisher keys (facet pages `suche/herausgeber-<key>.html`, feeds `feeds/herausgeber-<key>.atom`): slug
    /// of the name, made unique in name order.
    package static func publisherKeys(_ names: [String]) -> [String: String] {
        var keys: [String: String] = [:]
        var used: Set<String> = [SiteModel.none]
        for name in Set(names).sorted() { keys[name] = unique(SiteHTML.slug(name, maxLength: 60, fallback: "unbenannt"), in: &used) }
        return keys
    }

    package init(_ input: SiteInput) {
        let catalog = PublishedView.ensure(input.catalog)
        let order = Self.titleOrder(catalog.datasets)
        let datasets = order.map { catalog.datasets[$0] }
        catalogOrder = order

        let publisherKey = Self.publisherKeys(datasets.map { $0.facts.publisher.name })
        let sourceIDs = Set(datasets.map(\.sourceID)).sorted()
        var sourceKey: [String: String] = [:]
        var usedSourceKeys: Set<String> = []
        for id in sourceIDs { sourceKey[id] = Self.unique(SiteHTML.slug(id, maxLength: 60, fallback: "unbekannt"), in: &usedSourceKeys) }

        var entries: [SiteEntry] = []
        entries.reserveCapacity(datasets.count)
        var labels: [SiteFacetKind: [String: String]] = [:]
        // Theme and format keys per code, made once per code rather than once per dataset.
        var themeKeys: [String: String] = [:], formatKeys: [String: String] = [:]
        // Equal key lists are one array, shared by the entries that have them.
        var lists: Set<[String]> = []
        for d in datasets {
            let f = d.facts
            let publisher = f.publisher.name
            var keys = SiteFacetKeys()
            let themes = f.themes.map { t in
                if let k = themeKeys[t] { return k }
                let k = t.lowercased()
                themeKeys[t] = k
                labels[.thema, default: [:]][k] = SiteLabels.theme(t)
                return k
            }
            keys[.thema] = themes.isEmpty ? [Self.none] : themes
            keys[.herausgeber] = [publisherKey[publisher] ?? Self.none]
            labels[.herausgeber, default: [:]][publisherKey[publisher] ?? Self.none] = publisher
            let sk = sourceKey[d.sourceID] ?? "unbekannt"
            keys[.quelle] = [sk]
            labels[.quelle, default: [:]][sk] = input.sourceTitles[d.sourceID] ?? (d.sourceID.isEmpty ? "unbekannt" : d.sourceID)
            let status = f.licence.status
            keys[.lizenz] = [status.rawValue]
            labels[.lizenz, default: [:]][status.rawValue] = SiteLabels.licenceStatus(status)
            let formats = f.formats.map { code in
                if let k = formatKeys[code] { return k }
                let k = SiteHTML.slug(code, maxLength: 40)
                formatKeys[code] = k
                return k
            }
            let fk = Array(Set(formats.filter { $0 != Self.none })).sorted()
            keys[.format] = fk.isEmpty ? [Self.none] : fk
            for (code, k) in zip(f.formats, formats) { labels[.format, default: [:]][k] = code }
            for kind in SiteFacetKind.allCases { keys[kind] = keys[kind].map { lists.insert($0).memberAfterInsert } }
            entries.append(SiteEntry(dataset: d, slug: f.slug, publisher: publisher, keys: keys))
        }
        labels[.thema, default: [:]][Self.none] = "ohne Thema"
        labels[.format, default: [:]][Self.none] = "ohne erkanntes Format"

        var facets: [SiteFacet] = []
        for kind in SiteFacetKind.allCases {
            var members: [String: [Int]] = [:]
            for (i, e) in entries.enumerated() {
                for k in e.keys[kind] ?? [] { members[k, default: []].append(i) }
            }
            // "ohne …" buckets last; the lower-cased label is computed once per value, not per comparison.
            let values = members.map { key, idx in
                let value = SiteFacetValue(key: key, label: labels[kind]?[key] ?? key, entries: idx)
                return (value: value, order: (key == Self.none ? 1 : 0, -idx.count, value.label.lowercased(), key))
            }.sorted { $0.order < $1.order }.map(\.value)
            facets.append(SiteFacet(kind: kind, values: values))
        }

        var byID: [String: Int] = [:]
        for (i, e) in entries.enumerated() {
            if byID[e.dataset.identifier] == nil { byID[e.dataset.identifier] = i }
            if byID[e.dataset.uri] == nil { byID[e.dataset.uri] = i }
        }
        self.entries = entries
        self.facets = facets
        self.byID = byID
        self.sourceKeys = sourceKey
        for (f, facet) in facets.enumerated() {
            valueIndex[facet.kind] = (f, Dictionary(facet.values.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a }))
        }
    }

    /// The site's order as the datasets' positions: by lower-cased title, then identifier and URI. Each title is
    /// lower-cased once (in parallel), not once per comparison (at 100 k that was about 3.4 million
    /// `lowercased()` calls); the halves are sorted side by side.
    static func titleOrder(_ datasets: [Dataset]) -> [Int] {
        let titles = ParallelMap.map(datasets, minimum: 4096) { $0.title.lowercased() }
        return ParallelMap.sortedIndices(count: datasets.count) { a, b in
            (titles[a], datasets[a].identifier, datasets[a].uri) < (titles[b], datasets[b].identifier, datasets[b].uri)
        }
    }

    func facet(_ kind: SiteFacetKind) -> SiteFacet {
        facets.first { $0.kind == kind } ?? SiteFacet(kind: kind, values: [])
    }

    func value(_ kind: SiteFacetKind, key: String) -> SiteFacetValue? {
        guard let (f, values) = valueIndex[kind], let v = values[key] else { return nil }
        return facets[f].values[v]
    }

    static func unique(_ base: String, in used: inout Set<String>) -> String {
        var candidate = base
        var n = 2
        while used.contains(candidate) {
            candidate = "\(base)-\(n)"
            n += 1
        }
        used.insert(candidate)
        return candidate
    }
}
