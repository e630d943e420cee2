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
        fastTokens(text) ?? unicodeTokens(text)
    }

    /// `tokens` scalar by scalar for text whose other characters are Latin letters (U+00C0–U+024F), Latin-1
    /// signs, general punctuation and currency signs (nearly every German or English text): ASCII and ä ö ü ß
    /// (either case) directly, punctuation as separators, other Latin letters folded on their own through
    /// `folded`. nil for anything else, which the whole-text path (`unicodeTokens`) handles: there, folding looks
    /// at whole grapheme clusters, and a combining or spacing mark, joiner or prepended sign changes the cluster
    /// of its neighbour; none of the characters taken here forms a cluster or a composition with another. (A test
    /// compares both paths on every demo string and on random text.) With whole-text normalisation for every text,
    /// the search index was 31 % of a snapshot load's perf samples, most of it in Foundation's normalisation.
    package static func fastTokens(_ text: String) -> [String]? {
        var t = Tokenizer()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x41...0x5A: t.letter(UInt8(v) | 0x20)
            case 0...0x7F: t.feed(v)
            case 0xE4, 0xC4: t.letter(0x61); t.letter(0x65)  // ä Ä → ae
            case 0xF6, 0xD6: t.letter(0x6F); t.letter(0x65)  // ö Ö → oe
            case 0xFC, 0xDC: t.letter(0x75); t.letter(0x65)  // ü Ü → ue
            case 0xDF: t.letter(0x73); t.letter(0x73)  // ß → ss
            case 0xA0...0xBF, 0xD7, 0xF7, 0x2010...0x2027, 0x2030...0x205E, 0x20A0...0x20CF: t.feed(v)  // signs: separators
            case 0xC0...0x24F: for s in folded(String(scalar)) { t.feed(s.value) }
            default: return nil
            }
        }
        return t.finish()
    }

    /// `tokens` for any text: the whole text folded, then split.
    package static func unicodeTokens(_ text: String) -> [String] {
        var t = Tokenizer()
        for s in folded(text) { t.feed(s.value) }
        return t.finish()
    }

    /// Precomposed, lower-cased, `foldings` applied, then canonically decomposed (accents become combining marks).
    static func folded(_ text: String) -> String.UnicodeScalarView {
        var folded = ""
        folded.reserveCapacity(text.utf8.count)
        for ch in text.composedNFC.lowercased() {
            if let f = foldings[ch] { folded += f } else { folded.append(ch) }
        }
        return folded.decomposedStringWithCanonicalMapping.unicodeScalars
    }

    /// Runs of `a-z0-9` become tokens; combining accents (U+0300–U+036F) are skipped (the letter before them
    /// stays); anything else ends a token.
    struct Tokenizer {
        var out: [String] = []
        var current: [UInt8] = []

        mutating func letter(_ b: UInt8) { current.append(b) }

        mutating func feed(_ v: UInt32) {
            if (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) {
                current.append(UInt8(v))
            } else if !(0x300...0x36F).contains(v), !current.isEmpty {
                out.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
        }

        mutating func finish() -> [String] {
            if !current.isEmpty { out.append(String(decoding: current, as: UTF8.self)) }
            return out
        }
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
