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
        for (code, label) in [("COMPLETED", "Completed"), ("DEPRECATED", "Deprecated"), ("DEVELOP", "Under development"), ("WITHDRAWN", "Withdrawn")] {
            out[euStatusScheme + "/" + code] = Concept(scheme: euStatusScheme, schemeTitle: "Distribution status", label: label, lang: "en")
        }
        for (code, label) in [("AVAILABLE", "available"), ("EXPERIMENTAL", "experimental"), ("STABLE", "stable"), ("TEMPORARY", "temporary")] {
            out[euAvailabilityScheme + "/" + code] = Concept(scheme: euAvailabilityScheme, schemeTitle: "Planned availability", label: label, lang: "en")
        }
        return out
    }()

    /// EU distribution status (DCAT-AP.de 3.0 replaces the ADMS list with it).
    package static let euStatusScheme = "http://publications.europa.eu/resource/authority/distribution-status"
    /// EU planned availability (the DCAT-AP.de 3.0 list for `dcatap:availability`).
    package static let euAvailabilityScheme = "http://publications.europa.eu/resource/authority/planned-availability"

    /// The EU distribution-status IRI for an ADMS status IRI (others unchanged).
    package static func euStatus(_ iri: String) -> String {
        let codes = ["Completed": "COMPLETED", "Deprecated": "DEPRECATED", "UnderDevelopment": "DEVELOP", "Withdrawn": "WITHDRAWN"]
        let base = "http://purl.org/adms/status/"
        guard iri.hasPrefix(base), let code = codes[String(iri.dropFirst(base.count))] else { return iri }
        return euStatusScheme + "/" + code
    }

    /// The EU planned-availability IRI for a dcat-ap.de one (`…/plannedAvailability/stable` → `…/STABLE`; others unchanged).
    package static func euAvailability(_ iri: String) -> String {
        let base = availabilityScheme + "/"
        guard iri.hasPrefix(base) else { return iri }
        let code = String(iri.dropFirst(base.count))
        guard ["available", "experimental", "stable", "temporary"].contains(code) else { return iri }
        return euAvailabilityScheme + "/" + code.uppercased()
    }

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
