// Sentences of the findings made in bulk, as templates: a finding keeps its arguments and renders the sentences
// when they are read (report.json, findings.jsonl, the site, the CLI), not when it is made.

/// A finding's sentence in English and German, from its arguments (`Finding.init(_:_:source:record:field:_:_:)`).
package enum FindingTemplate: Sendable, Hashable {
    /// `licence.inherited`: [distribution IRI, licence]: a distribution without a licence of its own takes the dataset's.
    case licenceInherited
    /// `licence.attribution-missing`: [distribution IRI, licence IRI]: the licence asks for an attribution text, none given.
    case attributionMissing

    package func english(_ a: [String]) -> String {
        switch self {
        case .licenceInherited: "Distribution \(a[0]): no licence of its own; the dataset's licence (\(a[1])) was taken over."
        case .attributionMissing: "Distribution \(a[0]): \(a[1]) requires an attribution text (dcatde:licenseAttributionByText); none is given."
        }
    }

    package func german(_ a: [String]) -> String {
        switch self {
        case .licenceInherited: "Distribution \(a[0]): keine eigene Lizenz, die Lizenz des Datensatzes (\(a[1])) wurde übernommen."
        case .attributionMissing: "Distribution \(a[0]): \(a[1]) verlangt einen Namensnennungstext (dcatde:licenseAttributionByText), es ist keiner angegeben."
        }
    }
}
