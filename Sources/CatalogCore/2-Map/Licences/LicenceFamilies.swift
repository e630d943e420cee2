// Unversioned licence names (`dl-de-by`, `cc-by`, `cc-nc` …) and the version they are taken to mean
// (catalog/licences.toml `[[family]]`, a source's `licence_versions`; docs/licences.md).

/// One licence family: the spellings that name it without a version, and its versions.
package struct LicenceFamily: Sendable, Hashable {
    /// The key used in a source's `licence_versions` (`dl-by-de`, `cc-by`, `cc-by-nc` …).
    package var name: String
    /// Spellings without a version (codes, titles), matched normalised like every licence value.
    package var names: [String]
    /// Version → canonical licence IRI (a `[[licence]]` uri).
    package var versions: [String: String]
    /// The version assumed when the source does not configure one (the current one).
    package var current: String

    package init(name: String, names: [String], versions: [String: String], current: String) {
        self.name = name
        self.names = names
        self.versions = versions
        self.current = current
    }
}

/// The version a resolver assumed for an unversioned licence name.
package struct AssumedLicenceVersion: Sendable, Hashable {
    package var family: String
    package var version: String
    /// True when the source's `licence_versions` chose it, false for the family's current version.
    package var configured: Bool
    /// A configured version the family does not have (the current one was used instead).
    package var rejected: String?
}

/// Source-dependent licence resolution: unversioned family names resolve to the version the source names.
package protocol VersionedLicenceResolving: LicenceResolving {
    func resolve(_ raw: String?, versions: [String: String]) -> (licence: Licence, assumed: AssumedLicenceVersion?)
}

extension LicenceRegistry: VersionedLicenceResolving {
    package func resolve(_ raw: String?, versions: [String: String]) -> (licence: Licence, assumed: AssumedLicenceVersion?) {
        guard let raw, let family = family(for: raw) else { return (resolveExact(raw), nil) }
        let wanted = versions[family.name]
        let version = wanted.flatMap { family.versions[$0] != nil ? $0 : nil } ?? family.current
        guard let uri = family.versions[version], definition(for: uri) != nil else { return (resolveExact(raw), nil) }
        var licence = resolveExact(uri)
        licence.raw = raw
        let why = wanted == version ? "Einstellung licence_versions der Quelle" : "aktuelle Version"
        licence.reason = (licence.reason.map { String($0.dropLast()) + ", " } ?? "") + "erkannt als „\(raw)“ ohne Versionsangabe; Version \(version) angenommen (\(why))."
        let rejected = wanted.flatMap { $0 == version ? nil : $0 }
        return (licence, AssumedLicenceVersion(family: family.name, version: version, configured: wanted == version, rejected: rejected))
    }
}

extension LicenceRegistry {
    /// This registry with `families`; every version must name a licence of the table, the current version
    /// must be one of them, and no unversioned name may belong to two families.
    package func adding(families: [LicenceFamily]) throws(LicenceRegistryError) -> LicenceRegistry {
        var registry = self
        for family in families {
            for (version, uri) in family.versions where definitions[uri] == nil {
                throw .badLicence(uri: uri, detail: "[[family]] \(family.name) version \(version) is not a [[licence]] uri")
            }
            guard family.versions[family.current] != nil else {
                throw .badLicence(uri: family.name, detail: "[[family]] current = \"\(family.current)\" is not one of its versions")
            }
            let index = registry.families.count
            for name in family.names + [family.name] {
                let key = LicenceKey.normalise(name)
                if let other = registry.familyIndex[key], other != index {
                    throw .badLicence(uri: family.name, detail: "[[family]] name \"\(name)\" also belongs to \(registry.families[other].name)")
                }
                registry.familyIndex[key] = index
            }
            registry.families.append(family)
        }
        return registry
    }

    /// The family an unversioned licence name belongs to.
    package func family(for raw: String) -> LicenceFamily? {
        familyIndex[LicenceKey.normalise(raw)].map { families[$0] }
    }
}

/// A resolver's answers, each worked out once: licence values resolved per raw value and the source's version
/// choices (`licence_versions`), for the CKAN and the DCAT mapper alike. A catalogue names few distinct licence
/// values, so every dataset and distribution naming one shares one value and its texts (before, each carried
/// its own copy of the reason, about 200 bytes). Thread-safe; a mapper makes a new one when its resolver changes.
struct MemoizedLicences: Sendable {
    let resolver: any LicenceResolving
    private let memo = MemoCache<Key, Resolved>()

    private struct Key: Hashable, Sendable {
        var raw: String
        var versions: [String: String]
    }

    private struct Resolved: Sendable {
        var licence: Licence
        var assumed: AssumedLicenceVersion?
    }

    init(_ resolver: any LicenceResolving) { self.resolver = resolver }

    /// `resolve(_:versions:)` of a `VersionedLicenceResolving` resolver; `resolve(_:)` (nothing assumed) of others.
    func resolve(_ raw: String, versions: [String: String]) -> (licence: Licence, assumed: AssumedLicenceVersion?) {
        let resolved = memo.value(for: Key(raw: raw, versions: versions)) { key in
            guard let versioned = resolver as? any VersionedLicenceResolving else {
                return Resolved(licence: resolver.resolve(key.raw), assumed: nil)
            }
            let result = versioned.resolve(key.raw, versions: key.versions)
            return Resolved(licence: result.licence, assumed: result.assumed)
        }
        return (resolved.licence, resolved.assumed)
    }
}
