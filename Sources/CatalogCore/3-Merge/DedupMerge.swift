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
    /// (Fields are read in place: datasets are large, copying them costs more than the comparison.)
    func rankLess(_ x: UnsafePointer<Dataset>, _ y: UnsafePointer<Dataset>) -> Bool {
        let px = settings.sourcePriority[x.pointee.sourceID] ?? 0, py = settings.sourcePriority[y.pointee.sourceID] ?? 0
        if px != py { return px > py }
        let mx = x.pointee.modified?.lexical ?? "", my = y.pointee.modified?.lexical ?? ""
        if mx != my { return mx > my }
        if x.pointee.uri != y.pointee.uri { return x.pointee.uri < y.pointee.uri }
        if x.pointee.sourceID != y.pointee.sourceID { return x.pointee.sourceID < y.pointee.sourceID }
        return x.pointee.remoteID < y.pointee.remoteID
    }

    /// Merges `all[members]` (read in place). `clusterOnly`: only the cluster is wanted (review pairs); `dataset` is
    /// then the survivor unchanged.
    func merge(_ members: [Int], of all: UnsafeBufferPointer<Dataset>, rules: [DedupRule], score: Double?, clusterOnly: Bool = false) -> Output {
        let base = all.baseAddress!
        let ranked = members.sorted { rankLess(base + $0, base + $1) }
        let survivorSource = all[ranked[0]].sourceID, survivorRemote = all[ranked[0]].remoteID
        let survivorKey = survivorSource + ":" + survivorRemote

        var merged = all[ranked[0]]
        if !clusterOnly { mergeLists(into: &merged, ranked, all) }

        // Conflicts on scalar fields.
        func value(_ field: Int, _ d: UnsafePointer<Dataset>) -> String? {
            switch field {
            case 0: d.pointee.title
            case 1: d.pointee.publisher?.name
            case 2: d.pointee.licence.flatMap { $0.uri ?? $0.raw }
            default: d.pointee.modified?.lexical
            }
        }
        var conflicts: [FieldConflict] = []
        var findings: [Finding] = []
        for (f, field) in ["title", "publisher", "licence", "modified"].enumerated() {
            let values = ranked.compactMap { i -> MemberValue? in
                guard let v = value(f, base + i), !DedupNormalize.trim(v).isEmpty else { return nil }
                return MemberValue(member: all[i].sourceID + ":" + all[i].remoteID, value: v)
            }
            guard Set(values.map(\.value)).count > 1 else { continue }
            // The same instant in another precision or time zone is no disagreement.
            if field == "modified", values.allSatisfy({ DedupDates.same($0.value, values[0].value) }) { continue }
            conflicts.append(FieldConflict(field: field, values: values))
            if score == nil {
                findings.append(Finding(.note, source: survivorSource, record: survivorRemote, field: field, .dedupConflict,
                                        [field, survivorKey] + values.flatMap { [$0.member, $0.value] }))
            }
        }

        let members = ranked.map { DuplicateMember(source: all[$0].sourceID, remoteID: all[$0].remoteID, uri: all[$0].uri, title: all[$0].title) }
        let id = "dup-" + DedupNormalize.stableHash(members.map(\.key).sorted().joined(separator: "\n"))
        let cluster = DuplicateCluster(
            id: id, rule: rules.min() ?? .manual, rules: rules, members: members, survivor: survivorKey,
            conflicts: conflicts, score: score)
        if score == nil {
            findings.append(Finding(.note, source: survivorSource, record: survivorRemote, field: nil, .dedupMerged,
                                    [String(members.count), rules.map(\.rawValue).joined(separator: ", "), survivorKey,
                                     members.dropFirst().map(\.key).joined(separator: ", "), id]))
        }
        return Output(dataset: merged, cluster: cluster, findings: findings)
    }

    /// Provenance, identifiers, distributions and the list fields of all records, into the survivor `merged`.
    private func mergeLists(into merged: inout Dataset, _ ranked: [Int], _ all: UnsafeBufferPointer<Dataset>) {
        let survivor = all.baseAddress! + ranked[0]
        let others = ranked.dropFirst()
        // Provenance: the survivor's own first, then every other record's, sorted.
        var provSeen = Set(survivor.pointee.provenance)
        let extraProv = others.flatMap { all[$0].provenance }.filter { provSeen.insert($0).inserted }.sorted {
            ($0.sourceID, $0.remoteID, $0.remoteName ?? "", $0.url ?? "", $0.sourceModified ?? "")
                < ($1.sourceID, $1.remoteID, $1.remoteName ?? "", $1.url ?? "", $1.sourceModified ?? "")
        }
        merged.provenance = survivor.pointee.provenance + extraProv

        // Identifiers: every other record's identifier, uri and other identifiers (adms:identifier).
        var idSeen = Set(survivor.pointee.otherIdentifiers)
        idSeen.insert(survivor.pointee.identifier)
        idSeen.insert(survivor.pointee.uri)
        var extraIDs: Set<String> = []
        for o in others {
            for v in [all[o].identifier, all[o].uri] + all[o].otherIdentifiers where !v.isEmpty && !idSeen.contains(v) { extraIDs.insert(v) }
        }
        merged.otherIdentifiers = survivor.pointee.otherIdentifiers + extraIDs.sorted()

        // Distributions: union, deduplicated by normalised URL, survivor's first. An older version of the same
        // record (same source record id, older `modified`) adds nothing: what the newer version lacks was removed.
        let newest = ranked.max { (all[$0].modified?.lexical ?? "") < (all[$1].modified?.lexical ?? "") }.map { all[$0] }
        func isOlderVersion(_ d: Dataset) -> Bool {
            guard let newest, d.remoteID == newest.remoteID, let mine = d.modified?.lexical, let latest = newest.modified?.lexical else { return false }
            return mine < latest && !DedupDates.same(mine, latest)
        }
        // A survivor chosen by priority may itself be the older version: it keeps only what the newest still lists.
        if let newest, isOlderVersion(survivor.pointee) {
            let current = Set(newest.distributions.map(Deduplicator.distributionKey))
            merged.distributions = survivor.pointee.distributions.filter { current.contains(Deduplicator.distributionKey($0)) }
        }
        var distSeen = Set(merged.distributions.map(Deduplicator.distributionKey))
        for o in others {
            if isOlderVersion(all[o]) { continue }
            for d in all[o].distributions where distSeen.insert(Deduplicator.distributionKey(d)).inserted {
                merged.distributions.append(d)
            }
        }
        func union(_ field: (Dataset) -> [String]) -> [String] {
            var values: Set<String> = []
            for i in ranked { values.formUnion(field(all[i])) }
            return values.sorted()
        }
        merged.keywords = union(\.keywords)
        merged.themes = union(\.themes)
        // DCAT-AP.de allows exactly one contributorID: the survivor's (union only when it has none).
        merged.contributorIDs = survivor.pointee.contributorIDs.isEmpty ? union(\.contributorIDs) : survivor.pointee.contributorIDs
        merged.derivedFrom = union(\.derivedFrom)
        // A record another source marks as a series, or as a member of one, stays so after the merge.
        merged.inSeries = union(\.inSeries)
        merged.hvdCategories = union(\.hvdCategories)
        merged.isSeries = ranked.contains { all[$0].isSeries }
    }
}

extension Merger {
    /// "beim Titel" etc.: where duplicates disagree, in `dedup.conflict` messages.
    static func germanField(_ field: String) -> String {
        switch field {
        case "title": "beim Titel"
        case "publisher": "beim Herausgeber"
        case "licence": "bei der Lizenz"
        case "modified": "beim Änderungsdatum"
        default: "bei " + field
        }
    }
}
