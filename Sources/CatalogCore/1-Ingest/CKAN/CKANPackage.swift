public import Foundation

/// Why a CKAN record could not be read as a package dict at all.
package struct CKANDecodingError: Error, Sendable, Hashable {
    /// Stable finding code (`record.invalidJSON`, `record.notAnObject`, `record.schemaWrapped` …).
    package var code: String
    package var field: String?
    package var message: String
    package var messageDE: String
}

/// A CKAN resource dict, read leniently.
package struct CKANResource: Sendable {
    package var fields: JSONObject

    /// A top-level text field, or nil when missing, null or blank.
    package func text(_ key: String) -> String? { fields[key]?.text }
}

/// A CKAN group (or OGD-DE category given as a plain string).
package struct CKANGroup: Sendable, Hashable {
    package var name: String?
    package var title: String?
    package var id: String?
}

/// One CKAN package dict, read leniently from any of the shapes seen in real portals.
///
/// Handles: extras as a list of `{key, value}` (CKAN 2.x) or as an object (Berlin Datenregister 2014, OGD-DE 1.x),
/// scheming fields at top level (ckanext-dcat examples), groups as objects or plain strings (OGD-DE 1.x),
/// tags as objects or strings, and records whose fields are wrapped in JSON-Schema objects (Moers 2014 export).
package struct CKANPackage: Sendable {
    /// Top-level fields (after schema unwrapping).
    package var fields: JSONObject
    /// Extras merged into one object; for the list form the first occurrence of a key wins.
    package var extras: JSONObject
    /// Fields that were JSON-Schema wrapped and were unwrapped from their `description`.
    package var unwrappedFields: [String]
    /// Fields that were JSON-Schema wrapped but held no usable value (dropped).
    package var lostFields: [String]

    /// Decodes the bytes of one package dict.
    package init(json data: Data) throws(CKANDecodingError) {
        guard let value = JSONValue.parse(data) else {
            throw CKANDecodingError(code: "record.invalidJSON", field: nil, message: "The record is not valid JSON.", messageDE: "Der Eintrag ist kein gültiges JSON.")
        }
        try self.init(value: value)
    }

    package init(value: JSONValue) throws(CKANDecodingError) {
        guard case .object(var top) = value else {
            throw CKANDecodingError(code: "record.notAnObject", field: nil, message: "The record is not a JSON object (a CKAN package dict).", messageDE: "Der Eintrag ist kein JSON-Objekt (kein CKAN-Paket).")
        }
        var unwrapped: [String] = []
        var lost: [String] = []
        // Moers 2014 (ckan-messy/moers-ogd-schema-wrapped-2014.json): every field is an OGD JSON-Schema node
        // `{required, type, description=<value>, enum}`. Unwrap where the description carries the value.
        if CKANPackage.isSchemaNode(top["title"]) || CKANPackage.isSchemaNode(top["name"]) {
            for key in top.keys.sorted() {
                guard let v = top[key], CKANPackage.isSchemaNode(v) else { continue }
                if let u = CKANPackage.unwrapSchema(v) {
                    top[key] = u
                    unwrapped.append(key)
                } else {
                    top[key] = nil
                    lost.append(key)
                }
            }
        }
        self.fields = top
        self.unwrappedFields = unwrapped
        self.lostFields = lost
        var ex = JSONObject()
        switch top["extras"]?.unwrappingJSONString {
        case .array(let list):
            for item in list {
                guard let k = item["key"]?.text, ex[k] == nil else { continue }
                ex[k] = item["value"] ?? .null
            }
        case .object(let o):
            ex = o
        default:
            break
        }
        self.extras = ex
    }

    /// True for an object that looks like a JSON-Schema property node rather than a value.
    static func isSchemaNode(_ v: JSONValue?) -> Bool {
        guard let o = v?.object, let type = o["type"]?.text else { return false }
        let schemaTypes: Set<String> = ["string", "array", "object", "number", "integer", "boolean"]
        return schemaTypes.contains(type) && (o["required"] != nil || o["description"] != nil || o["properties"] != nil || o["items"] != nil)
    }

    /// The value a schema node carries, or nil when it only describes the field.
    static func unwrapSchema(_ v: JSONValue) -> JSONValue? {
        guard isSchemaNode(v), let o = v.object else { return v }
        switch o["type"]?.text {
        case "array":
            // Only concrete item lists carry values; a single `items` schema (Moers `groups`, `tags`) describes the type.
            guard let items = o["items"]?.array else { return nil }
            return .array(items.compactMap(unwrapSchema))
        case "object":
            guard let props = o["properties"]?.object else { return nil }
            var out = JSONObject()
            for (k, pv) in props { if let u = unwrapSchema(pv) { out[k] = u } }
            return out.isEmpty ? nil : .object(out)
        default:
            guard let d = o["description"]?.text else { return nil }
            return .string(d)
        }
    }

    /// A top-level text field.
    package func text(_ key: String) -> String? { fields[key]?.text }

    /// The first non-empty text among top-level fields and extras with these keys (top-level first).
    package func firstText(_ keys: String...) -> (key: String, value: String)? {
        for k in keys {
            if let t = fields[k]?.text { return (k, t) }
        }
        for k in keys {
            if let t = extras[k]?.text { return ("extras.\(k)", t) }
        }
        return nil
    }

    /// An extra's value as a text list (JSON-array-in-string aware); falls back to the top-level field.
    package func list(_ key: String) -> [String] {
        if let v = fields[key], !v.texts.isEmpty { return v.texts }
        return extras[key]?.texts ?? []
    }

    /// Tag names: `[{name: …}]` (CKAN), `["…"]` (Berlin), or a comma-separated string.
    package var tags: [String] {
        switch fields["tags"]?.unwrappingJSONString {
        case .array(let a):
            return a.compactMap { $0["display_name"]?.text ?? $0["name"]?.text ?? $0.text }
        case .string(let s):
            return s.split(separator: ",").map { String($0) }
        default:
            return []
        }
    }

    /// Tags that belong to a tag vocabulary (CKAN `vocabulary_id`, or a `vocabulary` / `vocabulary_name` key):
    /// categories rather than free keywords (Köln DKAN: the OGD-DE categories as tags of vocabulary `2`).
    /// `index` is the tag's position in `tags`, for findings.
    package var vocabularyTags: [(index: Int, name: String, vocabulary: String)] {
        guard case .array(let a)? = fields["tags"]?.unwrappingJSONString else { return [] }
        return a.enumerated().compactMap { i, tag in
            guard tag.object != nil, let name = tag["display_name"]?.text ?? tag["name"]?.text,
                  let vocabulary = tag["vocabulary_id"]?.text ?? tag["vocabulary"]?.text ?? tag["vocabulary"]?["name"]?.text
                    ?? tag["vocabulary_name"]?.text
            else { return nil }
            return (i, name, vocabulary)
        }
    }

    /// Groups as objects (CKAN) or plain names (OGD-DE 1.x, Berlin).
    package var groups: [CKANGroup] {
        (fields["groups"]?.unwrappingJSONString.array ?? []).compactMap { g in
            if let s = g.text { return CKANGroup(name: s, title: nil, id: nil) }
            guard g.object != nil else { return nil }
            let group = CKANGroup(name: g["name"]?.text, title: g["title"]?.text ?? g["display_name"]?.text, id: g["id"]?.text)
            return group.name == nil && group.title == nil && group.id == nil ? nil : group
        }
    }

    /// Resources in source order; non-object entries are kept out (reported by the mapper via `resourceCount`).
    package var resources: [CKANResource] {
        (fields["resources"]?.array ?? []).compactMap { $0.object.map { CKANResource(fields: $0) } }
    }

    /// Number of entries in `resources`, including ones that are not objects.
    package var resourceCount: Int { fields["resources"]?.array?.count ?? 0 }
}

