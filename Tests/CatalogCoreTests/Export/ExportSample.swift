@testable import CatalogCore

/// A hand-built catalogue that exercises every exported property, with messy strings.
enum ExportSample {
    static let base = "https://opendata.aachen.example/catalog"
    static let dlBy = Licence(raw: "dl-de-by-2.0", uri: "http://dcat-ap.de/def/licenses/dl-by-de/2.0", spdx: "DL-DE-BY-2.0", status: .open)
    static let ccBy = Licence(raw: "CC BY 4.0", uri: "http://dcat-ap.de/def/licenses/cc-by/4.0", spdx: "CC-BY-4.0", status: .open)
    static let stadt = Agent(
        uri: "https://www.aachen.de", name: "Stadt Aachen", email: "opendata@mail.aachen.de", homepage: "https://www.aachen.de",
        type: "http://purl.org/adms/publishertype/LocalAuthority")
    static let nrw = "http://dcat-ap.de/def/contributors/openNRW"

    static var catalog: Catalog {
        Catalog(
            uri: base, title: "Offene Daten Aachen (Sammelkatalog)", description: "Harvested & merged: \"Aachen\" <region>.",
            publisher: Agent(name: "Stadt Aachen – Open Data Team", email: "opendata@mail.aachen.de"),
            homepage: "https://offenedaten.aachen.de", languages: [Vocabulary.languageBase + "DEU"],
            modified: .dateTime("2025-03-01T02:00:00Z"), datasets: [parking, trees, budget, messy])
    }

    static var parking: Dataset {
        Dataset(
            uri: base + "/dataset/aachen/parkhaeuser", identifier: "4f0c1e7a-parkhaeuser",
            otherIdentifiers: ["https://offenedaten.aachen.de/dataset/parkhaeuser"],
            provenance: [Provenance(sourceID: "aachen", remoteID: "4f0c1e7a-parkhaeuser", remoteName: "parkhaeuser", url: "https://offenedaten.aachen.de/dataset/parkhaeuser")],
            title: "Parkhäuser – Belegung (live)", description: "Belegung der Parkhäuser.\nQuelle: APAG; Stand \"täglich\".",
            keywords: ["Parken", "Verkehr", "Mobilität"], themes: ["TRAN", "REGI"],
            issued: .date("2019-05-02"), modified: .dateTime("2024-11-30T08:15:00+01:00"),
            landingPage: "https://offenedaten.aachen.de/dataset/parkhaeuser",
            publisher: stadt,
            contactPoint: ContactPoint(name: "Fachbereich Mobilität", email: "mobilitaet@mail.aachen.de", url: "https://www.aachen.de/mobilitaet", phone: "+49 241 432-0"),
            creator: Agent(name: "APAG Aachener Parkhaus GmbH"),
            spatial: Location(
                uri: "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/05334002",
                geometryGeoJSON: #"{"coordinates":[[[6.02,50.72],[6.15,50.72],[6.15,50.81],[6.02,50.81],[6.02,50.72]]],"type":"Polygon"}"#,
                bbox: BoundingBox(west: 6.02, south: 50.72, east: 6.15, north: 50.81), label: "Aachen"),
            politicalGeocoding: ["http://dcat-ap.de/def/politicalGeocoding/municipalityKey/05334002"],
            politicalGeocodingLevel: "http://dcat-ap.de/def/politicalGeocoding/Level/municipality",
            geocodingText: "Stadtgebiet Aachen",
            temporal: PeriodOfTime(start: .date("2019-01-01"), end: .dateTime("2025-12-31T23:59:59")),
            licence: dlBy, accessRights: Vocabulary.accessRightBase + "PUBLIC",
            conformsTo: ["https://www.opengis.net/def/docs/19-072"], languages: [Vocabulary.languageBase + "DEU"],
            accrualPeriodicity: Vocabulary.frequencyBase + "DAILY", version: "2.1", contributorIDs: [nrw],
            legalBasis: "§ 16a EGovG NRW", derivedFrom: ["https://www.govdata.de/web/guest/daten/-/details/parkhaeuser"],
            distributions: [
                Distribution(
                    uri: base + "/dataset/aachen/parkhaeuser/resource/1", title: "Belegung als CSV", description: "Alle 5 Minuten; Trennzeichen ';'",
                    accessURL: "https://offenedaten.aachen.de/dataset/parkhaeuser/resource/1", downloadURL: "https://daten.aachen.de/parken/belegung.csv",
                    rawFormat: "csv", format: "CSV", mediaType: "text/csv", byteSize: 48213, licence: dlBy,
                    attributionText: "Stadt Aachen, APAG (2024)", rights: "Nutzung frei; Quellenvermerk erforderlich",
                    issued: .date("2019-05-02"), modified: .date("2024-11-30"), languages: [Vocabulary.languageBase + "DEU"],
                    conformsTo: ["https://www.rfc-editor.org/rfc/rfc4180"]),
                Distribution(
                    uri: base + "/dataset/aachen/parkhaeuser/resource/2", title: "Parkhäuser (GeoJSON)",
                    accessURL: "https://daten.aachen.de/parken/parkhaeuser.geojson", rawFormat: "GeoJSON", format: "GEOJSON",
                    mediaType: "application/geo+json", byteSize: 0, licence: dlBy, licenceInherited: true),
            ])
    }

