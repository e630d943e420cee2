import Foundation

// Values CKAN portals spell many ways: update frequencies, and the repair of resource URLs
// (issue 16 items 9 and 10; docs/mapping.md).

extension CKANMapper {
    /// Frequency words seen in CKAN extras (`frequency`, `update_frequency`, `accrual_periodicity`,
    /// `frequency-of-update`, `Aktualisierungsintervall`) → EU frequency codes (frequency NAL 20160921-0).
    static let frequencyWords: [String: String] = [
        "daily": "DAILY", "täglich": "DAILY", "taeglich": "DAILY", "weekly": "WEEKLY", "wöchentlich": "WEEKLY",
        "woechentlich": "WEEKLY", "monthly": "MONTHLY", "monatlich": "MONTHLY", "quarterly": "QUARTERLY",
        "vierteljährlich": "QUARTERLY", "quartalsweise": "QUARTERLY", "annual": "ANNUAL", "annually": "ANNUAL",
        "yearly": "ANNUAL", "jährlich": "ANNUAL", "jaehrlich": "ANNUAL", "irregular": "IRREG", "unregelmäßig": "IRREG",
        "unregelmaessig": "IRREG", "never": "NEVER", "nie": "NEVER", "keine": "NEVER", "hourly": "HOURLY",
        "stündlich": "HOURLY", "continuous": "UPDATE_CONT", "kontinuierlich": "UPDATE_CONT", "laufend": "UPDATE_CONT",
        "echtzeit": "UPDATE_CONT", "real-time": "UPDATE_CONT", "realtime": "UPDATE_CONT", "biennial": "BIENNIAL",
        "halbjährlich": "ANNUAL_2", "semiannual": "ANNUAL_2", "halbjaehrlich": "ANNUAL_2", "unbekannt": "UNKNOWN",
        "unknown": "UNKNOWN",
        // ISO 19115 MD_MaintenanceFrequencyCode (INSPIRE harvests, `frequency-of-update`), lower-cased.
        "continual": "UPDATE_CONT", "fortnightly": "BIWEEKLY", "biannually": "ANNUAL_2",
        "asneeded": "IRREG", "notplanned": "NEVER",
    ]

    /// An EU frequency IRI that spells a word instead of a code (Bremen's `…/frequency/IRREGULAR`): the IRI of
    /// the code the word means (`…/IRREG`); nil when the code is fine or unknown.
    static func repairedFrequencyIRI(_ iri: String) -> String? {
        guard iri.hasPrefix(Vocabulary.frequencyBase) else { return nil }
        let code = String(iri.dropFirst(Vocabulary.frequencyBase.count))
        guard let fixed = frequencyWords[code.lowercased()], fixed != code else { return nil }
        return Vocabulary.frequencyBase + fixed
    }

    /// The EU frequency IRI of a record (an IRI as given, or a known word), with a note for anything else.
    func frequency(_ pkg: CKANPackage, ctx: inout Context) -> String? {
        guard let hit = pkg.firstText(
            "frequency", "accrual_periodicity", "update_frequency", "updateFrequency", "frequency-of-update", "Aktualisierungsintervall")
        else { return nil }
        if let fixed = Self.repairedFrequencyIRI(hit.value) {
            ctx.add(.note, field: hit.key, .ckanFrequencyRepaired, [hit.value, fixed])
            return fixed
        }
        if hit.value.hasPrefix(Vocabulary.frequencyBase) { return hit.value }
        let word = hit.value.trimmedBlanks().lowercased()
        let upper = word.uppercased()
        if let code = Self.frequencyWords[word] ?? (Self.frequencyWords.values.contains(upper) ? upper : nil) {
            return Vocabulary.frequencyBase + code
        }
        ctx.add(.note, field: hit.key, .ckanFrequencyUnmapped, [hit.value])
        return nil
    }

    /// A note for each resource URL field whose value has space around it (the JSON reader trims it away).
    func noteSpacedURLs(_ res: CKANResource, index i: Int, label: String, ctx: inout Context) {
        for key in ["access_url", "url", "download_url"] {
            guard case .string(let raw)? = res.fields[key] else { continue }
            let trimmed = raw.trimmedSpace()
            guard !trimmed.isEmpty, trimmed != raw else { continue }
            ctx.add(.note, field: "resources[\(i)].\(key)", .ckanResourceURLSpaced, [label, raw])
        }
    }

