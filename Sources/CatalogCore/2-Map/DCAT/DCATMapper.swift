import Foundation

/// Maps a parsed DCAT-AP(.de) graph to the model: one `MappingResult` per `dcat:Dataset`.
/// Pure: reads only the graph; everything odd becomes a `Finding`.
package struct DCATMapper: Sendable {
    package let catalog: CatalogSettings
    package let licences: any LicenceResolving
    /// `licences`' answers, each worked out once per run (shared by every record this mapper maps).
    let resolvedLicences: MemoizedLicences
    /// The CKAN mapper's vocabularies (file types, languages); nil: the small built-in tables of `DCATVocabulary`.
    package let vocabularies: MappingVocabularies?

    package init(catalog: CatalogSettings, licences: any LicenceResolving, vocabularies: MappingVocabularies? = nil) {
        self.catalog = catalog
        self.licences = licences
        self.resolvedLicences = MemoizedLicences(licences)
        self.vocabularies = vocabularies
    }

    /// The next page of a paged catalogue: `hydra:next` (PartialCollectionView) or `hydra:nextPage`
    /// (ckanext-dcat's PagedCollection), as IRI or literal.
    package func hydraNextPage(_ graph: RDFGraph) -> String? {
        let predicates: Set<String> = ["http://www.w3.org/ns/hydra/core#next", "http://www.w3.org/ns/hydra/core#nextPage",
                                       "https://www.w3.org/ns/hydra/core#next", "https://www.w3.org/ns/hydra/core#nextPage"]
        for t in graph.triples where predicates.contains(t.predicate) {
            if let v = t.object.lexical?.trimmedSpace(), !v.isEmpty { return v }
        }
        return nil
    }

    package func map(_ graph: RDFGraph, source: SourceConfig) -> [MappingResult] {
        mapPage(graph, source: source).results
    }

    /// Maps one page: dcat-ap.de IRIs are read in their official spelling first (`DCATInput.normalise`); the
    /// coverage says which spellings were rewritten and which input properties have no output.
    package func mapPage(_ input: RDFGraph, source: SourceConfig) -> (results: [MappingResult], coverage: DCATInputCoverage) {
        let (graph, normalised) = DCATInput.normalise(input)
        var subjects = graph.subjects(ofType: DCATNS.dcat + "Dataset")
        var seen = Set(subjects)
        for series in graph.subjects(ofType: DCATNS.dcat + "DatasetSeries") where seen.insert(series).inserted { subjects.append(series) }
        for t in graph.triples where t.predicate == DCATNS.dcat + "dataset" && seen.insert(t.object).inserted && !t.object.isLiteral {
            subjects.append(t.object)
        }
        var usedSlugs: [String: String] = [:]
        let results = subjects.map { mapDataset($0, graph, source, &usedSlugs) }
        var coverage = DCATInputCoverage()
        coverage.normalised = normalised
        coverage.unread = DCATInput.unread(graph, roles: DCATInput.roles(graph, datasets: subjects))
        return (results, coverage)
    }

    // MARK: - dataset

    private func mapDataset(_ s: RDFTerm, _ g: RDFGraph, _ source: SourceConfig, _ usedSlugs: inout [String: String]) -> MappingResult {
        var r = DCATReader(graph: g, source: source.id)
        let subjectIRI = s.iri
        let identifier: String
        if let id = g.objects(s, DCATNS.dct + "identifier").compactMap(\.lexical).first(where: { !$0.isEmpty }) {
            identifier = id
        } else if let subjectIRI {
            identifier = subjectIRI
        } else {
            r.record = nil
            r.find(.error, field: "dct:identifier", .dcatBlankNodeWithoutIdentifier, [])
            return MappingResult(dataset: nil, findings: r.findings)
        }
        r.record = identifier
        // The record's language decides which literal is read where several languages are given, and the tag of
        // the published literals; without one, the source's `language`, else the catalogue's.
        let recordLanguages = languages(s, &r)
        let textLanguage = recordLanguages.lazy.compactMap { LiteralLanguage.code($0) }.first ?? LiteralLanguage.code(source.language)
        if let tag = LiteralLanguage.tag(textLanguage ?? catalog.languages.first) { r.preferredTag = tag }

        guard let title = r.text(s, DCATNS.dct + "title"), !title.isEmpty else {
            r.find(.error, field: "dct:title", .dcatWithoutTitle, [])
            return MappingResult(dataset: nil, findings: r.findings)
        }
        let description = r.text(s, DCATNS.dct + "description") ?? ""
        if description.isEmpty {
            r.find(.warning, field: "dct:description", .dcatDescriptionMissing, [])
        }

        let uri = datasetURI(source.id, identifier, &usedSlugs)
        var d = Dataset(uri: uri, identifier: identifier, title: title, description: description)

        d.keywords = unique(g.objects(s, DCATNS.dcat + "keyword").compactMap { $0.isLiteral ? $0.lexical?.trimmedSpace() : nil }.filter { !$0.isEmpty })
        d.themes = themes(s, &r)
        d.issued = r.date(s, DCATNS.dct + "issued", field: "dct:issued")
        d.modified = r.date(s, DCATNS.dct + "modified", field: "dct:modified")
        d.landingPage = r.link(s, DCATNS.dcat + "landingPage")
        agents(s, g, source: source, into: &d, &r)
        d.spatial = spatial(s, &r)
        dcatdeFields(s, source: source, into: &d, &r)
        d.temporal = temporal(g.object(s, DCATNS.dct + "temporal"), &r)
        d.accessRights = accessRights(s, &r)
        d.conformsTo = unique(g.objects(s, DCATNS.dct + "conformsTo").compactMap { r.linkValue($0) })
        d.languages = recordLanguages
        d.textLanguage = textLanguage
        d.accrualPeriodicity = r.link(s, DCATNS.dct + "accrualPeriodicity").map { given in
            guard let fixed = CKANMapper.repairedFrequencyIRI(given) else { return given }
            r.find(.note, field: "dct:accrualPeriodicity", .dcatFrequencyRepaired, [given, fixed])
            return fixed
        }
        d.version = r.text(s, DCATNS.dcat + "version") ?? r.text(s, DCATNS.owl + "versionInfo")
        notesPagesAndRelations(s, into: &d, &r)
        d.isSeries = g.objects(s, RDFNS.type).contains { $0.iri == DCATNS.dcat + "DatasetSeries" }
        d.inSeries = unique(g.objects(s, DCATNS.dcat + "inSeries").compactMap(\.iri))
        d.derivedFrom = unique((g.objects(s, DCATNS.dct + "source") + g.objects(s, DCATNS.prov + "wasDerivedFrom")).compactMap { r.linkValue($0) })
        // The source's own dataset IRI stays an identifier (DCAT-AP.de: dct:identifier as given, others as adms:identifier).
        let subjectID = subjectIRI.flatMap { $0 == identifier ? nil : $0 }
        d.otherIdentifiers = unique(g.objects(s, DCATNS.adms + "identifier").compactMap { o -> String? in
            if o.isLiteral { return o.lexical }
            return g.object(o, DCATNS.skos + "notation")?.lexical ?? o.iri
        } + [subjectID].compactMap { $0 })
        if let lic = g.object(s, DCATNS.dct + "license") {
            d.licence = licence(lic, field: "dct:license", source: source, &r)
        }

        addDistributions(s, g, source: source, into: &d, &r)

        let modifiedRaw = g.object(s, DCATNS.dct + "modified")?.lexical
        d.provenance = [Provenance(sourceID: source.id, remoteID: identifier, remoteName: nil,
                                   url: d.landingPage ?? subjectIRI, sourceModified: modifiedRaw)]
        return MappingResult(dataset: d, findings: r.findings)
    }

    /// Publisher (else the source's default), creator, custodian/maintainer, originator, contact point.
    private func agents(_ s: RDFTerm, _ g: RDFGraph, source: SourceConfig, into d: inout Dataset, _ r: inout DCATReader) {
        d.publisher = agent(g.object(s, DCATNS.dct + "publisher"), g) ?? source.defaults.publisher
        if d.publisher == nil {
            r.find(.warning, field: "dct:publisher", .dcatPublisherMissing, [])
        }
        d.creator = agent(g.object(s, DCATNS.dct + "creator"), g)
        // DCAT-AP.de 2.0 names them dcatde:maintainer/originator, 3.0 geodcatap:custodian/originator.
        d.maintainer = agent(g.object(s, DCATNS.dcatde + "maintainer"), g) ?? agent(g.object(s, DCATNS.geodcatap + "custodian"), g)
        d.originator = agent(g.object(s, DCATNS.dcatde + "originator"), g) ?? agent(g.object(s, DCATNS.geodcatap + "originator"), g)
        d.contactPoint = contactPoint(g.object(s, DCATNS.dcat + "contactPoint"), g) ?? source.defaults.contactPoint
    }

    /// The dataset's `dcat:distribution` nodes, in document order.
    private func addDistributions(_ s: RDFTerm, _ g: RDFGraph, source: SourceConfig, into d: inout Dataset, _ r: inout DCATReader) {
        let distSubjects = unique(g.objects(s, DCATNS.dcat + "distribution").filter { !$0.isLiteral })
        d.distributions.reserveCapacity(d.distributions.count + distSubjects.count)  // as CKANMapper.addDistributions
        for (i, ds) in distSubjects.enumerated() {
            if let dist = distribution(ds, index: i, datasetURI: d.uri, datasetLicence: d.licence, source: source, &r) {
                d.distributions.append(dist)
            }
        }
        if distSubjects.isEmpty {
            r.find(.warning, field: "dcat:distribution", .dcatDistributionMissing, [])
        }
    }

    private func datasetURI(_ sourceID: String, _ identifier: String, _ used: inout [String: String]) -> String {
        var slug = DCATMapper.slug(identifier)
        if slug.count > 100 || slug.isEmpty { slug = String(slug.prefix(80)) + "-" + DCATMapper.fnv(identifier) }
        if let other = used[slug], other != identifier { slug += "-" + DCATMapper.fnv(identifier) }
        used[slug] = identifier
        var base = catalog.baseURI
        while base.hasSuffix("/") { base.removeLast() }
        return "\(base)/dataset/\(DCATMapper.slug(sourceID))/\(slug)"
    }

    /// An IRI-safe slug: unreserved characters kept, everything else folded to '-', scheme dropped.
    package static func slug(_ s: String) -> String {
        var t = s
        for scheme in ["https://", "http://", "urn:"] where t.lowercased().hasPrefix(scheme) { t.removeFirst(scheme.count) }
        var out = ""
        var lastDash = false
        for u in t.unicodeScalars {
            let ok = (u.value >= 48 && u.value <= 57) || (u.value >= 65 && u.value <= 90) || (u.value >= 97 && u.value <= 122)
                || u == "." || u == "_" || u == "~" 
            if ok {
                out.unicodeScalars.append(u)
                lastDash = false
            } else if !lastDash {
                out += "-"
                lastDash = true
            }
        }
        while out.hasPrefix("-") || out.hasPrefix(".") { out.removeFirst() }
        while out.hasSuffix("-") || out.hasSuffix(".") { out.removeLast() }
        return out
    }

    /// 32-bit FNV-1a as 8 hex digits (stable across runs; used to keep slugs unique).
    package static func fnv(_ s: String) -> String {
        var h: UInt32 = 2_166_136_261
        for b in s.utf8 { h = (h ^ UInt32(b)) &* 16_777_619 }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }

    // MARK: - parts

    private func themes(_ s: RDFTerm, _ r: inout DCATReader) -> [String] {
        var out: [String] = []
        for o in r.graph.objects(s, DCATNS.dcat + "theme") {
            guard let raw = r.linkValue(o)?.trimmedBlanks() else { continue }
            var last = raw
            while last.hasSuffix("/") { last.removeLast() }
            last = last.split(separator: "/").last.map(String.init) ?? last
            last = last.split(separator: "#").last.map(String.init) ?? last
            if Vocabulary.themeCodes.contains(last.uppercased()), raw.contains("data-theme") || !raw.contains("/") {
                out.append(last.uppercased())
            } else if let codes = DCATVocabulary.ogdCategoryThemes[last.lowercased()] {
                out.append(contentsOf: codes)
                r.find(.note, field: "dcat:theme", .dcatThemeLegacy, [raw, codes.joined(separator: ", ")])
            } else {
                r.find(.note, field: "dcat:theme", .dcatThemeUnknown, [raw])
            }
        }
        return unique(out)
    }

    private func languages(_ s: RDFTerm, _ r: inout DCATReader) -> [String] {
        var out: [String] = []
        for o in r.graph.objects(s, DCATNS.dct + "language") {
            if let l = language(o, &r) { out.append(l) }
        }
        return unique(out)
    }

    private func language(_ o: RDFTerm, _ r: inout DCATReader) -> String? {
        guard let raw = r.linkValue(o)?.trimmedBlanks(), !raw.isEmpty else { return nil }
        if raw.hasPrefix(Vocabulary.languageBase) {
            let code = String(raw.dropFirst(Vocabulary.languageBase.count))
            if let fixed = DCATVocabulary.languageCode(code), fixed != code {
                // e.g. Bremen's `…/language/GER` (not in the EU table): the EU code is DEU.
                return Vocabulary.languageBase + fixed
            }
            return raw
        }
        if let code = vocabularies?.language(for: raw) ?? DCATVocabulary.languageCode(raw) { return Vocabulary.languageBase + code }
        if raw.contains("://") { return raw }
        r.find(.note, field: "dct:language", .dcatLanguageUnknown, [raw])
        return nil
    }

    func agent(_ o: RDFTerm?, _ g: RDFGraph) -> Agent? {
        guard let o else { return nil }
        if case .literal(let name, _, _) = o {
            let n = name.trimmedSpace()
            return n.isEmpty ? nil : Agent(name: n)
        }
        let names = g.objects(o, DCATNS.foaf + "name") + g.objects(o, DCATNS.vcard + "fn") + g.objects(o, DCATNS.skos + "prefLabel")
        guard let name = pickText(names) else { return nil }
        let email = (g.objects(o, DCATNS.foaf + "mbox") + g.objects(o, DCATNS.vcard + "hasEmail")).first?.lexical.map(stripMailto)
        let homepage = g.object(o, DCATNS.foaf + "homepage")?.lexical
        let type = g.object(o, DCATNS.dct + "type")?.iri
        return Agent(uri: o.iri, name: name, email: email, homepage: homepage, type: type)
    }

    private func contactPoint(_ o: RDFTerm?, _ g: RDFGraph) -> ContactPoint? {
        guard let o, !o.isLiteral else { return nil }
        func value(_ p: String) -> String? {
            guard let v = g.object(o, DCATNS.vcard + p) else { return nil }
            if case .blank = v { return g.object(v, DCATNS.vcard + "hasValue")?.lexical }
            if v.iri != nil, let inner = g.object(v, DCATNS.vcard + "hasValue")?.lexical { return inner }
            return v.lexical
        }
        var c = ContactPoint()
        c.name = pickText(g.objects(o, DCATNS.vcard + "fn")) ?? pickText(g.objects(o, DCATNS.vcard + "organization-name"))
        c.email = value("hasEmail").map(stripMailto).flatMap { $0.isEmpty ? nil : $0 }
        c.url = value("hasURL")
        c.phone = value("hasTelephone").map { $0.hasPrefix("tel:") ? String($0.dropFirst(4)) : $0 }
        c.address = address(o, g)
        return c.isEmpty ? nil : c
    }

    private func spatial(_ s: RDFTerm, _ r: inout DCATReader) -> Location? {
        let g = r.graph
        var loc = Location()
        var found = false
        for o in g.objects(s, DCATNS.dct + "spatial") {
            found = true
            if case .literal(let text, _, _) = o {
                if let geo = DCATGeometry.parse(text) {
                    loc.geometryGeoJSON = loc.geometryGeoJSON ?? geo.geoJSON
                    loc.bbox = loc.bbox ?? geo.bbox
                } else if loc.label == nil {
                    loc.label = text
                }
                continue
            }
            // A political-geocoding key IRI as dct:spatial (DCAT-AP.de 3.0) is the political geocoding
            // (`dcatdeFields`), not the dataset's place.
            if let iri = o.iri, iri.hasPrefix(Vocabulary.politicalGeocodingBase) { continue }
            if let iri = o.iri, loc.uri == nil { loc.uri = iri }
            for p in [DCATNS.locn + "geometry", DCATNS.dcat + "bbox", DCATNS.dcat + "centroid"] {
                for gl in g.objects(o, p) {
                    // DCAT-AP 3 writes locn:geometry as a geometry node with GeoSPARQL literals.
                    let literal = gl.isLiteral ? gl : (g.object(gl, DCATNS.gsp + "asGeoJSON") ?? g.object(gl, DCATNS.gsp + "asWKT"))
                    guard let text = literal?.lexical else { continue }
                    if let geo = DCATGeometry.parse(text) {
                        if p == DCATNS.dcat + "bbox" {
                            loc.bbox = geo.bbox ?? loc.bbox
                            if loc.geometryGeoJSON == nil { loc.geometryGeoJSON = geo.geoJSON }
                        } else if p == DCATNS.locn + "geometry" || loc.geometryGeoJSON == nil {
                            if loc.geometryGeoJSON == nil || p == DCATNS.locn + "geometry" { loc.geometryGeoJSON = geo.geoJSON }
                            if loc.bbox == nil { loc.bbox = geo.bbox }
                        }
                    } else {
                        r.find(.warning, field: "dct:spatial", .dcatSpatialGeometryInvalid, [String(text.prefix(80))])
                    }
                }
            }
            if loc.label == nil {
                // locn:geographicName is the geocoding text (`dcatdeFields`), not a second label.
                loc.label = pickText(g.objects(o, DCATNS.skos + "prefLabel") + g.objects(o, DCATNS.rdfs + "label")
                    + g.objects(o, DCATNS.locn + "adminUnitL2"))
            }
        }
        guard found, loc.uri != nil || loc.geometryGeoJSON != nil || loc.bbox != nil || loc.label != nil else { return nil }
        return loc
    }

    private func temporal(_ o: RDFTerm?, _ r: inout DCATReader) -> PeriodOfTime? {
        guard let o, !o.isLiteral else { return nil }
        func first(_ names: [String], field: String) -> DateValue? {
            for n in names { if r.graph.object(o, n) != nil { return r.date(o, n, field: field) } }
            return nil
        }
        let start = first([DCATNS.dcat + "startDate", DCATNS.schema + "startDate"], field: "dct:temporal/startDate")
        let end = first([DCATNS.dcat + "endDate", DCATNS.schema + "endDate"], field: "dct:temporal/endDate")
        return start == nil && end == nil ? nil : PeriodOfTime(start: start, end: end)
    }

    private func distribution(
        _ ds: RDFTerm, index: Int, datasetURI: String, datasetLicence: Licence?, source: SourceConfig, _ r: inout DCATReader
    ) -> Distribution? {
        let g = r.graph
        let field = "dcat:distribution[\(index)]"
        let access = r.link(ds, DCATNS.dcat + "accessURL")
        let download = r.link(ds, DCATNS.dcat + "downloadURL")
        guard let accessURL = access ?? download else {
            r.find(.warning, field: field + ".accessURL", .dcatDistributionWithoutURL, [ds.iri ?? "#\(index)"])
            return nil
        }
        if access == nil {
            r.find(.note, field: field + ".accessURL", .dcatDistributionAccessURLMissing, [])
        }
        var d = Distribution(uri: ds.iri ?? .concatenating(datasetURI, "/distribution/", String(index + 1)), accessURL: accessURL, downloadURL: download)
        d.title = r.text(ds, DCATNS.dct + "title")
        d.description = r.text(ds, DCATNS.dct + "description")

        format(ds, field: field, into: &d, &r)
        if let b = g.object(ds, DCATNS.dcat + "byteSize")?.lexical {
            let t = b.trimmedBlanks()
            if let n = Int(t), n >= 0 {
                d.byteSize = n
            } else if let x = Double(t), x >= 0, x == x.rounded(), x < 9e15 {
                d.byteSize = Int(x)
            } else {
                r.find(.warning, field: field + ".byteSize", .dcatDistributionByteSizeInvalid, [b])
            }
        }
        if let lic = g.object(ds, DCATNS.dct + "license") {
            d.licence = licence(lic, field: field + ".license", source: source, &r)
        } else if let datasetLicence {
            d.licence = datasetLicence
            d.licenceInherited = true
        } else {
            d.licence = licences.resolve(nil)
        }
        d.attributionText = r.dcatdeText(ds, "licenseAttributionByText")
        if let rights = g.object(ds, DCATNS.dct + "rights") {
            d.rights = rights.isLiteral ? rights.lexical : (pickText(g.objects(rights, DCATNS.rdfs + "label")) ?? rights.iri)
        }
        d.issued = r.date(ds, DCATNS.dct + "issued", field: field + ".issued")
        d.modified = r.date(ds, DCATNS.dct + "modified", field: field + ".modified")
        d.languages = unique(g.objects(ds, DCATNS.dct + "language").compactMap { language($0, &r) })
        d.conformsTo = unique(g.objects(ds, DCATNS.dct + "conformsTo").compactMap { r.linkValue($0) })
        d.documentation = pages(ds, g, &r)
        d.status = r.link(ds, DCATNS.adms + "status")
        d.plannedAvailability = r.link(ds, DCATNS.dcatde + "plannedAvailability") ?? r.link(ds, DCATNS.dcatap + "availability")
        d.checksum = checksum(ds, field: field, &r)
        return d
    }
}

