import Foundation

// Categories → EU data themes (issue 16 item 5; docs/mapping.md, "Category table").

extension CKANMapper {
    /// EU themes from the `theme` list (EU IRIs, codes or category names, GovData/scheming/DKAN), tags of a tag
    /// vocabulary (CKAN `vocabulary_id`; Köln DKAN's categories) and groups, all through the category table
    /// (`catalog/vocabularies/theme-aliases.json` first, then the upstream tables). A category the table does not
    /// know, or knows to have no theme (`Sonstiges`), is the note `theme.unmapped` naming the value.
    func mapThemes(_ pkg: CKANPackage, ctx: inout Context) -> [String] {
        var codes = Set<String>()
        func take(_ candidates: [String], field: String, label: String, kind: String, art: String, ctx: inout Context) {
            guard let c = candidates.lazy.compactMap({ vocabularies.themes(for: $0) }).first else {
                ctx.add(.note, field: field, .ckanThemeUnmapped, [kind, label, art])
                return
            }
            if c.isEmpty {
                ctx.add(.note, field: field, .ckanThemeWithoutEUTheme, [kind, label, art])
            }
            codes.formUnion(c)
        }
        for (i, t) in pkg.list("theme").enumerated() {
            take([t], field: pkg.fields["theme"] != nil ? "theme[\(i)]" : "extras.theme[\(i)]", label: t, kind: "Theme", art: "Thema", ctx: &ctx)
        }
        for tag in pkg.vocabularyTags {
            take([tag.name], field: "tags[\(tag.index)]", label: tag.name, kind: "Category tag (vocabulary \(tag.vocabulary))", art: "Kategorie-Schlagwort (Vokabular \(tag.vocabulary))", ctx: &ctx)
        }
        for (i, g) in pkg.groups.enumerated() {
            take([g.name, g.title, g.id].compactMap { $0 }, field: "groups[\(i)]", label: g.title ?? g.name ?? g.id ?? "", kind: "Group", art: "Gruppe", ctx: &ctx)
        }
        return themeLists.value(for: codes.sorted()) { $0 }
    }
}
