// The note a mapper makes when a licence names no version and one is assumed (CKAN and DCAT sources alike).

extension AssumedLicenceVersion {
    /// The arguments of the `licence.versionAssumed` note (`FindingTemplate.licenceVersionAssumed`): raw value,
    /// family, version, "configured" or "", source, licence IRI, and the rejected version if any.
    package func arguments(raw: String, licence: Licence, source: String) -> [String] {
        [raw, family, version, configured ? "configured" : "", source, licence.uri ?? ""] + (rejected.map { [$0] } ?? [])
    }
}

extension FindingTemplate {
    /// Arguments: `AssumedLicenceVersion.arguments(raw:licence:source:)`.
    static let licenceVersionAssumed = FindingTemplate("licence.versionAssumed", { a in
        let how = a[3].isEmpty
            ? "the current version; set licence_versions = { \(a[1]) = \"…\" } on source '\(a[4])' to choose another"
            : "licence_versions of source '\(a[4])'"
        let why = a.count > 6 ? " (configured version '\(a[6])' does not exist for \(a[1]))" : ""
        return "Licence '\(a[0])' names no version; \(a[1]) \(a[2]) assumed (\(how))\(why): \(a[5])."
    }, de: { a in
        let how = a[3].isEmpty
            ? "die aktuelle Version; mit licence_versions = { \(a[1]) = \"…\" } an der Quelle „\(a[4])“ lässt sich eine andere wählen"
            : "licence_versions der Quelle „\(a[4])“"
        let why = a.count > 6 ? " (die eingestellte Version „\(a[6])“ gibt es für \(a[1]) nicht)" : ""
        return "Die Lizenz „\(a[0])“ nennt keine Version; \(a[1]) \(a[2]) angenommen (\(how))\(why): \(a[5])."
    })
}
