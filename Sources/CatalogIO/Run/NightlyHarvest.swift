package import CatalogCore
package import Foundation

/// Harvests one live CKAN source against the state store: incrementally when the source has a last
/// successful harvest, fully otherwise (or with `--full`), and always hands the pipeline the complete record
/// set (fetched records merged with the stored raw records of unchanged datasets).
///
/// Safety rules:
/// - a failing source (any request error, or an empty listing while the store holds datasets) withdraws
///   nothing and is published from the store's raw records (marked stale);
/// - if more than `withdrawMaxShare` of a source's active datasets vanish in one run, nothing is withdrawn
///   (the valve holds) and the vanished datasets stay published.
package struct NightlyHarvester: Sendable {
    package var store: CatalogStore
    package var client: CKANClient
    package var rows: Int = 1000
    package var withdrawMaxShare: Double = 0.2
    /// Subtracted from the high-water mark: records changed during the last harvest, or stamped by a portal
    /// clock that lags, are fetched again (and found unchanged by their hash).
    package var overlap: TimeInterval = 3600
    /// Ignore the high-water mark and fetch everything.
    package var full = false
    /// The run's time (ISO 8601 UTC), written to the store.
    package var now: String
    package var job: Int64?

    package init(store: CatalogStore, client: CKANClient, now: String) {
        self.store = store
        self.client = client
        self.now = now
    }

    package struct Result: Sendable {
        package var harvest: SourceHarvest
        package var stats: IncrementalStats
        /// What to write to the store once the run is published (nil: nothing changes, e.g. a stale source).
        package var update: CatalogStore.SourceUpdate?
        /// The run must end doneWithErrors (stale source or held withdrawals).
        package var degraded: Bool
    }

    package func harvest(_ source: SourceConfig, location: String) async -> Result {
        let harvest = SourceHarvest(source: source, mode: .live, location: location)
        let stored: [String: StoredItem]
        let state: SourceState?
        do {
            stored = try store.items(source.id)
            state = try store.sourceState(source.id)
        } catch {
            var failed = harvest
            failed.error = "cannot read the state store: \(error)"
            return Result(harvest: failed, stats: IncrementalStats(harvest: .stale, problem: failed.error), update: nil, degraded: true)
        }
        let active = stored.values.filter { $0.status == .active }
        var fetch = Fetch(source: source.id)
        let incremental = !(full || state == nil || state?.highWater == nil)
        let error = incremental ? await fetchChanges(source, state: state, stored: stored, into: &fetch) : await fetchAll(source, into: &fetch)
        if let error { return stale(harvest, error, fetch: fetch, active: active, state: state) }
        if fetch.listed.isEmpty && fetch.records.isEmpty && !active.isEmpty {
            return stale(harvest, "the portal listed no datasets at all (it held \(active.count) in the last good harvest); taken for a portal fault",
                         fetch: fetch, active: active, state: state)
        }
        return compare(harvest, fetch, stored: stored, active: active, state: state)
    }

    /// What one harvest fetched so far: records by CKAN id, the listing (id → metadata_modified as listed), the
    /// incremental window, requests and findings.
    struct Fetch {
        let source: String
        var requests = 0
        var findings: [Finding] = []
        var records: [String: (raw: Data, modified: String?)] = [:]
        var listed: [String: String?] = [:]
        var since: String?

        /// Counts an outcome's requests and findings and keeps its records; the outcome's error, if any.
        mutating func add(_ outcome: HarvestOutcome, alsoListed: Bool) -> String? {
            requests += outcome.requests
            findings += outcome.findings
            if let error = outcome.error { return error }
            take(outcome.records, alsoListed: alsoListed)
            return nil
        }

        /// Keeps fetched records by CKAN id. A record with neither `id` nor `name` cannot be tracked in the store:
        /// it is reported (error finding naming its position in the source's stream), never silently dropped.
        mutating func take(_ records: [RawRecord], alsoListed: Bool) {
            for record in records {
                guard let id = NightlyHarvester.id(record.json) else {
                    findings.append(Finding(.error, source: source, record: "#\(record.index)", field: "id", .nightlyRecordWithoutID, [String(record.index)]))
                    continue
                }
                let modified = NightlyHarvester.modified(record.json)
                self.records[id] = (record.json, modified)
                if alsoListed { listed[id] = modified }
            }
        }
    }

    /// A full harvest: every record (and so the listing) in one paged search.
    func fetchAll(_ source: SourceConfig, into fetch: inout Fetch) async -> String? {
        fetch.add(await client.harvest(source: source, rows: rows), alsoListed: true)
    }

    /// An incremental harvest: the id listing, the records changed since the high-water mark (less `overlap`),
    /// then by id those listed but neither fetched nor stored as listed.
    func fetchChanges(_ source: SourceConfig, state: SourceState?, stored: [String: StoredItem], into fetch: inout Fetch) async -> String? {
        let listing = await client.listIDs(source: source)
        fetch.requests += listing.requests
        fetch.findings += listing.findings
        if let error = listing.error { return error }
        for entry in listing.entries { fetch.listed[entry.id] = entry.modified }

        let mark = ModifiedTime.parse(state?.highWater ?? "") ?? .distantPast
        let since = ModifiedTime.solr(mark.addingTimeInterval(-overlap))
        fetch.since = since
        var changed = source
        let window = "metadata_modified:[\(since) TO *]"
        changed.fq = source.fq.map { $0.isEmpty ? window : "\($0) AND \(window)" } ?? window
        if let error = fetch.add(await client.harvest(source: changed, rows: rows), alsoListed: false) { return error }
        // Listed but neither fetched nor stored as they are listed (a dataset back from withdrawal with an
        // old date, a portal clock running behind): fetch those by id. The listing's `metadata_modified`
        // comes from the Solr index (`2026-11-21T16:29:47.079Z`: UTC, milliseconds), the stored one from the
        // package dict (`2026-11-21T16:29:47.079294`), so they are compared as instants, not as strings.
        let missing = fetch.listed.keys.filter { id in
            guard fetch.records[id] == nil else { return false }
            guard let item = stored[id], item.status == .active else { return true }
            if let listedModified = fetch.listed[id] ?? nil, let storedModified = item.lastModified {
                return !ModifiedTime.same(listedModified, storedModified)
            }
            return false
        }.sorted()
        guard !missing.isEmpty else { return nil }
        fetch.findings.append(Finding(.note, "nightly.refetched", source: source.id, "\(missing.count) listed dataset(s) were older than the high-water mark but new or changed against the store; fetched by id", de: "\(missing.count) gelistete(r) Datensatz/Datensätze waren älter als der Stand der letzten Ernte, gegenüber dem Speicher aber neu oder geändert; einzeln abgerufen."))
        for start in stride(from: 0, to: missing.count, by: 50) {
            let batch = missing[start..<min(start + 50, missing.count)]
            var byID = source
            byID.fq = "id:(\(batch.map { "\"\($0)\"" }.joined(separator: " OR ")))"
            if let error = fetch.add(await client.harvest(source: byID, rows: rows), alsoListed: false) { return error }
        }
        return nil
    }

    /// The source failed: publish what the store holds, change nothing.
    func stale(_ harvest: SourceHarvest, _ reason: String, fetch: Fetch, active: [StoredItem], state: SourceState?) -> Result {
        var result = harvest
        result.requests = fetch.requests
        result.findings = fetch.findings
        result.records = Self.records(active.sorted(by: Self.order).map(\.raw), source: harvest.source.id)
        let problem = active.isEmpty
            ? reason
            : "\(reason); published the \(active.count) dataset(s) of the last good harvest\(state.map { " (\($0.lastSuccess))" } ?? "") from the state store, nothing withdrawn"
        result.error = problem
        let stale = "Die Quelle ist fehlgeschlagen (technische Meldung: \(reason))" + (active.isEmpty ? "." :
            "; veröffentlicht werden die \(active.count) Datensätze der letzten guten Ernte\(state.map { " (\($0.lastSuccess))" } ?? "") aus dem Zustandsspeicher, nichts wird zurückgezogen.")
        result.findings.append(Finding(.warning, "nightly.stale", source: harvest.source.id, problem, de: stale))
        var stats = IncrementalStats(harvest: .stale, reused: active.count, held: 0, problem: problem)
        stats.staleSince = state?.lastSuccess
        return Result(harvest: result, stats: stats, update: nil, degraded: true)
    }

    /// Compares the fetch with the store (new, updated, unchanged), withdraws vanished datasets unless the
    /// safety valve holds, and hands the pipeline the complete record set: fetched records plus stored records of
    /// datasets still present (or held). The store update is applied only once the run is published.
    func compare(_ harvest: SourceHarvest, _ fetch: Fetch, stored: [String: StoredItem], active: [StoredItem], state: SourceState?) -> Result {
        var harvest = harvest
        let source = harvest.source
        let fetched = fetch.records, listed = fetch.listed, since = fetch.since, requests = fetch.requests
        var findings = fetch.findings
        var stats = IncrementalStats(harvest: since == nil ? .full : .incremental, since: since, fetched: fetched.count)
        for (id, record) in fetched {
            if let item = stored[id], item.status == .active {
                if item.contentHash == ContentHash.record(record.raw) { stats.unchanged += 1 } else { stats.updated += 1 }
            } else {
                stats.new += 1
            }
        }
        let present = Set(listed.keys).union(fetched.keys)
        let vanished = active.map(\.remoteID).filter { !present.contains($0) }.sorted()
        var withdrawn: [String] = []
        var degraded = false
        if !vanished.isEmpty {
            let share = Double(vanished.count) / Double(max(active.count, 1))
            if share > withdrawMaxShare {
                let problem = "safety valve: \(vanished.count) of \(active.count) datasets (\(Int((share * 100).rounded())) %) vanished from the source in one run, more than withdraw_max_share = \(Int((withdrawMaxShare * 100).rounded())) %; nothing withdrawn, they stay published (check the portal; raise withdraw_max_share for one run to accept)"
                let held = "Sicherheitsventil: \(vanished.count) von \(active.count) Datensätzen (\(Int((share * 100).rounded())) %) sind in einem Lauf aus der Quelle verschwunden, mehr als withdraw_max_share = \(Int((withdrawMaxShare * 100).rounded())) %; nichts wird zurückgezogen, sie bleiben veröffentlicht (Portal prüfen; um es anzunehmen, withdraw_max_share für einen Lauf erhöhen)."
                findings.append(Finding(.error, "nightly.withdrawals-held", source: source.id, problem, de: held))
                stats.held = vanished.count
                stats.problem = problem
                degraded = true
            } else {
                withdrawn = vanished
                for id in vanished {
                    findings.append(Finding(.note, source: source.id, record: id, .nightlyWithdrawn, []))
                }
            }
        }
        stats.withdrawn = withdrawn

        // The complete record set: fetched records plus stored records of datasets still present (or held).
        let withdrawnSet = Set(withdrawn)
        var published: [(raw: Data, modified: String?, id: String)] = fetched.map { ($0.value.raw, $0.value.modified, $0.key) }
        var reused: [String] = []
        for item in active where fetched[item.remoteID] == nil && !withdrawnSet.contains(item.remoteID) {
            published.append((item.raw, item.lastModified, item.remoteID))
            reused.append(item.remoteID)
        }
        stats.reused = reused.count
        published.sort { ($0.modified ?? "", $0.id) < ($1.modified ?? "", $1.id) }
        harvest.records = Self.records(published.map(\.raw), source: source.id)
        harvest.requests = requests
        harvest.findings = findings

        var update = CatalogStore.SourceUpdate(source: source.id)
        update.fetched = fetched.map { (id: $0.key, raw: $0.value.raw, modified: $0.value.modified) }.sorted { $0.id < $1.id }
        update.seen = reused.sorted()
        update.withdrawn = withdrawn
        let newest = published.compactMap { $0.modified }.max { (ModifiedTime.parse($0) ?? .distantPast) < (ModifiedTime.parse($1) ?? .distantPast) }
        update.success = (now, newest ?? state?.highWater)
        update.job = job
        return Result(harvest: harvest, stats: stats, update: update, degraded: degraded)
    }

    // MARK: - Helpers

    static func order(_ a: StoredItem, _ b: StoredItem) -> Bool {
        (a.lastModified ?? "", a.remoteID) < (b.lastModified ?? "", b.remoteID)
    }

    static func records(_ raws: [Data], source: String) -> [RawRecord] {
        raws.enumerated().map { RawRecord(sourceID: source, index: $0.offset, json: $0.element) }
    }

    /// The CKAN id (or name when there is no id), as the client keys records (read from the record's structure).
    static func id(_ data: Data) -> String? {
        guard let fields = JSONSlicer.strings(data, ["id", "name"]) else { return nil }
        return fields["id"].flatMap { $0.isEmpty ? nil : $0 } ?? fields["name"]
    }

    static func modified(_ data: Data) -> String? { JSONSlicer.strings(data, ["metadata_modified"])?["metadata_modified"] }
}

