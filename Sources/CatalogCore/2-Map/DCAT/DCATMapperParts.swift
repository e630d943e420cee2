// Values the DCAT mapper reads through the same vocabularies as the CKAN mapper: file types, access rights,
// licences (with the assumed-version note), checksums, documentation pages.

extension DCATMapper {
    /// `dct:accessRights`: an EU access-right IRI, another rights IRI as given, or a word (`public`, `öffentlich`,
    /// `restricted`, `non-public`) mapped to the EU IRI; any other literal is reported and left out.
    func accessRights(_ s: RDFTerm, _ r: inout DCATReader) -> String? {
        guard let o = r.graph.object(s, DCATNS.dct + "accessRights"), let raw = r.linkValue(o) else { return nil }
        if raw.hasPrefix("http://") || raw.hasPrefix("https://") {
            let code = raw.split(separator: "/").last.map(String.init) ?? ""
            if raw.contains("/authority/access-right/"), let known = Self.accessRightWords[code.lowercased()] {
                return Vocabulary.accessRightBase + known
            }
            return raw
        }
        if let code = Self.accessRightWords[raw.lowercased()] { return Vocabulary.accessRightBase + code }
        r.find(.note, field: "dct:accessRights", .dcatAccessRightsUnmapped, [raw])
        return nil
    }

    static let accessRightWords: [String: String] = [
        "public": "PUBLIC", "öffentlich": "PUBLIC", "oeffentlich": "PUBLIC", "open": "PUBLIC",
        "restricted": "RESTRICTED", "eingeschränkt": "RESTRICTED", "eingeschraenkt": "RESTRICTED",
        "non-public": "NON_PUBLIC", "non_public": "NON_PUBLIC", "nonpublic": "NON_PUBLIC", "nicht öffentlich": "NON_PUBLIC",
        "sensitive": "SENSITIVE",
    ]

    /// A licence given as IRI, literal or node (`dct:identifier` / `rdfs:label`), resolved like a CKAN licence:
    /// an unversioned family name gets the source's `licence_versions` choice or the current version, with the
    /// note `licence.versionAssumed`.
    func licence(_ lic: RDFTerm, field: String, source: SourceConfig, _ r: inout DCATReader) -> Licence {
        var raw = r.linkValue(lic)
        if case .blank = lic { raw = (r.graph.object(lic, DCATNS.dct + "identifier") ?? r.graph.object(lic, DCATNS.rdfs + "label"))?.lexical }
        guard let raw else { return licences.resolve(nil) }
        let (licence, assumed) = resolvedLicences.resolve(raw, versions: source.licenceVersions)
        if let assumed, licence.status != .unknown, licence.status != .missing {
            r.find(.note, field: field, .licenceVersionAssumed, assumed.arguments(raw: raw, licence: licence, source: source.id))
        }
        return licence
    }

    /// `dct:format` (EU file-type IRI, a node with a label/value, or a legacy string) and `dcat:mediaType`, through the
    /// CKAN mapper's file-type table. A file-type IRI that is no EU code (`…/file-type/WFS`) is read as an alias
    /// (`WFS_SRVC`) with the note `format.repaired`.
    func format(_ ds: RDFTerm, field: String, into d: inout Distribution, _ r: inout DCATReader) {
        let g = r.graph
        if let f = g.object(ds, DCATNS.dct + "format") {
            var raw = r.linkValue(f)
            if case .blank = f {
                raw = (g.object(f, RDFNS.rdf + "value") ?? g.object(f, DCATNS.rdfs + "label") ?? g.object(f, DCATNS.skos + "prefLabel"))?.lexical
            }
            d.rawFormat = raw
            if let raw { d.format = fileType(raw, field: field + ".format", &r) }
        }
        if let m = g.object(ds, DCATNS.dcat + "mediaType").flatMap({ r.linkValue($0) }) {
            if let media = MediaType.normalise(m) {
                d.mediaType = media
                if d.format == nil { d.format = fileTypeCode(media) }
            } else {
                // ckanext-dcatde example: `dcat:mediaType "ZIP"`, a format name.
                if d.format == nil { d.format = fileTypeCode(m) }
                d.rawFormat = d.rawFormat ?? m
                r.find(.note, field: field + ".mediaType", .dcatMediaTypeInvalid, [m, d.format ?? ""])
            }
        }
        if d.mediaType == nil, let code = d.format { d.mediaType = vocabularies?.mediaTypes[code] }
    }

