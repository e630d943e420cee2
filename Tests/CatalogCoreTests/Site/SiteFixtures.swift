@testable import CatalogCore
import CatalogIO
import CatalogTestSupport
import Foundation

/// Real catalogues for the site tests: fixture CKAN dumps mapped with the shipped vocabularies and licence table.
enum SiteFixtures {
    static let settings = CatalogSettings(
        title: "Offene Daten Aachen – zusammengeführter Katalog",
        description: "Testkatalog aus echten Aufnahmen.\nZweite Zeile mit <b>Markup</b> & \"Zitaten\".",
        baseURI: "https://daten.example.org/katalog",
        publisher: Agent(name: "Stadt Aachen"), homepage: "https://offenedaten.aachen.de")

    static let mapper: CKANMapper = {
        let vocabularies = try! VocabularyLoader.load(directory: Fixtures.catalog("vocabularies"))
        let registry = try! LicenceTableLoader.load(
            aliases: Fixtures.catalog("licences.toml"), vocabularyDirectory: Fixtures.catalog("vocabularies/licences"))
        return CKANMapper(catalog: settings, vocabularies: vocabularies, licences: registry)
    }()

    static let koelnPath = "ckan/nrw-municipal/koeln-offenedaten-dkan-current_package_list_with_resources-2015-01.json"
    static let koeln2014Path = "ckan/nrw-municipal/koeln-offenedaten-dkan-snapshot-2014-11-04.json"
    static let hamburgPath = "ckan/govdata/govdata-package_show-hamburg-stadtgruen-2020.json"

    static func source(_ id: String, title: String, portal: String?, publisher: String? = nil) -> SourceConfig {
        SourceConfig(id: id, title: title, kind: .ckanDump, path: "x.json",
                     defaults: SourceDefaults(publisher: publisher.map { Agent(name: $0) }, portalURL: portal))
    }

    static func map(_ path: String, _ source: SourceConfig) throws -> [MappingResult] {
        let records = try CKANDump.records(from: Fixtures.data(Fixtures.shared(path)), sourceID: source.id)
        return records.map { mapper.map($0, source: source) }
    }

    static func mapJSON(_ json: String, _ source: SourceConfig) -> MappingResult {
        mapper.map(RawRecord(sourceID: source.id, index: 0, json: Data(json.utf8)), source: source)
    }

    static func catalog(_ datasets: [Dataset]) -> Catalog {
        Catalog(uri: settings.baseURI + "/catalog", title: settings.title, description: settings.description,
                publisher: settings.publisher, homepage: settings.homepage, modified: .dateTime("2025-01-02T03:04:05Z"),
                datasets: datasets)
    }

    /// Köln January 2015 alone.
    static let koeln: Catalog = {
        let results = try! map(koelnPath, source("koeln", title: "Offene Daten Köln", portal: "http://offenedaten-koeln.de", publisher: "Stadt Köln"))
        return catalog(results.compactMap(\.dataset))
    }()

    struct Demo {
        var catalog: Catalog
        var duplicates: [[String]]
        var report: RunReport
    }

    /// Köln 2015 + Köln 2014 (records with the same CKAN name merged into the 2015 one, as deduplication
    /// would) + one GovData record with a spatial geometry, and a report built from the mapping results.
    static let demo: Demo = {
        let sources = [
            source("koeln", title: "Offene Daten Köln (Aufnahme Januar 2015)", portal: "http://offenedaten-koeln.de", publisher: "Stadt Köln"),
            source("koeln-2014", title: "Offene Daten Köln (ältere Aufnahme November 2014)", portal: "http://offenedaten-koeln.de", publisher: "Stadt Köln"),
            source("govdata", title: "GovData (Hamburg, Aufnahme 2020)", portal: "https://www.govdata.de/web/guest/suchen/-/details"),
        ]
        let paths = [koelnPath, koeln2014Path, hamburgPath]
        var perSource: [[MappingResult]] = []
        for (s, p) in zip(sources, paths) { perSource.append(try! map(p, s)) }

        var datasets = perSource[0].compactMap(\.dataset)
        var byName: [String: Int] = [:]
        for (i, d) in datasets.enumerated() { if let n = d.provenance.first?.remoteName { byName[n] = i } }
        var duplicates: [[String]] = []
        var mergedAway = 0
        for old in perSource[1].compactMap(\.dataset) {
            if let n = old.provenance.first?.remoteName, let i = byName[n] {
                datasets[i].provenance += old.provenance
                duplicates.append([datasets[i].identifier, old.identifier])
                mergedAway += 1
            } else {
                datasets.append(old)
            }
        }
        datasets += perSource[2].compactMap(\.dataset)

        var reports: [SourceReport] = []
        var findings: [Finding] = []
        for (s, results) in zip(sources, perSource) {
            let fs = results.flatMap(\.findings)
            findings += fs
            var counts: [String: Int] = [:]
            for f in fs { counts[f.severity.rawValue, default: 0] += 1 }
            let mapped = results.compactMap(\.dataset)
            reports.append(SourceReport(
                id: s.id, title: s.title, kind: s.kind.rawValue, mode: .snapshot, location: "catalog/demo/\(s.id).json",
                requests: 0, fetched: results.count, mapped: mapped.count, rejected: results.count - mapped.count,
                distributions: mapped.reduce(0) { $0 + $1.distributions.count }, error: nil, durationSeconds: 0.25, findings: counts))
        }
        var totalCounts: [String: Int] = [:]
        for f in findings { totalCounts[f.severity.rawValue, default: 0] += 1 }
        let fetched = reports.reduce(0) { $0 + $1.fetched }
        let mapped = reports.reduce(0) { $0 + $1.mapped }
        let report = RunReport(
            version: "0.1.0", startedAt: "2025-01-02T03:04:05Z", status: .done, catalogURI: settings.baseURI + "/catalog",
            sources: reports,
            totals: ReportTotals(fetched: fetched, rejected: fetched - mapped, mapped: mapped, mergedAway: mergedAway,
                                 datasets: datasets.count, distributions: datasets.reduce(0) { $0 + $1.distributions.count },
                                 findings: totalCounts),
            datasetsWithoutGeometry: [], findings: findings.sorted())
        return Demo(catalog: catalog(datasets), duplicates: duplicates, report: report)
    }()

    static let allDownloads = ["catalog.ttl", "catalog.rdf", "catalog.jsonld", "datasets.csv", "distributions.csv",
                               "datapackage.json", "datasets.geojson", "licences.csv", "licences.html", "duplicates.csv", "quality.csv", "catalog.model.json", "report.json", "findings.jsonl"]
}