// MARK: - helpers

/// Per-record reading context: graph access plus the findings collected so far.
struct DCATReader {
    let graph: RDFGraph
    let source: String
    var record: String?
    var findings: [Finding] = []

    init(graph: RDFGraph, source: String) {
        self.graph = graph
        self.source = source
    }

    /// A finding with the template's code, its sentences rendered from `template` when read (DCATFindingTemplates.swift).
    mutating func find(_ severity: Finding.Severity, field: String?, _ template: FindingTemplate, _ arguments: [String]) {
        findings.append(Finding(severity, source: source, record: record, field: field, template, arguments))
    }

    /// The language tag whose literals are read first (`pickText`).
    var preferredTag = "de"

    func text(_ s: RDFTerm, _ p: String) -> String? {
        pickText(graph.objects(s, p), prefer: preferredTag)
    }

    /// An IRI or URL given either as IRI or as literal (Bremen writes `dcat:accessURL` as a literal).
    func linkValue(_ o: RDFTerm) -> String? {
        switch o {
        case .iri(let s): return s
        case .literal(let s, _, _):
            let t = s.trimmedSpace()
            return t.isEmpty ? nil : t
        case .blank: return nil
        }
    }

    func link(_ s: RDFTerm, _ p: String) -> String? {
        graph.objects(s, p).lazy.compactMap { linkValue($0) }.first
    }

