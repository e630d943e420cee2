import Foundation

/// Parses the date spellings seen in CKAN records into `DateValue`s, keeping the precision given.
///
/// Seen in the wild: ISO with zone (`2014-12-10T12:25:26+01:00`, Köln DKAN), without zone and with microseconds
/// (`2013-04-19T15:40:23.682311`, Berlin, GovData), space instead of `T` (`2000-01-01 00:00:00`, GovData RLP
/// `temporal_coverage_from`), minutes only (`2012-05-10T21:04`, ckanext-dcat example), DKAN's prefixed
/// `Date changed\t2014-12-10T09:56:43+01:00` (Köln `last_modified`), German numeric `06.02.2013 16:49:58`
/// (Moers OGD), day-first slashed `05/3/2014` and German prose as rendered by DKAN/Drupal (`7. Januar 2015 - 18:09`).
package enum CKANDate {
    private static let months: [String: Int] = [
        "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7,
        "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12,
    ]

    /// The parsed date, or nil when the text is not a recognisable date.
    package static func parse(_ raw: String) -> DateValue? {
        var s = raw.trimmedSpace()
        // Köln DKAN `last_modified`: "Date changed\t2014-…".
        if s.hasPrefix("Date changed") {
            s = String(s.dropFirst("Date changed".count)).trimmedSpace()
        }
        if s.isEmpty { return nil }
        return iso(s) ?? germanNumeric(s) ?? germanProse(s)
    }

    private static func pad(_ n: Int, _ width: Int = 2) -> String {
        let t = String(n)
        return String(repeating: "0", count: max(0, width - t.count)) + t
    }

    private static func valid(_ y: Int, _ mo: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ se: Int = 0) -> Bool {
        guard y >= 1000, y <= 9999, (1...12).contains(mo), (0...23).contains(h), (0...59).contains(mi), (0...60).contains(se) else { return false }
        let days = [31, (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (1...days[mo - 1]).contains(d)
    }

    private static func build(_ y: Int, _ mo: Int, _ d: Int, time: (Int, Int, Int)?, fraction: String = "", zone: String = "") -> DateValue? {
        guard valid(y, mo, d, time?.0 ?? 0, time?.1 ?? 0, time?.2 ?? 0) else { return nil }
        let date = "\(pad(y, 4))-\(pad(mo))-\(pad(d))"
        guard let (h, mi, se) = time else { return .date(date) }
        return .dateTime("\(date)T\(pad(h)):\(pad(mi)):\(pad(se))\(fraction)\(zone)")
    }

    /// Consumes a run of ASCII digits.
    private static func digits(_ chars: [Character], _ i: inout Int, max: Int = 9) -> Int? {
        var n = 0
        var count = 0
        while i < chars.count, count < max, let v = chars[i].wholeNumberValue, chars[i].isASCII {
            n = n * 10 + v
            i += 1
            count += 1
        }
        return count == 0 ? nil : n
    }

    private static func iso(_ s: String) -> DateValue? {
        let c = Array(s)
        var i = 0
        guard let y = digits(c, &i, max: 4), i == 4 else { return nil }
        guard i < c.count, c[i] == "-" else { return nil }
        i += 1
        let moStart = i
        guard let mo = digits(c, &i, max: 2), i - moStart == 2, i < c.count, c[i] == "-" else { return nil }
        i += 1
        let dStart = i
        guard let d = digits(c, &i, max: 2), i - dStart == 2 else { return nil }
        if i == c.count { return build(y, mo, d, time: nil) }
        guard c[i] == "T" || c[i] == " " else { return nil }
        i += 1
        guard let h = digits(c, &i, max: 2), i < c.count, c[i] == ":" else { return nil }
        i += 1
        guard let mi = digits(c, &i, max: 2) else { return nil }
        var se = 0
        var fraction = ""
        if i < c.count, c[i] == ":" {
            i += 1
            guard let v = digits(c, &i, max: 2) else { return nil }
            se = v
            if i < c.count, c[i] == "." {
                i += 1
                var f = ""
                while i < c.count, c[i].isASCII, c[i].isNumber { f.append(c[i]); i += 1 }
                guard !f.isEmpty else { return nil }
                // Canonical form keeps at most milliseconds (Berlin/GovData give microseconds).
                fraction = "." + String(f.prefix(3))
            }
        }
        while i < c.count, c[i] == " " { i += 1 }
        var zone = ""
        if i < c.count {
            let rest = String(c[i...])
            if rest == "Z" || rest == "z" || rest == "UTC" || rest == "GMT" {
                zone = "Z"
            } else if rest.first == "+" || rest.first == "-" {
                let body = rest.dropFirst().filter { $0 != ":" }
                guard body.count == 4 || body.count == 2, body.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
                let hh = body.prefix(2), mm = body.count == 4 ? body.suffix(2) : "00"
                zone = "\(rest.first!)\(hh):\(mm)"
            } else {
                return nil
            }
        }
        return build(y, mo, d, time: (h, mi, se), fraction: fraction, zone: zone)
    }

    /// `06.02.2013`, `6.2.2013`, `06.02.2013 16:49`, `06.02.2013 16:49:58`; day-first with slashes `05/3/2014`.
    private static func germanNumeric(_ s: String) -> DateValue? {
        let c = Array(s)
        var i = 0
        guard let d = digits(c, &i, max: 2), i < c.count, c[i] == "." || c[i] == "/" else { return nil }
        let separator = c[i]
        i += 1
        guard let mo = digits(c, &i, max: 2), i < c.count, c[i] == separator else { return nil }
        i += 1
        let yStart = i
        guard let y = digits(c, &i, max: 4), i - yStart == 4 else { return nil }
        return germanTime(c, i).flatMap { t in build(y, mo, d, time: t) } ?? (i == c.count ? build(y, mo, d, time: nil) : nil)
    }

    /// `7. Januar 2015`, `7. Januar 2015 - 18:09` (DKAN/Drupal rendering).
    private static func germanProse(_ s: String) -> DateValue? {
        let c = Array(s)
        var i = 0
        guard let d = digits(c, &i, max: 2), i < c.count, c[i] == "." else { return nil }
        i += 1
        while i < c.count, c[i] == " " { i += 1 }
        var word = ""
        while i < c.count, c[i].isLetter { word.append(c[i]); i += 1 }
        guard let mo = months[word.lowercased()] else { return nil }
        while i < c.count, c[i] == " " { i += 1 }
        let yStart = i
        guard let y = digits(c, &i, max: 4), i - yStart == 4 else { return nil }
        if i == c.count { return build(y, mo, d, time: nil) }
        guard let t = germanTime(c, i) else { return nil }
        return build(y, mo, d, time: t)
    }

    /// A trailing time after separators (` `, `-`, `,`, `um`): `18:09` or `16:49:58`; nil when absent or malformed.
    private static func germanTime(_ c: [Character], _ start: Int) -> (Int, Int, Int)? {
        var i = start
        guard i < c.count else { return nil }
        while i < c.count, c[i] == " " || c[i] == "-" || c[i] == "," || c[i] == "–" { i += 1 }
        if i + 1 < c.count, c[i] == "u", c[i + 1] == "m" { i += 2; while i < c.count, c[i] == " " { i += 1 } }
        guard let h = digits(c, &i, max: 2), i < c.count, c[i] == ":" else { return nil }
        i += 1
        guard let mi = digits(c, &i, max: 2) else { return nil }
        var se = 0
        if i < c.count, c[i] == ":" {
            i += 1
            guard let v = digits(c, &i, max: 2) else { return nil }
            se = v
        }
        while i < c.count, c[i] == " " { i += 1 }
        if i < c.count, String(c[i...]).lowercased() == "uhr" { i = c.count }
        return i == c.count ? (h, mi, se) : nil
    }
}
