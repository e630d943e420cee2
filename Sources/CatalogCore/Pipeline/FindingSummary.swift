// The findings of a run in two shapes: report.json lists every error and the first warnings of each source and
// code one by one, counts the warnings per source and code, and counts the notes (repairs and defaults, most of
// them one per distribution: 3 000+ on the demo) per source and code with a few samples; findings.jsonl holds
// every finding, one JSON object per line, for jq, pandas or grep.

package enum FindingSummary {
    /// Samples kept per source and code in report.json's `notes` section.
    package static let samplesPerGroup = 3
    /// Warnings listed one by one in report.json's `findings` per source and code (the first, in the findings'
    /// order); `sections.warnings` counts them all. A warning made per distribution (`licence.attribution-missing`:
    /// 1,560 of the demo's 1,572 warnings) would otherwise fill the report: 76 % of the demo's, ~1.7 KB per
    /// dataset at 100 k.
    package static let warningsListedPerGroup = 20

    private struct Group: Hashable {
        var source: String
        var code: String
    }

    /// The positions of the findings report.json lists: every error and, per source and code, the first
    /// `warningsListedPerGroup` warnings.
    package static func listed(_ findings: [Finding]) -> [Int] {
        var seen: [Group: Int] = [:]
        return findings.indices.filter { i in
            let f = findings[i]
            switch f.severity {
            case .error: return true
            case .note: return false
            case .warning:
                let n = seen[Group(source: f.source, code: f.code), default: 0]
                seen[Group(source: f.source, code: f.code)] = n + 1
                return n < warningsListedPerGroup
            }
        }
    }

    /// The findings of one severity by source and code, sorted by both: how many, and the first `samples`.
    private static func bySourceAndCode(_ findings: [Finding], _ severity: Finding.Severity, samples: Int)
        -> [(group: Group, count: Int, samples: [Finding])]
    {
        var groups: [Group: (count: Int, samples: [Finding])] = [:]
        for f in findings where f.severity == severity {
            let key = Group(source: f.source, code: f.code)
            var g = groups[key, default: (0, [])]
            g.count += 1
            if g.samples.count < samples { g.samples.append(f) }
            groups[key] = g
        }
        return groups.map { (group: $0.key, count: $0.value.count, samples: $0.value.samples) }
            .sorted { ($0.group.source, $0.group.code) < ($1.group.source, $1.group.code) }
    }

    /// `[{source, code, count, listed}]`: the warnings per source and code, and how many of them report.json's
    /// `findings` lists; sorted by source and code.
    package static func warningsSection(_ findings: [Finding]) -> JSONValue {
        .array(bySourceAndCode(findings, .warning, samples: 0).map { g in
            .object([
                "source": .string(g.group.source), "code": .string(g.group.code), "count": .number(Double(g.count)),
                "listed": .number(Double(min(g.count, warningsListedPerGroup))),
            ])
        })
    }

    /// `[{source, code, count, samples: [{recordID, field, message, messageDE}]}]`, sorted by source and code.
    package static func notesSection(_ findings: [Finding]) -> JSONValue {
        .array(bySourceAndCode(findings, .note, samples: samplesPerGroup).map { g in
            let samples: [JSONValue] = g.samples.map { f in
                var m: JSONObject = ["message": .string(f.message)]
                if let de = f.messageDE { m["messageDE"] = .string(de) }
                if let r = f.recordID { m["recordID"] = .string(r) }
                if let field = f.field { m["field"] = .string(field) }
                return .object(m)
            }
            return .object(["source": .string(g.group.source), "code": .string(g.group.code), "count": .number(Double(g.count)), "samples": .array(samples)])
        })
    }

    /// The name of the file below.
    package static let fileName = "findings.jsonl"

    /// findings.jsonl: every finding as one compact JSON object per line (keys severity, code, source, recordID,
    /// field, message, messageDE; absent values left out), in the given (sorted) order, handed over in pieces
    /// rendered chunk by chunk in parallel (`TableStream.inChunks`); the first piece starts the file.
    package static func jsonLines(_ findings: [Finding], hand: (ExportFile) -> Void) {
        ExportFile.inPieces(fileName, hand: hand) { write in
            TableStream.inChunks(findings.count, { range -> [UInt8] in
                var w = JSONByteWriter(capacity: range.count * 200)
                for i in range { line(findings[i], into: &w) }
                return w.bytes
            }, each: write)
        }
    }

    private static func line(_ f: Finding, into w: inout JSONByteWriter) {
        w.raw("{\"severity\":"); w.rawString(f.severity.rawValue)
        w.raw(",\"code\":"); w.rawString(f.code)
        w.raw(",\"source\":"); w.rawString(f.source)
        if let r = f.recordID { w.raw(",\"recordID\":"); w.rawString(r) }
        if let field = f.field { w.raw(",\"field\":"); w.rawString(field) }
        w.raw(",\"message\":"); w.rawString(f.message)
        if let de = f.messageDE { w.raw(",\"messageDE\":"); w.rawString(de) }
        w.raw("}\n")
    }
}

/// One code's findings (harvest.html, the run's summary on the terminal): how many, the gravest severity, and
/// the first `samples` in the findings' order (`Finding`'s `<`), kept without holding the others.
package struct FindingGroup {
    package private(set) var count = 0
    package private(set) var severity = Finding.Severity.note
    package private(set) var samples: [Finding] = []

    package init() {}

    package mutating func add(_ f: Finding, samples limit: Int) {
        count += 1
        severity = max(severity, f.severity)
        guard limit > 0, samples.count < limit || f < samples[samples.count - 1] else { return }
        // Findings mostly come sorted: then each is compared once, with the last sample.
        let at = samples.lastIndex { !(f < $0) }.map { $0 + 1 } ?? 0
        samples.insert(f, at: at)
        if samples.count > limit { samples.removeLast() }
    }

    /// The groups of `findings` by code, gravest severity first, then the most findings, then the code.
    package static func byCode(_ findings: [Finding], samples: Int) -> [(code: String, group: FindingGroup)] {
        var byCode: [String: FindingGroup] = [:]
        for f in findings { byCode[f.code, default: FindingGroup()].add(f, samples: samples) }
        return byCode.map { (code: $0.key, group: $0.value) }.sorted {
            ($0.group.severity, $0.group.count, $1.code) > ($1.group.severity, $1.group.count, $0.code)
        }
    }
}