/// CKAN's `metadata_modified`: ISO 8601, UTC when no zone is given (`2026-11-21T16:29:47.079294`), sometimes
/// with an offset (`2014-12-10T12:25:26+01:00`, DKAN).
package enum ModifiedTime {
    package static func parse(_ text: String) -> Date? {
        let chars = Array(text.utf8)
        guard chars.count >= 19 else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for c in chars[from..<from + count] {
                guard c >= 48, c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
            }
            return value
        }
        guard let y = number(0, 4), let mo = number(5, 2), let d = number(8, 2), let h = number(11, 2), let mi = number(14, 2),
              let s = number(17, 2) else { return nil }
        var components = DateComponents()
        (components.year, components.month, components.day, components.hour, components.minute, components.second) = (y, mo, d, h, mi, s)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard var date = calendar.date(from: components) else { return nil }
        var i = 19
        if i < chars.count, chars[i] == UInt8(ascii: ".") {
            var fraction = 0.0, scale = 0.1
            i += 1
            while i < chars.count, chars[i] >= 48, chars[i] <= 57 {
                fraction += Double(chars[i] - 48) * scale
                scale /= 10
                i += 1
            }
            date += fraction
        }
        if i + 6 <= chars.count, chars[i] == UInt8(ascii: "+") || chars[i] == UInt8(ascii: "-"), let oh = number(i + 1, 2), let om = number(i + 4, 2) {
            let offset = TimeInterval(oh * 3600 + om * 60)
            date -= chars[i] == UInt8(ascii: "+") ? offset : -offset
        }
        return date
    }

    /// Whether two `metadata_modified` values name the same instant. Solr keeps dates to the millisecond
    /// (and CKAN's `fl` listing answers them in Solr's form), the package dict to the microsecond: values less
    /// than a millisecond apart are the same. Unparsable values are compared as text.
    package static func same(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        guard let x = parse(a), let y = parse(b) else { return false }
        return abs(x.timeIntervalSince(y)) < 0.001
    }

    /// `2026-11-21T15:29:47Z`: the form Solr range queries accept.
    package static func solr(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
