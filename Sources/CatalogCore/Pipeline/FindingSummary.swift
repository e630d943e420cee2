// The findings of a run in two shapes: report.json lists warnings and errors one by one and counts the notes
// (repairs and defaults, most of them one per distribution: 3 000+ on the demo) per source and code with a few
// samples; findings.jsonl holds every finding, one JSON object per line, for jq, pandas or grep.

package enum FindingSummary {
    /// Samples kept per source and code in report.json's `notes` section.
    package static let samplesPerGroup = 3

    /// `[{source, code, count, samples: [{recordID, field, message, messageDE}]}]`, sorted by source and code.
    package static func notesSection(_ findings: [Finding]) -> JSONValue {
        struct Group { var count = 0; var samples: [Finding] = [] }
        var groups: [String: [String: Group]] = [:]
        for f in findings where f.severity == .note {
            var g = groups[f.source, default: [:]][f.code, default: Group()]
            g.count += 1
            if g.samples.count < samplesPerGroup { g.samples.append(f) }
            groups[f.source, default: [:]][f.code] = g
        }
        var out: [JSONValue] = []
        for source in groups.keys.sorted() {
            for (code, g) in groups[source]!.sorted(by: { $0.key < $1.key }) {
                let samples: [JSONValue] = g.samples.map { f in
                    var m: JSONObject = ["message": .string(f.message)]
                    if let de = f.messageDE { m["messageDE"] = .string(de) }
                    if let r = f.recordID { m["recordID"] = .string(r) }
                    if let field = f.field { m["field"] = .string(field) }
                    return .object(m)
                }
                out.append(.object(["source": .string(source), "code": .string(code), "count": .number(Double(g.count)), "samples": .array(samples)]))
            }
        }
        return .array(out)
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
