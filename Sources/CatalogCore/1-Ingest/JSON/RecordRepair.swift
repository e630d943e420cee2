package import Foundation

/// Repairs one harvested JSON record at the byte level, so that one bad record is repaired or rejected on its
/// own instead of failing its whole source (a page, a dump file).
///
/// Inside JSON strings: invalid UTF-8 sequences become U+FFFD, NUL (raw or `\u0000`) is removed, other raw
/// control characters (invalid JSON) become their escapes (`\n`, `\t`, `\r`) or a space, and a string value
/// longer than `maxFieldBytes` is cut at a character boundary and ends with "…". Structure is not checked
/// here (a JSON parser does that afterwards); bytes outside strings are copied as they are. A record that is
/// still larger than `maxRecordBytes` afterwards is to be rejected (`Result.tooLarge`).
///
/// Nothing is copied when nothing needs repair (`Result.bytes` is nil), so clean records cost one byte scan.
package enum RecordRepair {
    package struct Limits: Sendable, Hashable {
        /// Longest string value kept, in UTF-8 bytes (64 KB: a long description is a few KB).
        package var maxFieldBytes: Int
        /// Largest record accepted after repair.
        package var maxRecordBytes: Int

        package init(maxFieldBytes: Int = 64 << 10, maxRecordBytes: Int = 16 << 20) {
            self.maxFieldBytes = maxFieldBytes
            self.maxRecordBytes = maxRecordBytes
        }
    }

    package enum Kind: String, Sendable, Hashable {
        case invalidUTF8 = "record.invalid-utf8"
        case nul = "record.nul"
        case controlCharacter = "record.control-character"
        case fieldCut = "record.field-cut"
    }

    /// One kind of repair in one field (`field` is a dotted path, `[]` marks array elements).
    package struct Issue: Sendable, Hashable {
        package var kind: Kind
        package var field: String
        /// How many times (characters replaced or removed); for `fieldCut` the original length in bytes.
        package var count: Int
    }

    package struct Result: Sendable {
        /// The repaired bytes; nil when the record needed no repair.
        package var bytes: [UInt8]?
        package var issues: [Issue]
        /// Set (to the size in bytes) when the record is larger than `maxRecordBytes` even after repair.
        package var tooLarge: Int?
    }

    package static func repair(_ bytes: some Collection<UInt8>, limits: Limits = Limits()) -> Result {
        // Scanned where they are (a dump's records are slices of the file): copying each record first was a
        // third of this function's time.
        if let result = bytes.withContiguousStorageIfAvailable({ scan($0, limits: limits) }) { return result }
        return Array(bytes).withUnsafeBufferPointer { scan($0, limits: limits) }
    }

    private static func scan(_ buffer: UnsafeBufferPointer<UInt8>, limits: Limits) -> Result {
        var scanner = Scanner(input: buffer, limits: limits)
        scanner.run()
        var result = Result(bytes: scanner.changed ? scanner.output : nil, issues: scanner.issues, tooLarge: nil)
        let size = result.bytes?.count ?? buffer.count
        if size > limits.maxRecordBytes { result.tooLarge = size }
        return result
    }

    /// The findings for a repaired record: one per kind and field, naming the record.
    package static func findings(_ issues: [Issue], source: String, record: String, limits: Limits = Limits()) -> [Finding] {
        issues.map { issue in
            switch issue.kind {
            case .invalidUTF8:
                Finding(.warning, source: source, record: record, field: issue.field, .invalidUTF8Replaced, [String(issue.count)])
            case .nul:
                Finding(.warning, source: source, record: record, field: issue.field, .nulRemoved, [String(issue.count)])
            case .controlCharacter:
                Finding(.warning, source: source, record: record, field: issue.field, .controlCharacterReplaced, [String(issue.count)])
            case .fieldCut:
                Finding(.warning, source: source, record: record, field: issue.field, .fieldCut,
                        [String(issue.count), String(limits.maxFieldBytes >> 10)])
            }
        }
    }

    /// The finding for a record rejected as too large.
    package static func tooLargeFinding(size: Int, source: String, record: String, limits: Limits = Limits()) -> Finding {
        Finding(.error, source: source, record: record, .recordTooLarge, [String(size), String(limits.maxRecordBytes >> 20)])
    }

    /// A record's identity for findings: `id`, else `name`, else `#position`.
    package static func label(_ object: [String: Any]?, position: Int) -> String {
        if let id = object?["id"] as? String, !id.isEmpty { return id }
        if let name = object?["name"] as? String, !name.isEmpty { return name }
        return "#\(position)"
    }
}

