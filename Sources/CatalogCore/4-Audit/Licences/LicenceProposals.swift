// Which licences the audit proposes to a source (issue 16 item 6: the suggested fix fits the source).

extension Pipeline {
    /// International open licences proposed to a portal whose language is not German.
    static let internationalProposals = ["https://creativecommons.org/licenses/by/4.0/", "https://creativecommons.org/publicdomain/zero/1.0/"]

    /// Per source id: its `suggested_licences`; for a source whose language (`language`, else the catalogue's
    /// first) is not German, the international open licences. German sources are left out: the audit then
    /// proposes its German defaults (dl-zero-de/2.0, dl-by-de/2.0).
    static func licenceProposals(_ sources: [SourceConfig], settings: CatalogSettings) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for source in sources {
            if let own = source.suggestedLicences, !own.isEmpty {
                out[source.id] = own
            } else if !isGerman(source.language ?? settings.languages.first ?? "DEU") {
                out[source.id] = internationalProposals
            }
        }
        return out
    }

    /// `DEU`, `de`, `ger` or an EU language IRI ending in `/DEU`.
    static func isGerman(_ language: String) -> Bool {
        let code = (language.split(separator: "/").last.map(String.init) ?? language).uppercased()
        return ["DEU", "DE", "GER"].contains(code)
    }
}
