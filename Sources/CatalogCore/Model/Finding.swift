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

    /// Severity, code, source and field: a run has few distinct combinations of them (hundreds of thousands of
    /// findings, most of them per distribution with a field such as `resources[3].license`), so equal ones share
    /// one interned box (`Head.interned`): 8 bytes in each finding instead of 49.
    private var head: Shared<Head>
    /// The record's remote id (or name); nil for source-level findings.
    package var recordID: String?
    /// The sentences: as written where the finding was made, or a template with its arguments, rendered only
    /// when read (a 100 k run holds hundreds of thousands of per-distribution licence notes; as text each
    /// carried two sentences of about 250 bytes).
    private var wording: Wording

    private struct Head: Sendable, Hashable {
        var severity: Severity
        var code: String
        var source: String
        var field: String?

        /// Equal heads made anywhere in the process share one box; past the cache's limit (odd inputs with
        /// unbounded field names) a head gets a box of its own, which is as correct, only larger.
        static func interned(_ head: Head) -> Shared<Head> { cache.value(for: head, Shared.init) }

        private static let cache = MemoCache<Head, Shared<Head>>(limit: 100_000)
    }

    /// Text sentences sit in a box (8 bytes inline); templates with up to two arguments (most of them, and the
    /// per-distribution licence notes) keep them inline, other templates in an array. The largest case sets the
    /// finding's size.
    private enum Wording: Sendable {
        case text(Shared<Texts>)
        case pair(FindingTemplate, String, String)
        case template(FindingTemplate, [String])

        /// Up to two arguments inline (a missing one is empty: a template reads only the arguments it has).
        init(_ template: FindingTemplate, _ arguments: [String]) {
            switch arguments.count {
            case 0: self = .pair(template, "", "")
            case 1: self = .pair(template, arguments[0], "")
            case 2: self = .pair(template, arguments[0], arguments[1])
            default: self = .template(template, arguments)
            }
        }
    }

    private struct Texts: Sendable, Hashable {
        var english: String
        var german: String?
    }

    package var severity: Severity {
        get { head.value.severity }
        set { head = Head.interned(Head(severity: newValue, code: code, source: source, field: field)) }
    }

    /// A stable machine-readable code, e.g. `record.rejected`, `date.unparsable`, `licence.unknown`.
    package var code: String {
        get { head.value.code }
        set { head = Head.interned(Head(severity: severity, code: newValue, source: source, field: field)) }
    }

    /// The source id from `catalog/sources.toml`.
    package var source: String {
        get { head.value.source }
        set { head = Head.interned(Head(severity: severity, code: code, source: newValue, field: field)) }
    }

    /// The field concerned (`license_id`, `resources[2].url`, `extras.spatial` …).
    package var field: String? {
        get { head.value.field }
        set { head = Head.interned(Head(severity: severity, code: code, source: source, field: newValue)) }
    }

    /// A readable sentence saying what is wrong and, where possible, what was done (English: the CLI, logs and
    /// report.json's `message`).
    package var message: String {
        get {
            switch wording {
            case .text(let texts): texts.value.english
            case .pair(let template, let a, let b): template.english([a, b])
            case .template(let template, let arguments): template.english(arguments)
            }
        }
        set { wording = .text(Shared(Texts(english: newValue, german: messageDE))) }
    }

    /// The same sentence in German, for the site and the maintainers (report.json's `messageDE`). Written where
    /// the finding is made, beside the English one, so both name the same record and value. Nil only in
    /// reports written before it existed.
    package var messageDE: String? {
        get {
            switch wording {
            case .text(let texts): texts.value.german
            case .pair(let template, let a, let b): template.german([a, b])
            case .template(let template, let arguments): template.german(arguments)
            }
        }
        set { wording = .text(Shared(Texts(english: message, german: newValue))) }
    }

    package init(_ severity: Severity, _ code: String, source: String, record: String? = nil, field: String? = nil, _ message: String, de: String) {
        self.head = Head.interned(Head(severity: severity, code: code, source: source, field: field))
        self.recordID = record
        self.wording = .text(Shared(Texts(english: message, german: de)))
    }

    /// A finding with the template's code, whose sentences are rendered from `template` when read.
    package init(_ severity: Severity, source: String, record: String? = nil, field: String? = nil,
                 _ template: FindingTemplate, _ arguments: [String]) {
        guard let code = template.code else { preconditionFailure("a template without a code needs Finding(_:code:…)") }
        self.init(severity, code: code, source: source, record: record, field: field, template, arguments)
    }

    /// A finding made from a template whose code each finding names (`FindingTemplate.code` nil).
    package init(_ severity: Severity, code: String, source: String, record: String? = nil, field: String? = nil,
                 _ template: FindingTemplate, _ arguments: [String]) {
        precondition(template.code == nil || template.code == code, "\(code) made from the template of \(template.code ?? "")")
        self.head = Head.interned(Head(severity: severity, code: code, source: source, field: field))
        self.recordID = record
        self.wording = Wording(template, arguments)
    }

    private enum CodingKeys: String, CodingKey {
        case severity, code, source, recordID, field, message, messageDE
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        head = Head.interned(Head(severity: try c.decode(Severity.self, forKey: .severity), code: try c.decode(String.self, forKey: .code),
                                  source: try c.decode(String.self, forKey: .source), field: try c.decodeIfPresent(String.self, forKey: .field)))
        recordID = try c.decodeIfPresent(String.self, forKey: .recordID)
        wording = .text(Shared(Texts(english: try c.decode(String.self, forKey: .message), german: try c.decodeIfPresent(String.self, forKey: .messageDE))))
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(severity, forKey: .severity)
        try c.encode(code, forKey: .code)
        try c.encode(source, forKey: .source)
        try c.encodeIfPresent(recordID, forKey: .recordID)
        try c.encodeIfPresent(field, forKey: .field)
        try c.encode(message, forKey: .message)
        try c.encodeIfPresent(messageDE, forKey: .messageDE)
    }

    /// Equal when every field and both sentences are (however they are held).
    package static func == (a: Finding, b: Finding) -> Bool {
        a.head == b.head && a.recordID == b.recordID && a.message == b.message && a.messageDE == b.messageDE
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(severity)
        hasher.combine(code)
        hasher.combine(source)
        hasher.combine(recordID)
        hasher.combine(field)
        hasher.combine(message)
        hasher.combine(messageDE)
    }

    /// Whether both hold one interned head (severity, code, source and field), as equal heads do.
    func sharesHead(with other: Finding) -> Bool { head.isShared(with: other.head) }

    /// The German sentence where there is one, else the English one (old reports).
    package var germanMessage: (text: String, isGerman: Bool) {
        if let messageDE { return (messageDE, true) }
        return (message, false)
    }

    /// Sorted by source, record, field, code, message: reports are byte-stable.
    /// Source, record, field, code, message, severity: field by field, so that the messages (rendered from
    /// their templates) are compared only when everything before them is equal.
    @inline(__always) package static func < (a: Finding, b: Finding) -> Bool {
        if a.source != b.source { return a.source < b.source }
        let ra = a.recordID ?? "", rb = b.recordID ?? ""
        if ra != rb { return ra < rb }
        let fa = a.field ?? "", fb = b.field ?? ""
        if fa != fb { return fa < fb }
        if a.code != b.code { return a.code < b.code }
        let ma = a.message, mb = b.message
        if ma != mb { return ma < mb }
        return a.severity.rawValue < b.severity.rawValue
    }
}