private let quote = UInt8(ascii: "\"")
private let backslash = UInt8(ascii: "\\")
private let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
private let ellipsis: [UInt8] = [0xE2, 0x80, 0xA6]

/// The byte scanner behind `RecordRepair.repair`. Output is built lazily: `pending` is the start of the input
/// not yet copied; a repair first copies everything up to it.
private struct Scanner {
    let input: UnsafeBufferPointer<UInt8>
    let limits: RecordRepair.Limits
    var output: [UInt8] = []
    var pending = 0
    var changed = false
    var issues: [RecordRepair.Issue] = []
    /// Per open container: true for an object; and where in `input` the key of the member being read is (its
    /// text is only made for a finding's field path).
    var containers: [(isObject: Bool, key: Range<Int>)] = []
    var expectKey = false

    init(input: UnsafeBufferPointer<UInt8>, limits: RecordRepair.Limits) {
        self.input = input
        self.limits = limits
    }

    mutating func run() {
        var i = 0
        let n = input.count
        while i < n {
            let c = input[i]
            switch c {
            case quote:
                let isKey = expectKey
                i = string(from: i, isKey: isKey)
                continue
            case UInt8(ascii: "{"):
                containers.append((true, 0..<0)); expectKey = true
            case UInt8(ascii: "["):
                containers.append((false, 0..<0)); expectKey = false
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if !containers.isEmpty { containers.removeLast() }
                expectKey = false
            case UInt8(ascii: ","):
                expectKey = containers.last?.isObject ?? false
            case UInt8(ascii: ":"):
                expectKey = false
            default:
                break
            }
            i += 1
        }
        if changed { flush(upTo: n) }
    }

    var fieldPath: String {
        var parts: [String] = []
        for container in containers {
            if container.isObject {
                if !container.key.isEmpty { parts.append(String(decoding: UnsafeBufferPointer(rebasing: input[container.key]), as: UTF8.self)) }
            } else if let last = parts.last {
                parts[parts.count - 1] = last + "[]"
            }
        }
        return parts.isEmpty ? "(record)" : parts.joined(separator: ".")
    }

    mutating func flush(upTo i: Int) {
        if !changed {
            changed = true
            output.reserveCapacity(input.count)
        }
        if pending < i { output.append(contentsOf: UnsafeBufferPointer(rebasing: input[pending..<i])) }
        pending = i
    }

    /// Replaces `input[i..<i + length]` with `bytes`.
    mutating func replace(_ i: Int, length: Int, with bytes: [UInt8]) {
        flush(upTo: i)
        output.append(contentsOf: bytes)
        pending = i + length
    }

    mutating func note(_ kind: RecordRepair.Kind, _ field: String, _ count: Int = 1) {
        if let k = issues.firstIndex(where: { $0.kind == kind && $0.field == field }) {
            if kind != .fieldCut { issues[k].count += count }
        } else {
            issues.append(RecordRepair.Issue(kind: kind, field: field, count: count))
        }
    }

