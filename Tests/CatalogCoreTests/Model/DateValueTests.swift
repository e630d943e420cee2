import Foundation
import Testing
@testable import CatalogCore

/// A date with time is held packed (two words), yet reads, compares, hashes and codes exactly as the text it was
/// made from; texts of any other shape are kept as given.
@Suite struct DateValueTests {
    static let canonical = [
        "2014-12-10T11:25:26", "2014-12-10T11:25:26.000", "2020-08-06T08:23:32.764", "2014-12-10T11:25:26.123456",
        "2024-02-29T23:59:59Z", "2024-02-29T00:00:00.5+01:00", "1999-01-01T00:00:00-05:30", "0001-01-01T00:00:00.00000000000000001Z",
        "9999-12-31T23:59:60+14:00", "2020-01-01T00:00:00.0000",
    ]
    /// Not the packed shape: kept as text, unchanged.
    static let other = [
        "2014-12-10 11:25:26", "2014-12-10T11:25", "2014-12-10T11:25:26.", "2014-12-10T11:25:26+0100", "2014-12-10T11:25:26 Z",
        "2014-12-10T11:25:26.123456789012345678", "2014-13-10T11:25:26x", "20141210T112526", "", "2014-12-10T99:99:99",
    ]

    @Test func everyTextReadsAsMade() {
        for s in Self.canonical + Self.other {
            let v = DateValue.dateTime(s)
            #expect(v.lexical == s)
            #expect(!v.isDate)
        }
        #expect(DateValue.date("2024-01-31").lexical == "2024-01-31" && DateValue.date("2024-01-31").isDate)
    }

    @Test func canonicalTextsArePacked() {
        for s in Self.canonical { #expect(DateValue.dateTime(s).isPacked, "\(s)") }
        for s in Self.other { #expect(!DateValue.dateTime(s).isPacked, "\(s)") }
        #expect(!DateValue.date("2024-01-31").isPacked)
    }

    @Test func equalityHashAndOrderFollowTheText() {
        let all = (Self.canonical + Self.other).map(DateValue.dateTime)
        for a in all {
            for b in all {
                #expect((a == b) == (a.lexical == b.lexical))
                #expect((a < b) == (a.lexical < b.lexical))
                if a == b { #expect(a.hashValue == b.hashValue) }
            }
        }
        #expect(DateValue.date("2020-01-01") != DateValue.dateTime("2020-01-01"))
        #expect(Set(Self.canonical.map(DateValue.dateTime) + Self.canonical.map(DateValue.dateTime)).count == Self.canonical.count)
    }

    /// Coded as the enum it was, so catalog.model.json and older snapshots read the same.
    @Test func codesAsTheEnumItWas() throws {
        let values = [DateValue.date("2020-01-01"), .dateTime("2020-08-06T08:23:32.764"), .dateTime("2014-12-10 11:25:26")]
        let data = try JSONEncoder().encode(values)
        #expect(String(decoding: data, as: UTF8.self)
            == #"[{"date":{"_0":"2020-01-01"}},{"dateTime":{"_0":"2020-08-06T08:23:32.764"}},{"dateTime":{"_0":"2014-12-10 11:25:26"}}]"#)
        #expect(try JSONDecoder().decode([DateValue].self, from: data) == values)
    }
}
