/// Renders model values as CKAN 2.x action-API dicts (`package_show`, `organization_show`, `group_show`, `license_list`).
///
/// Field choices:
/// - `id`: UUIDv5 of `Dataset.uri` (see `CKANIdentifiers`); `name`: see `CKANNames`.
/// - `license_id`: the canonical licence IRI (as GovData/Open.NRW publish it, e.g.
///   `http://dcat-ap.de/def/licenses/dl-by-de/2.0`), else the SPDX id, else the raw value, else CKAN's `notspecified`.
/// - `organization`: the publisher; `groups`: EU data themes (`soci` / "Bevölkerung und Gesellschaft").
/// - `tags`: keywords made CKAN-valid the way CKAN's validator demands (`[\w .-]`, 2…100 characters): each run of
///   other characters becomes one space (`Verwaltung, Haushalt` → `Verwaltung Haushalt`), duplicates dropped.
/// - `metadata_modified`/`metadata_created`: `modified`/`issued` (else the source's `metadata_modified`, else the
///   catalogue's run time) in CKAN's form: UTC, no zone, microseconds.
/// - `extras`: DCAT-AP.de fields without a CKAN core field, values always strings (lists as JSON, as GovData does).
package enum CKANPackageRenderer {
    /// German labels of the EU data themes.
    package static var themeLabels: [String: String] { Vocabulary.themeLabelsDE }

    /// Titles for the licences seen most (dcat-ap.de licence vocabulary, German labels); others show their id.
    static let licenceTitles: [String: String] = [
        "dl-by-de/2.0": "Datenlizenz Deutschland Namensnennung 2.0",
        "dl-zero-de/2.0": "Datenlizenz Deutschland – Zero – Version 2.0",
        "dl-by-de/1.0": "Datenlizenz Deutschland Namensnennung 1.0",
        "dl-by-nc-de/1.0": "Datenlizenz Deutschland Namensnennung nicht-kommerziell 1.0",
        "cc-by/4.0": "Creative Commons Namensnennung – 4.0 International (CC BY 4.0)",
        "cc-by-sa/4.0": "Creative Commons Namensnennung – Weitergabe unter gleichen Bedingungen 4.0 International (CC BY-SA 4.0)",
        "cc-by-nc/4.0": "Creative Commons Namensnennung – Nicht kommerziell 4.0 International (CC BY-NC 4.0)",
        "cc-by-nd/4.0": "Creative Commons Namensnennung – Keine Bearbeitung 4.0 International (CC BY-ND 4.0)",
        "cc-zero": "Creative Commons CC Zero License (cc-zero)",
        "cc-by": "Creative Commons Namensnennung (CC-BY)",
        "cc-by-de/3.0": "Creative Commons Namensnennung 3.0 Deutschland (CC BY 3.0 DE)",
        "odbl": "Open Data Commons Open Database License (ODbL)",
        "other-closed": "Andere geschlossene Lizenz",
        "other-open": "Andere offene Lizenz",
    ]

    // MARK: Licences

    /// The CKAN licence triple for a model licence.
    package struct LicenceRef: Sendable, Hashable {
        package var id: String
        package var title: String
        package var url: String?
        package var isOpen: Bool
        package var status: LicenceStatus
    }

    package static func licence(_ l: Licence?) -> LicenceRef {
        guard let l else { return LicenceRef(id: "notspecified", title: "Lizenz nicht angegeben", url: nil, isOpen: false, status: .missing) }
        let id = l.uri ?? l.spdx ?? l.raw ?? "notspecified"
        var title = l.spdx ?? l.raw ?? id
        if let uri = l.uri, uri.hasPrefix(Vocabulary.dcatDeLicenceBase) {
            let short = String(uri.dropFirst(Vocabulary.dcatDeLicenceBase.count))
            title = licenceTitles[short] ?? l.spdx ?? short
        }
        if l.uri == nil && l.spdx == nil && l.raw == nil { title = "Lizenz nicht angegeben" }
        return LicenceRef(id: id, title: title, url: l.uri, isOpen: l.status == .open, status: l.status)
    }

    // MARK: Organisations and groups

    package struct OrganizationRef: Sendable, Hashable {
        package var id: String
        package var name: String
        package var title: String
        package var agent: Agent
    }

    /// The organisation for a publisher: id from its IRI (or `publisher:<name>`), name slugged from its name.
    package static func organization(_ a: Agent) -> OrganizationRef {
        let key = a.uri ?? "publisher:\(a.name)"
        var name = CKANIdentifiers.slug(a.name)
        if name.count < 2 { name = "org-" + CKANIdentifiers.uuid5(key).prefix(8) }
        return OrganizationRef(id: CKANIdentifiers.uuid5(key), name: name, title: a.name, agent: a)
    }

    package static func organizationDict(_ o: OrganizationRef, packageCount: Int?, created: String?) -> CKANJSON {
        var m: [CKANJSON.Member] = [
            .init("id", .string(o.id)),
            .init("name", .string(o.name)),
            .init("title", .string(o.title)),
            .init("display_name", .string(o.title)),
            .init("description", .string("")),
            .init("image_url", .string("")),
            .init("image_display_url", .string("")),
            .init("created", .string(created)),
            .init("is_organization", .bool(true)),
            .init("approval_status", .string("approved")),
            .init("state", .string("active")),
            .init("type", .string("organization")),
        ]
        if let count = packageCount { m.append(.init("package_count", .int(count))) }
        var extras: [CKANJSON] = []
        if let uri = o.agent.uri { extras.append(extra("uri", uri)) }
        if let home = o.agent.homepage { extras.append(extra("homepage", home)) }
        if let mail = o.agent.email { extras.append(extra("email", mail)) }
        if let type = o.agent.type { extras.append(extra("publisher_type", type)) }
        m.append(.init("extras", .array(extras)))
        return .object(m)
    }

    package static func groupName(_ theme: String) -> String { theme.lowercased() }

    package static func groupDict(theme: String, packageCount: Int?, created: String?) -> CKANJSON {
        let label = themeLabels[theme] ?? theme
        var m: [CKANJSON.Member] = [
            .init("id", .string(CKANIdentifiers.uuid5(Vocabulary.themeBase + theme))),
            .init("name", .string(groupName(theme))),
            .init("title", .string(label)),
            .init("display_name", .string(label)),
            .init("description", .string("")),
            .init("image_url", .string("")),
            .init("image_display_url", .string("")),
            .init("created", .string(created)),
            .init("is_organization", .bool(false)),
            .init("approval_status", .string("approved")),
            .init("state", .string("active")),
            .init("type", .string("group")),
        ]
        if let count = packageCount { m.append(.init("package_count", .int(count))) }
        m.append(.init("extras", .array([extra("uri", Vocabulary.themeBase + theme)])))
        return .object(m)
    }

    // MARK: Tags

    /// CKAN-valid tag names from keywords (see the type comment), in order, without duplicates.
    package static func tagNames(_ keywords: [String]) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for k in keywords {
            var s = k.allUTF8({ $0 < 0x80 }) ? tagNameASCII(k) : tagNameCharacterwise(k)
            if s.count > 100 { s = String(s.prefix(100)).trimmingTrailingSpaces }
            guard s.count >= 2, seen.insert(s).inserted else { continue }
            out.append(s)
        }
        return out
    }

    /// A keyword made CKAN-valid character by character (`[\w .-]`: letters and digits of any script).
    static func tagNameCharacterwise(_ k: String) -> String {
        var s = ""
        var pendingSpace = false
        for ch in k {
            if ch.isLetter || ch.isNumber || ch == "_" || ch == "-" || ch == "." {
                if pendingSpace && !s.isEmpty { s.append(" ") }
                pendingSpace = false
                s.append(ch)
            } else {
                pendingSpace = true
            }
        }
        return s
    }

    /// `tagNameCharacterwise` of an ASCII keyword, on its bytes (in ASCII the letters are A-Z and a-z, the
    /// digits 0-9, and every other character is one byte).
    static func tagNameASCII(_ k: String) -> String {
        var s: [UInt8] = []
        s.reserveCapacity(k.utf8.count)
        var pendingSpace = false
        for b in k.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."):
                if pendingSpace && !s.isEmpty { s.append(0x20) }
                pendingSpace = false
                s.append(b)
            default:
                pendingSpace = true
            }
        }
        return String(decoding: s, as: UTF8.self)
    }

    // MARK: Dates

    /// CKAN's timestamp form: UTC without zone, six fraction digits (`2014-12-10T11:25:26.000000`).
    package static func timestamp(_ value: DateValue) -> String {
        let s = value.lexical
        if value.isDate { return s.count == 10 ? s + "T00:00:00.000000" : s }
        return utcTimestamp(s) ?? s
    }

    /// Parses `YYYY-MM-DDThh:mm[:ss[.f…]][Z|±hh:mm]` and shifts it to UTC; nil when the shape is unknown.
    static func utcTimestamp(_ s: String) -> String? {
        let u = Array(s.utf8)
        func num(_ from: Int, _ len: Int) -> Int? {
            guard from + len <= u.count else { return nil }
            var v = 0
            for b in u[from..<(from + len)] {
                guard b >= 48 && b <= 57 else { return nil }
                v = v * 10 + Int(b - 48)
            }
            return v
        }
        guard u.count >= 16, let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2), let mi = num(14, 2) else { return nil }
        var i = 16
        var sec = 0
        var fraction = ""
        if i < u.count, u[i] == UInt8(ascii: ":"), let sv = num(i + 1, 2) {
            sec = sv
            i += 3
        }
        if i < u.count, u[i] == UInt8(ascii: ".") {
            i += 1
            while i < u.count, u[i] >= 48, u[i] <= 57 {
                if fraction.count < 6 { fraction.append(Character(UnicodeScalar(u[i]))) }
                i += 1
            }
        }
        while fraction.count < 6 { fraction.append("0") }
        var offsetMinutes = 0
        if i < u.count {
            if u[i] == UInt8(ascii: "Z") {
                offsetMinutes = 0
            } else if u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-"), let oh = num(i + 1, 2) {
                let om = num(i + 4, 2) ?? num(i + 3, 2) ?? 0
                offsetMinutes = (oh * 60 + om) * (u[i] == UInt8(ascii: "-") ? -1 : 1)
            } else {
                return nil
            }
        }
        // Days since 1970-01-01 (civil calendar), shift, and back.
        var total = (daysFromCivil(y, mo, d) * 1440 + h * 60 + mi - offsetMinutes)
        let minuteOfDay = ((total % 1440) + 1440) % 1440
        total = (total - minuteOfDay) / 1440
        let (yy, mm, dd) = civilFromDays(total)
        func pad(_ v: Int, _ w: Int) -> String {
            let t = String(v)
            return String(repeating: "0", count: max(0, w - t.count)) + t
        }
        return "\(pad(yy, 4))-\(pad(mm, 2))-\(pad(dd, 2))T\(pad(minuteOfDay / 60, 2)):\(pad(minuteOfDay % 60, 2)):\(pad(sec, 2)).\(fraction)"
    }

    package static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    package static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// `metadata_modified` of a dataset (see the type comment).
    package static func metadataModified(_ d: Dataset, catalog: Catalog) -> String? {
        if let m = d.modified { return timestamp(m) }
        if let s = d.provenance.first?.sourceModified { return utcTimestamp(s) ?? s }
        if let i = d.issued { return timestamp(i) }
        return catalog.modified.map(timestamp)
    }

    package static func metadataCreated(_ d: Dataset, catalog: Catalog) -> String? {
        if let i = d.issued { return timestamp(i) }
        return metadataModified(d, catalog: catalog)
    }

    // MARK: Packages

    static func extra(_ key: String, _ value: String) -> CKANJSON {
        .object([.init("key", .string(key)), .init("value", .string(value))])
    }

    static func jsonList(_ values: [String]) -> String { CKANJSON.array(values.map { .string($0) }).text }

    /// The `resources` of a package dict: one per distribution, from its published facts and source values.
    static func resources(_ d: Dataset, packageID id: String) -> [CKANJSON] {
        let f = d.facts
        var resources: [CKANJSON] = []
        for (i, (r, p)) in zip(d.distributions, f.distributions).enumerated() {
            let rl = Self.licence(p.licence)
            var resource: [CKANJSON.Member] = [
                .init("id", .string(CKANIdentifiers.uuid5(r.uri))),
                .init("package_id", .string(id)),
                .init("url", .string(p.url ?? r.downloadURL ?? r.accessURL)),
                .init("name", .string(r.title ?? "")),
                .init("description", .string(r.description ?? "")),
                .init("format", .string(p.format ?? r.rawFormat ?? "")),
                .init("mimetype", .string(r.mediaType)),
                .init("size", r.byteSize.map { .int($0) } ?? .null),
                .init("license", .string(p.licence.status == .missing ? nil : rl.id)),
                .init("license_status", .string(p.licence.status.rawValue)),
                .init("created", .string(r.issued.map(timestamp))),
                .init("last_modified", .string(r.modified.map(timestamp))),
                .init("position", .int(i)),
                .init("state", .string("active")),
                .init("url_type", .null),
                .init("uri", .string(p.iri)),
                .init("access_url", .string(p.accessURL ?? r.accessURL)),
                .init("download_url", .string(p.downloadURL ?? r.downloadURL)),
                .init("rights", .string(r.rights)),
                .init("attribution_text", .string(r.attributionText)),
            ]
            resource += highValue(f.hvd, service: p.service, resource: true)
            resources.append(.object(resource))
        }
        return resources
    }

    /// The `extras` of a package dict: DCAT-AP.de properties without a CKAN core field, as key/value pairs
    /// (lists as JSON text, as ckanext-dcat writes them).
    static func extras(_ d: Dataset) -> [CKANJSON] {
        let f = d.facts
        var extras: [CKANJSON] = []
        func add(_ key: String, _ value: String?) { if let value, !value.isEmpty { extras.append(extra(key, value)) } }
        func addList(_ key: String, _ values: [String]) { if !values.isEmpty { extras.append(extra(key, jsonList(values))) } }
        add("uri", f.iri)
        add("identifier", d.identifier)
        addList("alternate_identifier", d.otherIdentifiers)
        add("issued", d.issued?.lexical)
        add("modified", d.modified?.lexical)
        add("spatial", f.geometry?.geoJSON)
        add("spatial_uri", d.spatial?.uri)
        add("spatial_text", d.spatial?.label)
        addList("politicalGeocodingURI", d.politicalGeocoding)
        add("politicalGeocodingLevelURI", d.politicalGeocodingLevel)
        add("geocodingText", d.geocodingText)
        addList("contributorID", d.contributorIDs)
        add("temporal_start", d.temporal?.start?.lexical)
        add("temporal_end", d.temporal?.end?.lexical)
        add("access_rights", d.accessRights)
        add("frequency", d.accrualPeriodicity)
        addList("language", f.languages)
        addList("theme", f.themes.map { Vocabulary.themeBase + $0 })
        addList("conforms_to", d.conformsTo)
        add("legalbasisText", d.legalBasis)
        add("license_status", f.licence.status.rawValue)
        add("contact_url", d.contactPoint?.url)
        add("contact_phone", d.contactPoint?.phone)
        add("publisher_uri", f.publisher.uri)
        if let p = d.provenance.first {
            add("source_id", p.sourceID)
            add("source_remote_id", p.remoteID)
            add("source_url", p.url)
        }
        if !d.inSeries.isEmpty {
            add("in_series", CKANJSON.array(d.inSeries.map { .string(CKANIdentifiers.uuid5($0)) }).text)
        }
        if !d.provenance.isEmpty {
            let list = CKANJSON.array(d.provenance.map { p in
                .obj(["source": .string(p.sourceID), "remote_id": .string(p.remoteID), "remote_name": .string(p.remoteName),
                      "url": .string(p.url), "source_modified": .string(p.sourceModified)])
            })
            add("provenance", list.text)
        }
        return extras
    }

    /// The package dict of one dataset, from its published facts (id, name, licence verdict, publisher,
    /// themes, URLs, geometry) and its source values.
    /// `organization`: the publisher's organisation when the caller has it already (`organization(_:)` of it).
    package static func package(_ d: Dataset, catalog: Catalog, organization known: OrganizationRef? = nil) -> CKANJSON {
        // A dataset without its published facts (rendered alone) gets them from a view of it in this catalogue.
        var alone = catalog
        alone.datasets = d.published == nil ? [d] : []
        let d = d.published == nil ? PublishedView.ensure(alone).datasets[0] : d
        let f = d.facts
        let id = f.ckanID
        let name = f.ckanName
        let licence = licence(f.licence)
        let modified = metadataModified(d, catalog: catalog)
        let created = metadataCreated(d, catalog: catalog)
        let org = known ?? organization(f.publisher)
        let tags = tagNames(d.keywords)

        let resources = resources(d, packageID: id)
        let extras = extras(d)

        return .object([
            .init("id", .string(id)),
            .init("name", .string(name)),
        ] + highValue(f.hvd) + [
            .init("title", .string(d.title)),
            .init("notes", .string(d.description)),
            .init("url", .string(d.landingPage ?? "")),
            .init("version", .string(d.version)),
            .init("author", .string(d.creator?.name)),
            .init("author_email", .string(d.creator?.email)),
            .init("maintainer", .string(d.contactPoint?.name)),
            .init("maintainer_email", .string(d.contactPoint?.email)),
            .init("license_id", .string(licence.id)),
            .init("license_title", .string(licence.title)),
            .init("license_url", .string(licence.url)),
            .init("isopen", .bool(licence.isOpen)),
            .init("owner_org", .string(org.id)),
            .init("organization", organizationDict(org, packageCount: nil, created: nil)),
            .init("groups", .array(f.themes.map { theme in
                let label = themeLabels[theme] ?? theme
                return .obj([
                    "id": .string(CKANIdentifiers.uuid5(Vocabulary.themeBase + theme)), "name": .string(groupName(theme)),
                    "title": .string(label), "display_name": .string(label), "description": .string(""), "image_display_url": .string(""),
                ])
            })),
            .init("tags", .array(tags.map { t in
                .obj(["id": .string(CKANIdentifiers.uuid5("tag:" + t)), "name": .string(t), "display_name": .string(t),
                      "state": .string("active"), "vocabulary_id": .null])
            })),
            .init("resources", .array(resources)),
            .init("extras", .array(extras)),
            .init("metadata_created", .string(created)),
            .init("metadata_modified", .string(modified)),
            .init("state", .string("active")),
            // ckanext-dcat's type for a series; its members name the series' CKAN ids in the `in_series` extra.
            .init("type", .string(d.isSeries ? "dataset_series" : "dataset")),
            .init("private", .bool(false)),
            .init("num_resources", .int(resources.count)),
            .init("num_tags", .int(tags.count)),
            .init("creator_user_id", .null),
            .init("relationships_as_object", .array([])),
            .init("relationships_as_subject", .array([])),
        ])
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}

