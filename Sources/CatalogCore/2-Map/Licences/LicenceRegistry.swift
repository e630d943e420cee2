import Foundation

// Resolves raw licence values (CKAN license_id / license_title / license_url, resource licence, DCAT dct:license)
// to classified `Licence` values. Built from the parsed vocabularies plus catalog/licences.toml.

/// A licence we can classify (one `[[licence]]` row of catalog/licences.toml, completed from the vocabularies,
/// or a licence known only to SPDX / the Open Definition list / the EU licence NAL).
package struct LicenceDefinition: Sendable, Hashable, Codable {
    /// Canonical IRI: the dcat-ap.de IRI where one exists, else the best official IRI; nil if there is none.
    package var uri: String?
    package var title: String
    package var spdx: String?
    /// open, restricted or closed.
    package var status: LicenceStatus
    package var attributionRequired: Bool
    /// A short qualifier used in reasons (`nicht-kommerziell`).
    package var note: String?

    package init(uri: String?, title: String, spdx: String? = nil, status: LicenceStatus, attributionRequired: Bool, note: String? = nil) {
        self.uri = uri
        self.title = title
        self.spdx = spdx
        self.status = status
        self.attributionRequired = attributionRequired
        self.note = note
    }

    /// The dcat-ap.de code (`dl-by-de/2.0`) when `uri` is a dcat-ap.de IRI.
    package var dcatDeCode: String? {
        guard let uri, uri.hasPrefix(LicenceVocabulary.dcatDeBase) else { return nil }
        return String(uri.dropFirst(LicenceVocabulary.dcatDeBase.count))
    }
}

/// One `[[licence]]` row of catalog/licences.toml as parsed (title optional: taken from the vocabulary).
package struct LicenceTableEntry: Sendable, Hashable, Codable {
    package var uri: String
    package var title: String?
    package var spdx: String?
    package var status: LicenceStatus
    package var attributionRequired: Bool
    package var note: String?

    package init(uri: String, title: String? = nil, spdx: String? = nil, status: LicenceStatus, attributionRequired: Bool, note: String? = nil) {
        self.uri = uri
        self.title = title
        self.spdx = spdx
        self.status = status
        self.attributionRequired = attributionRequired
        self.note = note
    }
}

/// One `[[alias]]` row of catalog/licences.toml.
package struct LicenceAlias: Sendable, Hashable, Codable {
    package var value: String
    /// Target licence IRI (a `[[licence]]` uri); nil only with `status = missing`.
    package var uri: String?
    /// nil (the target's status), `invalid` or `missing`.
    package var status: LicenceStatus?
    package var note: String?
    /// Where the value was seen.
    package var seen: String?

    package init(value: String, uri: String? = nil, status: LicenceStatus? = nil, note: String? = nil, seen: String? = nil) {
        self.value = value
        self.uri = uri
        self.status = status
        self.note = note
        self.seen = seen
    }
}

package enum LicenceRegistryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A `[[licence]]` row is wrong (`key` names the row by uri).
    case badLicence(uri: String, detail: String)
    /// An `[[alias]]` row is wrong.
    case badAlias(value: String, detail: String)

    package var description: String {
        switch self {
        case .badLicence(let uri, let detail): "[[licence]] uri = \"\(uri)\": \(detail)"
        case .badAlias(let value, let detail): "[[alias]] value = \"\(value)\": \(detail)"
        }
    }
}

