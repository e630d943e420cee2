import Foundation

/// Maps one CKAN package dict to a DCAT-AP.de `Dataset`, reporting every repair, default and drop as a `Finding`.
///
/// One profile covers the CKAN variants seen in the fixtures: CKAN 2.x core, ckanext-dcat scheming fields,
/// GovData's ckanext-dcatde extras, OGD-DE 1.x (Berlin Datenregister 2014, Moers) and DKAN (Köln 2014/15).
/// The mapper never throws and never crashes on input: a record it cannot publish yields `dataset == nil`
/// and at least one `.error` finding naming source, record and field.
package struct CKANMapper: Sendable {
    package var catalog: CatalogSettings
    package var vocabularies: MappingVocabularies
    package var licences: any LicenceResolving {
        didSet { resolvedLicences = MemoizedLicences(licences) }
    }
    /// `licences`' answers, each worked out once per run (CKANLicences.swift).
    private(set) var resolvedLicences: MemoizedLicences
    /// Theme lists repeat (a few codes in a few combinations): datasets with the same list share one array.
    let themeLists = MemoCache<[String], [String]>(limit: 4096)

    package init(catalog: CatalogSettings, vocabularies: MappingVocabularies, licences: any LicenceResolving) {
        self.catalog = catalog
        self.vocabularies = vocabularies
        self.licences = licences
        self.resolvedLicences = MemoizedLicences(licences)
    }

    /// CKAN `type` values that hold datasets: CKAN default, OGD-DE 1.x `datensatz`/`dokument`, DKAN `Dataset`,
    /// ckanext-dcat `dataset_series`.
    static let datasetTypes: Set<String> = ["dataset", "datensatz", "dokument", "dataset_series", "dataset-series"]
    /// Types that are certainly not datasets (GovData harvest sources, showcases, OGD-DE apps).
    static let nonDatasetTypes: Set<String> = ["harvest", "showcase", "app", "application", "organization", "group"]

    package func map(_ record: RawRecord, source: SourceConfig) -> MappingResult {
        var ctx = Context(source: source.id, record: "#\(record.index)")
        let dataset = build(record, source: source, ctx: &ctx)
        return MappingResult(dataset: dataset, findings: ctx.findings.sorted())
    }

    /// Collects findings for one record.
    struct Context {
        var source: String
        var record: String
        var findings: [Finding] = []

        /// A finding with the template's code, its sentences rendered from `template` when read
        /// (CKANFindingTemplates.swift).
        mutating func add(_ severity: Finding.Severity, field: String?, _ template: FindingTemplate, _ arguments: [String]) {
            findings.append(Finding(severity, source: source, record: record, field: field, template, arguments))
        }

        /// The same for a template whose code each finding names (a decoding error's code).
        mutating func add(_ severity: Finding.Severity, code: String, field: String?, _ template: FindingTemplate, _ arguments: [String]) {
            findings.append(Finding(severity, code: code, source: source, record: record, field: field, template, arguments))
        }
    }

    /// Reads the record, rejects what cannot be published (with an error finding), then builds the dataset:
    /// identity, the dataset's own properties, its distributions.
    private func build(_ record: RawRecord, source: SourceConfig, ctx: inout Context) -> Dataset? {
        let pkg: CKANPackage
        do {
            pkg = try CKANPackage(json: record.json)
        } catch {
            ctx.add(.error, code: error.code, field: error.field, .ckanRecordRejected, [String(record.index), error.message, error.messageDE])
            return nil
        }
        let id = pkg.text("id")
        let name = pkg.text("name")
        ctx.record = id ?? name ?? "#\(record.index)"
        guard admissible(pkg, ctx: &ctx), let rawTitle = pkg.text("title") else { return nil }
        let title = PlainText.oneLine(PlainText.tidy(PlainText.decodeEntities(rawTitle)))
        guard let remoteID = id ?? name else {
            ctx.add(.error, field: "id", .ckanRecordNoID, [])
            return nil
        }
        // The record's organisation entry (if the source has a table) replaces the source's defaults below.
        let orgDefaults = recordDefaults(pkg, source: source, ctx: &ctx)
        var source = source
        source.defaults = orgDefaults.defaults
        let portal = source.defaults.portalURL ?? (source.kind == .ckan ? source.url : nil)
        var ds = identity(pkg, title: title, remoteID: remoteID, source: source, portal: portal)
        describe(&ds, pkg, source: source, portal: portal, publisher: orgDefaults.publisher, ctx: &ctx)
        addDistributions(&ds, pkg, source: source, portal: portal, ctx: &ctx)
        return ds
    }

    /// False (with an error finding) for records that are not publishable datasets: DCAT-JSON shapes, harvest
    /// sources and other non-dataset types, deleted or private records, records without a title.
    private func admissible(_ pkg: CKANPackage, ctx: inout Context) -> Bool {
        // Non-CKAN shapes that end up in CKAN dumps: DCAT-JSON catalogues/datasets (ckanext-dcat examples/ckan/catalog*.json).
        if pkg.fields["dataset"]?.array != nil || (pkg.fields["distribution"] != nil && pkg.fields["resources"] == nil) {
            let catalogue = pkg.fields["dataset"] != nil
            ctx.add(.error, field: catalogue ? "dataset" : "distribution", catalogue ? .ckanRecordDCATCatalogue : .ckanRecordDCATDataset, [])
            return false
        }
        if !pkg.unwrappedFields.isEmpty {
            ctx.add(.warning, field: nil, .ckanRecordSchemaWrapped,
                    [pkg.unwrappedFields.joined(separator: ", "), pkg.lostFields.joined(separator: ", ")])
        }
        if let type = pkg.text("type") {
            let t = type.lowercased()
            if CKANMapper.nonDatasetTypes.contains(t) {
                ctx.add(.error, field: "type", .ckanRecordNotDataset, [type])
                return false
            }
            if !CKANMapper.datasetTypes.contains(t) {
                ctx.add(.note, field: "type", .ckanRecordUnusualType, [type])
            }
        }
        if let state = pkg.text("state")?.lowercased(), state != "active" {
            ctx.add(.error, field: "state", .ckanRecordNotActive, [state])
            return false
        }
        if pkg.fields["private"] == .bool(true) {
            ctx.add(.error, field: "private", .ckanRecordPrivate, [])
            return false
        }
        guard pkg.text("title") != nil else {
            ctx.add(.error, field: "title", .ckanRecordNoTitle, [])
            return false
        }
        return true
    }

    /// The dataset's IRI, identifiers and provenance; `portal` is the source portal's base URL, if known.
    private func identity(_ pkg: CKANPackage, title: String, remoteID: String, source: SourceConfig, portal: String?) -> Dataset {
        let name = pkg.text("name")
        let id = pkg.text("id")
        let base = catalog.baseURI.hasSuffix("/") ? String(catalog.baseURI.dropLast()) : catalog.baseURI
        let slug = IRISafe.segment(name ?? remoteID)
        let uri = String.concatenating(base, "/dataset/", IRISafe.segment(source.id), "/", slug)
        let recordURL = portal.flatMap { IRISafe.url($0, base: nil) }.map { p in
            (p.hasSuffix("/") ? String(p.dropLast()) : p) + "/dataset/" + IRISafe.segment(name ?? remoteID)
        }
        let identifier = pkg.firstText("identifier", "guid")?.value ?? remoteID
        var otherIDs: [String] = []
        if let id, id != identifier { otherIDs.append(id) }
        for alt in pkg.list("alternate_identifier") where alt != identifier { otherIDs.append(alt) }
        if let recordURL { otherIDs.append(recordURL) }
        let provenance = Provenance(
            sourceID: source.id, remoteID: remoteID, remoteName: name, url: recordURL, sourceModified: pkg.text("metadata_modified"))

        return Dataset(uri: uri, identifier: identifier, otherIdentifiers: unique(otherIDs), provenance: [provenance], title: title, description: "")
    }

    /// Everything of the dataset but its identity and distributions: description, keywords, themes, dates,
    /// agents, geography, languages, legal and series properties, the dataset licence.
    private func describe(_ ds: inout Dataset, _ pkg: CKANPackage, source: SourceConfig, portal: String?, publisher preferred: Agent?, ctx: inout Context) {
        let title = ds.title
        // Description: DCAT-AP requires one; Köln DKAN gives HTML.
        let notes = pkg.text("notes").map(PlainText.fromHTML) ?? ""
        if notes.isEmpty {
            ds.description = title
            ctx.add(.warning, field: "notes", .ckanDescriptionMissing, [])
        } else {
            ds.description = notes
        }

        ds.keywords = unique(pkg.tags.map { PlainText.oneLine(PlainText.tidy($0)) }.filter { !$0.isEmpty }).sorted()
        ds.themes = mapThemes(pkg, ctx: &ctx)
        ds.landingPage = landingPage(pkg, portal: portal, ctx: &ctx)
        ds.version = pkg.firstText("version", "dcat_version")?.value

        // Dates: explicit issued/modified (extras or scheming) before CKAN's metadata dates; OGD-DE 1.x date_released/date_updated.
        // OGD-DE 1.x `extras.dates` come before CKAN's own metadata timestamps (docs/mapping.md, precedence).
        ds.issued = date(pkg, ["issued", "dcat_issued", "date_released"], fallback: nil, ctx: &ctx)
            ?? ogdDate(pkg, roles: ["veroeffentlicht", "erstellt"]) ?? date(pkg, [], fallback: "metadata_created", ctx: &ctx)
        ds.modified = date(pkg, ["modified", "dcat_modified", "date_updated"], fallback: nil, ctx: &ctx)
            ?? ogdDate(pkg, roles: ["aktualisiert"]) ?? date(pkg, [], fallback: "metadata_modified", ctx: &ctx)
        ds.temporal = temporal(pkg, ctx: &ctx)

        ds.publisher = publisher(pkg, source: source, preferred: preferred, ctx: &ctx)
        ds.contactPoint = contactPoint(pkg, source: source, ctx: &ctx)
        if let creatorName = pkg.extras["originator_name"]?.text ?? pkg.extras["creator_name"]?.text {
            ds.creator = Agent(name: creatorName)
        }
        geocoding(pkg, source: source, into: &ds, ctx: &ctx)
        ds.contributorIDs = unique(pkg.list("contributorID").isEmpty ? source.defaults.contributorIDs : pkg.list("contributorID"))
        ds.languages = languages(pkg.list("language"), field: "language", ctx: &ctx)
        // Literals carry the record's first language (in the record's order), else the source's `language`.
        ds.textLanguage = pkg.list("language").lazy.compactMap { vocabularies.language(for: $0) }.first ?? LiteralLanguage.code(source.language)
        ds.conformsTo = conformsTo(pkg.list("conforms_to"), field: "conforms_to", ctx: &ctx)
        ds.legalBasis = pkg.list("legalbasisText").first
        ds.accrualPeriodicity = frequency(pkg, ctx: &ctx)
        ds.accessRights = accessRights(pkg)
        ds.derivedFrom = derivedFrom(pkg, ownPortal: portal)
        // ckanext-dcat dataset series: the series record itself, and its members' `in_series` (series ids).
        ds.isSeries = ["dataset_series", "dataset-series"].contains(pkg.text("type")?.lowercased() ?? "")
        ds.inSeries = pkg.list("in_series")
        // ckanext-dcat (DCAT-AP 3 / HVD schema): `hvd_category`, a list of EU HVD category IRIs.
        ds.hvdCategories = pkg.list("hvd_category")

        // Licence: id, then URL, then title (CKANLicences.swift); the raw value is kept as given.
        ds.licence = resolveLicence(datasetLicenceCandidates(pkg), source: source, ctx: &ctx) ?? licences.resolve(nil)
    }

    // MARK: Dates

    private func date(_ pkg: CKANPackage, _ keys: [String], fallback: String?, ctx: inout Context) -> DateValue? {
        for k in keys {
            guard let hit = pkg.firstText(k) else { continue }
            if let d = CKANDate.parse(hit.value) { return d }
            ctx.add(.note, field: hit.key, .ckanDateUnparsable, [hit.value])
        }
        guard let fallback, let raw = pkg.text(fallback) else { return nil }
        if let d = CKANDate.parse(raw) { return d }
        ctx.add(.note, field: fallback, .ckanDateUnparsable, [raw])
        return nil
    }

    /// OGD-DE 1.x `extras.dates: [{role, date}]` (ckan-messy/ogd-de-1x-moers-record.json).
    private func ogdDate(_ pkg: CKANPackage, roles: [String]) -> DateValue? {
        let dates = pkg.extras["dates"]?.unwrappingJSONString.array ?? []
        for role in roles {
            if let d = dates.first(where: { $0["role"]?.text == role })?["date"]?.text.flatMap(CKANDate.parse) { return d }
        }
        return nil
    }

    private func temporal(_ pkg: CKANPackage, ctx: inout Context) -> PeriodOfTime? {
        func read(_ keys: [String]) -> DateValue? {
            for k in keys {
                guard let hit = pkg.firstText(k) else { continue }
                if let d = CKANDate.parse(hit.value) { return d }
                ctx.add(.note, field: hit.key, .ckanTemporalUnparsable, [hit.value])
            }
            return nil
        }
        // Berlin spells `temporal_coverage-from` with a hyphen; GovData `temporal_coverage_from`; DCAT `temporal_start`.
        var start = read(["temporal_start", "temporal_coverage_from", "temporal_coverage-from"])
        var end = read(["temporal_end", "temporal_coverage_to", "temporal_coverage-to"])
        // ckanext-dcat scheming: `temporal_coverage: [{start, end}]` (first period).
        if start == nil, end == nil, let first = pkg.fields["temporal_coverage"]?.array?.first {
            start = first["start"]?.text.flatMap(CKANDate.parse)
            end = first["end"]?.text.flatMap(CKANDate.parse)
        }
        if let s = start, let e = end, e < s, s.lexical.prefix(10) > e.lexical.prefix(10) {
            ctx.add(.warning, field: "temporal_end", .ckanTemporalInverted, [e.lexical, s.lexical])
        }
        return start == nil && end == nil ? nil : PeriodOfTime(start: start, end: end)
    }

    // MARK: Agents

    /// `preferred`: the organisation table's publisher, used before the CKAN organisation's title.
    private func publisher(_ pkg: CKANPackage, source: SourceConfig, preferred: Agent?, ctx: inout Context) -> Agent? {
        // ckanext-dcat scheming: `publisher: [{name, email, url, type, identifier}]`.
        if let p = pkg.fields["publisher"]?.array?.first, let n = p["name"]?.text {
            return Agent(uri: p["identifier"]?.text.flatMap { IRISafe.url($0, base: nil) }, name: n,
                         email: agentEmail(p["email"]?.text, field: "publisher[0].email", ctx: &ctx),
                         homepage: p["url"]?.text.flatMap { IRISafe.url($0, base: nil) }, type: p["type"]?.text.flatMap { IRISafe.url($0, base: nil) })
        }
        if let n = pkg.firstText("publisher_name", "dcat_publisher_name")?.value {
            let email = pkg.firstText("publisher_email", "dcat_publisher_email")
            return Agent(uri: pkg.firstText("publisher_uri").flatMap { IRISafe.url($0.value, base: nil) }, name: n,
                         email: agentEmail(email?.value, field: email?.key ?? "publisher_email", ctx: &ctx),
                         homepage: pkg.firstText("publisher_url").flatMap { IRISafe.url($0.value, base: nil) },
                         type: pkg.firstText("publisher_type").flatMap { IRISafe.url($0.value, base: nil) })
        }
        if let preferred { return preferred }
        if let org = pkg.fields["organization"], let n = org["title"]?.text ?? org["name"]?.text {
            return Agent(name: n)
        }
        if let n = pkg.text("author") {
            return Agent(name: n, email: agentEmail(pkg.text("author_email"), field: "author_email", ctx: &ctx))
        }
        // OGD-DE 1.x: `extras.contacts` with role `veroeffentlichende_stelle`.
        if let c = ogdContact(pkg, role: "veroeffentlichende_stelle"), let n = c["name"]?.text {
            return Agent(name: n, email: agentEmail(c["email"]?.text, field: "extras.contacts.email", ctx: &ctx),
                         homepage: c["url"]?.text.flatMap { IRISafe.url($0, base: nil) })
        }
        if let p = source.defaults.publisher { return p }
        ctx.add(.note, field: "organization", .ckanPublisherMissing, [])
        return catalog.publisher
    }

    private func ogdContact(_ pkg: CKANPackage, role: String) -> JSONValue? {
        (pkg.extras["contacts"]?.unwrappingJSONString.array ?? []).first { $0["role"]?.text == role }
    }

    private func contactPoint(_ pkg: CKANPackage, source: SourceConfig, ctx: inout Context) -> ContactPoint? {
        var cp = ContactPoint()
        var emailField: String?
        var rawEmail: String?
        if let c = pkg.fields["contact"]?.array?.first {
            cp.name = c["name"]?.text
            rawEmail = c["email"]?.text
            emailField = "contact[0].email"
            cp.url = c["url"]?.text.flatMap { IRISafe.url($0, base: nil) }
        } else if let n = pkg.firstText("contact_name", "contact-name") {
            cp.name = n.value
            if let e = pkg.firstText("contact_email", "contact-email") { rawEmail = e.value; emailField = e.key }
        } else if let c = ogdContact(pkg, role: "ansprechpartner") ?? ogdContact(pkg, role: "veroeffentlichende_stelle") {
            cp.name = c["name"]?.text
            rawEmail = c["email"]?.text
            emailField = "extras.contacts.email"
            cp.url = c["url"]?.text.flatMap { IRISafe.url($0, base: nil) }
        } else {
            // Name and e-mail of one person: the maintainer's when the record names one, else the author's.
            // A nameless maintainer address keeps the author's name only when the author gives no address of its own
            // (Berlin: author = the office, maintainer_email = its contact), never another person's.
            let who = pkg.text("maintainer") != nil || pkg.text("maintainer_email") != nil ? "maintainer" : "author"
            cp.name = pkg.text(who) ?? (who == "maintainer" && pkg.text("author_email") == nil ? pkg.text("author") : nil)
            if let e = pkg.text("\(who)_email") { rawEmail = e; emailField = "\(who)_email" }
        }
        if let e = pkg.firstText("contact_email", "contact-email") {
            if rawEmail == nil, cp.name == nil {
                rawEmail = e.value
                emailField = e.key
            } else if rawEmail?.lowercased() != e.value.lowercased() {
                // ckanext-dcat legacy (INSPIRE harvest): maintainer + maintainer_email and a `contact-email` extra.
                ctx.add(.note, field: e.key, .ckanContactEmailNotUsed, [e.value, cp.name ?? rawEmail ?? ""])
            }
        }
        if let raw = rawEmail {
            let e = raw.lowercased().hasPrefix("mailto:") ? String(raw.dropFirst(7)) : raw
            if IRISafe.isEmail(e) {
                cp.email = e
            } else {
                ctx.add(.warning, field: emailField, .ckanContactInvalidEmail, [raw])
            }
        }
        if cp.url == nil { cp.url = pkg.firstText("contact_url", "maintainer_url").flatMap { IRISafe.url($0.value, base: nil) } }
        cp.phone = pkg.firstText("contact_tel", "maintainer_tel")?.value
        if cp.isEmpty { return source.defaults.contactPoint }
        return cp
    }

    // MARK: Geography

    private func geocoding(_ pkg: CKANPackage, source: SourceConfig, into ds: inout Dataset, ctx: inout Context) {
        let uris = pkg.list("politicalGeocodingURI").filter { $0.hasPrefix("http") }
        var level = pkg.firstText("politicalGeocodingLevelURI")?.value
        if let l = level {
            // GovData Hamburg 2020: `…/politicalGeocoding/level/state` (lower-case `level`); the vocabulary uses `Level`.
            if let fixed = l.replacingAll("/politicalGeocoding/level/", with: "/politicalGeocoding/Level/") {
                ctx.add(.note, field: "extras.politicalGeocodingLevelURI", .ckanGeocodingLevelFixed, [l, fixed])
                level = fixed
            }
        }
        ds.geocodingText = pkg.list("geocodingText").first ?? source.defaults.geocodingText
        // Berlin Datenregister: `geographical_coverage` place names.
        let coverage = pkg.firstText("geographical_coverage", "geographic_coverage", "geographical-coverage")?.value
        let known = coverage.flatMap { vocabularies.geocoding[ThemeKey.fold($0)] }
        if !uris.isEmpty {
            ds.politicalGeocoding = unique(uris)
            ds.politicalGeocodingLevel = level
        } else if let known {
            ds.politicalGeocoding = [known.uri]
            ds.politicalGeocodingLevel = known.level
        } else {
            ds.politicalGeocoding = source.defaults.politicalGeocoding
            ds.politicalGeocodingLevel = level ?? source.defaults.politicalGeocodingLevel
        }
        var location = Location(label: coverage ?? ds.geocodingText)
        if let known { location.uri = known.geonames ?? known.uri }
        if let hit = pkg.firstText("spatial_uri") { location.uri = IRISafe.url(hit.value, base: nil) }
        if uris.isEmpty, known == nil, location.uri == nil { location.uri = source.defaults.spatialURI }
        var geometry = pkg.fields["spatial"] ?? pkg.extras["spatial"]
        if geometry == nil, let sc = pkg.fields["spatial_coverage"]?.array?.first {
            geometry = sc["geom"]
            location.uri = location.uri ?? sc["uri"]?.text.flatMap { IRISafe.url($0, base: nil) }
            location.label = location.label ?? sc["text"]?.text
        }
        if let g = geometry, g != .null, g.text != nil || g.object != nil {
            if let n = GeoJSONGeometry.normalise(g) {
                location.geometryGeoJSON = n.json
                location.bbox = n.bbox
                if n.typeRepaired {
                    ctx.add(.note, field: "extras.spatial", .ckanSpatialTypeRepaired, [g.unwrappingJSONString["type"]?.text ?? ""])
                }
            } else {
                ctx.add(.warning, field: "extras.spatial", .ckanSpatialInvalid, [])
            }
        }
        if location != Location() { ds.spatial = location }
    }

    // MARK: Other dataset fields

    func languages(_ raws: [String], field: String, ctx: inout Context) -> [String] {
        var out: [String] = []
        for raw in raws {
            if let code = vocabularies.language(for: raw) {
                out.append(Vocabulary.languageBase + code)
            } else {
                ctx.add(.note, field: field, .ckanLanguageUnmapped, [raw])
            }
        }
        return unique(out).sorted()
    }

    private func accessRights(_ pkg: CKANPackage) -> String? {
        if let raw = pkg.firstText("access_rights")?.value, raw.hasPrefix(Vocabulary.accessRightBase) { return raw }
        // A record that reaches us through the public API and is not flagged private is public.
        switch pkg.fields["private"] {
        case .bool(true): return nil
        default: return Vocabulary.accessRightBase + "PUBLIC"
        }
    }

    /// Origin URLs of a harvested copy (GovData Hamburg: `guid`/`uri` point to the origin portal).
    private func derivedFrom(_ pkg: CKANPackage, ownPortal: String?) -> [String] {
        let own = ownPortal.flatMap { URLComponents(string: $0)?.host?.lowercased() }
        var out: [String] = []
        for key in ["uri", "guid", "harvest_url", "harvest_source_url", "source"] {
            for v in pkg.list(key) {
                guard let u = IRISafe.url(v, base: nil), let host = URLComponents(string: u)?.host?.lowercased() else { continue }
                if let own, host == own { continue }
                out.append(u)
            }
        }
        return unique(out)
    }


    func unique(_ xs: [String]) -> [String] {
        var seen = Set<String>()
        return xs.filter { seen.insert($0).inserted }
    }
}
