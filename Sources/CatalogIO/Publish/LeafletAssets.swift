public import CatalogCore
public import Foundation

/// Leaflet for the site's optional tile maps (SiteMapScript.swift): copied from the Debian package
/// libjs-leaflet (`/usr/share/javascript/leaflet/`) into the output's `assets/leaflet/` when the machine running
/// `opendata run` has it. Code from elsewhere is never committed; without the package the site keeps its SVG maps.
package enum LeafletAssets {
    package static let systemDirectory = URL(fileURLWithPath: "/usr/share/javascript/leaflet")

    /// `assets/leaflet/leaflet.js`, `leaflet.css` and `images/*.png`; empty when `leaflet.js` is missing.
    package static func files(directory: URL = systemDirectory) -> [ExportFile] {
        let fm = FileManager.default
        guard let js = fm.contents(atPath: directory.appendingPathComponent("leaflet.js").path) else { return [] }
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
