import Foundation

// Small HTML helpers for the static site: the one escaping function, safe links, slugs and German number and
// date formatting. Everything the site prints from data goes through `SiteHTML.escape`.

package enum SiteHTML {
    /// Escapes text for HTML element content and double- or single-quoted attribute values (& < > " ').
    /// Characters HTML forbids (C0 controls except TAB/LF/CR, DEL, C1 controls, noncharacters) become U+FFFD;
    /// CRLF and lone CR become LF. Text is normalised to NFC (as HTML wants).
    package static func escape(_ s: String) -> String {
        // Fast path (most values): nothing to replace and already NFC. Text whose code points are all below
        // U+0300 (Latin, Latin-1 and Latin Extended, no combining marks) or punctuation NFC leaves alone
        // (`String.isNFCInert`) is in NFC by definition.
        var clean = true
        var belowCombining = true
        for c in s.unicodeScalars {
            let v = c.value
            if v < 0x80 {
                switch v {
                case 0x26, 0x3C, 0x3E, 0x22, 0x27, 0x0D: clean = false
                case 0x09, 0x0A, 0x0C: break
                case 0..<0x20, 0x7F: clean = false
                default: break
                }
            } else if v <= 0x9F {
                clean = false
            } else if !String.isNFCInert(v) {
                belowCombining = false
            }
        }
        if clean && belowCombining { return s }
        return escapeScalars(s, isNFC: belowCombining)
    }

    /// The general path of `escape`: scalar by scalar, after NFC normalisation unless `isNFC`.
    package static func escapeScalars(_ s: String, isNFC: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var previousCR = false
        let nfc = isNFC ? s : s.precomposedStringWithCanonicalMapping
        for c in nfc.unicodeScalars {
            if c == "\r" {
                out.append("\n")
                previousCR = true
                continue
            }
            if c == "\n", previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                out.unicodeScalars.append(isAllowed(c) ? c : "\u{FFFD}")
            }
        }
        return out
    }

    /// Whether HTML allows the code point in text (no controls other than whitespace, no noncharacters).
    static func isAllowed(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v == 0x09 || v == 0x0A || v == 0x0C || v == 0x0D { return true }
        if v < 0x20 || (v >= 0x7F && v <= 0x9F) { return false }
        if v >= 0xFDD0 && v <= 0xFDEF { return false }
        if v & 0xFFFE == 0xFFFE { return false }
        return true
    }

    /// Escaped text with line breaks kept: paragraphs (blank lines) become `<p>`, single newlines `<br>`.
    static func paragraphs(_ s: String) -> String {
        let text = escape(s).trimmedSpace()
        guard !text.isEmpty else { return "" }
        var paras: [String] = []
        var current: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let l = line.trimmedBlanks()
            if l.isEmpty {
                if !current.isEmpty { paras.append(current.joined(separator: "<br>\n")) }
                current = []
            } else {
                current.append(l)
            }
        }
        if !current.isEmpty { paras.append(current.joined(separator: "<br>\n")) }
        return paras.map { "<p>\($0)</p>" }.joined(separator: "\n")
    }

    /// True for URLs that may become an `href`: http(s) with a plausible host, and mailto (no `javascript:`, no
    /// relative paths, no whitespace or controls, no percent-escapes in the host as in `http://%20https://…`).
    static func isLinkable(_ url: String) -> Bool {
        if let answer = url.utf8.withContiguousStorageIfAvailable(isLinkablePrintableASCII), let answer { return answer }
        return isLinkableScalarwise(url)
    }

    /// `isLinkable` on the bytes of a URL of printable ASCII only (most of them: nothing to trim, no
    /// whitespace, one byte a character); nil for any other URL.
    static func isLinkablePrintableASCII(_ u: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard u.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        func hasPrefix(_ p: String) -> Bool {
            u.count >= p.utf8.count && zip(u, p.utf8).allSatisfy { ($0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0) == $1 }
        }
        if hasPrefix("mailto:") { return u.count > 7 }
        var hostStart: Int
        if hasPrefix("https://") { hostStart = 8 } else if hasPrefix("http://") { hostStart = 7 } else { return false }
        var end = hostStart
        while end < u.count, u[end] != UInt8(ascii: "/"), u[end] != UInt8(ascii: "?"), u[end] != UInt8(ascii: "#") { end += 1 }
        if let at = (hostStart..<end).last(where: { u[$0] == UInt8(ascii: "@") }) { hostStart = at + 1 }
        if hostStart < end, u[hostStart] == UInt8(ascii: "[") { return (hostStart..<end).contains { u[$0] == UInt8(ascii: "]") } }
        var hostEnd = end
        if let colon = (hostStart..<end).last(where: { u[$0] == UInt8(ascii: ":") }) {
            guard (colon + 1..<end).allSatisfy({ u[$0] >= 0x30 && u[$0] <= 0x39 }) else { return false }
            hostEnd = colon
        }
        guard hostStart < hostEnd, u[hostStart] != UInt8(ascii: "."), u[hostStart] != UInt8(ascii: "-") else { return false }
        return (hostStart..<hostEnd).allSatisfy { k in
            SiteFileTitle.isAlphanumeric(u[k]) || u[k] == UInt8(ascii: ".") || u[k] == UInt8(ascii: "-") || u[k] == UInt8(ascii: "_")
        }
    }

    /// `isLinkable` scalar by scalar: the definition, for any URL.
    static func isLinkableScalarwise(_ url: String) -> Bool {
        let u = url.trimmedBlanks()
        guard !u.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || ($0.value >= 0x80 && $0.properties.isWhitespace) }) else { return false }
        let lower = u.lowercased()
        if lower.hasPrefix("mailto:") { return lower.count > 7 }
        let rest: Substring
        if lower.hasPrefix("https://") { rest = u.dropFirst(8) } else if lower.hasPrefix("http://") { rest = u.dropFirst(7) } else { return false }
        var authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var host = authority
        if host.hasPrefix("[") { return host.contains("]") }
        if let colon = host.lastIndex(of: ":") {
            let port = host[host.index(after: colon)...]
            guard port.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
            host = host[..<colon]
        }
        guard !host.isEmpty, !host.hasPrefix("."), !host.hasPrefix("-") else { return false }
        return host.unicodeScalars.allSatisfy { c in
            (c.value >= 0x61 && c.value <= 0x7A) || (c.value >= 0x41 && c.value <= 0x5A) || (c.value >= 0x30 && c.value <= 0x39)
                || c == "." || c == "-" || c == "_" || (c.value >= 0xA0 && c.properties.isAlphabetic)
        }
    }

    /// An external link (`rel="noopener"`) when the URL is linkable, else the escaped text.
    static func external(_ url: String, text: String? = nil) -> String {
        let label = escape(text ?? url)
        guard isLinkable(url) else { return label }
        return "<a href=\"\(escape(href(url)))\" rel=\"external noopener\">\(label)</a>"
    }

    /// A linkable URL as a valid `href` (WHATWG URL, as the Nu HTML checker applies it): after the authority,
    /// characters URLs do not allow (space, `" < > [ ] { } | ^ \` and backtick) are percent-encoded, and so is
    /// a `%` not followed by two hex digits. Surrounding spaces are dropped; everything else (also non-ASCII,
    /// an IRI) is kept as given.
    /// The bytes `href` may have to encode, as a table (a lookup per byte instead of a search of the list).
    private static let hrefSpecial: [Bool] = (0...255).map { b in " \"<>[]{}|^`\\%".utf8.contains(UInt8(b)) }

    static func href(_ url: String) -> String {
        let trimmed = url.trimmedBlanks()
        // Fast path (most URLs): no byte that could need encoding.
        if !trimmed.utf8.contains(where: { hrefSpecial[Int($0)] }) { return trimmed }
        let scalars = Array(trimmed.unicodeScalars)
        // The authority ends at the first '/', '?' or '#' after "scheme://"; mailto: has none.
        var start = 0
        if let colon = scalars.indices.first(where: { $0 + 2 < scalars.count && scalars[$0] == ":" && scalars[$0 + 1] == "/" && scalars[$0 + 2] == "/" }) {
            start = colon + 3
            while start < scalars.count, !"/?#".unicodeScalars.contains(scalars[start]) { start += 1 }
        }
        func isHex(_ i: Int) -> Bool { i < scalars.count && scalars[i].properties.isASCIIHexDigit }
        var out = String.UnicodeScalarView(scalars[..<start])
        for i in start..<scalars.count {
            let c = scalars[i]
            let encode = c == "%" ? !(isHex(i + 1) && isHex(i + 2)) : " \"<>[]{}|^`\\".unicodeScalars.contains(c)
            if encode {
                let hex = String(c.value, radix: 16, uppercase: true)
                out.append(contentsOf: ("%" + (hex.count < 2 ? "0" + hex : hex)).unicodeScalars)
            } else {
                out.append(c)
            }
        }
        return String(out)
    }

    /// A `mailto:` link for a plain e-mail address (a `mailto:` prefix is accepted), else escaped text.
    static func email(_ address: String) -> String {
        var a = address.trimmedBlanks()
        if a.lowercased().hasPrefix("mailto:") { a = String(a.dropFirst(7)) }
        let ok = a.contains("@") && !a.unicodeScalars.contains { $0.properties.isWhitespace || "<>\"'&".unicodeScalars.contains($0) }
        return ok ? "<a href=\"mailto:\(escape(a))\">\(escape(a))</a>" : escape(address)
    }

    /// A filesystem- and URL-safe slug: lower-case ASCII letters, digits and single `-`; umlauts transliterated;
    /// at most `maxLength` characters; `fallback` when nothing is left.
    package static func slug(_ s: String, maxLength: Int = 80, fallback: String = "x") -> String {
        var out = ""
        for c in s.lowercased().unicodeScalars {
            switch c {
            case "ä": out += "ae"
            case "ö": out += "oe"
            case "ü": out += "ue"
            case "ß": out += "ss"
            default:
                let v = c.value
                if (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) {
                    out.unicodeScalars.append(c)
                } else if let folded = fold(c) {
                    out += folded
                } else if !out.isEmpty, !out.hasSuffix("-") {
                    out += "-"
                }
            }
        }
        if out.count > maxLength { out = String(out.prefix(maxLength)) }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? fallback : out
    }

    /// Latin letters with diacritics folded to ASCII (é → e); nil for anything else.
    private static func fold(_ c: Unicode.Scalar) -> String? {
        guard c.value >= 0xC0, c.value < 0x250 else { return nil }
        let folded = String(c).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        let ascii = folded.unicodeScalars.filter { ($0.value >= 0x61 && $0.value <= 0x7A) || ($0.value >= 0x30 && $0.value <= 0x39) }
        return ascii.isEmpty ? nil : String(String.UnicodeScalarView(ascii))
    }

    /// German integer with thousands separators: 12345 → `12.345`.
    static func number(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out += "." }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }

    /// A decimal with one fraction digit and a German comma: 1.25 → `1,3`.
    static func decimal(_ d: Double, digits: Int = 1) -> String {
        guard d.isFinite else { return "–" }
        let scale = pow(10, Double(digits))
        let scaled = Int64((abs(d) * scale).rounded())
        let whole = scaled / Int64(scale)
        let frac = scaled % Int64(scale)
        var s = number(Int(whole))
        if digits > 0 {
            let f = String(frac)
            s += "," + String(repeating: "0", count: max(digits - f.count, 0)) + f
        }
        return (d < 0 && scaled != 0 ? "-" : "") + s
    }

    /// A byte size for humans: `512 B`, `1,5 kB`, `12,3 MB` (decimal units).
    static func byteSize(_ n: Int) -> String {
        let units = ["kB", "MB", "GB", "TB"]
        if n < 1000 { return "\(number(n)) B" }
        var v = Double(n) / 1000
        var i = 0
        while v >= 1000, i < units.count - 1 {
            v /= 1000
            i += 1
        }
        return "\(decimal(v)) \(units[i])"
    }

    /// A `<time>` element for a date value, shown German-style (`05.01.2015`, `05.01.2015, 10:30`); the
    /// `datetime` attribute only when the lexical form is a valid HTML date or local/global date-time.
    static func time(_ d: DateValue) -> String {
        let lex = d.lexical
        let datePart = String(lex.prefix(10))
        let parts = datePart.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2 else { return escape(lex) }
        var shown = "\(parts[2]).\(parts[1]).\(parts[0])"
        if !d.isDate, lex.count >= 16 {
            let t = lex.dropFirst(11).prefix(5)
            shown += ", " + t
            if lex.hasSuffix("Z") { shown += " UTC" }
        }
        guard isMachineReadableTime(lex) else {
            return "<span title=\"\(escape(lex))\">\(escape(shown))</span>"
        }
        return "<time datetime=\"\(escape(lex))\">\(escape(shown))</time>"
    }

    /// Whether `lex` may go into `<time datetime>`: `YYYY-MM-DD` optionally followed by
    /// `THH:MM[:SS[.f{1,3}]][Z|±HH:MM]` (a hand-written matcher; a regular expression per value was slow).
    package static func isMachineReadableTime(_ lex: String) -> Bool {
        let b = Array(lex.utf8)
        var i = 0
        func digits(_ n: Int) -> Bool {
            guard i + n <= b.count else { return false }
            for k in i..<(i + n) where !(b[k] >= 0x30 && b[k] <= 0x39) { return false }
            i += n
            return true
        }
        func byte(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard digits(4), byte(0x2D), digits(2), byte(0x2D), digits(2) else { return false }
        if i == b.count { return true }
        guard byte(0x54), digits(2), byte(0x3A), digits(2) else { return false }
        if byte(0x3A) {
            guard digits(2) else { return false }
            if byte(0x2E) {
                var n = 0
                while n < 3, digits(1) { n += 1 }
                guard n > 0 else { return false }
            }
        }
        if i == b.count { return true }
        if byte(0x5A) { return i == b.count }
        guard byte(0x2B) || byte(0x2D), digits(2), byte(0x3A), digits(2) else { return false }
        return i == b.count
    }

    /// A status badge for a licence class.
    static func badge(_ status: LicenceStatus) -> String {
        "<span class=\"badge s-\(status.rawValue)\">\(escape(SiteLabels.licenceStatus(status)))</span>"
    }
}