    /// Scans the string that starts at `start` (a quote); returns the index after its closing quote.
    mutating func string(from start: Int, isKey: Bool) -> Int {
        let n = input.count
        var i = start + 1
        var length = 0  // bytes of content kept so far
        // The field a repair is noted for: the path is made only then (the containers do not change in a string).
        var field: String { isKey ? "(key)" : fieldPath }
        while i < n {
            // A run of plain bytes (printable ASCII but quote and backslash), within a value's size limit, is
            // passed over in one loop.
            let stop = isKey ? n : min(n, i + max(0, limits.maxFieldBytes - length))
            let from = i
            while i < stop, input[i] >= 0x20, input[i] < 0x80, input[i] != quote, input[i] != backslash { i += 1 }
            length += i - from
            guard i < n else { break }
            let c = input[i]
            if c == quote {
                if isKey, !containers.isEmpty { containers[containers.count - 1].key = (start + 1)..<i }
                return i + 1
            }
            var unit = 1
            if c == backslash {
                unit = i + 1 < n && input[i + 1] == UInt8(ascii: "u") ? 6 : 2
                if unit == 6, i + 6 <= n, input[i + 2] == 0x30, input[i + 3] == 0x30, input[i + 4] == 0x30, input[i + 5] == 0x30 {
                    replace(i, length: 6, with: [])
                    note(.nul, field)
                    i += 6
                    continue
                }
            } else if c < 0x20 {
                let repl: [UInt8] = switch c {
                case 0x0A: [backslash, UInt8(ascii: "n")]
                case 0x09: [backslash, UInt8(ascii: "t")]
                case 0x0D: [backslash, UInt8(ascii: "r")]
                case 0x00: []
                default: [0x20]
                }
                replace(i, length: 1, with: repl)
                note(c == 0 ? .nul : .controlCharacter, field)
                i += 1
                continue
            } else if c >= 0x80 {
                unit = RecordRepair.scalarLength(input, i)
                if unit == 0 {
                    replace(i, length: 1, with: replacement)
                    note(.invalidUTF8, field)
                    length += 3
                    i += 1
                    continue
                }
            }
            if !isKey, length + unit > limits.maxFieldBytes {
                return cut(from: i, start: start, kept: length, field: field)
            }
            length += unit
            i += unit
        }
        return n
    }

    /// Drops the rest of a too long string (from `i`) and ends it with "…"; returns the index after its quote.
    mutating func cut(from i: Int, start: Int, kept: Int, field: String) -> Int {
        var j = i
        while j < input.count, input[j] != quote {
            j += input[j] == backslash ? 2 : 1
        }
        let end = min(j, input.count)
        replace(i, length: end - i, with: ellipsis)
        note(.fieldCut, field, end - start - 1)
        return min(end + 1, input.count)
    }
}

extension RecordRepair.Limits {
    /// Repairs characters only (for reading an envelope around records that are repaired one by one).
    package static let unlimited = RecordRepair.Limits(maxFieldBytes: .max / 2, maxRecordBytes: .max)
}

/// The same repairs for a whole text document (an RDF page or file), where records cannot be told apart at
/// the byte level: invalid UTF-8 becomes U+FFFD, NUL is removed, other C0 control characters except tab, line
/// feed and carriage return (invalid in XML 1.0) become spaces. Long values are cut after mapping
/// (`capFields`).
package enum TextRepair {
    package struct Result: Sendable {
        /// The repaired document; nil when nothing needed repair.
        package var bytes: [UInt8]?
        package var invalidUTF8 = 0
        package var nul = 0
        package var control = 0
        /// 1-based line of the first repair.
        package var firstLine = 0

        package var count: Int { invalidUTF8 + nul + control }
    }

    package static func repair(_ data: Data) -> Result {
        var result = Result()
        var out: [UInt8] = []
        var pending = 0
        var line = 1
        data.withUnsafeBytes { raw in
            let b = raw.bindMemory(to: UInt8.self)
            func replace(_ i: Int, _ length: Int, _ bytes: [UInt8]) {
                if result.bytes == nil { result.bytes = []; out.reserveCapacity(b.count) }
                if pending < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[pending..<i])) }
                out.append(contentsOf: bytes)
                pending = i + length
                if result.firstLine == 0 { result.firstLine = line }
            }
            var i = 0
            while i < b.count {
                let c = b[i]
                if c == 0x0A { line += 1 }
                if c >= 0x80 {
                    let length = RecordRepair.scalarLength(b, i)
                    if length == 0 {
                        replace(i, 1, replacement); result.invalidUTF8 += 1; i += 1
                    } else {
                        i += length
                    }
                    continue
                }
                if c < 0x20, c != 0x09, c != 0x0A, c != 0x0D {
                    if c == 0 { replace(i, 1, []); result.nul += 1 } else { replace(i, 1, [0x20]); result.control += 1 }
                }
                i += 1
            }
            if result.bytes != nil, pending < b.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[pending...])) }
        }
        if result.bytes != nil { result.bytes = out }
        return result
    }

    /// The finding for a repaired document.
    package static func finding(_ result: Result, source: String, document: String) -> Finding {
        var parts: [String] = [], teile: [String] = []
        if result.invalidUTF8 > 0 {
            parts.append("\(result.invalidUTF8) invalid UTF-8 byte sequence(s) replaced by U+FFFD")
            teile.append("\(result.invalidUTF8) ungültige UTF-8-Bytefolge(n) durch U+FFFD ersetzt")
        }
        if result.nul > 0 {
            parts.append("\(result.nul) NUL character(s) removed")
            teile.append("\(result.nul) NUL-Zeichen entfernt")
        }
        if result.control > 0 {
            parts.append("\(result.control) control character(s) replaced by spaces")
            teile.append("\(result.control) Steuerzeichen durch Leerzeichen ersetzt")
        }
        return Finding(.warning, "record.invalid-text", source: source, record: "\(document) line \(result.firstLine)",
                       "\(parts.joined(separator: ", ")) (first at line \(result.firstLine)); the rest was read as usual",
                       de: "\(teile.joined(separator: ", ")) (zuerst in Zeile \(result.firstLine)); der Rest wurde wie üblich gelesen")
    }

    /// Cuts a mapped dataset's title and description to `maxBytes` UTF-8 bytes (at a character boundary, ending
    /// with "…"), with a finding naming the dataset and field.
    package static func capFields(_ dataset: inout Dataset, source: String, maxBytes: Int = 64 << 10) -> [Finding] {
        var findings: [Finding] = []
        let record = dataset.identifier
        func cap(_ value: inout String, _ field: String) {
            let size = value.utf8.count
            guard size > maxBytes else { return }
            var kept = ""
            kept.reserveCapacity(maxBytes)
            var used = 0
            for character in value {
                let n = character.utf8.count
                if used + n > maxBytes - 3 { break }
                kept.append(character)
                used += n
            }
            value = kept + "…"
            findings.append(Finding(.warning, source: source, record: record, field: field, .fieldCut,
                                    [String(size), String(maxBytes >> 10)]))
        }
        cap(&dataset.title, "title")
        cap(&dataset.description, "description")
        return findings
    }
}

