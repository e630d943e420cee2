// The metadata quality score of data.europa.eu's Metadata Quality Assessment (MQA): five dimensions, 405 points,
// computed from the published view (what the catalogue actually says about a dataset). docs/quality.md has the
// point table, its source and how each indicator is read here. Indicators that need data this run does not have
// (URL status before `check-links` exists, SHACL results of each dataset) are "not checked" and score 0, as the
// MQA scores a check it cannot pass.

/// The five MQA dimensions, in the MQA's order.
package enum QualityDimension: String, Sendable, Hashable, Codable, CaseIterable {
    case findability, accessibility, interoperability, reusability, contextuality

    package var german: String {
        switch self {
        case .findability: "Auffindbarkeit"
        case .accessibility: "Zugänglichkeit"
        case .interoperability: "Interoperabilität"
        case .reusability: "Wiederverwendbarkeit"
        case .contextuality: "Kontext"
        }
    }
}

/// One MQA indicator: its points and what a maintainer sets to earn them.
package struct QualityIndicator: Sendable, Hashable {
    package var id: String
    package var dimension: QualityDimension
    package var points: Int
    /// The German name (quality pages, quality.csv `indicator_label`).
    package var german: String
    /// What to set, in CKAN terms first (the field a maintainer edits), then the DCAT property.
    package var fix: String
}

/// How an indicator came out for one dataset.
package enum QualityStatus: String, Sendable, Hashable, Codable {
    /// Full points.
    case met
    /// Part of the points: only a share of the distributions has the value.
    case partial
    /// No points: the value is missing.
    case missing
    /// No points: this run cannot check it (URL status, per-dataset SHACL result).
    case notChecked = "not-checked"

    package var german: String {
        switch self {
        case .met: "erfüllt"
        case .partial: "teilweise"
        case .missing: "fehlt"
        case .notChecked: "nicht geprüft"
        }
    }
}

package struct QualityResult: Sendable, Hashable {
    /// The indicator's place in `QualityScore.indicators`: a dataset keeps one result per indicator until the run
    /// ends, 16 bytes each instead of a copy of the indicator's texts (1.8 KB a dataset before).
    private var index: UInt8
    /// Points earned, rounded to two decimals (a share of distributions earns a share of the points).
    package var earned: Double
    package var status: QualityStatus
    package var indicator: QualityIndicator { QualityScore.indicators[Int(index)] }
    /// The indicator's place in `QualityScore.indicators`.
    var indicatorIndex: Int { Int(index) }

    init(index: Int, earned: Double, status: QualityStatus) {
        self.index = UInt8(index)
        self.earned = earned
        self.status = status
    }
    /// Points a fix would gain.
    package var gain: Double { Double(indicator.points) - earned }
}

/// A dataset's score.
package struct DatasetQuality: Sendable, Hashable {
    package var results: [QualityResult]
    package var total: Double { QualityScore.round(results.reduce(0) { $0 + $1.earned }) }
    package func total(_ d: QualityDimension) -> Double {
        QualityScore.round(results.filter { $0.indicator.dimension == d }.reduce(0) { $0 + $1.earned })
    }
    package var rating: QualityRating { QualityRating(score: total) }
}

/// The MQA's rating bands.
package enum QualityRating: String, Sendable, Hashable, CaseIterable {
    case excellent, good, sufficient, bad

    package init(score: Double) {
        self = score >= 351 ? .excellent : score >= 221 ? .good : score >= 121 ? .sufficient : .bad
    }

    package var german: String {
        switch self {
        case .excellent: "ausgezeichnet"
        case .good: "gut"
        case .sufficient: "ausreichend"
        case .bad: "schlecht"
        }
    }

    /// The band's range as the MQA states it.
    package var range: String {
        switch self {
        case .excellent: "351–405"
        case .good: "221–350"
        case .sufficient: "121–220"
        case .bad: "0–120"
        }
    }
}

