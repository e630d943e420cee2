// The steps `Pipeline.run` calls in order, and the values between them: map every source's records, merge
// (dataset series, deduplication, licence audit, published view), render the three independent output steps in turn,
// run the checks on the exports, and sum it all up in the run report.

extension Pipeline {
    /// What mapping the harvests gave: every dataset, the findings and one report per source.
    struct Mapped {
        var datasets: [Dataset] = []
        var findings: [Finding] = []
        var sources: [SourceReport] = []
    }

    /// The merged catalogue with its published view, and what it was merged from.
    package struct Merged: Sendable {
        package var catalog: Catalog
        package var dedup: DedupResult
        package var audit: LicenceAudit
    }

    /// What the render branches left for the checks and the report.
    struct Rendered {
        var exports: ExportSummary
        /// catalog.ttl, kept only when it is to be validated.
        var turtle: ExportFile?
        /// The site pages that show the checks and the run.
        var pending: SiteRenderer.PendingPages
        /// hvd.csv and hvd/index.html exist only where the catalogue has high-value datasets.
        var hasHVD: Bool
    }

    /// The outcome of the checks made on the exports.
    struct Checked {
        var validation: ValidationOutcome?
        /// report.json's `quality` section. The scores themselves (23 results a dataset, about 600 bytes by their
        /// layout) are let go once their files and pages are written: at 100 k datasets the report step is the
        /// run's memory peak.
        var quality: JSONValue
        var hvd: HVDAudit?
        var findings: [Finding]
    }

