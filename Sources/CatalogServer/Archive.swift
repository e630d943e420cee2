import CatalogCore
import Foundation
import Hummingbird

/// Dated archives of the exports: every snapshot the publisher keeps (`keep_snapshots`, one per nightly run, so
/// N snapshots are the last N nights; with `keep_days`, every snapshot of the last N days) is reachable read-only under `/archiv/`, so an analysis can cite and reload
/// exactly the files it used. `/archiv/` lists them with the run's date and dataset count;
/// `/archiv/<snapshot>/<file>` serves a file of that snapshot with the same path rules as the current one.
enum Archive {
    struct Item {
        var id: String
        var folder: URL
        var startedAt: String
        var datasets: Int?
    }

    /// The folder of kept snapshot `id` beside the served one: a published snapshot (it has a model file), not a
    /// hidden staging folder; nil when the served folder is not a snapshot.
    static func folder(_ id: String, beside snapshot: Snapshot) -> URL? {
        let parent = snapshot.folder.deletingLastPathComponent()
        guard parent.lastPathComponent == "snapshots", !id.isEmpty, !id.hasPrefix("."), !id.contains("/") else { return nil }
        let folder = parent.appendingPathComponent(id)
        return FileManager.default.fileExists(atPath: folder.appendingPathComponent(SnapshotStore.modelFile).path) ? folder : nil
    }

    /// The kept snapshots beside the served one (newest first), with their run date and dataset count.
    static func items(_ snapshot: Snapshot) -> [Item] {
        let parent = snapshot.folder.deletingLastPathComponent()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return [] }
        var items: [Item] = []
        for name in names {
            guard let folder = folder(name, beside: snapshot) else { continue }
            let report = (try? Data(contentsOf: folder.appendingPathComponent("report.json")))
                .flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
            let totals = report?["totals"] as? [String: Any]
            items.append(Item(id: name, folder: folder, startedAt: report?["startedAt"] as? String ?? "",
                              datasets: totals?["datasets"] as? Int))
        }
        return items.sorted { ($0.startedAt, $0.id.count, $0.id) > ($1.startedAt, $1.id.count, $1.id) }
    }

    /// `/archiv/` and `/archiv/<snapshot>/<file>`.
    static func respond(_ path: String, request: Request, snapshot: Snapshot) -> Response {
        let rest = path.dropFirst("/archiv".count)
        if rest.isEmpty || rest == "/" { return index(snapshot).response(to: request) }
        let parts = rest.dropFirst().split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        // A file request looks up only its own snapshot (the listing reads every snapshot's report).
        guard parts.count == 2, let folder = folder(String(parts[0]), beside: snapshot),
              let found = StaticFiles.find(String(parts[1]), in: folder)
        else { return StaticFiles.notFound() }
        return StaticFiles.serve(found, request: request)
    }

    static let files = ["catalog.ttl", "catalog.rdf", "catalog.jsonld", "datasets.csv", "distributions.csv", "datasets.geojson", "report.json"]

    static func index(_ snapshot: Snapshot) -> Representation {
        let esc = SiteHTML.escape
        var html = "<!DOCTYPE html>\n<html lang=\"de\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        html += "<title>Archiv – \(esc(snapshot.model.head.title))</title></head><body>\n<main>\n<h1>Archiv der Ausgaben</h1>\n"
        html += "<p>Jede aufbewahrte Ausgabe des Katalogs mit ihren Dateien, damit Auswertungen genau die Daten wieder laden können, die sie benutzt haben. "
        html += "Aufbewahrt werden die letzten Läufe (Einstellung <code>keep_snapshots</code>; nächtlich ist das je Nacht eine Ausgabe) und mit <code>keep_days</code> alle Ausgaben der letzten N Tage. "
        html += "<a href=\"/\">Zum aktuellen Katalog</a></p>\n<ul>\n"
        for item in items(snapshot) {
            let current = item.folder.standardizedFileURL.path == snapshot.folder.standardizedFileURL.path
            html += "<li><strong>\(esc(item.startedAt.isEmpty ? item.id : item.startedAt))</strong> (Ausgabe \(esc(item.id))"
            if let n = item.datasets { html += ", \(n) Datensätze" }
            html += current ? ", aktuell)" : ")"
            let links = files.filter { FileManager.default.fileExists(atPath: item.folder.appendingPathComponent($0).path) }
                .map { "<a href=\"/archiv/\(esc(item.id))/\($0)\">\($0)</a>" }
            html += ": " + links.joined(separator: " · ") + "</li>\n"
        }
        html += "</ul>\n</main>\n</body></html>\n"
        return Representation(headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "public, max-age=60"], body: ByteBuffer(string: html))
    }
}
