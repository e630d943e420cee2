public import Foundation

/// Wires the pure stages: map every harvested record → deduplicate → licence audit → exports + run report.
///
/// The one place that knows the order of stages (swift-openapi-generator's "one place that wires them").
/// Mapping runs in parallel over records (each record is independent); everything after it is sorted, so
/// the output does not depend on thread timing or input order.
package struct Pipeline: Sendable {
    package var settings: CatalogSettings
    package var mapper: CKANMapper
    package var deduplicator: Deduplicator
    package var licences: LicenceRegistry
    package var version: String
    /// Official boundaries the political geocodings are looked up in (loaded by IO from catalog/geo/).
    package var boundaries: Boundaries = .empty
    /// `[[hvd]]`: the rules that flag high-value datasets (4-Audit/HighValue/HighValue.swift).
    package var hvdRules: [HVDRule] = []
    /// Extra sections for report.json (e.g. `nightly` with the job id), set by the runner before `run`.
    package var reportSections: [String: JSONValue] = [:]
    /// The previous published snapshot's change-feed state (IO reads it); nil on a first run.
    package var previousChanges: ChangeFeed.State?
    /// The latest link-check results (IO reads them from the state store); nil when none exist, and then the
    /// URL-status indicators of the quality score stay not checked and no broken-link lists are written.
    package var linkResults: LinkResults?
    /// Validates the exported catalog.ttl (the IO layer runs the SHACL profiles of `[validation]`); nil: no
    /// validation. Its outcome scores the MQA "dcat-ap" indicator, fills validierung.json and its page, and
    /// the report's `validation` section.
    package var validator: (@Sendable (ExportFile) -> ValidationOutcome)?
    /// The previous published snapshot's quality history (qualitaet/verlauf.csv, IO reads it); nil on a first run.
    package var previousHistory: QualityHistory?

    package init(settings: CatalogSettings, mapper: CKANMapper, deduplicator: Deduplicator, licences: LicenceRegistry, version: String) {
        self.settings = settings
        self.mapper = mapper
        self.deduplicator = deduplicator
        self.licences = licences
        self.version = version
    }

    package struct Output: Sendable {
        package var catalog: Catalog
        package var report: RunReport
        package var files: [ExportFile]
        package var dedup: DedupResult
        package var audit: LicenceAudit
    }

    /// Runs every stage and returns every file in memory, sorted by name (tests, nightly publishing).
    /// `runTime` is the run's timestamp (ISO 8601, UTC), used for `dct:modified` of the catalogue and in the
    /// report; nothing here reads a clock.
    package func run(_ harvests: consuming [SourceHarvest], runTime: String) -> Output {
        let collected = FileCollector()
        var output = run(harvests, runTime: runTime, emit: collected.add)
        output.files = collected.files()
        return output
    }

    /// Runs every stage and hands each output file to `emit` as soon as it is complete (one call at a time,
    /// possibly from a worker thread), so the caller can write it and let it go: a large catalogue's outputs
    /// are never all in memory together. `Output.files` stays empty. Raw records are released once mapped.
    package func run(_ harvests: consuming [SourceHarvest], runTime: String, emit: @escaping @Sendable (ExportFile) -> Void) -> Output {
        let emitter = Emitter(emit)
        var findings: [Finding] = []
        var sourceReports: [SourceReport] = []
        var mapped: [Dataset] = []

        let sourceList = harvests.map(\.source)
        var recorded: [String] = [], skipped: [String] = []
        for index in harvests.indices {
            if harvests[index].mode == .snapshot { recorded.append(harvests[index].source.title) }
            if harvests[index].mode == .skipped { skipped.append(harvests[index].source.title) }
        }
        for index in harvests.indices {
            let harvest = harvests[index]
            let results = mapAll(harvest.records, source: harvest.source) + harvest.premapped
            let fetched = harvest.records.count + harvest.premapped.count
            harvests[index].records = []
            harvests[index].premapped = []
            var sourceFindings = harvest.findings
            var datasets: [Dataset] = []
            var rejected = 0
            for result in results {
                sourceFindings += result.findings
                if let dataset = result.dataset {
                    datasets.append(dataset)
                } else {
                    rejected += 1
                }
            }
            if let error = harvest.error {
                sourceFindings.append(Finding(.error, "source.failed", source: harvest.source.id, error, de: "Die Quelle ist fehlgeschlagen (technische Meldung: \(error))."))
            }
            sourceReports.append(
                SourceReport(
                    id: harvest.source.id, title: harvest.source.title, kind: harvest.source.kind.rawValue,
                    mode: harvest.mode, location: harvest.location, requests: harvest.requests,
                    fetched: fetched, mapped: datasets.count, rejected: rejected,
                    distributions: datasets.reduce(0) { $0 + $1.distributions.count },
                    error: harvest.error, durationSeconds: (harvest.durationSeconds * 1000).rounded() / 1000,
                    findings: Self.countBySeverity(sourceFindings), incremental: harvest.incremental))
            findings += sourceFindings
            mapped += datasets
        }

        findings += DatasetSeries.resolve(&mapped)
        let dedup = deduplicator.run(mapped)
        findings += dedup.findings
        let merged = dedup.datasets.sorted { $0.uri < $1.uri }

        let ckanSources = Set(sourceList.filter { $0.kind == .ckan || $0.kind == .ckanDump }.map(\.id))
        var audit = LicenceAudit(datasets: merged, registry: licences, proposals: Self.licenceProposals(sourceList, settings: settings),
                                 ckanSources: ckanSources)
        audit.markDuplicateConflicts(dedup.clusters)
        findings += audit.findings()

        var catalog = Catalog(
            uri: settings.baseURI + "/catalog", title: settings.title, description: settings.description,
            publisher: settings.publisher, homepage: settings.homepage,
            languages: settings.languages.map { $0.contains("://") ? $0 : Vocabulary.languageBase + $0 },
            modified: Self.lastModification(merged), datasets: merged)
        catalog.profile = settings.profile == .default ? nil : settings.profile  // the model names 2.0 only
        // The published view: every output below reads these facts (licence verdict, publisher, themes, IRIs,
        // names, URLs, geometry) instead of deriving its own.
        findings += PublishedView.apply(&catalog, audit: audit, boundaries: boundaries, hvdRules: hvdRules)
        audit.adoptPublishers(catalog)
        // Three independent branches run side by side (each also parallel inside): the catalogue exports, the
        // licence/duplicate/model files, and every site page but harvest.html. The site links the downloads by
        // name, and those names are fixed. The report, and harvest.html which shows it, come last.
        let validationFiles = validator == nil ? [] : [Self.validationFileName]
        // hvd.csv and hvd/index.html only where the catalogue has high-value datasets.
        let hasHVD = catalog.datasets.contains { $0.published?.hvd != nil }
        let downloads = (Exporters.fileNames + Self.auditFileNames + Self.reportFileNames + [ChangeFeed.mainFeed, QualityHistory.fileName]
            + validationFiles + (hasHVD ? [HVDAudit.fileName] : [])).sorted()
        var siteInput = SiteInput(catalog: catalog, duplicates: dedup.clusters.map { $0.members.map(\.uri) }, downloads: downloads)
        siteInput.recordedSources = recorded.sorted()  // sorted: the pages must not depend on harvest order
        siteInput.skippedSources = skipped.sorted()
        siteInput.boundaries = boundaries
        let exported = LockedBox<ExportSummary?>(nil)
        let pending = LockedBox<SiteRenderer.PendingPages?>(nil)
        let turtle = LockedBox<ExportFile?>(nil)
        let keepTurtle = validator != nil
        ParallelMap.forEach(3) { branch in
            switch branch {
            case 0:
                exported.set(Exporters.stream(catalog) { file in
                    if keepTurtle, file.name == "catalog.ttl" { turtle.set(file) }
                    emitter.emit(file)
                })
            case 1:
                emitter.emit(ExportFile(name: "licences.csv", text: audit.licencesCSV()))
                let notice = SiteContext.recordedNotice(recorded: siteInput.recordedSources, skipped: siteInput.skippedSources)
                // One to-do list per publisher beside the page (lizenzen/<key>.csv, German Excel), linked from it.
                emitter.emit(ExportFile(name: "licences.html", text: audit.html(notice: notice, toDoFiles: audit.publisherFileNames.mapValues { "lizenzen/" + $0 })))
                audit.publisherFiles().forEach { var file = $0; file.name = "lizenzen/" + file.name; emitter.emit(file) }
                emitter.emit(ExportFile(name: "duplicates.csv", text: DuplicatesCSV.render(dedup)))
                emitter.emit(ExportFile(name: "catalog.model.json", bytes: catalog.modelJSON()))
                ChangeFeed.files(catalog, previous: previousChanges, runTime: runTime).forEach(emitter.emit)
            default: pending.set(SiteRenderer.streamAllButHarvest(siteInput, emit: emitter.emit))
            }
        }
        let bundle = exported.get()!
        // The checks made on the exports: the SHACL validation of catalog.ttl (when asked), then the quality
        // scores, once: quality.csv, the report's section and the site's quality pages read them.
        let validation = turtle.get().flatMap { validator?($0) }
        if let validation { emitter.emit(Self.validationFile(validation)) }
        let scores = QualityReport(catalog, checks: QualityChecks(validation: validation?.report, links: linkResults))
        emitter.emit(ExportFile(name: "quality.csv", text: scores.csv()))
        // Broken links per publisher, only when link-check results exist (never in the offline demo).
        let broken = linkResults.map { LinkReport.broken(catalog, $0) }
        if let linkResults { LinkReport.files(catalog, linkResults).forEach(emitter.emit) }
        // This run's licence gaps, mean scores and broken links join the previous history (its unreadable lines
        // are findings).
        let history = QualityHistory.next(previous: previousHistory, runTime: runTime, quality: scores, audit: audit,
                                          brokenLinks: broken.map { Dictionary(grouping: $0, by: \.use.publisher).mapValues(\.count) })
        findings += history.findings
        emitter.emit(ExportFile(name: QualityHistory.fileName, text: history.csv()))
        let hvd = hasHVD ? HVDAudit(catalog, validation: validation?.report) : nil
        if let hvd { emitter.emit(ExportFile(name: HVDAudit.fileName, text: hvd.csv())) }
        pending.get()!.checkPages(scores, validation: validation, history: history, hvd: hvd).forEach(emitter.emit)
        findings += validation.map(Self.validationFindings) ?? []
        // Values the exporters had to leave out (IRIs that stay invalid after repair …) name their record.
        findings += bundle.problems.map(\.finding)
        let exportNames = (Exporters.fileNames + Self.auditFileNames + (hvd == nil ? [] : [HVDAudit.fileName])).sorted()

        findings.sort()
        let failedSources = sourceReports.filter { $0.error != nil }.count
        let degraded = harvests.contains { $0.degraded }
        let status: RunStatus =
            failedSources == 0 ? (degraded ? .doneWithErrors : .done) : (failedSources == sourceReports.filter { $0.mode != .skipped }.count && merged.isEmpty ? .failed : .doneWithErrors)
        let totals = ReportTotals(
            fetched: sourceReports.reduce(0) { $0 + $1.fetched },
            rejected: sourceReports.reduce(0) { $0 + $1.rejected },
            mapped: mapped.count,
            mergedAway: mapped.count - merged.count,
            datasets: merged.count,
            distributions: merged.reduce(0) { $0 + $1.distributions.count },
            findings: Self.countBySeverity(findings))
        var sections: [String: JSONValue] = reportSections
        sections["licences"] = JSONValue.encoding(audit.reportSummary())
        sections["duplicates"] = JSONValue.encoding(DuplicatesSection(dedup))
        sections["quality"] = scores.reportSection()
        if let validation { sections["validation"] = Self.validationSection(validation) }
        if let hvd { sections["hvd"] = hvd.reportSection() }
        sections["exports"] = .object([
            "triples": .number(Double(bundle.tripleCount)),
            "files": .array(exportNames.map { .string($0) }),
        ])
        sections["notes"] = FindingSummary.notesSection(findings)
        emitter.emit(ExportFile(name: "findings.jsonl", bytes: FindingSummary.jsonLines(findings)))
        let report = RunReport(
            version: version, startedAt: runTime, status: status, catalogURI: catalog.uri, sources: sourceReports,
            totals: totals, datasetsWithoutGeometry: bundle.datasetsWithoutGeometry, sections: sections,
            findings: findings)
        emitter.emit(ExportFile(name: "report.json", bytes: Array(report.jsonData())))
        // Only harvest.html shows the run (timings, report time); every other page is rendered without the
        // report, so it stays byte-identical across unchanged runs.
        emitter.emit(pending.get()!.harvestPage(report))
        return Output(catalog: catalog, report: report, files: [], dedup: dedup, audit: audit)
    }

    /// The validation results beside the site (`[validation]`), as JSON; the page is validierung/index.html.
    static let validationFileName = "validierung.json"

    /// validierung.json: the whole report (per profile, groups and per dataset), or why it did not run.
    static func validationFile(_ outcome: ValidationOutcome) -> ExportFile {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data? = switch outcome {
        case .report(let report): try? encoder.encode(report)
        case .unavailable(let reason, let de): try? encoder.encode(NotRun(reason: reason, reasonDE: de))
        }
        return ExportFile(name: validationFileName, bytes: Array(data ?? Data()) + [UInt8(ascii: "\n")])
    }

    private struct NotRun: Encodable {
        var ran = false
        var reason: String
        var reasonDE: String
    }

    static func validationSection(_ outcome: ValidationOutcome) -> JSONValue {
        switch outcome {
        case .report(let report): report.reportSection()
        case .unavailable(let reason, _): .object(["ran": .bool(false), "reason": .string(reason)])
        }
    }

    /// One finding per profile with violations (so a nightly alert sees them), or one saying it did not run.
    static func validationFindings(_ outcome: ValidationOutcome) -> [Finding] {
        switch outcome {
        case .unavailable(let reason, let de):
            return [Finding(.warning, "validation.unavailable", source: "validation", "SHACL validation did not run: \(reason)",
                            de: "Die SHACL-Prüfung lief nicht: \(de)")]
        case .report(let report):
            return report.profileNames.compactMap { name -> Finding? in
                guard let set = report.sets[name], name != "dashboard_live", set.violations > 0 else { return nil }
                return Finding(.warning, "validation.violations", source: "validation", field: name,
                               "catalog.ttl has \(set.violations) SHACL violations under \(name) (\(set.datasetsWithViolations) datasets); see validierung/index.html",
                               de: "catalog.ttl verletzt \(set.violations)-mal das Profil \(ValidationReport.germanName(name)) (\(set.datasetsWithViolations) Datensätze); siehe validierung/index.html")
            }
        }
    }

    /// The run's own files: report.json (warnings and errors listed, notes counted) and findings.jsonl (all).
    static let reportFileNames = ["findings.jsonl", "report.json"]

    /// The files written from the licence audit, deduplication and model, beside `Exporters.fileNames`.
    static let auditFileNames = ["licences.csv", "licences.html", "duplicates.csv", "quality.csv", "catalog.model.json"]

    /// Maps records in parallel (order of results = order of records).
    private func mapAll(_ records: [RawRecord], source: SourceConfig) -> [MappingResult] {
        ParallelMap.map(records, minimum: 64, chunk: 32) { mapper.map($0, source: source) }
    }

    /// The catalogue's `dct:modified`: the newest modification of any dataset (DCAT-AP's definition), not
    /// the run time — so a nightly run over unchanged sources produces byte-identical catalogue files.
    static func lastModification(_ datasets: [Dataset]) -> DateValue? {
        datasets.compactMap { $0.modified ?? $0.issued }.max { a, b in a.lexical.prefix(19) < b.lexical.prefix(19) }
    }

    private static func countBySeverity(_ findings: [Finding]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for severity in Finding.Severity.allCases { counts[severity.rawValue] = 0 }
        for f in findings { counts[f.severity.rawValue, default: 0] += 1 }
        return counts
    }
}

