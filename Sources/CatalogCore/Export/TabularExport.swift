/// One CSV column: its name, Table Schema type and a description (used by the data package).
package struct ExportColumn: Sendable {
    package var name: String
    /// Frictionless Table Schema type (`string`, `integer`, `boolean`).
    package var type: String
    package var description: String
}

/// `datasets.csv` and `distributions.csv`: one row per dataset / distribution, list cells joined with `;`,
/// rows sorted by dataset identifier, then dataset URI (then distribution URI). Values are as in the model;
/// IRIs are shown normalised (as in the RDF) when they are valid, verbatim otherwise.
package enum TabularExport {
    /// Separator for list cells (themes, keywords, formats …).
    package static let listSeparator = ";"

    package static let datasetColumns: [ExportColumn] = [
        .init(name: "identifier", type: "string", description: "dct:identifier as the source gave it"),
        .init(name: "uri", type: "string", description: "IRI of the dataset in catalog.ttl"),
        .init(name: "source", type: "string", description: "Source id (catalog/sources.toml) of the primary record"),
        .init(name: "source_id", type: "string", description: "Record id at the source portal"),
        .init(name: "title", type: "string", description: "Title (dct:title)"),
        .init(name: "description", type: "string", description: "Description (dct:description)"),
        .init(name: "publisher", type: "string", description: "Publisher name; the catalogue publisher when the record names none"),
        .init(name: "contact_name", type: "string", description: "Contact point name"),
        .init(name: "contact_email", type: "string", description: "Contact point e-mail"),
        .init(name: "themes", type: "string", description: "EU data-theme codes, ';'-separated"),
        .init(name: "keywords", type: "string", description: "Keywords, ';'-separated"),
        .init(name: "licence_uri", type: "string", description: "Canonical licence IRI of the dataset, if recognised"),
        .init(name: "licence_status", type: "string", description: "Licence audit class: open, restricted, closed, missing, unknown, invalid, conflicting"),
        .init(name: "issued", type: "string", description: "dct:issued (xsd:date or xsd:dateTime lexical form)"),
        .init(name: "modified", type: "string", description: "dct:modified (xsd:date or xsd:dateTime lexical form)"),
        .init(name: "landing_page", type: "string", description: "dcat:landingPage"),
        .init(name: "formats", type: "string", description: "EU file-type codes of the distributions, ';'-separated, unique"),
        .init(name: "spatial", type: "string", description: "Bounding box 'west,south,east,north' (WGS84), 'yes' for a geometry without bbox, empty otherwise"),
        .init(name: "political_geocoding", type: "string", description: "dcatde:politicalGeocodingURI values, ';'-separated"),
        .init(name: "distributions", type: "integer", description: "Number of distributions"),
        .init(name: "source_url", type: "string", description: "The record's page on the source portal"),
    ]

    package static let distributionColumns: [ExportColumn] = [
        .init(name: "dataset_identifier", type: "string", description: "dct:identifier of the dataset"),
        .init(name: "dataset_uri", type: "string", description: "IRI of the dataset"),
        .init(name: "uri", type: "string", description: "IRI of the distribution"),
        .init(name: "title", type: "string", description: "Title (dct:title)"),
        .init(name: "access_url", type: "string", description: "dcat:accessURL"),
        .init(name: "download_url", type: "string", description: "dcat:downloadURL"),
        .init(name: "format", type: "string", description: "EU file-type code"),
        .init(name: "raw_format", type: "string", description: "Format as the source gave it"),
        .init(name: "media_type", type: "string", description: "IANA media type"),
        .init(name: "byte_size", type: "integer", description: "Size in bytes (dcat:byteSize)"),
        .init(name: "licence_uri", type: "string", description: "Canonical licence IRI, if recognised"),
        .init(name: "licence_status", type: "string", description: "Licence audit class"),
        .init(name: "licence_inherited", type: "boolean", description: "true when the licence was copied from the dataset"),
        .init(name: "modified", type: "string", description: "dct:modified"),
    ]

    /// Datasets in export order: by identifier, then URI.
    package static func sortedDatasets(_ c: Catalog) -> [Dataset] {
        c.datasets.sorted { ($0.identifier, $0.uri) < ($1.identifier, $1.uri) }
    }

    package static func datasetsCSV(_ c: Catalog) -> String {
        var w = CSVWriter(header: datasetColumns.map(\.name))
        for d in sortedDatasets(c) {
            let formats = Array(Set(d.distributions.compactMap { $0.format?.uppercased() })).sorted()
            w.append([
                d.identifier, ExportIRI.normalise(d.uri) ?? d.uri, d.sourceID, d.remoteID, d.title, d.description,
                (d.publisher ?? c.publisher).name, d.contactPoint?.name ?? "", d.contactPoint?.email ?? "",
                d.themes.joined(separator: listSeparator), d.keywords.joined(separator: listSeparator),
                d.licence?.uri ?? "", d.licence?.status.rawValue ?? LicenceStatus.missing.rawValue,
                d.issued?.lexical ?? "", d.modified?.lexical ?? "", d.landingPage ?? "",
                formats.joined(separator: listSeparator), spatialCell(d.spatial),
                d.politicalGeocoding.joined(separator: listSeparator), String(d.distributions.count),
                d.provenance.first?.url ?? "",
            ])
        }
        return w.text
    }

    package static func distributionsCSV(_ c: Catalog) -> String {
        var rows: [(key: [String], row: [String])] = []
        for d in c.datasets {
            let dsURI = ExportIRI.normalise(d.uri) ?? d.uri
            for x in d.distributions {
                let uri = ExportIRI.normalise(x.uri) ?? x.uri
                rows.append((
                    [d.identifier, dsURI, uri],
                    [
                        d.identifier, dsURI, uri, x.title ?? "", x.accessURL, x.downloadURL ?? "", x.format ?? "",
                        x.rawFormat ?? "", x.mediaType ?? "", x.byteSize.map(String.init) ?? "", x.licence?.uri ?? "",
                        x.licence?.status.rawValue ?? LicenceStatus.missing.rawValue, x.licenceInherited ? "true" : "false",
                        x.modified?.lexical ?? "",
                    ]
                ))
            }
        }
        var w = CSVWriter(header: distributionColumns.map(\.name))
        for r in rows.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) { w.append(r.row) }
        return w.text
    }

    static func spatialCell(_ l: Location?) -> String {
        guard let l else { return "" }
        if let b = l.bbox { return [b.west, b.south, b.east, b.north].map(ExportNumber.format).joined(separator: ",") }
        return l.geometryGeoJSON != nil || l.uri != nil ? "yes" : ""
    }
}