/// German labels for codes shown on the site.
package enum SiteLabels {
    /// German labels of the EU data themes (Publications Office authority table, `skos:prefLabel@de`).
    package static var themes: [String: String] { Vocabulary.themeLabelsDE }

    package static func theme(_ code: String) -> String { themes[code.uppercased()] ?? code }

    package static func licenceStatus(_ s: LicenceStatus) -> String {
        switch s {
        case .open: "offen"
        case .restricted: "eingeschränkt"
        case .closed: "geschlossen"
        case .missing: "fehlt"
        case .unknown: "unbekannt"
        case .invalid: "ungültig"
        case .conflicting: "widersprüchlich"
        }
    }

    /// German labels of the licence audit's to-do groups (codes: `LicenceGap`).
    package static func licenceGap(_ g: LicenceGap) -> String {
        switch g {
        case .missing: "Lizenz fehlt"
        case .unknown: "Lizenz unbekannt oder falsch geschrieben"
        case .notOpen: "Keine offene Lizenz"
        case .conflicting: "Widersprüchliche Lizenzen"
        case .versionAssumed: "Lizenzversion fehlt"
        case .attributionMissing: "Namensnennungstext fehlt"
        }
    }

    /// One sentence per to-do group: what is wrong and why it matters.
    package static func licenceGapExplanation(_ g: LicenceGap) -> String {
        switch g {
        case .missing: "Ohne Lizenz dürfen die Daten nicht weiterverwendet werden, und GovData übernimmt den Datensatz nicht."
        case .unknown: "Die Angabe ist keine bekannte Lizenz oder eine fehlerhafte Schreibweise; Nutzer können nicht erkennen, was gilt."
        case .notOpen: "Die Lizenz ist nicht offen (nicht-kommerziell, keine Bearbeitung oder geschlossen); bitte prüfen, ob eine offene Lizenz möglich ist."
        case .conflicting: "Datensatz und Distributionen (oder dieselben Daten in mehreren Portalen) nennen verschiedene Lizenzen."
        case .versionAssumed: "Die Lizenz ist ohne Version angegeben; der Katalog nimmt eine Version an. Bitte die gemeinte Version eintragen."
        case .attributionMissing: "Die Lizenz ist in Ordnung, verlangt aber eine Namensnennung; der Text dafür fehlt (DCAT-AP.de: dcatde:licenseAttributionByText)."
        }
    }

    static func readMode(_ m: SourceReadMode) -> String {
        switch m {
        case .live: "live vom Portal"
        case .snapshot: "Aufnahme (Snapshot)"
        case .skipped: "übersprungen"
        }
    }

    static func runStatus(_ s: RunStatus) -> String {
        switch s {
        case .done: "erfolgreich"
        case .doneWithErrors: "abgeschlossen mit Fehlern"
        case .failed: "fehlgeschlagen"
        }
    }

    static func severity(_ s: Finding.Severity) -> String {
        switch s {
        case .note: "Hinweis"
        case .warning: "Warnung"
        case .error: "Fehler"
        }
    }

    static let frequencies: [String: String] = [
        "ANNUAL": "jährlich", "ANNUAL_2": "halbjährlich", "ANNUAL_3": "dreimal im Jahr", "BIENNIAL": "alle zwei Jahre",
        "BIMONTHLY": "alle zwei Monate", "BIWEEKLY": "alle zwei Wochen", "CONT": "laufend", "DAILY": "täglich",
        "DAILY_2": "zweimal täglich", "HOURLY": "stündlich", "IRREG": "unregelmäßig", "MONTHLY": "monatlich",
        "MONTHLY_2": "zweimal im Monat", "MONTHLY_3": "dreimal im Monat", "NEVER": "nie", "OP_DATPRO": "vorläufig",
        "QUARTERLY": "vierteljährlich", "TRIENNIAL": "alle drei Jahre", "UNKNOWN": "unbekannt", "UPDATE_CONT": "fortlaufend",
        "WEEKLY": "wöchentlich", "WEEKLY_2": "zweimal wöchentlich", "WEEKLY_3": "dreimal wöchentlich", "QUINQUENNIAL": "alle fünf Jahre",
        "DECENNIAL": "alle zehn Jahre", "1MIN": "minütlich", "5MIN": "alle fünf Minuten", "10MIN": "alle zehn Minuten",
        "15MIN": "alle 15 Minuten", "30MIN": "alle 30 Minuten", "12HRS": "alle zwölf Stunden",
    ]
    static let languages: [String: String] = [
        "DEU": "Deutsch", "ENG": "Englisch", "FRA": "Französisch", "NLD": "Niederländisch", "TUR": "Türkisch",
        "ITA": "Italienisch", "SPA": "Spanisch", "POL": "Polnisch", "DAN": "Dänisch",
    ]
    /// dcat-ap.de political geocoding levels (`…/def/politicalGeocodingLevel/state` …), keys upper-cased.
    static let geocodingLevels: [String: String] = [
        "EUROPEAN": "Europa", "FEDERAL": "Bund", "STATE": "Land", "ADMINISTRATIVEDISTRICT": "Kreis",
        "MUNICIPALITY": "Gemeinde",
    ]
    static let accessRights: [String: String] = [
        "PUBLIC": "öffentlich", "RESTRICTED": "eingeschränkt", "NON_PUBLIC": "nicht öffentlich", "CONFIDENTIAL": "vertraulich",
        "SENSITIVE": "sensibel",
    ]

    /// A German label for an EU vocabulary IRI from `table`, else its last segment.
    static func label(_ iri: String, _ table: [String: String]) -> String {
        let code = lastSegment(iri)
        return table[code.uppercased()] ?? code
    }

    /// The last path segment of an IRI (for compact display of vocabulary IRIs).
    static func lastSegment(_ iri: String) -> String {
        var s = Substring(iri)
        while s.hasSuffix("/") || s.hasSuffix("#") { s = s.dropLast() }
        if let i = s.lastIndex(where: { $0 == "/" || $0 == "#" }) { return String(s[s.index(after: i)...]) }
        return String(s)
    }
}
