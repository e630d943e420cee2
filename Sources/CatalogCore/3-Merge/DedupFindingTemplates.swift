// Templates of the findings deduplication makes per merged group and per pair (FindingTemplate).

extension FindingTemplate {
    /// Arguments: [member count, rules, survivor key, the other members' keys, group id]
    static let dedupMerged = FindingTemplate(
        "dedup.merged", { "Merged \($0[0]) records (\($0[1])) into \($0[2]): \($0[3]) [\($0[4])]." },
        de: { "\($0[0]) Einträge (\($0[1])) zu \($0[2]) zusammengeführt: \($0[3]) [\($0[4])]." })

    /// Arguments: [field, survivor key, then member key and value for each member that gives one]
    static let dedupConflict = FindingTemplate("dedup.conflict", { a in
        let listed = conflictValues(a).map { "\($0.member)\($0.member == a[1] ? " (kept)" : "") “\($0.value)”" }
        return "Duplicates disagree on \(a[0]): " + listed.joined(separator: " vs ") + "; the survivor's value is published."
    }, de: { a in
        let listed = conflictValues(a).map { "\($0.member)\($0.member == a[1] ? " (behalten)" : "") „\($0.value)“" }
        return "Die Dubletten widersprechen sich \(Merger.germanField(a[0])): " + listed.joined(separator: " gegen ")
            + "; veröffentlicht wird der Wert des behaltenen Eintrags."
    })

    private static func conflictValues(_ a: [String]) -> [(member: String, value: String)] {
        stride(from: 2, to: a.count - 1, by: 2).map { (a[$0], a[$0 + 1]) }
    }

    /// Arguments: [the other member's key, title similarity]
    static let dedupReview = FindingTemplate(
        "dedup.review", { "Possible duplicate of \($0[0]) (title similarity \($0[1]), same publisher or place, shared host); not merged — list both under [[dedup.same]] or [[dedup.different]]." },
        de: { "Mögliche Dublette von \($0[0]) (Titelähnlichkeit \($0[1]), gleicher Herausgeber oder Ort, gleicher Server); nicht zusammengeführt – beide unter [[dedup.same]] oder [[dedup.different]] eintragen." })

    /// Arguments: [key, other key, rule]
    static let dedupKeptApart = FindingTemplate(
        "dedup.kept-apart", { "\($0[0]) and \($0[1]) match by \($0[2]) but are kept apart ([[dedup.different]], or members of one dataset series)." },
        de: { "\($0[0]) und \($0[1]) passen nach der Regel \($0[2]) zusammen, bleiben aber getrennt ([[dedup.different]] oder Teile derselben Datenreihe)." })
}
