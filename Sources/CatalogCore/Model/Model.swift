public import Foundation

// The DCAT-AP.de model: plain values, no behaviour beyond small conveniences.
// Names follow DCAT-AP (Catalog, Dataset, Distribution, Agent, Kind, Location, PeriodOfTime)
// so people from the field feel at home. Every IRI is a `String` holding an absolute IRI;
// exporters escape and validate them (see Support/IRI.swift).

/// The merged catalogue that is published.
package struct Catalog: Sendable, Hashable, Codable {
    package var uri: String
    package var title: String
    package var description: String
    package var publisher: Agent
    package var homepage: String?
    /// EU language authority IRIs, e.g. `http://publications.europa.eu/resource/authority/language/DEU`.
    package var languages: [String]
    /// The run's timestamp (passed in, never read from a clock inside Core).
    package var modified: DateValue?
    package var datasets: [Dataset]
    /// `[catalog] profile`: the RDF profile every graph of this catalogue follows (files, server, site); nil is
    /// the default, DCAT-AP.de 3.0 (so catalog.model.json names it only when 2.0 was chosen).
    package var profile: DCATGraph.Profile?

    package init(
        uri: String, title: String, description: String, publisher: Agent, homepage: String? = nil,
        languages: [String] = [], modified: DateValue? = nil, datasets: [Dataset] = []
    ) {
        self.uri = uri
        self.title = title
        self.description = description
        self.publisher = publisher
        self.homepage = homepage
        self.languages = languages
        self.modified = modified
        self.datasets = datasets
    }
}

/// Where a dataset came from: one entry per source record merged into it.
package struct Provenance: Sendable, Hashable, Codable {
    /// The `id` of the source in `catalog/sources.toml`.
    package var sourceID: String
    /// The record's id at the source (CKAN `id`, or DCAT `dct:identifier`/subject IRI).
    package var remoteID: String
    /// The record's human name at the source (CKAN `name` slug), if any.
    package var remoteName: String?
    /// A URL of the record on the source portal (e.g. `https://portal/dataset/{name}`), if derivable.
    package var url: String?
    /// `metadata_modified` (or equivalent) at the source, as given.
    package var sourceModified: String?

    package init(sourceID: String, remoteID: String, remoteName: String? = nil, url: String? = nil, sourceModified: String? = nil) {
        self.sourceID = sourceID
        self.remoteID = remoteID
        self.remoteName = remoteName
        self.url = url
        self.sourceModified = sourceModified
    }
}

extension Dataset {
    /// The fields of a `Dataset` (see Dataset.swift: a dataset keeps them in one copy-on-write box).
    package struct Fields: Sendable, Hashable, Codable {
        /// Stable IRI under the catalogue base URI (`{base}/dataset/{source}/{slug}`), unless the source supplied
        /// its own.
        package var uri: String
        /// `dct:identifier`: passed on unchanged from the source (DCAT-AP.de convention 25).
        package var identifier: String
        /// `adms:identifier`: other identifiers (source ids, source URLs) (convention 26).
        package var otherIdentifiers: [String] = []
        /// Every source record this dataset was built from; the first is the primary one.
        package var provenance: [Provenance] = []
        package var title: String
        package var description: String
        package var keywords: [String] = []
        /// EU data-theme codes, e.g. `SOCI` (IRI: `Vocabulary.themeBase + code`).
        package var themes: [String] = []
        package var issued: DateValue?
        package var modified: DateValue?
        package var landingPage: String?
        package var publisher: Agent?
        package var contactPoint: ContactPoint?
        @Boxed package var creator: Agent?
        package var spatial: Location?
        /// `dcatde:politicalGeocodingURI` values.
        package var politicalGeocoding: [String] = []
        /// `dcatde:politicalGeocodingLevelURI`.
        package var politicalGeocodingLevel: String?
        /// `dcatde:geocodingDescription`.
        @Boxed package var geocodingText: String?
        package var temporal: PeriodOfTime?
        /// Dataset-level licence as the source gave it (DCAT-AP puts licences on distributions).
        package var licence: Licence?
        /// EU access-right IRI (`…/access-right/PUBLIC` …).
        package var accessRights: String?
        package var conformsTo: [String] = []
        /// EU language IRIs.
        package var languages: [String] = []
        /// EU frequency IRI.
        @Boxed package var accrualPeriodicity: String?
        @Boxed package var version: String?
        /// `dcatde:contributorID` IRIs.
        package var contributorIDs: [String] = []
        /// `dcatde:legalBasis`.
        @Boxed package var legalBasis: String?
        /// `dct:source` / `prov:wasDerivedFrom`: IRIs/URLs of the origin record when this one is a harvested copy
        /// (GovData-style `guid`, `uri`, `harvest_url`, `harvest_source_url` extras). Used by deduplication.
        package var derivedFrom: [String] = []
        package var distributions: [Distribution] = []
        /// `dcatde:maintainer`, `dcatde:originator` (DCAT-AP.de agents; read from DCAT input).
        @Boxed package var maintainer: Agent?
        @Boxed package var originator: Agent?
        /// `adms:versionNotes`.
        @Boxed package var versionNotes: String?
        /// `foaf:page`: documentation pages (nil: none).
        package var documentation: [String]?
        /// `dct:provenance`: a statement on the data's origin (read from DCAT input).
        @Boxed package var provenanceStatement: String?
        /// `dct:relation`: related resources (nil: none).
        package var relations: [String]?
        /// EU language code (`DEU`) of the record's text literals: the record's first language, else the source's
        /// `language`; nil: the catalogue's first language.
        @Boxed package var textLanguage: String?
        /// A dataset series (`dcat:DatasetSeries`; ckanext-dcat `type = dataset_series`), not a single dataset.
        package var isSeries = false
        /// `dcat:inSeries`: the series this dataset belongs to, as dataset IRIs of this catalogue once
        /// `DatasetSeries.resolve` ran (before: as the source wrote them, a CKAN id or name, or a source IRI).
        package var inSeries: [String] = []
        /// `dcatap:hvdCategory` as the source gave it (IRIs or codes of the EU HVD category vocabulary); the
        /// published categories (`PublishedFacts.hvd`) add those of the config's `[[hvd]]` rules.
        package var hvdCategories: [String] = []
        /// What every output publishes about this dataset; set by `PublishedView` after deduplication and the
        /// licence audit (nil before).
        package var published: PublishedFacts?

        /// The four fields every dataset has; the others start empty (`Dataset.init` sets them).
        package init(uri: String, identifier: String, title: String, description: String) {
            self.uri = uri
            self.identifier = identifier
            self.title = title
            self.description = description
        }
    }
}

