// What the MQA score needs beyond the metadata itself: checks made outside the catalogue text (the SHACL
// validation of the published RDF, the link checker's latest results). An indicator whose check did not run is "not checked" (0 points, as the MQA
// scores a check that does not pass), and the pages say so.

package struct QualityChecks: Sendable {
    /// The run's SHACL validation; nil when none ran. Its DCAT-AP profile (`ValidationReport.dcatAPProfile`)
    /// decides the "dcat-ap" indicator per dataset: no violation on the dataset or its nodes earns the points.
    package var validation: ValidationReport?
    /// The latest link-check results (`opendata check-links`); nil when there are none. With them the URL-status
    /// indicators are scored per dataset (`QualityScore.urlStatusShare`); a dataset none of whose URLs of a role
    /// has a result yet stays not checked on that indicator.
    package var links: LinkResults?

    package init(validation: ValidationReport? = nil, links: LinkResults? = nil) {
        self.validation = validation
        self.links = links
    }

    /// No check ran.
    package static let none = QualityChecks()

    /// Per dataset IRI, its violations under the DCAT-AP profile; nil when that profile did not run.
    private var dcatAPViolations: [String: Int]? {
        guard let validation, let name = validation.dcatAPProfile, let set = validation.sets[name] else { return nil }
        var out: [String: Int] = [:]
        for d in set.datasets where !d.dataset.isEmpty { out[d.dataset, default: 0] += d.violations }
        return out
    }

    /// The indicators these checks leave unscored.
    package var notChecked: Set<String> {
        var out: Set<String> = links == nil ? ["accessURL-status", "downloadURL-status"] : []
        if validation?.dcatAPProfile == nil { out.insert("dcat-ap") }
        return out
    }

    /// The indicator shares these checks decide for one dataset (`assess` adds them to the metadata's).
    func shares(_ d: Dataset, violations: [String: Int]?) -> [String: Double] {
        var out: [String: Double] = [:]
        if let violations { out["dcat-ap"] = (violations[d.uri] ?? 0) == 0 ? 1 : 0 }
        if let links {
            let f = d.facts
            out["accessURL-status"] = QualityScore.urlStatusShare(f.distributions.map(\.accessURL), links)
            out["downloadURL-status"] = QualityScore.urlStatusShare(f.distributions.map(\.downloadURL), links)
        }
        return out
    }

    /// The per-dataset lookups, prepared once per report.
    package struct Prepared: Sendable {
        var checks: QualityChecks
        var violations: [String: Int]?
        var notChecked: Set<String>

        func shares(_ d: Dataset) -> [String: Double] { checks.shares(d, violations: violations) }
    }

    package func prepared() -> Prepared { Prepared(checks: self, violations: dcatAPViolations, notChecked: notChecked) }
}
