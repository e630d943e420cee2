import CatalogCore
import Foundation
import Hummingbird
import Synchronization

/// `/suche?q=…&thema=…&sortierung=relevanz|datum&seite=N`: the search results page, rendered by Core's
/// `SiteSearch` from the snapshot's CKAN search index (`CKANSearchIndex.relevance`, the index `package_search`
/// uses), so the page and the API find and rank alike. The static site's `suche/<facet>-<key>.html` pages are
/// still served as files (only the exact path `/suche` is this page).
enum SearchPage {
    static func respond(request: Request, snapshot: Snapshot) -> Response {
        var parameters: [String: String] = [:]
        for (k, v) in Routes.queryParameters(request.uri.query) { parameters[k] = v.text ?? "" }
        let query = SiteSearchQuery(parameters: parameters)
        let key = "suche|\(request.uri.query ?? "")"
        guard let body = snapshot.cache.value(key, make: {
            snapshot.searchPages.site(snapshot).map { ByteBuffer(string: $0.page(query, index: snapshot.index.relevance)) }
        }) else {
            return CatalogPages.plain(.internalServerError, "the catalogue could not be read from the snapshot")
        }
        let headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "public, max-age=60"]
        return Representation(headers: headers, body: body, cacheKey: key)
            .response(to: request, cache: snapshot.cache)
    }
}

/// The snapshot's site model and list items for `/suche`, built on the first search (not at snapshot load, so
/// a snapshot swap does not wait for it).
final class SearchPages: Sendable {
    private let built = Mutex<SiteSearch?>(nil)

    func site(_ snapshot: Snapshot) -> SiteSearch? {
        built.withLock { site in
            if let site { return site }
            // The whole catalogue: with the server index, read from the mapped model now (once per snapshot).
            guard let catalog = try? snapshot.model.catalog() else { return nil }
            let report = ReportSources(folder: snapshot.folder)
            let made = SiteSearch(
                catalog: catalog, sourceTitles: report.titles, downloads: Self.files(snapshot.folder),
                recordedSources: report.recorded, skippedSources: report.skipped)
            site = made
            return made
        }
    }

    /// What the snapshot's report.json says about its sources: titles (the facet "Quelle" shows them) and which
    /// were read from recordings or not at all (the notice every static page carries).
    struct ReportSources {
        var titles: [String: String] = [:]
        var recorded: [String] = []
        var skipped: [String] = []

        init(folder: URL) {
            guard let data = try? Data(contentsOf: folder.appendingPathComponent("report.json")),
                  let report = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let sources = report["sources"] as? [[String: Any]] else { return }
            for s in sources {
                guard let id = s["id"] as? String, let title = s["title"] as? String else { continue }
                titles[id] = title
                if s["mode"] as? String == "snapshot" { recorded.append(title) }
                if s["mode"] as? String == "skipped" { skipped.append(title) }
            }
        }
    }

    /// The files beside the site (the page frame links licences.html only when it exists).
    static func files(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }
}
