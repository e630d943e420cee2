// report.json: what one run did, per source; errors and the first warnings of each source and code one by one,
// warnings and notes counted (findings.jsonl has every finding).

/// How one source was read in a run.
package enum SourceReadMode: String, Sendable, Hashable, Codable {
    case live
    case snapshot
    case skipped
}

/// The harvest of one source, as the IO layer hands it to the pipeline.
package struct SourceHarvest: Sendable {
    package var source: SourceConfig
    package var mode: SourceReadMode
    /// The URL or file that was read (or why it was skipped).
    package var location: String
    package var records: [RawRecord]
    /// Records already mapped by the source's own reader (kind `dcat`: RDF → model via `DCATMapper`);
    /// they count as fetched and go through the same stages after mapping.
    package var premapped: [MappingResult]
    package var requests: Int
    package var findings: [Finding]
    /// Set when the source failed as a whole (its records, if any, are still used).
    package var error: String?
    package var durationSeconds: Double
    /// Set when the source was compared with its previous harvest (state store, or the published snapshot's
    /// inputs): copied into `SourceReport.incremental`.
    package var incremental: IncrementalStats? = nil
    /// The run must end `doneWithErrors` although the source has no error (the withdrawal valve held).
    package var degraded = false

    package init(
        source: SourceConfig, mode: SourceReadMode, location: String, records: [RawRecord] = [],
        premapped: [MappingResult] = [], requests: Int = 0,
        findings: [Finding] = [], error: String? = nil, durationSeconds: Double = 0
    ) {
        self.source = source
        self.mode = mode
        self.location = location
        self.records = records
        self.premapped = premapped
        self.requests = requests
        self.findings = findings
        self.error = error
        self.durationSeconds = durationSeconds
    }
}

package struct SourceReport: Sendable, Hashable, Codable {
    package var id: String
    package var title: String
    package var kind: String
    package var mode: SourceReadMode
    package var location: String
    /// HTTP requests made (0 for files).
    package var requests: Int
    /// Records read from the source.
    package var fetched: Int
    /// Records mapped to datasets.
    package var mapped: Int
    /// Records rejected (each has an `error` finding).
    package var rejected: Int
    /// Distributions published for this source's datasets (before deduplication).
    package var distributions: Int
    package var error: String?
    package var durationSeconds: Double
    /// Finding counts by severity.
    package var findings: [String: Int]
    /// Set by state-store (nightly) runs: what changed against the previous harvest of this source.
    package var incremental: IncrementalStats? = nil
}

/// What a state-store run did with one source compared with its previous harvest (`opendata run --state`).
package struct IncrementalStats: Sendable, Hashable, Codable {
    /// How the source was harvested in this run (report.json's `harvest`).
    package enum Kind: String, Sendable, Hashable, Codable {
        /// Everything fetched.
        case full
        /// The changes since the high-water mark.
        case incremental
        /// The source failed; its datasets from the last good harvest were published.
        case stale
        /// Not a live CKAN source (a dump, an RDF file or a recorded snapshot), read whole.
        case file
    }

    package var harvest: Kind
    /// `metadata_modified` lower bound of an incremental harvest (high-water mark minus the overlap margin).
    package var since: String?
    /// Records actually fetched over HTTP in this run.
    package var fetched: Int
    package var new: Int
    package var updated: Int
    package var unchanged: Int
    /// Datasets published from the store's raw records without being fetched again.
    package var reused: Int
    /// Datasets withdrawn in this run (gone from the source's id listing), with their ids.
    package var withdrawn: [String]
    /// Datasets that vanished but were kept because the safety valve held (or the source failed).
    package var held: Int
    /// Why the source is stale or withdrawals were held, if so.
    package var problem: String?
    /// For a stale source: when its published datasets were last read successfully (ISO 8601 UTC).
    package var staleSince: String? = nil

    package init(
        harvest: Kind, since: String? = nil, fetched: Int = 0, new: Int = 0, updated: Int = 0, unchanged: Int = 0,
        reused: Int = 0, withdrawn: [String] = [], held: Int = 0, problem: String? = nil
    ) {
        self.harvest = harvest
        self.since = since
        self.fetched = fetched
        self.new = new
        self.updated = updated
        self.unchanged = unchanged
        self.reused = reused
        self.withdrawn = withdrawn
        self.held = held
        self.problem = problem
    }
}

package struct ReportTotals: Sendable, Hashable, Codable {
    package var fetched: Int
    package var rejected: Int
    package var mapped: Int
    /// Mapped records merged into another dataset by deduplication.
    package var mergedAway: Int
    /// Datasets in the published catalogue (= mapped − mergedAway).
    package var datasets: Int
    package var distributions: Int
    package var findings: [String: Int]
}

package enum RunStatus: String, Sendable, Hashable, Codable {
    /// Every source harvested.
    case done
    /// Some source failed or was only partly read; the rest is published.
    case doneWithErrors
    /// Nothing could be published.
    case failed
}

/// The run report (report.json). Everything is sorted so two runs over the same input differ only in timings.
package struct RunReport: Sendable, Codable {
    package var tool: String
    package var version: String
    package var startedAt: String
    package var status: RunStatus
    package var catalogURI: String
    package var sources: [SourceReport]
    package var totals: ReportTotals
    /// Identifiers of published datasets without spatial geometry (not in datasets.geojson).
    package var datasetsWithoutGeometry: [String]
    /// Extra sections contributed by later stages (licences, duplicates, …), keyed by name, as JSON-ready values.
    package var sections: [String: JSONValue]
    /// Every finding of the run (harvest.html and the CLI count them all); report.json lists the errors and the
    /// first warnings of each source and code (`FindingSummary.listed`), findings.jsonl all of them.
    package var findings: [Finding]

    package init(
        tool: String = "opendata", version: String, startedAt: String, status: RunStatus, catalogURI: String,
        sources: [SourceReport], totals: ReportTotals, datasetsWithoutGeometry: [String],
        sections: [String: JSONValue] = [:], findings: [Finding]
    ) {
        self.tool = tool
        self.version = version
        self.startedAt = startedAt
        self.status = status
        self.catalogURI = catalogURI
        self.sources = sources
        self.totals = totals
        self.datasetsWithoutGeometry = datasetsWithoutGeometry
        self.sections = sections
        self.findings = findings
    }
}

extension JSONValue: Encodable {
    /// Encodes the value as JSON (integral numbers without a fraction), for report sections.
    package func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let n):
            if n.rounded() == n, abs(n) < 1e15 { try c.encode(Int64(n)) } else { try c.encode(n) }
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }
}
