// The results of a SHACL validation of the published catalogue against the official profiles (GovData's
// DCAT-AP.de 2.0/3.0 and dashboard shapes, SEMIC's DCAT-AP 3.0.x, DCAT-AP HVD). The IO layer runs pyshacl
// (`SHACLValidator`) and decodes its JSON into these values; the pipeline reads them for the run report, the
// site's validation page and the MQA "DCAT-AP compliance" indicator, so all three state the same counts.

/// One validation run: per profile the counts, the results grouped by shape and message, and per dataset.
package struct ValidationReport: Sendable, Codable, Hashable {
    /// Results with the same severity, source shape, path and message, counted, with one example focus node.
    package struct Group: Sendable, Codable, Hashable {
        package var severity: String
        package var shape: String
        package var path: String
        package var message: String
        package var count: Int
        package var example: String?

        package init(severity: String, shape: String, path: String, message: String, count: Int, example: String? = nil) {
            self.severity = severity
            self.shape = shape
            self.path = path
            self.message = message
            self.count = count
            self.example = example
        }
    }

    /// One dataset's results under one profile (focus nodes traced up to their dcat:Dataset; "" for results
    /// on the catalogue or on nodes of no dataset).
    package struct DatasetResult: Sendable, Codable, Hashable {
        package struct Item: Sendable, Codable, Hashable {
            package var severity: String
            package var path: String
            package var message: String
            package var count: Int

            package init(severity: String, path: String, message: String, count: Int) {
                self.severity = severity
                self.path = path
                self.message = message
                self.count = count
            }
        }
        package var dataset: String
        package var violations: Int
        package var warnings: Int
        /// Failed GovData dashboard checks (results with the dashboard's own severities).
        package var failed: Int
        package var results: [Item]

        package init(dataset: String, violations: Int, warnings: Int, failed: Int, results: [Item]) {
            self.dataset = dataset
            self.violations = violations
            self.warnings = warnings
            self.failed = failed
            self.results = results
        }
    }

    package struct SetResult: Sendable, Codable, Hashable {
        package var violations: Int
        package var warnings: Int
        package var infos: Int
        /// Failed GovData dashboard checks (`dashboard_live`: each result with its own severity; tallies not counted).
        package var failed: Int
        package var groups: [Group]
        package var datasets: [DatasetResult]
        /// `hvd` only: the datasets checked, those that declare themselves high-value datasets (the regulation as
        /// `dcatap:applicableLegislation`, or a `dcatap:hvdCategory`); results on other datasets are left out.
        package var scope: [String]?

        package init(violations: Int, warnings: Int, infos: Int, failed: Int, groups: [Group], datasets: [DatasetResult]) {
            self.violations = violations
            self.warnings = warnings
            self.infos = infos
            self.failed = failed
            self.groups = groups
            self.datasets = datasets
        }

        /// The results of one dataset by its IRI.
        package func dataset(_ uri: String) -> DatasetResult? { datasets.first { $0.dataset == uri } }

        /// Datasets (not the catalogue) with at least one violation.
        package var datasetsWithViolations: Int { datasets.count { !$0.dataset.isEmpty && $0.violations > 0 } }
        /// Datasets with warnings or failed dashboard checks.
        package var datasetsWithRemarks: Int { datasets.count { !$0.dataset.isEmpty && ($0.warnings > 0 || $0.failed > 0) } }
    }

    /// The validated file (as the validator named it).
    package var file: String
    package var triples: Int
    package var sets: [String: SetResult]

    package init(file: String, triples: Int, sets: [String: SetResult]) {
        self.file = file
        self.triples = triples
        self.sets = sets
    }

    /// The profiles, in the order `opendata validate --profile all` runs them; `catalog/shacl/README.md` lists the
    /// files of each.
    package static let profiles = ["v30_de_spec", "v20_de_spec", "dcat-ap-3.0.1", "dcat-ap-3.0.0", "dashboard_live", "hvd"]

    /// The profiles a run validates when asked without a list: the catalogue's own DCAT-AP.de profile, SEMIC's
    /// DCAT-AP 3.0.1 (which scores the MQA "DCAT-AP compliance" indicator) and GovData's quality dashboard.
    package static func runDefaults(catalogueProfile: DCATGraph.Profile) -> [String] {
        [germanProfile(for: catalogueProfile), "dcat-ap-3.0.1", "dashboard_live"]
    }

    /// GovData's DCAT-AP.de profile a catalogue in `profile` must pass: `v20_de_spec` for 2.0, else `v30_de_spec`.
    package static func germanProfile(for profile: DCATGraph.Profile) -> String {
        profile == .dcatAPde2 ? "v20_de_spec" : "v30_de_spec"
    }

    /// The German name of a profile, for pages.
    package static func germanName(_ profile: String) -> String {
        switch profile {
        case "v30_de_spec": "DCAT-AP.de 3.0 (GovData-Validator)"
        case "v20_de_spec": "DCAT-AP.de 2.0 (GovData-Validator)"
        case "dcat-ap-3.0.1": "DCAT-AP 3.0.1 (SEMIC, data.europa.eu)"
        case "dcat-ap-3.0.0": "DCAT-AP 3.0.0 (SEMIC)"
        case "dashboard_live": "GovData-Qualitätsdashboard"
        case "hvd": "DCAT-AP HVD 3.0.0 (hochwertige Datensätze)"
        default: profile
        }
    }

    /// The profiles present, in `profiles` order (unknown names last, sorted).
    package var profileNames: [String] {
        Self.profiles.filter { sets[$0] != nil } + sets.keys.filter { !Self.profiles.contains($0) }.sorted()
    }

    /// The profile that decides the MQA "DCAT-AP compliance" indicator: DCAT-AP 3.0.1, else 3.0.0 (data.europa.eu
    /// checks against SEMIC's DCAT-AP shapes); nil when neither ran.
    package var dcatAPProfile: String? { ["dcat-ap-3.0.1", "dcat-ap-3.0.0"].first { sets[$0] != nil } }

    /// report.json's `validation` section: per profile the counts and the datasets affected.
    package func reportSection() -> JSONValue {
        var profiles: JSONObject = [:]
        for (name, set) in sets {
            var counts: JSONObject = [
                "violations": .number(Double(set.violations)), "warnings": .number(Double(set.warnings)),
                "infos": .number(Double(set.infos)),
                "datasetsWithViolations": .number(Double(set.datasetsWithViolations)),
                "datasetsWithRemarks": .number(Double(set.datasetsWithRemarks)),
            ]
            if name == "dashboard_live" { counts["failedChecks"] = .number(Double(set.failed)) }
            if let scope = set.scope { counts["datasetsChecked"] = .number(Double(scope.count)) }
            profiles[name] = .object(counts)
        }
        return .object(["ran": .bool(true), "triples": .number(Double(triples)), "profiles": .object(profiles), "details": .string("validierung/index.html")])
    }
}

/// What the run's validation step gave: a report, or why it could not run (the run goes on without it).
package enum ValidationOutcome: Sendable {
    case report(ValidationReport)
    /// The validator could not run (no Python, pyshacl missing, …): English and German reason.
    case unavailable(String, de: String)

    package var report: ValidationReport? {
        if case .report(let r) = self { r } else { nil }
    }
}
