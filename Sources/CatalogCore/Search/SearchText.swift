// The one text normaliser of every search: the CKAN API's package_search, the server's /suche page and the
// static site's index (whose script, SiteSearchScript.js, repeats these rules in JavaScript; the tests run
// both on the same words).

/// Splits text into search terms: lower case, German folding (ä→ae, ö→oe, ü→ue, ß→ss; other accents dropped),
/// runs of `a-z0-9` as tokens, stop words and one-letter tokens dropped, then a light German stemmer.
package enum SearchText {
    /// Frequent German (and a few English) function words: they would match almost every dataset.
    package static let stopWords: Set<String> = [
        "aber", "alle", "als", "am", "an", "auch", "auf", "aus", "bei", "bis", "das", "dass", "dem", "den", "der", "des",
        "die", "ein", "eine", "einem", "einen", "einer", "eines", "es", "fuer", "im", "in", "ist", "mit", "nach", "nicht",
        "oder", "sich", "sie", "sind", "so", "sowie", "ueber", "um", "und", "unter", "vom", "von", "werden", "wie", "wird",
        "wurde", "wurden", "zu", "zum", "zur", "and", "for", "of", "the", "to",
    ]

    /// Letters folding does not reach by removing accents.
    static let foldings: [Character: String] = [
        "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "þ": "th",
    ]

    /// The terms of `text` in order, repeated as often as they occur (for term frequencies).
    package static func terms(_ text: String) -> [String] {
        tokens(text).compactMap { token in
            guard token.utf8.count >= 2, !stopWords.contains(token) else { return nil }
            return stem(token)
        }
    }

    /// The distinct terms of a query, in the order they first occur.
    package static func queryTerms(_ text: String) -> [String] {
        var seen = Set<String>()
        return terms(text).filter { seen.insert($0).inserted }
    }

    /// Folded tokens (before stop words and stemming): `Straßen-Bäume` → `strassen`, `baeume`.
    package static func tokens(_ text: String) -> [String] {
        var folded = ""
        folded.reserveCapacity(text.utf8.count)
        for ch in text.precomposedStringWithCanonicalMapping.lowercased() {
            if let f = foldings[ch] { folded += f } else { folded.append(ch) }
        }
        var out: [String] = []
        var current: [UInt8] = []
        for scalar in folded.decomposedStringWithCanonicalMapping.unicodeScalars {
            let v = scalar.value
            if (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) {
                current.append(UInt8(v))
            } else if (0x300...0x36F).contains(v) {
                continue  // a combining accent: the letter before it stays
            } else if !current.isEmpty {
                out.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { out.append(String(decoding: current, as: UTF8.self)) }
        return out
    }

    /// A light German stemmer after CISTEM (Weissweiler & Fraser 2017): strips `em`, `er`, `nd` (words longer than
    /// five letters) and `e`, `n`, `s` (not after another `s`) from the end while more than three letters remain.
    /// Numbers stay as they are. `Minigolfanlagen` → `minigolfanlag`, `Daten` → `dat`, `Straße` → `strass`.
    package static func stem(_ token: String) -> String {
        var w = Array(token.utf8)
        guard w.contains(where: { $0 >= 0x61 }) else { return token }
        let e = UInt8(ascii: "e"), n = UInt8(ascii: "n"), s = UInt8(ascii: "s")
        while w.count > 3 {
            let last = w[w.count - 1], before = w[w.count - 2]
            if w.count > 5, (before == e && (last == UInt8(ascii: "m") || last == UInt8(ascii: "r"))) || (before == n && last == UInt8(ascii: "d")) {
                w.removeLast(2)
            } else if last == e || last == n || (last == s && before != s) {
                w.removeLast()
            } else {
                break
            }
        }
        return String(decoding: w, as: UTF8.self)
    }
}
