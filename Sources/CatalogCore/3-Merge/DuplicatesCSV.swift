import Foundation

// duplicates.csv: one row per merged cluster and per review candidate (RFC 4180, CRLF, formula-injection-safe).

package enum DuplicatesCSV {
    package static let header = ["cluster_id", "status", "rule", "rules", "score", "survivor", "members", "member_uris", "titles", "conflicts"]

    /// List cells use the one list separator of every CSV (`|`); a conflict is `field: member=value, member=value`.
    static let listSeparator = TabularExport.listSeparator

    package static func render(_ result: DedupResult) -> String {
        var out = row(header)
        for (status, list) in [("merged", result.clusters), ("review", result.reviewCandidates)] {
            for c in list {
                let conflicts = c.conflicts.map { f in
                    f.field + ": " + f.values.map { "\($0.member)=\($0.value)" }.joined(separator: ", ")
                }
                let rules: String = c.rules.map(\.rawValue).joined(separator: Self.listSeparator)
                let score: String = c.score.map { String(format2($0)) } ?? ""
                let keys: String = c.members.map(\.key).joined(separator: Self.listSeparator)
                let uris: String = c.members.map(\.uri).joined(separator: Self.listSeparator)
                let titles: String = c.members.map(\.title).joined(separator: Self.listSeparator)
                let cells: [String] = [c.id, status, c.rule.rawValue, rules, score, c.survivor, keys, uris, titles, conflicts.joined(separator: Self.listSeparator)]
                out += row(cells)
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
