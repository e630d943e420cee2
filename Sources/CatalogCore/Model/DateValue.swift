// A date as precise as the source gave it. A date with time is held as numbers, not as its text: the bench's
// 10 k catalogue holds 34,892 of them (of 59,124 dates: issued, modified and temporal of datasets and
// distributions), and as Strings of 19-29 characters each was a heap allocation of its own (at 100 k, 41 MB at
// the heap peak in heaptrack).

/// A date as precise as the source gave it: exported as `xsd:date` or `xsd:dateTime`.
package struct DateValue: Sendable, Hashable, Comparable {
    private enum Storage: Sendable, Hashable {
        /// `YYYY-MM-DD` or any other date text (ten characters fit a String without a heap allocation).
        case date(String)
        /// `YYYY-MM-DDThh:mm:ss[.f…][Z|±hh:mm]` packed (`PackedDateTime`): the same text when read.
        case packedDateTime(UInt64, UInt64)
        /// A date with time of any other shape, kept as given.
        case dateTime(String)
    }

    private let storage: Storage

    private init(_ storage: Storage) { self.storage = storage }

    /// `YYYY-MM-DD`.
    package static func date(_ lexical: String) -> DateValue { DateValue(.date(lexical)) }

    /// Canonical `YYYY-MM-DDThh:mm:ss[.fff][Z|±hh:mm]`; without zone when the source gave none. Any other text is
    /// kept as given (the exporters check the form).
    package static func dateTime(_ lexical: String) -> DateValue {
        if let (a, b) = PackedDateTime.pack(lexical), PackedDateTime.text(a, b) == lexical { return DateValue(.packedDateTime(a, b)) }
        return DateValue(.dateTime(lexical))
    }

    /// A date without time (`xsd:date`).
    package var isDate: Bool {
        if case .date = storage { return true }
        return false
    }

    /// Held as two words rather than as text (tests check that canonical date-times are).
    var isPacked: Bool {
        if case .packedDateTime = storage { return true }
        return false
    }

    /// The lexical form, exactly as made.
    package var lexical: String {
        switch storage {
        case .date(let s), .dateTime(let s): s
        case .packedDateTime(let a, let b): PackedDateTime.text(a, b)
        }
    }

    package static func < (lhs: DateValue, rhs: DateValue) -> Bool { lhs.lexical < rhs.lexical }
}

/// Coded as the enum it was (`{"date":{"_0":"2020-01-01"}}`, `{"dateTime":{"_0":…}}`), as catalog.model.json has it.
extension DateValue: Codable {
    private enum CodingKeys: String, CodingKey { case date, dateTime }
    private enum ValueKeys: String, CodingKey { case _0 }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if c.contains(.date) {
            self = .date(try c.nestedContainer(keyedBy: ValueKeys.self, forKey: .date).decode(String.self, forKey: ._0))
        } else {
            self = .dateTime(try c.nestedContainer(keyedBy: ValueKeys.self, forKey: .dateTime).decode(String.self, forKey: ._0))
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        var v = c.nestedContainer(keyedBy: ValueKeys.self, forKey: isDate ? .date : .dateTime)
        try v.encode(lexical, forKey: ._0)
    }
}

/// `YYYY-MM-DDThh:mm:ss[.f…][Z|±hh:mm]` (up to 17 fraction digits) in two words, and back. `DateValue` packs
/// only texts that come back unchanged, so a packed value always reads as the text it was made from.
enum PackedDateTime {
    /// First word: year 14 bits, month 4, day 5, hour 5, minute 6, second 6, zone kind 2 (none, Z, +, -), zone
    /// hours 5, zone minutes 6. Second word: the number of fraction digits (0: no fraction) in the top 5 bits,
    /// their value below.
    static func pack(_ s: String) -> (UInt64, UInt64)? {
        var s = s
        return s.withUTF8 { b -> (UInt64, UInt64)? in
            guard b.count >= 19, b.count <= 45, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A,
                  let y = number(b, 0, 4), let mo = number(b, 5, 2), let d = number(b, 8, 2),
                  let h = number(b, 11, 2), let mi = number(b, 14, 2), let se = number(b, 17, 2),
                  y < 10_000, mo < 16, d < 32, h < 32, mi < 64, se < 64
            else { return nil }
            var i = 19
            var digits: UInt64 = 0, fraction: UInt64 = 0
            if i < b.count, b[i] == 0x2E {
                i += 1
                while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                    fraction = fraction * 10 + UInt64(b[i] - 0x30)
                    digits += 1
                    i += 1
                }
                guard digits > 0, digits <= 17 else { return nil }
            }
            var zone: UInt64 = 0, zh: UInt64 = 0, zm: UInt64 = 0
            if i < b.count {
                if b[i] == 0x5A, i + 1 == b.count {
                    zone = 1
                } else if b[i] == 0x2B || b[i] == 0x2D, i + 6 == b.count, b[i + 3] == 0x3A,
                          let hh = number(b, i + 1, 2), let mm = number(b, i + 4, 2), hh < 32, mm < 64 {
                    zone = b[i] == 0x2B ? 2 : 3
                    zh = hh; zm = mm
                } else {
                    return nil
                }
            }
            let a = y << 50 | mo << 46 | d << 41 | h << 36 | mi << 30 | se << 24 | zone << 22 | zh << 17 | zm << 11
            return (a, digits << 59 | fraction)
        }
    }

    static func text(_ a: UInt64, _ b: UInt64) -> String {
        let digits = Int(b >> 59)
        let zone = (a >> 22) & 3
        let count = 19 + (digits > 0 ? 1 + digits : 0) + (zone == 0 ? 0 : zone == 1 ? 1 : 6)
        return String(unsafeUninitializedCapacity: count) { out in
            var i = 0
            func put(_ value: UInt64, _ width: Int) {
                var v = value
                for k in stride(from: width - 1, through: 0, by: -1) {
                    out[i + k] = UInt8(truncatingIfNeeded: v % 10) + 0x30
                    v /= 10
                }
                i += width
            }
            func char(_ c: UInt8) { out[i] = c; i += 1 }
            put(a >> 50, 4); char(0x2D); put((a >> 46) & 15, 2); char(0x2D); put((a >> 41) & 31, 2); char(0x54)
            put((a >> 36) & 31, 2); char(0x3A); put((a >> 30) & 63, 2); char(0x3A); put((a >> 24) & 63, 2)
            if digits > 0 { char(0x2E); put(b & (1 << 59 - 1), digits) }
            switch zone {
            case 1: char(0x5A)
            case 2, 3: char(zone == 2 ? 0x2B : 0x2D); put((a >> 17) & 31, 2); char(0x3A); put((a >> 11) & 63, 2)
            default: break
            }
            return i
        }
    }

    /// The value of `width` ASCII digits at `at`; nil when one is not a digit.
    private static func number(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ width: Int) -> UInt64? {
        var n: UInt64 = 0
        for k in at..<(at + width) {
            guard b[k] >= 0x30, b[k] <= 0x39 else { return nil }
            n = n * 10 + UInt64(b[k] - 0x30)
        }
        return n
    }
}