    private func fileType(_ raw: String, field: String, _ r: inout DCATReader) -> String? {
        for base in [Vocabulary.fileTypeBase, "https://publications.europa.eu/resource/authority/file-type/"] where raw.hasPrefix(base) {
            let code = String(raw.dropFirst(base.count)).uppercased()
            if let vocabularies, !vocabularies.fileTypeCodes.contains(code) {
                if let alias = vocabularies.fileType(for: code), vocabularies.fileTypeCodes.contains(alias) {
                    r.find(.note, field: field, .dcatFormatRepaired, [raw, alias])
                    return alias
                }
                r.find(.note, field: field, .dcatFormatLeftOut, [raw])
                return nil
            }
            return code
        }
        let tail = raw.contains("://") ? String(raw.split(separator: "/").last ?? "") : raw
        if let code = fileTypeCode(raw) ?? fileTypeCode(tail) { return code }
        r.find(.note, field: field, .dcatFormatNotInTable, [raw])
        return nil
    }

    private func fileTypeCode(_ raw: String) -> String? {
        if let vocabularies {
            if let code = vocabularies.fileType(for: raw), vocabularies.fileTypeCodes.contains(code) { return code }
            return DCATVocabulary.fileType(forFormat: raw).flatMap { vocabularies.fileTypeCodes.contains($0) ? $0 : nil }
        }
        return DCATVocabulary.fileType(forFormat: raw)
    }

    /// `foaf:page` IRIs (documentation); nil when none.
    func pages(_ s: RDFTerm, _ g: RDFGraph, _ r: inout DCATReader) -> [String]? {
        let out = unique(g.objects(s, DCATNS.foaf + "page").compactMap { r.linkValue($0) })
        return out.isEmpty ? nil : out
    }

    /// `spdx:checksum` → `spdx:algorithm` + `spdx:checksumValue`; an incomplete one is reported.
    func checksum(_ ds: RDFTerm, field: String, _ r: inout DCATReader) -> Checksum? {
        guard let node = r.graph.object(ds, DCATNS.spdx + "checksum") else { return nil }
        let algorithm = r.graph.object(node, DCATNS.spdx + "algorithm").flatMap { r.linkValue($0) }
        let value = r.graph.object(node, DCATNS.spdx + "checksumValue")?.lexical?.trimmedSpace()
        guard let algorithm, let value, !value.isEmpty else {
            r.find(.note, field: field + ".checksum", .dcatChecksumIncomplete, [])
            return nil
        }
        return Checksum(algorithm: algorithm, value: value)
    }
}

extension DCATMapper {
    /// A contact's postal address: `vcard:hasAddress` → `vcard:Address` (DCAT-AP), or the DCAT-AP.de 1.0 /
    /// ckanext-dcatde shape with `vcard:hasStreetAddress`, `hasPostalCode`, `hasLocality`, `hasRegion`,
    /// `hasCountryName` on the contact itself (Bremen).
    func address(_ contact: RDFTerm, _ g: RDFGraph) -> PostalAddress? {
        func text(_ node: RDFTerm, _ local: String) -> String? { pickText(g.objects(node, DCATNS.vcard + local)) }
        var a = PostalAddress(
            street: text(contact, "hasStreetAddress"), postalCode: text(contact, "hasPostalCode"),
            locality: text(contact, "hasLocality"), region: text(contact, "hasRegion"), country: text(contact, "hasCountryName"))
        if let node = g.object(contact, DCATNS.vcard + "hasAddress"), !node.isLiteral {
            a.street = a.street ?? text(node, "street-address")
            a.postalCode = a.postalCode ?? text(node, "postal-code")
            a.locality = a.locality ?? text(node, "locality")
            a.region = a.region ?? text(node, "region")
            a.country = a.country ?? text(node, "country-name")
        }
        return a.isEmpty ? nil : a
    }
}