/// Hands files on one at a time and drops a second file of the same name.
private final class Emitter: @unchecked Sendable {
    private let sink: @Sendable (ExportFile) -> Void
    private var seen: Set<String> = []
    private let lock = NSLock()

    init(_ sink: @escaping @Sendable (ExportFile) -> Void) { self.sink = sink }

    func emit(_ file: ExportFile) {
        lock.lock()
        defer { lock.unlock() }
        guard seen.insert(file.name).inserted else { return }
        sink(file)
    }
}

/// The duplicates section of report.json.
package struct DuplicatesSection: Sendable, Codable {
    package var clusters: Int
    package var reviewCandidates: Int
    package var mergedRecords: Int
    package var byRule: [String: Int]
    package var list: [DuplicateCluster]
    package var review: [DuplicateCluster]

    package init(_ result: DedupResult) {
        clusters = result.clusters.count
        reviewCandidates = result.reviewCandidates.count
        mergedRecords = result.clusters.reduce(0) { $0 + $1.members.count - 1 }
        var rules: [String: Int] = [:]
        for c in result.clusters { rules[c.rule.rawValue, default: 0] += 1 }
        byRule = rules
        list = result.clusters
        review = result.reviewCandidates
    }
}

extension JSONValue {
    /// Converts any Encodable into a JSONValue (via JSON), for report sections.
    package static func encoding(_ value: some Encodable) -> JSONValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(value), let json = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            return .null
        }
        return json
    }
}

