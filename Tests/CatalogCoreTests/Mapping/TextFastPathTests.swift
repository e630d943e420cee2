@testable import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

/// The byte-level fast paths (tag stripping, tidying, HTML escaping, whitespace collapsing, the `<time>`
/// check) must give exactly what the character-wise reference paths give: on every string value of the demo
/// dumps and on random strings built from the characters that matter (tags, entities, CR/LF, tabs, NBSP,
/// umlauts, combining marks, controls).
@Suite struct TextFastPathTests {
    /// Every string in the recorded demo dumps (titles, notes, extras, URLs …).
    static let demoStrings: [String] = {
        var out: [String] = []
        func walk(_ v: JSONValue) {
            switch v {
            case .string(let s): out.append(s)
            case .array(let a): a.forEach(walk)
            case .object(let o): o.values.forEach(walk)
            default: break
            }
        }
        for file in ["berlin-2014-12.json", "govdata-hamburg-2020.json", "koeln-2014-11.json", "koeln-2015-01.json"] {
            if let data = try? Data(contentsOf: Fixtures.catalog("demo/" + file)), let json = JSONValue.parse(data) { walk(json) }
        }
        return out
    }()

    static func randomStrings(count: Int, seed: UInt64) -> [String] {
        let pieces = [
            "<p>", "</p>", "<br/>", "<LI>", "<li class=\"x\">", "</ul>", "<pä>", "<p→>", "<link>", "<", ">", "&amp;", "&auml;",
            "&#x41;", "&#228;", "&nbsp;", "&bogus;", "&", " ", "  ", "\t", "\n", "\n\n", "\r\n", "\r", "\u{00A0}", "ä", "Straße",
            "e\u{0301}", "\u{0301}", " \u{0301}", "\u{2028}", "\u{0085}", "\u{3000}", "\u{01}", "\u{7F}", "\u{9F}", "\"", "'", "a", "Text",
            "İ", "ﬁ", "😀", "\u{FFFE}",
        ]
        var state = seed
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        return (0..<count).map { _ in (0..<(next() % 14)).map { _ in pieces[next() % pieces.count] }.joined() }
    }

    static let inputs: [String] = demoStrings + randomStrings(count: 20_000, seed: 7)

    /// `composedNFC` equals Foundation's NFC on every kind of text, taking the shortcut only below U+0300.
    @Test func composedNFCMatchesFoundation() {
        let samples = [
            "", "Straßenbäume Aachen", "A\u{308}rztekammer", "Ä", "ǅ", "\u{2FF}", "e\u{301}", "\u{1100}\u{1161}",
            "Ω", "\u{2126}", "İstanbul".lowercased(), "Ǖ", "U\u{308}\u{304}", "Łódź", "日本語",
        ]
        for s in samples {
            #expect(Array(s.composedNFC.unicodeScalars) == Array(s.precomposedStringWithCanonicalMapping.unicodeScalars), "\(s.debugDescription)")
        }
    }

    /// Each code point `isNFCInert` lets through above U+02FF stays as it is under NFC: alone, after every code
    /// point below U+0300 and every other such code point, and before a letter.
    @Test func nfcInertCodePointsAreLeftAloneByFoundation() {
        let inert = (0x300...0x3000).filter { String.isNFCInert(UInt32($0)) }.compactMap(Unicode.Scalar.init)
        #expect(inert.count > 100)
        let before = (0x20..<0x300).compactMap(Unicode.Scalar.init) + inert
        for c in inert {
            for s in [String(c), String(c) + "a"] + before.map({ String($0) + String(c) }) {
                #expect(Array(s.precomposedStringWithCanonicalMapping.unicodeScalars) == Array(s.unicodeScalars), "\(s.debugDescription)")
            }
        }
        #expect(!String.isNFCInert(0x2000) && !String.isNFCInert(0x2126) && !String.isNFCInert(0x0301))
        #expect("„Straße“ – 5 €".composedNFC == "„Straße“ – 5 €")
    }

