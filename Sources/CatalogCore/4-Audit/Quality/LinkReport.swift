// The broken-link lists for maintainers (issue 18 item 3): every published use of a URL whose latest check did
// not answer 2xx/3xx, as `defekte-links.csv` (all) and `defekte-links/<publisher key>.csv` (one to-do list per
// publisher with broken links, the key as on the site's publisher pages), German Excel CSV like the licence
// to-do lists. Written only when link-check results exist.

/// One published use of a broken URL.
package struct BrokenLink: Sendable, Hashable {
    package var use: LinkUse
    package var url: String
    package var result: LinkResult
}

package enum LinkReport {
    package static let csvHeader = [
        "Herausgeber", "Datensatz", "Kennung", "Portalseite", "Distribution", "Rolle", "URL", "Ergebnis", "Ergebnis (Code)",
        "HTTP-Status", "Weitergeleitet nach", "Geprüft am",
    ]

    /// Every use of a URL whose latest result is not reachable, by publisher, dataset title, dataset, URL.
    package static func broken(_ catalog: Catalog, _ links: LinkResults) -> [BrokenLink] {
        var out: [BrokenLink] = []
        for (url, uses) in LinkCheck.links(catalog) {
            guard let r = links[url], !r.outcome.isReachable else { continue }
            for use in uses { out.append(BrokenLink(use: use, url: url, result: r)) }
        }
        return out.sorted {
            ($0.use.publisher, $0.use.datasetTitle, $0.use.datasetIdentifier, $0.url, $0.use.role.rawValue)
                < ($1.use.publisher, $1.use.datasetTitle, $1.use.datasetIdentifier, $1.url, $1.use.role.rawValue)
        }
    }

    /// German Excel CSV (UTF-8 with BOM, `;`, CRLF); header only when nothing is broken.
    package static func csv(_ rows: [BrokenLink]) -> String {
        var w = CSVWriter(header: csvHeader, dialect: .excel)
        for b in rows {
            w.append([
                b.use.publisher, b.use.datasetTitle, b.use.datasetIdentifier, b.use.portalURL ?? "", b.use.distribution,
                b.use.role.german, b.url, b.result.outcome.german, b.result.outcome.rawValue, b.result.status.map(String.init) ?? "",
                b.result.finalURL ?? "", b.result.checkedAtText,
            ])
        }
        return w.text
    }

    /// `defekte-links.csv` and one `defekte-links/<key>.csv` per publisher with broken links.
    package static func files(_ catalog: Catalog, _ links: LinkResults) -> [ExportFile] {
        let rows = broken(catalog, links)
        let keys = SiteModel.publisherKeys(PublishedView.ensure(catalog).datasets.map { $0.facts.publisher.name })
        var files = [ExportFile(name: "defekte-links.csv", text: csv(rows))]
        for (name, these) in Dictionary(grouping: rows, by: \.use.publisher) {
            guard let key = keys[name] else { continue }
            files.append(ExportFile(name: "defekte-links/\(key).csv", text: csv(these)))
        }
        return files.sorted { $0.name < $1.name }
    }
}
