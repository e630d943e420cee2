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
    /// Told when each step begins (the CLI shows it as progress: a 100 k run takes minutes).
    package var stepStarted: (@Sendable (Step) -> Void)?

    /// The steps of `run`, in order.
    package enum Step: Int, Sendable, CaseIterable {
        case mapping = 1, merging, rendering, checking, reporting

        /// What the step does, as the progress line says it.
        package var label: String {
            switch self {
            case .mapping: "mapping records"
            case .merging: "merging (series, duplicates, licence audit, published view)"
            case .rendering: "rendering exports, audit files and site"
            case .checking: "checking exports (quality scores)"
            case .reporting: "writing the report"
            }
        }
    }

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

    /// The map and merge steps alone (a stage runnable on its own): the merged catalogue with its licence audit
    /// and published view, nothing rendered. `opendata audit licences` needs only this; the whole run with every
    /// file kept in memory took it 15 s and 1.6 GB at 10 k datasets, this 1.5 s and 139 MB (docs/performance.md).
    package func merged(_ harvests: consuming [SourceHarvest]) -> Merged {
        let sources = harvests.map(\.source)
        stepStarted?(.mapping)
        var mapped = mapSources(&harvests)
        var findings = mapped.findings
        stepStarted?(.merging)
        return merge(&mapped.datasets, sources: sources, findings: &findings)
    }

    /// Runs every stage and hands each output file to `emit` as soon as it is complete (from worker threads, several
    /// at once: `emit` must be thread-safe; the pieces of one file come in order, one call after the other), so the caller can write it and let it go: a large catalogue's outputs
    /// are never all in memory together. `Output.files` stays empty. Raw records are released once mapped.
    /// The steps (PipelineSteps.swift): map → merge (series, dedup, licence audit, published view) → render the
    /// three independent output steps, in turn → checks on the exports → report.
    package func run(_ harvests: consuming [SourceHarvest], runTime: String, emit: @escaping @Sendable (ExportFile) -> Void) -> Output {
        let emitter = Emitter(emit)
        let sources = harvests.map(\.source)
        let degraded = harvests.contains { $0.degraded }
        var recorded: [String] = [], skipped: [String] = []
        for index in harvests.indices {
            if harvests[index].mode == .snapshot { recorded.append(harvests[index].source.title) }
            if harvests[index].mode == .skipped { skipped.append(harvests[index].source.title) }
        }
        stepStarted?(.mapping)
        var mapped = mapSources(&harvests)
        var findings = mapped.findings
        stepStarted?(.merging)
        let merged = merge(&mapped.datasets, sources: sources, findings: &findings)
        findings.reserveRoomForLast()
        // The site and the report must not depend on harvest order: recorded and skipped sources are sorted.
        stepStarted?(.rendering)
        let rendered = render(merged, recorded: recorded.sorted(), skipped: skipped.sorted(), runTime: runTime, emitter: emitter)
        stepStarted?(.checking)
        let checked = check(merged, rendered: rendered, runTime: runTime, emitter: emitter)
        findings += checked.findings
        stepStarted?(.reporting)
        // Values the exporters had to leave out (IRIs that stay invalid after repair …) name their record.
        findings += rendered.exports.problems.map(\.finding)
        findings.sortInParallel()
        FindingSummary.jsonLines(findings, hand: emitter.emit)
        let report = report(mapped, merged: merged, rendered: rendered, checked: checked, degraded: degraded,
                            runTime: runTime, findings: findings)
        ExportFile.inPieces("report.json", hand: emitter.emit) { report.jsonPieces(write: $0) }
        // Only harvest.html shows the run (timings, report time); every other page is rendered without the
        // report, so it stays byte-identical across unchanged runs.
        emitter.emit(rendered.pending.harvestPage(report))
        return Output(catalog: merged.catalog, report: report, files: [], dedup: merged.dedup, audit: merged.audit)
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
    static let reportFileNames = [FindingSummary.fileName, "report.json"]

    /// The files written from the licence audit, deduplication and model, beside `Exporters.fileNames`.
    static let auditFileNames = [LicenceAudit.csvFileName, "licences.html", "duplicates.csv", QualityReport.csvFileName, Catalog.modelFileName, ServerIndexFile.fileName]

    /// Maps records in parallel (order of results = order of records).
    func mapAll(_ records: [RawRecord], source: SourceConfig) -> [MappingResult] {
        ParallelMap.map(records, minimum: 64, chunk: 32) { mapper.map($0, source: source) }
    }

    /// The catalogue's `dct:modified`: the newest modification of any dataset (DCAT-AP's definition), not
    /// the run time — so a nightly run over unchanged sources produces byte-identical catalogue files.
    static func lastModification(_ datasets: [Dataset]) -> DateValue? {
        datasets.compactMap { $0.modified ?? $0.issued }.max { a, b in a.lexical.prefix(19) < b.lexical.prefix(19) }
    }

    static func countBySeverity(_ findings: [Finding]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for severity in Finding.Severity.allCases { counts[severity.rawValue] = 0 }
        for f in findings { counts[f.severity.rawValue, default: 0] += 1 }
        return counts
    }
}

