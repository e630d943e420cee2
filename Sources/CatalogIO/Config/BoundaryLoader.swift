public import CatalogCore
public import Foundation

/// Reads the official boundaries (`catalog/geo/*.geojson`) into the `Boundaries` value Core looks political
/// geocodings up in. The only file IO for maps: Core parses the text, this reads it.
package enum BoundaryLoader {
    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    /// Every `*.geojson` in `directory`, in name order; nil when the folder does not exist (the caller says so).
    /// A file that is not a FeatureCollection of areas, or a feature without a valid geometry, is an error (the
    /// files are prepared once and shipped; see catalog/geo/README.md).
    package static func load(directory: URL) throws(Failure) -> Boundaries? {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        let names = ((try? fm.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".geojson") }.sorted()
        var texts: [String] = []
        for name in names {
            let url = directory.appendingPathComponent(name)
            guard let data = fm.contents(atPath: url.path) else { throw Failure(description: "\(url.path): cannot read") }
            texts.append(String(decoding: data, as: UTF8.self))
        }
        // The files are parsed at once (the districts' file is two thirds of the bytes).
        let parsed = ParallelMap.map(texts, minimum: 2, chunk: 1, Boundaries.parse(featureCollection:))
        var areas: [BoundaryArea] = []
        for (name, file) in zip(names, parsed) {
            if let problem = file.problems.first {
                let path = directory.appendingPathComponent(name).path
                throw Failure(description: "\(path): \(problem)\(file.problems.count > 1 ? " (and \(file.problems.count - 1) more)" : "")")
            }
            areas += file.areas
        }
        return Boundaries(areas: areas)
    }
}
