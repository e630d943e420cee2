import CatalogCore
import TOMLKit

extension ConfigLoader {
    /// `[[hvd]]` blocks: which datasets are high-value datasets, in which category (docs/configuration.md,
    /// "High-value datasets"). Every criterion given must hold; each is a list of alternatives.
    static func readHVD(_ root: TOMLTable, top: Table, sources: Set<String>) throws(ConfigError) -> [HVDRule] {
        guard let value = root["hvd"] else { return [] }
        top.used.insert("hvd")
        let none = Section(name: "", index: nil)
        guard let array = value.array else {
            throw top.context.error(none, key: "hvd", path: "hvd", "expected [[hvd]] blocks (an array of tables), found \(describe(value))")
        }
        var rules: [HVDRule] = []
        for index in 0..<array.count {
            let path = "hvd[\(index)]"
            guard let toml = array[index].table else {
                throw top.context.error(Section(name: "hvd", index: index), key: nil, path: path, "expected a table, found \(describe(array[index]))")
            }
            rules.append(try readHVDRule(Table(toml, path: path, section: Section(name: "hvd", index: index), context: top.context), sources: sources))
        }
        return rules
    }

    private static func readHVDRule(_ t: Table, sources known: Set<String>) throws(ConfigError) -> HVDRule {
        guard let names = try t.stringArray("category"), !names.isEmpty else {
            throw t.context.error(t.section, key: nil, path: t.keyPath("category"),
                                  "missing; name the HVD category (code, IRI or label), e.g. \(topCategories)")
        }
        var codes: [String] = []
        for name in names {
            guard let c = HVDCategory.named(name) else {
                throw t.error("category", "\"\(name)\" is not an EU high-value dataset category; the six top categories are \(topCategories) (or a subcategory's code or label, vocabulary: catalog/shacl/vocabularies-extra/high-value-dataset-category-2.1.rdf)")
            }
            codes.append(c.code)
        }
        var rule = HVDRule(categories: codes, name: try t.string("name"))
        rule.sources = try t.stringArray("sources") ?? []
        if let unknown = rule.sources.first(where: { !known.contains($0) }) {
            throw t.error("sources", "unknown source id \"\(unknown)\"; configured: \(known.sorted().joined(separator: ", "))")
        }
        rule.publishers = try t.stringArray("publishers") ?? []
        rule.themes = try t.stringArray("themes") ?? []
        if let bad = rule.themes.first(where: { Vocabulary.themeLabelsDE[$0.uppercased()] == nil }) {
            throw t.error("themes", "\"\(bad)\" is not an EU data-theme code; known: \(Vocabulary.themeLabelsDE.keys.sorted().joined(separator: ", "))")
        }
        rule.keywords = try t.stringArray("keywords") ?? []
        rule.datasets = try t.stringArray("datasets") ?? []
        try t.finish()
        guard !rule.isUnrestricted else {
            throw t.context.error(t.section, key: nil, path: t.path ?? "hvd",
                                  "a rule needs at least one of sources, publishers, themes, keywords or datasets (it would flag every dataset)")
        }
        return rule
    }

    private static var topCategories: String {
        HVDCategory.all.filter { $0.parent == nil }.map { "\"\($0.english)\"" }.joined(separator: ", ")
    }
}
