public import Foundation

// The licence vocabularies as parsed from the files in catalog/vocabularies/licences/ (bytes handed in by CatalogIO).

/// One entry of the dcat-ap.de licence list (GovData `dcat_license_mapping.json` or GovData `license_list`).
package struct DcatDeLicenceEntry: Sendable, Hashable, Codable {
    package var uri: String
    package var title: String
    /// `Lizenzcode` (`dl-by-de/2.0`).
    package var code: String?
    /// `OGDLizenzcode`: the old OGD-DE / CKAN `license_id` (`dl-de-by-2.0`, `cc-nc`).
    package var ogdCode: String?
    /// `Lizenztext`: the URL of the licence text.
    package var licenceText: String?
    /// `Lizenztyp` offen (true) / geschlossen (false); nil when the file does not say.
    package var isOpen: Bool?
}

/// One SPDX licence list entry.
package struct SPDXLicenceEntry: Sendable, Hashable, Codable {
    package var id: String
    package var name: String
    package var seeAlso: [String]
    package var osiApproved: Bool
    package var fsfLibre: Bool
    package var deprecated: Bool
}

/// One Open Definition (okfn/licenses) entry.
package struct OpenDefinitionEntry: Sendable, Hashable, Codable {
    package var id: String
    package var title: String
    package var url: String?
    package var legacyIDs: [String]
    /// `approved`, `rejected`, `not reviewed` or empty.
    package var odConformance: String
    package var osdConformance: String
}

