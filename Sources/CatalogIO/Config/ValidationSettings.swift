package import Foundation
package import CatalogCore

/// `[validation]`: the SHACL profiles each run validates its catalog.ttl against, and where the shapes are.
///
/// ```toml
/// [validation]
/// profiles = ["v30_de_spec", "dcat-ap-3.0.1", "dashboard_live"]   # or "default", or "all"
/// shacl = "shacl"                                                   # beside this file (default)
/// ```
/// No profiles (the default): the run does not validate; `opendata run --validate` asks for the default set.
package struct ValidationSettings: Sendable, Hashable {
    /// Profiles in `ValidationReport.profiles` order; empty: no validation in the run.
    package var profiles: [String] = []
    /// The folder with the shape sets (`catalog/shacl`).
    package var shaclDirectory: URL

    package init(profiles: [String] = [], shaclDirectory: URL) {
        self.profiles = profiles
        self.shaclDirectory = shaclDirectory
    }

    /// The profiles for names as written in the config or on the command line: `all`, `default` (the
    /// catalogue profile's set, `ValidationReport.runDefaults`) and profile names or their aliases. Unknown
    /// names give nil and the name.
    package static func expand(_ names: [String], catalogueProfile: DCATGraph.Profile) -> Result<[String], UnknownProfile> {
        var out: [String] = []
        for name in names {
            let expanded: [String]
            switch name {
            case "all": expanded = ValidationReport.profiles
            case "default": expanded = ValidationReport.runDefaults(catalogueProfile: catalogueProfile)
            default:
                guard let p = SHACLValidator.profile(named: name) else { return .failure(UnknownProfile(name: name)) }
                expanded = [p]
            }
            for p in expanded where !out.contains(p) { out.append(p) }
        }
        return .success(ValidationReport.profiles.filter(out.contains))
    }

    package struct UnknownProfile: Error, Sendable {
        package var name: String
        package var known: String { (ValidationReport.profiles + ["default", "all"]).joined(separator: ", ") }
    }
}

extension ConfigLoader {
    /// `[validation]`: `profiles` (names, `default` or `all`), `shacl` (folder, relative to the config).
    static func readValidation(_ t: Table, directory: URL, catalogueProfile: DCATGraph.Profile) throws(ConfigError) -> ValidationSettings {
        let folder = try t.string("shacl") ?? "shacl"
        var settings = ValidationSettings(shaclDirectory: URL(fileURLWithPath: resolve(folder, against: directory)))
        if let names = try t.stringArray("profiles") {
            switch ValidationSettings.expand(names, catalogueProfile: catalogueProfile) {
            case .success(let profiles): settings.profiles = profiles
            case .failure(let unknown): throw t.error("profiles", "unknown SHACL profile \"\(unknown.name)\"; known: \(unknown.known)")
            }
        }
        try t.finish()
        return settings
    }
}
