import Foundation

/// The read-only CKAN Action API over one `CKANSearchIndex`: action name + parameters → HTTP status + envelope.
///
/// Pure so it can be tested without a server. Parameters come from a GET query (all strings) or a POST JSON body
/// (any JSON); numbers and booleans given as strings are coerced the way CKAN's validators do (`rows: "5"`).
/// Status codes and error shapes mirror CKAN 2.11 (compared against a real CKAN 2.11.6 with ckan-local).
package struct CKANActionAPI: Sendable {
    package var index: CKANSearchIndex
    package var siteTitle: String
    package var siteURL: String

    package init(index: CKANSearchIndex, siteTitle: String, siteURL: String) {
        self.index = index
        self.siteTitle = siteTitle
        self.siteURL = siteURL
    }

    package struct Response: Sendable {
        package var status: Int
        package var body: [UInt8]
    }

    /// CKAN's upper bound for `rows` (`ckan.search.rows_max`) and for list `limit`s.
    package static let rowsMax = 1000

    /// Actions that change data: CKAN answers anonymous callers with 403 Authorization Error; so do we, always.
    static let writePrefixes = ["create", "update", "patch", "delete", "purge", "_revise", "member_", "follow", "unfollow", "bulk_", "upload", "reorder", "_add", "_remove", "user_invite", "api_token", "job_", "config_option_update", "term_translation_update", "task_status", "activity_create", "vocabulary_"]

    package struct ActionError: Error, Sendable {
        var status: Int
        var type: String
        var message: String?
        var fields: [(String, [String])] = []
        /// CKAN answers some request errors with a bare JSON string instead of the envelope.
        var bare = false

        static func badRequest(_ message: String) -> ActionError {
            ActionError(status: 400, type: "Bad Request", message: message, bare: true)
        }

        static let notFound = ActionError(status: 404, type: "Not Found Error", message: "Not found")
        static func validation(_ field: String, _ message: String) -> ActionError {
            ActionError(status: 409, type: "Validation Error", message: nil, fields: [(field, [message])])
        }
    }

    /// Runs one action. `isPost` matters only for write actions (CKAN refuses them on GET with a 400).
    package func call(_ action: String, params: [String: JSONValue], isPost: Bool = false) -> Response {
        let help = CKANJSON.string("\(siteURL)/api/3/action/help_show?name=\(action)")
        do throws(ActionError) {
            if !isPost && Self.isWriteAction(action) {
                throw ActionError.badRequest("Bad request - JSON Error: Invalid request. Please use POST method for your request")
            }
            let result = try run(action, params)
            var out: [UInt8] = []
            out.reserveCapacity(1024)
            CKANJSON.obj(["help": help, "success": .bool(true), "result": result]).write(into: &out)
            return Response(status: 200, body: out)
        } catch {
            if error.bare { return Response(status: error.status, body: CKANJSON.string(error.message ?? "").bytes) }
            var err: [CKANJSON.Member] = []
            if let m = error.message { err.append(.init("message", .string(m))) }
            for (field, messages) in error.fields { err.append(.init(field, .array(messages.map { .string($0) }))) }
            err.append(.init("__type", .string(error.type)))
            let body = CKANJSON.obj(["help": help, "error": .object(err), "success": .bool(false)])
            return Response(status: error.status, body: body.bytes)
        }
    }

    /// Whether CKAN would treat `action` as a write (or user/admin) action.
    package static func isWriteAction(_ action: String) -> Bool {
        writePrefixes.contains { action.contains($0) }
    }

    // MARK: Parameter coercion

    static func string(_ p: [String: JSONValue], _ key: String) -> String? {
        switch p[key] {
        case .string(let s)?: return s
        case .number?, .bool?: return p[key]?.text
        default: return nil
        }
    }

    static func int(_ p: [String: JSONValue], _ key: String, default def: Int, message: String = "Invalid integer") throws(ActionError) -> Int {
        guard let v = p[key], !v.isNull else { return def }
        switch v {
        case .number(let d) where d.rounded() == d && abs(d) < 1e15: return Int(d)
        case .string(let s):
            let t = s.trimmedBlanks()
            if t.isEmpty { return def }
            if let i = Int(t) { return i }
        default: break
        }
        throw .validation(key, message)
    }

    static func bool(_ p: [String: JSONValue], _ key: String, default def: Bool) -> Bool {
        switch p[key] {
        case .bool(let b)?: return b
        case .string(let s)?: return ["true", "1", "yes", "on"].contains(s.lowercased())
        case .number(let d)?: return d != 0
        default: return def
        }
    }

    /// A list given as a JSON list, a JSON string holding a list (`facet.field=["tags"]`), or one string.
    /// `strict` refuses a bare string the way CKAN does for `facet.field`.
    static func list(_ p: [String: JSONValue], _ key: String, strict: Bool = false) throws(ActionError) -> [String]? {
        guard let v = p[key], !v.isNull else { return nil }
        switch v {
        case .array(let a): return a.compactMap(\.text)
        case .string(let s):
            let t = s.trimmedBlanks()
            if t.hasPrefix("[") {
                guard case .array(let a)? = JSONValue.parse(Data(t.utf8)) else { throw .validation(key, "Could not parse as valid JSON") }
                return a.compactMap(\.text)
            }
            if strict { throw ActionError(status: 409, type: "Validation Error", fields: [(key, ["Could not parse as valid JSON", "Not a list"])]) }
            return t.isEmpty ? [] : [t]
        default: throw .validation(key, "Not a list")
        }
    }

    static func required(_ p: [String: JSONValue], _ key: String) throws(ActionError) -> String {
        guard let v = string(p, key), !v.isEmpty else { throw .validation(key, "Missing value") }
        return v
    }

    static func page<T>(_ items: [T], _ p: [String: JSONValue], limitKey: String = "limit", defaultLimit: Int? = nil) throws(ActionError) -> ArraySlice<T> {
        let offset = try int(p, "offset", default: 0, message: "Invalid integer")
        let limit = try int(p, limitKey, default: defaultLimit ?? items.count, message: "Invalid integer")
        guard offset >= 0 else { throw .validation("offset", "Must be a natural number") }
        guard limit >= 0 else { throw .validation(limitKey, "Must be a natural number") }
        let start = min(offset, items.count)
        return items[start..<min(items.count, start + limit)]
    }

    // MARK: Actions

    func run(_ action: String, _ p: [String: JSONValue]) throws(ActionError) -> CKANJSON {
        switch action {
        case "status_show":
            return .obj([
                "site_title": .string(siteTitle), "site_description": .string(index.head.description), "site_url": .string(siteURL),
                "ckan_version": .string("2.11.0"), "error_emails_to": .null, "locale_default": .string("de"), "extensions": .array([]),
            ])
        case "site_read":
            return .bool(true)
        case "package_search":
            return try packageSearch(p)
        case "package_list":
            let names = index.entries.map(\.name).sorted()
            return .array(try Self.page(names, p).map { .string($0) })
        case "current_package_list_with_resources":
            let ordered = index.entries.indices.sorted { index.entries[$0].modified > index.entries[$1].modified }
            return .array(try Self.page(ordered, p, defaultLimit: Self.rowsMax).map { .raw(index.entries[$0].package) })
        case "package_show":
            // CKAN 2.11 names the missing parameter `name_or_id`.
            guard let key = Self.string(p, "id") ?? Self.string(p, "name_or_id"), !key.isEmpty else { throw .validation("name_or_id", "Missing value") }
            guard let e = index.entry(idOrName: key) else { throw .notFound }
            return .raw(e.package)
        case "resource_show":
            let key = try Self.required(p, "id")
            guard let (entry, position) = index.resourceIndex[key],
                  case .object(let pkg)? = JSONValue.parse(index.entries[entry].package).map(CKANJSON.init),
                  let resources = pkg.first(where: { $0.key == "resources" })?.value.arrayValue, position < resources.count
            else { throw .notFound }
            return resources[position]
        case "organization_list", "group_list":
            return try groupList(p, organizations: action == "organization_list")
        case "organization_show", "group_show":
            return try groupShow(p, organizations: action == "organization_show")
        case "license_list":
            return .array(index.licences.map { l in
                .obj([
                    "id": .string(l.ref.id), "title": .string(l.ref.title), "url": .string(l.ref.url ?? ""),
                    "status": .string("active"), "od_conformance": .string(l.ref.isOpen ? "approved" : "not reviewed"),
                    "osd_conformance": .string("not reviewed"), "domain_content": .string("False"), "domain_data": .string("True"),
                    "domain_software": .string("False"), "family": .string(""), "is_generic": .string("False"), "maintainer": .string(""),
                    "is_okd_compliant": .bool(l.ref.isOpen), "is_osi_compliant": .bool(false),
                    "licence_status": .string(l.ref.status.rawValue), "package_count": .int(l.count),
                ])
            })
        case "tag_list":
            var tags = index.tagNames
            if let q = Self.string(p, "query")?.lowercased(), !q.isEmpty { tags = tags.filter { $0.lowercased().contains(q) } }
            if Self.bool(p, "all_fields", default: false) {
                return .array(tags.map { t in
                    .obj(["id": .string(CKANIdentifiers.uuid5("tag:" + t)), "name": .string(t), "vocabulary_id": .null])
                })
            }
            return .array(tags.map { .string($0) })
        default:
            if Self.isWriteAction(action) {
                throw ActionError(status: 403, type: "Authorization Error", message: "Access denied: this catalogue is read-only (\(action) is not available)")
            }
            throw ActionError.badRequest("Bad request - Action name not known: \(action)")
        }
    }

    func packageSearch(_ p: [String: JSONValue]) throws(ActionError) -> CKANJSON {
        var r = CKANSearchIndex.SearchRequest()
        r.q = Self.string(p, "q") ?? ""
        if let fq = Self.string(p, "fq") { r.fq.append(fq) }
        if let fqList = try Self.list(p, "fq_list") { r.fq += fqList }
        r.rows = try Self.int(p, "rows", default: 10)
        guard r.rows >= 0 else { throw .validation("rows", "Must be a natural number") }
        r.rows = min(r.rows, Self.rowsMax)
        r.start = try Self.int(p, "start", default: 0)
        guard r.start >= 0 else { throw .validation("start", "Must be a natural number") }
        if let sort = Self.string(p, "sort"), !sort.trimmedBlanks().isEmpty { r.sort = sort }
        r.facetFields = try Self.list(p, "facet.field", strict: true) ?? []
        r.facetLimit = try Self.int(p, "facet.limit", default: 50)
        r.facetMinCount = try Self.int(p, "facet.mincount", default: 1)
        if !Self.bool(p, "facet", default: true) { r.facetFields = [] }
        let result: CKANSearchIndex.SearchResult
        do {
            result = try index.search(r)
        } catch {
            throw .validation(error.field == "sort" ? "sort" : "query", error.message)
        }
        let page = result.matches.dropFirst(r.start).prefix(r.rows)
        var facets: [CKANJSON.Member] = []
        var searchFacets: [CKANJSON.Member] = []
        for f in result.facets {
            facets.append(.init(f.field, .object(f.items.map { .init($0.name, .int($0.count)) })))
            searchFacets.append(.init(f.field, .obj([
                "title": .string(f.field),
                "items": .array(f.items.map { item in
                    .obj(["name": .string(item.name), "display_name": .string(index.displayName(field: f.field, value: item.name)), "count": .int(item.count)])
                }),
            ])))
        }
        return .obj([
            "count": .int(result.count),
            "facets": .object(facets),
            "results": .array(page.map { .raw(index.entries[$0].package) }),
            "sort": .string(result.sort),
            "search_facets": .object(searchFacets),
        ])
    }

    func groupList(_ p: [String: JSONValue], organizations: Bool) throws(ActionError) -> CKANJSON {
        let allFields = Self.bool(p, "all_fields", default: false)
        let sort = Self.string(p, "sort") ?? "title asc"
        var items: [(name: String, title: String, count: Int, dict: () -> CKANJSON)]
        if organizations {
            items = index.organizations.map { o in
                (o.ref.name, o.ref.title, o.count, { CKANPackageRenderer.organizationDict(o.ref, packageCount: o.count, created: nil) })
            }
        } else {
            items = index.groups.map { g in
                (CKANPackageRenderer.groupName(g.theme), CKANPackageRenderer.themeLabels[g.theme] ?? g.theme, g.count,
                 { CKANPackageRenderer.groupDict(theme: g.theme, packageCount: g.count, created: nil) })
            }
        }
        if let wanted = try Self.list(p, organizations ? "organizations" : "groups"), !wanted.isEmpty {
            items = items.filter { wanted.contains($0.name) }
        }
        if let q = Self.string(p, "q")?.lowercased(), !q.isEmpty {
            items = items.filter { $0.name.contains(q) || $0.title.lowercased().contains(q) }
        }
        let parts = sort.split(separator: " ")
        let field = parts.first.map(String.init) ?? "title"
        let desc = parts.count > 1 && parts[1].lowercased() == "desc"
        items.sort { a, b in
            let less: Bool
            switch field {
            case "name": less = a.name < b.name
            case "package_count": less = a.count != b.count ? a.count < b.count : a.name < b.name
            default: less = a.title.lowercased() != b.title.lowercased() ? a.title.lowercased() < b.title.lowercased() : a.name < b.name
            }
            return desc ? !less : less
        }
        let limit = allFields ? 25 : Self.rowsMax
        let page = try Self.page(items, p, defaultLimit: limit)
        return .array(page.map { allFields ? $0.dict() : .string($0.name) })
    }

    func groupShow(_ p: [String: JSONValue], organizations: Bool) throws(ActionError) -> CKANJSON {
        let key = try Self.required(p, "id")
        let includeDatasets = Self.bool(p, "include_datasets", default: false)
        var dict: CKANJSON
        var field: String
        var value: String
        if organizations {
            guard let o = index.organizations.first(where: { $0.ref.name == key || $0.ref.id == key }) else { throw .notFound }
            dict = CKANPackageRenderer.organizationDict(o.ref, packageCount: o.count, created: nil)
            (field, value) = ("organization", o.ref.name)
        } else {
            guard let g = index.groups.first(where: {
                CKANPackageRenderer.groupName($0.theme) == key || $0.theme == key
                    || CKANIdentifiers.uuid5(Vocabulary.themeBase + $0.theme) == key
            }) else { throw .notFound }
            dict = CKANPackageRenderer.groupDict(theme: g.theme, packageCount: g.count, created: nil)
            (field, value) = ("groups", CKANPackageRenderer.groupName(g.theme))
        }
        if includeDatasets, case .object(var members) = dict {
            var r = CKANSearchIndex.SearchRequest()
            r.fq = ["\(field):\"\(value)\""]
            r.sort = "name asc"
            let hits = (try? index.search(r))?.matches ?? []
            members.append(.init("packages", .array(hits.prefix(Self.rowsMax).map { .raw(index.entries[$0].package) })))
            dict = .object(members)
        }
        return dict
    }
}

extension CKANJSON {
    /// Converts a parsed (reader) value into a writer value; object keys come out sorted.
    package init(_ v: JSONValue) {
        switch v {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .number(let d): self = d.rounded() == d && abs(d) < 1e15 ? .int(Int(d)) : .double(d)
        case .string(let s): self = .string(s)
        case .array(let a): self = .array(a.map(CKANJSON.init))
        case .object(let o): self = .object(o.keys.sorted().map { Member($0, CKANJSON(o[$0]!)) })
        }
    }
}