extension CKANPackageRenderer {
    /// ckanext-dcat's DCAT-AP 3 fields for a high-value dataset (`hvd_category`, `applicable_legislation`, on the
    /// package and its resources) and a resource's data service (`access_services`); none for other datasets.
    static func highValue(_ hvd: PublishedHVD?, service: PublishedService? = nil, resource: Bool = false) -> [CKANJSON.Member] {
        var members: [CKANJSON.Member] = []
        if let hvd {
            if !resource { members.append(.init("hvd_category", .array(hvd.iris.map { .string($0) }))) }
            members.append(.init("applicable_legislation", .array([.string(HVDCategory.legislation)])))
        }
        if let service {
            var fields: [CKANJSON.Member] = [
                .init("title", .string(service.title)),
                .init("endpoint_url", .array([.string(service.endpointURL)])),
            ]
            if let e = service.endpointDescription { fields.append(.init("endpoint_description", .string(e))) }
            if let c = service.standard { fields.append(.init("conforms_to", .array([.string(c)]))) }
            if let page = service.documentation { fields.append(.init("documentation", .array([.string(page)]))) }
            if let hvd { fields.append(.init("hvd_category", .array(hvd.iris.map { .string($0) }))) }
            members.append(.init("access_services", .array([.object(fields)])))
        }
        return members
    }
}