extension [Finding] {
    /// `sorted()` (Finding's order: source, record, field, code, message, severity), sorted in two halves
    /// at once without building comparison tuples.
    package func sortedInParallel() -> [Finding] {
        var copy = self
        copy.sortInParallel()
        return copy
    }

    /// Room for the few findings a run adds after merging (the checks on the exports, values the exporters left
    /// out), made before rendering, in a buffer of about the list's size. At the end a full list grows by
    /// doubling: at 100 k datasets (~625 k findings) that new buffer, beside the old one, was the run's memory
    /// peak. A list that holds much more room than it needs (it grew by doubling) is copied into a smaller one.
    package mutating func reserveRoomForLast() {
        let wanted = count + count / 32 + 1024
        if capacity > wanted + wanted / 4 {
            var smaller: [Finding] = []
            smaller.reserveCapacity(wanted)
            smaller.append(contentsOf: self)
            self = smaller
        } else {
            reserveCapacity(wanted)
        }
    }

    /// Sorts in place as `sortedInParallel()` does: the order is found on indices, then the findings are moved
    /// into it cycle by cycle, so no second array of findings exists (a 100 k run has ~625 k findings: a sorted
    /// copy raised the run's memory peak at its very end by about 60 MB).
    package mutating func sortInParallel() {
        // Compared in place through the base pointer (a buffer's subscript would copy both findings for every
        // comparison: 1.3 s of CPU at 100 k datasets).
        var order = withUnsafeBufferPointer { f -> [Int] in
            guard let base = f.baseAddress else { return [] }
            return ParallelMap.sortedIndices(count: f.count) { a, b in base[a] < base[b] }
        }
        withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            // Position k receives the finding at order[k]; a position done is marked order[k] = k.
            for start in order.indices where order[start] != start {
                let first = (base + start).move()
                var k = start
                while order[k] != start {
                    let next = order[k]
                    (base + k).moveInitialize(from: base + next, count: 1)
                    order[k] = k
                    k = next
                }
                (base + k).initialize(to: first)
                order[k] = k
            }
        }
    }
}