    /// Objects of a dcatde property (the graph is normalised: every namespace version reads as the official one).
    func dcatde(_ s: RDFTerm, _ local: String) -> [RDFTerm] {
        graph.objects(s, DCATNS.dcatde + local)
    }

    func dcatdeText(_ s: RDFTerm, _ local: String) -> String? {
        pickText(dcatde(s, local), prefer: preferredTag)
    }

    mutating func date(_ s: RDFTerm, _ p: String, field: String) -> DateValue? {
        guard let o = graph.object(s, p), let raw = o.lexical else { return nil }
        switch DCATDateParser.parse(raw) {
        case .valid(let v): return v
        case .repaired(let v, let what, let whatDE):
            find(.note, field: field, .dcatDateRepaired, [raw, v.lexical, what, whatDE])
            return v
        case .invalid:
            find(.warning, field: field, .dcatDateUnparsable, [raw])
            return nil
        }
    }
}

/// Picks the text to use among literals: the preferred language (the record's, default German) first, then no
/// language, then any.
func pickText(_ terms: [RDFTerm], prefer: String = "de") -> String? {
    let lits = terms.compactMap { t -> (String, String?)? in
        if case .literal(let s, let l, _) = t {
            let v = s.trimmedSpace()
            return v.isEmpty ? nil : (v, l)
        }
        return nil
    }
    if let hit = lits.first(where: { $0.1 == prefer || $0.1?.hasPrefix(prefer + "-") == true }) { return hit.0 }
    if let plain = lits.first(where: { $0.1 == nil }) { return plain.0 }
    return lits.first?.0
}

private func stripMailto(_ s: String) -> String {
    let t = s.trimmedBlanks()
    return t.lowercased().hasPrefix("mailto:") ? String(t.dropFirst(7)) : t
}

func unique<T: Hashable>(_ xs: [T]) -> [T] {
    var seen: Set<T> = []
    return xs.filter { seen.insert($0).inserted }
}
