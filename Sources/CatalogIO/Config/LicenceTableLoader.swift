package import CatalogCore
package import Foundation
import TOMLKit

/// Loads catalog/licences.toml and the vocabulary files in catalog/vocabularies/licences/ into a `LicenceRegistry`.
package enum LicenceTableLoader {
    /// The vocabulary files read from `vocabularyDirectory` (the first is required).
    package static let dcatDeMappingFile = "dcat-ap-de-license-mapping-ogd.json"
    package static let upgradeFile = "ckanext-dcatde-dcat_licenses_upgrade.json"
    package static let govDataLicenceListFile = "govdata-license_list.json"
    package static let spdxFile = "spdx-licenses-3.27.0.json"
    package static let openDefinitionFile = "opendefinition-group-all.json"

    package struct LoadError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The file concerned.
        package var file: String
        /// The TOML key / row (`[[alias]] value = "…"`, `[[licence]] #3 status`), when known.
        package var key: String?
        package var message: String
        package var description: String { "\(file)" + (key.map { ": \($0)" } ?? "") + ": \(message)" }
    }

    package static func load(aliases: URL, vocabularyDirectory: URL) throws -> LicenceRegistry {
        let vocabulary = try loadVocabulary(directory: vocabularyDirectory)
        let (table, aliasRows) = try parseTable(try read(aliases), file: aliases.path)
        do {
            let families = try parseFamilies(try read(aliases), file: aliases.path)
            return try LicenceRegistry(vocabulary: vocabulary, table: table, aliases: aliasRows).adding(families: families)
        } catch let error as LicenceRegistryError {
            throw LoadError(file: aliases.path, key: nil, message: error.description)
        }
    }

    package static func loadVocabulary(directory: URL) throws -> LicenceVocabulary {
        func optional(_ name: String) throws -> Data? {
            let url = directory.appendingPathComponent(name)
            return FileManager.default.fileExists(atPath: url.path) ? try read(url) : nil
        }
        do {
            return try LicenceVocabulary.parse(
                dcatDeMapping: try read(directory.appendingPathComponent(dcatDeMappingFile)),
                upgrade: try optional(upgradeFile), govDataLicenceList: try optional(govDataLicenceListFile),
                spdx: try optional(spdxFile), openDefinition: try optional(openDefinitionFile))
        } catch let error as LicenceVocabulary.ParseError {
            throw LoadError(file: directory.path, key: nil, message: error.description)
        }
    }

    /// Parses the `[[licence]]` and `[[alias]]` arrays of catalog/licences.toml.
    package static func parseTable(_ data: Data, file: String) throws -> ([LicenceTableEntry], [LicenceAlias]) {
        let text = String(decoding: data, as: UTF8.self)
        let root: TOMLTable
        do { root = try TOMLTable(string: text) } catch let e as TOMLParseError {
            throw LoadError(file: file, key: "line \(e.source.begin.line)", message: e.description)
        }
        for key in root.keys where key != "licence" && key != "alias" && key != "family" {
            throw LoadError(file: file, key: key, message: "unknown top-level key (expected [[licence]], [[alias]] or [[family]])")
        }
        var table: [LicenceTableEntry] = []
        for (i, row) in try rows(root, "licence", file).enumerated() {
            let name = "[[licence]] #\(i + 1)"
            let uri = try string(row, "uri", name, file, required: true)!
            let rowName = "[[licence]] uri = \"\(uri)\""
            try checkKeys(row, ["uri", "title", "spdx", "status", "attribution_required", "note", "seen"], rowName, file)
            let statusText = try string(row, "status", rowName, file, required: true)!
            guard let status = LicenceStatus(rawValue: statusText), [.open, .restricted, .closed].contains(status) else {
                throw LoadError(file: file, key: "\(rowName) status", message: "\"\(statusText)\" is not open, restricted or closed")
            }
            guard let attribution = row["attribution_required"]?.bool else {
                throw LoadError(file: file, key: "\(rowName) attribution_required", message: "missing or not a boolean")
            }
            table.append(LicenceTableEntry(
                uri: uri, title: try string(row, "title", rowName, file), spdx: try string(row, "spdx", rowName, file),
                status: status, attributionRequired: attribution, note: try string(row, "note", rowName, file)))
        }
        var aliases: [LicenceAlias] = []
        for (i, row) in try rows(root, "alias", file).enumerated() {
            let value = try string(row, "value", "[[alias]] #\(i + 1)", file, required: true)!
            let rowName = "[[alias]] value = \"\(value)\""
            try checkKeys(row, ["value", "uri", "status", "note", "seen"], rowName, file)
            var status: LicenceStatus?
            if let s = try string(row, "status", rowName, file) {
                guard let st = LicenceStatus(rawValue: s), st == .invalid || st == .missing else {
                    throw LoadError(file: file, key: "\(rowName) status", message: "\"\(s)\" is not invalid or missing")
                }
                status = st
            }
            aliases.append(LicenceAlias(
                value: value, uri: try string(row, "uri", rowName, file), status: status,
                note: try string(row, "note", rowName, file), seen: try string(row, "seen", rowName, file)))
        }
        return (table, aliases)
    }

    /// Parses the `[[family]]` rows: `name`, `names` (unversioned spellings), `versions` (version → uri), `current`.
    package static func parseFamilies(_ data: Data, file: String) throws -> [LicenceFamily] {
        let root: TOMLTable
        do { root = try TOMLTable(string: String(decoding: data, as: UTF8.self)) } catch let e as TOMLParseError {
            throw LoadError(file: file, key: "line \(e.source.begin.line)", message: e.description)
        }
        var families: [LicenceFamily] = []
        for (i, row) in try rows(root, "family", file).enumerated() {
            let name = try string(row, "name", "[[family]] #\(i + 1)", file, required: true)!
            let rowName = "[[family]] name = \"\(name)\""
            try checkKeys(row, ["name", "names", "versions", "current", "seen"], rowName, file)
            let names = row["names"]?.array.map { a in (0..<a.count).compactMap { a[$0].string } } ?? []
            guard let versionTable = row["versions"]?.table, !versionTable.keys.isEmpty else {
                throw LoadError(file: file, key: "\(rowName) versions", message: "missing; a table { \"2.0\" = \"http://…\" }")
            }
            var versions: [String: String] = [:]
            for key in versionTable.keys {
                guard let uri = versionTable[key]?.string else { throw LoadError(file: file, key: "\(rowName) versions.\(key)", message: "must be a string (a [[licence]] uri)") }
                versions[key] = uri
            }
            let current = try string(row, "current", rowName, file, required: true)!
            families.append(LicenceFamily(name: name, names: names, versions: versions, current: current))
        }
        return families
    }

    private static func read(_ url: URL) throws -> Data {
        do { return try Data(contentsOf: url) } catch {
            throw LoadError(file: url.path, key: nil, message: "cannot read (\(error.localizedDescription))")
        }
    }

    private static func rows(_ root: TOMLTable, _ key: String, _ file: String) throws -> [TOMLTable] {
        guard let value = root[key] else { return [] }
        guard let array = value.array else { throw LoadError(file: file, key: key, message: "must be an array of tables ([[\(key)]])") }
        return try array.enumerated().map { i, v in
            guard let t = v.table else { throw LoadError(file: file, key: "\(key)[\(i)]", message: "must be a table") }
            return t
        }
    }

    private static func string(_ row: TOMLTable, _ key: String, _ name: String, _ file: String, required: Bool = false) throws -> String? {
        guard let v = row[key] else {
            if required { throw LoadError(file: file, key: "\(name) \(key)", message: "missing") }
            return nil
        }
        guard let s = v.string else { throw LoadError(file: file, key: "\(name) \(key)", message: "must be a string") }
        return s
    }

    private static func checkKeys(_ row: TOMLTable, _ allowed: Set<String>, _ name: String, _ file: String) throws {
        for key in row.keys where !allowed.contains(key) {
            throw LoadError(file: file, key: "\(name) \(key)", message: "unknown key (allowed: \(allowed.sorted().joined(separator: ", ")))")
        }
    }
}
