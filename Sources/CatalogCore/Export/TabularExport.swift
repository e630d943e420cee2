/// One CSV column: its name, Table Schema type and a description (used by the data package).
package struct ExportColumn: Sendable {
    package var name: String
    /// Frictionless Table Schema type (`string`, `integer`, `boolean`).
    package var type: String
    package var description: String
}

/// `datasets.csv` and `distributions.csv`: one row per dataset / distribution, list cells joined with `|` (the
/// one list separator of every CSV), dates in one ISO 8601 form (`timestamp`), German labels beside theme codes
/// and licence statuses; rows sorted by dataset identifier, then dataset URI (then distribution URI). Values are
/// as in the model; IRIs are shown normalised (as in the RDF) when they are valid, verbatim otherwise.
package enum TabularExport {
    /// Separator for list cells (themes, keywords, formats …) in every CSV: `|` occurs in no code and hardly
    /// in a keyword, and is neither the RFC 4180 nor the German Excel cell separator.
    package static let listSeparator = "|"

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
        .init(name: "themes", type: "string", description: "EU data-theme codes, '|'-separated, sorted"),
        .init(name: "themes_label", type: "string", description: "German names of the themes, in the order of the codes, '|'-separated"),
        .init(name: "keywords", type: "string", description: "Keywords, '|'-separated"),
        .init(name: "licence_uri", type: "string", description: "Canonical licence IRI of the dataset (else the one its distributions give), if recognised"),
        .init(name: "licence_status", type: "string", description: "The licence audit's verdict (as in licences.csv): open, restricted, closed, missing, unknown, invalid, conflicting"),
        .init(name: "licence_status_label", type: "string", description: "German name of the licence status (offen, eingeschränkt …)"),
        .init(name: "issued", type: "string", description: "dct:issued, ISO 8601: YYYY-MM-DD, or YYYY-MM-DDThh:mm:ssZ (UTC) when the source gave a time"),
        .init(name: "modified", type: "string", description: "dct:modified, ISO 8601 as issued"),
        .init(name: "landing_page", type: "string", description: "dcat:landingPage"),
        .init(name: "formats", type: "string", description: "EU file-type codes of the distributions, '|'-separated, unique"),
        .init(name: "spatial", type: "string", description: "Bounding box 'west,south,east,north' (WGS84) of the geometry in datasets.geojson; empty when the dataset has none"),
        .init(name: "political_geocoding", type: "string", description: "dcatde:politicalGeocodingURI values, '|'-separated"),
        .init(name: "distributions", type: "integer", description: "Number of distributions"),
        .init(name: "source_url", type: "string", description: "The record's page on the source portal"),
    ]

    package static let distributionColumns: [ExportColumn] = [
        .init(name: "dataset_identifier", type: "string", description: "dct:identifier of the dataset"),
        .init(name: "dataset_uri", type: "string", description: "IRI of the dataset"),
        .init(name: "uri", type: "string", description: "IRI of the distribution"),
        .init(name: "title", type: "string", description: "Title (dct:title)"),
        .init(name: "access_url", type: "string", description: "dcat:accessURL"),
        .init(name: "download_url", type: "string", description: "dcat:downloadURL, where the source gave one"),
        .init(name: "url", type: "string", description: "The link that gets the data: the download URL where known, else the access URL (CKAN's resource url)"),
        .init(name: "format", type: "string", description: "EU file-type code"),
        .init(name: "raw_format", type: "string", description: "Format as the source gave it"),
        .init(name: "media_type", type: "string", description: "IANA media type"),
        .init(name: "byte_size", type: "integer", description: "Size in bytes (dcat:byteSize)"),
        .init(name: "licence_uri", type: "string", description: "Canonical licence IRI, if recognised"),
        .init(name: "licence_status", type: "string", description: "The licence audit's verdict for the distribution (as in licences.csv)"),
        .init(name: "licence_status_label", type: "string", description: "German name of the licence status"),
        .init(name: "licence_inherited", type: "boolean", description: "true when the licence was copied from the dataset"),
        .init(name: "modified", type: "string", description: "dct:modified, ISO 8601 as in datasets.csv"),
    ]

    /// Datasets in export order: by identifier, then URI.
    package static func sortedDatasets(_ c: Catalog) -> [Dataset] {
        c.datasets.sorted { ($0.identifier, $0.uri) < ($1.identifier, $1.uri) }
    }

    package static func datasetsCSV(_ c: Catalog) -> String {
        var w = CSVWriter(header: datasetColumns.map(\.name))
        for row in datasetRows(c) { w.append(row) }
        return w.text
    }

    /// The cells of datasets.csv, one row per dataset in export order (columns as `datasetColumns`).
    package static func datasetRows(_ c: Catalog) -> [[String]] {
        sortedDatasets(c).map { d in
            let f = d.facts
            return [
                d.identifier, f.iri, d.sourceID, d.remoteID, d.title, d.description,
                f.publisher.name, d.contactPoint?.name ?? "", d.contactPoint?.email ?? "",
                f.themes.joined(separator: listSeparator), f.themes.map(SiteLabels.theme).joined(separator: listSeparator),
                d.keywords.joined(separator: listSeparator),
                f.licence.uri ?? "", f.licence.status.rawValue, SiteLabels.licenceStatus(f.licence.status),
                timestamp(d.issued), timestamp(d.modified), d.landingPage ?? "",
                f.formats.joined(separator: listSeparator), spatialCell(f.bbox),
                d.politicalGeocoding.joined(separator: listSeparator), String(d.distributions.count),
                d.provenance.first?.url ?? "",
            ]
        }
    }

    package static func distributionsCSV(_ c: Catalog) -> String {
        var w = CSVWriter(header: distributionColumns.map(\.name))
        for row in distributionRows(c) { w.append(row) }
        return w.text
    }

    /// The cells of distributions.csv in export order (columns as `distributionColumns`).
    package static func distributionRows(_ c: Catalog) -> [[String]] {
        var rows: [(key: [String], row: [String])] = []
        for d in c.datasets {
            let f = d.facts
            for (x, p) in zip(d.distributions, f.distributions) {
                rows.append((
                    [d.identifier, f.iri, p.iri],
                    [
                        d.identifier, f.iri, p.iri, x.title ?? "", p.accessURL ?? x.accessURL,
                        p.downloadURL ?? x.downloadURL ?? "", p.url ?? "", p.format ?? "",
                        x.rawFormat ?? "", x.mediaType ?? "", x.byteSize.map(String.init) ?? "", p.licence.uri ?? "",
                        p.licence.status.rawValue, SiteLabels.licenceStatus(p.licence.status), x.licenceInherited ? "true" : "false",
                        timestamp(x.modified),
                    ]
                ))
            }
        }
        return rows.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }).map(\.row)
    }

    /// A date in the CSVs' one ISO 8601 form: `YYYY-MM-DD` for a date, `YYYY-MM-DDThh:mm:ssZ` in UTC for a date
    /// with time (offsets applied; a time without zone is taken as UTC, as CKAN stores it; fractions of a second
    /// dropped; catalog.ttl keeps the value as given). Empty for none; a value of another shape stays as given.
    package static func timestamp(_ value: DateValue?) -> String {
        switch value {
        case nil: return ""
        case .date(let s): return s
        case .dateTime(let s):
            guard let utc = CKANPackageRenderer.utcTimestamp(s) else { return s }
            return String(utc.prefix(19)) + "Z"
        }
    }

    /// The bounding box of the published geometry, `west,south,east,north`; empty without a geometry.
    static func spatialCell(_ b: BoundingBox?) -> String {
        guard let b else { return "" }
        return [b.west, b.south, b.east, b.north].map(ExportNumber.format).joined(separator: ",")
    }
}
