package import Foundation

// Link checking, the pure part (issue 18 item 3): what a checked URL's answer means, which URLs of the published
// catalogue are checked and by whom they are used, which are due for a new check. CatalogIO's LinkChecker does the
// network; the results feed the MQA indicators `accessURL-status`/`downloadURL-status` (QualityScore) and the
// broken-link lists (LinkReport.swift).

/// How a URL answered, as a class (the status code alone does not say "loop" or "timeout").
package enum LinkOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// 2xx (or another status below 400) without a redirect.
    case ok
    /// 2xx after following redirects.
    case redirected = "redirected-ok"
    /// 4xx.
    case clientError = "client-error"
    /// 5xx.
    case serverError = "server-error"
    /// No answer within the timeout, or not complete within the deadline.
    case timeout
    /// More redirects than `links.max_redirects`.
    case tooManyRedirects = "too-many-redirects"
    /// A redirect back to a URL already visited.
    case redirectLoop = "redirect-loop"
    /// A redirect to another host beyond `links.max_cross_host_redirects`, or to a non-HTTP scheme.
    case redirectRefused = "redirect-refused"
    /// DNS failure, connection refused or reset, TLS failure, a response cut short.
    case connectionError = "connection-error"
    /// Not an absolute http(s) URL.
    case invalidURL = "invalid-url"

    /// Whether the URL is reachable in the MQA's sense (it answered 2xx or 3xx).
    package var isReachable: Bool { self == .ok || self == .redirected }

    package var german: String {
        switch self {
        case .ok: "erreichbar"
        case .redirected: "erreichbar (nach Weiterleitung)"
        case .clientError: "Fehler beim Abruf (4xx, z. B. nicht gefunden)"
        case .serverError: "Serverfehler (5xx)"
        case .timeout: "keine Antwort (Zeitüberschreitung)"
        case .tooManyRedirects: "zu viele Weiterleitungen"
        case .redirectLoop: "Weiterleitungsschleife"
        case .redirectRefused: "Weiterleitung auf anderen Server abgelehnt"
        case .connectionError: "Verbindung fehlgeschlagen"
        case .invalidURL: "ungültige URL"
        }
    }

    package var english: String {
        switch self {
        case .ok: "reachable"
        case .redirected: "reachable (after redirects)"
        case .clientError: "client error (4xx, e.g. not found)"
        case .serverError: "server error (5xx)"
        case .timeout: "no answer (timeout)"
        case .tooManyRedirects: "too many redirects"
        case .redirectLoop: "redirect loop"
        case .redirectRefused: "redirect to another host refused"
        case .connectionError: "connection failed"
        case .invalidURL: "invalid URL"
        }
    }

    /// The class of a final HTTP status; `redirected` when redirects were followed to reach it.
    package static func of(status: Int, redirected: Bool) -> LinkOutcome {
        switch status {
        case ..<400: redirected ? .redirected : .ok
        case 400..<500: .clientError
        default: .serverError
        }
    }
}

/// The last check of one URL.
package struct LinkResult: Sendable, Hashable, Codable {
    package var url: String
    package var outcome: LinkOutcome
    /// The final HTTP status (after redirects), nil when none came.
    package var status: Int?
    /// Where the redirects ended (nil without redirects).
    package var finalURL: String?
    /// When it was checked.
    package var checkedAt: Date
    /// What happened, in English (the network layer's text for failures), for logs and the CLI.
    package var message: String

    package init(url: String, outcome: LinkOutcome, status: Int? = nil, finalURL: String? = nil, checkedAt: Date, message: String = "") {
        self.url = url
        self.outcome = outcome
        self.status = status
        self.finalURL = finalURL
        self.checkedAt = checkedAt
        self.message = message
    }

    /// `checkedAt` as ISO 8601 UTC to the second (`2026-12-04T06:00:00Z`), as stored and shown.
    package var checkedAtText: String { LinkCheck.timestamp(checkedAt) }
}

/// The latest results by URL: the pure input of the quality score and the broken-link lists.
package struct LinkResults: Sendable, Hashable {
    package var byURL: [String: LinkResult]

    package init(_ results: [LinkResult]) {
        var map: [String: LinkResult] = [:]
        for r in results { if map[r.url].map({ $0.checkedAt <= r.checkedAt }) ?? true { map[r.url] = r } }
        byURL = map
    }

    package subscript(_ url: String) -> LinkResult? { byURL[url] }
    package var isEmpty: Bool { byURL.isEmpty }
}

/// Which role a URL plays at a distribution.
package enum LinkRole: String, Sendable, Hashable, Codable, CaseIterable {
    case access, download

    package var german: String { self == .access ? "Zugangs-URL" : "Download-URL" }
}

/// One place a URL is published: a distribution of a dataset, as access or download URL.
package struct LinkUse: Sendable, Hashable {
    package var role: LinkRole
    package var publisher: String
    package var datasetTitle: String
    package var datasetIdentifier: String
    /// The dataset's page at its source portal, if known.
    package var portalURL: String?
    /// The distribution's title, else its IRI.
    package var distribution: String
    package var distributionIRI: String
}

package enum LinkCheck {
    /// Every distinct access and download URL of the published catalogue, with where it is used: sorted by URL,
    /// uses in dataset order (URI) then distribution order. Read from the published facts.
    package static func links(_ catalog: Catalog) -> [(url: String, uses: [LinkUse])] {
        var uses: [String: [LinkUse]] = [:]
        let datasets = PublishedView.ensure(catalog).datasets.sorted { $0.uri < $1.uri }
        for d in datasets {
            let f = d.facts
            for (i, x) in f.distributions.enumerated() {
                let title = i < d.distributions.count ? d.distributions[i].title : nil
                for (role, url) in [(LinkRole.access, x.accessURL), (.download, x.downloadURL)] {
                    guard let url, !url.isEmpty else { continue }
                    uses[url, default: []].append(LinkUse(
                        role: role, publisher: f.publisher.name, datasetTitle: d.title, datasetIdentifier: d.identifier,
                        portalURL: d.provenance.first?.url, distribution: title.flatMap { $0.isEmpty ? nil : $0 } ?? x.iri,
                        distributionIRI: x.iri))
                }
            }
        }
        return uses.keys.sorted().map { ($0, uses[$0]!) }
    }

    /// The URLs of `urls` that are due: never checked, or last checked at least `interval` seconds before `now`.
    /// In the order given.
    package static func due(_ urls: [String], last: LinkResults, now: Date, interval: TimeInterval) -> [String] {
        urls.filter { url in
            guard let r = last[url] else { return true }
            return now.timeIntervalSince(r.checkedAt) >= interval
        }
    }

    /// URLs ordered so that consecutive ones are on different hosts where possible (round robin over hosts in
    /// order of first appearance): a checker working through the list with per-host limits keeps every host busy
    /// instead of queueing behind one.
    package static func interleavedByHost(_ urls: [String]) -> [String] {
        var queues: [String: [String]] = [:]
        var hosts: [String] = []
        for url in urls {
            let host = URL(string: url)?.host?.lowercased() ?? ""
            if queues[host] == nil { hosts.append(host) }
            queues[host, default: []].append(url)
        }
        var out: [String] = []
        out.reserveCapacity(urls.count)
        var round = 0
        while out.count < urls.count {
            for host in hosts where round < queues[host]!.count { out.append(queues[host]![round]) }
            round += 1
        }
        return out
    }

    /// ISO 8601 UTC to the second.
    package static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: date)
    }

    /// Parses `timestamp`'s format (nil when it is not one).
    package static func date(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: text)
    }
}