package struct LicenceVocabulary: Sendable, Hashable {
    /// The current dcat-ap.de licence list (mapping file, completed by GovData's active entries).
    package var dcatDe: [DcatDeLicenceEntry]
    /// Old dcat-ap.de IRIs (1.0 spelling) → current IRI (empty when no successor is named).
    package var deprecated: [String: String]
    package var spdx: [SPDXLicenceEntry]
    package var spdxVersion: String?
    package var openDefinition: [OpenDefinitionEntry]

    package init(dcatDe: [DcatDeLicenceEntry], deprecated: [String: String] = [:], spdx: [SPDXLicenceEntry] = [],
                 spdxVersion: String? = nil, openDefinition: [OpenDefinitionEntry] = []) {
        self.dcatDe = dcatDe
        self.deprecated = deprecated
        self.spdx = spdx
        self.spdxVersion = spdxVersion
        self.openDefinition = openDefinition
    }

    package enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        case malformed(file: String, detail: String)
        package var description: String {
            switch self {
            case .malformed(let file, let detail): "\(file): \(detail)"
            }
        }
    }

    /// Parses the vocabulary files. Names are only used in error messages.
    /// - Parameters:
    ///   - dcatDeMapping: `dcat-ap-de-license-mapping-ogd.json` (`{"list":[{URI,Name,Lizenzcode,Lizenztext,OGDLizenzcode,Lizenztyp}]}`).
    ///   - upgrade: `ckanext-dcatde-dcat_licenses_upgrade.json` (`{old: new}`).
    ///   - govDataLicenceList: `govdata-license_list.json` (CKAN `license_list` response).
    ///   - spdx: `spdx-licenses-*.json` (SPDX licence list JSON).
    ///   - openDefinition: `opendefinition-group-all.json` (`{id: {...}}`).
    package static func parse(
        dcatDeMapping: Data, upgrade: Data? = nil, govDataLicenceList: Data? = nil, spdx: Data? = nil, openDefinition: Data? = nil
    ) throws(ParseError) -> LicenceVocabulary {
        var vocab = LicenceVocabulary(dcatDe: [])
        let mapping = try object(dcatDeMapping, file: "dcat-ap-de-license-mapping-ogd.json")
        guard let list = (mapping as? [String: Any])?["list"] as? [[String: Any]] else {
            throw .malformed(file: "dcat-ap-de-license-mapping-ogd.json", detail: "expected an object with key \"list\" (array)")
        }
        for (i, e) in list.enumerated() {
            guard let uri = nonEmpty(e["URI"]), let name = nonEmpty(e["Name"]) else {
                throw .malformed(file: "dcat-ap-de-license-mapping-ogd.json", detail: "list[\(i)] lacks URI or Name")
            }
            let type = nonEmpty(e["Lizenztyp"])
            vocab.dcatDe.append(DcatDeLicenceEntry(
                uri: uri, title: name, code: nonEmpty(e["Lizenzcode"]), ogdCode: nonEmpty(e["OGDLizenzcode"]),
                licenceText: nonEmpty(e["Lizenztext"]), isOpen: type.map { $0 == "offen" }))
        }
        if let upgrade {
            guard let map = try object(upgrade, file: "ckanext-dcatde-dcat_licenses_upgrade.json") as? [String: String] else {
                throw .malformed(file: "ckanext-dcatde-dcat_licenses_upgrade.json", detail: "expected an object of strings")
            }
            vocab.deprecated = map.filter { $0.key != $0.value }
        }
        if let govDataLicenceList {
            let file = "govdata-license_list.json"
            guard let result = (try object(govDataLicenceList, file: file) as? [String: Any])?["result"] as? [[String: Any]] else {
                throw .malformed(file: file, detail: "expected a CKAN response with \"result\" (array)")
            }
            let known = Set(vocab.dcatDe.map(\.uri))
            for (i, e) in result.enumerated() {
                guard let id = nonEmpty(e["id"]) else { throw .malformed(file: file, detail: "result[\(i)] lacks id") }
                // Old 1.0 IRIs are listed as "(ältere DCAT-AP.de Version)"; they are handled via `deprecated`.
                if known.contains(id) || vocab.deprecated[id] != nil || (e["title"] as? String)?.contains("ältere DCAT-AP.de Version") == true {
                    continue
                }
                guard let title = nonEmpty(e["title"]) else { throw .malformed(file: file, detail: "result[\(i)] lacks title") }
                vocab.dcatDe.append(DcatDeLicenceEntry(
                    uri: id, title: title.trimmedBlanks(), code: id.hasPrefix(dcatDeBase) ? String(id.dropFirst(dcatDeBase.count)) : nil,
                    ogdCode: nil, licenceText: nonEmpty(e["url"]), isOpen: nil))
            }
        }
        if let spdx {
            let file = "spdx-licenses.json"
            guard let root = try object(spdx, file: file) as? [String: Any], let list = root["licenses"] as? [[String: Any]] else {
                throw .malformed(file: file, detail: "expected an object with \"licenses\" (array)")
            }
            vocab.spdxVersion = root["licenseListVersion"] as? String
            for (i, e) in list.enumerated() {
                guard let id = nonEmpty(e["licenseId"]), let name = nonEmpty(e["name"]) else {
                    throw .malformed(file: file, detail: "licenses[\(i)] lacks licenseId or name")
                }
                vocab.spdx.append(SPDXLicenceEntry(
                    id: id, name: name, seeAlso: (e["seeAlso"] as? [String]) ?? [], osiApproved: (e["isOsiApproved"] as? Bool) ?? false,
                    fsfLibre: (e["isFsfLibre"] as? Bool) ?? false, deprecated: (e["isDeprecatedLicenseId"] as? Bool) ?? false))
            }
        }
        if let openDefinition {
            let file = "opendefinition-group-all.json"
            guard let map = try object(openDefinition, file: file) as? [String: [String: Any]] else {
                throw .malformed(file: file, detail: "expected an object of licence objects keyed by id")
            }
            for key in map.keys.sorted() {
                let e = map[key]!
                vocab.openDefinition.append(OpenDefinitionEntry(
                    id: nonEmpty(e["id"]) ?? key, title: nonEmpty(e["title"]) ?? key, url: nonEmpty(e["url"]),
                    legacyIDs: (e["legacy_ids"] as? [String]) ?? [], odConformance: (e["od_conformance"] as? String) ?? "",
                    osdConformance: (e["osd_conformance"] as? String) ?? ""))
            }
        }
        return vocab
    }

    package static let dcatDeBase = "http://dcat-ap.de/def/licenses/"

    private static func object(_ data: Data, file: String) throws(ParseError) -> Any {
        do { return try JSONSerialization.jsonObject(with: data) } catch {
            throw .malformed(file: file, detail: "not valid JSON (\(error.localizedDescription))")
        }
    }

    private static func nonEmpty(_ v: Any?) -> String? {
        guard let s = v as? String, !s.trimmedSpace().isEmpty else { return nil }
        return s
    }
}
