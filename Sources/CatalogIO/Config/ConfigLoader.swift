package import Foundation
import TOMLKit
package import CatalogCore

/// A configuration problem. The description names the file, the line when known, the key path
/// (`source[1].kind`, 0-based like the TOML array) and what is expected:
/// `catalog/sources.toml:42: source[1].kind: expected "ckan", "ckan-dump" or "dcat", found "ckna"`.
package struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file as shown to the user (relative to the working directory when below it).
    package var file: String
    package var line: Int?
    package var column: Int?
    /// `source[1].kind`, or nil for file-level problems.
    package var keyPath: String?
    package var message: String

    package init(file: String, line: Int? = nil, column: Int? = nil, keyPath: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.keyPath = keyPath
        self.message = message
    }

    package var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let column { text += ":\(column)" }
        text += ": "
        if let keyPath { text += "\(keyPath): " }
        return text + message
    }
}

/// Loads `catalog/sources.toml` (schema: docs/configuration.md). Unknown keys are errors, so a typo never
/// silently does nothing.
package enum ConfigLoader {
    package static func load(_ url: URL) throws(ConfigError) -> AppConfig {
        let file = displayPath(url)
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            let exists = FileManager.default.fileExists(atPath: url.path)
            throw ConfigError(file: file, message: exists ? "cannot be read as UTF-8 text (\(error.localizedDescription))" : "no such file")
        }
        return try parse(text, fileURL: url.standardizedFileURL, displayName: file)
    }

    /// Parses configuration text; `fileURL` anchors relative paths, `displayName` appears in messages.
    package static func parse(_ text: String, fileURL: URL, displayName: String? = nil) throws(ConfigError) -> AppConfig {
        let context = Context(file: displayName ?? displayPath(fileURL), lines: text.components(separatedBy: "\n"))
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(file: context.file, line: error.source.begin.line, column: error.source.begin.column, message: "TOML syntax error: \(error.description)")
        } catch {
            throw ConfigError(file: context.file, message: "TOML syntax error: \(error)")
        }
        let directory = fileURL.deletingLastPathComponent()
        let top = Table(root, path: nil, section: Section(name: "", index: nil), context: context)

        guard let catalogTable = try top.table("catalog") else {
            throw context.error(Section(name: "", index: nil), key: nil, path: "catalog", "missing; the [catalog] table (title, description, base_uri, [catalog.publisher]) is required")
        }
        let vocabularyPath = try catalogTable.string("vocabularies")
        let licencePath = try catalogTable.string("licences")
        let geoPath = try catalogTable.string("geo")
        let catalog = try readCatalog(catalogTable)
        var harvest = HarvestSettings()
        if let harvestTable = try top.table("harvest") { harvest = try readHarvest(harvestTable, directory: directory) }

        guard let sourceValue = root["source"] else {
            throw context.error(Section(name: "", index: nil), key: nil, path: "source", "no [[source]] blocks; at least one source is needed")
        }
        guard let sourceArray = sourceValue.array else {
            throw context.error(Section(name: "", index: nil), key: "source", path: "source", "expected [[source]] blocks (an array of tables), found \(describe(sourceValue))")
        }
        top.used.insert("source")
        var sources: [SourceConfig] = []
        var idsSeen: [String: Int] = [:]
        for index in 0..<sourceArray.count {
            let path = "source[\(index)]"
            guard let table = sourceArray[index].table else {
                throw context.error(Section(name: "source", index: index), key: nil, path: path, "expected a table, found \(describe(sourceArray[index]))")
            }
            let source = try readSource(Table(table, path: path, section: Section(name: "source", index: index), context: context), directory: directory)
            if let earlier = idsSeen[source.id] {
                throw context.error(Section(name: "source", index: index), key: "id", path: "\(path).id", "duplicate id \"\(source.id)\"; source[\(earlier)] already uses it (ids must be unique)")
            }
            idsSeen[source.id] = index
            sources.append(source)
        }
        var dedup = try top.table("dedup").map(readDedup) ?? DedupSettings()
        for source in sources { dedup.sourcePriority[source.id] = source.priority }
        let links = try top.table("links").map(readLinks) ?? LinkSettings()
        let validation = try top.table("validation").map { t throws(ConfigError) in try readValidation(t, directory: directory, catalogueProfile: catalog.profile ?? .default) }
        let hvdRules = try readHVD(root, top: top, sources: Set(sources.map(\.id)))
        try top.finish()
        var config = AppConfig(catalog: catalog, harvest: harvest, sources: sources, fileURL: fileURL)
        config.dedup = dedup
        config.links = links
        config.hvdRules = hvdRules
        config.validation = validation ?? ValidationSettings(shaclDirectory: directory.appendingPathComponent("shacl"))
        config.vocabularies = vocabularyPath.map { URL(fileURLWithPath: resolve($0, against: directory)) }
        config.licences = licencePath.map { URL(fileURLWithPath: resolve($0, against: directory)) }
        config.geo = geoPath.map { URL(fileURLWithPath: resolve($0, against: directory)) }
        return config
    }

    // MARK: - Sections

    private static func readCatalog(_ t: Table) throws(ConfigError) -> CatalogSettings {
        let title = try t.requiredString("title")
        let description = try t.requiredString("description")
        let baseURI = try t.httpURL("base_uri", required: true)!
        let homepage = try t.httpURL("homepage", required: false)
        let languages = try t.stringArray("language") ?? ["DEU"]
        guard let publisherTable = try t.table("publisher") else {
            throw t.context.error(Section(name: "catalog", index: nil), key: nil, path: "catalog.publisher",
                "missing; [catalog.publisher] with at least `name` is required")
        }
        let publisher = try readAgent(publisherTable)
        var settings = CatalogSettings(title: title, description: description, baseURI: baseURI, publisher: publisher, homepage: homepage, languages: languages)
        if let profile = try t.string("profile") {
            guard let p = DCATGraph.Profile(rawValue: profile) else {
                let names = DCATGraph.Profile.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
                throw t.error("profile", "expected \(names), found \"\(profile)\"")
            }
            settings.profile = p
        }
        try t.finish()
        return settings
    }

    private static func readHarvest(_ t: Table, directory: URL) throws(ConfigError) -> HarvestSettings {
        var settings = HarvestSettings()
        if let offline = try t.bool("offline") { settings.offline = offline }
        if let timeout = try t.number("timeout_seconds") {
            guard timeout > 0 else { throw t.error("timeout_seconds", "expected a number of seconds greater than 0, found \(timeout)") }
            settings.timeoutSeconds = timeout
        }
        if let retries = try t.int("retries") {
            guard (0...10).contains(retries) else { throw t.error("retries", "expected an integer from 0 to 10, found \(retries)") }
            settings.retries = retries
        }
        if let mb = try t.int("max_response_mb") {
            guard mb >= 1, mb <= 16_384 else { throw t.error("max_response_mb", "expected an integer from 1 to 16384 (megabytes), found \(mb)") }
            settings.maxResponseMB = mb
        }
        if let rows = try t.int("rows") {
            guard (1...1000).contains(rows) else { throw t.error("rows", "expected an integer from 1 to 1000 (CKAN's maximum page size), found \(rows)") }
            settings.rows = rows
        }
        if let state = try t.string("state") {
            guard !state.isEmpty else { throw t.error("state", "expected the path of the state store, e.g. \"/var/lib/opendata/state.sqlite\"") }
            settings.state = URL(fileURLWithPath: resolve(state, against: directory))
        }
        if let keep = try t.int("keep_snapshots") {
            guard (1...1000).contains(keep) else { throw t.error("keep_snapshots", "expected an integer from 1 to 1000, found \(keep)") }
            settings.keepSnapshots = keep
        }
        if let days = try t.int("keep_days") {
            guard (1...3650).contains(days) else { throw t.error("keep_days", "expected a number of days from 1 to 3650, found \(days)") }
            settings.keepDays = days
        }
        if let share = try t.number("withdraw_max_share") {
            guard share >= 0, share <= 1 else { throw t.error("withdraw_max_share", "expected a share from 0 to 1 (e.g. 0.2 = 20 %), found \(share)") }
            settings.withdrawMaxShare = share
        }
        if let minutes = try t.number("job_timeout_minutes") {
            guard minutes > 0 else { throw t.error("job_timeout_minutes", "expected a number of minutes greater than 0, found \(minutes)") }
            settings.jobTimeoutMinutes = minutes
        }
        if let overlap = try t.number("overlap_minutes") {
            guard overlap >= 0, overlap <= 10_080 else { throw t.error("overlap_minutes", "expected a number of minutes from 0 to 10080 (one week), found \(overlap)") }
            settings.overlapMinutes = overlap
        }
        try readOperations(t, into: &settings)
        if let hosts = try t.stringArray("allowed_redirect_hosts") {
            settings.allowedRedirectHosts = hosts.map { $0.lowercased() }
        }
        try t.finish()
        return settings
    }

    /// The `[harvest]` keys for notifications and report retention (docs/operations.md).
    private static func readOperations(_ t: Table, into settings: inout HarvestSettings) throws(ConfigError) {
        if let hook = try t.string("notify_webhook") {
            guard let url = URL(string: hook), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
                throw t.error("notify_webhook", "expected an http(s) URL that receives a JSON POST, found \"\(hook)\"")
            }
            settings.notifyWebhook = url
        }
        if let command = try t.string("notify_command") {
            guard !command.trimmedBlanks().isEmpty else { throw t.error("notify_command", "expected a shell command, e.g. \"/usr/sbin/sendmail ops@example.org\"") }
            settings.notifyCommand = command
        }
        if let jobs = try t.int("report_keep_jobs") {
            guard jobs >= 1 else { throw t.error("report_keep_jobs", "expected an integer ≥ 1, found \(jobs)") }
            settings.reportKeepJobs = jobs
        }
        if let days = try t.number("report_keep_days") {
            guard days >= 0 else { throw t.error("report_keep_days", "expected a number of days ≥ 0 (0: no age limit), found \(days)") }
            settings.reportKeepDays = days
        }
    }

    /// `[dedup]`: `fuzzy_threshold`, `auto_merge_fuzzy`, `max_shared_per_source`, `fuzzy_block_cap`,
    /// `[[dedup.same]] members = ["source:id", …]`, `[[dedup.different]] members = [...]` (docs/dedup.md).
    private static func readDedup(_ t: Table) throws(ConfigError) -> DedupSettings {
        var settings = DedupSettings()
        if let threshold = try t.number("fuzzy_threshold") {
            guard threshold > 0, threshold <= 1 else { throw t.error("fuzzy_threshold", "expected a title similarity between 0 and 1 (e.g. 0.85), found \(threshold)") }
            settings.fuzzyThreshold = threshold
        }
        if let auto = try t.bool("auto_merge_fuzzy") { settings.autoMergeFuzzy = auto }
        if let shared = try t.int("max_shared_per_source") {
            guard shared >= 1 else { throw t.error("max_shared_per_source", "expected an integer ≥ 1, found \(shared)") }
            settings.maxSharedPerSource = shared
        }
        if let cap = try t.int("fuzzy_block_cap") {
            guard cap >= 2 else { throw t.error("fuzzy_block_cap", "expected an integer ≥ 2 (records compared per fuzzy-title block), found \(cap)") }
            settings.fuzzyBlockCap = cap
        }
        settings.same = try overrideGroups(t, "same")
        settings.different = try overrideGroups(t, "different")
        try t.finish()
        return settings
    }

    /// `[[dedup.same]]` / `[[dedup.different]]` blocks, each with `members = ["source:remoteID", …]` (≥ 2).
    private static func overrideGroups(_ t: Table, _ key: String) throws(ConfigError) -> [[String]] {
        guard t.has(key) else { return [] }
        guard let array = t.toml[key]?.array else {
            throw t.error(key, "expected [[dedup.\(key)]] blocks with `members = [\"source:id\", …]`")
        }
        t.used.insert(key)
        var groups: [[String]] = []
        for index in 0..<array.count {
            guard let table = array[index].table else {
                throw t.error(key, "expected [[dedup.\(key)]] blocks with `members = [\"source:id\", …]`")
            }
            let block = Table(table, path: "dedup.\(key)[\(index)]", section: t.section, context: t.context)
            let members = try block.stringArray("members") ?? []
            guard members.count >= 2, members.allSatisfy({ $0.contains(":") }) else {
                throw block.error("members", "expected at least two \"source:remoteID\" keys, found \(members)")
            }
            try block.finish()
            groups.append(members)
        }
        return groups
    }

    private static func readSource(_ t: Table, directory: URL) throws(ConfigError) -> SourceConfig {
        let id = try t.requiredString("id")
        guard !id.isEmpty, id.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else {
            throw t.error("id", "expected lower-case letters, digits and '-' only ([a-z0-9-]+), found \"\(id)\"")
        }
        let title = try t.string("title") ?? id
        let kindText = try t.requiredString("kind")
        guard let kind = SourceKind(rawValue: kindText) else {
            throw t.error("kind", "expected \"ckan\", \"ckan-dump\" or \"dcat\", found \"\(kindText)\"")
        }
        var source = SourceConfig(id: id, title: title, kind: kind)
        source.fq = try t.string("fq")
        source.demo = try t.bool("demo") ?? false
        source.priority = try t.int("priority") ?? 0
        source.enabled = try t.bool("enabled") ?? true
        if let modeText = try t.string("mode") {
            guard let mode = SourceMode(rawValue: modeText) else {
                throw t.error("mode", "expected \"live\" or \"snapshot\", found \"\(modeText)\"")
            }
            source.mode = mode
        }
        source.url = try t.httpURL("url", required: false)
        source.snapshot = try t.string("snapshot").map { resolve($0, against: directory) }
        source.path = try t.string("path").map { resolve($0, against: directory) }
        if let defaults = try t.table("defaults") { source.defaults = try readDefaults(defaults) }
        if let versions = try t.table("licence_versions") {
            for family in versions.toml.keys.sorted() { source.licenceVersions[family] = try versions.string(family) }
        }
        source.suggestedLicences = try t.stringArray("suggested_licences")
        source.language = try t.string("language")
        if let organizations = try t.table("organizations") {
            guard kind != .dcat else { throw t.error("organizations", "only CKAN sources (kind \"ckan\" or \"ckan-dump\") have organisations") }
            for name in organizations.toml.keys.sorted() {
                guard let entry = try organizations.table(name) else { continue }
                source.organizations[name] = try readDefaults(entry)
            }
        }

        switch kind {
        case .ckan:
            if source.path != nil {
                throw t.error("path", "`path` is for kind \"ckan-dump\"; a \"ckan\" source reads `url` (and `snapshot` for its recorded dump)")
            }
            if source.mode == .snapshot, source.snapshot == nil {
                throw t.error("mode", "mode = \"snapshot\" needs `snapshot = \"file.jsonl\"` (the recorded dump to read)")
            }
            if source.url == nil, source.mode != .snapshot {
                throw t.error("url", "missing; kind \"ckan\" needs the portal's http(s) root, e.g. url = \"https://offenedaten.aachen.de\" (or mode = \"snapshot\" with a snapshot)")
            }
        case .dcat:
            if source.url == nil, source.path == nil, source.snapshot == nil {
                throw t.error("url", "missing; kind \"dcat\" needs the catalogue's http(s) URL (e.g. https://portal/catalog.rdf) or `path` to an RDF file")
            }
            if source.mode == .snapshot, source.snapshot == nil {
                throw t.error("mode", "mode = \"snapshot\" needs `snapshot = \"file.rdf\"` (the recorded catalogue to read)")
            }
        case .ckanDump:
            guard source.path != nil else {
                throw t.error("path", "missing; kind \"ckan-dump\" needs the file to read, e.g. path = \"demo/koeln.json\"")
            }
            for key in ["url", "snapshot", "mode", "fq"] where t.has(key) {
                throw t.error(key, "not used by kind \"ckan-dump\" (it reads `path`); remove it or use kind = \"ckan\"")
            }
        }
        try t.finish()
        return source
    }

    private static func readDefaults(_ t: Table) throws(ConfigError) -> SourceDefaults {
        var defaults = SourceDefaults()
        defaults.publisher = try t.table("publisher").map(readAgent)
        if let contact = try t.table("contact") {
            defaults.contactPoint = ContactPoint(
                name: try contact.string("name"), email: try contact.string("email"),
                url: try contact.httpURL("url", required: false), phone: try contact.string("phone"))
            try contact.finish()
        }
        defaults.politicalGeocoding = try t.stringArray("political_geocoding") ?? []
        defaults.politicalGeocodingLevel = try t.string("political_geocoding_level")
        defaults.contributorIDs = try t.stringArray("contributor_id") ?? []
        defaults.portalURL = try t.httpURL("portal_url", required: false)
        defaults.geocodingText = try t.string("geocoding_text")
        defaults.spatialURI = try t.httpURL("spatial_uri", required: false)
        try t.finish()
        return defaults
    }

    private static func readAgent(_ t: Table) throws(ConfigError) -> Agent {
        let agent = Agent(
            uri: try t.string("uri"), name: try t.requiredString("name"), email: try t.string("email"),
            homepage: try t.httpURL("homepage", required: false), type: try t.string("type"))
        try t.finish()
        return agent
    }

    // MARK: - Helpers

    static func resolve(_ path: String, against directory: URL) -> String {
        if path.hasPrefix("/") { return URL(fileURLWithPath: path).standardizedFileURL.path }
        return directory.appendingPathComponent(path).standardizedFileURL.path
    }

    /// The path relative to the working directory when the file is below it, else as given.
    static func displayPath(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let cwd = FileManager.default.currentDirectoryPath
        if path.hasPrefix(cwd + "/") { return String(path.dropFirst(cwd.count + 1)) }
        return path
    }

    static func describe(_ value: any TOMLValueConvertible) -> String {
        switch value.type {
        case .string: "the string \"\(value.string ?? "")\""
        case .int: "the integer \(value.int ?? 0)"
        case .double: "the number \(value.double ?? 0)"
        case .bool: "\(value.bool ?? false)"
        case .array: "an array"
        case .table: "a table"
        default: "a \(value.type)"
        }
    }
}
