// What a publisher has to change about a licence (issue 18 item 1): the to-do group of a licence and a
// German fix naming the field, the licence IRI and, for a CKAN source, the `license_id` that gives it.
// No fix where nothing needs fixing: an open licence with a version gets none.

/// The to-do groups of the licence audit, most urgent first. The codes are stable identifiers (CSV column
/// `group`, `opendata audit licences --status`); `SiteLabels.licenceGap` gives the German labels.
package enum LicenceGap: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// No licence at all.
    case missing
    /// A value no vocabulary knows, or a known licence misspelt (`unknown`, `invalid`).
    case unknown
    /// A restricted (NC/ND) or closed licence.
    case notOpen = "not-open"
    /// Distributions disagree with each other or with the dataset, or duplicates disagree.
    case conflicting
    /// An open licence named without its version (`cc-by`): the version in the catalogue is an assumption.
    case versionAssumed = "version-assumed"
    /// The licence requires attribution and no attribution text is given: a lower group of its own.
    case attributionMissing = "attribution-missing"

    package static func < (a: LicenceGap, b: LicenceGap) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A fix for one audit row: the group, the German instruction and the licence to set.
struct LicenceFix: Sendable, Hashable {
    var gap: LicenceGap?
    var text: String = ""
    var targetURI: String = ""
    var targetLicenceID: String = ""

    static let none = LicenceFix(gap: nil)
}

extension LicenceAuditRow {
    mutating func apply(_ fix: LicenceFix) {
        row.gap = fix.gap
        row.suggestedFix = fix.text
        row.targetURI = fix.targetURI
        row.targetLicenceID = fix.targetLicenceID
    }
}

/// Writes the fixes for the records of one source.
struct LicenceFixer: Sendable {
    let registry: LicenceRegistry?
    /// Canonical IRIs proposed for a missing or non-open licence.
    let proposals: [String]
    /// The source is a CKAN: fields are `license_id` / `resources[i].license`, values CKAN licence ids.
    let ckan: Bool

    /// The fixes this fixer has written, when it keeps them (the audit's fixer of a source): a fix depends only on
    /// the licence's status, value and IRI and on the field, and most rows repeat one (at 100 k datasets the
    /// version fixes alone were about 1 s of CPU time, written again for every row).
    private let written: MemoCache<WrittenKey, LicenceFix>?

    private struct WrittenKey: Hashable, Sendable {
        var status: LicenceStatus
        var raw: String?
        var uri: String?
        var field: String
    }

    /// `keepsFixes`: remember each fix written (one fixer serves every record of a source).
    init(registry: LicenceRegistry?, proposals: [String]?, ckan: Bool, keepsFixes: Bool = false) {
        self.registry = registry
        self.proposals = (proposals ?? LicenceAudit.germanProposals).map { registry?.definition(for: $0)?.uri ?? $0 }
        self.ckan = ckan
        self.written = keepsFixes ? MemoCache() : nil
    }

    var datasetField: String { ckan ? "license_id" : "dct:license" }
    func distributionField(_ index: Int) -> String {
        ckan ? DistributionFieldNames.ckanLicence(index) : DistributionFieldNames.dcatLicence(index)
    }
    func attributionField(_ index: Int) -> String {
        ckan ? DistributionFieldNames.ckanAttribution(index) : DistributionFieldNames.dcatAttribution(index)
    }

    /// The CKAN `license_id` giving `uri`: the licence's OGD-DE code where that resolves to exactly `uri` (and is
    /// no unversioned family name), else the IRI itself (CKANs with ckanext-dcatde take IRIs as ids).
    func licenceID(_ uri: String) -> String {
        guard ckan else { return "" }
        if let registry, let code = registry.ogdCodes[uri], registry.family(for: code) == nil, registry.resolve(code).uri == uri {
            return code
        }
        return uri
    }

