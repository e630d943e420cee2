import Foundation

// duplicates.csv: one row per merged cluster and per review candidate (RFC 4180, CRLF, formula-injection-safe).

package enum DuplicatesCSV {
    package static let header = ["cluster_id", "status", "rule", "rules", "score", "survivor", "members", "member_uris", "titles", "conflicts"]

    package static func render(_ result: DedupResult) -> String {
        var out = row(header)
        for (status, list) in [("merged", result.clusters), ("review", result.reviewCandidates)] {
            for c in list {
                let conflicts = c.conflicts.map { f in
                    f.field + ": " + f.values.map { "\($0.member)=\($0.value)" }.joined(separator: " | ")
                }
                out += row([
                    c.id, status, c.rule.rawValue, c.rules.map(\.rawValue).joined(separator: " "),
                    c.score.map { String(format2($0)) } ?? "",
                    c.survivor,
                    c.members.map(\.key).joined(separator: " | "),
                    c.members.map(\.uri).joined(separator: " | "),
                    c.members.map(\.title).joined(separator: " | "),
                    conflicts.joined(separator: " || "),
                ])
            }
        }
        return out
    }

    /// Two decimals, without Foundation formatting.
    static func format2(_ x: Double) -> String {
        let hundredths = Int((x * 100).rounded())
        let frac = hundredths % 100
        return "\(hundredths / 100).\(frac < 10 ? "0" : "")\(frac)"
    }

    static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// Quotes when needed; a leading `=`, `+`, `-`, `@`, TAB or CR is prefixed with `'` so spreadsheets show text.
    package static func field(_ raw: String) -> String {
        var s = raw
        if let first = s.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) { s = "'" + s }
        return CSVWriter.quoted(s)
    }
}
