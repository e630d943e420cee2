// Per-organisation defaults of a CKAN source (`[source.organizations.<name>]`, docs/configuration.md).

/// The defaults that apply to one record and, when the source has an organisation table, the publisher the
/// table names for it.
struct RecordDefaults {
    /// The source's defaults, overridden by the record's organisation entry when there is one.
    var defaults: SourceDefaults
    /// The publisher to use before the CKAN organisation's own title: the entry's publisher for a known
    /// organisation, the source's default publisher for an unknown one; nil without a table.
    var publisher: Agent?
}

extension CKANMapper {
    /// Looks the record's CKAN organisation (`organization.name`, else `owner_org`) up in the source's
    /// organisation table. An organisation that is not in the table, or a record without one, gets a warning
    /// and the source's defaults — never silently the catalogue's publisher.
    func recordDefaults(_ pkg: CKANPackage, source: SourceConfig, ctx: inout Context) -> RecordDefaults {
        let table = source.organizations
        guard !table.isEmpty else { return RecordDefaults(defaults: source.defaults, publisher: nil) }
        let org = pkg.fields["organization"]
        let keys = [org?["name"]?.text, org?["id"]?.text, pkg.text("owner_org")].compactMap { $0 }
        if let key = keys.first(where: { table[$0] != nil }), let entry = table[key] {
            let merged = source.defaults.overridden(by: entry)
            return RecordDefaults(defaults: merged, publisher: merged.publisher)
        }
        let fallback = source.defaults.publisher.map { "publisher '\($0.name)'" } ?? "no publisher (the organisation's title is used)"
        let fallbackDE = source.defaults.publisher.map { "Herausgeber „\($0.name)“" } ?? "kein Herausgeber, der Titel der Organisation wird genommen"
        if let name = keys.first {
            let title = org?["title"]?.text
            ctx.add(.warning, field: "organization", .ckanOrganizationUnknown, [name, source.id, fallback, fallbackDE] + (title.map { [$0] } ?? []))
        } else {
            ctx.add(.warning, field: "organization", .ckanOrganizationMissing, [fallback, fallbackDE])
        }
        return RecordDefaults(defaults: source.defaults, publisher: source.defaults.publisher)
    }
}
