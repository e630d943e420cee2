import Foundation

/// Member names of CKAN package dicts (core schema, ckanext-dcat, OGD-DE and DCAT-AP.de extras) longer than 15
/// bytes, read by `JSONParser` as these literal strings instead of new ones.
///
/// Swift keeps strings of up to 15 UTF-8 bytes inline; a longer one is a heap allocation, a copy and a UTF-8
/// check. A generated CKAN record has about 15 such keys, and every record repeats them. A literal is stored once
/// in the binary and never reference-counted, so a key found here costs one byte comparison. Keys not listed
/// take the ordinary path: the list only saves time, it never changes a value.
enum KnownJSONKeys {
    static let names: [String] = [
        "applicable_legislation", "cache_last_updated", "datastore_active", "geographical_coverage",
        "geographical_granularity", "image_display_url", "maintainer_email", "metadata_created", "metadata_modified",
        "metadata_original_html", "metadata_original_id", "metadata_original_portal", "metadata_original_xml",
        "metadata_transformer", "politicalGeocodingLevelURI", "politicalGeocodingURI", "resource_group_id",
        "revision_timestamp", "spatial_resolution_in_meters", "temporal_coverage-from", "temporal_coverage-to",
        "temporal_granularity", "temporal_resolution", "tracking_summary", "webstore_last_updated",
    ]

    /// For each length, the names of that length with their bytes.
    private static let byLength: [[(bytes: [UInt8], name: String)]] = {
        var table = Array(repeating: [(bytes: [UInt8], name: String)](), count: 33)
        for name in names where name.utf8.count < table.count { table[name.utf8.count].append((Array(name.utf8), name)) }
        return table
    }()

    /// The listed name with exactly these bytes, or nil.
    static func name(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let table = byLength
        guard bytes.count < table.count, let base = bytes.baseAddress else { return nil }
        for entry in table[bytes.count] where entry.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, base, bytes.count) == 0 }) {
            return entry.name
        }
        return nil
    }
}
