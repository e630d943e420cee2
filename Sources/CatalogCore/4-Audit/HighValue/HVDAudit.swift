// The HVD audit: per high-value dataset, what DCAT-AP HVD 3.0 (its SHACL shapes) and the 3.0.1-hvd draft still
// want, read from the published view (and the run's `hvd` validation, when it ran). hvd.csv and hvd/index.html
// show it; maintainers fix the gaps at the source.

/// One requirement of DCAT-AP HVD a high-value dataset is checked for.
package enum HVDRequirement: String, CaseIterable, Sendable {
    /// HVD shapes ("API exists"): a distribution with a data service.
    case api
    /// HVD shapes: every data service has a contact point (ours: the dataset's, with an e-mail or URL).
    case contact
    /// HVD shapes ("legal information"): a licence or rights statement on every distribution.
    case legal
    /// HVD shapes: every data service has a documentation page (`foaf:page`).
    case documentation
    /// Regulation, annex: bulk download; a `dcat:downloadURL` on at least one distribution.
    case download
    /// DCAT-AP 3.0.1-hvd draft: title and description also in English.
    case english

    /// Whether the HVD 3.0.0 shapes report its absence as a violation (otherwise a recommendation).
    package var mandatory: Bool { self != .download && self != .english }

    package var column: String {
        switch self {
        case .api: "api"
        case .contact: "contact"
        case .legal: "licence_every_distribution"
        case .documentation: "api_documentation"
        case .download: "bulk_download"
        case .english: "english_title"
        }
    }

    package var german: String {
        switch self {
        case .api: "Schnittstelle (API)"
        case .contact: "Kontakt (E-Mail oder URL)"
        case .legal: "Lizenz an jeder Distribution"
        case .documentation: "Dokumentation der Schnittstelle"
        case .download: "Massen-Download"
        case .english: "Titel und Beschreibung auf Englisch"
        }
    }

    /// What a maintainer does at the source (German).
    package var fix: String {
        switch self {
        case .api: "Die Schnittstelle (WMS, WFS, OGC API oder REST-API) als Ressource mit ihrer URL und ihrem Format eintragen."
        case .contact: "Einen Kontakt mit E-Mail-Adresse oder Kontaktformular-URL eintragen; er gilt auch für die Schnittstelle."
        case .legal: "An jeder Ressource eine Lizenz angeben (CKAN: license_id des Datensatzes oder der Ressource)."
        case .documentation: "Eine Seite verlinken, die die Schnittstelle beschreibt (Dokumentation der Ressource oder Landingpage des Datensatzes)."
        case .download: "Die ganzen Daten auch als Datei zum Herunterladen anbieten (Ressource mit Download-URL)."
        case .english: "Titel und Beschreibung zusätzlich auf Englisch angeben (DCAT-AP HVD 3.0.1, Entwurf)."
        }
    }
}

