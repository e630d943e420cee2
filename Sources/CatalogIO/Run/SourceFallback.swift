package import CatalogCore
package import Foundation

/// Stale copies and the withdrawal valve for every source kind, from the published snapshot.
///
/// Each snapshot keeps what every source delivered in `.inputs/` (a hidden folder: the server never serves
/// it): `<source>.jsonl` (raw CKAN package dicts, one a line) or `<source>.datasets.json` (records a reader
/// mapped itself, kind `dcat`). The next run, in either mode, compares each source with that copy:
/// - the source failed (any error: HTTP status, HTML page, truncated file …): its previous datasets are
///   published again (the ones it still delivered are taken fresh), marked stale since the last good read;
/// - more than `withdraw_max_share` of its previous datasets vanished: they stay published (the valve holds).
/// A first run (no snapshot yet) publishes what it has. Nightly CKAN sources keep using the state store.
package enum SourceFallback {
    static let folder = ".inputs"

    /// What a source delivered in the published snapshot.
    struct Previous {
        var records: [Data] = []
        var datasets: [Dataset] = []
        var count: Int { records.count + datasets.count }
    }

    /// The files that keep this run's inputs in the new snapshot; `skipping`: sources kept elsewhere (nightly
    /// CKAN sources: the state store).
    package static func files(_ harvests: [SourceHarvest], skipping: Set<String> = []) -> [ExportFile] {
        var files: [ExportFile] = []
        for harvest in harvests where harvest.mode != .skipped && !skipping.contains(harvest.source.id) {
            let id = harvest.source.id
            if !harvest.records.isEmpty {
                var bytes: [UInt8] = []
                bytes.reserveCapacity(harvest.records.reduce(0) { $0 + $1.json.count + 1 })
                for record in harvest.records {
                    let start = bytes.count
                    bytes += record.json
                    // JSON allows raw line breaks only as whitespace between tokens: one record a line.
                    bytes.withUnsafeMutableBufferPointer { b in
                        for i in start..<b.count where b[i] == 0x0A || b[i] == 0x0D { b[i] = 0x20 }
                    }
                    bytes.append(0x0A)
                }
                files.append(ExportFile(name: "\(folder)/\(id).jsonl", bytes: bytes))
            }
            let datasets = harvest.premapped.compactMap(\.dataset)
            if !datasets.isEmpty {
                files.append(ExportFile(name: "\(folder)/\(id).datasets.json", bytes: datasets.modelJSON()))
            }
        }
        return files
    }

    /// Fills in failed sources and holds mass withdrawals, against the snapshot folder `published`.
    package static func apply(_ harvests: inout [SourceHarvest], published: URL?, withdrawMaxShare: Double) {
        guard let published else { return }
        let previousReport = PreviousReport.load(published.appendingPathComponent("report.json"))
        for index in harvests.indices {
            let harvest = harvests[index]
            // Skipped sources, and nightly CKAN sources (the state store handles them), are left alone.
            if harvest.mode == .skipped { continue }
            if let stats = harvest.incremental, stats.harvest != .file { continue }
            guard let previous = load(published, source: harvest.source.id), previous.count > 0 else { continue }
            if harvest.error != nil {
                let since = previousReport?.lastGoodRead(harvest.source.id) ?? "unknown"
                fillIn(&harvests[index], from: previous, staleSince: since)
            } else {
                holdWithdrawals(&harvests[index], previous: previous, maxShare: withdrawMaxShare)
            }
        }
    }

    /// The source failed: publish its previous datasets, with whatever it delivered fresh this time.
    static func fillIn(_ harvest: inout SourceHarvest, from previous: Previous, staleSince: String) {
        let fetched = harvest.records.count + harvest.premapped.count
        let added = addMissing(&harvest, from: previous)
        let problem = "\(harvest.error ?? "failed"); published \(added) dataset(s) of the last good read (\(staleSince)) from the published snapshot, nothing withdrawn"
        let stale = "Die Quelle ist fehlgeschlagen (technische Meldung: \(harvest.error ?? "failed")); veröffentlicht werden \(added) Datensätze des letzten guten Laufs (\(staleSince)) aus dem veröffentlichten Stand, nichts wird zurückgezogen."
        harvest.findings.append(Finding(.warning, "source.stale", source: harvest.source.id, problem, de: stale))
        var stats = harvest.incremental ?? IncrementalStats(harvest: .file, fetched: fetched)
        stats.harvest = .stale
        stats.reused = added
        stats.problem = problem
        stats.staleSince = staleSince
        harvest.incremental = stats
    }

    /// The source answered, but more than `maxShare` of its previous datasets are gone: keep them.
    static func holdWithdrawals(_ harvest: inout SourceHarvest, previous: Previous, maxShare: Double) {
        let fetched = harvest.records.count + harvest.premapped.count
        // A source that delivered at least as many datasets as before has lost at most the ones it replaced;
        // keys are only computed when the count dropped.
        guard fetched < previous.count else { return }
        let present = keys(harvest)
        let vanished = previousKeys(previous).filter { !present.contains($0) }.count
        let share = Double(vanished) / Double(previous.count)
        guard vanished > 0, share > maxShare else { return }
        let added = addMissing(&harvest, from: previous)
        let problem = "safety valve: \(vanished) of \(previous.count) datasets (\(Int((share * 100).rounded())) %) vanished from the source in one run, more than withdraw_max_share = \(Int((maxShare * 100).rounded())) %; nothing withdrawn, they stay published (check the source; raise withdraw_max_share for one run to accept)"
        let held = "Sicherheitsventil: \(vanished) von \(previous.count) Datensätzen (\(Int((share * 100).rounded())) %) sind in einem Lauf aus der Quelle verschwunden, mehr als withdraw_max_share = \(Int((maxShare * 100).rounded())) %; nichts wird zurückgezogen, sie bleiben veröffentlicht (Quelle prüfen; um es anzunehmen, withdraw_max_share für einen Lauf erhöhen)."
        harvest.findings.append(Finding(.error, "source.withdrawals-held", source: harvest.source.id, problem, de: held))
        var stats = harvest.incremental ?? IncrementalStats(harvest: .file, fetched: fetched)
        stats.held = added
        stats.reused = added
        stats.problem = problem
        harvest.incremental = stats
        harvest.degraded = true
    }

    /// Appends the previous items whose key the harvest lacks; returns how many.
    static func addMissing(_ harvest: inout SourceHarvest, from previous: Previous) -> Int {
        let present = keys(harvest)
        var added = 0
        var next = harvest.records.count
        for raw in previous.records {
            guard let key = recordKey(raw), !present.contains(key) else { continue }
            harvest.records.append(RawRecord(sourceID: harvest.source.id, index: next, json: raw))
            next += 1
            added += 1
        }
        for dataset in previous.datasets where !present.contains(dataset.uri) {
            harvest.premapped.append(MappingResult(dataset: dataset, findings: []))
            added += 1
        }
        return added
    }

    static func keys(_ harvest: SourceHarvest) -> Set<String> {
        var keys = Set(harvest.records.compactMap { recordKey($0.json) })
        for result in harvest.premapped { if let d = result.dataset { keys.insert(d.uri) } }
        return keys
    }

    static func previousKeys(_ previous: Previous) -> [String] {
        previous.records.compactMap(recordKey) + previous.datasets.map(\.uri)
    }

    /// A CKAN record's id, else its name.
    static func recordKey(_ raw: Data) -> String? {
        guard let value = JSONValue.parse(raw) else { return nil }
        return value["id"]?.text ?? value["name"]?.text
    }

    static func load(_ snapshot: URL, source: String) -> Previous? {
        let base = snapshot.appendingPathComponent(folder)
        var previous = Previous()
        var found = false
        if let data = try? Data(contentsOf: base.appendingPathComponent("\(source).jsonl")) {
            found = true
            previous.records = data.split(separator: 0x0A).filter { !$0.isEmpty }.map { Data($0) }
        }
        if let data = try? Data(contentsOf: base.appendingPathComponent("\(source).datasets.json")),
           let datasets = try? [Dataset](modelJSON: data) {
            found = true
            previous.datasets = datasets
        }
        return found ? previous : nil
    }
}

/// The little the fallback needs from the published snapshot's report.json.
struct PreviousReport: Decodable {
    struct Source: Decodable {
        var id: String
        var error: String?
        var incremental: Incremental?
    }
    struct Incremental: Decodable {
        var harvest: String
        var staleSince: String?
    }
    var startedAt: String
    var sources: [Source]

    static func load(_ url: URL) -> PreviousReport? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(PreviousReport.self, from: data)
    }

    /// When the source was last read successfully: its stale-since if it was stale then, else that run.
    func lastGoodRead(_ id: String) -> String {
        guard let source = sources.first(where: { $0.id == id }) else { return startedAt }
        if let since = source.incremental?.staleSince { return since }
        return startedAt
    }
}
