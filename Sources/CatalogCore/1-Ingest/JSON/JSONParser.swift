import Foundation

// A strict JSON (RFC 8259) parser straight from bytes into `JSONValue`.
//
// `JSONDecoder` decoding `JSONValue` tries each type in turn and throws on every miss; with ~50 values per CKAN
// record that dominated mapping time. This parser reads each value once. It accepts exactly what JSONDecoder
// accepts for these records (one value with surrounding whitespace, strict number grammar, escapes, valid
// UTF-8, no raw control characters in strings, depth ≤ 512) and decodes to the same values. JSONDecoder's
// leniencies are kept on purpose: a leading UTF-8 BOM, a trailing comma before `]` or `}`, and for duplicate
// keys the first one wins. Like JSONDecoder it refuses numbers that overflow or underflow to zero.
struct JSONParser {
    let b: UnsafeBufferPointer<UInt8>
    var i = 0
    var depth = 0
    /// What a pull reader expected where it failed (`fail(_:)`); nil for plain syntax errors.
    var problem: String?
    /// The members of the objects being read, innermost last (one buffer reused for every object).
    private var members = JSONStack<JSONObject.Member>.make(capacity: 64)
    /// The items of the arrays being read, innermost last (one buffer reused for every array).
    private var items = JSONStack<JSONValue>.make(capacity: 32)
    /// The raw bytes of the keys read so far in the objects being read, innermost last, to find duplicates.
    private var keySpans: [Range<Int>] = []
    /// Whether the last string read had an escape (its raw bytes are not its value).
    private var escaped = false

    init(_ b: UnsafeBufferPointer<UInt8>) { self.b = b }

    struct Failure: Error {}

    /// Parses one JSON value; nil when the bytes are not exactly one valid JSON value.
    static func parse(_ data: Data) -> JSONValue? {
        data.withUnsafeBytes { raw -> JSONValue? in
            var p = JSONParser(raw.bindMemory(to: UInt8.self))
            do {
                if p.b.count >= 3, p.b[0] == 0xEF, p.b[1] == 0xBB, p.b[2] == 0xBF { p.i = 3 }
                p.skipSpace()
                let v = try p.value()
                p.skipSpace()
                return p.i == p.b.count ? v : nil
            } catch {
                return nil
            }
        }
    }

    mutating func skipSpace() {
        while i < b.count {
            let c = b[i]
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            i += 1
        }
    }

    mutating func value() throws(Failure) -> JSONValue {
        guard i < b.count else { throw Failure() }
        switch b[i] {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return .number(try number())
        }
    }

    mutating func literal(_ word: StaticString) throws(Failure) {
        let n = word.utf8CodeUnitCount
        guard i + n <= b.count else { throw Failure() }
        let w = word.utf8Start
        for k in 0..<n where b[i + k] != w[k] { throw Failure() }
        i += n
    }

