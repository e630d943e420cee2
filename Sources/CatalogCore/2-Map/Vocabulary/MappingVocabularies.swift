public import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The controlled vocabularies and lookup tables the CKAN mapper needs, parsed from `catalog/vocabularies/`.
///
/// Kept as data files (not code) so the open-data team can extend aliases without a release; parsed from bytes
/// here so Core stays free of file IO (`VocabularyLoader` in CatalogIO reads the files).
package struct MappingVocabularies: Sendable {
    /// Theme look-ups repeat the same few group names and theme strings for every record.
    private let themeCache = MemoCache<String, [String]?>()

    /// A place name's political geocoding (Berlin `geographical_coverage` table).
    package struct Geocoding: Sendable, Hashable {
        package var uri: String
        package var level: String?
        package var geonames: String?
    }

    /// File names in `catalog/vocabularies/` and whether each is required.
    package enum File {
        package static let fileTypes = "file-type-20220615-0.rdf"
        package static let dataThemes = "data-theme-20241211-0.rdf"
        package static let ckanFormats = "ckan-resource_formats.json"
        package static let berlinFormats = "berlin-format-to-eu-filetype.json"
        package static let formatAliases = "format-aliases.json"
        package static let themeLabels = "ckanext-dcatde-dcat_theme.json"
        package static let ogdCategories = "ckanext-dcatde-ogd-category-to-dcat-theme.json"
        package static let berlinCategories = "berlin-category-to-eu-theme.json"
        package static let themeAliases = "theme-aliases.json"
        package static let geoCoverage = "berlin-geo-coverage-to-politicalGeocoding.json"
        package static let languages = "language-codes.json"
        package static let all = [
            fileTypes, dataThemes, ckanFormats, berlinFormats, formatAliases, themeLabels, ogdCategories,
            berlinCategories, themeAliases, geoCoverage, languages,
        ]
    }

    package struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        package var file: String
        package var message: String
        package var description: String { "\(file): \(message)" }

        package init(file: String, message: String) {
            self.file = file
            self.message = message
        }
    }

    /// EU data-theme codes (OP_DATPRO excluded: provisional, never assigned by us).
    package var themeCodes: Set<String>
    /// Folded category/group name → EU theme codes; an empty list means "known, deliberately no theme" (e.g. OGD `geo`).
    package var themeAliases: [String: [String]]
    /// EU file-type codes valid in the file-type NAL.
    package var fileTypeCodes: Set<String>
    /// Normalised format spelling or MIME type → EU file-type code.
    package var formatAliases: [String: String]
    /// EU file-type code → IANA media type.
    package var mediaTypes: [String: String]
    /// Folded place name → political geocoding.
    package var geocoding: [String: Geocoding]
    /// Lower-cased language code or name → EU language code.
    package var languages: [String: String]

    package init(
        themeCodes: Set<String>, themeAliases: [String: [String]], fileTypeCodes: Set<String>, formatAliases: [String: String],
        mediaTypes: [String: String], geocoding: [String: Geocoding], languages: [String: String]
    ) {
        self.themeCodes = themeCodes
        self.themeAliases = themeAliases
        self.fileTypeCodes = fileTypeCodes
        self.formatAliases = formatAliases
        self.mediaTypes = mediaTypes
        self.geocoding = geocoding
        self.languages = languages
    }

    /// Parses the vocabulary files, keyed by file name (see `File`); every file in `File.all` is required.
    package static func parse(files: [String: Data]) throws -> MappingVocabularies {
        let files = Files(files)
        // EU NALs (RDF/XML): codes and labels.
        let fileTypeConcepts = try SKOSConcepts.parse(try files.data(File.fileTypes), base: Vocabulary.fileTypeBase, file: File.fileTypes)
        let fileTypeCodes = Set(fileTypeConcepts.keys)
        guard fileTypeCodes.contains("CSV") else { throw ParseError(file: File.fileTypes, message: "no file-type concepts found") }
        let themeConcepts = try SKOSConcepts.parse(try files.data(File.dataThemes), base: Vocabulary.themeBase, file: File.dataThemes)
        let themeCodes = Set(themeConcepts.keys).subtracting(["OP_DATPRO"])
        guard themeCodes.count >= 13 else { throw ParseError(file: File.dataThemes, message: "expected 13 data themes, found \(themeCodes.count)") }
        let themes = try parseThemes(files, concepts: themeConcepts, codes: themeCodes)
        let (formats, media) = try parseFormats(files, concepts: fileTypeConcepts, codes: fileTypeCodes)

        // Geocoding (Berlin place names) and languages.
        var geo: [String: Geocoding] = [:]
        for (name, entry) in try files.json(File.geoCoverage).object ?? [:] {
            guard let uri = entry["politicalGeocodingURI"]?.text else { continue }
            geo[ThemeKey.fold(name)] = Geocoding(uri: uri, level: entry["politicalGeocodingLevelURI"]?.text, geonames: entry["geonames"]?.text)
        }
        var langs: [String: String] = [:]
        for (k, v) in try files.json(File.languages).object ?? [:] where !k.hasPrefix("_") {
            if let code = v.text { langs[k.lowercased()] = code }
        }
        return MappingVocabularies(
            themeCodes: themeCodes, themeAliases: themes, fileTypeCodes: fileTypeCodes, formatAliases: formats,
            mediaTypes: media, geocoding: geo, languages: langs)
    }

    /// The vocabulary files by name; a missing or unreadable one is a `ParseError` naming it.
    private struct Files {
        let files: [String: Data]

        init(_ files: [String: Data]) { self.files = files }

        func data(_ name: String) throws -> Data {
            guard let d = files[name] else { throw ParseError(file: name, message: "missing") }
            return d
        }

        func json(_ name: String) throws -> JSONValue {
            guard let v = JSONValue.parse(try data(name)) else { throw ParseError(file: name, message: "not valid JSON") }
            return v
        }
    }

    /// Theme keys (folded) → codes: the codes and NAL labels, ckanext-dcatde German labels, OGD and Berlin
    /// categories, our Aachen table; the first file naming a key wins.
    private static func parseThemes(_ files: Files, concepts themeConcepts: [String: Set<String>], codes themeCodes: Set<String>) throws -> [String: [String]] {
        var themes: [String: [String]] = [:]
        func addTheme(_ key: String, _ codes: [String], file: String) throws {
            let upper = codes.map { $0.uppercased() }
            for c in upper where !themeCodes.contains(c) {
                throw ParseError(file: file, message: "'\(key)' maps to unknown theme '\(c)'")
            }
            let k = ThemeKey.fold(key)
            if !k.isEmpty, themes[k] == nil { themes[k] = upper.sorted() }
        }
        for code in themeCodes.sorted() {
            try addTheme(code, [code], file: File.dataThemes)
            for label in themeConcepts[code]!.sorted() { try addTheme(label, [code], file: File.dataThemes) }
        }
        func codesOf(_ v: JSONValue) -> [String] {
            if case .array = v { return v.texts }
            return v.text.map { [$0] } ?? []
        }
        for name in [File.themeAliases, File.themeLabels, File.ogdCategories, File.berlinCategories] {
            guard let o = try files.json(name).object else { throw ParseError(file: name, message: "expected an object") }
            for key in o.keys.sorted() where !key.hasPrefix("_") {
                if name == File.themeLabels {
                    // {"soci": "Bevölkerung und Gesellschaft"}: the label names the code.
                    try addTheme(o[key]!.text ?? "", [key], file: name)
                } else {
                    try addTheme(key, codesOf(o[key]!), file: name)
                }
            }
        }
        return themes
    }

    /// Format keys (normalised) → EU file-type codes, and a media type per code: our aliases first, then EU
    /// codes and labels, the Berlin table, CKAN's resource_formats.json.
    private static func parseFormats(_ files: Files, concepts fileTypeConcepts: [String: Set<String>], codes fileTypeCodes: Set<String>) throws -> (formats: [String: String], media: [String: String]) {
        var formats: [String: String] = [:]
        var media: [String: String] = [:]
        func addFormat(_ key: String, _ code: String) {
            let k = FormatKey.normalise(key)
            guard !k.isEmpty, fileTypeCodes.contains(code), formats[k] == nil else { return }
            formats[k] = code
        }
        guard let own = try files.json(File.formatAliases).object else { throw ParseError(file: File.formatAliases, message: "expected an object") }
        for key in own.keys.sorted() where !key.hasPrefix("_") {
            guard let code = own[key]?.text, fileTypeCodes.contains(code) else {
                throw ParseError(file: File.formatAliases, message: "'\(key)' maps to a code not in the EU file-type NAL")
            }
            addFormat(key, code)
        }
        for code in fileTypeCodes.sorted() { addFormat(code, code) }
        for code in fileTypeCodes.sorted() { for label in fileTypeConcepts[code]!.sorted() { addFormat(label, code) } }
        guard let berlin = try files.json(File.berlinFormats).object else { throw ParseError(file: File.berlinFormats, message: "expected an object") }
        for key in berlin.keys.sorted() {
            let entry = berlin[key]!
            // Berlin maps WMS/WFS to its own daten.berlin.de URIs; only EU NAL codes are taken.
            guard let uri = entry["uri"]?.text, uri.hasPrefix(Vocabulary.fileTypeBase) else { continue }
            let code = String(uri.dropFirst(Vocabulary.fileTypeBase.count))
            addFormat(key, code)
            if let label = entry["label"]?.text { addFormat(label, code) }
            if let mt = entry["media_type"]?.text, MediaType.isValid(mt), media[code] == nil { media[code] = mt }
        }
        guard let ckan = try files.json(File.ckanFormats).array else { throw ParseError(file: File.ckanFormats, message: "expected an array") }
        for row in ckan {
            guard let cols = row.array, cols.count >= 3, let name = cols[0].text, name != "_comment" else { continue }
            let code = formats[FormatKey.normalise(name)]
            guard let code else { continue }
            if let mt = cols[2].text, MediaType.isValid(mt) {
                addFormat(mt, code)
                if media[code] == nil { media[code] = mt }
            }
            if cols.count >= 4 { for alt in cols[3].texts { addFormat(alt, code) } }
        }
        return (formats, media)
    }

    /// Theme codes for a group/category name, slug, code or theme IRI; nil when unknown, [] when known to have none.
    package func themes(for raw: String) -> [String]? {
        themeCache.value(for: raw) { uncachedThemes(for: $0) }
    }

    private func uncachedThemes(for raw: String) -> [String]? {
        let t = raw.trimmedSpace()
        if t.hasPrefix("http://") || t.hasPrefix("https://") {
            let last = t.split(separator: "/").last.map(String.init)?.uppercased() ?? ""
            return t.lowercased().contains("data-theme") && themeCodes.contains(last) ? [last] : nil
        }
        // Köln DKAN: group names carry a path prefix, `group/stadt-köln`.
        var s = t
        if s.lowercased().hasPrefix("group/") { s = String(s.dropFirst(6)) }
        return themeAliases[ThemeKey.fold(s)]
    }

    /// The EU file-type code for a format spelling or MIME type, if known.
    package func fileType(for raw: String) -> String? {
        let k = FormatKey.normalise(raw)
        if k.isEmpty { return nil }
        if let c = formatAliases[k] { return c }
        // Berlin `zip:shp`, `bz2:nt`: the container comes first.
        if let colon = k.firstIndex(of: ":") { return formatAliases[String(k[..<colon])] }
        // MIME parameters: `text/csv; charset=utf-8`.
        if let semi = k.firstIndex(of: ";") { return formatAliases[String(k[..<semi]).trimmedBlanks()] }
        return nil
    }

    static let iso639IRIPrefixes = [
        "http://id.loc.gov/vocabulary/iso639-1/", "http://id.loc.gov/vocabulary/iso639-2/", "https://id.loc.gov/vocabulary/iso639-1/",
        "https://id.loc.gov/vocabulary/iso639-2/", "http://lexvo.org/id/iso639-3/", "http://lexvo.org/id/iso639-1/",
    ]

    /// The EU language code for a code, name or language IRI.
    package func language(for raw: String) -> String? {
        let t = raw.trimmedSpace()
        if t.hasPrefix(Vocabulary.languageBase) {
            let code = String(t.dropFirst(Vocabulary.languageBase.count))
            return code.count == 3 && code.allSatisfy({ $0.isUppercase && $0.isASCII }) ? code : nil
        }
        // ISO 639 code IRIs (`http://id.loc.gov/vocabulary/iso639-1/de`, `…/iso639-2/ger`, lexvo's `…/iso639-3/deu`).
        if let slash = t.lastIndex(of: "/"), Self.iso639IRIPrefixes.contains(where: { t.hasPrefix($0) }) {
            return languages[t[t.index(after: slash)...].lowercased()]
        }
        // `de-DE`, `de_DE`.
        let base = t.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
        return languages[t.lowercased()] ?? languages[base]
    }
}

