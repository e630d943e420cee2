import Foundation

// The dataset's geography in the graph: its location (`#spatial`, with the source's or the derived geometry),
// the political geocoding and its place IRIs, and the legal basis (profile-dependent like the geocoding).

extension DCATGraphBuilder {
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

    /// The political geocoding. DCAT-AP.de 2.0: `dcatde:politicalGeocodingURI`. 3.0 (where it is deprecated):
    /// `dcterms:spatial` with the key IRI itself (convention 11 of the 3.0 examples: the geocoding mirrored in
    /// `dcterms:spatial`) and, where `PlaceIRIs` knows the area, its GeoNames IRI, both typed `dcterms:Location`.
    /// The level (`dcatde:politicalGeocodingLevelURI`) is current in both.
    mutating func politicalGeocoding(_ d: Dataset, _ ds: String) {
        let de3 = profile == .dcatAPde3
        for g in d.politicalGeocoding {
            guard let iri = link(ds, de3 ? GraphIRI.dct_spatial : GraphIRI.dcatde_politicalGeocodingURI, g) else { continue }
            if let scheme = Self.geocodingScheme(iri) { add(iri, GraphIRI.skos_inScheme, .iri(scheme)) }
            guard de3 else { continue }
            type(iri, GraphIRI.dct_Location)
            if let place = PlaceIRIs.place(forGeocoding: iri) {
                add(ds, GraphIRI.dct_spatial, .iri(place))
                type(place, GraphIRI.dct_Location)
            }
        }
        if let iri = link(ds, GraphIRI.dcatde_politicalGeocodingLevelURI, d.politicalGeocodingLevel),
            iri.hasPrefix(Vocabulary.politicalGeocodingBase + "Level/")
        {
            add(iri, GraphIRI.skos_inScheme, .iri(Vocabulary.politicalGeocodingBase + "Level"))
        }
        if !de3 { text(ds, GraphIRI.dcatde_geocodingDescription, d.geocodingText) }  // 3.0: in spatial(_:_:_:)
    }

    /// `dcatde:legalBasis` is free text; its 3.0 successor `dcatap:applicableLegislation` takes the IRI of the law
    /// (ELI, else a stable link). 3.0: a legal basis that is one IRI becomes `dcatap:applicableLegislation`; text
    /// stays `dcatde:legalBasis` (deprecated, but the only property that can carry it: docs/conformance.md).
    mutating func legalBasis(_ value: String?, _ ds: String) {
        guard let value, let clean = ExportText.meaningful(value) else { return }
        if profile == .dcatAPde3, !clean.contains(where: \.isWhitespace), clean.hasPrefix("http"), let iri = ExportIRI.normalise(clean) {
            add(ds, GraphIRI.dcatap_applicableLegislation, .iri(iri))
            type(iri, GraphIRI.eli_LegalResource)
            return
        }
        text(ds, GraphIRI.dcatde_legalBasis, clean)
    }

    /// The dataset's location `{dataset}#spatial`: the source's label, bounding box and geometry. 3.0 adds the
    /// geocoding description as `locn:geographicName` and, for a dataset without a source geometry, the outline of
    /// its political geocoding's area (the published geometry, `PublishedGeometry`), so the RDF carries the same
    /// geometry as datasets.geojson.
    mutating func spatial(_ d: Dataset, _ f: PublishedFacts, _ ds: String) {
        let loc = d.spatial
        let de3 = profile == .dcatAPde3
        if let u = loc?.uri, let iri = link(ds, GraphIRI.dct_spatial, u) { type(iri, GraphIRI.dct_Location) }
        let node = DCATGraph.node(ds, "spatial")
        var any = false
        if let label = loc?.label {
            text(node, GraphIRI.skos_prefLabel, label)
            any = ExportText.meaningful(label) != nil
        }
        if de3, let g = d.geocodingText, ExportText.meaningful(g) != nil {
            text(node, GraphIRI.locn_geographicName, g)
            any = true
        }
        if let g = loc?.geometryGeoJSON, !g.isEmpty, ExportGeometry(geoJSON: g) == nil {
            problem(node, "locn:geometry", g, "not a valid GeoJSON geometry in WGS84")
        }
        if let b = loc?.bbox {
            if let poly = ExportGeometry(bbox: b) {
                add(node, GraphIRI.dcat_bbox, .typed(poly.wkt, GraphIRI.gsp_wktLiteral))
                any = true
            } else {
                problem(node, "dcat:bbox", "\(b.west),\(b.south),\(b.east),\(b.north)", "not a valid WGS84 bounding box")
            }
        }
        var geometry = PublishedView.geometry(loc).map(PublishedShape.init)
        if geometry == nil, de3, f.geometrySource == .politicalGeocoding { geometry = f.geometry }
        if let geometry {
            any = true
            let gnode = DCATGraph.node(ds, "geometry")
            add(node, GraphIRI.gsp_hasGeometry, .iri(gnode))
            type(gnode, GraphIRI.gsp_Geometry)
            type(gnode, GraphIRI.locn_Geometry)
            add(gnode, GraphIRI.gsp_asWKT, .typed(geometry.wkt, GraphIRI.gsp_wktLiteral))
            add(gnode, GraphIRI.gsp_asGeoJSON, .typed(geometry.geoJSON, GraphIRI.gsp_geoJSONLiteral))
            switch profile {
            case .dcatAPde2: add(node, GraphIRI.locn_geometry, .typed(geometry.geoJSON, Vocabulary.ianaMediaTypeBase + "application/vnd.geo+json"))
            case .dcatAPde3: add(node, GraphIRI.locn_geometry, .iri(gnode))
            }
        }
        if any {
            type(node, GraphIRI.dct_Location)
            add(ds, GraphIRI.dct_spatial, .iri(node))
        }
    }
}
