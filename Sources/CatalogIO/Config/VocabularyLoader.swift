public import CatalogCore
public import Foundation

/// Reads `catalog/vocabularies/` into the mapper's `MappingVocabularies`.
///
/// The only file IO of the mapping stage: Core parses bytes, this reads them.
package enum VocabularyLoader {
    /// Loads every file in `MappingVocabularies.File.all` from `directory`; throws naming the first missing or bad file.
    package static func load(directory: URL) throws -> MappingVocabularies {
        var files: [String: Data] = [:]
        for name in MappingVocabularies.File.all {
            let url = directory.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw MappingVocabularies.ParseError(file: url.path, message: "missing (expected in \(directory.path))")
            }
            files[name] = try Data(contentsOf: url)
        }
        return try MappingVocabularies.parse(files: files)
    }
}
