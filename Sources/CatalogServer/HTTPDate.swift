import CatalogCore

/// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110 §5.6.7) without DateFormatter (not Sendable);
/// the calendar arithmetic is shared with the CKAN timestamp rendering in Core.
enum HTTPDate {
    static let days = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func format(_ seconds: Int) -> String {
        let day = Int((Double(seconds) / 86400).rounded(.down))
        let secOfDay = seconds - day * 86400
        let (y, m, d) = CKANPackageRenderer.civilFromDays(day)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let weekday = days[((day % 7) + 7) % 7]
        return "\(weekday), \(two(d)) \(months[m - 1]) \(y) \(two(secOfDay / 3600)):\(two(secOfDay / 60 % 60)):\(two(secOfDay % 60)) GMT"
    }

    /// Seconds since 1970 of an IMF-fixdate; nil for anything else (then the condition is ignored, as RFC 9110 says).
    static func parse(_ s: String) -> Int? {
        let parts = s.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let d = Int(parts[1]), let m = months.firstIndex(of: String(parts[2])),
              let y = Int(parts[3]) else { return nil }
        let hms = parts[4].split(separator: ":").compactMap { Int($0) }
        guard hms.count == 3 else { return nil }
        return CKANPackageRenderer.daysFromCivil(y, m + 1, d) * 86400 + hms[0] * 3600 + hms[1] * 60 + hms[2]
    }
}