    /// `„cc-by-4.0“ (ergibt http://…/cc-by/4.0)` for a CKAN, `<http://…/cc-by/4.0>` otherwise.
    func value(_ uri: String) -> String {
        let title = registry?.definition(for: uri)?.title
        let named = title.map { ", \($0)" } ?? ""
        if ckan {
            let id = licenceID(uri)
            return id == uri ? "„\(uri)“\(title.map { " (\($0))" } ?? "")" : "„\(id)“ (ergibt \(uri)\(named))"
        }
        return "<\(uri)>\(title.map { " (\($0))" } ?? "")"
    }

    /// `license_id auf „a“ (ergibt …) oder „b“ (ergibt …) setzen`.
    func setting(_ field: String, _ uris: [String]) -> String {
        "\(field) auf " + uris.map(value).joined(separator: " oder ") + " setzen"
    }

    func fix(_ gap: LicenceGap, _ text: String, target: String?) -> LicenceFix {
        LicenceFix(gap: gap, text: text, targetURI: target ?? "", targetLicenceID: target.map(licenceID) ?? "")
    }

    /// The fix for a classified licence at `field`; `.none` when nothing needs doing.
    func fix(for l: Licence, field: String) -> LicenceFix {
        guard let written else { return write(for: l, field: field) }
        return written.value(for: WrittenKey(status: l.status, raw: l.raw, uri: l.uri, field: field)) { _ in
            write(for: l, field: field)
        }
    }

    /// The fix of `fix(for:field:)`, written: it reads the licence's status, value and IRI only.
    private func write(for l: Licence, field: String) -> LicenceFix {
        switch l.status {
        case .open:
            return versionFix(l, field: field) ?? .none
        case .restricted, .closed:
            let what = l.status == .restricted ? "Eingeschränkte Lizenz (nicht-kommerziell oder keine Bearbeitung)" : "Keine offene Lizenz"
            return fix(.notOpen, "\(what). Wenn eine offene Lizenz möglich ist: \(setting(field, proposals)).", target: proposals.first)
        case .invalid:
            guard let uri = l.uri else { return fix(.unknown, "Lizenzangabe in \(field) berichtigen.", target: nil) }
            return fix(.unknown, "Schreibweise berichtigen: \(setting(field, [uri])).", target: uri)
        case .missing:
            return fix(.missing, "Lizenz angeben: \(setting(field, proposals)).", target: proposals.first)
        case .unknown:
            return fix(.unknown, "„\(l.raw ?? "")“ ist keine bekannte Lizenz: \(setting(field, proposals)) – oder die gemeinte Lizenz "
                + "mit ihrer IRI angeben. (Für den Katalogbetrieb: ist der Wert eine bekannte Lizenz, in catalog/licences.toml als [[alias]] eintragen.)",
                target: proposals.first)
        case .conflicting:
            return fix(.conflicting, "Eine Lizenz für den Datensatz und alle Distributionen wählen.", target: nil)
        }
    }

    /// For an open licence named without its version (`cc-by`): the versioned value to set.
    func versionFix(_ l: Licence, field: String) -> LicenceFix? {
        guard let registry, let raw = l.raw, let uri = l.uri, let family = registry.family(for: raw),
              family.versions.values.contains(uri) else { return nil }
        let version = family.versions.first { $0.value == uri }!.key
        let others = family.versions.filter { $0.value != uri }.sorted { $0.key < $1.key }
        var text = "„\(raw)“ nennt keine Version; angenommen ist Version \(version). Version angeben: \(setting(field, [uri]))"
        if !others.isEmpty {
            text += "; ist eine andere gemeint: " + others.map { "Version \($0.key) \(value($0.value))" }.joined(separator: ", ")
        }
        return fix(.versionAssumed, text + ".", target: uri)
    }