    /// Top-level domains taken as a host without scheme (`example.org/x.csv`; not `bericht.pdf`).
    static let commonTLDs: Set<String> = ["de", "com", "org", "net", "eu", "nl", "be", "fr", "at", "ch", "info", "gov", "uk", "io", "nrw", "berlin", "koeln", "hamburg"]

    /// A URL as given, repaired where the intent is plain: surrounding space, a missing scheme on a host name
    /// (`www.example.org/x`, `example.org/x.csv`). Each repair is a note naming `subject` ("Resource 'name'",
    /// "Landing page"); nil when not usable.
    func repairedURL(_ raw: String, base: String?, field: String, subject: String, ctx: inout Context) -> String? {
        let trimmed = raw.trimmedSpace()
        if trimmed != raw, !trimmed.isEmpty, let url = IRISafe.url(trimmed, base: base) {
            ctx.add(.note, field: field, .ckanURLSpaced, [subject, raw])
            return url
        }
        if let url = IRISafe.url(trimmed, base: base) { return url }
        // `http:www.vbb.de/labs`: a scheme without `//`.
        for scheme in ["http:", "https:"] where trimmed.lowercased().hasPrefix(scheme) && !trimmed.dropFirst(scheme.count).hasPrefix("/") {
            guard let url = IRISafe.url(scheme + "//" + trimmed.dropFirst(scheme.count), base: nil) else { return nil }
            ctx.add(.note, field: field, .ckanURLSlashesAdded, [subject, raw, url])
            return url
        }
        let host = trimmed.prefix { $0 != "/" }
        let tld = host.split(separator: ".").last.map { $0.lowercased() } ?? ""
        // A colon in the host part is only a port (`www.example.org:8080`), never another scheme (`ftp:…`, `mailto:…`).
        let port = host.split(separator: ":", maxSplits: 1).dropFirst().first
        guard !trimmed.contains("://"), !trimmed.hasPrefix("/"), !host.contains(" "), !host.contains("@"),
              port.map({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) ?? true,
              host.lowercased().hasPrefix("www.") || Self.commonTLDs.contains(tld),
              let url = IRISafe.url("http://" + trimmed, base: nil)
        else { return nil }
        ctx.add(.note, field: field, .ckanURLSchemeAdded, [subject, raw, url])
        return url
    }

    /// The landing page: `url`, repaired like a resource URL (Berlin 2014: `www.statistik-berlin-brandenburg.de`),
    /// else GovData's `metadata_original_html` extra. A `url` that is still unusable is the note `url.unusable`.
    func landingPage(_ pkg: CKANPackage, portal: String?, ctx: inout Context) -> String? {
        var raw = pkg.text("url")
        if case .string(let s)? = pkg.fields["url"], raw != nil { raw = s }
        if let raw {
            if let url = repairedURL(raw, base: portal, field: "url", subject: "Landing page", ctx: &ctx) { return url }
            ctx.add(.note, field: "url", .ckanLandingPageUnusable, [raw.trimmedSpace()])
        }
        return pkg.extras["metadata_original_html"]?.text.flatMap { IRISafe.url($0, base: nil) }
    }

    /// A publisher's e-mail (`mailto:` stripped); a value that is no address is the warning `publisher.invalidEmail`.
    func agentEmail(_ raw: String?, field: String, ctx: inout Context) -> String? {
        guard let raw else { return nil }
        let e = raw.lowercased().hasPrefix("mailto:") ? String(raw.dropFirst(7)) : raw
        if IRISafe.isEmail(e) { return e }
        ctx.add(.warning, field: field, .ckanPublisherInvalidEmail, [raw])
        return nil
    }

    /// The absolute URLs of a `conforms_to` list; any other value is the note `conformsTo.unusable`.
    func conformsTo(_ raws: [String], field: String, ctx: inout Context) -> [String] {
        raws.compactMap { raw in
            if let url = IRISafe.url(raw, base: nil) { return url }
            ctx.add(.note, field: field, .ckanConformsToUnusable, [raw])
            return nil
        }
    }

    /// A resource's date from the first present key; an unreadable one is the note `date.unparsable`.
    func resourceDate(_ res: CKANResource, _ keys: [String], index i: Int, ctx: inout Context) -> DateValue? {
        guard let key = keys.first(where: { res.text($0) != nil }), let raw = res.text(key) else { return nil }
        if let d = CKANDate.parse(raw) { return d }
        ctx.add(.note, field: "resources[\(i)].\(key)", .ckanDateUnparsable, [raw])
        return nil
    }
}
