import Foundation

// Comparing `modified` values of duplicates (issue 16 item 11): the same instant written with another precision
// or in another time zone is no conflict.

enum DedupDates {
    /// Day (`yyyy-mm-dd`), wall-clock time to the second (nil for a date), and the UTC instant when a zone is given.
    private static func parts(_ lexical: String) -> (day: String, time: String?, utc: Date?) {
        let day = String(lexical.prefix(10))
        guard lexical.count >= 16, lexical.dropFirst(10).first == "T" else { return (day, nil, nil) }
        let clock = lexical.dropFirst(11)   // HH:MM[:SS][.fff][zone]
        var rest = clock.dropFirst(5)
        var seconds = ":00"
        if rest.first == ":" { seconds = String(rest.prefix(3)); rest = rest.dropFirst(3) }
        if rest.first == "." { rest = rest.dropFirst().drop { $0.isNumber } }
        let time = String(clock.prefix(5)) + seconds
        let zone = String(rest)
        guard !zone.isEmpty else { return (day, time, nil) }
        let formatter = ISO8601DateFormatter()
        return (day, time, formatter.date(from: "\(day)T\(time)\(zone)"))
    }

    /// True when both values can denote the same moment: equal instants when both carry a zone; else equal
    /// wall-clock times; else (one is only a date) the same day.
    static func same(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        let x = parts(a), y = parts(b)
        if let ux = x.utc, let uy = y.utc { return ux == uy }
        guard let tx = x.time, let ty = y.time else { return x.day == y.day }
        return x.day == y.day && tx == ty
    }
}