    private mutating func object() throws(Failure) -> JSONValue {
        depth += 1
        guard depth <= 512 else { throw Failure() }
        i += 1
        skipSpace()
        if i < b.count, b[i] == UInt8(ascii: "}") {
            i += 1; depth -= 1
            return .object(JSONObject())
        }
        // Members are collected in one buffer reused by every object, then copied out at their final count.
        // Duplicate keys (the first one wins, as in JSONDecoder) are found without hashing: a 64-bit filter on
        // each key's raw length and end bytes, and a byte comparison only with earlier keys it cannot tell apart.
        let base = members.count, spanBase = keySpans.count
        var filter: UInt64 = 0
        var escapedKey = false
        while true {
            guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw Failure() }
            let keyStart = i + 1
            let key = try string(isKey: true)
            let keySpan = keyStart..<(i - 1), keyEscaped = escaped
            skipSpace()
            guard i < b.count, b[i] == UInt8(ascii: ":") else { throw Failure() }
            i += 1
            skipSpace()
            let v = try value()
            if escapedKey || keyEscaped {
                escapedKey = true
                push(JSONObject.Member(key: key, value: v))
            } else {
                let bit = Self.filterBit(b, keySpan)
                if filter & bit == 0 || !isRepeated(keySpan, since: spanBase) {
                    push(JSONObject.Member(key: key, value: v))
                    keySpans.append(keySpan)
                }
                filter |= bit
            }
            skipSpace()
            guard i < b.count else { throw Failure() }
            if b[i] == UInt8(ascii: ",") {
                i += 1
                skipSpace()
                if i < b.count, b[i] == UInt8(ascii: "}") { break }
            } else if b[i] == UInt8(ascii: "}") {
                break
            } else {
                throw Failure()
            }
        }
        i += 1; depth -= 1
        let read = members.take(from: base)
        keySpans.removeSubrange(spanBase...)
        return .object(escapedKey ? JSONObject(pairs: read.map { ($0.key, $0.value) }) : JSONObject(distinct: read))
    }

    @inline(__always)
    private mutating func push(_ member: JSONObject.Member) {
        if !members.push(member) {
            members = members.grown()
            _ = members.push(member)
        }
    }

    @inline(__always)
    private mutating func push(item: JSONValue) {
        if !items.push(item) {
            items = items.grown()
            _ = items.push(item)
        }
    }

    /// One of 64 bits chosen by a key's raw length and its first and last byte.
    @inline(__always)
    private static func filterBit(_ b: UnsafeBufferPointer<UInt8>, _ span: Range<Int>) -> UInt64 {
        guard !span.isEmpty else { return 1 }
        let mix = span.count &* 7 &+ Int(b[span.lowerBound]) &* 3 &+ Int(b[span.upperBound - 1])
        return 1 << UInt64(mix & 63)
    }

    /// True when an earlier key of the object being read (its spans from `base` on) has the same raw bytes.
    private func isRepeated(_ span: Range<Int>, since base: Int) -> Bool {
        guard let start = b.baseAddress else { return false }
        for earlier in keySpans[base...] where earlier.count == span.count {
            if memcmp(start + earlier.lowerBound, start + span.lowerBound, span.count) == 0 { return true }
        }
        return false
    }

    private mutating func array() throws(Failure) -> JSONValue {
        depth += 1
        guard depth <= 512 else { throw Failure() }
        i += 1
        skipSpace()
        if i < b.count, b[i] == UInt8(ascii: "]") {
            i += 1; depth -= 1
            return .array([])
        }
        let base = items.count
        while true {
            push(item: try value())
            skipSpace()
            guard i < b.count else { throw Failure() }
            if b[i] == UInt8(ascii: ",") {
                i += 1
                skipSpace()
                if i < b.count, b[i] == UInt8(ascii: "]") { break }
            } else if b[i] == UInt8(ascii: "]") {
                break
            } else {
                throw Failure()
            }
        }
        i += 1; depth -= 1
        return .array(items.take(from: base))
    }

    mutating func number() throws(Failure) -> Double {
        let start = i
        var mantissaEnd = 0
        func digits(_ p: inout JSONParser) -> Int {
            let s = p.i
            while p.i < p.b.count, p.b[p.i] &- UInt8(ascii: "0") < 10 { p.i += 1 }
            return p.i - s
        }
        if i < b.count, b[i] == UInt8(ascii: "-") { i += 1 }
        guard i < b.count else { throw Failure() }
        if b[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            guard digits(&self) > 0 else { throw Failure() }
        }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            guard digits(&self) > 0 else { throw Failure() }
        }
        mantissaEnd = i
        let exponent = i < b.count && (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E"))
        if !exponent, let d = Self.smallInteger(UnsafeBufferPointer(rebasing: b[start..<i])) { return d }
        if exponent {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard digits(&self) > 0 else { throw Failure() }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
        guard let d = Double(text), d.isFinite else { throw Failure() }
        if d == 0 {
            // Underflow (1e-400) is an error, as in JSONDecoder; a written zero is fine.
            for k in start..<mantissaEnd where b[k] &- UInt8(ascii: "1") < 9 { throw Failure() }
        }
        return d
    }

    /// A whole number of at most 15 digits (`-`? digits), exactly as `Double(text)` reads it; nil for any other
    /// number, which goes the general way.
    @inline(__always)
    private static func smallInteger(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        var k = 0, negative = false
        if text.first == UInt8(ascii: "-") { negative = true; k = 1 }
        guard text.count - k <= 15 else { return nil }
        var v: Int64 = 0
        while k < text.count {
            let d = text[k] &- UInt8(ascii: "0")
            guard d < 10 else { return nil }
            v = v &* 10 &+ Int64(d)
            k += 1
        }
        // -0 stays negative zero, as Double("-0") reads it.
        return negative ? -Double(v) : Double(v)
    }

    /// A string starting at the opening quote; the index ends after the closing quote.
    /// `isKey`: a member name, which may be one of `KnownJSONKeys`.
    mutating func string(isKey: Bool = false) throws(Failure) -> String {
        i += 1
        escaped = false
        let start = i
        var ascii = true
        // Fast path: no escapes.
        if !skipPlain(&ascii), i < b.count, b[i] == UInt8(ascii: "\"") {
            let bytes = UnsafeBufferPointer(rebasing: b[start..<i])
            i += 1
            if isKey, ascii, bytes.count > 15, let known = KnownJSONKeys.name(bytes) { return known }
            let s = String(decoding: bytes, as: UTF8.self)
            // Not ASCII: the standard library repaired any ill-formed UTF-8 it found, so the bytes must come
            // back unchanged (cheaper than the generic `String(validating:as:)`, which decodes again).
            guard ascii || Self.isUnchanged(s, bytes) else { throw Failure() }
            return s
        }
        guard i < b.count, b[i] == UInt8(ascii: "\\") else { throw Failure() }
        // Slow path: escapes. The plain runs between them are copied whole.
        escaped = true
        var out: [UInt8] = []
        out.reserveCapacity(i - start + 64)
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<i]))
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                guard let s = String(validating: out, as: UTF8.self) else { throw Failure() }
                return s
            }
            if c != UInt8(ascii: "\\") {
                let run = i
                _ = skipPlain(&ascii)
                guard i > run else { throw Failure() }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<i]))
                continue
            }
            i += 1
            guard i < b.count else { throw Failure() }
            let e = b[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    // A high surrogate must be followed by an escaped low surrogate.
                    guard i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else { throw Failure() }
                    i += 2
                    let low = try hex4()
                    guard low >= 0xDC00 && low < 0xE000 else { throw Failure() }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if scalar >= 0xDC00 && scalar < 0xE000 {
                    throw Failure()
                }
                guard let u = Unicode.Scalar(scalar) else { throw Failure() }
                Self.appendUTF8(u.value, to: &out)
            default:
                throw Failure()
            }
        }
        throw Failure()
    }

    /// Moves the index over string bytes that are neither a quote, a backslash nor a control character, eight at a
    /// time while it can; clears `ascii` on a byte from 0x80 on. Returns true when the index stopped on a control
    /// character (an error in a string); otherwise it stands on the quote or backslash, or at the end.
    @inline(__always)
    private mutating func skipPlain(_ ascii: inout Bool) -> Bool {
        if let base = b.baseAddress {
            while i + 8 <= b.count {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if Self.hasSpecialByte(w) { break }
                if w & WordBytes.highs != 0 { ascii = false }
                i += 8
            }
        }
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") { return false }
            if c < 0x20 { return true }
            if c >= 0x80 { ascii = false }
            i += 1
        }
        return false
    }

    /// True when the string's UTF-8 is exactly these bytes.
    private static func isUnchanged(_ s: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var s = s
        return s.withUTF8 { u in u.count == bytes.count && (u.isEmpty || memcmp(u.baseAddress!, bytes.baseAddress!, u.count) == 0) }
    }

    /// True when one of the eight bytes may be `"`, `\\` or below 0x20 (`WordBytes`: a borrow can only flag bytes
    /// above a byte that really matches).
    @inline(__always)
    static func hasSpecialByte(_ w: UInt64) -> Bool {
        (WordBytes.equal(w, 0x22) | WordBytes.equal(w, 0x5C) | WordBytes.below(w, 0x20)) != 0
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard i + 4 <= b.count else { throw Failure() }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[i]
            let d: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = c - UInt8(ascii: "A") + 10
            default: throw Failure()
            }
            v = v << 4 | UInt32(d)
            i += 1
        }
        return v
    }

    private static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
        switch v {
        case 0..<0x80:
            out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(0xC0 | UInt8(v >> 6)); out.append(0x80 | UInt8(v & 0x3F))
        case 0x800..<0x10000:
            out.append(0xE0 | UInt8(v >> 12)); out.append(0x80 | UInt8(v >> 6 & 0x3F)); out.append(0x80 | UInt8(v & 0x3F))
        default:
            out.append(0xF0 | UInt8(v >> 18)); out.append(0x80 | UInt8(v >> 12 & 0x3F))
            out.append(0x80 | UInt8(v >> 6 & 0x3F)); out.append(0x80 | UInt8(v & 0x3F))
        }
    }
}
