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
    private var members: [(String, JSONValue)] = []

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
            return .object([:])
        }
        // Members are collected first (in one buffer reused by every object) and the dictionary made at its final
        // size: growing it member by member hashed every key again at each doubling, and a look-up before each
        // insert hashed it once more.
        let base = members.count
        while true {
            guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw Failure() }
            let key = try string()
            skipSpace()
            guard i < b.count, b[i] == UInt8(ascii: ":") else { throw Failure() }
            i += 1
            skipSpace()
            let v = try value()
            members.append((key, v))
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
        // For a duplicate key the first one wins (as JSONDecoder): one hash per member.
        let object = Dictionary(members[base...], uniquingKeysWith: { first, _ in first })
        members.removeSubrange(base...)
        return .object(object)
    }

    private mutating func array() throws(Failure) -> JSONValue {
        depth += 1
        guard depth <= 512 else { throw Failure() }
        i += 1
        var a: [JSONValue] = []
        skipSpace()
        if i < b.count, b[i] == UInt8(ascii: "]") {
            i += 1; depth -= 1
            return .array(a)
        }
        while true {
            a.append(try value())
            skipSpace()
            guard i < b.count else { throw Failure() }
            if b[i] == UInt8(ascii: ",") {
                i += 1
                skipSpace()
                if i < b.count, b[i] == UInt8(ascii: "]") {
                    i += 1; depth -= 1
                    return .array(a)
                }
            } else if b[i] == UInt8(ascii: "]") {
                i += 1; depth -= 1
                return .array(a)
            } else {
                throw Failure()
            }
        }
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
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
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

    /// A string starting at the opening quote; the index ends after the closing quote.
    mutating func string() throws(Failure) -> String {
        i += 1
        let start = i
        var ascii = true
        // Fast path: no escapes. Eight bytes at a time while none is a quote, a backslash or a control character.
        if let base = b.baseAddress {
            while i + 8 <= b.count {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if Self.hasSpecialByte(w) { break }
                if w & Self.highBits != 0 { ascii = false }
                i += 8
            }
        }
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                let bytes = UnsafeBufferPointer(rebasing: b[start..<i])
                i += 1
                if ascii { return String(decoding: bytes, as: UTF8.self) }
                // Validated once, by the standard library (well-formed UTF-8).
                guard let s = String(validating: bytes, as: UTF8.self) else { throw Failure() }
                return s
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { throw Failure() }
            if c >= 0x80 { ascii = false }
            i += 1
        }
        guard i < b.count else { throw Failure() }
        // Slow path: escapes.
        var out: [UInt8] = Array(UnsafeBufferPointer(rebasing: b[start..<i]))
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                guard let s = String(validating: out, as: UTF8.self) else { throw Failure() }
                return s
            }
            if c < 0x20 { throw Failure() }
            if c != UInt8(ascii: "\\") {
                out.append(c)
                i += 1
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

    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// True when one of the eight bytes is `"`, `\\` or below 0x20 (each test is the exact "has a byte less than n"
    /// bit trick: a borrow can only flag bytes above a byte that really matches).
    @inline(__always)
    static func hasSpecialByte(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quote = w ^ 0x2222_2222_2222_2222, backslash = w ^ 0x5C5C_5C5C_5C5C_5C5C
        let found = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((w &- 0x2020_2020_2020_2020) & ~w)
        return found & highBits != 0
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