/// Hands files on one at a time and drops a second file of the same name.
final class Emitter: @unchecked Sendable {
    private let sink: @Sendable (ExportFile) -> Void
    private var seen: Set<String> = []
    private let lock = NSLock()

    init(_ sink: @escaping @Sendable (ExportFile) -> Void) { self.sink = sink }

    func emit(_ file: ExportFile) {
        lock.lock()
        if file.continues {
            // A later piece follows its file; one without a first piece is a producer's mistake.
            guard seen.contains(file.name) else { lock.unlock(); return assertionFailure("piece of \(file.name) before the file") }
        } else {
            guard seen.insert(file.name).inserted else { lock.unlock(); return }  // a name is written once
        }
        lock.unlock()
        // Outside the lock: the sinks are thread-safe, and files from different threads are written at once.
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
    /// Converts any Encodable into a JSONValue (via JSON, read back by the byte parser), for report sections.
    package static func encoding(_ value: some Encodable) -> JSONValue {
        guard let data = try? JSONEncoder().encode(value) else { return .null }
        return JSONParser.parse(data) ?? .null
    }
}

extension RunReport {
    /// Pretty, key-sorted JSON bytes (byte-stable for equal reports), exactly as `JSONEncoder` writes them
    /// (`.prettyPrinted, .sortedKeys, .withoutEscapingSlashes`). The findings, most of the report on a large
    /// run (500 000+ at 100 k datasets), are written by `JSONByteWriter` into the place JSONEncoder leaves for
    /// an empty list: JSONEncoder would box every one of them into a tree first. `ReportJSONTests` checks the
    /// bytes equal JSONEncoder's.
    package func jsonData() -> Data {
        var out = Data()
        jsonPieces { out.append(contentsOf: $0) }
        return out
    }

    /// Findings written per piece of report.json.
    package static let findingsPerPiece = 4096

    /// The bytes of `jsonData()` handed to `write` in pieces (the skeleton up to the findings, the findings a few
    /// thousand at a time, the rest), so the report is never whole in memory: at 100 k datasets it is 166 MB,
    /// the largest single buffer left at the end of a run.
    package func jsonPieces(write: ([UInt8]) -> Void) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var skeleton = self
        skeleton.findings = []
        // Notes (repairs and defaults, most of them per distribution) are counted per source and code in the
        // `notes` section with samples, warnings beyond the first of a source and code in `warnings`
        // (`FindingSummary.listed`); every finding is in findings.jsonl.
        // Read in place: a filtered copy of a 100 k run's ~180 k warnings was ~40 MB at the run's end.
        let findings = self.findings
        let listed = FindingSummary.listed(findings)
        guard let encoded = try? encoder.encode(skeleton) else { return write(Array("\n".utf8)) }
        let head = Array(encoded)
        let marker = Array("\n  \"findings\" : [".utf8)
        guard !listed.isEmpty, let at = Self.find(marker, in: head),
            let close = head[(at + marker.count)...].firstIndex(of: UInt8(ascii: "]"))
        else { return write(head + Array("\n".utf8)) }
        write(Array(head[..<(at + marker.count)]))
        // The pieces are rendered in parallel, a few at a time, and written in order (messages are made from
        // their templates here: at 100 k datasets this loop ran on one core for about a second).
        let per = Self.findingsPerPiece
        ParallelMap.inBatches(Array(stride(from: 0, to: listed.count, by: per)), batch: 4, minimum: 2, chunk: 1, { start -> [UInt8] in
            var w = JSONByteWriter(capacity: per * 320)
            for k in start..<min(listed.count, start + per) {
                Self.writeFinding(findings[listed[k]], first: k == 0, into: &w)
            }
            return w.bytes
        }, each: write)
        write(Array("\n  ".utf8) + head[close...] + Array("\n".utf8))
    }

    /// One finding of report.json's list, as JSONEncoder lays it out there.
    private static func writeFinding(_ f: Finding, first: Bool, into w: inout JSONByteWriter) {
        w.raw(first ? "\n    {" : ",\n    {")
        w.raw("\n      \"code\" : "); w.rawString(f.code)
        if let field = f.field { w.raw(",\n      \"field\" : "); w.rawString(field) }
        w.raw(",\n      \"message\" : "); w.rawString(f.message)
        if let de = f.messageDE { w.raw(",\n      \"messageDE\" : "); w.rawString(de) }
        if let record = f.recordID { w.raw(",\n      \"recordID\" : "); w.rawString(record) }
        w.raw(",\n      \"severity\" : "); w.rawString(f.severity.rawValue)
        w.raw(",\n      \"source\" : "); w.rawString(f.source)
        w.raw("\n    }")
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] && haystack[i..<(i + needle.count)].elementsEqual(needle) {
            return i
        }
        return nil
    }
}
