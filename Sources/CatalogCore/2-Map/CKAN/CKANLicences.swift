// Licence resolution of CKAN records: every raw value in order (id, URL, title …), source-dependent versions.

extension CKANMapper {
    /// The dataset's licence values in the order they are tried: `license_id`, `license_url`, OGD-DE
    /// `terms_of_use.license_id`/`license_url`, `license_title`, Berlin `license`, `extras.license`/`licence`.
    func datasetLicenceCandidates(_ pkg: CKANPackage) -> [(field: String, raw: String)] {
        let terms = pkg.extras["terms_of_use"]?.unwrappingJSONString
        let values: [(String, String?)] = [
            ("license_id", pkg.text("license_id")), ("license_url", pkg.firstText("license_url")?.value),
            ("extras.terms_of_use.license_id", terms?["license_id"]?.text), ("extras.terms_of_use.license_url", terms?["license_url"]?.text),
            ("license_title", pkg.text("license_title")), ("license", pkg.text("license")),
            ("extras.license", pkg.extras["license"]?.text), ("extras.licence", pkg.extras["licence"]?.text),
        ]
        return values.compactMap { field, raw in raw.map { (field, $0) } }
    }

    /// A resource's licence values in order: `license`, `license_id`, `licence`, `license_url`, `license_title`.
    func resourceLicenceCandidates(_ res: CKANResource, index i: Int) -> [(field: String, raw: String)] {
        ["license", "license_id", "licence", "license_url", "license_title"].compactMap { key in
            res.text(key).map { ("resources[\(i)].\(key)", $0) }
        }
    }

    /// The first candidate that names a known licence (open, restricted, closed or a known licence
    /// misspelt); else the first candidate as given (unknown / missing); nil without candidates.
    /// An unversioned family name resolves to the source's `licence_versions` choice or the current version,
    /// with the note `licence.versionAssumed` stating which.
    func resolveLicence(_ candidates: [(field: String, raw: String)], source: SourceConfig, ctx: inout Context) -> Licence? {
        var first: Licence?
        for candidate in candidates {
            let (licence, assumed) = resolve(candidate.raw, source: source)
            if first == nil { first = licence }
            guard licence.status != .unknown, licence.status != .missing else { continue }
            if let assumed {
                ctx.add(.note, field: candidate.field, .licenceVersionAssumed,
                        assumed.arguments(raw: candidate.raw, licence: licence, source: source.id))
            }
            return licence
        }
        return first
    }

    private func resolve(_ raw: String, source: SourceConfig) -> (Licence, AssumedLicenceVersion?) {
        resolvedLicences.resolve(raw, versions: source.licenceVersions)
    }
}
