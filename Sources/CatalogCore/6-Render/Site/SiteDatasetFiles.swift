// Each dataset for machines, beside its page: `datensatz/<slug>.json` (the CKAN package dict, as
// `package_show` returns it), `.ttl` and `.jsonld` (the dataset as a one-dataset DCAT-AP.de catalogue, rendered
// like catalog.ttl, DCATDocument), and a schema.org `Dataset` embedded in the page for search
// engines. All of them read the published facts, so they state what the page and the catalogue files state.

import Foundation

enum SiteDatasetFiles {
    /// The file suffixes written per dataset, with their label on the page.
    static let formats: [(suffix: String, label: String)] = [
        ("json", "CKAN-JSON (wie package_show)"), ("ttl", "DCAT-AP.de als Turtle"), ("jsonld", "DCAT-AP.de als JSON-LD"),
    ]

    /// Where a dataset's files are: `datensatz/<slug>` + `.json`, `.ttl`, `.jsonld`.
    @Sendable static func stem(_ d: Dataset) -> String { "datensatz/" + d.facts.slug }

    /// `datensatz/<slug>.json` of entry `index` and its `.ttl` and `.jsonld`, each unless another step writes it
    /// (in a run: the server index the `.json`, `SiteInput.datasetPackages`; the catalogue export the RDF files,
    /// `SiteInput.datasetRDF`).
    static func files(_ ctx: SiteContext, index: Int) -> [ExportFile] {
        let d = ctx.model.entries[index].dataset
        let stem = stem(d)
        var files: [ExportFile] = []
        if ctx.input.datasetPackages {
            files.append(ExportFile(name: stem + ".json", text: CKANPackageRenderer.package(d, catalog: ctx.input.catalog).text + "\n"))
        }
        if ctx.input.datasetRDF {
            let layout = DCATDocument.layout([d], head: ctx.rdfHead)
            files.append(ExportFile(name: stem + ".jsonld", bytes: DCATDocument.bytes(layout, as: JSONLDSerializer.self)))
            files.append(ExportFile(name: stem + ".ttl", bytes: DCATDocument.bytes(layout, as: TurtleSerializer.self)))
        }
        return files
    }

    /// A `<script type="application/ld+json">` with the schema.org `Dataset` (as Google Dataset Search reads it).
    static func schemaOrg(_ ctx: SiteContext, _ d: Dataset) -> String {
        var json = schemaOrgJSON(ctx, d).text
        // "<" only occurs inside strings; escaping it keeps "</script>" in a value from ending the element.
        json = json.replacingASCII(UInt8(ascii: "<"), with: "\\u003c")
        return "<script type=\"application/ld+json\">\(json)</script>\n"
    }

    static func schemaOrgJSON(_ ctx: SiteContext, _ d: Dataset) -> CKANJSON {
        let f = d.facts
        var m: [CKANJSON.Member] = [
            .init("@context", .string("https://schema.org/")), .init("@type", .string("Dataset")),
            .init("@id", .string(f.iri)), .init("identifier", .string(d.identifier)), .init("name", .string(d.title)),
        ]
        if !d.description.isEmpty { m.append(.init("description", .string(d.description))) }
        if let page = d.landingPage, SiteHTML.isLinkable(page) { m.append(.init("url", .string(page))) }
        if !d.keywords.isEmpty { m.append(.init("keywords", .array(d.keywords.map { .string($0) }))) }
        if let uri = f.licence.uri { m.append(.init("license", .string(uri))) }
        if f.licence.status == .open { m.append(.init("isAccessibleForFree", .bool(true))) }
        m.append(.init("publisher", organization(f.publisher)))
        if let c = d.creator { m.append(.init("creator", organization(c))) }
        if let i = d.issued { m.append(.init("datePublished", .string(i.lexical))) }
        if let mod = d.modified { m.append(.init("dateModified", .string(mod.lexical))) }
        if let t = d.temporal, t.start != nil || t.end != nil {
            m.append(.init("temporalCoverage", .string((t.start?.lexical ?? "..") + "/" + (t.end?.lexical ?? ".."))))
        }
        if let place = place(d, f) { m.append(.init("spatialCoverage", place)) }
        if !f.languages.isEmpty { m.append(.init("inLanguage", .array(f.languages.compactMap(LiteralLanguage.tag).map { .string($0) }))) }
        let files = zip(d.distributions, f.distributions).enumerated().map { i, pair in download(pair.0, pair.1, index: i) }
        if !files.isEmpty { m.append(.init("distribution", .array(files))) }
        m.append(.init("includedInDataCatalog", .object([
            .init("@type", .string("DataCatalog")), .init("name", .string(ctx.input.catalog.title)),
        ])))
        return .object(m)
    }

    static func organization(_ a: Agent) -> CKANJSON {
        var m: [CKANJSON.Member] = [.init("@type", .string("Organization")), .init("name", .string(a.name))]
        if let home = a.homepage, SiteHTML.isLinkable(home) { m.append(.init("url", .string(home))) }
        if let mail = a.email, !mail.isEmpty { m.append(.init("email", .string(mail))) }
        return .object(m)
    }

    static func place(_ d: Dataset, _ f: PublishedFacts) -> CKANJSON? {
        var m: [CKANJSON.Member] = [.init("@type", .string("Place"))]
        if let label = d.spatial?.label ?? d.geocodingText, !label.isEmpty { m.append(.init("name", .string(label))) }
        if let b = f.bbox {
            // schema.org boxes are "south west north east"; numbers as in datasets.csv's spatial column.
            let box = [b.south, b.west, b.north, b.east].map(ExportNumber.format).joined(separator: " ")
            m.append(.init("geo", .object([.init("@type", .string("GeoShape")), .init("box", .string(box))])))
        }
        return m.count > 1 ? .object(m) : nil
    }

    static func download(_ x: Distribution, _ p: PublishedDistributionFacts, index: Int) -> CKANJSON {
        let url = p.downloadURL ?? p.accessURL ?? x.accessURL
        var m: [CKANJSON.Member] = [.init("@type", .string("DataDownload"))]
        m.append(.init("name", .string(SiteFileTitle.title(x, url: url, index: index).text)))
        if let format = x.mediaType ?? p.format ?? x.format { m.append(.init("encodingFormat", .string(format))) }
        m.append(.init("contentUrl", .string(url)))
        if let size = x.byteSize { m.append(.init("contentSize", .string("\(size) B"))) }
        if let uri = p.licence.uri { m.append(.init("license", .string(uri))) }
        return .object(m)
    }
}
