import Foundation

/// `datasets.geojson`: an RFC 7946 FeatureCollection with one Feature per dataset that has a published geometry
/// (PublishedGeometry.swift: the source's geometry, its bounding box, or the outline of its political
/// geocoding's area; `geometry_source` says which), sorted by id (= dct:identifier, then URI). One feature per
/// line, compact, so diffs show datasets. Datasets without a geometry are left out and listed in `withoutGeometry`.
package enum GeoJSONExporter {
    package static let fileName = "datasets.geojson"

    /// Hands datasets.geojson to `hand` in pieces (the opening, the features of each chunk of `sorted`, the
    /// closing); returns the identifiers of datasets without a usable geometry, sorted.
    static func stream(_ sorted: [Dataset], hand: (ExportFile) -> Void) -> [String] {
        hand(ExportFile(name: fileName, text: "{\"type\":\"FeatureCollection\",\"features\":[\n"))
        var without: [String] = []
        var first = true
        TableStream.inChunks(sorted.count, { range -> (lines: [String], without: [String]) in
            var lines: [String] = [], without: [String] = []
            for d in sorted[range] {
                let f = d.facts
                guard let shape = f.geometry else {
                    without.append(d.identifier)
                    continue
                }
                var line = ""
                ExportGeometry.compact(feature(d, f, geometry: .verbatim(shape.geoJSON)), into: &line)
                lines.append(line)
            }
            return (lines, without)
        }) { chunk in
            without += chunk.without
            guard !chunk.lines.isEmpty else { return }
            hand(.piece(fileName, text: (first ? "" : ",\n") + chunk.lines.joined(separator: ",\n")))
            first = false
        }
        hand(.piece(fileName, text: (first ? "" : "\n") + "]}\n"))
        return without.sorted()
    }

    static func feature(_ d: Dataset, _ f: PublishedFacts, geometry g: ExportJSON) -> ExportJSON {
        func str(_ s: String?) -> ExportJSON { s.map { .string(ExportText.sanitise($0)) } ?? .null }
        let area = f.area
        let props: [(String, ExportJSON)] = [
            ("id", .string(ExportText.sanitise(d.identifier))),
            ("uri", .string(f.iri)),
            ("title", str(d.title)),
            ("publisher", str(f.publisher.name)),
            ("licence", str(f.licence.uri)),
            ("licence_status", .string(f.licence.status.rawValue)),
            ("themes", .array(f.themes.map { .string($0) })),
            ("landing_page", str(d.landingPage)),
            ("formats", .array(f.formats.map { .string($0) })),
            ("geometry_source", str(f.geometrySource?.rawValue)),
            ("political_geocoding", .array(d.politicalGeocoding.map { .string(ExportText.sanitise($0)) })),
            ("area_ars", str(area?.key)),
            ("area_name", str(area?.name)),
            ("area_level", str(area?.level.rawValue)),
            ("area_exact", area.map { .bool($0.exact) } ?? .null),
        ]
        return .object([
            ("type", .string("Feature")), ("id", .string(ExportText.sanitise(d.identifier))),
            ("geometry", g), ("properties", .object(props)),
        ])
    }
}

/// `datapackage.json`: a Frictionless Data Package (v1 descriptor) describing both CSVs with Table Schemas
/// (primary keys and the distribution → dataset foreign key) and the GeoJSON file.
package enum DataPackageExporter {
    package static func descriptor(_ c: Catalog) -> String {
        func schema(_ cols: [ExportColumn], primaryKey: [String], foreignKeys: ExportJSON?) -> ExportJSON {
            var m: [(String, ExportJSON)] = [
                ("fields", .array(cols.map { col in
                    var f: [(String, ExportJSON)] = [("name", .string(col.name)), ("type", .string(col.type)), ("description", .string(col.description))]
                    if col.type == "boolean" { f.append(("trueValues", .array([.string("true")]))); f.append(("falseValues", .array([.string("false")]))) }
                    return .object(f)
                })),
                ("missingValues", .array([.string("")])),
                ("primaryKey", .array(primaryKey.map { .string($0) })),
            ]
            if let foreignKeys { m.append(("foreignKeys", foreignKeys)) }
            return .object(m)
        }
        let dialect = ExportJSON.object([("delimiter", .string(",")), ("lineTerminator", .string("\r\n")), ("quoteChar", .string("\"")), ("header", .bool(true))])
        func csv(_ name: String, _ title: String, _ schema: ExportJSON) -> ExportJSON {
            .object([
                ("name", .string(name)), ("path", .string(name + ".csv")), ("title", .string(title)), ("profile", .string("tabular-data-resource")),
                ("format", .string("csv")), ("mediatype", .string("text/csv")), ("encoding", .string("utf-8")),
                ("dialect", dialect), ("schema", schema),
            ])
        }
        let fk = ExportJSON.array([
            .object([("fields", .string("dataset_uri")), ("reference", .object([("resource", .string("datasets")), ("fields", .string("uri"))]))]),
        ])
        var members: [(String, ExportJSON)] = [
            ("profile", .string("data-package")),
            ("name", .string(packageName(c.title))),
            ("title", .string(ExportText.sanitise(c.title))),
            ("description", .string(ExportText.sanitise(c.description))),
        ]
        if let h = c.homepage.flatMap(ExportIRI.normalise) { members.append(("homepage", .string(h))) }
        if let m = c.modified { members.append(("created", .string(m.lexical))) }
        members.append(("resources", .array([
            csv("datasets", "Datensätze", schema(TabularExport.datasetColumns, primaryKey: ["uri"], foreignKeys: nil)),
            csv("distributions", "Distributionen", schema(TabularExport.distributionColumns, primaryKey: ["dataset_uri", "uri"], foreignKeys: fk)),
            .object([
                ("name", .string("datasets-geo")), ("path", .string("datasets.geojson")), ("title", .string("Datensätze mit Raumbezug")),
                ("format", .string("geojson")), ("mediatype", .string("application/geo+json")), ("encoding", .string("utf-8")),
            ]),
        ])))
        return ExportJSON.object(members).serialised()
    }

    /// A Data Package name: lower-case `[a-z0-9._-]`, from the catalogue title.
    static func packageName(_ title: String) -> String {
        var out = ""
        for c in title.lowercased().unicodeScalars {
            switch c {
            case "ä": out += "ae"
            case "ö": out += "oe"
            case "ü": out += "ue"
            case "ß": out += "ss"
            default:
                if (c.value >= 0x61 && c.value <= 0x7A) || (c.value >= 0x30 && c.value <= 0x39) || c == "." || c == "_" { out.unicodeScalars.append(c) } else if !out.hasSuffix("-") { out += "-" }
            }
        }
        out = String(out.drop { $0 == "-" })
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "catalog" : out
    }
}