/// Folding of category names so `BILDUNG, KULTUR UND SPORT`, `Bildung Kultur und Sport` and `bildung-kultur-sport` match.
package enum ThemeKey {
    /// Lower-case, umlauts/ß/accents folded (`ä`/`ae` → `a`), words sorted, `und`/`and`/`&` dropped, punctuation removed.
    package static func fold(_ s: String) -> String {
        var t = s.lowercased().replacingOccurrences(of: "ß", with: "ss")
        t = t.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        let words = t.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) }).map { w -> String in
            String(w).replacingOccurrences(of: "ae", with: "a").replacingOccurrences(of: "oe", with: "o").replacingOccurrences(of: "ue", with: "u")
        }
        return words.filter { $0 != "und" && $0 != "and" }.sorted().joined(separator: " ")
    }
}

/// Normalisation of format strings: trimmed, lower-case, leading dot and IANA IRI prefix removed.
package enum FormatKey {
    package static func normalise(_ s: String) -> String {
        var t = s.trimmedSpace().lowercased()
        for prefix in ["https://www.iana.org/assignments/media-types/", "http://www.iana.org/assignments/media-types/"] where t.hasPrefix(prefix) {
            t = String(t.dropFirst(prefix.count))
        }
        if t.hasPrefix(Vocabulary.fileTypeBase.lowercased()) { t = String(t.dropFirst(Vocabulary.fileTypeBase.count)) }
        while t.hasPrefix(".") { t.removeFirst() }
        return t
    }
}

