// Derives each dataset's published facts exactly once (see PublishedFacts.swift): after deduplication and the
// licence audit, before anything is rendered. Every renderer reads `Dataset.published`; none derives its own
// licence status, publisher fallback, theme codes, IRIs, names, URLs or geometry.

package enum PublishedView {
    /// Sets `published` on every dataset of `catalog` (order unchanged).
    ///
    /// - Parameter audit: the licence audit of exactly these datasets, in this order (the pipeline's, with
    ///   duplicate conflicts marked); its dataset and distribution rows are the licence verdicts published.
    /// - Parameter boundaries: official area outlines for political geocodings (catalog/geo/, loaded by IO).
    /// - Parameter hvdRules: the config's `[[hvd]]` rules (high-value datasets).
    /// - Returns: findings about geometries (repaired, invalid), geocodings without a known area and HVD
    ///   categories not in the vocabulary.
    @discardableResult
    package static func apply(_ catalog: inout Catalog, audit: LicenceAudit, boundaries: Boundaries = .empty, hvdRules: [HVDRule] = []) -> [Finding] {
        // The catalogue lets go of its datasets while their facts are derived, so that each gets its facts in
        // place (a dataset shares its storage until it is written: held twice, it would be copied).
        var datasets = catalog.datasets
        catalog.datasets = []
        let all = facts(of: datasets, catalog: catalog, audit: audit, boundaries: boundaries, hvdRules: hvdRules)
        for i in datasets.indices { datasets[i].published = all[i].0 }
        catalog.datasets = datasets
        return all.flatMap(\.1)
    }

    /// Each dataset's published facts and the findings deriving them gave, in the order of `datasets`.
    private static func facts(
        of datasets: [Dataset], catalog: Catalog, audit: LicenceAudit, boundaries: Boundaries, hvdRules: [HVDRule]
    ) -> [(PublishedFacts, [Finding])] {
        let verdicts = audit.verdicts(datasetCount: datasets.count)
            ?? LicenceAudit(datasets: datasets, registry: nil).verdicts(datasetCount: datasets.count)!
        let catalogIRI = ExportIRI.normalise(catalog.uri) ?? fallbackCatalogIRI
        let ckanIDs = ParallelMap.map(datasets, minimum: 4096, chunk: 1024) { CKANIdentifiers.uuid5($0.uri) }
        let ckanNames = CKANNames.assign(datasets, ids: ckanIDs)
        let slugs = siteSlugs(datasets)
        let publisher = catalog.publisher
        let areaShapes = PublishedShape.AreaCache()
        return ParallelMap.map(Array(datasets.indices), minimum: 256, chunk: 64) { i -> (PublishedFacts, [Finding]) in
            facts(
                datasets[i], verdict: verdicts[i], catalogIRI: catalogIRI, catalogPublisher: publisher,
                slug: slugs[i], ckanID: ckanIDs[i], ckanName: ckanNames[i], boundaries: boundaries, hvdRules: hvdRules,
                areaShapes: areaShapes)
        }
    }

    /// Sets `published` where it is missing (a catalogue built by hand, or a model written before the view
    /// existed), with a licence audit of the catalogue alone (no duplicate information).
    package static func ensure(_ catalog: Catalog) -> Catalog {
        guard catalog.datasets.contains(where: { $0.published == nil }) else { return catalog }
        var c = catalog
        apply(&c, audit: LicenceAudit(datasets: c.datasets, registry: nil))
        return c
    }

    /// The catalogue IRI used when the configured one is not an absolute IRI.
    package static let fallbackCatalogIRI = "urn:x-opendata:catalog"

    static func facts(
        _ d: Dataset, verdict: LicenceAudit.Verdict, catalogIRI: String, catalogPublisher: Agent,
        slug: String, ckanID: String, ckanName: String, boundaries: Boundaries, hvdRules: [HVDRule] = [],
        areaShapes: PublishedShape.AreaCache
    ) -> (PublishedFacts, [Finding]) {
        let iri = datasetIRI(d, catalogIRI: catalogIRI)
        let derived = PublishedGeometry.derive(d, boundaries: boundaries, areaShapes: areaShapes)
        let geometry = derived.geometry
        var distributions: [PublishedDistributionFacts] = []
        distributions.reserveCapacity(d.distributions.count)
        let datasetPage = (d.documentation ?? []).lazy.compactMap(ExportIRI.normalise).first
            ?? d.landingPage.flatMap(ExportIRI.normalise) ?? d.provenance.first?.url.flatMap(ExportIRI.normalise)
        for (i, x) in d.distributions.enumerated() {
            let download = x.downloadURL.flatMap { $0.isEmpty ? nil : ExportIRI.normalise($0) }
            let access = ExportIRI.normalise(x.accessURL) ?? download
            let format = fileType(x.format)
            var published = PublishedDistributionFacts(
                iri: distributionIRI(x, datasetIRI: iri, index: i + 1), accessURL: access, downloadURL: download,
                url: download ?? access, format: format,
                licence: i < verdict.distributions.count ? verdict.distributions[i] : (x.licence ?? missingLicence))
            let page = (x.documentation ?? []).lazy.compactMap(ExportIRI.normalise).first ?? datasetPage
            published.service = HighValue.service(x, format: format, accessURL: access, documentation: page, datasetTitle: d.title)
            distributions.append(published)
        }
        let publisher = d.publisher ?? catalogPublisher
        let themeCodes = themes(d.themes)
        let (hvd, hvdFindings) = HighValue.facts(d, rules: hvdRules, publisher: publisher.name, themes: themeCodes, names: [ckanName, slug])
        var facts = PublishedFacts(
            licence: verdict.dataset, publisher: publisher, publisherFromCatalogue: d.publisher == nil,
            themes: themeCodes, iri: iri, slug: slug, ckanID: ckanID, ckanName: ckanName,
            geometry: derived.areaShape ?? geometry.map(PublishedShape.init), bbox: geometry?.bounds,
            languages: d.languages.compactMap(ExportIRI.normalise), distributions: distributions,
            geometrySource: derived.source, area: derived.area)
        facts.hvd = hvd
        return (facts, derived.findings + hvdFindings)
    }

    static let missingLicence = Licence(raw: nil, status: .missing, reason: "Keine Lizenzangabe.")

    // MARK: single derivations (the RDF graph uses these too)

    /// The dataset IRI as published: the model URI normalised, else one derived under the catalogue IRI.
    package static func datasetIRI(_ d: Dataset, catalogIRI: String) -> String {
        if let iri = ExportIRI.normalise(d.uri) { return iri }
        return catalogIRI.trimmingSlash + "/dataset/" + ExportIRI.segment(d.sourceID) + "/" + ExportIRI.segment(d.identifier)
    }

    /// The distribution IRI as published: its model URI normalised, else `{dataset}#distribution-{n}`.
    package static func distributionIRI(_ x: Distribution, datasetIRI: String, index: Int) -> String {
        ExportIRI.normalise(x.uri) ?? DCATGraph.node(datasetIRI, "distribution-\(index)")
    }

    /// The geometry to publish for a location: its GeoJSON geometry if valid, else a polygon of its bounding box.
    package static func geometry(_ l: Location?) -> ExportGeometry? {
        guard let l else { return nil }
        if let g = l.geometryGeoJSON, !g.isEmpty, let geom = ExportGeometry(geoJSON: g) { return geom }
        if let b = l.bbox { return ExportGeometry(bbox: b) }
        return nil
    }

    /// A theme value as an EU data-theme code, or nil when it is not one.
    package static func themeCode(_ t: String) -> String? {
        let code = t.trimmedBlanks().uppercased()
        guard !code.isEmpty, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "_") }) else { return nil }
        return code
    }

    /// The source's own list when it is already that (the usual case: one array for both).
    static func themes(_ values: [String]) -> [String] {
        let codes = Array(Set(values.compactMap(themeCode))).sorted()
        return codes == values ? values : codes
    }

    /// A format value as an EU file-type code, or nil when it is not one.
    package static func fileType(_ f: String?) -> String? {
        guard let f = f?.trimmedBlanks(), !f.isEmpty,
            f.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
        else { return nil }
        return f.uppercased()
    }

    /// Site page slugs `<source>-<remote name or id>`, unique, assigned in export order (identifier, URI) so
    /// they do not depend on titles or on the catalogue's order.
    static func siteSlugs(_ datasets: [Dataset]) -> [String] {
        // The slugs in parallel; making them unique goes in order.
        let bases = ParallelMap.map(datasets, minimum: 4096, chunk: 1024) { d -> String in
            let p = d.provenance.first
            let name = p?.remoteName.flatMap { $0.isEmpty ? nil : $0 } ?? p?.remoteID ?? d.identifier
            return SiteHTML.slug(d.sourceID, maxLength: 30, fallback: "quelle") + "-" + SiteHTML.slug(name, maxLength: 80, fallback: "datensatz")
        }
        var slugs = Array(repeating: "", count: datasets.count)
        var used: Set<String> = []
        let order = ParallelMap.sortedIndices(count: datasets.count) {
            (datasets[$0].identifier, datasets[$0].uri) < (datasets[$1].identifier, datasets[$1].uri)
        }
        for i in order { slugs[i] = SiteModel.unique(bases[i], in: &used) }
        return slugs
    }
}

extension Dataset {
    /// The published facts (set by `PublishedView`); a dataset rendered alone gets them from a one-dataset view.
    package var facts: PublishedFacts {
        if let published = self.published { return published }
        let c = PublishedView.ensure(Catalog(uri: PublishedView.fallbackCatalogIRI, title: "", description: "",
                                             publisher: Agent(name: "Unbekannt"), datasets: [self]))
        return c.datasets[0].published!
    }
}

extension ExportGeometry {
    /// West, south, east, north of every position.
    package var bounds: BoundingBox? {
        let ps = SiteMap.positions(self)
        guard let first = ps.first else { return nil }
        var b = BoundingBox(west: first[0], south: first[1], east: first[0], north: first[1])
        for p in ps {
            b.west = Swift.min(b.west, p[0]); b.east = Swift.max(b.east, p[0])
            b.south = Swift.min(b.south, p[1]); b.north = Swift.max(b.north, p[1])
        }
        return b
    }
}

extension String {
    fileprivate var trimmingSlash: String { hasSuffix("/") ? String(dropLast()) : self }
}
