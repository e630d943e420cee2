package import CatalogCore
package import Foundation

/// Checks URLs the way a polite client does (issue 18 item 3): HEAD first, a ranged GET (`Range: bytes=0-0`)
/// when HEAD is refused (405, 501, 403) or fails; redirects followed hop by hop (at most `max_redirects`, at most
/// `max_cross_host_redirects` of them to another host, loops detected); never more than `max_bytes` of a body;
/// per-host concurrency and delay and a global rate (`LinkGate`); a User-Agent naming the tool and the catalogue.
///
/// Goes through the `HTTPTransport` seam, so tests use the local fault server.
package struct LinkChecker: Sendable {
    package var settings: LinkSettings
    package var transport: any HTTPTransport
    /// `opendata/<version> (link check; +<catalogue base IRI>)`.
    package var userAgent: String
    /// The time a result is stamped with (tests pass a fixed one).
    package var now: @Sendable () -> Date = { Date() }
    /// URLs checked at the same time at most (each still waits for its host's slot).
    package var parallel = 32

    package init(settings: LinkSettings, transport: any HTTPTransport = URLSessionTransport(), catalogBase: String) {
        self.settings = settings
        self.transport = transport
        self.userAgent = Self.userAgent(catalogBase: catalogBase)
    }

    package static func userAgent(catalogBase: String) -> String {
        "opendata/\(OpenDataVersion.current) (link check; +\(catalogBase))"
    }

    /// A clock that reads `start` now and runs on from there: results are stamped on the run's time (the real
    /// time unless a test fixes the run's `now`), so due selection and stamps agree.
    package static func clock(startingAt start: Date) -> @Sendable () -> Date {
        let offset = start.timeIntervalSince(Date())
        return { Date().addingTimeInterval(offset) }
    }

    /// Statuses of a HEAD request after which the same URL is asked again with a ranged GET.
    static let headRefused: Set<Int> = [403, 405, 501]

    /// Checks every URL (hosts interleaved) and returns one result per URL in the order given. `progress` is
    /// called once per finished URL with the number done so far.
    package func check(_ urls: [String], progress: @escaping @Sendable (Int, LinkResult) -> Void = { _, _ in }) async -> [LinkResult] {
        let gate = LinkGate(perHost: settings.perHostConcurrency, perHostDelay: Double(settings.perHostDelayMS) / 1000,
                            perSecond: settings.requestsPerSecond)
        let order = LinkCheck.interleavedByHost(urls)
        var results: [String: LinkResult] = [:]
        await withTaskGroup(of: LinkResult.self) { group in
            var next = 0
            func addNext() {
                guard next < order.count else { return }
                let url = order[next]
                next += 1
                group.addTask { await checkOne(url, gate: gate) }
            }
            for _ in 0..<max(1, parallel) { addNext() }
            while let result = await group.next() {
                results[result.url] = result
                progress(results.count, result)
                addNext()
            }
        }
        return urls.compactMap { results[$0] }
    }

    /// One URL, following redirects hop by hop.
    package func checkOne(_ text: String, gate: LinkGate? = nil) async -> LinkResult {
        let gate = gate ?? LinkGate(perHost: 1, perHostDelay: 0, perSecond: 1000)
        let stamp = Date(timeIntervalSince1970: now().timeIntervalSince1970.rounded(.down))
        func result(_ outcome: LinkOutcome, _ message: String, status: Int? = nil, final: URL? = nil) -> LinkResult {
            LinkResult(url: text, outcome: outcome, status: status, finalURL: final?.absoluteString, checkedAt: stamp, message: message)
        }
        guard let start = URL(string: text), let host = start.host, !host.isEmpty,
              ["http", "https"].contains(start.scheme?.lowercased() ?? "") else {
            return result(.invalidURL, "not an absolute http(s) URL")
        }
        var current = start
        var visited: Set<String> = [start.absoluteString]
        var hops = 0, crossHost = 0
        var useGET = false
        while true {
            let answer = await send(current, get: useGET, gate: gate)
            let final = hops > 0 ? current : nil
            switch answer {
            case .failure(let error):
                if !useGET { useGET = true; continue }  // HEAD failed: ask once more with a ranged GET
                return result(Self.outcome(error), error.description, final: final)
            case .success(let response):
                if !useGET, Self.headRefused.contains(response.status) { useGET = true; continue }
                guard (300..<400).contains(response.status), response.status != 304, let location = response.header("location") else {
                    let outcome = LinkOutcome.of(status: response.status, redirected: hops > 0)
                    return result(outcome, "\(useGET ? "GET (range)" : "HEAD") answered \(response.status)", status: response.status, final: final)
                }
                guard let target = URL(string: location, relativeTo: current)?.absoluteURL,
                      ["http", "https"].contains(target.scheme?.lowercased() ?? ""), target.host != nil else {
                    return result(.redirectRefused, "redirect to \(location), not an http(s) URL", status: response.status, final: current)
                }
                hops += 1
                if hops > settings.maxRedirects {
                    return result(.tooManyRedirects, "more than \(settings.maxRedirects) redirects (links.max_redirects)", status: response.status, final: current)
                }
                if visited.contains(target.absoluteString) {
                    return result(.redirectLoop, "redirect loop: \(target.absoluteString) again after \(hops) redirects", status: response.status, final: target)
                }
                if target.host?.lowercased() != current.host?.lowercased() {
                    crossHost += 1
                    if crossHost > settings.maxCrossHostRedirects {
                        return result(.redirectRefused, "redirect to another host (\(target.host ?? "")) beyond links.max_cross_host_redirects = \(settings.maxCrossHostRedirects)",
                                      status: response.status, final: target)
                    }
                }
                visited.insert(target.absoluteString)
                current = target
            }
        }
    }

    /// One request through the gate of its host.
    private func send(_ url: URL, get: Bool, gate: LinkGate) async -> Result<HTTPResponse, HTTPTransportError> {
        let host = url.host?.lowercased() ?? ""
        var request = HTTPRequest(url: url, method: get ? "GET" : "HEAD", headers: ["User-Agent": userAgent],
                                  timeout: settings.timeoutSeconds, maxResponseBytes: settings.maxBytes, deadline: settings.timeoutSeconds)
        if get { request.headers["Range"] = "bytes=0-0" }
        request.followRedirects = false
        request.cutAtLimit = true
        await gate.enter(host)
        let answer: Result<HTTPResponse, HTTPTransportError>
        do {
            answer = .success(try await transport.send(request))
        } catch let error as HTTPTransportError {
            answer = .failure(error)
        } catch {
            answer = .failure(.connection(url, String(describing: error)))
        }
        await gate.leave(host)
        return answer
    }

    static func outcome(_ error: HTTPTransportError) -> LinkOutcome {
        switch error {
        case .timeout, .deadline: .timeout
        case .redirectRefused: .redirectRefused
        case .tooLarge, .truncated, .connection: .connectionError
        }
    }
}
