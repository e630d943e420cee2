public import Foundation

/// One record exactly as fetched from a source, before decoding: the unit the harvester hands to Core.
package struct RawRecord: Sendable, Hashable {
    package var sourceID: String
    /// Position in the source's stream (0-based), for findings about records without an id.
    package var index: Int
    /// The JSON object bytes of one CKAN package dict.
    package var json: Data

    package init(sourceID: String, index: Int, json: Data) {
        self.sourceID = sourceID
        self.index = index
        self.json = json
    }
}