/// The audit of every high-value dataset of a catalogue, in the catalogue's order.
package struct HVDAudit: Sendable {
    package struct Row: Sendable {
        package var dataset: Dataset
        /// Requirement → met.
        package var met: [HVDRequirement: Bool]
        /// The data services of its distributions.
        package var services: [PublishedService]
        /// Violations under the `hvd` profile, when the run validated it (nil: not validated).
        package var violations: Int?

        package var missing: [HVDRequirement] { HVDRequirement.allCases.filter { met[$0] == false } }
    }

    package var rows: [Row]

    /// `validation`: the run's SHACL report; its `hvd` set gives each dataset's violations.
    package init(_ catalog: Catalog, validation: ValidationReport? = nil) {
        let hvd = validation?.sets["hvd"]
        rows = catalog.datasets.compactMap { d -> Row? in
            let f = d.facts
            guard f.hvd != nil else { return nil }
            let services = f.distributions.compactMap(\.service)
            let met: [HVDRequirement: Bool] = [
                .api: !services.isEmpty,
                .contact: d.contactPoint?.isReachable ?? false,
                .legal: !f.distributions.isEmpty && zip(d.distributions, f.distributions).allSatisfy { x, p in
                    p.licence.uri != nil || p.licence.raw.flatMap(ExportText.meaningful) != nil || x.rights.flatMap(ExportText.meaningful) != nil
                },
                .documentation: !services.isEmpty && services.allSatisfy { $0.documentation != nil },
                .download: f.distributions.contains { $0.downloadURL != nil },
                .english: false,  // the model keeps one language per text; no source here gives English beside German
            ]
            let violations = hvd.map { set in set.dataset(f.iri)?.violations ?? 0 }
            return Row(dataset: d, met: met, services: services, violations: violations)
        }
    }

    package static let fileName = "hvd.csv"

    package static let csvColumns: [ExportColumn] = [
        .init(name: "dataset_identifier", type: "string", description: "Dataset identifier (as in datasets.csv)", german: "Kennung des Datensatzes (wie in datasets.csv)"),
        .init(name: "dataset_uri", type: "string", description: "Dataset IRI", german: "IRI des Datensatzes"),
        .init(name: "title", type: "string", description: "Dataset title", german: "Titel"),
        .init(name: "publisher", type: "string", description: "Publisher as published", german: "Herausgeber, wie veröffentlicht"),
        .init(name: "hvd_categories", type: "string", description: "HVD category IRIs, separated by |", german: "HVD-Kategorien (IRIs, durch | getrennt)"),
        .init(name: "hvd_category_labels", type: "string", description: "HVD categories, German", german: "HVD-Kategorien"),
        .init(name: "flagged_by", type: "string", description: "Why it is an HVD: the source's statement or the [[hvd]] rule", german: "Warum HVD: Angabe der Quelle oder Regel aus [[hvd]]"),
        .init(name: "services", type: "string", description: "Endpoint URLs of its data services, separated by |", german: "Endpunkte der Schnittstellen"),
    ] + HVDRequirement.allCases.map {
        ExportColumn(name: $0.column, type: "string", description: "\($0.mandatory ? "Required" : "Recommended"): yes or no", german: "\($0.german): ja oder nein")
    } + [
        .init(name: "missing", type: "string", description: "What is missing, German, separated by |", german: "Was fehlt"),
        .init(name: "fix", type: "string", description: "What to do at the source, German", german: "Was an der Quelle zu tun ist"),
        .init(name: "shacl_hvd_violations", type: "integer", description: "Violations under DCAT-AP HVD 3.0.0 (empty: not validated in this run)", german: "Verstöße gegen DCAT-AP HVD 3.0.0 (leer: nicht geprüft)"),
    ]

    /// hvd.csv: one row per high-value dataset.
    package func csv() -> String {
        var w = CSVWriter(header: Self.csvColumns.map(\.name))
        for r in rows {
            let d = r.dataset, f = d.facts, hvd = f.hvd!
            let categories = hvd.categories.compactMap(HVDCategory.code)
            let identity: [String] = [d.identifier, f.iri, d.title, f.publisher.name]
            let met: [String] = HVDRequirement.allCases.map { r.met[$0] == true ? "ja" : "nein" }
            w.append(identity
                     + [categories.map(\.iri).joined(separator: "|"), categories.map(\.german).joined(separator: "|"),
                        hvd.reasons.joined(separator: "|"), r.services.map(\.endpointURL).joined(separator: "|")]
                     + met
                     + [r.missing.map(\.german).joined(separator: "|"), r.missing.map(\.fix).joined(separator: " "),
                        r.violations.map(String.init) ?? ""])
        }
        return w.text
    }
}

extension HVDAudit {
    /// report.json's `hvd` section: how many high-value datasets, per top category, and per requirement how many
    /// lack it.
    package func reportSection() -> JSONValue {
        var categories: [String: Int] = [:]
        for r in rows {
            for top in Set((r.dataset.facts.hvd?.categories ?? []).compactMap(HVDCategory.code).map(\.top.english)) { categories[top, default: 0] += 1 }
        }
        var missing: JSONObject = [:]
        for q in HVDRequirement.allCases { missing[q.column] = .number(Double(rows.count { $0.met[q] == false })) }
        var section: JSONObject = [
            "datasets": .number(Double(rows.count)),
            "byCategory": .object(JSONObject(categories.mapValues { .number(Double($0)) })),
            "missing": .object(missing),
            "details": .string("hvd/index.html"),
        ]
        if rows.contains(where: { $0.violations != nil }) {
            section["violations"] = .number(Double(rows.reduce(0) { $0 + ($1.violations ?? 0) }))
        }
        return .object(section)
    }
}