    /// Maps each source's records (in parallel inside a source), releasing its raw records once mapped.
    func mapSources(_ harvests: inout [SourceHarvest]) -> Mapped {
        var out = Mapped()
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
            out.sources.append(
                SourceReport(
                    id: harvest.source.id, title: harvest.source.title, kind: harvest.source.kind.rawValue,
                    mode: harvest.mode, location: harvest.location, requests: harvest.requests,
                    fetched: fetched, mapped: datasets.count, rejected: rejected,
                    distributions: datasets.reduce(0) { $0 + $1.distributions.count },
                    error: harvest.error, durationSeconds: (harvest.durationSeconds * 1000).rounded() / 1000,
                    findings: Self.countBySeverity(sourceFindings), incremental: harvest.incremental))
            out.findings += sourceFindings
            out.datasets += datasets
        }
        return out
    }

    /// Dataset series, deduplication, the licence audit and the published view: the catalogue every output reads.
    func merge(_ mapped: inout [Dataset], sources: [SourceConfig], findings: inout [Finding]) -> Merged {
        findings += DatasetSeries.resolve(&mapped)
        var dedup = deduplicator.run(mapped)
        // From here on the merged datasets are the only reference to each (the mapped records live on in the
        // clusters only), so the published view writes its facts into them in place instead of copying each.
        mapped = []
        findings += dedup.findings
        var merged = dedup.datasets.sorted { $0.uri < $1.uri }
        dedup.datasets = []

        let ckanSources = Set(sources.filter { $0.kind == .ckan || $0.kind == .ckanDump }.map(\.id))
        var audit = LicenceAudit(datasets: merged, registry: licences, proposals: Self.licenceProposals(sources, settings: settings),
                                 ckanSources: ckanSources)
        audit.markDuplicateConflicts(dedup.clusters)
        findings += audit.findings(sorted: false)  // the run sorts all findings once

        var catalog = Catalog(
            uri: settings.baseURI + "/catalog", title: settings.title, description: settings.description,
            publisher: settings.publisher, homepage: settings.homepage,
            languages: settings.languages.map { $0.contains("://") ? $0 : Vocabulary.languageBase + $0 },
            modified: Self.lastModification(merged))
        swap(&catalog.datasets, &merged)
        catalog.profile = settings.profile == .default ? nil : settings.profile  // the model names 2.0 only
        // The published view: every output below reads these facts (licence verdict, publisher, themes, IRIs,
        // names, URLs, geometry) instead of deriving its own.
        findings += PublishedView.apply(&catalog, audit: audit, boundaries: boundaries, hvdRules: hvdRules)
        audit.adoptPublishers(catalog)
        dedup.datasets = catalog.datasets
        return Merged(catalog: catalog, dedup: dedup, audit: audit)
    }

    /// Three independent steps in turn (each parallel inside): the catalogue exports, the licence/duplicate/model
    /// files and change feeds, and every site page but harvest.html. The site links the downloads by name, and
    /// those names are fixed.
    func render(_ m: Merged, recorded: [String], skipped: [String], runTime: String, emitter: Emitter) -> Rendered {
        let catalog = m.catalog
        let validationFiles = validator == nil ? [] : [Self.validationFileName]
        let hasHVD = catalog.datasets.contains { $0.published?.hvd != nil }
        let downloads = (Exporters.fileNames + Self.auditFileNames + Self.reportFileNames + [ChangeFeed.mainFeed, QualityHistory.fileName]
            + validationFiles + (hasHVD ? [HVDAudit.fileName] : [])).sorted()
        var siteInput = SiteInput(catalog: catalog, duplicates: m.dedup.clusters.map { $0.members.map(\.uri) }, downloads: downloads)
        siteInput.recordedSources = recorded
        siteInput.skippedSources = skipped
        siteInput.boundaries = boundaries
        siteInput.datasetRDF = false  // the export below writes them
        siteInput.datasetPackages = false  // and the server index (`model`) the package dicts
        let turtle = FileCollector()  // catalog.ttl for the validator, its pieces joined
        let keepTurtle = validator != nil
        // The exports, the audit's files with the model, and the site, one after another: each renders its
        // datasets in parallel chunks on every core, so running the three side by side gained no time, but held
        // the working memory of two at once (100 k datasets: peak RSS 1,245-1,273 MB side by side, 1,177-1,188
        // MB one after another; 10 k, three runs each: 10.9-12.4 s side by side, 10.5-12.4 s in turn).
        let exported = Exporters.stream(catalog, datasetStem: SiteDatasetFiles.stem) { file in
            if keepTurtle, file.name == "catalog.ttl" { turtle.add(file) }
            emitter.emit(file)
        }
        var searchIndex: SearchIndex? = auditFiles(m, recorded: recorded, skipped: skipped, runTime: runTime, emitter: emitter)
        let pending = SiteRenderer.streamAllButHarvest(siteInput, catalogIndex: searchIndex.take(), emit: emitter.emit)
        return Rendered(exports: exported, turtle: turtle.files().first, pending: pending, hasHVD: hasHVD)
    }

    /// licences.csv, licences.html with the per-publisher to-do files, duplicates.csv, the model with the
    /// server's index, and the change feeds. Returns the server index's full-text index, for the site.
    func auditFiles(_ m: Merged, recorded: [String], skipped: [String], runTime: String, emitter: Emitter) -> SearchIndex {
        let audit = m.audit
        audit.licencesCSVPieces(emitter.emit)
        let notice = SiteContext.recordedNotice(recorded: recorded, skipped: skipped)
        // One to-do list per publisher beside the page (lizenzen/<key>.csv, German Excel), linked from it;
        // each group's items beyond the first page on lizenzen/<group>-2.html ….
        audit.htmlPages(notice: notice, toDoFiles: audit.publisherFileNames.mapValues { "lizenzen/" + $0 }, hand: emitter.emit)
        audit.publisherFiles { var file = $0; file.name = "lizenzen/" + file.name; emitter.emit(file) }
        emitter.emit(ExportFile(name: "duplicates.csv", text: DuplicatesCSV.render(m.dedup)))
        let (fingerprints, searchIndex) = Self.model(m.catalog, emitter: emitter)
        ChangeFeed.files(m.catalog, fingerprints: fingerprints, previous: previousChanges, runTime: runTime).forEach(emitter.emit)
        return searchIndex
    }

    /// catalog.model.json, then server-index.bin (what `opendata serve` maps instead of reading and indexing the
    /// model), each in pieces as it is rendered (the model is never whole in memory). Returns the datasets'
    /// fingerprints for the change feeds and the full-text index written into server-index.bin.
    static func model(_ catalog: Catalog, emitter: Emitter) -> (fingerprints: [String], searchIndex: SearchIndex) {
        let (size, ranges, fingerprints) = ExportFile.inPieces(Catalog.modelFileName, hand: emitter.emit) { catalog.modelJSON(chunk: 1024, write: $0) }
        // Each dataset's `datensatz/<slug>.json` (its package dict) comes from the index's rendering of it.
        let packages = DatasetFiles(stem: SiteDatasetFiles.stem, emit: emitter.emit)
        let searchIndex = ExportFile.inPieces(ServerIndexFile.fileName, hand: emitter.emit) {
            ServerIndexFile.stream(catalog, modelSize: size, modelRanges: ranges, packageFiles: packages, write: $0)
        }
        return (fingerprints, searchIndex)
    }

    /// The checks made on the exports: the SHACL validation of catalog.ttl (when asked), then the quality scores,
    /// once (quality.csv, the report's section and the site's quality pages read them), broken-link lists, the
    /// quality history and the HVD audit, with their files and the site's check pages.
    func check(_ m: Merged, rendered: Rendered, runTime: String, emitter: Emitter) -> Checked {
        let catalog = m.catalog
        var findings: [Finding] = []
        let validation = rendered.turtle.flatMap { validator?($0) }
        if let validation { emitter.emit(Self.validationFile(validation)) }
        let scores = QualityReport(catalog, checks: QualityChecks(validation: validation?.report, links: linkResults))
        scores.csvPieces(emitter.emit)
        // Broken links per publisher, only when link-check results exist (never in the offline demo).
        let broken = linkResults.map { LinkReport.broken(catalog, $0) }
        if let linkResults { LinkReport.files(catalog, linkResults).forEach(emitter.emit) }
        // This run's licence gaps, mean scores and broken links join the previous history (its unreadable lines
        // are findings).
        let history = QualityHistory.next(previous: previousHistory, runTime: runTime, quality: scores, audit: m.audit,
                                          brokenLinks: broken.map { Dictionary(grouping: $0, by: \.use.publisher).mapValues(\.count) })
        findings += history.findings
        emitter.emit(ExportFile(name: QualityHistory.fileName, text: history.csv()))
        let hvd = rendered.hasHVD ? HVDAudit(catalog, validation: validation?.report) : nil
        if let hvd { emitter.emit(ExportFile(name: HVDAudit.fileName, text: hvd.csv())) }
        rendered.pending.checkPages(scores, validation: validation, history: history, hvd: hvd, emit: emitter.emit)
        findings += validation.map(Self.validationFindings) ?? []
        return Checked(validation: validation, quality: scores.reportSection(), hvd: hvd, findings: findings)
    }

    /// report.json: the run's status, totals per source and overall, and the sections of every stage.
    func report(_ mapped: Mapped, merged m: Merged, rendered: Rendered, checked: Checked, degraded: Bool, runTime: String,
                findings: [Finding]) -> RunReport {
        let sourceReports = mapped.sources, merged = m.catalog.datasets
        let failedSources = sourceReports.filter { $0.error != nil }.count
        let status: RunStatus =
            failedSources == 0 ? (degraded ? .doneWithErrors : .done) : (failedSources == sourceReports.filter { $0.mode != .skipped }.count && merged.isEmpty ? .failed : .doneWithErrors)
        let mappedCount = sourceReports.reduce(0) { $0 + $1.mapped }
        let totals = ReportTotals(
            fetched: sourceReports.reduce(0) { $0 + $1.fetched },
            rejected: sourceReports.reduce(0) { $0 + $1.rejected },
            mapped: mappedCount,
            mergedAway: mappedCount - merged.count,
            datasets: merged.count,
            distributions: merged.reduce(0) { $0 + $1.distributions.count },
            findings: Self.countBySeverity(findings))
        let exportNames = (Exporters.fileNames + Self.auditFileNames + (checked.hvd == nil ? [] : [HVDAudit.fileName])).sorted()
        var sections: [String: JSONValue] = reportSections
        sections["licences"] = JSONValue.encoding(m.audit.reportSummary())
        sections["duplicates"] = JSONValue.encoding(DuplicatesSection(m.dedup))
        sections["quality"] = checked.quality
        if let validation = checked.validation { sections["validation"] = Self.validationSection(validation) }
        if let hvd = checked.hvd { sections["hvd"] = hvd.reportSection() }
        sections["exports"] = .object([
            "triples": .number(Double(rendered.exports.tripleCount)),
            "files": .array(exportNames.map { .string($0) }),
        ])
        sections["notes"] = FindingSummary.notesSection(findings)
        sections["warnings"] = FindingSummary.warningsSection(findings)
        return RunReport(
            version: version, startedAt: runTime, status: status, catalogURI: m.catalog.uri, sources: sourceReports,
            totals: totals, datasetsWithoutGeometry: rendered.exports.datasetsWithoutGeometry, sections: sections,
            findings: findings)
    }
}