/// IANA media type syntax check (`type/subtype` with a registered top-level type).
package enum MediaType {
    private static let topLevel: Set<String> = ["application", "audio", "font", "image", "message", "model", "multipart", "text", "video"]

    package static func isValid(_ s: String) -> Bool {
        let parts = s.lowercased().split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, topLevel.contains(String(parts[0])), !parts[1].isEmpty else { return false }
        return parts[1].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-._".contains($0)) }
    }

    /// A valid media type from a raw value (plain or IANA IRI), lower-cased; nil otherwise.
    package static func normalise(_ raw: String) -> String? {
        var t = FormatKey.normalise(raw)
        if let semi = t.firstIndex(of: ";") { t = String(t[..<semi]).trimmedBlanks() }
        return isValid(t) ? t : nil
    }
}

/// Reads `skos:Concept`s of one EU NAL from RDF/XML: code (IRI suffix under `base`) → prefLabels (de, en).
enum SKOSConcepts {
    static func parse(_ data: Data, base: String, file: String) throws -> [String: Set<String>] {
        let delegate = Collector(base: base)
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse() else {
            throw MappingVocabularies.ParseError(file: file, message: "invalid RDF/XML: \(parser.parserError.map { "\($0)" } ?? "unknown error")")
        }
        return delegate.concepts
    }

    private final class Collector: NSObject, XMLParserDelegate {
        let base: String
        var concepts: [String: Set<String>] = [:]
        var current: String?
        var labelLang: String?
        var text = ""

        init(base: String) { self.base = base }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if name == "skos:Concept" || name == "Concept", let about = attributes["rdf:about"], about.hasPrefix(base) {
                current = String(about.dropFirst(base.count))
                concepts[current!, default: []] = concepts[current!] ?? []
            } else if current != nil, name == "skos:prefLabel" || name == "prefLabel" {
                labelLang = attributes["xml:lang"] ?? ""
                text = ""
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if labelLang != nil { text += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "skos:prefLabel" || name == "prefLabel", let lang = labelLang, let c = current {
                if lang == "de" || lang == "en" { concepts[c]!.insert(text.trimmedSpace()) }
                labelLang = nil
            } else if name == "skos:Concept" || name == "Concept" {
                current = nil
            }
        }
    }
}