/// Splits a CKAN response or dump file into single package dicts.
///
/// Accepts a JSON array of packages (okfde dumps), an Action API envelope (`{success, result}` with a package,
/// a list, or a `package_search` page `{count, results}`), a single package object, or JSON lines (`ckanapi dump`).
package enum CKANDump {
    package struct Failure: Error, Sendable, Hashable {
        package var message: String
    }

    /// One `RawRecord` per package dict, in file order.
    package static func records(from data: Data, sourceID: String) throws(Failure) -> [RawRecord] {
        let values: [JSONValue]
        if let whole = JSONValue.parse(data) {
            values = try packages(in: whole)
        } else {
            // JSON lines: one package per non-empty line; an unparsable line stays a record so the mapper reports it.
            let lines = data.split(separator: UInt8(ascii: "\n")).filter { !$0.allSatisfy { $0 == 32 || $0 == 13 || $0 == 9 } }
            guard !lines.isEmpty else { throw Failure(message: "The file is empty or not JSON.") }
            return lines.enumerated().map { RawRecord(sourceID: sourceID, index: $0.offset, json: Data($0.element)) }
        }
        return values.enumerated().map { RawRecord(sourceID: sourceID, index: $0.offset, json: Data($0.element.compactJSON.utf8)) }
    }

    static func packages(in v: JSONValue) throws(Failure) -> [JSONValue] {
        switch v {
        case .array(let a):
            return a
        case .object(let o):
            if o["success"] != nil || o["help"] != nil {
                if o["success"] == .bool(false) {
                    let msg = o["error"]?["message"]?.text ?? o["error"]?.compactJSON ?? "no error message"
                    throw Failure(message: "The CKAN API answered success=false: \(msg)")
                }
                guard let result = o["result"] else { throw Failure(message: "The CKAN API envelope has no result.") }
                if let results = result["results"]?.array { return results }
                return try packages(in: result)
            }
            return [v]
        default:
            throw Failure(message: "The file holds neither a package nor a list of packages.")
        }
    }
}
