import Crypto

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
        var hasher = Insecure.SHA1()
        hasher.update(data: urlNamespace)
        var name = name
        name.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        return hasher.finalize().withUnsafeBytes { digest in
            String(unsafeUninitializedCapacity: 36) { out in
                func hex(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x57 + v }
                var j = 0
                for i in 0..<16 {
                    if i == 4 || i == 6 || i == 8 || i == 10 {
                        out[j] = UInt8(ascii: "-")
                        j += 1
                    }
                    // The version (5) and the RFC 4122 variant bits.
                    let byte = i == 6 ? (digest[i] & 0x0F) | 0x50 : i == 8 ? (digest[i] & 0x3F) | 0x80 : digest[i]
                    out[j] = hex(byte >> 4)
                    out[j + 1] = hex(byte & 0xF)
                    j += 2
                }
                return j
            }
        }
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
