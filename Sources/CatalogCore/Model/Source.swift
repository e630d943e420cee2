// Source and catalogue settings as Core needs them (parsed from catalog/sources.toml by CatalogIO).

package enum SourceKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// CKAN Action API v3 over HTTP(S).
    case ckan
    /// A file of CKAN package dicts (JSON array, JSON lines or an API envelope).
    case ckanDump = "ckan-dump"
    /// A DCAT-AP(.de) catalogue as RDF (RDF/XML, Turtle, JSON-LD), over HTTP(S) with hydra paging or from a file.
    case dcat
}

/// Defaults a source applies to its records where they say nothing.
package struct SourceDefaults: Sendable, Hashable, Codable {
    package var publisher: Agent?
    package var contactPoint: ContactPoint?
    /// `dcatde:politicalGeocodingURI`, e.g. `http://dcat-ap.de/def/politicalGeocoding/municipalityKey/05334002`.
    package var politicalGeocoding: [String]
    package var politicalGeocodingLevel: String?
    package var contributorIDs: [String]
    /// Base URL of the source portal for dataset links (`{portal}/dataset/{name}`).
    package var portalURL: String?
    /// `geocoding_text`: `dcatde:geocodingDescription` for records that give none (e.g. a place abroad without a German key).
    package var geocodingText: String?
    /// `spatial_uri`: a `dct:spatial` location IRI (e.g. GeoNames) for records that give none.
    package var spatialURI: String?

    /// True when any geocoding value (political IRI, level, text or location IRI) is set.
    package var hasGeocoding: Bool {
        !politicalGeocoding.isEmpty || politicalGeocodingLevel != nil || geocodingText != nil || spatialURI != nil
    }

    /// These defaults with `other`'s values where `other` sets them; geocoding is taken as a whole from
    /// `other` when it sets any of it (an organisation abroad must not inherit the source's German key).
    package func overridden(by other: SourceDefaults) -> SourceDefaults {
        var out = self
        out.publisher = other.publisher ?? publisher
        out.contactPoint = other.contactPoint ?? contactPoint
        if !other.contributorIDs.isEmpty { out.contributorIDs = other.contributorIDs }
        out.portalURL = other.portalURL ?? portalURL
        if other.hasGeocoding {
            out.politicalGeocoding = other.politicalGeocoding
            out.politicalGeocodingLevel = other.politicalGeocodingLevel
            out.geocodingText = other.geocodingText
            out.spatialURI = other.spatialURI
        }
        return out
    }

    package init(
        publisher: Agent? = nil, contactPoint: ContactPoint? = nil, politicalGeocoding: [String] = [],
        politicalGeocodingLevel: String? = nil, contributorIDs: [String] = [], portalURL: String? = nil
    ) {
        self.publisher = publisher
        self.contactPoint = contactPoint
        self.politicalGeocoding = politicalGeocoding
        self.politicalGeocodingLevel = politicalGeocodingLevel
        self.contributorIDs = contributorIDs
        self.portalURL = portalURL
    }
}

/// Whether a source is read from its live endpoint or from its recorded snapshot file.
package enum SourceMode: String, Sendable, Hashable, Codable, CaseIterable {
    case live
    case snapshot
}

/// A source as configured. Semantics of the live/snapshot switch (docs/configuration.md):
/// - `url` is the live endpoint (kind `ckan`), `snapshot` a recorded dump of it (or `path` for kind `ckan-dump`).
/// - A run is offline (all sources read their snapshot; sources without one are skipped with a note) when
///   `[harvest] offline = true` or `--offline`; `--live` overrides to live.
/// - `mode = "snapshot"` pins one source to its snapshot even in live runs (the one-line switch).
/// - `demo = true` marks recorded stand-ins from other portals: used only in offline runs.
package struct SourceConfig: Sendable, Hashable, Codable {
    package var id: String
    package var title: String
    package var kind: SourceKind
    /// For `ckan`: the portal base URL (`https://offenedaten.aachen.de`).
    package var url: String?
    /// For `ckan-dump`: a file path (relative paths are resolved against the config file's folder).
    package var path: String?
    /// Optional CKAN `fq` filter, e.g. `organization:stadt-aachen`.
    package var fq: String?
    /// A recorded dump of this source (relative to the config file's folder).
    package var snapshot: String?
    /// Pins the source to live or snapshot; nil follows the run's mode.
    package var mode: SourceMode?
    /// A recorded stand-in from another portal, only used in offline (demo) runs.
    package var demo: Bool
    /// Higher wins when duplicates are merged.
    package var priority: Int
    package var enabled: Bool
    package var defaults: SourceDefaults
    /// `[source.organizations.<name>]` (CKAN sources): per CKAN organisation `name`, defaults that replace the
    /// source's for that organisation's records. Empty: every record gets the source's defaults, no check.
    package var organizations: [String: SourceDefaults] = [:]
    /// `licence_versions`: the version an unversioned licence name means at this source, per licence family
    /// (`{ dl-by-de = "1.0" }`); a family not named gets its current version (catalog/licences.toml `[[family]]`).
    package var licenceVersions: [String: String] = [:]
    /// `suggested_licences`: licence IRIs the audit proposes for a missing licence; nil = by the source's language.
    package var suggestedLicences: [String]?
    /// `language`: the source's language (EU code `DEU`, `ENG` … or IRI) for literals of records that state none;
    /// nil = the catalogue's first language.
    package var language: String?

    package init(
        id: String, title: String, kind: SourceKind, url: String? = nil, path: String? = nil, fq: String? = nil,
        snapshot: String? = nil, mode: SourceMode? = nil, demo: Bool = false,
        priority: Int = 0, enabled: Bool = true, defaults: SourceDefaults = SourceDefaults()
    ) {
        self.id = id
        self.title = title
        self.kind = kind
        self.url = url
        self.path = path
        self.fq = fq
        self.snapshot = snapshot
        self.mode = mode
        self.demo = demo
        self.priority = priority
        self.enabled = enabled
        self.defaults = defaults
    }
}

package struct CatalogSettings: Sendable, Hashable, Codable {
    package var title: String
    package var description: String
    /// Base URI for our own IRIs: `{base}/catalog`, `{base}/dataset/...`.
    package var baseURI: String
    package var publisher: Agent
    package var homepage: String?
    /// EU language codes (`DEU`) or IRIs.
    package var languages: [String]
    /// `profile`: the RDF application profile; nil is the default, DCAT-AP.de 3.0.
    package var profile: DCATGraph.Profile?

    package init(title: String, description: String, baseURI: String, publisher: Agent, homepage: String? = nil, languages: [String] = ["DEU"]) {
        self.title = title
        self.description = description
        self.baseURI = baseURI
        self.publisher = publisher
        self.homepage = homepage
        self.languages = languages
    }
}