    @Test func inputsCoverTheDemo() {
        #expect(Self.demoStrings.count > 10_000)
    }

    @Test func tagStrippingBytesEqualsCharacterwise() {
        var fast = 0
        for s in Self.inputs {
            guard let bytes = PlainText.fromHTMLBytes(s) else { continue }
            fast += 1
            #expect(bytes == PlainText.stripTagsCharacterwise(s), "\(s.debugDescription)")
        }
        #expect(fast > Self.inputs.count / 2)
    }

    /// The byte replacement of CR LF, CR and NBSP equals Foundation's three `replacingOccurrences`, also for CRs
    /// in a row, at the ends, and for other characters whose UTF-8 holds 0xA0 or starts with 0xC2 (à, ¢, ©).
    @Test func lineFeedsAndSpacesEqualsFoundation() {
        let crafted = ["\r", "\r\n", "\r\r\n", "a\rb\nc\r\nd\r", "\u{00A0}", "x\u{00A0}\r\u{00A0}\r", "voilà à ¢ ©\r\n", "\r\u{00A0}\r\n\u{00A0}", ""]
        var changed = 0
        for s in Self.inputs + crafted {
            let foundation = s.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
                .replacingOccurrences(of: "\u{00A0}", with: " ")
            #expect(PlainText.lineFeedsAndSpaces(s) == foundation, "\(s.debugDescription)")
            if foundation != s { changed += 1 }
        }
        #expect(changed >= crafted.count - 1)
    }

    @Test func tidyBytesEqualsCharacterwise() {
        for s in Self.inputs {
            let t = s.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
                .replacingOccurrences(of: "\u{00A0}", with: " ")
            guard PlainText.belowCombiningMarks(t) else { continue }
            #expect(PlainText.tidyBytes(t) == PlainText.tidyCharacterwise(t), "\(t.debugDescription)")
        }
    }