extension DCATMapper {
    /// The DCAT-AP.de fields: political geocoding (also as `locn:adminUnitL2` of `dct:spatial`, else the source's
    /// defaults), geocoding text, legal basis and contributor IDs (values off the dcat-ap.de list are reported).
    func dcatdeFields(_ s: RDFTerm, source: SourceConfig, into d: inout Dataset, _ r: inout DCATReader) {
        let g = r.graph
        d.politicalGeocoding = unique(r.dcatde(s, "politicalGeocodingURI").compactMap(\.lexical))
        let places = g.objects(s, DCATNS.dct + "spatial")
        if d.politicalGeocoding.isEmpty {
            // DCAT-AP.de 3.0: the key IRI itself as `dcterms:spatial`; ckanext-dcatde:
            // `dct:spatial [ locn:adminUnitL2 <…/politicalGeocoding/stateKey/02> ]`.
            let keys = places + places.flatMap { g.objects($0, DCATNS.locn + "adminUnitL2") }
            d.politicalGeocoding = unique(keys.compactMap(\.iri).filter { $0.hasPrefix(Vocabulary.politicalGeocodingBase) })
        }
        if d.politicalGeocoding.isEmpty { d.politicalGeocoding = source.defaults.politicalGeocoding }
        d.politicalGeocodingLevel = r.dcatde(s, "politicalGeocodingLevelURI").first?.lexical ?? source.defaults.politicalGeocodingLevel
        d.geocodingText = r.dcatde(s, "geocodingDescription").first.flatMap { _ in r.dcatdeText(s, "geocodingDescription") }
            ?? pickText(places.flatMap { g.objects($0, DCATNS.locn + "geographicName") })  // its 3.0 successor
        // 3.0: a legal basis given as the law's IRI is `dcatap:applicableLegislation`.
        d.legalBasis = r.dcatdeText(s, "legalBasis") ?? g.object(s, DCATNS.dcatap + "applicableLegislation")?.iri
        // DCAT-AP HVD: the source's own high-value categories (PublishedView checks them against the vocabulary).
        d.hvdCategories = unique(g.objects(s, DCATNS.dcatap + "hvdCategory").compactMap(\.iri))
        var contributors = unique(r.dcatde(s, "contributorID").compactMap { $0.lexical?.trimmedBlanks() })
        // dcatde:contributorID must be one IRI from the dcat-ap.de contributor list; other values (seen in
        // ckanext-dcatde's example: "http://daten.rlp.de", "portal.testdatensatz.de") are reported and replaced.
        let invalid = contributors.filter { !$0.hasPrefix(Vocabulary.contributorBase) }
        if !invalid.isEmpty {
            r.find(.note, field: "dcatde:contributorID", source.defaults.contributorIDs.isEmpty ? .dcatContributorLeftOut : .dcatContributorDefaulted,
                   [invalid.joined(separator: ", ")])
            contributors.removeAll { invalid.contains($0) }
        }
        if contributors.isEmpty { contributors = source.defaults.contributorIDs }  // defaults only where the record names none
        d.contributorIDs = contributors
    }
}

extension DCATMapper {
    /// `adms:versionNotes`, `foaf:page`, `dct:provenance` (a literal, or a node with `rdfs:label`), `dct:relation`.
    func notesPagesAndRelations(_ s: RDFTerm, into d: inout Dataset, _ r: inout DCATReader) {
        let g = r.graph
        d.versionNotes = r.text(s, DCATNS.adms + "versionNotes")
        d.documentation = pages(s, g, &r)
        d.provenanceStatement = r.text(s, DCATNS.dct + "provenance")
            ?? g.object(s, DCATNS.dct + "provenance").flatMap { pickText(g.objects($0, DCATNS.rdfs + "label")) }
        let relations = unique(g.objects(s, DCATNS.dct + "relation").compactMap { r.linkValue($0) })
        d.relations = relations.isEmpty ? nil : relations
    }
}
