import Foundation

// Byte sizes as CKAN/DKAN portals give them: integers, numeric strings, DKAN's rendered "443 Bytes", "12.5 KB",
// "1,2 MB" (Drupal format_size: 1 KB = 1024 bytes, German decimal comma).

package enum CKANSize {
    /// A parsed size: the byte count and whether it was rounded by the portal (a unit other than bytes).
    package struct Parsed: Sendable, Hashable {
        package var bytes: Int
        package var approximate: Bool

        package init(bytes: Int, approximate: Bool) {
            self.bytes = bytes
            self.approximate = approximate
        }
    }

    private static let units: [String: Double] = [
        "b": 1, "byte": 1, "bytes": 1, "kb": 1024, "kib": 1024, "mb": 1_048_576, "mib": 1_048_576,
        "gb": 1_073_741_824, "gib": 1_073_741_824, "tb": 1_099_511_627_776, "tib": 1_099_511_627_776,
    ]

    /// `"443"`, `"443 Bytes"`, `"12.5 KB"`, `"1,2 MB"`; nil for negative values and anything else.
    package static func parse(_ raw: String) -> Parsed? {
        let text = raw.trimmedBlanks()
        if let n = Int(text) { return n >= 0 ? Parsed(bytes: n, approximate: false) : nil }
        let number = text.prefix { $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }
        let unit = text.dropFirst(number.count).trimmedBlanks().lowercased()
        guard !number.isEmpty, let factor = units[unit],
              let value = Double(number.replacingOccurrences(of: ",", with: ".")), value >= 0 else { return nil }
        let bytes = (value * factor).rounded()
        guard bytes < 9e18 else { return nil }
        return Parsed(bytes: Int(bytes), approximate: factor != 1)
    }
}
