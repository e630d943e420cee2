// Small controlled vocabularies of distribution values read from DCAT input (status, planned availability,
// checksum algorithms): the exporter describes each value it publishes (type, label, scheme), because the
// SHACL shapes check `skos:Concept` labels and schemes without loading these vocabularies.

package enum DistributionConcepts {
    package struct Concept: Sendable, Hashable {
        package var scheme: String
        package var schemeTitle: String
        package var label: String
        package var lang: String
    }

    /// ADMS status (`http://purl.org/adms/status/…`).
    package static let statusScheme = "http://purl.org/adms/status/1.0"
    /// DCAT-AP.de planned availability (`http://dcat-ap.de/def/plannedAvailability/…`).
    package static let availabilityScheme = "http://dcat-ap.de/def/plannedAvailability"

    package static let concepts: [String: Concept] = {
        var out: [String: Concept] = [:]
        for (code, label) in [("Completed", "Completed"), ("Deprecated", "Deprecated"), ("UnderDevelopment", "Under development"), ("Withdrawn", "Withdrawn")] {
            out["http://purl.org/adms/status/" + code] = Concept(scheme: statusScheme, schemeTitle: "ADMS status", label: label, lang: "en")
        }
        for (code, label) in [("available", "verfügbar"), ("experimental", "experimentell"), ("stable", "stabil"), ("temporary", "vorübergehend")] {
            out[availabilityScheme + "/" + code] = Concept(scheme: availabilityScheme, schemeTitle: "Geplante Verfügbarkeit (DCAT-AP.de)", label: label, lang: "de")
        }
        return out
    }()

    /// The SPDX checksum algorithm for a dcat-ap.de hash-algorithm IRI (`…/def/hashAlgorithms/sha/256`) or an SPDX one.
    package static func spdxAlgorithm(_ iri: String) -> String? {
        let spdx = "http://spdx.org/rdf/terms#checksumAlgorithm_"
        if iri.hasPrefix(spdx) { return iri }
        let table = [
            "http://dcat-ap.de/def/hashAlgorithms/sha/1": "sha1", "http://dcat-ap.de/def/hashAlgorithms/sha/224": "sha224",
            "http://dcat-ap.de/def/hashAlgorithms/sha/256": "sha256", "http://dcat-ap.de/def/hashAlgorithms/sha/384": "sha384",
            "http://dcat-ap.de/def/hashAlgorithms/sha/512": "sha512", "http://dcat-ap.de/def/hashAlgorithms/md/5": "md5",
        ]
        return table[iri].map { spdx + $0 }
    }
}
