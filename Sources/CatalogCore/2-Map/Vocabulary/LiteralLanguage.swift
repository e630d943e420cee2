// The language tag of published literals: the record's language (CKAN `language`, DCAT `dct:language`), else the
// source's configured `language`, else the catalogue's first language (docs/mapping.md, "How fields are read").

package enum LiteralLanguage {
    /// The EU language code (`DEU`) of a code or an EU language IRI; nil for anything else.
    package static func code(_ raw: String?) -> String? {
        guard var t = raw?.trimmedSpace(), !t.isEmpty else { return nil }
        if t.hasPrefix(Vocabulary.languageBase) { t = String(t.dropFirst(Vocabulary.languageBase.count)) }
        let upper = t.uppercased()
        return upper.count == 3 && upper.allSatisfy { $0.isASCII && $0.isLetter } ? upper : nil
    }

    /// The BCP 47 tag for an EU language code or IRI: the ISO 639-1 code where there is one (`DEU` → `de`),
    /// else the lower-cased three-letter code; nil when `raw` is no language code.
    package static func tag(_ raw: String?) -> String? {
        guard let c = code(raw) else { return nil }
        return twoLetter[c] ?? c.lowercased()
    }

    private static let twoLetter: [String: String] = [
        "BUL": "bg", "CES": "cs", "DAN": "da", "DEU": "de", "ELL": "el", "ENG": "en", "EST": "et", "FIN": "fi",
        "FRA": "fr", "GLE": "ga", "HRV": "hr", "HUN": "hu", "ITA": "it", "LAV": "lv", "LIT": "lt", "LTZ": "lb",
        "MLT": "mt", "NLD": "nl", "NOR": "no", "POL": "pl", "POR": "pt", "RON": "ro", "RUS": "ru", "SLK": "sk",
        "SLV": "sl", "SPA": "es", "SWE": "sv", "TUR": "tr", "UKR": "uk", "ARA": "ar", "ZHO": "zh", "JPN": "ja",
        "ISL": "is", "CAT": "ca", "EUS": "eu", "GLG": "gl", "CYM": "cy", "FRY": "fy", "DSB": "dsb", "HSB": "hsb",
    ]
}
