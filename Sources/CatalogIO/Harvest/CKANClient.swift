package import Foundation
package import Logging
package import CatalogCore

/// The result of harvesting one CKAN source.
package struct HarvestOutcome: Sendable {
    package var sourceID: String
    /// Unique by CKAN id, in the order first seen; `index` is the position in this list.
    package var records: [RawRecord]
    /// Every HTTP request made, retries included.
    package var requests: Int
    package var findings: [Finding]
    /// Set when the source failed. `records` then holds what arrived before the failure and must not be
    /// taken for the complete source (keep the previous harvest; never withdraw datasets on a failed run).
    package var error: String?

    package var failed: Bool { error != nil }
}

/// One entry of a source's id listing (for withdrawals and incremental runs).
package struct RemoteEntry: Sendable, Hashable {
    package var id: String
    package var name: String?
    package var modified: String?
}

package struct IDListing: Sendable {
    package var entries: [RemoteEntry]
    package var requests: Int
    package var findings: [Finding]
    /// Set when the listing is incomplete; then `entries` must not be used to withdraw anything.
    package var error: String?
}

/// Harvests a CKAN portal through the Action API (`package_search`), defensively: every failure shape seen
/// in the wild (HTTP 200 with `success: false`, HTML error pages, plain-text errors, truncated JSON, records
/// moving between pages) ends as a clear finding or source error. Nothing here throws: a failing source
/// returns `HarvestOutcome.error`.
package struct CKANClient: Sendable {
    package var transport: any HTTPTransport
    package var timeout: TimeInterval
    /// Retries per request for 5xx, 429, timeouts, broken connections and truncated JSON.
    package var retries: Int
    package var maxResponseBytes: Int
    /// `harvest.allowed_redirect_hosts`: other hosts a redirect may lead to.
    package var allowedRedirectHosts: Set<String> = []
    /// First backoff delay; doubles with each retry.
    package var backoffBase: TimeInterval = 1
    /// `Retry-After` is honoured up to this many seconds.
    package var maxRetryAfter: TimeInterval = 120
    /// Waits between retries (injectable so tests never sleep).
    package var sleep: @Sendable (TimeInterval) async -> Void
    package var logger: Logger

    package init(
        transport: any HTTPTransport = URLSessionTransport(), settings: HarvestSettings = HarvestSettings(),
        logger: Logger = Logger(label: "opendata.ckan"),
        sleep: @escaping @Sendable (TimeInterval) async -> Void = { seconds in
            try? await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
        }
    ) {
        self.transport = transport
        self.timeout = settings.timeoutSeconds
        self.retries = settings.retries
        self.maxResponseBytes = settings.maxResponseBytes
        self.allowedRedirectHosts = Set(settings.allowedRedirectHosts)
        self.sleep = sleep
        self.logger = logger
    }

    /// The stable order that makes paging safe: changed records move to the end, never before the cursor.
    package static let sortOrder = "metadata_modified asc, id asc"

    // MARK: - Harvest

    package func harvest(source: SourceConfig, rows: Int = 1000, progress: (@Sendable (Int, Int?) -> Void)? = nil) async -> HarvestOutcome {
        var session = Session(source: source)
        var collected = Collected()
        guard let base = apiRoot(source, &session) else {
            return session.outcome(collected, error: session.findings.last?.message ?? "no url")
        }
        session.base = base
        let rows = min(max(rows, 1), 1000)
        // Each page after the first starts one record early: that record (the anchor) must be the last one of
        // the previous page. If it is not, records shifted between requests (a deletion or change before the
        // cursor) and one may have been skipped, so the id list is re-checked at the end. It costs one record
        // a page, about N / (rows · (rows − 1)) extra pages: none in practice with rows = 1000, but too many with
        // tiny pages, so it is used from 20 rows a page.
        let anchored = rows >= 20
        var start = 0
        var anchor: String?
        var firstCount: Int?
        var lastCount = 0
        var pages = 0
        var previousIDs: [String] = []

        while true {
            var query = baseQuery(source)
            query += [("rows", String(rows)), ("start", String(start))]
            let page: SearchPage
            switch await search(query, &session) {
            case .success(let value): page = value
            case .failure(let failure):
                return session.outcome(collected, error: "package_search (start=\(start), rows=\(rows)) failed: \(failure.message)")
            }
            pages += 1
            let ids = page.records.compactMap { JSONSlicer.shape($0).id }
            if start > 0, !ids.isEmpty, ids == previousIDs {
                return session.outcome(collected, error: Self.ignoresPaging(start: start, rows: rows))
            }
            previousIDs = ids
            if let firstCount, page.count != lastCount {
                session.note(.note, "harvest.count-changed", "the portal's count changed from \(lastCount) to \(page.count) while paging (first page said \(firstCount)); the id list is re-checked at the end", de: "Die Trefferzahl des Portals änderte sich beim Blättern von \(lastCount) auf \(page.count) (die erste Seite nannte \(firstCount)); die ID-Liste wird am Ende erneut geprüft.")
                collected.unstable = true
            }
            firstCount = firstCount ?? page.count
            lastCount = page.count
            var elements = page.records[...]
            if let expected = anchor, let first = elements.first {
                if JSONSlicer.shape(first).id == expected {
                    elements = elements.dropFirst()
                } else if !collected.unstable {
                    collected.unstable = true
                    session.note(.note, "harvest.shifted", "records shifted between pages at start=\(start) (changed or deleted while paging); the id list is re-checked at the end", de: "Einträge haben sich bei start=\(start) zwischen den Seiten verschoben (beim Blättern geändert oder gelöscht); die ID-Liste wird am Ende erneut geprüft.")
                }
            }
            for element in elements { collected.add(element, session: &session) }
            progress?(collected.order.count, page.count)
            logger.debug("page", metadata: ["source": .string(source.id), "start": .stringConvertible(start), "received": .stringConvertible(page.records.count), "count": .stringConvertible(page.count)])

            if page.records.isEmpty || page.records.count < rows || start + page.records.count >= page.count { break }
            if anchored {
                anchor = page.records.last.flatMap { JSONSlicer.shape($0).id }
                start += page.records.count - 1
            } else {
                start += page.records.count
            }
            let budget = Self.pageBudget(count: firstCount ?? page.count, rows: anchored ? rows - 1 : rows)
            if pages >= budget {
                return session.outcome(collected, error: "package_search keeps returning pages past start=\(start) although count is \(page.count) (page budget \(budget) used up); stopped to avoid an endless loop")
            }
        }

        if collected.duplicates > 0 {
            session.note(.note, "harvest.duplicates", "\(collected.duplicates) record(s) appeared on more than one page (records moved while paging); each is kept once, in its latest version", de: "\(collected.duplicates) Eintrag/Einträge erschienen auf mehr als einer Seite (beim Blättern verschoben); jeder wird einmal behalten, in seiner neuesten Fassung.")
        }
        if collected.unstable || collected.order.count != lastCount {
            if let error = await recheck(source, &collected, &session, expected: lastCount) {
                return session.outcome(collected, error: error)
            }
        }
        progress?(collected.order.count, lastCount)
        return session.outcome(collected, error: nil)
    }

    /// Lists every id (and `metadata_modified`) of the source via `package_search` with `fl`, 1000 a page.
    package func listIDs(source: SourceConfig) async -> IDListing {
        var session = Session(source: source)
        guard let base = apiRoot(source, &session) else {
            return IDListing(entries: [], requests: 0, findings: session.findings, error: session.findings.last?.message)
        }
        session.base = base
        let result = await list(source, &session)
        switch result {
        case .success(let entries):
            return IDListing(entries: entries, requests: session.requests, findings: session.findings, error: nil)
        case .failure(let failure):
            return IDListing(entries: [], requests: session.requests, findings: session.findings, error: "listing ids failed: \(failure.message)")
        }
    }

    private func list(_ source: SourceConfig, _ session: inout Session) async -> Result<[RemoteEntry], Failure> {
        var entries: [RemoteEntry] = []
        var seen: Set<String> = []
        var start = 0
        var pages = 0
        var previousIDs: [String] = []
        while true {
            let query = baseQuery(source) + [("fl", "id,name,metadata_modified"), ("rows", "1000"), ("start", String(start))]
            let page: SearchPage
            switch await search(query, &session) {
            case .success(let value): page = value
            case .failure(let failure): return .failure(failure)
            }
            pages += 1
            let ids = page.records.compactMap { JSONSlicer.shape($0).id }
            if start > 0, !ids.isEmpty, ids == previousIDs {
                return .failure(Failure(message: Self.ignoresPaging(start: start, rows: 1000)))
            }
            previousIDs = ids
            for element in page.records {
                guard let fields = JSONSlicer.strings(element, ["id", "name", "metadata_modified"]),
                      let id = fields["id"].flatMap({ $0.isEmpty ? nil : $0 }) ?? fields["name"].flatMap({ $0.isEmpty ? nil : $0 })
                else { continue }
                if seen.insert(id).inserted {
                    entries.append(RemoteEntry(id: id, name: fields["name"], modified: fields["metadata_modified"]))
                }
            }
            if page.records.isEmpty { break }
            start += page.records.count
            if page.records.count < 1000 || start >= page.count { break }
            if pages >= Self.pageBudget(count: page.count, rows: 1000) {
                return .failure(Failure(message: "listing ids: package_search keeps returning pages past start=\(start) although count is \(page.count); stopped"))
            }
        }
        return .success(entries)
    }

    /// After an unstable paging run, compares against the id list and fetches what paging skipped.
    private func recheck(_ source: SourceConfig, _ collected: inout Collected, _ session: inout Session, expected: Int) async -> String? {
        let listing: [RemoteEntry]
        switch await list(source, &session) {
        case .success(let entries): listing = entries
        case .failure(let failure): return "re-checking the id list after unstable paging failed: \(failure.message)"
        }
        let listed = Set(listing.map(\.id))
        let missing = listing.map(\.id).filter { collected.index[$0] == nil }
        for batch in stride(from: 0, to: missing.count, by: 50).map({ Array(missing[$0..<min($0 + 50, missing.count)]) }) {
            let ids = batch.map { "\"\($0)\"" }.joined(separator: " OR ")
            let query: [(String, String)] = [("fq", "id:(\(ids))"), ("rows", String(batch.count)), ("start", "0"), ("include_private", "false")]
            switch await search(query, &session) {
            case .success(let page):
                for element in page.records { collected.add(element, session: &session) }
            case .failure(let failure):
                return "fetching \(batch.count) records that moved during paging failed: \(failure.message)"
            }
        }
        let stillMissing = missing.filter { collected.index[$0] == nil }
        for id in stillMissing {
            session.findings.append(Finding(.warning, source: source.id, record: id, .harvestVanished, []))
        }
        for id in collected.order where !listed.contains(id) && !id.hasPrefix("#") {
            session.findings.append(Finding(.note, source: source.id, record: id, .harvestNoLongerListed, []))
        }
        let recovered = missing.count - stillMissing.count
        if recovered > 0 {
            session.note(.note, "harvest.recovered", "\(recovered) record(s) shifted between pages while paging and were fetched separately", de: "\(recovered) Eintrag/Einträge haben sich beim Blättern verschoben und wurden einzeln abgerufen.")
        }
        return nil
    }

    // MARK: - Requests

    private func baseQuery(_ source: SourceConfig) -> [(String, String)] {
        var query: [(String, String)] = [("sort", Self.sortOrder), ("include_private", "false")]
        if let fq = source.fq, !fq.isEmpty { query.insert(("fq", fq), at: 0) }
        return query
    }

    private func apiRoot(_ source: SourceConfig, _ session: inout Session) -> URL? {
        guard let text = source.url, var url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            session.note(.error, "harvest.config", "source has no usable http(s) url (\(source.url ?? "none"))", de: "Die Quelle hat keine brauchbare http(s)-URL (\(source.url ?? "keine")).")
            return nil
        }
        // Accept an API URL pasted instead of the portal root.
        var path = url.path
        while path.hasSuffix("/") { path.removeLast() }
        for suffix in ["/api/3/action", "/api/action", "/api/3", "/api"] where path.hasSuffix(suffix) {
            path.removeLast(suffix.count)
            break
        }
        var components = URLComponents(url: url, resolvingAgainstBaseURL: false)!
        components.path = path
        components.query = nil
        url = components.url ?? url
        return url
    }

    private struct SearchPage {
        var count: Int
        var records: [ArraySlice<UInt8>]
    }

    private func search(_ query: [(String, String)], _ session: inout Session) async -> Result<SearchPage, Failure> {
        let response: Envelope
        switch await call("package_search", query, &session) {
        case .success(let value): response = value
        case .failure(let failure): return .failure(failure)
        }
        let b = response.bytes
        guard let resultRange = response.members.first(where: { $0.key == "result" })?.value,
              let result = try? JSONSlicer.members(b, in: resultRange),
              case .number(let count)? = JSONSlicer.value("count", in: result, of: b), count >= 0, count < 1e12,
              let resultsRange = result.first(where: { $0.key == "results" })?.value,
              let elements = try? JSONSlicer.elements(b, in: resultsRange)
        else {
            return .failure(Failure(message: "\(response.url): the response has success: true but no result.count / result.results; is this a CKAN package_search?"))
        }
        return .success(SearchPage(count: Int(count), records: elements.map { b[$0] }))
    }

    private struct Envelope {
        var url: String
        var bytes: [UInt8]
        /// The top-level members, sliced (records inside are parsed once, by the mapper).
        var members: [(key: String, value: Range<Int>)]
    }

    struct Failure: Error {
        var message: String
        var notFound = false
    }

    /// Calls one action with retries, falling back from `/api/3/action/` to `/api/action/` on a first 404.
    private func call(_ action: String, _ query: [(String, String)], _ session: inout Session) async -> Result<Envelope, Failure> {
        if let prefix = session.apiPrefix {
            return await attempt(action, prefix: prefix, query, &session)
        }
        let first = await attempt(action, prefix: "api/3/action", query, &session)
        if case .failure(let failure) = first, failure.notFound {
            let second = await attempt(action, prefix: "api/action", query, &session)
            switch second {
            case .success:
                session.apiPrefix = "api/action"
                session.note(.note, "harvest.api-fallback", "\(session.base!.absoluteString)/api/3/action/ answered 404; using the older /api/action/ path", de: "\(session.base!.absoluteString)/api/3/action/ antwortete 404; der ältere Pfad /api/action/ wird verwendet.")
            case .failure(let failure) where failure.notFound:
                return .failure(Failure(message: "no CKAN API found: both /api/3/action/\(action) and /api/action/\(action) under \(session.base!.absoluteString) answered 404 (is `url` the portal's root?)"))
            case .failure:
                break
            }
            return second
        }
        if case .success = first { session.apiPrefix = "api/3/action" }
        return first
    }

    private func attempt(_ action: String, prefix: String, _ query: [(String, String)], _ session: inout Session) async -> Result<Envelope, Failure> {
        let url = Self.url(session.base!, prefix: prefix, action: action, query: query)
        let request = HTTPRequest(url: url, headers: ["Accept": "application/json"], timeout: timeout, maxResponseBytes: maxResponseBytes, allowedRedirectHosts: allowedRedirectHosts)
        let policy = RetryPolicy(retries: retries, backoffBase: backoffBase, maxRetryAfter: maxRetryAfter, sleep: sleep)
        let sourceID = session.source.id
        let outcome = await policy.run(&session, onRetry: { reason, delay in
            logger.debug("retrying", metadata: ["source": .string(sourceID), "url": .string(url.absoluteString), "reason": .string(reason), "delay": .stringConvertible(delay)])
        }) { session in await once(request, &session) }
        switch outcome {
        case .done(let envelope): return .success(envelope)
        case .fatal(let failure): return .failure(failure)
        case .gaveUp(let message): return .failure(Failure(message: message))
        case .cancelled: return .failure(Failure(message: "cancelled"))
        }
    }

    private typealias Attempt = RetryPolicy.Step<Envelope, Failure>

    private func once(_ request: HTTPRequest, _ session: inout Session) async -> Attempt {
        let url = request.url.absoluteString
        session.requests += 1
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch {
            return RetryPolicy.step(for: error, url: url) { Failure(message: $0) }
        }
        let bytes = [UInt8](response.body)
        // The envelope by structure only: invalid UTF-8, NUL or a broken value inside one record do not stop the
        // page; each record is repaired or rejected on its own, with a finding naming it.
        let parsed = JSONSlicer.object(bytes)
        let status = response.status
        func ckanSays(_ members: [(key: String, value: Range<Int>)]) -> String {
            "CKAN says: \(ckanErrorMessage(JSONSlicer.value("error", in: members, of: bytes)))"
        }

        if status == 404, parsed?.contains(where: { $0.key == "success" }) != true {
            return .fatal(Failure(message: "\(url): HTTP 404", notFound: true))
        }
        if status == 429 || (500...599).contains(status) {
            let detail = parsed.map(ckanSays) ?? Self.summary(response)
            return .retry("\(url): HTTP \(status): \(detail)", retryAfter: Self.retryAfter(response.header("retry-after")))
        }
        if !(200...299).contains(status) {
            let detail = parsed.map(ckanSays) ?? Self.summary(response)
            return .fatal(Failure(message: "\(url): HTTP \(status): \(detail)"))
        }
        guard let members = parsed else {
            let first = bytes.first(where: { !JSONSlicer.isSpace($0) })
            if Self.isHTML(response) {
                return .fatal(Failure(message: "\(url): an HTML page came back (HTTP \(status)) instead of CKAN JSON: \(Self.summary(response)). Is `url` the CKAN portal root, or is a login/maintenance page in front of it?"))
            }
            if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
                // Truncated mid-body (proxy timeouts, connection resets): usually transient.
                return .retry("\(url): the response is not valid JSON (\(bytes.count) bytes, truncated?)", retryAfter: nil)
            }
            if bytes.isEmpty {
                return .retry("\(url): an empty response (HTTP \(status)) instead of CKAN JSON", retryAfter: nil)
            }
            return .fatal(Failure(message: "\(url): text instead of CKAN JSON (HTTP \(status), \(response.header("content-type") ?? "no content type")): \(Self.summary(response))"))
        }
        guard case .bool(let success)? = JSONSlicer.value("success", in: members, of: bytes) else {
            return .fatal(Failure(message: "\(url): JSON without a boolean \"success\" member; not a CKAN Action API response"))
        }
        guard success else {
            return .fatal(Failure(message: "\(url): CKAN answered success: false: \(ckanErrorMessage(JSONSlicer.value("error", in: members, of: bytes)))"))
        }
        return .done(Envelope(url: url, bytes: bytes, members: members))
    }

    // MARK: - Helpers

    /// Pages a harvest may take: the announced count's pages plus a margin of 10 % (at least 3) for records
    /// added while paging.
    static func pageBudget(count: Int, rows: Int) -> Int {
        let expected = (max(count, 0) + max(rows, 1) - 1) / max(rows, 1)
        return expected + max(3, expected / 10)
    }

    static func ignoresPaging(start: Int, rows: Int) -> String {
        "package_search answered start=\(start) with the same \(rows > 1 ? "records" : "record") as the page before: the portal seems to ignore `start` (paging); stopped instead of reading the same page again"
    }

    static func url(_ base: URL, prefix: String, action: String, query: [(String, String)]) -> URL {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        let encoded = query.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
        }.joined(separator: "&")
        var text = base.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return URL(string: "\(text)/\(prefix)/\(action)\(encoded.isEmpty ? "" : "?" + encoded)")!
    }

    static func isHTML(_ response: HTTPResponse) -> Bool {
        if response.header("content-type")?.lowercased().contains("html") == true { return true }
        let start = String(decoding: response.body.prefix(200), as: UTF8.self).trimmedSpace().lowercased()
        return start.hasPrefix("<!doctype") || start.hasPrefix("<html") || start.hasPrefix("<head") || start.hasPrefix("<body")
    }

    /// A short readable excerpt of a non-JSON body: the HTML title, or the first 200 characters.
    static func summary(_ response: HTTPResponse) -> String {
        let text = String(decoding: response.body.prefix(64 * 1024), as: UTF8.self)
        if isHTML(response), let open = text.range(of: "<title>", options: .caseInsensitive),
           let close = text.range(of: "</title>", options: .caseInsensitive, range: open.upperBound..<text.endIndex) {
            let title = text[open.upperBound..<close.lowerBound].trimmedSpace()
            if !title.isEmpty { return "page title \"\(title)\"" }
        }
        let collapsed = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        if collapsed.isEmpty { return "empty body" }
        return "\"" + (collapsed.count > 200 ? collapsed.prefix(200) + "…" : collapsed) + "\""
    }

    /// `Retry-After` as seconds (delta-seconds or an HTTP date).
    static func retryAfter(_ value: String?) -> TimeInterval? { RetryPolicy.retryAfter(value) }

    // MARK: - State of one run

    private struct Session {
        var source: SourceConfig
        var base: URL?
        var apiPrefix: String?
        var requests = 0
        var findings: [Finding] = []

        init(source: SourceConfig) { self.source = source }

        mutating func note(_ severity: Finding.Severity, _ code: String, _ message: String, de: String) {
            findings.append(Finding(severity, code, source: source.id, message, de: de))
        }

        func outcome(_ collected: Collected, error: String?) -> HarvestOutcome {
            var findings = findings
            if let error { findings.append(Finding(.error, "harvest.failed", source: source.id, error, de: "Die Ernte der Quelle ist fehlgeschlagen (technische Meldung: \(error)).")) }
            let records = collected.order.enumerated().map { position, id in
                RawRecord(sourceID: source.id, index: position, json: collected.records[id]!)
            }
            return HarvestOutcome(sourceID: source.id, records: records, requests: requests, findings: findings, error: error)
        }
    }

    private struct Collected {
        var order: [String] = []
        var index: [String: Int] = [:]
        var records: [String: Data] = [:]
        var duplicates = 0
        var unstable = false

        mutating func add(_ original: ArraySlice<UInt8>, session: inout Session) {
            let repair = RecordRepair.repair(original)
            let bytes = repair.bytes.map { $0[...] } ?? original
            guard case .object(let packageID) = JSONSlicer.shape(bytes) else {
                session.findings.append(Finding(.error, source: session.source.id, record: "#\(order.count)", .harvestNotAnObject, []))
                return
            }
            let id = packageID ?? "#\(order.count)"
            if let size = repair.tooLarge {
                session.findings.append(RecordRepair.tooLargeFinding(size: size, source: session.source.id, record: id))
                return
            }
            session.findings += RecordRepair.findings(repair.issues, source: session.source.id, record: id)
            if packageID == nil {
                session.findings.append(Finding(.warning, source: session.source.id, record: id, .harvestNoID, []))
            }
            if index[id] != nil {
                duplicates += 1
                unstable = true
                records[id] = Data(bytes)  // the later copy is the newer one
                return
            }
            index[id] = order.count
            order.append(id)
            records[id] = Data(bytes)
        }
    }
}