package struct Distribution: Sendable, Hashable, Codable {
    package var uri: String
    package var title: String?
    package var description: String?
    /// `dcat:accessURL` (mandatory in DCAT-AP).
    package var accessURL: String
    package var downloadURL: String?
    /// The format string as the source gave it (`csv`, `application/json`, `WMS` …).
    package var rawFormat: String?
    /// EU file-type code, e.g. `CSV` (IRI: `Vocabulary.fileTypeBase + code`).
    package var format: String?
    /// IANA media type, e.g. `text/csv`.
    package var mediaType: String?
    package var byteSize: Int?
    package var licence: Licence?
    /// True when `licence` was copied from the dataset because the distribution had none.
    package var licenceInherited: Bool
    /// `dcatde:licenseAttributionByText`.
    @Boxed package var attributionText: String?
    @Boxed package var rights: String?
    package var issued: DateValue?
    package var modified: DateValue?
    package var languages: [String]
    package var conformsTo: [String]
    /// `spdx:checksum`.
    @Boxed package var checksum: Checksum?
    /// `adms:status` IRI (`http://purl.org/adms/status/Completed` …).
    @Boxed package var status: String?
    /// `dcatde:plannedAvailability` IRI.
    @Boxed package var plannedAvailability: String?
    /// `foaf:page`: documentation pages (nil: none).
    package var documentation: [String]?

    package init(
        uri: String, title: String? = nil, description: String? = nil, accessURL: String, downloadURL: String? = nil,
        rawFormat: String? = nil, format: String? = nil, mediaType: String? = nil, byteSize: Int? = nil,
        licence: Licence? = nil, licenceInherited: Bool = false, attributionText: String? = nil, rights: String? = nil,
        issued: DateValue? = nil, modified: DateValue? = nil, languages: [String] = [], conformsTo: [String] = []
    ) {
        self.uri = uri
        self.title = title
        self.description = description
        self.accessURL = accessURL
        self.downloadURL = downloadURL
        self.rawFormat = rawFormat
        self.format = format
        self.mediaType = mediaType
        self.byteSize = byteSize
        self.licence = licence
        self.licenceInherited = licenceInherited
        self.attributionText = attributionText
        self.rights = rights
        self.issued = issued
        self.modified = modified
        self.languages = languages
        self.conformsTo = conformsTo
    }
}

/// `spdx:Checksum`: the algorithm IRI and the hex value as given.
package struct Checksum: Sendable, Hashable, Codable {
    package var algorithm: String
    package var value: String

    package init(algorithm: String, value: String) {
        self.algorithm = algorithm
        self.value = value
    }
}

/// `foaf:Agent` (publisher, creator).
package struct Agent: Sendable, Hashable, Codable {
    /// An IRI for the agent if known; otherwise exporters emit a blank node.
    package var uri: String?
    package var name: String
    package var email: String?
    package var homepage: String?
    /// ADMS publisher type IRI.
    package var type: String?

    package init(uri: String? = nil, name: String, email: String? = nil, homepage: String? = nil, type: String? = nil) {
        self.uri = uri
        self.name = name
        self.email = email
        self.homepage = homepage
        self.type = type
    }
}

