package import Foundation

/// Everything the read-only CKAN API needs, computed once per snapshot: every package dict rendered to bytes,
/// lower-cased search text, facet values and sort keys. Requests then only filter, sort and concatenate.
///
/// Search semantics (close to CKAN's Solr, not identical):
/// - `q`: full text through `relevance` (a `SearchIndex`, the same one the server's `/suche` page uses): every
///   word, normalised by `SearchText` (German folding and stemming), must match a term of the title, keywords,
///   publisher, distribution titles or full description, as a whole term or its beginning; `*:*` or empty means
///   all; `field:value` words in `q` act like `fq` clauses (`title:`/`text:` values as substrings).
/// - `fq`: clauses ANDed; `field:value`, `field:"quoted value"`, `-field:value` (or `NOT`), `+field:value`,
///   `field:*` (has any value), `metadata_modified:[2024-01-01T00:00:00Z TO *]` ranges. Fields: organization,
///   groups, tags, res_format, license_id, hvd_category (HVD category IRIs; `hvd_category:*` is every high-value
///   dataset), applicable_legislation, name, id, metadata_modified, metadata_created; `dataset_type:dataset`,
///   `state:active` and `capacity:public` hold for every dataset; any other field matches nothing (as Solr's
///   catch-all string field would). Parenthesised `OR` groups are not supported.
/// - `sort`: `score`, `metadata_modified`, `metadata_created`, `title_string`, `name`, `id`, `num_resources`,
///   `num_tags`, each `asc`/`desc`, comma-separated; ties keep catalogue order. `score` is the BM25F relevance of
///   `q` (0 for every dataset without words in `q`).
package struct CKANSearchIndex: Sendable {
    package struct Entry: Sendable {
        package var id: String
        package var name: String
        /// The compact JSON of the package dict: a slice of the buffer its block of `packagesPerBuffer`
        /// datasets shares (see `entries(_:catalog:organization:)`), or of the mapped server-index.bin.
        package var package: Data
        var searchText: String
        var organization: String?
        var organizationID: String?
        var groups: [String]
        var tags: [String]
        var formats: [String]
        var licenceID: String
        var title: String
        var titleKey: String
        var modified: String
        var created: String
        var numResources: Int
        var numTags: Int
        var resourceIDs: [String]
        /// HVD category IRIs (`hvd_category`), empty for other datasets.
        var hvdCategories: [String] = []
    }

    package struct Licence: Sendable {
        var ref: CKANPackageRenderer.LicenceRef
        var count: Int
    }

    /// The catalogue's own facts (title, description, IRI …), without its datasets.
    package let head: Catalog
    package let entries: [Entry]
    /// Full-text relevance over `catalog.datasets` (document i = entry i).
    package let relevance: SearchIndex
    let byID: [String: Int]
    let byName: [String: Int]
    /// Organisations sorted by name, with their package counts.
    let organizations: [(ref: CKANPackageRenderer.OrganizationRef, count: Int)]
    /// Themes used, sorted by group name, with counts.
    let groups: [(theme: String, count: Int)]
    let licences: [Licence]
    let tagNames: [String]
    let organizationTitles: [String: String]
    let licenceTitles: [String: String]
    let resourceIndex: [String: (entry: Int, position: Int)]

    package var count: Int { entries.count }

    /// Builds the index: each dataset's package dict, search text and facet values in parallel (the bulk of a
    /// snapshot load), then the counts over all of them in catalogue order.
    package init(catalog: Catalog) {
        let catalog = PublishedView.ensure(catalog)
        var head = catalog
        head.datasets = []
        let datasets = catalog.datasets
        var totals = Totals()
        let entries = Self.entries(datasets, catalog: catalog, organization: totals.organization)
        for (d, e) in zip(datasets, entries) { totals.add(d, e) }
        let (organizations, groups, licences, tagNames) = totals.lists
        self.init(
            head: head, entries: entries, relevance: SearchIndex(datasets: datasets),
            organizations: organizations, groups: groups, licences: licences, tagNames: tagNames)
    }

    /// The facet totals over the entries, added in catalogue order (`add`), and the organisation of each
    /// publisher, derived once: its ids are name-based UUIDs (SHA-1), the same for all its datasets.
    struct Totals {
        let organization: @Sendable (Agent) -> CKANPackageRenderer.OrganizationRef
        private var orgs: [String: (ref: CKANPackageRenderer.OrganizationRef, count: Int)] = [:]
        private var themeCounts: [String: Int] = [:]
        private var licences: [String: Licence] = [:]
        private var tags = Set<String>()

        init() {
            let memo = MemoCache<Agent, CKANPackageRenderer.OrganizationRef>(limit: 100_000)
            organization = { memo.value(for: $0, CKANPackageRenderer.organization) }
        }

        mutating func add(_ d: Dataset, _ e: Entry) {
            if let name = e.organization {
                // Two publishers with the same slug (different IRIs) would share a name: keep the first, count both.
                let existing = orgs[name]
                orgs[name] = (existing?.ref ?? organization(d.facts.publisher), (existing?.count ?? 0) + 1)
            }
            for t in d.facts.themes { themeCounts[t, default: 0] += 1 }
            licences[e.licenceID, default: Licence(ref: CKANPackageRenderer.licence(d.facts.licence), count: 0)].count += 1
            tags.formUnion(e.tags)
        }

        /// Organisations by name, themes by group name, licences by id, tags sorted.
        var lists: (organizations: [(ref: CKANPackageRenderer.OrganizationRef, count: Int)], groups: [(theme: String, count: Int)],
                    licences: [Licence], tagNames: [String]) {
            (orgs.values.sorted { $0.ref.name < $1.ref.name }, themeCounts.keys.sorted().map { ($0, themeCounts[$0]!) },
             licences.values.sorted { $0.ref.id < $1.ref.id }, tags.sorted())
        }
    }

    /// The index from its parts (built above, or read from server-index.bin); the look-up tables are derived here.
    init(
        head: Catalog, entries: [Entry], relevance: SearchIndex, organizations: [(ref: CKANPackageRenderer.OrganizationRef, count: Int)],
        groups: [(theme: String, count: Int)], licences: [Licence], tagNames: [String]
    ) {
        self.head = head
        self.entries = entries
        self.relevance = relevance
        self.organizations = organizations
        self.groups = groups
        self.licences = licences
        self.tagNames = tagNames
        var byID: [String: Int] = [:], byName: [String: Int] = [:]
        var resourceIndex: [String: (entry: Int, position: Int)] = [:]
        byID.reserveCapacity(entries.count)
        byName.reserveCapacity(entries.count)
        for (i, e) in entries.enumerated() {
            byID[e.id] = byID[e.id] ?? i
            byName[e.name] = i
            for (p, rid) in e.resourceIDs.enumerated() where resourceIndex[rid] == nil { resourceIndex[rid] = (i, p) }
        }
        self.byID = byID
        self.byName = byName
        self.resourceIndex = resourceIndex
        self.organizationTitles = Dictionary(organizations.map { ($0.ref.name, $0.ref.title) }, uniquingKeysWith: { a, _ in a })
        self.licenceTitles = Dictionary(licences.map { ($0.ref.id, $0.ref.title) }, uniquingKeysWith: { a, _ in a })
    }

    /// Datasets per package buffer: a block of about half a megabyte with packages of CKAN's usual size.
    package static let packagesPerBuffer = 64

    /// The entries of all datasets, in parallel blocks of `packagesPerBuffer`. Each block renders its package
    /// dicts into one buffer of its own, which its entries slice: a snapshot's packages are about a third of its
    /// memory, and as a few large allocations (mapped by malloc, see `ServerLimits.configureHeap`) they go back
    /// to the system as a whole when the snapshot is freed, where one small array per package left the heap
    /// fragmented after each swap. No package is copied after it is rendered.
    static func entries(_ datasets: [Dataset], catalog: Catalog, organization: @escaping @Sendable (Agent) -> CKANPackageRenderer.OrganizationRef) -> [Entry] {
        let size = packagesPerBuffer
        let blocks = stride(from: 0, to: datasets.count, by: size).map { $0..<min($0 + size, datasets.count) }
        return ParallelMap.map(blocks, minimum: Catalog.parallelLoadMinimum / size, chunk: 1) { block -> [Entry] in
            var buffer: [UInt8] = []
            var entries: [Entry] = []
            var ranges: [Range<Int>] = []
            entries.reserveCapacity(block.count)
            for i in block {
                let start = buffer.count
                entries.append(entry(datasets[i], catalog: catalog, organization: organization(datasets[i].facts.publisher), package: &buffer))
                ranges.append(start..<buffer.count)
            }
            let shared = Data(buffer)
            for j in entries.indices { entries[j].package = shared[ranges[j]] }
            return entries
        }.flatMap { $0 }
    }

    /// One dataset's entry: what search, facets and sorting read from it; its package dict is appended to
    /// `package` as bytes (the entry's own `package` is left empty for the caller to point at them).
    static func entry(_ d: Dataset, catalog: Catalog, organization org: CKANPackageRenderer.OrganizationRef, package: inout [UInt8]) -> Entry {
        let dict = CKANPackageRenderer.package(d, catalog: catalog, organization: org)
        let tagList = dict["tags"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        let resources = dict["resources"]?.arrayValue ?? []
        let formats = resources.compactMap { $0["format"]?.stringValue }.filter { !$0.isEmpty }
        dict.write(into: &package)
        let text = ([d.title, d.description] + tagList + [org.title, org.name]).joined(separator: "\n").lowercasedByTable
            .composedNFC
        return Entry(
            id: d.facts.ckanID, name: d.facts.ckanName, package: Data(), searchText: text, organization: org.name, organizationID: org.id,
            groups: d.facts.themes.map(CKANPackageRenderer.groupName), tags: tagList, formats: Array(Set(formats)).sorted(),
            licenceID: CKANPackageRenderer.licence(d.facts.licence).id, title: d.title, titleKey: d.title.lowercasedByTable,
            modified: dict["metadata_modified"]?.stringValue ?? "", created: dict["metadata_created"]?.stringValue ?? "",
            numResources: d.distributions.count, numTags: tagList.count, resourceIDs: resources.compactMap { $0["id"]?.stringValue },
            hvdCategories: d.facts.hvd?.iris ?? [])
    }

    /// The position (in `catalog.datasets` and `entries`) of a CKAN id or name.
    package func position(idOrName key: String) -> Int? { byID[key] ?? byName[key] }

    /// The entry for a CKAN id or name.
    package func entry(idOrName key: String) -> Entry? {
        if let i = byID[key] ?? byName[key] { return entries[i] }
        return nil
    }

    // MARK: Search

    package struct SearchRequest: Sendable, Hashable {
        package var q: String = ""
        package var fq: [String] = []
        package var rows: Int = 10
        package var start: Int = 0
        package var sort: String = "score desc, metadata_modified desc"
        package var facetFields: [String] = []
        package var facetLimit: Int = 50
        package var facetMinCount: Int = 1
        package init() {}
    }

    package struct SearchError: Error, Sendable, Hashable {
        package var field: String
        package var message: String
    }

    package struct SearchResult: Sendable {
        package var count: Int
        package var matches: [Int]
        package var sort: String
        package var facets: [(field: String, items: [(name: String, count: Int)])]
    }

    package func search(_ r: SearchRequest) throws(SearchError) -> SearchResult {
        var clauses: [Clause] = []
        var words: [String] = []
        for token in Self.tokenize(r.q) where token != "*:*" && token != "*" {
            if let clause = Self.clause(token) { clauses.append(clause) } else if !["AND", "&&"].contains(token) {
                words.append(token.lowercased().trimmingCharacters(in: ["\""]).composedNFC)
            }
        }
        for fq in r.fq {
            for token in Self.tokenize(fq) where !["AND", "&&", "*:*"].contains(token) {
                guard let clause = Self.clause(token) else {
                    throw SearchError(field: "fq", message: "Search Query is invalid: cannot parse \(token.debugDescription)")
                }
                clauses.append(clause)
            }
        }
        let keys = try Self.sortKeys(r.sort)
        let scores = relevance.scores(SearchText.queryTerms(words.joined(separator: " ")))
        var matches: [Int] = []
        matches.reserveCapacity(entries.count)
        outer: for (i, e) in entries.enumerated() {
            if let scores, scores[i] == nil { continue }
            for c in clauses where satisfies(c, e) == c.negated { continue outer }
            matches.append(i)
        }
        if !keys.isEmpty {
            matches.sort { a, b in
                let ea = entries[a], eb = entries[b]
                for k in keys {
                    let order = k.field == "score"
                        ? (scores?[a] ?? 0) - (scores?[b] ?? 0)
                        : Self.compare(k.field, ea, eb)
                    if order != 0 { return k.descending ? order > 0 : order < 0 }
                }
                return a < b
            }
        }
        var facets: [(field: String, items: [(name: String, count: Int)])] = []
        for field in r.facetFields {
            var counts: [String: Int] = [:]
            for i in matches {
                for v in values(field, entries[i]) { counts[v, default: 0] += 1 }
            }
            var items = counts.filter { $0.value >= r.facetMinCount }.map { (name: $0.key, count: $0.value) }
            items.sort { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name }
            if r.facetLimit >= 0 && items.count > r.facetLimit { items = Array(items.prefix(r.facetLimit)) }
            facets.append((field, items))
        }
        return SearchResult(count: matches.count, matches: matches, sort: r.sort, facets: facets)
    }

    /// Display name of a facet value (organisation and licence titles, German theme labels).
    package func displayName(field: String, value: String) -> String {
        switch field {
        case "organization": organizationTitles[value] ?? value
        case "groups": CKANPackageRenderer.themeLabels[value.uppercased()] ?? value
        case "license_id": licenceTitles[value] ?? value
        case "hvd_category": HVDCategory.named(value)?.german ?? value
        default: value
        }
    }

    struct Clause: Sendable {
        var field: String
        var value: String
        var negated: Bool
        /// `[lower TO upper]` bounds, `*` open.
        var range: (lower: String, upper: String)?
    }

    static let knownFields: Set<String> = [
        "organization", "groups", "tags", "res_format", "license_id", "name", "id", "metadata_modified", "metadata_created",
        "dataset_type", "state", "capacity", "owner_org", "title", "text", "type",
    ]

    /// Splits on whitespace outside quotes and brackets.
    static func tokenize(_ s: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var inQuotes = false
        var depth = 0
        for ch in s {
            if ch == "\"" { inQuotes.toggle() }
            if !inQuotes && (ch == "[" || ch == "{") { depth += 1 }
            if !inQuotes && (ch == "]" || ch == "}") { depth = max(0, depth - 1) }
            if ch.isWhitespace && !inQuotes && depth == 0 {
                if !current.isEmpty { tokens.append(current) }
                current = ""
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        // `NOT field:value` → `-field:value`
        var out: [String] = []
        var negateNext = false
        for t in tokens {
            if t == "NOT" || t == "!" {
                negateNext = true
                continue
            }
            out.append(negateNext ? "-" + t : t)
            negateNext = false
        }
        return out
    }

    /// `[-+]field:value` → a clause; nil when the token is not a field query (a plain word).
    static func clause(_ token: String) -> Clause? {
        var t = Substring(token)
        var negated = false
        if t.first == "-" {
            negated = true
            t = t.dropFirst()
        } else if t.first == "+" {
            t = t.dropFirst()
        }
        guard let colon = t.firstIndex(of: ":") else { return nil }
        let field = String(t[..<colon])
        guard !field.isEmpty, field.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) else { return nil }
        var value = String(t[t.index(after: colon)...])
        if value.count >= 2, value.first == "\"", value.last == "\"" {
            value = String(value.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
        } else {
            value = value.replacingOccurrences(of: "\\", with: "")
        }
        guard !value.isEmpty else { return nil }
        var range: (String, String)?
        if (value.first == "[" || value.first == "{") && (value.last == "]" || value.last == "}") {
            let inner = value.dropFirst().dropLast()
            let parts = inner.components(separatedBy: " TO ")
            if parts.count == 2 {
                range = (normaliseBound(parts[0]), normaliseBound(parts[1]))
            }
        }
        return Clause(field: field, value: value, negated: negated, range: range)
    }

    /// Range bounds compared with CKAN timestamps: `Z` and separators dropped, `NOW…` treated as open.
    static func normaliseBound(_ s: String) -> String {
        let t = s.trimmedBlanks()
        if t == "*" || t.hasPrefix("NOW") { return "*" }
        var v = t
        if v.hasSuffix("Z") { v.removeLast() }
        return v
    }

    func values(_ field: String, _ e: Entry) -> [String] {
        switch field {
        case "organization": e.organization.map { [$0] } ?? []
        case "groups": e.groups
        case "tags": e.tags
        case "res_format": e.formats
        case "license_id": [e.licenceID]
        case "hvd_category": e.hvdCategories
        case "applicable_legislation": e.hvdCategories.isEmpty ? [] : [HVDCategory.legislation]
        case "name": [e.name]
        case "id": [e.id]
        case "metadata_modified": [e.modified]
        case "metadata_created": [e.created]
        case "dataset_type", "type": ["dataset"]
        case "state": ["active"]
        case "capacity": ["public"]
        default: []
        }
    }

    /// Whether `needle` occurs in `haystack`, comparing UTF-8 bytes; both sides are lower-cased and NFC, so this
    /// agrees with a canonical-equivalence search for text in those forms. (Foundation's `contains` goes through
    /// NSString grapheme by grapheme and was about 80 % of a `package_search?q=…` request's CPU.)
    static func occurs(_ needle: String, in haystack: String) -> Bool {
        var needle = needle, haystack = haystack
        return needle.withUTF8 { n in
            haystack.withUTF8 { h in
                guard let first = n.first else { return true }
                guard n.count <= h.count else { return false }
                var i = 0
                let last = h.count - n.count
                while i <= last {
                    if h[i] == first {
                        var j = 1
                        while j < n.count && h[i + j] == n[j] { j += 1 }
                        if j == n.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    func satisfies(_ c: Clause, _ e: Entry) -> Bool {
        if c.field == "title" || c.field == "text" {
            return Self.occurs(c.value.lowercased().composedNFC, in: e.searchText)
        }
        if c.field == "owner_org" {
            return e.organizationID == c.value
        }
        let vs = values(c.field, e)
        if let (lower, upper) = c.range {
            return vs.contains { v in (lower == "*" || v >= lower) && (upper == "*" || v <= upper) }
        }
        if c.value == "*" { return !vs.isEmpty }
        if c.value.hasSuffix("*") && !c.value.hasPrefix("*") {
            let prefix = c.value.dropLast()
            return vs.contains { $0.hasPrefix(prefix) }
        }
        return vs.contains(c.value)
    }

    struct SortKey {
        var field: String
        var descending: Bool
    }

    static let sortFields: Set<String> = ["score", "metadata_modified", "metadata_created", "title_string", "title", "name", "id", "num_resources", "num_tags"]

    static func sortKeys(_ sort: String) throws(SearchError) -> [SortKey] {
        var keys: [SortKey] = []
        for part in sort.split(separator: ",") {
            let words = part.split(separator: " ").map(String.init)
            guard !words.isEmpty else { continue }
            guard words.count <= 2, sortFields.contains(words[0]) else {
                throw SearchError(field: "sort", message: "Search Query is invalid: can not sort on \(String(part).trimmedBlanks().debugDescription)")
            }
            let dir = words.count == 2 ? words[1].lowercased() : "asc"
            guard dir == "asc" || dir == "desc" else {
                throw SearchError(field: "sort", message: "Search Query is invalid: unknown sort order \(words[1].debugDescription)")
            }
            keys.append(SortKey(field: words[0], descending: dir == "desc"))
        }
        return keys
    }

    static func compare(_ field: String, _ a: Entry, _ b: Entry) -> Int {
        func cmp<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x > y ? 1 : 0) }
        switch field {
        case "metadata_modified": return cmp(a.modified, b.modified)
        case "metadata_created": return cmp(a.created, b.created)
        case "title_string", "title": return cmp(a.titleKey, b.titleKey)
        case "name": return cmp(a.name, b.name)
        case "id": return cmp(a.id, b.id)
        case "num_resources": return cmp(a.numResources, b.numResources)
        case "num_tags": return cmp(a.numTags, b.numTags)
        default: return 0
        }
    }
}