    /// The fix for a distribution whose own licence disagrees with the dataset's.
    func sameAsDataset(_ dataset: Licence, field: String) -> LicenceFix {
        guard dataset.status != .missing, let uri = dataset.uri else {
            return fix(.conflicting, "\(field) an die Lizenz des Datensatzes angleichen oder die Lizenz des Datensatzes berichtigen.", target: nil)
        }
        return fix(.conflicting, "Dieselbe Lizenz wie am Datensatz verwenden: \(setting(field, [uri])) – oder die Lizenz des Datensatzes berichtigen.", target: uri)
    }

    /// The fix for a dataset whose distributions disagree (`found`: the licence identities seen).
    func conflicting(found: [String], field: String) -> LicenceFix {
        let known = found.filter { registry?.definition(for: $0) != nil }
        guard !known.isEmpty else {
            return fix(.conflicting, "Eine Lizenz für den Datensatz und alle Distributionen wählen (gefunden: \(found.joined(separator: ", "))).", target: nil)
        }
        return fix(.conflicting, "Eine Lizenz für den Datensatz und alle Distributionen wählen und überall setzen, z. B. \(setting(field, known)) "
            + "(gefunden: \(found.joined(separator: ", "))).", target: nil)
    }

    /// The fix for duplicates at several sources that disagree.
    static func duplicates(_ others: [String]) -> LicenceFix {
        LicenceFix(gap: .conflicting, text: "Mit den Quellen der Dubletten (\(others.joined(separator: ", "))) auf eine Lizenz einigen und sie überall setzen.")
    }

    /// The fix for distributions without the attribution text their licence requires.
    func attributionFix(_ indices: [Int]) -> String {
        "Namensnennungstext eintragen (so, wie die Rechteinhaber genannt werden wollen): "
            + indices.map(attributionField).joined(separator: ", ") + "."
    }
}

extension LicenceAudit {
    /// The record's edit page on a CKAN: `<portal>/dataset/<name>` → `<portal>/dataset/edit/<name>`.
    static func editURL(_ portalURL: String?) -> String? {
        guard let url = portalURL, let range = url.range(of: "/dataset/", options: .backwards),
              !url[range.upperBound...].isEmpty, !url[range.upperBound...].contains("/") else { return nil }
        return url.replacingCharacters(in: range, with: "/dataset/edit/")
    }
}

/// The licence fields of a record's distributions as the audit names them (`resources[2].license` …), one string
/// per name for the first `shared` distributions, shared by every audit row and finding naming it: a 100 k run
/// names them about 570,000 times (counted from its rows and findings), and each made anew was a heap string of
/// its own.
enum DistributionFieldNames {
    static let shared = 64

    private static let ckanLicences = (0..<shared).map(makeCKANLicence)
    private static let ckanAttributions = (0..<shared).map(makeCKANAttribution)
    private static let dcatLicences = (0..<shared).map(makeDCATLicence)
    private static let dcatAttributions = (0..<shared).map(makeDCATAttribution)

    static func ckanLicence(_ i: Int) -> String { name(ckanLicences, i, makeCKANLicence) }
    static func ckanAttribution(_ i: Int) -> String { name(ckanAttributions, i, makeCKANAttribution) }
    static func dcatLicence(_ i: Int) -> String { name(dcatLicences, i, makeDCATLicence) }
    static func dcatAttribution(_ i: Int) -> String { name(dcatAttributions, i, makeDCATAttribution) }

    private static func name(_ table: [String], _ i: Int, _ make: (Int) -> String) -> String {
        table.indices.contains(i) ? table[i] : make(i)
    }

    private static func makeCKANLicence(_ i: Int) -> String { "resources[\(i)].license" }
    private static func makeCKANAttribution(_ i: Int) -> String { "resources[\(i)].licenseAttributionByText" }
    private static func makeDCATLicence(_ i: Int) -> String { "dct:license (Distribution \(i + 1))" }
    private static func makeDCATAttribution(_ i: Int) -> String { "dcatde:licenseAttributionByText (Distribution \(i + 1))" }
}
