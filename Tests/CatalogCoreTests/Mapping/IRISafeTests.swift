import CatalogCore
import Foundation
import Testing

/// `IRISafe.segment` and `IRISafe.url` encode byte by byte and hand back the text itself when nothing needs
/// encoding; they must agree with the character-wise versions they replaced (kept here as the reference) on
/// URLs as sources write them and on random strings, and `String.concatenating` with an interpolation.
@Suite struct IRISafeTests {
    enum Reference {
        static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
        static let urlAllowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%".utf8)
        static func isHex(_ b: UInt8) -> Bool { (48...57).contains(b) || (65...70).contains(b) || (97...102).contains(b) }

        static func segment(_ s: String) -> String {
            var out = ""
            for b in s.utf8 {
                if unreserved.contains(b) { out.append(Character(Unicode.Scalar(b))) } else { out += String(format: "%%%02X", b) }
            }
            return out
        }

        static func url(_ raw: String, base: String?) -> String? {
            let t = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !t.isEmpty else { return nil }
            var encoded = ""
            let bytes = Array(t.utf8)
            for (i, b) in bytes.enumerated() {
                if b == UInt8(ascii: "%"), i + 2 < bytes.count, isHex(bytes[i + 1]), isHex(bytes[i + 2]) {
                    encoded.append("%")
                } else if urlAllowed.contains(b), b != UInt8(ascii: "%") {
                    encoded.append(Character(Unicode.Scalar(b)))
                } else {
                    encoded += String(format: "%%%02X", b)
                }
            }
            let lower = encoded.lowercased()
            if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("ftp://") {
                let afterScheme = encoded[encoded.index(encoded.firstIndex(of: ":")!, offsetBy: 3)...]
                return afterScheme.isEmpty || afterScheme.hasPrefix("/") ? nil : encoded
            }
            if encoded.hasPrefix("/"), !encoded.hasPrefix("//"), let base, let b = url(base, base: nil) {
                return (b.hasSuffix("/") ? String(b.dropLast()) : b) + encoded
            }
            return nil
        }
    }

    static let written = [
        "https://offenedaten.aachen.de/dataset/haushalt-2024", "HTTPS://Example.org/A%20B?x=1#frag", "http://example.org/a b/ä",
        " https://example.org/trimmed \n", "https://example.org/100%", "https://example.org/%zz%4", "ftp://ftp.example.org/pub/",
        "http://", "https:///no-host", "/relative/path.csv", "//protocol-relative", "mailto:info@aachen.de", "www.aachen.de",
        "https://example.org/{braces}|^`\\\"<>", "https://example.org/ünïcödé/😀", "", "   ", "Stadt Aachen / Geodaten", "a",
    ]

    @Test func urlsAsSourcesWriteThem() {
        for raw in Self.written {
            for base in [nil, "https://offenedaten.aachen.de/", "not a url"] {
                #expect(IRISafe.url(raw, base: base) == Reference.url(raw, base: base), "\(raw) on \(base ?? "nil")")
            }
            #expect(IRISafe.segment(raw) == Reference.segment(raw), "\(raw)")
        }
        #expect(IRISafe.url("https://example.org/a b", base: nil) == "https://example.org/a%20b")
        #expect(IRISafe.segment("Köln 2024") == "K%C3%B6ln%202024")
        // Nothing to encode: the text itself comes back, no copy (the model keeps every distribution's URL).
        func storage(_ s: String) -> UnsafePointer<UInt8>? { s.utf8.withContiguousStorageIfAvailable { $0.baseAddress } ?? nil }
        let clean = String(Self.written[0] + "/resource/2d7675c1-0134-42ed-8f64-3e98cede2138")
        #expect(storage(IRISafe.url(clean, base: nil)!) == storage(clean))
        let segment = String(repeating: "pressemeldungen-", count: 3)
        #expect(storage(IRISafe.segment(segment)) == storage(segment))
    }

    @Test func randomStringsEncodeAsBefore() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["http://", "https://", "HTTP://", "/", "%", "%2", "%41", "%g1", " ", "\t", "a", "Z", "9", "-", "~", "ä", "ß", "😀",
                      "?", "#", "[", "]", "{", "|", "\"", "'", ":", "@", "example.org", "\n"]
        for _ in 0..<3_000 {
            let s = (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(IRISafe.url(s, base: "https://example.org") == Reference.url(s, base: "https://example.org"), "\(s.debugDescription)")
            #expect(IRISafe.segment(s) == Reference.segment(s), "\(s.debugDescription)")
        }
    }

    @Test func concatenatingJoinsAsAnInterpolation() {
        let dataset = "https://example.org/bench/dataset/source-b/pressemeldungen-b2469", id = "2d7675c1-0134-42ed-8f64-3e98cede2138"
        #expect(String.concatenating(dataset, "/distribution/", id) == "\(dataset)/distribution/\(id)")
        #expect(String.concatenating() == "" && String.concatenating("ä", "", "😀") == "ä😀")
    }
}