    /// Search tokens scalar by scalar equal the whole-text Unicode path; the random pieces add capitals, umlauts
    /// in both cases, letters that fold on their own (`ẞ`, `K` Kelvin, `Å` Ångström, `İ`, `ﬁ`, Greek sigma) and
    /// combining sequences that must fall back.
    @Test func searchTokensScalarwiseEqualWholeText() {
        let pieces = [
            "ÄÖÜ", "äöüß", "Straße", "MÜLLER-Lüdenscheid", "A\u{0308}", "ẞ", "Öl;ÜBER", "x1Y2", "Ã", "ÿ", "é", "\u{212A}",
            "\u{212B}", "İ", "ﬁ", "ΣΑΣ", "„Zitat“ – •", "Œuvre", "Ærø", "한국", "\u{1100}\u{1161}", "e\u{0301}", "\u{09C7}\u{09BE}",
        ]
        var state: UInt64 = 3
        let more = (0..<5_000).map { _ in
            (0..<6).map { _ -> String in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return pieces[Int(truncatingIfNeeded: state >> 33) % pieces.count]
            }.joined(separator: state & 1 == 0 ? " " : "")
        }
        var fast = 0
        for s in Self.inputs + more {
            guard let scalarwise = SearchText.fastTokens(s) else { continue }
            fast += 1
            #expect(scalarwise == SearchText.unicodeTokens(s), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(fast > Self.inputs.count / 2)
    }

    @Test func escapeFastPathEqualsScalarPath() {
        for s in Self.inputs {
            #expect(SiteHTML.escape(s) == SiteHTML.escapeScalars(s), "\(s.debugDescription)")
        }
    }

    /// CSV quoting on bytes equals quoting done per code point. The old per-Character check missed a quote or
    /// comma followed by a combining mark (`"\u{301}` is one Character), and `replacingOccurrences` left such a
    /// quote undoubled, which broke the row for every CSV reader; the byte path doubles every quote.
    @Test func csvQuotingBytesEqualsScalarwise() {
        let more = Self.randomStrings(count: 5_000, seed: 11).map { $0.replacingOccurrences(of: "a", with: ",") }
        for s in Self.inputs + more + ["\"\u{0301}", ",\u{0301}", "a\r\nb", "\"\"", ""] {
            let special = s.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            var doubled = String.UnicodeScalarView()
            for c in s.unicodeScalars {
                doubled.append(c)
                if c == "\"" { doubled.append(c) }
            }
            let reference = special ? "\"" + String(doubled) + "\"" : s
            #expect(CSVWriter.quoted(s) == reference, "\(s.debugDescription)")
        }
        #expect(CSVWriter.quoted("a\"\u{0301}b") == "\"a\"\"\u{0301}b\"")
    }

    /// The rows the exports write (`rowsBytes`, one pass over each plain cell's bytes) equal the cells written
    /// one by one through `cell` (sanitising, the formula guard, quoting) and joined, in both dialects: on
    /// random strings with separators, quotes, controls, formula starts, numbers, U+FEFF and U+FFFE.
    @Test func csvRowsBytesEqualCellByCell() {
        let starts = ["=", "+", "-", "@", "\t", "-3.5", "+12", "-1.2.3", ";", ",", "\"", "\r", "\u{FEFF}", "\u{FFFE}", "\u{00}"]
        var cells = Self.inputs + Self.randomStrings(count: 3_000, seed: 17).map { $0.replacingOccurrences(of: "a", with: ";") }
        cells += starts.flatMap { p in ["", "x", "a,b", "7", "\u{0301}"].map { p + $0 } }
        var rows: [[String]] = []
        for (i, c) in cells.enumerated() { rows.append([c, cells[(i * 7) % cells.count], ""]) }
        rows.append(["only one"])
        rows.append(["a", "b", "c", "dropped"])
        for dialect in [CSVWriter.Dialect.rfc4180, .excel] {
            let separator = String(UnicodeScalar(dialect.separator))
            let reference = rows.map { row in
                (0..<3).map { $0 < row.count ? CSVWriter.cell(row[$0], separator: dialect.separator) : "" }
                    .joined(separator: separator) + "\r\n"
            }
            for (row, line) in zip(rows, reference) {
                #expect(String(decoding: CSVWriter.rowsBytes([row], columns: 3, dialect: dialect), as: UTF8.self) == line, "\(row)")
            }
            #expect(CSVWriter.rowsText(rows, columns: 3, dialect: dialect) == reference.joined())
        }
    }

    /// CKAN dates read as bytes (ASCII text without CR) parse exactly as read as Characters: on the spellings
    /// the parser knows, mangled, and on random strings of their pieces.
    @Test func dateBytesEqualCharacterwise() {
        let pieces = [
            "2014", "12", "5", "05", "31", "2.", "-", ":", "T", " ", ".", "/", "Z", "z", "UTC", "GMT", "+01:00", "-0530", "+01",
            "+1", "682311", "Date changed\t", "Mai", "Januar", "um", "Uhr", "UHR", "- ", "\t", "x", "0", "9", "60", "24",
        ]
        var state: UInt64 = 23
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let known = [
            "2014-12-10T12:25:26+01:00", "2013-04-19T15:40:23.682311", "2000-01-01 00:00:00", "2012-05-10T21:04", "2014-12-10",
            "Date changed\t2014-12-10T09:56:43+01:00", "06.02.2013 16:49:58", "05/3/2014", "7. Mai 2015 - 18:09", "2014-02-30",
            "2014-12-10T12:25:26 UTC", "2014-12-10T12:25:26.Z", "06.02.2013 um 16:49 Uhr", "2014-12-10T25:00", "1999-1-01",
        ]
        var texts = known + (0..<20_000).map { _ in (0..<(1 + next() % 9)).map { _ in pieces[next() % pieces.count] }.joined() }
        // Known spellings with up to two pieces put in place of a character (or of nothing), or cut short.
        for _ in 0..<20_000 {
            var t = Array(known[next() % known.count])
            for _ in 0..<(next() % 3) {
                let at = next() % (t.count + 1), piece = Array(pieces[next() % pieces.count])
                t.replaceSubrange(at..<min(t.count, at + next() % 2), with: next() % 4 == 0 ? [] : piece)
            }
            texts.append(String(next() % 5 == 0 ? t.prefix(next() % (t.count + 1)) : t[...]))
        }
        var parsed = 0
        for t in texts {
            let bytes = CKANDate.parse(t, bytes: true)
            #expect(bytes == CKANDate.parse(t, bytes: false), "\(t.debugDescription)")
            if bytes != nil { parsed += 1 }
        }
        #expect(parsed > 5_000)
        #expect(CKANDate.parse("2013-04-19T15:40:23.682311+0100") == .dateTime("2013-04-19T15:40:23.682+01:00"))
    }

    /// Trimming without Foundation equals Foundation's, for every character Foundation counts as a blank or a
    /// newline (and near misses: U+180E, U+200B, U+FEFF) at either end, alone, repeated, around text, next to
    /// combining marks, and on random strings.
    @Test func trimmingEqualsFoundation() {
        let ends: [Unicode.Scalar] = [
            " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{1680}", "\u{180E}", "\u{2000}", "\u{2005}",
            "\u{200A}", "\u{200B}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}", "\u{FEFF}", "\u{0301}", "x", "ä",
        ]
        var cases = Self.inputs + ["", " a ", "\u{3000}x\u{3000}", "\ta\u{0301}", "\u{0301} "]
        for a in ends {
            for b in ends {
                cases += ["\(a)", "\(a)\(b)", "\(a)Text \(b)", "\(a)\(a)Wort\(b)\(b)", "\(a)\u{0301}x\(b)"]
            }
        }
        for s in cases {
            #expect(s.trimmedBlanks() == s.trimmingCharacters(in: .whitespaces), "\(s.debugDescription)")
            #expect(s.trimmedSpace() == s.trimmingCharacters(in: .whitespacesAndNewlines), "\(s.debugDescription)")
            let sub = s.dropFirst(0)
            #expect(sub.trimmedSpace() == sub.trimmingCharacters(in: .whitespacesAndNewlines), "\(s.debugDescription)")
        }
    }

    /// The id test on bytes equals its former definition (a regular expression for the UUID, Foundation character
    /// sets for the rest) on the demo's strings, random strings and UUIDs placed, cased and broken every way.
    @Test func identifierTestEqualsTheRegularExpression() {
        func reference(_ s: String) -> Bool {
            guard !s.contains(" ") else { return false }
            if s.range(of: "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", options: .regularExpression) != nil {
                return true
            }
            let hex = s.unicodeScalars.filter { CharacterSet(charactersIn: "0123456789abcdefABCDEF").contains($0) }.count
            let separators = s.unicodeScalars.filter { "-_/.:".unicodeScalars.contains($0) }.count
            return hex >= 16 && hex + separators == s.unicodeScalars.count
        }
        let uuid = "2e4414a8-4656-41af-9eb5-167fd48a8a88"
        var cases = Self.inputs.prefix(4_000).map { $0 } + ["", "0a1b2c3d4e5f6a7b8c9d", "0a1b2c3d4e5f6a7", "0A1B:2C3D_4E5F/6A7B.8C9D", "ä0a1b2c3d4e5f6a7b8c9d"]
        for variant in [uuid, uuid.uppercased(), "x" + uuid, uuid + "/resource/" + uuid, "a/" + uuid + ".csv", "ü" + uuid + "ß"] {
            cases.append(variant)
            for i in variant.indices {
                var broken = variant
                broken.replaceSubrange(i...i, with: "g")
                cases.append(broken)
                cases.append(String(variant[..<i]))
            }
        }
        for s in cases {
            #expect(SiteFileTitle.isIdentifier(s) == reference(s), "\(s.debugDescription)")
        }
    }

    /// Every Unicode scalar, alone: trimmed away exactly when Foundation's character sets hold it.
    @Test func trimmingEveryScalarEqualsFoundation() {
        for v in 0...0x10FFFF {
            guard let c = Unicode.Scalar(v) else { continue }
            let s = String(c)
            #expect(s.trimmedBlanks().isEmpty == CharacterSet.whitespaces.contains(c), "U+\(String(v, radix: 16))")
            #expect(s.trimmedSpace().isEmpty == CharacterSet.whitespacesAndNewlines.contains(c), "U+\(String(v, radix: 16))")
        }
    }

    @Test func collapseWhitespaceEqualsSplitJoin() {
        for s in Self.inputs where !s.unicodeScalars.contains(where: { $0.properties.generalCategory == .nonspacingMark }) {
            #expect(SiteRenderer.collapseWhitespace(s) == s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " "), "\(s.debugDescription)")
        }
    }

    /// Whitespace collapsed on bytes equals collapsing scalar by scalar: every scalar below U+10000 (and a few
    /// above) between letters and in runs, and the random inputs, stopped at several scalar counts.
    @Test func collapsedBytesEqualScalarwise() {
        var texts = Self.inputs
        for v in Array(0x80..<0x1_0000) + [0x1_0000, 0x1F600, 0x10_FFFF] {
            guard let c = Unicode.Scalar(v) else { continue }
            texts.append("a\(c)b")
            texts.append(" \(c)\(c) x\(c)")
        }
        for s in texts {
            for limit in [Int.max, 3, 40] {
                let bytes = s.utf8.withContiguousStorageIfAvailable { PlainText.collapsedWhitespace($0, scalars: limit) }
                let reference = SiteRenderer.collapseScalarwise(s, scalars: limit)
                #expect(bytes?.text == reference.text && bytes?.complete == reference.complete, "\(limit) \(s.debugDescription)")
            }
        }
    }

    /// Lowercasing by table equals the standard library's `lowercased()` for every scalar (alone and after
    /// text) and on the random inputs.
    @Test func lowercasedByTableEqualsLowercased() {
        var texts = Self.inputs
        for v in 0...0x10_FFFF where v % 7 == 0 || v < 0x3100 {
            guard let c = Unicode.Scalar(UInt32(v)) else { continue }
            texts.append(String(c))
            texts.append("Ab\(c)Ä")
        }
        for s in texts { #expect(s.lowercasedByTable == s.lowercased(), "\(s.debugDescription)") }
    }

    /// CKAN tag names of ASCII keywords made on their bytes equal those made character by character: every
    /// ASCII character between letters, at the ends and doubled, and every ASCII string of the inputs.
    @Test func tagNameBytesEqualCharacterwise() {
        var texts = Self.inputs.filter { $0.utf8.allSatisfy { $0 < 0x80 } }
        for b in UInt8(0)..<0x80 {
            let c = String(UnicodeScalar(b))
            texts += ["a\(c)b", c + "x" + c, c + c, "Verwaltung\(c) Haushalt\(c)\(c)1.0"]
        }
        #expect(texts.count > 600)
        for s in texts {
            #expect(CKANPackageRenderer.tagNameASCII(s) == CKANPackageRenderer.tagNameCharacterwise(s), "\(s.debugDescription)")
        }
    }

    /// JSON strings escaped eight bytes at a time equal escaping byte by byte, in both styles, with every
    /// special byte at every position of strings up to 40 bytes long.
    @Test func jsonEscapesWordwiseEqualBytewise() {
        let pieces = ["a", "ä", "€", "😀", "\"", "\\", "\n", "\r", "\t", "\u{01}", "\u{08}", "\u{0C}", "\u{1F}", "<", ">", "&", " ", "\u{7F}", "/", "abcdefgh"]
        func reference(_ s: String, markup: Bool) -> [UInt8] {
            var out: [UInt8] = [0x22]
            for b in s.utf8 {
                let short: [UInt8: Character] = markup ? [0x22: "\"", 0x5C: "\\", 0x0A: "n", 0x0D: "r", 0x09: "t"]
                    : [0x22: "\"", 0x5C: "\\", 0x0A: "n", 0x0D: "r", 0x09: "t", 0x08: "b", 0x0C: "f"]
                if let c = short[b] {
                    out += [0x5C, c.asciiValue!]
                } else if b < 0x20 || (markup && (b == 0x3C || b == 0x3E || b == 0x26)) {
                    out += Array(String(format: "\\u%04x", b).utf8)
                } else {
                    out.append(b)
                }
            }
            return out + [0x22]
        }
        var state: UInt64 = 41
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var texts = Self.inputs
        texts += (0..<20_000).map { _ in (0..<(next() % 24)).map { _ in pieces[next() % pieces.count] }.joined() }
        for k in 0..<40 { for p in pieces { texts.append(String(repeating: "x", count: k) + p + String(repeating: "y", count: 40 - k)) } }
        for s in texts {
            for style in [JSONStringBytes.Style.encoder, .markupSafe] {
                var out: [UInt8] = [0x5B]
                JSONStringBytes.append(s, to: &out, style: style)
                #expect(out.dropFirst().elementsEqual(reference(s, markup: style == .markupSafe)), "\(style) \(s.debugDescription)")
            }
        }
    }

    /// A snippet cut from the collapsed start of a text equals one cut from the whole collapsed text, also when
    /// combining marks make characters of many scalars (then the whole text is collapsed).
    @Test func snippetFromTheStartEqualsFromTheWhole() {
        func reference(_ s: String, limit: Int) -> String {
            let flat = SiteRenderer.collapseWhitespace(s)
            guard flat.count > limit else { return flat }
            var cut = String(flat.prefix(limit))
            if let space = cut.lastIndex(of: " ") { cut = String(cut[..<space]) }
            return cut + " …"
        }
        let pieces = Self.randomStrings(count: 2_400, seed: 5)
        let long = stride(from: 0, to: pieces.count, by: 8).map { pieces[$0..<$0 + 8].joined() }
        let marks = ["a" + String(repeating: "\u{0301}", count: 400) + " b", String(repeating: "e\u{0301}\u{0308} ", count: 200)]
        for s in Self.inputs + long + marks {
            for limit in [3, 10, 160] {
                #expect(SiteRenderer.snippet(s, limit: limit) == reference(s, limit: limit), "\(limit) \(s.debugDescription)")
            }
        }
    }

    @Test func timeCheckEqualsTheRegularExpression() throws {
        let regex = try NSRegularExpression(pattern: #"^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$"#)
        var samples = [
            "2024-01-31", "2024-01-31T10:20", "2024-01-31T10:20:30", "2024-01-31T10:20:30.1", "2024-01-31T10:20:30.123",
            "2024-01-31T10:20:30.1234", "2024-01-31T10:20Z", "2024-01-31T10:20:30+01:00", "2024-01-31T10:20:30-0100",
            "2024-01-31T10:20:30ZZ", "2024-1-31", "20240131", "2024-01-31T", "2024-01-31 10:20", "", "2024-01-31T10:20:30.Z",
            "٢٠٢٤-01-31",
        ]
        // Every prefix and one-character mutation of the valid forms.
        for s in samples where regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil {
            for n in 0...s.count { samples.append(String(s.prefix(n))) }
            for (i, _) in s.enumerated() {
                for r in ["0", "T", ":", ".", "-", "+", "Z", "x"] {
                    var chars = Array(s)
                    chars[i] = Character(r)
                    samples.append(String(chars))
                }
            }
        }
        for s in samples {
            let expected = regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
            #expect(SiteHTML.isMachineReadableTime(s) == expected, "\(s.debugDescription)")
        }
    }

    /// `replacingASCII` equals Foundation's `replacingOccurrences` on every input without a combining mark, and
    /// also replaces the character where a combining mark follows it (Foundation compares canonically there).
    @Test func replacingASCIIEqualsFoundationWithoutCombiningMarks() {
        let extra = ["<", "<<", "a<b</script>", "ä<ö", "1.5", "50.12345", "..", "Straße.", "日本<語", "\u{1F600}<"]
        for s in Self.inputs + extra where !s.unicodeScalars.contains(where: { $0.properties.generalCategory == .nonspacingMark }) {
            #expect(s.replacingASCII(UInt8(ascii: "<"), with: "\\u003c") == s.replacingOccurrences(of: "<", with: "\\u003c"), "\(s.debugDescription)")
            #expect(s.replacingASCII(UInt8(ascii: "."), with: ",") == s.replacingOccurrences(of: ".", with: ","), "\(s.debugDescription)")
        }
        #expect("a<\u{338}b".replacingASCII(UInt8(ascii: "<"), with: "\\u003c") == "a\\u003c\u{338}b")
    }

    /// `replacingAll` equals Foundation's `replacingOccurrences` wherever the target occurs (and is nil where
    /// it does not), for the geocoding level fix and for targets that overlap themselves or the text's edges.
    @Test func replacingAllEqualsFoundation() {
        let level = "http://dcat-ap.de/def/politicalGeocoding/level/state"
        #expect(level.replacingAll("/politicalGeocoding/level/", with: "/politicalGeocoding/Level/") == "http://dcat-ap.de/def/politicalGeocoding/Level/state")
        #expect("http://dcat-ap.de/def/politicalGeocoding/Level/state".replacingAll("/politicalGeocoding/level/", with: "/politicalGeocoding/Level/") == nil)
        let cases: [(String, String, String)] = [
            ("aaaa", "aa", "b"), ("aaa", "aa", "xyz"), ("abcabc", "abc", ""), ("äöü-äöü", "öü", "ue"), ("x", "xy", "z"),
            ("/level//level/", "/level/", "/Level/"), ("日本語日本", "日本", "JP"), ("", "a", "b"),
        ]
        for (s, target, replacement) in cases + Self.inputs.prefix(3_000).flatMap { s in ["e", "an", ". ", "ä"].map { (s, $0, "#") } }
        where !s.unicodeScalars.contains(where: { $0.properties.generalCategory == .nonspacingMark }) {
            let foundation = s.replacingOccurrences(of: target, with: replacement)
            #expect(s.replacingAll(target, with: replacement) == (foundation == s ? nil : foundation), "\(s.debugDescription) \(target)")
        }
    }

    /// A compacted copy is the same text, byte for byte, for grown strings (the site's list items are built by
    /// appending), small ones and non-ASCII ones.
    @Test func compactedKeepsTheText() {
        var grown = "<li"
        for i in 0..<50 { grown += " data-\(i)=\"Grünfläche \(i)\"" }
        for s in [grown, "", "a", "Straße", "日本語", String(repeating: "x", count: 15), String(repeating: "ä", count: 40)] + Self.inputs.prefix(2_000) {
            let c = s.compacted()
            #expect(c == s && Array(c.utf8) == Array(s.utf8), "\(s.debugDescription)")
        }
    }

    /// `utf8Precedes` orders strings as their UTF-8 bytes do, like the generic comparison it replaced: on pairs
    /// of demo and random strings, each string against itself, and where one is a prefix of the other.
    @Test func utf8PrecedesEqualsTheGenericComparison() {
        let strings = Array(Self.demoStrings.prefix(3000)) + Self.randomStrings(count: 3000, seed: 11) + ["", "a", "ab", "a\u{0}", "ä", "z"]
        var state: UInt64 = 5
        for k in 0..<20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let a = strings[k % strings.count], b = strings[Int(state >> 33) % strings.count]
            #expect(a.utf8Precedes(b) == a.utf8.lexicographicallyPrecedes(b.utf8), "\(a.debugDescription) \(b.debugDescription)")
            #expect(b.utf8Precedes(a) == b.utf8.lexicographicallyPrecedes(a.utf8))
            #expect(!a.utf8Precedes(a))
            let longer = a + b
            #expect(b.isEmpty || a.utf8Precedes(longer))
        }
        let sorted = strings.sorted { $0.utf8Precedes($1) }
        #expect(sorted.map { Array($0.utf8) } == strings.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { Array($0.utf8) })
    }
}
