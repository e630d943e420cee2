import Foundation

// Values CKAN portals spell many ways: update frequencies, and the repair of resource URLs
// (issue 16 items 9 and 10; docs/mapping.md).

extension CKANMapper {
    /// Frequency words seen in CKAN extras (`frequency`, `update_frequency`, `accrual_periodicity`,
    /// `Aktualisierungsintervall`) → EU frequency codes.
    static let frequencyWords: [String: String] = [
        "daily": "DAILY", "täglich": "DAILY", "taeglich": "DAILY", "weekly": "WEEKLY", "wöchentlich": "WEEKLY",
        "woechentlich": "WEEKLY", "monthly": "MONTHLY", "monatlich": "MONTHLY", "quarterly": "QUARTERLY",
        "vierteljährlich": "QUARTERLY", "quartalsweise": "QUARTERLY", "annual": "ANNUAL", "annually": "ANNUAL",
        "yearly": "ANNUAL", "jährlich": "ANNUAL", "jaehrlich": "ANNUAL", "irregular": "IRREG", "unregelmäßig": "IRREG",
        "unregelmaessig": "IRREG", "never": "NEVER", "nie": "NEVER", "keine": "NEVER", "hourly": "HOURLY",
        "stündlich": "HOURLY", "continuous": "UPDATE_CONT", "kontinuierlich": "UPDATE_CONT", "laufend": "UPDATE_CONT",
        "echtzeit": "UPDATE_CONT", "real-time": "UPDATE_CONT", "realtime": "UPDATE_CONT", "biennial": "BIENNIAL",
        "halbjährlich": "ANNUAL_2", "semiannual": "ANNUAL_2", "halbjaehrlich": "ANNUAL_2",
    ]

    /// The EU frequency IRI of a record (an IRI as given, or a known word), with a note for anything else.
    func frequency(_ pkg: CKANPackage, ctx: inout Context) -> String? {
        guard let hit = pkg.firstText("frequency", "accrual_periodicity", "update_frequency", "updateFrequency", "Aktualisierungsintervall")
        else { return nil }
        if hit.value.hasPrefix(Vocabulary.frequencyBase) { return hit.value }
        let word = hit.value.trimmingCharacters(in: .whitespaces).lowercased()
        let upper = word.uppercased()
        if let code = Self.frequencyWords[word] ?? (Self.frequencyWords.values.contains(upper) ? upper : nil) {
            return Vocabulary.frequencyBase + code
        }
        ctx.add(.note, "frequency.unmapped", field: hit.key, "Frequency '\(hit.value)' is not an EU frequency IRI or a known word; left out.")
        return nil
    }

    /// A note for each resource URL field whose value has space around it (the JSON reader trims it away).
    func noteSpacedURLs(_ res: CKANResource, index i: Int, label: String, ctx: inout Context) {
        for key in ["access_url", "url", "download_url"] {
            guard case .string(let raw)? = res.fields[key] else { continue }
            let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty, trimmed != raw else { continue }
            ctx.add(.note, "url.repaired", field: "resources[\(i)].\(key)", "Resource '\(label)': space around URL '\(raw)' removed.")
        }
    }

    /// Top-level domains taken as a host without scheme (`example.org/x.csv`; not `bericht.pdf`).
    static let commonTLDs: Set<String> = ["de", "com", "org", "net", "eu", "nl", "be", "fr", "at", "ch", "info", "gov", "uk", "io", "nrw", "berlin", "koeln", "hamburg"]

    /// A resource URL as given, repaired where the intent is plain: surrounding space, a missing scheme on a
    /// host name (`www.example.org/x`, `example.org/x.csv`). Each repair is a note; nil when not usable.
    func repairedURL(_ raw: String, base: String?, field: String, label: String, ctx: inout Context) -> String? {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed != raw, !trimmed.isEmpty, let url = IRISafe.url(trimmed, base: base) {
            ctx.add(.note, "url.repaired", field: field, "Resource '\(label)': space around URL '\(raw)' removed.")
            return url
        }
        if let url = IRISafe.url(trimmed, base: base) { return url }
        let host = trimmed.prefix { $0 != "/" }
        let tld = host.split(separator: ".").last.map { $0.lowercased() } ?? ""
        guard !trimmed.contains("://"), !trimmed.hasPrefix("/"), !host.contains(" "), !host.contains("@"),
              host.lowercased().hasPrefix("www.") || Self.commonTLDs.contains(tld),
              let url = IRISafe.url("http://" + trimmed, base: nil)
        else { return nil }
        ctx.add(.note, "url.repaired", field: field, "Resource '\(label)': URL '\(raw)' has no scheme; read as \(url).")
        return url
    }
}
