/// One CSV column: its name, Table Schema type and its description in English (the data package) and German (the site).
package struct ExportColumn: Sendable {
    package var name: String
    /// Frictionless Table Schema type (`string`, `integer`, `boolean`).
    package var type: String
    /// English, for datapackage.json.
    package var description: String
    /// German, for the column tables of downloads.html.
    package var german: String
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
        .init(name: "identifier", type: "string", description: "dct:identifier as the source gave it", german: "Kennung des Datensatzes (dct:identifier), wie die Quelle sie angibt"),
        .init(name: "uri", type: "string", description: "IRI of the dataset in catalog.ttl", german: "IRI des Datensatzes in catalog.ttl"),
        .init(name: "source", type: "string", description: "Source id (catalog/sources.toml) of the primary record", german: "Kürzel der Quelle (catalog/sources.toml) des Haupteintrags"),
        .init(name: "source_id", type: "string", description: "Record id at the source portal", german: "Kennung des Eintrags im Quellportal"),
        .init(name: "title", type: "string", description: "Title (dct:title)", german: "Titel"),
        .init(name: "description", type: "string", description: "Description (dct:description)", german: "Beschreibung"),
        .init(name: "publisher", type: "string", description: "Publisher name; the catalogue publisher when the record names none", german: "Herausgeber; der Herausgeber des Katalogs, wenn der Eintrag keinen nennt"),
        .init(name: "contact_name", type: "string", description: "Contact point name", german: "Name der Kontaktstelle"),
        .init(name: "contact_email", type: "string", description: "Contact point e-mail", german: "E-Mail der Kontaktstelle"),
        .init(name: "themes", type: "string", description: "EU data-theme codes, '|'-separated, sorted", german: "Codes der EU-Datenthemen (z. B. TRAN), sortiert, mit | getrennt"),
        .init(name: "themes_label", type: "string", description: "German names of the themes, in the order of the codes, '|'-separated", german: "Deutsche Namen der Themen in der Reihenfolge der Codes, mit | getrennt"),
        .init(name: "keywords", type: "string", description: "Keywords, '|'-separated", german: "Schlagwörter, mit | getrennt"),
        .init(name: "licence_uri", type: "string", description: "Canonical licence IRI of the dataset (else the one its distributions give), if recognised", german: "IRI der Lizenz des Datensatzes (sonst die seiner Distributionen), wenn erkannt"),
        .init(name: "licence_status", type: "string", description: "The licence audit's verdict (as in licences.csv): open, restricted, closed, missing, unknown, invalid, conflicting", german: "Ergebnis der Lizenzprüfung als Code: open, restricted, closed, missing, unknown, invalid, conflicting"),
        .init(name: "licence_status_label", type: "string", description: "German name of the licence status (offen, eingeschränkt …)", german: "Ergebnis der Lizenzprüfung auf Deutsch (offen, eingeschränkt …)"),
        .init(name: "issued", type: "string", description: "dct:issued, ISO 8601: YYYY-MM-DD, or YYYY-MM-DDThh:mm:ssZ (UTC) when the source gave a time", german: "Veröffentlicht (ISO 8601: JJJJ-MM-TT, mit Uhrzeit JJJJ-MM-TTThh:mm:ssZ in UTC)"),
        .init(name: "modified", type: "string", description: "dct:modified, ISO 8601 as issued", german: "Zuletzt geändert (ISO 8601 wie issued)"),
        .init(name: "landing_page", type: "string", description: "dcat:landingPage", german: "Webseite des Datensatzes"),
        .init(name: "formats", type: "string", description: "EU file-type codes of the distributions, '|'-separated, unique", german: "Codes der Dateiformate der Distributionen (EU-Liste), eindeutig, mit | getrennt"),
        .init(name: "spatial", type: "string", description: "Bounding box 'west,south,east,north' (WGS84) of the geometry in datasets.geojson; empty when the dataset has none", german: "Begrenzungsrahmen der Geometrie in datasets.geojson als West,Süd,Ost,Nord (WGS 84); leer ohne Geometrie"),
        .init(name: "political_geocoding", type: "string", description: "dcatde:politicalGeocodingURI values, '|'-separated", german: "Politische Geokodierung (dcatde:politicalGeocodingURI), mit | getrennt"),
        .init(name: "distributions", type: "integer", description: "Number of distributions", german: "Anzahl der Distributionen"),
        .init(name: "source_url", type: "string", description: "The record's page on the source portal", german: "Seite des Eintrags im Quellportal"),
        .init(name: "type", type: "string", description: "dataset, or dataset_series for a dcat:DatasetSeries (as CKAN's type)", german: "dataset, oder dataset_series für eine Datenreihe (dcat:DatasetSeries)"),
        .init(name: "in_series", type: "string", description: "IRIs of the dataset series this dataset belongs to (dcat:inSeries), '|'-separated", german: "IRIs der Datenreihen, zu denen der Datensatz gehört (dcat:inSeries), mit | getrennt"),
        .init(name: "hvd_categories", type: "string", description: "High-value dataset (Regulation (EU) 2023/138): its EU HVD category IRIs (dcatap:hvdCategory), '|'-separated; empty for other datasets", german: "Hochwertiger Datensatz (Verordnung (EU) 2023/138): IRIs seiner HVD-Kategorien, mit | getrennt; leer bei anderen Datensätzen"),
    ]

    package static let distributionColumns: [ExportColumn] = [
        .init(name: "dataset_identifier", type: "string", description: "dct:identifier of the dataset", german: "Kennung des Datensatzes"),
        .init(name: "dataset_uri", type: "string", description: "IRI of the dataset", german: "IRI des Datensatzes (verknüpft mit uri in datasets.csv)"),
        .init(name: "uri", type: "string", description: "IRI of the distribution", german: "IRI der Distribution"),
        .init(name: "title", type: "string", description: "Title (dct:title)", german: "Titel, wie die Quelle ihn angibt"),
        .init(name: "access_url", type: "string", description: "dcat:accessURL", german: "Zugangs-URL (dcat:accessURL)"),
        .init(name: "download_url", type: "string", description: "dcat:downloadURL, where the source gave one", german: "Download-URL (dcat:downloadURL), wenn die Quelle eine nennt"),
        .init(name: "url", type: "string", description: "The link that gets the data: the download URL where known, else the access URL (CKAN's resource url)", german: "Der Link zu den Daten: die Download-URL, sonst die Zugangs-URL (CKANs Ressourcen-URL)"),
        .init(name: "format", type: "string", description: "EU file-type code", german: "Code des Dateiformats (EU-Liste)"),
        .init(name: "raw_format", type: "string", description: "Format as the source gave it", german: "Format, wie die Quelle es angibt"),
        .init(name: "media_type", type: "string", description: "IANA media type", german: "Medientyp (IANA)"),
        .init(name: "byte_size", type: "integer", description: "Size in bytes (dcat:byteSize)", german: "Größe in Byte"),
        .init(name: "licence_uri", type: "string", description: "Canonical licence IRI, if recognised", german: "IRI der Lizenz, wenn erkannt"),
        .init(name: "licence_status", type: "string", description: "The licence audit's verdict for the distribution (as in licences.csv)", german: "Ergebnis der Lizenzprüfung der Distribution als Code (wie in licences.csv)"),
        .init(name: "licence_status_label", type: "string", description: "German name of the licence status", german: "Ergebnis der Lizenzprüfung auf Deutsch"),
        .init(name: "licence_inherited", type: "boolean", description: "true when the licence was copied from the dataset", german: "true, wenn die Lizenz vom Datensatz übernommen wurde"),
        .init(name: "modified", type: "string", description: "dct:modified, ISO 8601 as in datasets.csv", german: "Zuletzt geändert (ISO 8601 wie in datasets.csv)"),
    ]

    /// Datasets in export order: by identifier, then URI.
    package static func sortedDatasets(_ c: Catalog) -> [Dataset] {
        c.datasets.sorted { ($0.identifier, $0.uri) < ($1.identifier, $1.uri) }
    }

    /// The cells of a dataset's row in datasets.csv (columns as `datasetColumns`).
    package static func datasetRow(_ d: Dataset) -> [String] {
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
            d.provenance.first?.url ?? "", d.isSeries ? "dataset_series" : "dataset",
            d.inSeries.joined(separator: listSeparator), (f.hvd?.iris ?? []).joined(separator: listSeparator),
        ]
    }

    /// The rows of distributions.csv in export order, as (dataset, distribution) positions in `datasets`: sorted
    /// by dataset identifier, dataset IRI, distribution IRI.
    package static func distributionOrder(_ datasets: [Dataset]) -> [(dataset: Int, distribution: Int)] {
        var rows: [(key: [String], at: (dataset: Int, distribution: Int))] = []
        for (i, d) in datasets.enumerated() {
            let f = d.facts
            for x in 0..<min(d.distributions.count, f.distributions.count) {
                rows.append(([d.identifier, f.iri, f.distributions[x].iri], (i, x)))
            }
        }
        return rows.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map(\.at)
    }

    /// The cells of distribution `x` of `d` in distributions.csv (columns as `distributionColumns`).
    package static func distributionRow(_ d: Dataset, _ x: Int) -> [String] {
        let f = d.facts, dist = d.distributions[x], p = f.distributions[x]
        return [
            d.identifier, f.iri, p.iri, dist.title ?? "", p.accessURL ?? dist.accessURL,
            p.downloadURL ?? dist.downloadURL ?? "", p.url ?? "", p.format ?? "",
            dist.rawFormat ?? "", dist.mediaType ?? "", dist.byteSize.map(String.init) ?? "", p.licence.uri ?? "",
            p.licence.status.rawValue, SiteLabels.licenceStatus(p.licence.status), dist.licenceInherited ? "true" : "false",
            timestamp(dist.modified),
        ]
    }

    /// A date in the CSVs' one ISO 8601 form: `YYYY-MM-DD` for a date, `YYYY-MM-DDThh:mm:ssZ` in UTC for a date
    /// with time (offsets applied; a time without zone is taken as UTC, as CKAN stores it; fractions of a second
    /// dropped; catalog.ttl keeps the value as given). Empty for none; a value of another shape stays as given.
    package static func timestamp(_ value: DateValue?) -> String {
        guard let value else { return "" }
        let s = value.lexical
        if value.isDate { return s }
        guard let utc = CKANPackageRenderer.utcTimestamp(s) else { return s }
        return String(utc.prefix(19)) + "Z"
    }

    /// The bounding box of the published geometry, `west,south,east,north`; empty without a geometry.
    static func spatialCell(_ b: BoundingBox?) -> String {
        guard let b else { return "" }
        return [b.west, b.south, b.east, b.north].map(ExportNumber.format).joined(separator: ",")
    }
}
