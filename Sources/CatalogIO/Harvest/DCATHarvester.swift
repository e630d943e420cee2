package import Foundation
package import Logging
package import CatalogCore

/// The result of reading one DCAT source (over HTTP or from a file).
package struct DCATOutcome: Sendable {
    package var sourceID: String
    /// One result per `dcat:Dataset`, mapped by `DCATMapper`; a dataset that appears on several pages is kept
    /// once (its last copy).
    package var results: [MappingResult]
    /// Pages read (1 for a file).
    package var pages: Int
    /// Every HTTP request made, retries included (0 for a file).
    package var requests: Int
    /// Triples parsed over all pages.
    package var triples: Int
    package var findings: [Finding]
    /// Set when the source failed or was only partly read. `results` then holds what was read before the
    /// failure and must not be taken for the complete source (never withdraw datasets on it).
    package var error: String?

    package var failed: Bool { error != nil }
}

/// Harvests a DCAT(-AP.de) catalogue published as RDF: RDF/XML, Turtle, N-Triples or JSON-LD, paged with
/// hydra (`hydra:next` of a PartialCollectionView, or ckanext-dcat's `hydra:nextPage`).
///
/// Defensive like `CKANClient`: nothing throws; retries 5xx/429/timeouts with backoff (`RetryPolicy`); refuses
/// responses over `harvest.max_response_mb` and documents over `RDFLimits`; follows hydra links only on the
/// configured host; stops on a page seen twice and after `maxPages`. Parse errors (with line/column) end the
/// source with an error: what was read before stays, nothing is withdrawn.
package struct DCATHarvester: Sendable {
    package var transport: any HTTPTransport
    package var mapper: DCATMapper
    package var timeout: TimeInterval
    package var maxResponseBytes: Int
    /// `harvest.allowed_redirect_hosts`: other hosts a redirect may lead to.
    package var allowedRedirectHosts: Set<String> = []
    package var retry: RetryPolicy
    /// Caps per document (bytes, triples, nesting).
    package var limits: RDFLimits
    /// Paging stops with an error after this many pages.
    package var maxPages: Int = 1000
    package var logger: Logger

    /// What we ask for, best first. RDF/XML is what every DCAT-AP.de portal serves.
    package static let accept = "application/rdf+xml, text/turtle;q=0.9, application/ld+json;q=0.8, application/n-triples;q=0.7, application/xml;q=0.5, */*;q=0.1"

    package init(
        transport: any HTTPTransport = URLSessionTransport(), mapper: DCATMapper, settings: HarvestSettings = HarvestSettings(),
        logger: Logger = Logger(label: "opendata.dcat"),
        sleep: @escaping @Sendable (TimeInterval) async -> Void = RetryPolicy.realSleep
    ) {
        self.transport = transport
        self.mapper = mapper
        self.timeout = settings.timeoutSeconds
        self.maxResponseBytes = settings.maxResponseBytes
        self.allowedRedirectHosts = Set(settings.allowedRedirectHosts)
        self.retry = RetryPolicy(retries: settings.retries, sleep: sleep)
        self.limits = RDFLimits(maxBytes: settings.maxResponseBytes)
        self.logger = logger
    }

    // MARK: - File

    /// Reads and maps one RDF file (format from the suffix, else sniffed).
    package func read(source: SourceConfig, file: URL) -> DCATOutcome {
        var state = State(source: source)
        let raw: Data
        do {
            raw = try Data(contentsOf: file)
        } catch {
            return state.outcome(error: "cannot read \(file.path): \(error.localizedDescription)")
        }
        let data = state.repaired(raw, document: file.lastPathComponent)
        let format = RDFFormat.detect(data, fileName: file.lastPathComponent)
        let graph: RDFGraph
        do {
            // Relative references resolve against the catalogue's own address (the source's `url`), never against
            // the local file: a `file:///…` path of this machine must not reach the published catalogue.
            graph = try format.parse(data, baseIRI: source.url, limits: limits)
        } catch {
            return state.outcome(error: "\(file.path) (\(format.rawValue)): \(error)")
        }
        state.pages = 1
        state.add(graph, mapper: mapper)
        if let next = mapper.hydraNextPage(graph) {
            state.note(.note, "harvest.hydra-file", "the file is one page of a paged catalogue (hydra next: \(next)); only this page is read", de: "Die Datei ist eine Seite eines geblätterten Katalogs (hydra next: \(next)); nur diese Seite wird gelesen.")
        }
        return state.outcome(error: nil)
    }

    // MARK: - HTTP

    /// Harvests the catalogue at `url`, following hydra paging to the end. `modifiedSince` (ISO 8601) asks
    /// for datasets changed since then (ckanext-dcat's `modified_since`); the result is then a delta, not the
    /// whole source.
    package func harvest(
        source: SourceConfig, url: URL, modifiedSince: String? = nil, progress: (@Sendable (Int) -> Void)? = nil
    ) async -> DCATOutcome {
        var state = State(source: source)
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty else {
            return state.outcome(error: "source has no usable http(s) url (\(url.absoluteString))")
        }
        var next: URL? = modifiedSince.map { Self.adding("modified_since", $0, to: url) } ?? url
        var seen: Set<String> = []
        while let page = next {
            next = nil
            seen.insert(Self.pageKey(page))
            guard state.pages < maxPages else {
                return state.outcome(error: "stopped after \(maxPages) pages (next page \(page.absoluteString)); the catalogue was only partly read")
            }
            let fetched: Fetched
            switch await fetch(page, &state) {
            case .success(let value): fetched = value
            case .failure(let failure):
                return state.outcome(error: "page \(state.pages + 1) failed: \(failure.message)")
            }
            let graph: RDFGraph
            do {
                graph = try fetched.format.parse(state.repaired(fetched.body, document: page.absoluteString), baseIRI: page.absoluteString, limits: limits)
            } catch {
                return state.outcome(error: "\(page.absoluteString) (\(fetched.format.rawValue), \(fetched.contentType ?? "no content type")): \(error)")
            }
            state.pages += 1
            state.add(graph, mapper: mapper)
            progress?(state.order.count)
            logger.debug("page", metadata: ["source": .string(source.id), "url": .string(page.absoluteString), "triples": .stringConvertible(graph.count)])

            guard let link = mapper.hydraNextPage(graph) else { break }
            let resolved = resolveIRI(link, base: page.absoluteString)
            guard let candidate = URL(string: resolved), let nextScheme = candidate.scheme?.lowercased(),
                  nextScheme == "http" || nextScheme == "https" else {
                return state.outcome(error: "\(page.absoluteString): hydra next page \"\(link)\" is not an http(s) URL; the catalogue was only partly read")
            }
            guard Self.sameSite(candidate, url) else {
                state.findings.append(Finding(.error, "harvest.foreign-next", source: source.id,
                    "\(page.absoluteString): hydra next page \(resolved) is on another host than the configured \(url.host ?? ""); not followed (no network access beyond the source's host)", de: "\(page.absoluteString): die nächste Hydra-Seite \(resolved) liegt auf einem anderen Server als dem eingetragenen \(url.host ?? ""); nicht gefolgt (kein Netzzugriff über den Server der Quelle hinaus)."))
                return state.outcome(error: "paging stopped at page \(state.pages): the next page is on another host (\(candidate.host ?? "?")); the catalogue was only partly read")
            }
            if seen.contains(Self.pageKey(candidate)) {
                state.note(.warning, "harvest.hydra-loop", "\(page.absoluteString): hydra next page \(resolved) was already read; paging ends here (the catalogue's paging links form a loop)", de: "\(page.absoluteString): die nächste Hydra-Seite \(resolved) wurde schon gelesen; das Blättern endet hier (die Seitenlinks des Katalogs bilden eine Schleife).")
                break
            }
            next = candidate
        }
        if state.duplicates > 0 {
            state.note(.note, "harvest.duplicates", "\(state.duplicates) dataset(s) appeared on more than one page; each is kept once, in its last version", de: "\(state.duplicates) Datensatz/Datensätze erschienen auf mehr als einer Seite; jeder wird einmal behalten, in seiner letzten Fassung.")
        }
        return state.outcome(error: nil)
    }

    // MARK: - Requests

    private struct Fetched {
        var body: Data
        var format: RDFFormat
        var contentType: String?
    }

    private struct Failure: Error {
        var message: String
    }

    private func fetch(_ url: URL, _ state: inout State) async -> Result<Fetched, Failure> {
        let request = HTTPRequest(url: url, headers: ["Accept": Self.accept], timeout: timeout, maxResponseBytes: maxResponseBytes, allowedRedirectHosts: allowedRedirectHosts)
        let sourceID = state.source.id
        let outcome = await retry.run(&state, onRetry: { reason, delay in
            logger.debug("retrying", metadata: ["source": .string(sourceID), "url": .string(url.absoluteString), "reason": .string(reason), "delay": .stringConvertible(delay)])
        }) { state in await once(request, &state) }
        switch outcome {
        case .done(let value): return .success(value)
        case .fatal(let failure): return .failure(failure)
        case .gaveUp(let message): return .failure(Failure(message: message))
        case .cancelled: return .failure(Failure(message: "cancelled"))
        }
    }

    private func once(_ request: HTTPRequest, _ state: inout State) async -> RetryPolicy.Step<Fetched, Failure> {
        let url = request.url.absoluteString
        state.requests += 1
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch {
            return RetryPolicy.step(for: error, url: url) { Failure(message: $0) }
        }
        let status = response.status
        if status == 429 || (500...599).contains(status) {
            return .retry("\(url): HTTP \(status): \(CKANClient.summary(response))", retryAfter: RetryPolicy.retryAfter(response.header("retry-after")))
        }
        guard (200...299).contains(status) else {
            return .fatal(Failure(message: "\(url): HTTP \(status): \(CKANClient.summary(response))"))
        }
        if response.body.isEmpty {
            return .retry("\(url): an empty response (HTTP \(status)) instead of RDF", retryAfter: nil)
        }
        let contentType = response.header("content-type")
        if CKANClient.isHTML(response) {
            return .fatal(Failure(message: "\(url): an HTML page came back (HTTP \(status)) instead of RDF: \(CKANClient.summary(response)). Is `url` the catalogue endpoint (e.g. …/catalog.rdf)?"))
        }
        let format = RDFFormat.detect(response.body, mediaType: Self.rdfMediaType(contentType), fileName: request.url.path)
        return .done(Fetched(body: response.body, format: format, contentType: contentType))
    }

    // MARK: - Helpers

    /// The media type when it names an RDF serialization; generic types (`text/plain`,
    /// `application/octet-stream`) are dropped so the suffix or the bytes decide.
    static func rdfMediaType(_ contentType: String?) -> String? {
        guard let type = contentType?.split(separator: ";").first?.trimmedBlanks().lowercased() else { return nil }
        let known = ["application/rdf+xml", "application/xml", "text/xml", "text/turtle", "application/x-turtle",
                     "application/n-triples", "application/ld+json", "application/json"]
        return known.contains(type) ? type : nil
    }

    /// Same host (case-insensitive) and port; http may become https, never the reverse.
    static func sameSite(_ candidate: URL, _ configured: URL) -> Bool {
        guard let a = candidate.host?.lowercased(), let b = configured.host?.lowercased(), a == b else { return false }
        let aScheme = candidate.scheme?.lowercased() ?? "", bScheme = configured.scheme?.lowercased() ?? ""
        guard aScheme == bScheme || (bScheme == "http" && aScheme == "https") else { return false }
        func port(_ u: URL, _ scheme: String) -> Int { u.port ?? (scheme == "https" ? 443 : 80) }
        // An upgrade to https moves to https's port unless a port is given.
        if aScheme != bScheme { return candidate.port == nil || candidate.port == 443 }
        return port(candidate, aScheme) == port(configured, bScheme)
    }

    /// A page's identity for loop detection: the URL without fragment, host lower-cased.
    static func pageKey(_ url: URL) -> String {
        var c = URLComponents(url: url, resolvingAgainstBaseURL: false)
        let host = c?.host?.lowercased()
        c?.fragment = nil
        c?.host = host
        return c?.string ?? url.absoluteString
    }

    /// `url` with one query parameter set (replacing one of the same name).
    static func adding(_ name: String, _ value: String, to url: URL) -> URL {
        guard var c = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return url }
        var items = (c.queryItems ?? []).filter { $0.name != name }
        items.append(URLQueryItem(name: name, value: value))
        c.queryItems = items
        // `+` in a time zone offset must not become a space.
        c.percentEncodedQuery = c.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        return c.url ?? url
    }

    // MARK: - State of one run

    private struct State {
        var source: SourceConfig
        var requests = 0
        var pages = 0
        var triples = 0
        var findings: [Finding] = []
        /// Dataset identifiers in first-seen order; rejected records get a `#n` key.
        var order: [String] = []
        var results: [String: MappingResult] = [:]
        var duplicates = 0
        /// Unofficial dcat-ap.de spellings and unread properties over all pages (one finding each per source).
        var coverage = DCATInputCoverage()

        init(source: SourceConfig) { self.source = source }

        mutating func note(_ severity: Finding.Severity, _ code: String, _ message: String, de: String) {
            findings.append(Finding(severity, code, source: source.id, message, de: de))
        }

        mutating func add(_ graph: RDFGraph, mapper: DCATMapper) {
            triples += graph.count
            let page = mapper.mapPage(graph, source: source)
            coverage.merge(page.coverage)
            for var result in page.results {
                if var dataset = result.dataset {
                    result.findings += TextRepair.capFields(&dataset, source: source.id)
                    result.dataset = dataset
                }
                let key = result.dataset?.identifier ?? "#\(order.count)"
                if results[key] != nil {
                    duplicates += 1
                } else {
                    order.append(key)
                }
                results[key] = result
            }
        }

        /// The document with invalid UTF-8, NUL and control characters repaired (a finding when any were).
        mutating func repaired(_ data: Data, document: String) -> Data {
            let repair = TextRepair.repair(data)
            guard let bytes = repair.bytes else { return data }
            findings.append(TextRepair.finding(repair, source: source.id, document: document))
            return Data(bytes)
        }

        func outcome(error: String?) -> DCATOutcome {
            var findings = findings + coverage.findings(source: source.id)
            if let error { findings.append(Finding(.error, "harvest.failed", source: source.id, error, de: "Die Ernte der Quelle ist fehlgeschlagen (technische Meldung: \(error)).")) }
            return DCATOutcome(
                sourceID: source.id, results: order.map { results[$0]! }, pages: pages, requests: requests,
                triples: triples, findings: findings, error: error)
        }
    }
}
