public import CatalogCore
public import Foundation

/// Leaflet for the site's optional tile maps (SiteMapScript.swift): copied from the Debian package
/// libjs-leaflet (`/usr/share/javascript/leaflet/`) into the output's `assets/leaflet/` when the machine running
/// `opendata run` has it. Code from elsewhere is never committed; without the package the site keeps its SVG maps.
package enum LeafletAssets {
    package static let systemDirectory = URL(fileURLWithPath: "/usr/share/javascript/leaflet")

    /// `assets/leaflet/leaflet.js` (from `leaflet.min.js`, else `leaflet.js`), `leaflet.css` and `images/*.png`;
    /// empty when neither script is there.
    package static func files(directory: URL = systemDirectory) -> [ExportFile] {
        let fm = FileManager.default
        // The minified build where the package has it (Debian ships both), under the name the site loads.
        let script = ["leaflet.min.js", "leaflet.js"].lazy.compactMap { fm.contents(atPath: directory.appendingPathComponent($0).path) }.first
        guard let js = script else { return [] }
        var files = [ExportFile(name: "assets/leaflet/leaflet.js", bytes: Array(js))]
        if let css = fm.contents(atPath: directory.appendingPathComponent("leaflet.css").path) {
            files.append(ExportFile(name: "assets/leaflet/leaflet.css", bytes: Array(css)))
        }
        let images = directory.appendingPathComponent("images")
        for name in ((try? fm.contentsOfDirectory(atPath: images.path)) ?? []).sorted() where name.hasSuffix(".png") {
            if let data = fm.contents(atPath: images.appendingPathComponent(name).resolvingSymlinksInPath().path) {
                files.append(ExportFile(name: "assets/leaflet/images/\(name)", bytes: Array(data)))
            }
        }
        return files
    }
}