/// What exporting a catalogue found out, besides the files.
package struct ExportSummary: Sendable {
    /// Identifiers of datasets that have no geometry in datasets.geojson, sorted.
    package var datasetsWithoutGeometry: [String]
    /// Triples in each of catalog.ttl, catalog.rdf and catalog.jsonld.
    package var tripleCount: Int
    /// Values the RDF exports could not carry (invalid IRIs, dates …), sorted.
    package var problems: [ExportProblem]
}

/// The result of exporting a catalogue in memory: the files (in `Exporters.fileNames` order) and the summary.
package struct ExportBundle: Sendable {
    package var files: [ExportFile]
    package var summary: ExportSummary
    package var datasetsWithoutGeometry: [String] { summary.datasetsWithoutGeometry }
    package var tripleCount: Int { summary.tripleCount }
    package var problems: [ExportProblem] { summary.problems }
}

package enum Exporters {
    /// File names in the bundle, in order.
    package static let fileNames = [
        "catalog.ttl", "catalog.rdf", "catalog.jsonld", "datasets.csv", "distributions.csv", "datapackage.json", GeoJSONExporter.fileName,
        SpreadsheetExport.datasetsFile, SpreadsheetExport.distributionsFile,
    ]

    /// All catalogue exports; `profile` nil: the catalogue's own (`Catalog.profile`, default DCAT-AP.de 3.0).
    package static func all(_ catalog: Catalog, profile: DCATGraph.Profile? = nil) -> ExportBundle {
        let collected = FileCollector()
        let summary = stream(catalog, profile: profile, emit: collected.add)
        return ExportBundle(files: collected.files(inOrder: fileNames), summary: summary)
    }

    /// Builds every export and hands each file to `emit` as soon as it is complete (from worker threads, several at
    /// once: `emit` must be thread-safe; a file's pieces come in order from one thread), so the caller can write
    /// and drop it. The RDF files are rendered dataset by dataset
    /// (`DCATDocument.catalogue`), without a graph of the whole catalogue. `datasetStem`: also write each
    /// dataset's own `.ttl` and `.jsonld` (the site's `datensatz/<slug>`) from the same rendering.
    package static func stream(
        _ catalog: Catalog, profile: DCATGraph.Profile? = nil, datasetStem: (@Sendable (Dataset) -> String)? = nil,
        emit: @escaping @Sendable (ExportFile) -> Void
    ) -> ExportSummary {
        let catalog = PublishedView.ensure(catalog)
        let withoutGeometry = LockedBox<[String]>([])
        let rdf = LockedBox<(triples: Int, problems: [ExportProblem])>((0, []))
        let hand = emit
        let datasetFiles = datasetStem.map { DatasetFiles(stem: $0, emit: hand) }
        // The exports are independent pure functions of the catalogue: run them in parallel, largest first so
        // the two cores stay busy (the RDF files run on both cores themselves).
        let sorted = TabularExport.sortedDatasets(catalog)
        _ = ParallelMap.map(Array(0..<5), minimum: catalog.datasets.count < 2000 ? 10 : 0, chunk: 1) { i -> Int in
            switch i {
            case 0:
                // Handed over piece by piece as they are rendered (ExportFile.continues): never whole in memory.
                let names: [DCATDocument.Format: String] = [.turtle: "catalog.ttl", .rdfXML: "catalog.rdf", .jsonLD: "catalog.jsonld"]
                var started: Set<DCATDocument.Format> = []
                let summary = DCATDocument.catalogue(catalog, profile: profile, datasetFiles: datasetFiles) { format, bytes in
                    let name = names[format]!
                    hand(started.insert(format).inserted ? ExportFile(name: name, bytes: bytes) : .piece(name, bytes: bytes))
                }
                rdf.set((summary.tripleCount, summary.problems))
            case 1: TableStream.distributions(catalog.datasets, hand: hand)
            case 2: TableStream.datasets(sorted, hand: hand)
            case 3: withoutGeometry.set(GeoJSONExporter.stream(sorted, hand: hand))
            default: hand(ExportFile(name: "datapackage.json", text: DataPackageExporter.descriptor(catalog)))
            }
            return i
        }
        let (triples, problems) = rdf.get()
        return ExportSummary(datasetsWithoutGeometry: withoutGeometry.get(), tripleCount: triples, problems: problems)
    }
}