package struct LicenceRegistry: LicenceResolving {
    /// How a raw value was recognised (used in reasons).
    enum Via: String, Sendable, Hashable {
        case dcatDeIRI = "dcat-ap.de-IRI"
        case code = "dcat-ap.de-Lizenzcode"
        case ogdCode = "OGD/CKAN-Lizenzcode"
        case title = "Lizenztitel"
        case text = "URL des Lizenztexts"
        case spdx = "SPDX-Kennung"
        case spdxName = "SPDX-Lizenzname"
        case openDefinition = "Open-Definition-Liste"
        case euNAL = "EU-Lizenz-NAL"
        case alias = "Alias aus catalog/licences.toml"
        case table = "Lizenztabelle catalog/licences.toml"
    }

    struct Match: Sendable, Hashable {
        var definition: LicenceDefinition?
        var via: Via
        /// Set for invalid spellings / missing markers from aliases.
        var status: LicenceStatus?
        var note: String?
    }

    /// Every classifiable licence, keyed by canonical uri.
    package private(set) var definitions: [String: LicenceDefinition] = [:]
    package let aliases: [LicenceAlias]
    private var index: [String: Match] = [:]
    private var deprecated: [String: String] = [:]
    private var bySPDX: [String: LicenceDefinition] = [:]
    /// `[[family]]` rows: unversioned names and their versions (LicenceFamilies.swift).
    package internal(set) var families: [LicenceFamily] = []
    /// Normalised unversioned name → index into `families`.
    var familyIndex: [String: Int] = [:]
    /// Canonical IRI → the OGD-DE / CKAN `license_id` the dcat-ap.de list gives for it (`OGDLizenzcode`).
    package private(set) var ogdCodes: [String: String] = [:]

    package init(vocabulary: LicenceVocabulary, table: [LicenceTableEntry], aliases: [LicenceAlias]) throws(LicenceRegistryError) {
        self.aliases = aliases
        let dcatCodeEntries = try addTable(table, vocabulary: vocabulary)
        try addAliases(aliases)
        addVocabularyKeys(dcatCodeEntries)
        deprecated = Dictionary(vocabulary.deprecated.map { (LicenceKey.normalise($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
        addSPDX(vocabulary)
        addOpenDefinition(vocabulary)
    }

    /// 1. The canonical table, checked against the vocabulary; the dcat-ap.de entries with their definitions.
    private mutating func addTable(_ table: [LicenceTableEntry], vocabulary: LicenceVocabulary) throws(LicenceRegistryError) -> [(DcatDeLicenceEntry, LicenceDefinition)] {
        let dcat = Dictionary(vocabulary.dcatDe.map { ($0.uri, $0) }, uniquingKeysWith: { a, _ in a })
        let spdxIDs = Set(vocabulary.spdx.map(\.id))
        var dcatCodeEntries: [(DcatDeLicenceEntry, LicenceDefinition)] = []
        for row in table {
            guard [.open, .restricted, .closed].contains(row.status) else {
                throw .badLicence(uri: row.uri, detail: "status must be open, restricted or closed, not \(row.status.rawValue)")
            }
            if definitions[row.uri] != nil { throw .badLicence(uri: row.uri, detail: "listed twice") }
            if let spdx = row.spdx, !spdxIDs.isEmpty, !spdxIDs.contains(spdx) {
                throw .badLicence(uri: row.uri, detail: "spdx \"\(spdx)\" is not in the SPDX licence list")
            }
            let entry = dcat[row.uri]
            if row.uri.hasPrefix(LicenceVocabulary.dcatDeBase) {
                guard let entry else { throw .badLicence(uri: row.uri, detail: "not in the dcat-ap.de licence list") }
                if let open = entry.isOpen, open != (row.status == .open) {
                    throw .badLicence(uri: row.uri, detail: "status \(row.status.rawValue) contradicts the vocabulary (Lizenztyp \(open ? "offen" : "geschlossen"))")
                }
            }
            guard let title = row.title ?? entry?.title else { throw .badLicence(uri: row.uri, detail: "no title (not in a vocabulary; add title = …)") }
            let def = LicenceDefinition(uri: row.uri, title: title, spdx: row.spdx, status: row.status, attributionRequired: row.attributionRequired, note: row.note)
            definitions[row.uri] = def
            if let spdx = row.spdx { bySPDX[spdx.lowercased()] = def }
            if let entry { dcatCodeEntries.append((entry, def)) }
            if let code = entry?.ogdCode { ogdCodes[row.uri] = code }
        }
        for entry in vocabulary.dcatDe where definitions[entry.uri] == nil {
            throw .badLicence(uri: entry.uri, detail: "in the dcat-ap.de licence list but missing from [[licence]]")
        }
        return dcatCodeEntries
    }

    /// 2. Aliases first: maintainers override everything.
    private mutating func addAliases(_ aliases: [LicenceAlias]) throws(LicenceRegistryError) {
        for alias in aliases {
            let key = LicenceKey.normalise(alias.value)
            if key.isEmpty { throw .badAlias(value: alias.value, detail: "empty value") }
            if index[key] != nil { throw .badAlias(value: alias.value, detail: "same normalised value as an earlier alias") }
            if let s = alias.status, ![.invalid, .missing].contains(s) {
                throw .badAlias(value: alias.value, detail: "status may only be invalid or missing (otherwise the target's status applies)")
            }
            var def: LicenceDefinition?
            if let uri = alias.uri {
                guard let d = definitions[uri] else { throw .badAlias(value: alias.value, detail: "uri \"\(uri)\" is not a [[licence]] uri") }
                def = d
            } else if alias.status != .missing {
                throw .badAlias(value: alias.value, detail: "needs uri = … (or status = \"missing\")")
            }
            index[key] = Match(definition: def, via: .alias, status: alias.status, note: alias.note)
        }
    }

    /// 3. Vocabulary keys, most specific first; versioned codes win collisions (by-nd/3.0 text URL → cc-by-nd/3.0).
    private mutating func addVocabularyKeys(_ dcatCodeEntries: [(DcatDeLicenceEntry, LicenceDefinition)]) {
        let ordered = dcatCodeEntries.sorted { ($0.0.code?.contains { $0.isNumber } ?? false) && !($1.0.code?.contains { $0.isNumber } ?? false) }
        for (entry, def) in ordered { add(entry.uri, def, .dcatDeIRI) }
        for (entry, def) in ordered {
            if let c = entry.code { add(c, def, .code); add(LicenceVocabulary.dcatDeBase + c, def, .dcatDeIRI) }
            if let c = entry.ogdCode { add(c, def, .ogdCode) }
            add(entry.title, def, .title)
            if let spdx = def.spdx { add(spdx, def, .spdx) }
        }
        for (entry, def) in ordered { if let t = entry.licenceText { add(t, def, .text) } }
        for def in definitions.values.sorted(by: { ($0.uri ?? "") < ($1.uri ?? "") }) {
            add(def.title, def, .title)
            if let uri = def.uri { add(uri, def, uri.hasPrefix(LicenceVocabulary.dcatDeBase) ? .dcatDeIRI : .table) }
            if let spdx = def.spdx { add(spdx, def, .spdx) }
        }
    }

    /// 4. SPDX: ids, names and reference URLs. Licences without a table row get a derived definition.
    /// A licence the Open Definition list judges (OGL-UK-3.0, OGL-Canada-2.0) takes that judgement, not the
    /// SPDX-only fallback (which calls everything closed that OSI/FSF have not approved).
    /// Only an approval counts here; a licence the list has not reviewed keeps the SPDX judgement.
    private mutating func addSPDX(_ vocabulary: LicenceVocabulary) {
        let openDefinition = Dictionary(vocabulary.openDefinition.map { ($0.id.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        for e in vocabulary.spdx where !e.deprecated {
            let judged = openDefinition[e.id.lowercased()].flatMap { od -> LicenceDefinition? in
                guard od.odConformance == "approved" || od.osdConformance == "approved" else { return nil }
                var def = Self.derived(openDefinition: od)
                def.spdx = e.id
                return def
            }
            let fallback = Self.derived(spdx: e)
            let def = bySPDX[e.id.lowercased()] ?? (fallback.status == .closed ? judged : nil) ?? fallback
            add(e.id, def, .spdx)
            add(e.name, def, .spdxName)
            add("https://spdx.org/licenses/\(e.id)", def, .spdx)
            for url in e.seeAlso { add(url, def, .text) }
        }
    }

    /// 5. Open Definition: ids, legacy ids, titles, URLs.
    private mutating func addOpenDefinition(_ vocabulary: LicenceVocabulary) {
        for e in vocabulary.openDefinition {
            let viaURL = e.url.flatMap { index[LicenceKey.normalise($0)]?.definition }
            let def = bySPDX[e.id.lowercased()] ?? viaURL ?? Self.derived(openDefinition: e)
            add(e.id, def, .openDefinition)
            for legacy in e.legacyIDs { add(legacy, def, .openDefinition) }
            add(e.title, def, .openDefinition)
            if let url = e.url { add(url, def, .openDefinition) }
        }
    }

    private mutating func add(_ value: String, _ def: LicenceDefinition, _ via: Via) {
        let key = LicenceKey.normalise(value)
        guard !key.isEmpty, index[key] == nil else { return }
        index[key] = Match(definition: def, via: via)
    }

    // MARK: Resolution

    /// Resolves a raw value; an unversioned family name gets its family's current version (see `resolve(_:versions:)`).
    package func resolve(_ raw: String?) -> Licence { resolve(raw, versions: [:]).licence }

    /// Resolves a raw value without the family rule.
    func resolveExact(_ raw: String?) -> Licence {
        guard let raw, !raw.trimmedSpace().isEmpty else {
            return Licence(raw: raw, status: .missing, reason: "Keine Lizenzangabe.")
        }
        let key = LicenceKey.normalise(raw)
        if let m = index[key] { return licence(raw: raw, m) }
        if let target = deprecated[key] {
            if let def = definitions[target] {
                return invalid(raw: raw, def, why: "ist eine veraltete dcat-ap.de-1.0-Schreibweise")
            }
        }
        if let code = LicenceKey.euLicenceCode(raw) {
            if let spdx = LicenceKey.euLicenceSPDX(code), let m = index[spdx.lowercased()], var def = m.definition {
                if def.uri == nil || def.uri!.hasPrefix("http://spdx.org/") { def.uri = "http://publications.europa.eu/resource/authority/licence/\(code)" }
                return licence(raw: raw, Match(definition: def, via: .euNAL))
            }
        }
        // A dcat-ap.de IRI with a malformed version (`2_0`, `20`): the likely intended licence.
        if key.hasPrefix("dcat-ap.de/def/licenses/") {
            let repaired = key.replacingOccurrences(of: "_", with: ".")
            if let m = index[repaired], let def = m.definition {
                return invalid(raw: raw, def, why: "ist keine gültige dcat-ap.de-IRI")
            }
            return Licence(raw: raw, status: .unknown,
                           reason: "IRI im dcat-ap.de-Namensraum, aber nicht in der dcat-ap.de-Lizenzliste: „\(raw)“.")
        }
        return Licence(raw: raw, status: .unknown,
                       reason: "Unbekannte Lizenzangabe „\(raw)“: in keinem Vokabular und in keinem Alias (catalog/licences.toml).")
    }

    private func licence(raw: String, _ m: Match) -> Licence {
        if m.status == .missing || m.definition == nil {
            return Licence(raw: raw, status: .missing, reason: "Keine Lizenz angegeben" + (m.note.map { " (\($0))" } ?? "") + ".")
        }
        let def = m.definition!
        if m.status == .invalid { return invalid(raw: raw, def, why: m.note ?? "ist keine gültige Schreibweise") }
        let qualifier = [def.note, m.note].compactMap { $0 }.joined(separator: "; ")
        let lead: String = switch def.status {
        case .open: "Offene Lizenz"
        case .restricted: "Eingeschränkte Lizenz"
        default: "Keine offene Lizenz"
        }
        let how = raw == def.uri ? "" : ", erkannt über \(m.via.rawValue)"
        let reason = "\(lead): \(def.title)" + (qualifier.isEmpty ? "" : " (\(qualifier))") + how + "."
        return Licence(raw: raw, uri: def.uri, spdx: def.spdx, status: def.status, reason: reason)
    }

    private func invalid(raw: String, _ def: LicenceDefinition, why: String) -> Licence {
        Licence(raw: raw, uri: def.uri, spdx: def.spdx, status: .invalid,
                reason: "„\(raw)“ \(why); gemeint ist vermutlich \(def.title) (\(def.uri ?? def.spdx ?? "ohne IRI")).")
    }

    /// Whether the licence requires naming the rights holder (`dcatde:licenseAttributionByText`).
    package func attributionRequired(_ uri: String) -> Bool {
        if let def = definitions[uri] { return def.attributionRequired }
        return index[LicenceKey.normalise(uri)]?.definition?.attributionRequired ?? false
    }

    /// The definition of a canonical IRI (or anything `resolve` recognises).
    package func definition(for value: String) -> LicenceDefinition? {
        definitions[value] ?? index[LicenceKey.normalise(value)]?.definition
    }

    // MARK: Licences outside the table

    static func restrictedByName(_ s: String) -> Bool {
        let u = s.uppercased()
        return u.contains("-NC") || u.contains("-ND") || u.contains("NONCOMMERCIAL") || u.contains("NON-COMMERCIAL") || u.contains("NODERIV")
    }

    static func attributionByName(_ id: String) -> Bool {
        let u = id.uppercased()
        return u.hasPrefix("CC-BY") || u.hasPrefix("ODC-BY") || u.hasPrefix("ODBL") || u.hasPrefix("DL-DE-BY") || u.hasPrefix("OGL-")
    }

    static func derived(spdx e: SPDXLicenceEntry) -> LicenceDefinition {
        let status: LicenceStatus
        let note: String
        if restrictedByName(e.id) { status = .restricted; note = "nicht-kommerziell oder keine Bearbeitung" }
        else if e.id.hasPrefix("CC-BY") || e.id.hasPrefix("CC0") || e.id.hasPrefix("CC-PDDC") || e.osiApproved || e.fsfLibre {
            status = .open; note = e.osiApproved || e.fsfLibre ? "OSI/FSF-anerkannt, nur SPDX" : "nur SPDX"
        } else { status = .closed; note = "nicht als offen anerkannt (weder Open Definition noch OSI/FSF)" }
        return LicenceDefinition(uri: "http://spdx.org/licenses/\(e.id)", title: e.name, spdx: e.id, status: status,
                                 attributionRequired: attributionByName(e.id), note: note)
    }

    static func derived(openDefinition e: OpenDefinitionEntry) -> LicenceDefinition {
        let status: LicenceStatus
        if restrictedByName(e.id) || restrictedByName(e.title) || e.id == "other-nc" { status = .restricted }
        else if e.odConformance == "approved" || e.osdConformance == "approved" { status = .open }
        else { status = .closed }
        let note = "Open Definition: " + (e.odConformance.isEmpty ? "nicht geprüft" : e.odConformance)
        return LicenceDefinition(uri: e.url, title: e.title, spdx: nil, status: status, attributionRequired: attributionByName(e.id), note: note)
    }
}
