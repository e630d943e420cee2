/// A dataset of the catalogue: a value with copy-on-write storage. Its fields (`Dataset.Fields`, Model.swift) live
/// in one heap box, read and written as `dataset.title` through `dynamicMember`. The stages hand each other arrays
/// and entries of datasets (mapped, merged, sorted for each export, site and quality entries); inline, each of
/// those held a ~1.5 KB copy of every dataset with a retain per field, now 8 bytes and one retain. Writing to a
/// dataset that is shared copies its fields once, as an array would.
@dynamicMemberLookup
package struct Dataset: Sendable, Hashable, Codable {
    /// The fields' box (`Shared`, the copy-on-write box the model's shared parts use).
    private var box: Shared<Fields>

    package init(fields: Fields) { box = Shared(fields) }

    package init(
        uri: String, identifier: String, otherIdentifiers: [String] = [], provenance: [Provenance] = [],
        title: String, description: String, keywords: [String] = [], themes: [String] = [],
        issued: DateValue? = nil, modified: DateValue? = nil, landingPage: String? = nil,
        publisher: Agent? = nil, contactPoint: ContactPoint? = nil, creator: Agent? = nil,
        spatial: Location? = nil, politicalGeocoding: [String] = [], politicalGeocodingLevel: String? = nil,
        geocodingText: String? = nil, temporal: PeriodOfTime? = nil, licence: Licence? = nil,
        accessRights: String? = nil, conformsTo: [String] = [], languages: [String] = [],
        accrualPeriodicity: String? = nil, version: String? = nil, contributorIDs: [String] = [],
        legalBasis: String? = nil, derivedFrom: [String] = [], distributions: [Distribution] = []
    ) {
        var f = Fields(uri: uri, identifier: identifier, title: title, description: description)
        f.otherIdentifiers = otherIdentifiers
        f.provenance = provenance
        f.keywords = keywords
        f.themes = themes
        f.issued = issued
        f.modified = modified
        f.landingPage = landingPage
        f.publisher = publisher
        f.contactPoint = contactPoint
        f.creator = creator
        f.spatial = spatial
        f.politicalGeocoding = politicalGeocoding
        f.politicalGeocodingLevel = politicalGeocodingLevel
        f.geocodingText = geocodingText
        f.temporal = temporal
        f.licence = licence
        f.accessRights = accessRights
        f.conformsTo = conformsTo
        f.languages = languages
        f.accrualPeriodicity = accrualPeriodicity
        f.version = version
        f.contributorIDs = contributorIDs
        f.legalBasis = legalBasis
        f.derivedFrom = derivedFrom
        f.distributions = distributions
        self.init(fields: f)
    }

    /// Every field as a value (a copy of the box's contents).
    package var fields: Fields { box.value }

    /// The storage's identity: equal for two datasets exactly while they share their fields (tests check with it
    /// that a stage wrote a dataset in place instead of copying it).
    package var storageID: ObjectIdentifier { box.identity }

    package subscript<T>(dynamicMember key: KeyPath<Fields, T>) -> T {
        box.value[keyPath: key]
    }

    package subscript<T>(dynamicMember key: WritableKeyPath<Fields, T>) -> T {
        get { box.value[keyPath: key] }
        _modify { yield &box.value[keyPath: key] }
    }

    /// The source id of the primary record.
    package var sourceID: String { box.value.provenance.first?.sourceID ?? "" }
    /// The remote id of the primary record.
    package var remoteID: String { box.value.provenance.first?.remoteID ?? box.value.identifier }

    package static func == (a: Dataset, b: Dataset) -> Bool { a.box == b.box }
    package func hash(into hasher: inout Hasher) { box.value.hash(into: &hasher) }

    /// The same JSON as the fields themselves (catalog.model.json's dataset objects, state snapshots).
    package init(from decoder: any Decoder) throws { self.init(fields: try Fields(from: decoder)) }
    package func encode(to encoder: any Encoder) throws { try box.value.encode(to: encoder) }
}
