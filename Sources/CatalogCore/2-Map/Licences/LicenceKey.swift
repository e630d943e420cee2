// Normalisation of licence strings for matching. The raw value is never changed; only the lookup key is.

package enum LicenceKey {
    /// The lookup key of a licence string: trimmed, whitespace collapsed, lower-cased; for URLs also without
    /// scheme, `www.`, trailing slashes, and (creativecommons.org) without deed/legalcode language suffixes.
    package static func normalise(_ raw: String) -> String {
        let collapsed = raw.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ").lowercased()
        guard looksLikeURL(collapsed) else { return collapsed }
        var s = Substring(collapsed)
        for scheme in ["https://", "http://"] where s.hasPrefix(scheme) {
            s = s.dropFirst(scheme.count)
        }
        if s.hasPrefix("www.") { s = s.dropFirst(4) }
        if let hash = s.firstIndex(of: "#") { s = s[..<hash] }
        if let query = s.firstIndex(of: "?") { s = s[..<query] }
        while s.hasSuffix("/") { s = s.dropLast() }
        var parts = s.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if parts.first == "creativecommons.org" { parts = canonicalCreativeCommons(parts) }
        if parts.first == "spdx.org", parts.count == 3, parts[1] == "licenses" {
            // https://spdx.org/licenses/CC-BY-4.0.html → the SPDX id
            var id = parts[2]
            for ext in [".html", ".json"] where id.hasSuffix(ext) { id = String(id.dropLast(ext.count)) }
            return id
        }
        return parts.joined(separator: "/")
    }

    package static func looksLikeURL(_ s: String) -> Bool {
        s.hasPrefix("http://") || s.hasPrefix("https://") || s.hasPrefix("www.")
    }

    /// `creativecommons.org/licenses/by/4.0/deed.de` → `creativecommons.org/licenses/by/4.0`;
    /// `…/by/3.0/de/legalcode` → `…/by/3.0/de` (3.0 DE is a port, a licence of its own);
    /// `…/by/4.0/de` → `…/by/4.0` (4.0 has no ports; `de` can only be a language).
    static func canonicalCreativeCommons(_ parts: [String]) -> [String] {
        var p = parts.filter { !($0.hasPrefix("deed") || $0.hasPrefix("legalcode")) }
        if p.count >= 4, p[1] == "licenses", let major = p[3].split(separator: ".").first.flatMap({ Int($0) }) {
            if major >= 4 { p = Array(p.prefix(4)) } else { p = Array(p.prefix(5)) }
        }
        return p
    }

    /// The EU licence NAL code of an IRI (`…/authority/licence/CC_BY_4_0` → `CC_BY_4_0`), if it is one.
    package static func euLicenceCode(_ raw: String) -> String? {
        let key = normalise(raw)
        let prefix = "publications.europa.eu/resource/authority/licence/"
        guard key.hasPrefix(prefix) else { return nil }
        let code = key.dropFirst(prefix.count)
        return code.isEmpty || code.contains("/") ? nil : code.uppercased()
    }

    /// The SPDX id for an EU licence NAL code, derived by the NAL's naming rule
    /// (`CC_BYNCND_3_0` → `CC-BY-NC-ND-3.0`, `ODC_BL` → `ODbL-1.0`); nil when the code has no SPDX twin.
    package static func euLicenceSPDX(_ code: String) -> String? {
        let fixed = ["CC0": "CC0-1.0", "ODC_BL": "ODbL-1.0", "ODC_BY": "ODC-By-1.0", "ODC_PDDL": "PDDL-1.0",
                     "EUPL_1_0": "EUPL-1.0", "EUPL_1_1": "EUPL-1.1", "EUPL_1_2": "EUPL-1.2"]
        if let id = fixed[code] { return id }
        let parts = code.split(separator: "_").map(String.init)
        guard parts.count == 4, parts[0] == "CC", let major = Int(parts[2]), let minor = Int(parts[3]) else { return nil }
        let kinds = ["BY": "BY", "BYSA": "BY-SA", "BYNC": "BY-NC", "BYND": "BY-ND", "BYNCSA": "BY-NC-SA", "BYNCND": "BY-NC-ND"]
        guard let kind = kinds[parts[1]] else { return nil }
        return "CC-\(kind)-\(major).\(minor)"
    }
}
