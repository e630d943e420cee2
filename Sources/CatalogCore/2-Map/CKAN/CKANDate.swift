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
        parse(raw, bytes: raw.allUTF8 { $0 < 0x80 && $0 != 0x0D })
    }

    /// `parse` reading the text as UTF-8 bytes (`bytes`, for ASCII text without CR: one byte is one Character
    /// there, and most dates are such text) or as Characters (the definition; any text).
    static func parse(_ raw: String, bytes: Bool) -> DateValue? {
        var s = raw.trimmedSpace()
        // Köln DKAN `last_modified`: "Date changed\t2014-…".
        if s.hasPrefix("Date changed") {
            s = String(s.dropFirst("Date changed".count)).trimmedSpace()
        }
        if s.isEmpty { return nil }
        if bytes {
            let b = Array(s.utf8)
            return iso(b) ?? germanNumeric(b) ?? germanProse(Array(s))
        }
        let c = Array(s)
        return iso(c) ?? germanNumeric(c) ?? germanProse(c)
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
    private static func digits<U: DateTextUnit>(_ chars: [U], _ i: inout Int, max: Int = 9) -> Int? {
        var n = 0
        var count = 0
        while i < chars.count, count < max, let v = chars[i].asciiDigit {
            n = n * 10 + v
            i += 1
            count += 1
        }
        return count == 0 ? nil : n
    }

    private static func iso<U: DateTextUnit>(_ c: [U]) -> DateValue? {
        var i = 0
        guard let y = digits(c, &i, max: 4), i == 4 else { return nil }
        guard i < c.count, c[i].is("-") else { return nil }
        i += 1
        let moStart = i
        guard let mo = digits(c, &i, max: 2), i - moStart == 2, i < c.count, c[i].is("-") else { return nil }
        i += 1
        let dStart = i
        guard let d = digits(c, &i, max: 2), i - dStart == 2 else { return nil }
        if i == c.count { return build(y, mo, d, time: nil) }
        guard c[i].is("T") || c[i].is(" ") else { return nil }
        i += 1
        guard let h = digits(c, &i, max: 2), i < c.count, c[i].is(":") else { return nil }
        i += 1
        guard let mi = digits(c, &i, max: 2) else { return nil }
        var se = 0
        var fraction = ""
        if i < c.count, c[i].is(":") {
            i += 1
            guard let v = digits(c, &i, max: 2) else { return nil }
            se = v
            if i < c.count, c[i].is(".") {
                i += 1
                var f = ""
                while i < c.count, let v = c[i].asciiDigit { f += String(v); i += 1 }
                guard !f.isEmpty else { return nil }
                // Canonical form keeps at most milliseconds (Berlin/GovData give microseconds).
                fraction = "." + String(f.prefix(3))
            }
        }
        while i < c.count, c[i].is(" ") { i += 1 }
        guard let zone = zone(c[i...]) else { return nil }
        return build(y, mo, d, time: (h, mi, se), fraction: fraction, zone: zone)
    }

    /// A time's zone: `Z` for `Z` `z` `UTC` `GMT`, `±hh:mm` for `±hh:mm` `±hhmm` `±hh`, "" for none; nil for
    /// anything else.
    private static func zone<U: DateTextUnit>(_ rest: ArraySlice<U>) -> String? {
        guard let sign = rest.first else { return "" }
        if ["Z", "z", "UTC", "GMT"].contains(where: { U.spells(rest, $0) }) { return "Z" }
        guard sign.is("+") || sign.is("-") else { return nil }
        let body = rest.dropFirst().filter { !$0.is(":") }
        let n = body.compactMap(\.asciiDigit)
        guard n.count == body.count, n.count == 4 || n.count == 2 else { return nil }
        return (sign.is("+") ? "+" : "-") + "\(n[0])\(n[1]):" + (n.count == 4 ? "\(n[2])\(n[3])" : "00")
    }

    /// `06.02.2013`, `6.2.2013`, `06.02.2013 16:49`, `06.02.2013 16:49:58`; day-first with slashes `05/3/2014`.
    private static func germanNumeric<U: DateTextUnit>(_ c: [U]) -> DateValue? {
        var i = 0
        guard let d = digits(c, &i, max: 2), i < c.count, c[i].is(".") || c[i].is("/") else { return nil }
        let separator = c[i]
        i += 1
        guard let mo = digits(c, &i, max: 2), i < c.count, c[i] == separator else { return nil }
        i += 1
        let yStart = i
        guard let y = digits(c, &i, max: 4), i - yStart == 4 else { return nil }
        return germanTime(c, i).flatMap { t in build(y, mo, d, time: t) } ?? (i == c.count ? build(y, mo, d, time: nil) : nil)
    }

    /// `7. Januar 2015`, `7. Januar 2015 - 18:09` (DKAN/Drupal rendering).
    private static func germanProse(_ c: [Character]) -> DateValue? {
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
    private static func germanTime<U: DateTextUnit>(_ c: [U], _ start: Int) -> (Int, Int, Int)? {
        var i = start
        guard i < c.count else { return nil }
        while i < c.count, c[i].is(" ") || c[i].is("-") || c[i].is(",") || c[i].is("–") { i += 1 }
        if i + 1 < c.count, c[i].is("u"), c[i + 1].is("m") { i += 2; while i < c.count, c[i].is(" ") { i += 1 } }
        guard let h = digits(c, &i, max: 2), i < c.count, c[i].is(":") else { return nil }
        i += 1
        guard let mi = digits(c, &i, max: 2) else { return nil }
        var se = 0
        if i < c.count, c[i].is(":") {
            i += 1
            guard let v = digits(c, &i, max: 2) else { return nil }
            se = v
        }
        while i < c.count, c[i].is(" ") { i += 1 }
        if i < c.count, U.spellsIgnoringCase(c[i...], "uhr") { i = c.count }
        return i == c.count ? (h, mi, se) : nil
    }
}

/// What `CKANDate` reads a date's text as: Characters, or UTF-8 bytes for ASCII text without CR.
protocol DateTextUnit: Equatable {
    /// The value of an ASCII digit; nil for anything else.
    var asciiDigit: Int? { get }
    /// Whether this is the character `c`.
    func `is`(_ c: Unicode.Scalar) -> Bool
    /// Whether `units` spell `word`, compared as they are (`spells`) or lowercased (`spellsIgnoringCase`).
    static func spells(_ units: ArraySlice<Self>, _ word: String) -> Bool
    static func spellsIgnoringCase(_ units: ArraySlice<Self>, _ word: String) -> Bool
}

extension Character: DateTextUnit {
    var asciiDigit: Int? { isASCII ? wholeNumberValue : nil }
    func `is`(_ c: Unicode.Scalar) -> Bool { self == Character(c) }
    static func spells(_ units: ArraySlice<Character>, _ word: String) -> Bool { String(units) == word }
    static func spellsIgnoringCase(_ units: ArraySlice<Character>, _ word: String) -> Bool { String(units).lowercased() == word }
}

extension UInt8: DateTextUnit {
    var asciiDigit: Int? { self >= 0x30 && self <= 0x39 ? Int(self) - 0x30 : nil }
    func `is`(_ c: Unicode.Scalar) -> Bool { c.isASCII && self == UInt8(c.value) }
    static func spells(_ units: ArraySlice<UInt8>, _ word: String) -> Bool { units.elementsEqual(word.utf8) }
    static func spellsIgnoringCase(_ units: ArraySlice<UInt8>, _ word: String) -> Bool {
        units.elementsEqual(word.utf8) { a, b in (a >= 0x41 && a <= 0x5A ? a + 0x20 : a) == b }
    }
}