extension RecordRepair {
    /// The length of the valid UTF-8 sequence at `i` (lead byte ≥ 0x80), or 0 when it is invalid
    /// (stray continuation byte, overlong form, surrogate, beyond U+10FFFF, cut short).
    static func scalarLength(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let c = b[i]
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch c {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return 0
        }
        guard i + length <= b.count else { return 0 }
        guard b[i + 1] >= low, b[i + 1] <= high else { return 0 }
        for k in 2..<max(length, 2) where b[i + k] & 0xC0 != 0x80 { return 0 }
        return length
    }
}

extension FindingTemplate {
    /// Arguments: [count]
    static let invalidUTF8Replaced = FindingTemplate(RecordRepair.Kind.invalidUTF8.rawValue, { "\($0[0]) invalid UTF-8 byte sequence(s) replaced by U+FFFD (\u{FFFD})" },
                                                     de: { "\($0[0]) ungültige UTF-8-Bytefolge(n) durch U+FFFD (\u{FFFD}) ersetzt" })
    /// Arguments: [count]
    static let nulRemoved = FindingTemplate(RecordRepair.Kind.nul.rawValue, { "\($0[0]) NUL character(s) removed" }, de: { "\($0[0]) NUL-Zeichen entfernt" })
    /// Arguments: [count]
    static let controlCharacterReplaced = FindingTemplate(RecordRepair.Kind.controlCharacter.rawValue, { "\($0[0]) raw control character(s) (invalid in JSON strings) replaced" },
                                                          de: { "\($0[0]) rohe(s) Steuerzeichen (in JSON-Zeichenketten ungültig) ersetzt" })
    /// Arguments: [bytes, limit in KB]
    static let fieldCut = FindingTemplate(RecordRepair.Kind.fieldCut.rawValue, { "the value is \($0[0]) bytes long; cut to \($0[1]) KB" }, de: { "der Wert ist \($0[0]) Bytes lang; auf \($0[1]) KB gekürzt" })
    /// Arguments: [bytes, limit in MB]
    static let recordTooLarge = FindingTemplate("record.too-large", { "the record is \($0[0]) bytes even after long values were cut (limit \($0[1]) MB); skipped" },
                                                de: { "der Eintrag ist auch nach dem Kürzen langer Werte \($0[0]) Bytes groß (Grenze \($0[1]) MB); übersprungen" })
}
