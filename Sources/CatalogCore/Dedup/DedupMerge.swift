// Merge policy: the survivor is the record of the highest source priority, then the newest `modified`, then the
// smallest uri. It keeps every member's provenance, identifiers and distributions; disagreements are recorded.

struct Merger {
    var settings: DedupSettings

    struct Output {
        var dataset: Dataset
        var cluster: DuplicateCluster
        var findings: [Finding]
    }

    /// Survivor order: priority (higher first), modified (newer first, missing last), uri, source, remote id.
    func rankLess(_ x: Dataset, _ y: Dataset) -> Bool {
        let px = settings.sourcePriority[x.sourceID] ?? 0, py = settings.sourcePriority[y.sourceID] ?? 0
        if px != py { return px > py }
        let mx = x.modified?.lexical ?? "", my = y.modified?.lexical ?? ""
        if mx != my { return mx > my }
        return (x.uri, x.sourceID, x.remoteID) < (y.uri, y.sourceID, y.remoteID)
    }

    static func key(_ d: Dataset) -> String { d.sourceID + ":" + d.remoteID }

    func merge(_ records: [Dataset], rules: [DedupRule], score: Double?) -> Output {
        let ranked = records.sorted(by: rankLess)
        let survivor = ranked[0]
        let others = ranked.dropFirst()
        let survivorKey = Self.key(survivor)

        var merged = survivor
        // Provenance: the survivor's own first, then every other record's, sorted.
        var provSeen = Set(survivor.provenance)
        let extraProv = others.flatMap(\.provenance).filter { provSeen.insert($0).inserted }.sorted {
            ($0.sourceID, $0.remoteID, $0.remoteName ?? "", $0.url ?? "", $0.sourceModified ?? "")
                < ($1.sourceID, $1.remoteID, $1.remoteName ?? "", $1.url ?? "", $1.sourceModified ?? "")
        }
        merged.provenance = survivor.provenance + extraProv

        // Identifiers: every other record's identifier, uri and other identifiers (adms:identifier).
        var idSeen = Set(survivor.otherIdentifiers)
        idSeen.insert(survivor.identifier)
        idSeen.insert(survivor.uri)
        var extraIDs: Set<String> = []
        for o in others {
            for v in [o.identifier, o.uri] + o.otherIdentifiers where !v.isEmpty && !idSeen.contains(v) { extraIDs.insert(v) }
        }
        merged.otherIdentifiers = survivor.otherIdentifiers + extraIDs.sorted()

        // Distributions: union, deduplicated by normalised URL, survivor's first.
        var distSeen = Set(survivor.distributions.map(Deduplicator.distributionKey))
        for o in others {
            for d in o.distributions where distSeen.insert(Deduplicator.distributionKey(d)).inserted {
                merged.distributions.append(d)
            }
        }
        merged.keywords = Array(Set(ranked.flatMap(\.keywords))).sorted()
        merged.themes = Array(Set(ranked.flatMap(\.themes))).sorted()
        // DCAT-AP.de allows exactly one contributorID: the survivor's (union only when it has none).
        merged.contributorIDs = ranked[0].contributorIDs.isEmpty ? Array(Set(ranked.flatMap(\.contributorIDs))).sorted() : ranked[0].contributorIDs
        merged.derivedFrom = Array(Set(ranked.flatMap(\.derivedFrom))).sorted()

        // Conflicts on scalar fields.
        let fields: [(String, (Dataset) -> String?)] = [
            ("title", { $0.title }),
            ("publisher", { $0.publisher?.name }),
            ("licence", { $0.licence.flatMap { $0.uri ?? $0.raw } }),
            ("modified", { $0.modified?.lexical }),
        ]
        var conflicts: [FieldConflict] = []
        var findings: [Finding] = []
        for (field, get) in fields {
            let values = ranked.compactMap { d -> MemberValue? in
                guard let v = get(d), !DedupNormalize.trim(v).isEmpty else { return nil }
                return MemberValue(member: Self.key(d), value: v)
            }
            guard Set(values.map(\.value)).count > 1 else { continue }
            conflicts.append(FieldConflict(field: field, values: values))
            if score == nil {
                let listed = values.map { "\($0.member)\($0.member == survivorKey ? " (kept)" : "") “\($0.value)”" }
                findings.append(Finding(.note, "dedup.conflict", source: survivor.sourceID, record: survivor.remoteID, field: field,
                    "Duplicates disagree on \(field): " + listed.joined(separator: " vs ") + "; the survivor's value is published."))
            }
        }

        let members = ranked.map { DuplicateMember(source: $0.sourceID, remoteID: $0.remoteID, uri: $0.uri, title: $0.title) }
        let id = "dup-" + DedupNormalize.stableHash(members.map(\.key).sorted().joined(separator: "\n"))
        let cluster = DuplicateCluster(
            id: id, rule: rules.min() ?? .manual, rules: rules, members: members, survivor: survivorKey,
            conflicts: conflicts, score: score)
        if score == nil {
            findings.append(Finding(.note, "dedup.merged", source: survivor.sourceID, record: survivor.remoteID, field: nil,
                "Merged \(members.count) records (\(rules.map(\.rawValue).joined(separator: ", "))) into \(survivorKey): "
                    + members.dropFirst().map(\.key).joined(separator: ", ") + " [\(id)]."))
        }
        return Output(dataset: merged, cluster: cluster, findings: findings)
    }
}
