/// Ids and names we publish through the CKAN API.
///
/// **Ids** are RFC 4122 name-based UUIDs (version 5, SHA-1) of an IRI in the URL namespace, so anyone can
/// recompute them: `python3 -c 'import uuid; print(uuid.uuid5(uuid.NAMESPACE_URL, "<Dataset.uri>"))'`.
/// A source's own CKAN id is not usable: after merging several portals it is no longer unique (Köln and the
/// GovData copy of the same record carry the same id), and it changes when dedup picks another winner.
/// Datasets use `Dataset.uri`, resources `Distribution.uri`, organisations the publisher IRI (or `publisher:<name>`).
///
/// **Names** are CKAN-valid slugs (`[a-z0-9_-]{2,100}`): see `CKANNames.assign`.
package enum CKANIdentifiers {
    /// `6ba7b811-9dad-11d1-80b4-00c04fd430c8`, RFC 4122 appendix C.
    static let urlNamespace: [UInt8] = [0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8]

    /// The version-5 UUID of `name` in the URL namespace, lowercase with hyphens.
    package static func uuid5(_ name: String) -> String {
        var digest = SHA1.hash(urlNamespace + Array(name.utf8))
        digest[6] = (digest[6] & 0x0F) | 0x50
        digest[8] = (digest[8] & 0x3F) | 0x80
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(36)
        for i in 0..<16 {
            if i == 4 || i == 6 || i == 8 || i == 10 { out.append(UInt8(ascii: "-")) }
            out.append(hex[Int(digest[i] >> 4)])
            out.append(hex[Int(digest[i] & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A CKAN-valid slug: lowercase ASCII letters, digits, `-` and `_`; German letters transliterated
    /// (`ö`→`oe`, `ß`→`ss`, like CKAN's own `munge_name` does for names); other runs become one `-`; at most 100.
    package static func slug(_ text: String, maxLength: Int = 100) -> String {
        var out = ""
        var lastDash = true
        for ch in text.lowercased() {
            let mapped: String
            switch ch {
            case "ä": mapped = "ae"
            case "ö": mapped = "oe"
            case "ü": mapped = "ue"
            case "ß": mapped = "ss"
            case "é", "è", "ê": mapped = "e"
            case "á", "à", "â": mapped = "a"
            case "a"..."z", "0"..."9", "_": mapped = String(ch)
            default: mapped = "-"
            }
            if mapped == "-" {
                if !lastDash { out.append("-") }
                lastDash = true
            } else {
                out.append(mapped)
                lastDash = false
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        if out.count > maxLength {
            out = String(out.prefix(maxLength))
            while out.hasSuffix("-") { out.removeLast() }
        }
        return out
    }
}

/// Name assignment for a whole catalogue (names must be unique, so they cannot be chosen per dataset).
package enum CKANNames {
    /// One name per dataset, in the catalogue's order.
    ///
    /// The preferred name is the primary source's own CKAN name (`Provenance.remoteName`), slugged; else the
    /// slugged title; else `dataset`. Datasets that want the same name are ordered by `Dataset.uri`: the first
    /// keeps it, the others get `-{sourceID}` and, if still taken, `-{first 8 hex of the id}`. So a name only
    /// changes between snapshots when a new dataset with a smaller IRI claims the same name; the id never changes.
    package static func assign(_ datasets: [Dataset], ids: [String]) -> [String] {
        let preferred = ParallelMap.map(datasets, minimum: 4096, chunk: 1024) { d -> String in
            var s = CKANIdentifiers.slug(d.provenance.first?.remoteName ?? "", maxLength: 90)
            if s.count < 2 { s = CKANIdentifiers.slug(d.title, maxLength: 90) }
            if s.count < 2 { s = "dataset" }
            return s
        }
        let order = ParallelMap.sortedIndices(count: datasets.count) { datasets[$0].uri < datasets[$1].uri }
        var taken = Set<String>()
        var names = Array(repeating: "", count: datasets.count)
        // First pass: every preferred name goes to its smallest IRI, so later claimants never steal it.
        for i in order where !taken.contains(preferred[i]) {
            taken.insert(preferred[i])
            names[i] = preferred[i]
        }
        for i in order where names[i].isEmpty {
            let source = CKANIdentifiers.slug(datasets[i].sourceID, maxLength: 20)
            var candidate = source.isEmpty ? preferred[i] : String((preferred[i] + "-" + source).prefix(100))
            if taken.contains(candidate) { candidate = String(preferred[i].prefix(90)) + "-" + ids[i].prefix(8) }
            var n = 2
            let base = candidate
            while taken.contains(candidate) {
                candidate = String(base.prefix(95)) + "-\(n)"
                n += 1
            }
            taken.insert(candidate)
            names[i] = candidate
        }
        return names
    }
}

/// SHA-1 (FIPS 180-4), only for name-based UUIDs; not used for anything security-related.
enum SHA1 {
    static func hash(_ message: [UInt8]) -> [UInt8] {
        var h: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0]
        var data = message
        let bitLength = UInt64(message.count) * 8
        data.append(0x80)
        while data.count % 64 != 56 { data.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { data.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        var w = [UInt32](repeating: 0, count: 80)
        for chunk in stride(from: 0, to: data.count, by: 64) {
            for t in 0..<16 {
                let b = chunk + t * 4
                w[t] = UInt32(data[b]) << 24 | UInt32(data[b + 1]) << 16 | UInt32(data[b + 2]) << 8 | UInt32(data[b + 3])
            }
            for t in 16..<80 {
                let x = w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16]
                w[t] = (x << 1) | (x >> 31)
            }
            var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4]
            for t in 0..<80 {
                let f: UInt32
                let k: UInt32
                switch t {
                case 0..<20: f = (b & c) | (~b & d); k = 0x5A82_7999
                case 20..<40: f = b ^ c ^ d; k = 0x6ED9_EBA1
                case 40..<60: f = (b & c) | (b & d) | (c & d); k = 0x8F1B_BCDC
                default: f = b ^ c ^ d; k = 0xCA62_C1D6
                }
                let temp = ((a << 5) | (a >> 27)) &+ f &+ e &+ k &+ w[t]
                e = d
                d = c
                c = (b << 30) | (b >> 2)
                b = a
                a = temp
            }
            h[0] = h[0] &+ a
            h[1] = h[1] &+ b
            h[2] = h[2] &+ c
            h[3] = h[3] &+ d
            h[4] = h[4] &+ e
        }
        return h.flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: v >> UInt32(24 - 8 * $0)) } }
    }
}