/// `vcard:Kind` (contact point). DCAT-AP.de 3.0 wants fn plus at least one of email / URL / phone.
package struct ContactPoint: Sendable, Hashable, Codable {
    package var name: String?
    package var email: String?
    package var url: String?
    package var phone: String?
    /// `vcard:hasAddress` (read from DCAT input).
    package var address: PostalAddress?

    package init(name: String? = nil, email: String? = nil, url: String? = nil, phone: String? = nil) {
        self.name = name
        self.email = email
        self.url = url
        self.phone = phone
    }

    package var isEmpty: Bool { name == nil && email == nil && url == nil && phone == nil }
}

/// `vcard:Address`.
package struct PostalAddress: Sendable, Hashable, Codable {
    package var street: String?
    package var postalCode: String?
    package var locality: String?
    package var region: String?
    package var country: String?

    package init(street: String? = nil, postalCode: String? = nil, locality: String? = nil, region: String? = nil, country: String? = nil) {
        self.street = street
        self.postalCode = postalCode
        self.locality = locality
        self.region = region
        self.country = country
    }

    package var isEmpty: Bool { street == nil && postalCode == nil && locality == nil && region == nil && country == nil }
}

/// `dct:Location`.
package struct Location: Sendable, Hashable, Codable {
    /// An IRI naming the place (GeoNames, politicalGeocoding …), if any.
    package var uri: String?
    /// The geometry as a normalised GeoJSON geometry object (compact JSON, keys sorted).
    package var geometryGeoJSON: String?
    /// West, south, east, north (WGS84 lon/lat) when known.
    package var bbox: BoundingBox?
    /// A place name (`skos:prefLabel`), e.g. from `geographical_coverage`.
    package var label: String?

    package init(uri: String? = nil, geometryGeoJSON: String? = nil, bbox: BoundingBox? = nil, label: String? = nil) {
        self.uri = uri
        self.geometryGeoJSON = geometryGeoJSON
        self.bbox = bbox
        self.label = label
    }
}

package struct BoundingBox: Sendable, Hashable, Codable {
    package var west: Double
    package var south: Double
    package var east: Double
    package var north: Double

    package init(west: Double, south: Double, east: Double, north: Double) {
        self.west = west
        self.south = south
        self.east = east
        self.north = north
    }
}

/// `dct:PeriodOfTime` with `dcat:startDate` / `dcat:endDate`.
package struct PeriodOfTime: Sendable, Hashable, Codable {
    package var start: DateValue?
    package var end: DateValue?

    package init(start: DateValue? = nil, end: DateValue? = nil) {
        self.start = start
        self.end = end
    }
}

/// A licence reference as the source gave it and as we resolved it. Its fields are one copy-on-write box
/// (`Shared`): a run holds two licences per dataset and two per distribution (as given and as published), nearly
/// all copies of a few resolved ones (the mappers memoise resolution), so each is 8 bytes and a retain instead of
/// 72 bytes and four.
package struct Licence: Sendable, Hashable, Codable {
    package struct Parts: Sendable, Hashable, Codable {
        package var raw: String?
        package var uri: String?
        package var spdx: String?
        package var status: LicenceStatus
        package var reason: String?
    }

    private var parts: Shared<Parts>

    package init(raw: String?, uri: String? = nil, spdx: String? = nil, status: LicenceStatus, reason: String? = nil) {
        parts = Shared(Parts(raw: raw, uri: uri, spdx: spdx, status: status, reason: reason))
    }

    /// The raw value (id, title or URL) exactly as the source gave it; nil when missing.
    package var raw: String? {
        get { parts.value.raw }
        set { parts.value.raw = newValue }
    }

    /// The canonical licence IRI (dcat-ap.de licence vocabulary where possible), when recognised.
    package var uri: String? {
        get { parts.value.uri }
        set { parts.value.uri = newValue }
    }

    /// The SPDX id, when one exists.
    package var spdx: String? {
        get { parts.value.spdx }
        set { parts.value.spdx = newValue }
    }

    package var status: LicenceStatus {
        get { parts.value.status }
        set { parts.value.status = newValue }
    }

    /// Why the status was given (human-readable, German or English, one sentence).
    package var reason: String? {
        get { parts.value.reason }
        set { parts.value.reason = newValue }
    }

    package init(from decoder: any Decoder) throws { parts = Shared(try Parts(from: decoder)) }

    package func encode(to encoder: any Encoder) throws { try parts.value.encode(to: encoder) }
}

/// Licence classes for the audit (issue: licence validation).
package enum LicenceStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case open
    /// e.g. non-commercial, no-derivatives.
    case restricted
    case closed
    case missing
    /// An unrecognised string, shown verbatim.
    case unknown
    /// A malformed variant of a known licence URI (the likely intended licence is given).
    case invalid
    /// Distributions disagree with each other or with the dataset, or duplicates disagree.
    case conflicting
}
