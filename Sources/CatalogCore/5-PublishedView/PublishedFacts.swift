// The published view: what every output states about a dataset, derived once (PublishedView.swift) after
// deduplication and the licence audit. Exports, site, CKAN API and reports read these facts instead of
// deriving their own from the source values, so a pandas filter, a ckanapi query and the site's facet
// return the same sets.

/// The facts every output publishes about one dataset.
///
/// The values sit in one shared box (`Shared`), copy-on-write: every output reads a dataset's facts, and a copy
/// of the fifteen fields cost about as many reference counts (1.3 % of a 10 k run's samples went to copying
/// them out of `Dataset.facts`); a copy of the box costs one. Coded exactly as the fields themselves.
@dynamicMemberLookup
package struct PublishedFacts: Sendable, Hashable, Codable {
    /// The fields, in one box that copies share; read and written as the facts' own members.
    package struct Values: Sendable, Hashable, Codable {
        /// The dataset's licence as the licence audit judged it: its status is the audit's verdict (duplicates that
        /// disagree and distributions that disagree make it `conflicting`), its IRI the dataset's own licence, else
        /// the one its distributions give.
        package var licence: Licence
        /// The publisher shown everywhere: the dataset's, else the catalogue's.
        package var publisher: Agent
        /// True when the source named no publisher and the catalogue's is shown.
        package var publisherFromCatalogue: Bool
        /// EU data-theme codes that are valid codes, upper-case, each once, sorted.
        package var themes: [String]
        /// The dataset IRI as published (normalised; derived under the catalogue IRI when the source's is unusable).
        package var iri: String
        /// The site page: `datensatz/<slug>.html`.
        package var slug: String
        /// CKAN API `id` (UUIDv5 of the dataset's model URI) and catalogue-wide unique `name`.
        package var ckanID: String
        package var ckanName: String
        /// The published geometry (PublishedGeometry.swift: the source geometry if valid or repaired, else its
        /// bounding box, else the outline of its political geocoding's area) in the forms outputs write; nil when
        /// the dataset has none of these. Datasets with the same area share one.
        package var geometry: PublishedShape?
        /// Where `geometry` comes from (nil without a geometry).
        package var geometrySource: GeometrySource?
        /// The political geocoding's area, when `geometry` was derived from it.
        package var area: PublishedArea?
        /// The bounding box of `geometry`.
        package var bbox: BoundingBox?
        /// EU language IRIs (valid absolute IRIs only).
        package var languages: [String]
        /// One entry per distribution, in the dataset's order.
        package var distributions: [PublishedDistributionFacts]
        /// High-value dataset (Regulation (EU) 2023/138): its categories and why; nil when it is not one.
        package var hvd: PublishedHVD?
    }

    private var shared: Shared<Values>

    /// Each field, read from and written into the shared box (`facts.slug`, `facts.hvd = …`).
    package subscript<Field>(dynamicMember field: WritableKeyPath<Values, Field>) -> Field {
        get { shared.value[keyPath: field] }
        _modify { yield &shared.value[keyPath: field] }
    }

    package init(
        licence: Licence, publisher: Agent, publisherFromCatalogue: Bool, themes: [String], iri: String, slug: String,
        ckanID: String, ckanName: String, geometry: PublishedShape?, bbox: BoundingBox?, languages: [String],
        distributions: [PublishedDistributionFacts], geometrySource: GeometrySource? = nil, area: PublishedArea? = nil
    ) {
        shared = Shared(Values(
            licence: licence, publisher: publisher, publisherFromCatalogue: publisherFromCatalogue, themes: themes, iri: iri,
            slug: slug, ckanID: ckanID, ckanName: ckanName, geometry: geometry, geometrySource: geometrySource, area: area,
            bbox: bbox, languages: languages, distributions: distributions))
    }

    package init(from decoder: any Decoder) throws { shared = Shared(try Values(from: decoder)) }

    package func encode(to encoder: any Encoder) throws { try shared.value.encode(to: encoder) }

    /// EU file-type codes of the distributions, each once, sorted.
    package var formats: [String] { Array(Set(self.distributions.compactMap(\.format))).sorted() }
}

/// The facts every output publishes about one distribution.
package struct PublishedDistributionFacts: Sendable, Hashable, Codable {
    /// The distribution IRI as published.
    package var iri: String
    /// `dcat:accessURL` as published (normalised; the download URL when the access URL is unusable).
    package var accessURL: String?
    /// `dcat:downloadURL` as published (normalised), when the source gave a usable one.
    package var downloadURL: String?
    /// The link that gets the data: the download URL where known, else the access URL (CKAN's resource `url`).
    package var url: String?
    /// EU file-type code (upper-case) when the format is a valid code.
    package var format: String?
    /// The licence as the audit judged it for this distribution (own or inherited from the dataset).
    package var licence: Licence
    /// The data service (API) this distribution gives access to; nil for a file or a web page. Kept in a box:
    /// few distributions are services, and inline it was 96 of the facts' 248 bytes.
    package var service: PublishedService? {
        get { boxedService?.value }
        set { boxedService = newValue.map(Shared.init) }
    }

    private var boxedService: Shared<PublishedService>?

    private enum CodingKeys: String, CodingKey {
        case iri, accessURL, downloadURL, url, format, licence
        case boxedService = "service"
    }

    package init(iri: String, accessURL: String?, downloadURL: String?, url: String?, format: String?, licence: Licence) {
        self.iri = iri
        self.accessURL = accessURL
        self.downloadURL = downloadURL
        self.url = url
        self.format = format
        self.licence = licence
    }
}