    static var trees: Dataset {
        Dataset(
            uri: base + "/dataset/staedteregion/baumkataster", identifier: "baumkataster-2023",
            provenance: [Provenance(sourceID: "staedteregion", remoteID: "b-77", url: "https://offenedaten.aachen.de/dataset/baumkataster")],
            title: "Baumkataster StädteRegion", description: "Standorte von Straßenbäumen.", keywords: ["Bäume", "Umwelt"], themes: ["ENVI"],
            issued: .dateTime("2023-04-01T00:00:00"), modified: .date("2024-02-29"),
            contactPoint: ContactPoint(name: "Umweltamt", email: "umwelt@staedteregion-aachen.de"),
            spatial: Location(bbox: BoundingBox(west: 5.97, south: 50.49, east: 6.42, north: 50.95), label: "StädteRegion Aachen"),
            politicalGeocoding: ["http://dcat-ap.de/def/politicalGeocoding/districtKey/05334"],
            politicalGeocodingLevel: "http://dcat-ap.de/def/politicalGeocoding/Level/administrativeDistrict",
            licence: ccBy, contributorIDs: [nrw],
            distributions: [
                Distribution(
                    uri: base + "/dataset/staedteregion/baumkataster/resource/wfs", title: "WFS-Dienst",
                    accessURL: "https://geodienste.staedteregion-aachen.de/wfs?SERVICE=WFS&REQUEST=GetCapabilities",
                    rawFormat: "WFS", format: "WFS_SRVC", licence: ccBy),
            ])
    }

    static var budget: Dataset {
        // No publisher (the catalogue's is used), no spatial: absent from datasets.geojson.
        Dataset(
            uri: base + "/dataset/aachen/haushalt-2024", identifier: "haushalt-2024",
            provenance: [Provenance(sourceID: "aachen", remoteID: "haushalt-2024")],
            title: "Haushaltsplan 2024", description: "Ergebnis- und Finanzplan.", keywords: ["Haushalt"], themes: ["GOVE", "ECON"],
            issued: .date("2024-01-15"), contributorIDs: [nrw],
            distributions: [
                Distribution(
                    uri: base + "/dataset/aachen/haushalt-2024/resource/xlsx", title: "Haushalt.xlsx",
                    accessURL: "https://daten.aachen.de/haushalt/2024.xlsx", format: "XLSX",
                    mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", byteSize: 1_234_567, licence: dlBy),
            ])
    }

    static var messy: Dataset {
        Dataset(
            uri: base + "/dataset/aachen/messy", identifier: "=HYPERLINK(\"http://evil\")",
            otherIdentifiers: ["", "alt id\twith tab"],
            provenance: [Provenance(sourceID: "aachen", remoteID: "messy-1", url: "https://offenedaten.aachen.de/dataset/messy 1")],
            title: "Messy \"quotes\", back\\slash, <tags> & ümlauts\u{0001}\u{000B}",
            description: "Zeile 1\r\nZeile 2\rZeile 3\u{0000}\u{FFFE} ]]> --> ${x} \u{1F600}",
            keywords: ["-minus", "@at", "+plus", "a,b;c"], themes: ["SOCI"],
            issued: .date("2021-02-30"), modified: .dateTime("2021-03-01T10:00:00.123Z"),
            landingPage: "offenedaten.aachen.de/dataset/messy",
            publisher: Agent(uri: "not an iri", name: "  Amt für <Statistik> & \"Wahlen\"  ", email: "statistik at aachen",
                             homepage: "https://www.aachen.de/statistik/über uns{1}|^`\\", type: "http://example.org/unknown-type"),
            contactPoint: ContactPoint(name: "Nur Telefon", phone: "0241 / 432-0"),
            spatial: Location(geometryGeoJSON: #"{"type":"Point","coordinates":[999,50]}"#),
            temporal: PeriodOfTime(start: .date("2020-13-01")),
            licence: Licence(raw: "Nutzung auf Anfrage", status: .unknown), contributorIDs: [nrw],
            distributions: [
                Distribution(
                    uri: "urn:uuid:3f1e9f1c-0000-4000-8000-000000000001", title: "Datei mit Leerzeichen.csv",
                    accessURL: "https://daten.aachen.de/files/Datei mit Leerzeichen (ä).csv",
                    downloadURL: "ftp://daten.aachen.de/pub/a%zz.csv",
                    rawFormat: "CSV ", format: "CSV", mediaType: "text/csv; charset=utf-8", byteSize: -1,
                    licence: dlBy, licenceInherited: true, rights: "\u{0007}"),
                Distribution(
                    uri: "relative/resource", accessURL: "javascript-free text, no iri",
                    downloadURL: "https://daten.aachen.de/files/fallback.json", format: "JSON", mediaType: "application/json",
                    licence: ccBy),
            ])
    }
}
