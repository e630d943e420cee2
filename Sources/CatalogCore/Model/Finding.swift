// A finding is a value, not a thrown error: a bad record never stops a run and is never
// silently dropped (swift-format's `Finding` is the model). Every stage appends findings
// that flow into report.json and the stderr summary.

/// Something a maintainer should know about one record (or one source).
package struct Finding: Sendable, Hashable, Codable, Comparable {
    package enum Severity: String, Sendable, Hashable, Codable, Comparable, CaseIterable {
        /// Repaired or defaulted; the record is published.
        case note
        /// Published with a gap a maintainer should fix.
        case warning
        /// The record (or source) was rejected / not published.
        case error

        private var rank: Int {
            switch self {
            case .note: 0
            case .warning: 1
            case .error: 2
            }
        }
        package static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    package var severity: Severity
    /// A stable machine-readable code, e.g. `record.rejected`, `date.unparsable`, `licence.unknown`.
    package var code: String
    /// The source id from `catalog/sources.toml`.
    package var source: String
    /// The record's remote id (or name); nil for source-level findings.
    package var recordID: String?
    /// The field concerned (`license_id`, `resources[2].url`, `extras.spatial` …).
    package var field: String?
    /// A readable sentence saying what is wrong and, where possible, what was done (English: the CLI, logs and
    /// report.json's `message`).
    package var message: String
    /// The same sentence in German, for the site and the maintainers (report.json's `messageDE`). Written where
    /// the finding is made, beside the English one, so both name the same record and value. Nil only in
    /// reports written before it existed.
    package var messageDE: String?

    package init(_ severity: Severity, _ code: String, source: String, record: String? = nil, field: String? = nil, _ message: String, de: String) {
        self.severity = severity
        self.code = code
        self.source = source
        self.recordID = record
        self.field = field
        self.message = message
        self.messageDE = de
    }

    /// The German sentence where there is one, else the English one (old reports).
    package var germanMessage: (text: String, isGerman: Bool) {
        if let messageDE { return (messageDE, true) }
        return (message, false)
    }

    /// Sorted by source, record, field, code, message: reports are byte-stable.
    package static func < (a: Finding, b: Finding) -> Bool {
        (a.source, a.recordID ?? "", a.field ?? "", a.code, a.message, a.severity.rawValue)
            < (b.source, b.recordID ?? "", b.field ?? "", b.code, b.message, b.severity.rawValue)
    }
}

extension [Finding] {
    /// `sorted()` (Finding's order: source, record, field, code, message, severity), sorted in two halves
    /// at once without building comparison tuples.
    package func sortedInParallel() -> [Finding] {
        let order = withUnsafeBufferPointer { f in
            ParallelMap.sortedIndices(count: f.count) { a, b in
                if f[a].source != f[b].source { return f[a].source < f[b].source }
                let rx = f[a].recordID ?? "", ry = f[b].recordID ?? ""
                if rx != ry { return rx < ry }
                let fx = f[a].field ?? "", fy = f[b].field ?? ""
                if fx != fy { return fx < fy }
                if f[a].code != f[b].code { return f[a].code < f[b].code }
                if f[a].message != f[b].message { return f[a].message < f[b].message }
                return f[a].severity.rawValue < f[b].severity.rawValue
            }
        }
        return order.map { self[$0] }
    }
}