extension RunReport {
    /// Pretty, key-sorted JSON bytes (byte-stable for equal reports), exactly as `JSONEncoder` writes them
    /// (`.prettyPrinted, .sortedKeys, .withoutEscapingSlashes`). The findings, most of the report on a large
    /// run (500 000+ at 100 k datasets), are written by `JSONByteWriter` into the place JSONEncoder leaves for
    /// an empty list: JSONEncoder would box every one of them into a tree first. `ReportJSONTests` checks the
    /// bytes equal JSONEncoder's.
    package func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var skeleton = self
        skeleton.findings = []
        // Notes (repairs and defaults, most of them per distribution) are counted per source and code in the
        // `notes` section with samples; every finding is in findings.jsonl.
        let findings = self.findings.filter { $0.severity != .note }
        guard let encoded = try? encoder.encode(skeleton) else { return Data("\n".utf8) }
        let head = Array(encoded)
        let marker = Array("\n  \"findings\" : [".utf8)
        guard !findings.isEmpty, let at = Self.find(marker, in: head),
            let close = head[(at + marker.count)...].firstIndex(of: UInt8(ascii: "]"))
        else { return encoded + Data("\n".utf8) }
        var w = JSONByteWriter(capacity: head.count + findings.count * 320)
        w.raw(String(decoding: head[..<(at + marker.count)], as: UTF8.self))
        for (i, f) in findings.enumerated() {
            w.raw(i == 0 ? "\n    {" : ",\n    {")
            w.raw("\n      \"code\" : "); w.rawString(f.code)
            if let field = f.field { w.raw(",\n      \"field\" : "); w.rawString(field) }
            w.raw(",\n      \"message\" : "); w.rawString(f.message)
            if let de = f.messageDE { w.raw(",\n      \"messageDE\" : "); w.rawString(de) }
            if let record = f.recordID { w.raw(",\n      \"recordID\" : "); w.rawString(record) }
            w.raw(",\n      \"severity\" : "); w.rawString(f.severity.rawValue)
            w.raw(",\n      \"source\" : "); w.rawString(f.source)
            w.raw("\n    }")
        }
        w.raw("\n  ")
        w.raw(String(decoding: head[close...], as: UTF8.self))
        w.raw("\n")
        return Data(w.bytes)
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] && haystack[i..<(i + needle.count)].elementsEqual(needle) {
            return i
        }
        return nil
    }
}
