package import Foundation

/// A fake CKAN portal on a real local HTTP server, serving `package_search`, `package_list`, `package_show`
/// and `status_show` from in-memory package dicts (e.g. the Köln fixture), with fault knobs for the
/// failure shapes harvesters meet in the wild.
package final class FakeCKAN: @unchecked Sendable {
    /// A change applied to the portal's data right after a given `package_search` page was served.
    package enum Mutation {
        case add([String: Any])
        case remove(id: String)
        /// Sets `metadata_modified` to a later time, which moves the record to the end of the stable sort.
        case touch(id: String)
    }

    private let lock = NSLock()
    private var packages: [[String: Any]]
    private var server: TestHTTPServer!
    private var servedSearchPages = 0
    private var answeredPages = 0
    private var clock = 0

    // Knobs (set them before harvesting).
    /// API path prefixes served; `["/api/action/"]` simulates an old CKAN without `/api/3/`.
    package var apiPrefixes: [String] = ["/api/3/action/", "/api/action/"]
    /// `package_search` page (0-based: how many pages were answered successfully before) → status to answer, and how many times.
    package var failPage: [Int: (status: Int, times: Int)] = [:]
    /// Extra headers sent with injected failures (e.g. `Retry-After`).
    package var failureHeaders: [(String, String)] = []
    /// Serve each page after the first starting this many records early (records repeat across pages).
    package var overlap = 0
    /// Mutations applied after the n-th `package_search` request was answered (0-based).
    package var mutations: [Int: [Mutation]] = [:]
    /// Seconds before each answer.
    package var latency: TimeInterval = 0
    /// Answer `fl` listings' `metadata_modified` the way CKAN with Solr does: from the index, in UTC with `Z` and
    /// at most millisecond precision (`2015-01-20T15:39:41Z`), while full records keep the package dict's form.
    package var solrListingDates = false
    /// Byte-level corruption of every answer: each marker text (put into a package beforehand) is replaced by
    /// the given bytes (invalid UTF-8, NUL …) that JSONSerialization could not write.
    package var corruptions: [(marker: String, bytes: [UInt8])] = []
    /// Answer every page as if `start` were 0 (a portal that ignores paging).
    package var ignoreStart = false
    /// Replaces the answer to a request entirely when it returns non-nil (HTML pages, plain text …).
    package var override: (@Sendable (TestHTTPRequest) -> TestHTTPResponse?)?

    package init(packages: [[String: Any]]) throws {
        self.packages = packages
        self.server = try TestHTTPServer { [unowned self] request in self.respond(request) }
    }

    /// Loads a JSON array of package dicts (or an envelope with `result` / `result.results`).
    package convenience init(fixture url: URL) throws {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        var list = json as? [[String: Any]]
        if let envelope = json as? [String: Any] {
            list = (envelope["result"] as? [[String: Any]]) ?? ((envelope["result"] as? [String: Any])?["results"] as? [[String: Any]])
        }
        try self.init(packages: list ?? [])
    }

    deinit { server?.stop() }

    package var baseURL: URL { server.baseURL }
    package var requests: [TestHTTPRequest] { server.requests }
    package var packageCount: Int { lock.withLock { packages.count } }
    package func stop() { server.stop() }

    // MARK: - Serving

    package static func replacing(_ marker: Data, with replacement: Data, in body: Data) -> Data {
        var body = body
        var from = body.startIndex
        while let range = body.range(of: marker, in: from..<body.endIndex) {
            body.replaceSubrange(range, with: replacement)
            from = range.lowerBound + replacement.count
        }
        return body
    }

    private func respond(_ request: TestHTTPRequest) -> TestHTTPResponse {
        if let override, let answer = override(request) { return answer }
        let response: TestHTTPResponse = lock.withLock { route(request) }
        let corruptions: [(marker: String, bytes: [UInt8])] = lock.withLock { self.corruptions }
        var answer = response
        answer.delay = latency
        for corruption in corruptions {
            answer.body = Self.replacing(Data(corruption.marker.utf8), with: Data(corruption.bytes), in: answer.body)
        }
        return answer
    }

    /// Called with the lock held.
    private func route(_ request: TestHTTPRequest) -> TestHTTPResponse {
        guard let prefix = apiPrefixes.first(where: { request.path.hasPrefix($0) }) else {
            return .text("<html><head><title>404 Not Found</title></head><body>Not Found</body></html>", status: 404, contentType: "text/html")
        }
        let action = String(request.path.dropFirst(prefix.count))
        switch action {
        case "package_search": return search(request.query)
        case "package_list": return envelope(packages.compactMap { $0["name"] as? String }.sorted())
        case "package_show":
            let key = request.query["id"] ?? ""
            guard let package = packages.first(where: { ($0["id"] as? String) == key || ($0["name"] as? String) == key }) else {
                return error(404, type: "Not Found Error", "Not found")
            }
            return envelope(package)
        case "status_show": return envelope(["ckan_version": "2.11.6", "site_title": "FakeCKAN", "extensions": []])
        default: return error(400, type: "Bad Request", "Action name not known: \(action)")
        }
    }

    private func search(_ query: [String: String]) -> TestHTTPResponse {
        let rows = min(Int(query["rows"] ?? "10") ?? 10, 1000)
        let start = Int(query["start"] ?? "0") ?? 0
        let pageIndex = answeredPages
        let served = servedSearchPages
        servedSearchPages += 1

        if var failure = failPage[pageIndex], failure.times > 0 {
            failure.times -= 1
            failPage[pageIndex] = failure
            return error(failure.status, type: "Internal Server Error", "injected failure").with { $0.headers += failureHeaders }
        }

        answeredPages += 1
        var matching = packages.filter { matches($0, fq: query["fq"]) }
        if let sort = query["sort"], sort.hasPrefix("metadata_modified asc") {
            matching.sort { a, b in
                let ma = a["metadata_modified"] as? String ?? "", mb = b["metadata_modified"] as? String ?? ""
                return ma != mb ? ma < mb : (a["id"] as? String ?? "") < (b["id"] as? String ?? "")
            }
        }
        let first = ignoreStart ? 0 : start
        let from = max(0, min(matching.count, first - (first > 0 ? overlap : 0)))
        let to = min(matching.count, from + rows)
        var results = Array(matching[from..<max(from, to)])
        if let fl = query["fl"] {
            let fields = Set(fl.split(separator: ",").map { $0.trimmedBlanks() })
            results = results.map { $0.filter { fields.contains($0.key) } }
            if solrListingDates {
                results = results.map { record in
                    var record = record
                    if let modified = record["metadata_modified"] as? String { record["metadata_modified"] = Self.solrDate(modified) }
                    return record
                }
            }
        }
        let response = envelope(["count": matching.count, "sort": query["sort"] ?? "score desc, metadata_modified desc", "results": results])
        for mutation in mutations[served] ?? [] { apply(mutation) }
        return response
    }

    /// A CKAN/ISO 8601 time (zone optional, then UTC) in the form Solr returns dates: UTC, `Z`, milliseconds
    /// truncated and only when not zero.
    static func solrDate(_ text: String) -> String {
        let zoned = text.hasSuffix("Z") || text.range(of: #"[+-][0-9]{2}:[0-9]{2}$"#, options: .regularExpression) != nil
        var value = zoned ? text : text + "Z"
        // Foundation parses at most millisecond fractions reliably: cut longer ones (Solr truncates too).
        if let dot = value.firstIndex(of: "."), let end = value[dot...].firstIndex(where: { !$0.isNumber && $0 != "." }),
           value.distance(from: dot, to: end) > 4 {
            value.removeSubrange(value.index(dot, offsetBy: 4)..<end)
        }
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        guard let date = withFraction.date(from: value) ?? plain.date(from: value) else { return text }
        let seconds = date.timeIntervalSince1970.rounded(.down)
        let millis = Int(((date.timeIntervalSince1970 - seconds) * 1000).rounded())
        let whole = plain.string(from: Date(timeIntervalSince1970: seconds))
        guard millis > 0 else { return whole }
        var fraction = String(format: "%03d", min(millis, 999))
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return String(whole.dropLast()) + "." + fraction + "Z"
    }

    private func apply(_ mutation: Mutation) {
        clock += 1
        switch mutation {
        case .add(let package): packages.append(package)
        case .remove(let id): packages.removeAll { ($0["id"] as? String) == id }
        case .touch(let id):
            if let i = packages.firstIndex(where: { ($0["id"] as? String) == id }) {
                packages[i]["metadata_modified"] = String(format: "2099-01-01T00:00:%02d", clock % 60)
            }
        }
    }

    /// Supports `field:value`, `metadata_modified:[X TO *]`, `id:("a" OR "b")`, joined by ` AND `.
    private func matches(_ package: [String: Any], fq: String?) -> Bool {
        guard let fq, !fq.isEmpty else { return true }
        for clause in fq.components(separatedBy: " AND ") {
            guard let colon = clause.firstIndex(of: ":") else { continue }
            let field = String(clause[..<colon])
            var value = String(clause[clause.index(after: colon)...])
            if value.hasPrefix("["), value.hasSuffix("]") {
                let bounds = value.dropFirst().dropLast().components(separatedBy: " TO ")
                let actual = package[field] as? String ?? ""
                if bounds.count == 2 {
                    if bounds[0] != "*", actual < bounds[0] { return false }
                    if bounds[1] != "*", actual > bounds[1] { return false }
                }
                continue
            }
            if value.hasPrefix("("), value.hasSuffix(")") {
                value = String(value.dropFirst().dropLast())
            }
            let options = value.components(separatedBy: " OR ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")) }
            let actual: String?
            switch field {
            case "organization": actual = (package["organization"] as? [String: Any])?["name"] as? String
            default: actual = package[field].map { "\($0)" }
            }
            guard let actual, options.contains(actual) else { return false }
        }
        return true
    }

    private func envelope(_ result: Any) -> TestHTTPResponse {
        .json(object: ["help": "\(baseURL.absoluteString)/api/3/action/help_show", "success": true, "result": result])
    }

    private func error(_ status: Int, type: String, _ message: String) -> TestHTTPResponse {
        .json(object: ["help": "", "success": false, "error": ["__type": type, "message": message]], status: status)
    }
}