package enum QualityScore {
    package static let maximum = 405

    /// The MQA's indicators with their points (docs/quality.md).
    package static let indicators: [QualityIndicator] = [
        .init(id: "keyword", dimension: .findability, points: 30, german: "Schlagwörter", fix: "Schlagwörter (tags) angeben (dcat:keyword)"),
        .init(id: "theme", dimension: .findability, points: 30, german: "Kategorien", fix: "eine Kategorie (groups) mit EU-Datenthema wählen (dcat:theme)"),
        .init(id: "spatial", dimension: .findability, points: 20, german: "Raumbezug", fix: "Raumbezug angeben: Gebietsschlüssel (politicalGeocodingURI) oder Geometrie (spatial) (dct:spatial)"),
        .init(id: "temporal", dimension: .findability, points: 20, german: "Zeitraum", fix: "Zeitraum angeben (temporal_start, temporal_end; dct:temporal)"),
        .init(id: "accessURL-status", dimension: .accessibility, points: 50, german: "Zugangs-URL erreichbar", fix: "Zugangs-URL prüfen (dcat:accessURL antwortet mit 200)"),
        .init(id: "downloadURL", dimension: .accessibility, points: 20, german: "Download-URL", fix: "bei jeder Ressource eine direkte Download-URL angeben (dcat:downloadURL)"),
        .init(id: "downloadURL-status", dimension: .accessibility, points: 30, german: "Download-URL erreichbar", fix: "Download-URL prüfen (dcat:downloadURL antwortet mit 200)"),
        .init(id: "format", dimension: .interoperability, points: 20, german: "Format", fix: "bei jeder Ressource das Format angeben (format; dct:format)"),
        .init(id: "mediaType", dimension: .interoperability, points: 10, german: "Medientyp", fix: "den Medientyp angeben (mimetype; dcat:mediaType)"),
        .init(id: "format-vocabulary", dimension: .interoperability, points: 10, german: "Format aus dem EU-Vokabular", fix: "ein Format der EU-Dateitypliste verwenden (z. B. CSV statt „Tabelle“)"),
        .init(id: "non-proprietary", dimension: .interoperability, points: 20, german: "Offenes Format", fix: "die Daten (auch) in einem offenen Format anbieten (z. B. CSV, JSON, GeoJSON, ODS)"),
        .init(id: "machine-readable", dimension: .interoperability, points: 20, german: "Maschinenlesbar", fix: "die Daten (auch) maschinenlesbar anbieten (z. B. CSV, JSON, XML statt PDF oder HTML)"),
        .init(id: "dcat-ap", dimension: .interoperability, points: 30, german: "DCAT-AP-konform", fix: "die Befunde von opendata validate --profile dcat-ap-3.0.1 beheben"),
        .init(id: "licence", dimension: .reusability, points: 20, german: "Lizenz", fix: "eine Lizenz angeben (license_id; dct:license)"),
        .init(id: "licence-vocabulary", dimension: .reusability, points: 10, german: "Lizenz aus dem Vokabular", fix: "eine Lizenz der dcat-ap.de-Liste verwenden (licences.csv nennt die passende license_id)"),
        .init(id: "accessRights", dimension: .reusability, points: 10, german: "Zugriffsrechte", fix: "Zugriffsrechte angeben (access_rights; dct:accessRights, z. B. PUBLIC)"),
        .init(id: "accessRights-vocabulary", dimension: .reusability, points: 5, german: "Zugriffsrechte aus dem EU-Vokabular", fix: "einen Wert der EU-Liste für Zugriffsrechte verwenden (PUBLIC, RESTRICTED, NON_PUBLIC)"),
        .init(id: "contactPoint", dimension: .reusability, points: 20, german: "Kontakt", fix: "einen Kontakt mit E-Mail oder Webseite angeben (maintainer_email; dcat:contactPoint)"),
        .init(id: "publisher", dimension: .reusability, points: 10, german: "Herausgeber", fix: "die Organisation des Datensatzes setzen (owner_org; dct:publisher)"),
        .init(id: "rights", dimension: .contextuality, points: 5, german: "Rechtehinweis", fix: "einen Rechtehinweis an den Ressourcen angeben (dct:rights)"),
        .init(id: "byteSize", dimension: .contextuality, points: 5, german: "Dateigröße", fix: "die Dateigröße der Ressourcen angeben (size; dcat:byteSize)"),
        .init(id: "issued", dimension: .contextuality, points: 5, german: "Veröffentlichungsdatum", fix: "das Veröffentlichungsdatum angeben (issued; dct:issued)"),
        .init(id: "modified", dimension: .contextuality, points: 5, german: "Änderungsdatum", fix: "das Änderungsdatum angeben (modified; dct:modified)"),
    ]

    /// The indicators a run without any check outside the metadata cannot score (URL status, per-dataset
    /// SHACL): 0 points, status `not-checked`. `QualityChecks.notChecked` is the set of a given run.
    package static var notChecked: Set<String> { QualityChecks.none.notChecked }

    static let byID: [String: QualityIndicator] = Dictionary(uniqueKeysWithValues: indicators.map { ($0.id, $0) })

    /// Two decimals, as the MQA reports.
    static func round(_ x: Double) -> Double { (x * 100).rounded() / 100 }

    /// The score of one dataset, from its published facts (`d.published` must be set) and the run's checks
    /// outside the metadata (`checks`; by default none, so their indicators are not checked).
    package static func assess(_ d: Dataset, checks: QualityChecks.Prepared = QualityChecks.none.prepared()) -> DatasetQuality {
        let f = d.facts
        let dists = d.distributions
        // The share (0…1) of each indicator's points earned; an indicator in `notChecked` gets none.
        var shares: [String: Double] = [:]
        func add(_ id: String, _ share: Double) { shares[id] = share }
        func all(_ yes: Bool) -> Double { yes ? 1 : 0 }
        /// Share of distributions with a property (none: 0).
        func share(_ test: (Distribution) -> Bool) -> Double {
            dists.isEmpty ? 0 : Double(dists.filter(test).count) / Double(dists.count)
        }
        add("keyword", all(!d.keywords.isEmpty))
        add("theme", all(!f.themes.isEmpty))
        add("spatial", all(f.geometry != nil || !d.politicalGeocoding.isEmpty || d.spatial != nil))
        add("temporal", all(d.temporal.map { $0.start != nil || $0.end != nil } ?? false))
        add("downloadURL", share { $0.downloadURL != nil })
        // Interoperability: the best distribution counts (several distributions often carry the same data).
        let best = dists.map(interoperability).max { $0.total < $1.total } ?? Interop()
        add("format", all(best.format))
        add("mediaType", all(best.mediaType))
        add("format-vocabulary", all(best.vocabulary))
        add("non-proprietary", all(best.nonProprietary))
        add("machine-readable", all(best.machineReadable))
        // Licences as published: each distribution's effective licence (its own or the dataset's).
        let licences = f.distributions.map(\.licence)
        func licenceShare(_ test: (Licence) -> Bool) -> Double {
            licences.isEmpty ? 0 : Double(licences.filter(test).count) / Double(licences.count)
        }
        add("licence", licenceShare { $0.status != .missing && $0.uri != nil })
        add("licence-vocabulary", licenceShare { l in l.uri.map { u in knownLicenceVocabularies.contains { u.hasPrefix($0) } } ?? false })
        add("accessRights", all(d.accessRights != nil))
        add("accessRights-vocabulary", all(d.accessRights?.hasPrefix(accessRightNAL) ?? false))
        add("contactPoint", all(d.contactPoint.map { $0.email != nil || $0.url != nil } ?? false))
        add("publisher", all(!f.publisher.name.isEmpty))
        add("rights", share { $0.rights != nil })
        add("byteSize", share { $0.byteSize != nil })
        add("issued", all(d.issued != nil))
        add("modified", all(d.modified != nil))
        shares.merge(checks.shares(d)) { _, checked in checked }
        let notChecked = checks.notChecked
        let results = indicators.indices.map { i -> QualityResult in
            let indicator = indicators[i]
            guard !notChecked.contains(indicator.id), let share = shares[indicator.id] else {
                return QualityResult(index: i, earned: 0, status: .notChecked)
            }
            let status: QualityStatus = share >= 1 ? .met : share > 0 ? .partial : .missing
            return QualityResult(index: i, earned: round(Double(indicator.points) * share), status: status)
        }
        return DatasetQuality(results: results)
    }

    /// The MQA's URL status: the share of distributions whose URL answered 2xx or 3xx. A distribution without a
    /// URL of this role counts as not answering (no URL of the role at all: 0); one whose URL has no result yet is
    /// left out of the share. Nil when the dataset has URLs of the role but none has a result (not checked).
    static func urlStatusShare(_ urls: [String?], _ links: LinkResults) -> Double? {
        guard urls.contains(where: { $0 != nil }) else { return 0 }
        var known = 0, reachable = 0, checked = false
        for url in urls {
            guard let url else { known += 1; continue }
            guard let r = links[url] else { continue }
            checked = true
            known += 1
            if r.outcome.isReachable { reachable += 1 }
        }
        return checked && known > 0 ? Double(reachable) / Double(known) : nil
    }

    static let accessRightNAL = "http://publications.europa.eu/resource/authority/access-right/"
    /// Licence IRIs from a controlled vocabulary: the dcat-ap.de list and the EU licence authority table.
    static let knownLicenceVocabularies = [LicenceVocabulary.dcatDeBase, "http://publications.europa.eu/resource/authority/licence/"]

    struct Interop {
        var format = false, mediaType = false, vocabulary = false, nonProprietary = false, machineReadable = false
        /// The points these earn (the indicator table's), to pick the best distribution.
        var total: Int {
            [("format", format), ("mediaType", mediaType), ("format-vocabulary", vocabulary), ("non-proprietary", nonProprietary),
             ("machine-readable", machineReadable)].reduce(0) { $0 + ($1.1 ? QualityScore.byID[$1.0]!.points : 0) }
        }
    }

    static func interoperability(_ x: Distribution) -> Interop {
        let code = x.format
        return Interop(
            format: code != nil || !(x.rawFormat ?? "").isEmpty, mediaType: x.mediaType != nil, vocabulary: code != nil,
            nonProprietary: code.map(nonProprietary.contains) ?? false, machineReadable: code.map(machineReadable.contains) ?? false)
    }

    /// EU file-type codes counted as non-proprietary (open specification, free to implement). Our own list;
    /// docs/quality.md says how it was drawn up.
    static let nonProprietary: Set<String> = [
        "CSV", "TSV", "JSON", "JSON_LD", "GEOJSON", "XML", "RDF", "RDF_XML", "RDF_TURTLE", "RDF_N_TRIPLES", "RDF_N_QUADS", "N3",
        "TXT", "HTML", "XHTML", "ODS", "ODT", "ODP", "ODG", "GML", "KML", "KMZ", "GPKG", "SHP", "GTFS", "ATOM", "RSS",
        "WMS_SRVC", "WFS_SRVC", "WCS_SRVC", "WMTS_SRVC", "PNG", "SVG", "TIFF", "GEOTIFF", "NETCDF", "PARQUET", "SQL",
    ]

    /// EU file-type codes counted as machine-readable (structured data a program reads without guessing).
    static let machineReadable: Set<String> = [
        "CSV", "TSV", "JSON", "JSON_LD", "GEOJSON", "XML", "RDF", "RDF_XML", "RDF_TURTLE", "RDF_N_TRIPLES", "RDF_N_QUADS", "N3",
        "ODS", "XLS", "XLSX", "GML", "KML", "KMZ", "GPKG", "SHP", "DBF", "GTFS", "ATOM", "RSS", "WMS_SRVC", "WFS_SRVC",
        "WCS_SRVC", "WMTS_SRVC", "NETCDF", "PARQUET", "SQL", "DXF", "GEOTIFF",
    ]
}
