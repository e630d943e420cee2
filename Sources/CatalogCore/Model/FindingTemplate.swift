// Sentences of the findings made in bulk, as templates: a finding keeps its arguments and renders the sentences
// when they are read (report.json, findings.jsonl, the site, the CLI), not when it is made.

/// A finding's sentence in English and German, from its arguments (`Finding.init(_:_:source:record:field:_:_:)`).
package enum FindingTemplate: Sendable, Hashable {
    /// `licence.inherited`: [distribution IRI, licence]: a distribution without a licence of its own takes the dataset's.
    case licenceInherited
    /// `licence.attribution-missing`: [distribution IRI, licence IRI]: the licence asks for an attribution text, none given.
    case attributionMissing
    /// `licence.versionAssumed`: [raw, family, version, "configured" or "", source id, licence IRI, rejected
    /// version (only when a configured one does not exist)] (`AssumedLicenceVersion.arguments`).
    case licenceVersionAssumed
    /// `size.approximate`: [resource label, size as given, bytes]: a size with a unit (Köln DKAN "12.5 KB") read
    /// as about that many bytes.
    case sizeApproximate

    package func english(_ a: [String]) -> String {
        switch self {
        case .licenceVersionAssumed:
            let how = a[3].isEmpty
                ? "the current version; set licence_versions = { \(a[1]) = \"…\" } on source '\(a[4])' to choose another"
                : "licence_versions of source '\(a[4])'"
            let why = a.count > 6 ? " (configured version '\(a[6])' does not exist for \(a[1]))" : ""
            return "Licence '\(a[0])' names no version; \(a[1]) \(a[2]) assumed (\(how))\(why): \(a[5])."
        case .licenceInherited: return "Distribution \(a[0]): no licence of its own; the dataset's licence (\(a[1])) was taken over."
        case .attributionMissing: return "Distribution \(a[0]): \(a[1]) requires an attribution text (dcatde:licenseAttributionByText); none is given."
        case .sizeApproximate: return "Resource '\(a[0])': size '\(a[1])' read as about \(a[2]) bytes (1 KB = 1024 bytes)."
        }
    }

    package func german(_ a: [String]) -> String {
        switch self {
        case .licenceVersionAssumed:
            let how = a[3].isEmpty
                ? "die aktuelle Version; mit licence_versions = { \(a[1]) = \"…\" } an der Quelle „\(a[4])“ lässt sich eine andere wählen"
                : "licence_versions der Quelle „\(a[4])“"
            let why = a.count > 6 ? " (die eingestellte Version „\(a[6])“ gibt es für \(a[1]) nicht)" : ""
            return "Die Lizenz „\(a[0])“ nennt keine Version; \(a[1]) \(a[2]) angenommen (\(how))\(why): \(a[5])."
        case .licenceInherited: return "Distribution \(a[0]): keine eigene Lizenz, die Lizenz des Datensatzes (\(a[1])) wurde übernommen."
        case .attributionMissing: return "Distribution \(a[0]): \(a[1]) verlangt einen Namensnennungstext (dcatde:licenseAttributionByText), es ist keiner angegeben."
        case .sizeApproximate: return "Ressource „\(a[0])“: die Größe „\(a[1])“ als etwa \(a[2]) Bytes gelesen (1 KB = 1024 Bytes)."
        }
    }
}
