// The quality scores of a catalogue: one per dataset, summed up per publisher and per source, written as
// quality.csv (one row per dataset and indicator) and read by the site's quality pages.

package struct QualityReport: Sendable {
    package struct Entry: Sendable {
        package var dataset: Dataset
        package var quality: DatasetQuality
    }

    /// A group of datasets (one publisher or one source) with its mean score, its mean per dimension and the fixes
    /// that gain most, summed up in one pass over its entries when the group is made (the quality pages read them
    /// per publisher and sort the publishers by mean: each read summed every entry's results again, about 1.6 s on
    /// one core at 100 k datasets).
    package struct Group: Sendable {
        package let name: String
        package let entries: [Entry]
        /// The mean of the datasets' totals (each rounded as `DatasetQuality.total`).
        package let mean: Double
        /// Per indicator that can be fixed in the metadata: how many datasets miss points and how many the mean
        /// gains when all are fixed; most points first. Not-checked indicators are left out (no metadata fix).
        package let fixes: [(indicator: QualityIndicator, datasets: Int, meanGain: Double)]
        private let dimensionMeans: [QualityDimension: Double]

        package var rating: QualityRating { QualityRating(score: mean) }
        /// The mean of the datasets' totals in dimension `d`.
        package func mean(_ d: QualityDimension) -> Double { dimensionMeans[d] ?? 0 }

        init(name: String, entries: [Entry]) {
            self.name = name
            self.entries = entries
            let indicators = QualityScore.indicators
            let dimensions = QualityDimension.allCases
            let dimensionOf = indicators.map { indicator in dimensions.firstIndex(of: indicator.dimension)! }
            var total = 0.0
            var dimensionTotals = [Double](repeating: 0, count: dimensions.count)
            var open = [Int](repeating: 0, count: indicators.count)
            var gains = [Double](repeating: 0, count: indicators.count)
            var perDimension = [Double](repeating: 0, count: dimensions.count)
            for entry in entries {
                // One result per indicator (`QualityScore` makes them so), summed in their order, as `total` and
                // `total(_:)` sum them.
                var own = 0.0
                for d in perDimension.indices { perDimension[d] = 0 }
                for result in entry.quality.results {
                    let i = result.indicatorIndex
                    own += result.earned
                    perDimension[dimensionOf[i]] += result.earned
                    if result.status != .notChecked && result.gain > 0 {
                        open[i] += 1
                        gains[i] += result.gain
                    }
                }
                total += QualityScore.round(own)
                for d in dimensions.indices { dimensionTotals[d] += QualityScore.round(perDimension[d]) }
            }
            let count = Double(entries.count)
            mean = entries.isEmpty ? 0 : QualityScore.round(total / count)
            var means: [QualityDimension: Double] = [:]
            for (d, dimension) in dimensions.enumerated() { means[dimension] = entries.isEmpty ? 0 : QualityScore.round(dimensionTotals[d] / count) }
            dimensionMeans = means
            var out: [(indicator: QualityIndicator, datasets: Int, meanGain: Double)] = []
            for (i, indicator) in indicators.enumerated() where open[i] > 0 {
                out.append((indicator, open[i], QualityScore.round(gains[i] / count)))
            }
            fixes = out.sorted { ($0.2, $0.1, $1.0.id) > ($1.2, $1.1, $0.0.id) }
        }
    }

    /// Sorted by dataset identifier, then URI (as datasets.csv).
    package let entries: [Entry]

    /// The indicators no check of this run scored (`QualityChecks.notChecked`).
    package var notChecked: Set<String>
    /// The run's SHACL validation, when one ran (the pages show the dashboard results beside the score).
    package var validation: ValidationReport?
    /// The link-check results the URL status was scored from (the pages list the broken links); nil: none.
    package var links: LinkResults?

    package init(_ catalog: Catalog, checks: QualityChecks = .none) {
        let datasets = PublishedView.ensure(catalog).datasets.sorted { ($0.identifier, $0.uri) < ($1.identifier, $1.uri) }
        let prepared = checks.prepared()
        entries = ParallelMap.map(datasets, minimum: 256, chunk: 64) { Entry(dataset: $0, quality: QualityScore.assess($0, checks: prepared)) }
        notChecked = prepared.notChecked
        validation = checks.validation
        links = checks.links
        // Summed up once: the pages, the history and the report's section read them.
        all = Group(name: "", entries: entries)
        byPublisher = Self.groups(entries) { $0.facts.publisher.name }
        bySource = Self.groups(entries, \.sourceID)
    }

    /// The indicators not scored in this report, in the indicator table's order.
    package var uncheckedIndicators: [QualityIndicator] { QualityScore.indicators.filter { notChecked.contains($0.id) } }

    /// Every dataset as one group.
    package let all: Group
    /// One group per publisher (the published publisher name), by name.
    package let byPublisher: [Group]
    /// One group per source id.
    package let bySource: [Group]

    private static func groups(_ entries: [Entry], _ key: (Dataset) -> String) -> [Group] {
        var map: [String: [Entry]] = [:]
        for e in entries { map[key(e.dataset), default: []].append(e) }
        return map.keys.sorted().map { Group(name: $0, entries: map[$0]!) }
    }

    package static let csvColumns: [ExportColumn] = [
        .init(name: "dataset_identifier", type: "string", description: "Dataset identifier (as in datasets.csv)", german: "Kennung des Datensatzes (wie in datasets.csv)"),
        .init(name: "dataset_title", type: "string", description: "Dataset title", german: "Titel des Datensatzes"),
        .init(name: "publisher", type: "string", description: "Publisher as published", german: "Herausgeber, wie veröffentlicht"),
        .init(name: "source", type: "string", description: "Source id (catalog/sources.toml)", german: "Quelle (Kennung aus catalog/sources.toml)"),
        .init(name: "dimension", type: "string", description: "MQA dimension (findability, accessibility, interoperability, reusability, contextuality)", german: "MQA-Dimension (Code)"),
        .init(name: "dimension_label", type: "string", description: "MQA dimension, German", german: "MQA-Dimension"),
        .init(name: "indicator", type: "string", description: "MQA indicator (docs/quality.md)", german: "MQA-Indikator (Code, docs/quality.md)"),
        .init(name: "indicator_label", type: "string", description: "MQA indicator, German", german: "MQA-Indikator"),
        .init(name: "points", type: "number", description: "Points earned (a share of distributions earns a share)", german: "Erreichte Punkte (ein Teil der Distributionen bringt einen Teil der Punkte)"),
        .init(name: "max_points", type: "integer", description: "Points of the indicator", german: "Höchstpunktzahl des Indikators"),
        .init(name: "status", type: "string", description: "met, partial, missing or not-checked", german: "Ergebnis (Code: met, partial, missing, not-checked)"),
        .init(name: "status_label", type: "string", description: "Status, German", german: "Ergebnis"),
        .init(name: "fix", type: "string", description: "What to set to gain the points (German; empty when met)", german: "Was zu tun ist, um die Punkte zu erhalten (leer, wenn erfüllt)"),
        .init(name: "dataset_score", type: "number", description: "The dataset's total (of 405)", german: "Gesamtpunktzahl des Datensatzes (von 405)"),
        .init(name: "dataset_rating", type: "string", description: "MQA rating band, German (ausgezeichnet, gut, ausreichend, schlecht)", german: "Bewertungsstufe"),
    ]

    /// report.json's `quality` section: the mean score, the datasets per rating band and the mean per publisher
    /// (so a run's report shows whether the metadata got better, and an alert can watch it).
    package func reportSection() -> JSONValue {
        let all = self.all
        var bands: JSONObject = [:]
        for band in QualityRating.allCases { bands[band.rawValue] = .number(Double(entries.count { $0.quality.rating == band })) }
        var publishers: JSONObject = [:]
        for g in byPublisher { publishers[g.name] = .number(g.mean) }
        return .object([
            "datasets": .number(Double(entries.count)), "mean": .number(all.mean), "maximum": .number(Double(QualityScore.maximum)),
            "notChecked": .number(Double(uncheckedIndicators.reduce(0) { $0 + $1.points })),
            "ratings": .object(bands), "byPublisher": .object(publishers), "details": .string(Self.csvFileName),
        ])
    }

    /// The name of the file below.
    package static let csvFileName = "quality.csv"

    /// quality.csv: one row per dataset and indicator, in the order of `entries` and the MQA's indicators, handed
    /// over in pieces (the header, then the rows of each chunk of datasets, rendered in parallel by
    /// `TableStream`), so the file (about 6 KB per dataset) is never one string.
    package func csvPieces(_ hand: (ExportFile) -> Void) {
        let entries = entries
        TableStream.csv(Self.csvFileName, header: Self.csvColumns.map(\.name), count: entries.count,
                        rowsPerItem: QualityScore.indicators.count, rows: { Self.csvRows(entries[$0]) }, hand: hand)
    }

    /// One dataset's rows of quality.csv: one per indicator.
    package static func csvRows(_ e: Entry) -> [[String]] {
        let total = ExportNumber.format(e.quality.total)
        return e.quality.results.map { r in
            let i = r.indicator
            return [
                e.dataset.identifier, e.dataset.title, e.dataset.facts.publisher.name, e.dataset.sourceID,
                i.dimension.rawValue, i.dimension.german, i.id, i.german, ExportNumber.format(r.earned), String(i.points),
                r.status.rawValue, r.status.german, r.status == .met || r.status == .notChecked ? "" : i.fix,
                total, e.quality.rating.german,
            ]
        }
    }
}
