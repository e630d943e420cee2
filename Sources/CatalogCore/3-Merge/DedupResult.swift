// Output values of the deduplication stage.

/// One source record inside a duplicate cluster.
package struct DuplicateMember: Sendable, Hashable, Codable {
    package var source: String
    package var remoteID: String
    package var uri: String
    package var title: String

    package init(source: String, remoteID: String, uri: String, title: String) {
        self.source = source
        self.remoteID = remoteID
        self.uri = uri
        self.title = title
    }

    /// `source:remoteID`, the key used in `[[dedup.same]]` / `[[dedup.different]]`.
    package var key: String { source + ":" + remoteID }
}

/// One member's value of a conflicting field.
package struct MemberValue: Sendable, Hashable, Codable {
    /// The member key (`source:remoteID`).
    package var member: String
    package var value: String

    package init(member: String, value: String) {
        self.member = member
        self.value = value
    }
}

/// A scalar field on which the members of a cluster disagree (`title`, `publisher`, `licence`, `modified`).
package struct FieldConflict: Sendable, Hashable, Codable {
    package var field: String
    /// In survivor order (survivor first); members without a value are left out.
    package var values: [MemberValue]

    package init(field: String, values: [MemberValue]) {
        self.field = field
        self.values = values
    }
}

/// A set of records judged to be one dataset (merged), or a pair proposed for review (fuzzy, not merged).
package struct DuplicateCluster: Sendable, Hashable, Codable {
    /// `dup-` + FNV-1a-64 of the sorted member keys: stable across runs and input orders.
    package var id: String
    /// The strongest rule that linked members of this cluster.
    package var rule: DedupRule
    /// Every rule that linked two members of this cluster, strongest first.
    package var rules: [DedupRule]
    /// Survivor first, then in survivor order (priority, newest modified, smallest uri).
    package var members: [DuplicateMember]
    /// The member key (`source:remoteID`) of the record that survives (or would survive, for review candidates).
    package var survivor: String
    package var conflicts: [FieldConflict]
    /// Title similarity for fuzzy candidates (token Jaccard), nil otherwise.
    package var score: Double?

    package init(
        id: String, rule: DedupRule, rules: [DedupRule], members: [DuplicateMember], survivor: String,
        conflicts: [FieldConflict], score: Double? = nil
    ) {
        self.id = id
        self.rule = rule
        self.rules = rules
        self.members = members
        self.survivor = survivor
        self.conflicts = conflicts
        self.score = score
    }
}

package struct DedupResult: Sendable {
    /// The merged catalogue: each dataset once, sorted by uri.
    package var datasets: [Dataset]
    /// Merged clusters (two or more records each), sorted by survivor key then id.
    package var clusters: [DuplicateCluster]
    /// Fuzzy candidates that were not merged, for a maintainer to decide (`[[dedup.same]]` / `[[dedup.different]]`).
    package var reviewCandidates: [DuplicateCluster]
    /// Notes on merges, conflicts, review candidates and overrides; sorted.
    package var findings: [Finding]

    package init(datasets: [Dataset], clusters: [DuplicateCluster], reviewCandidates: [DuplicateCluster], findings: [Finding]) {
        self.datasets = datasets
        self.clusters = clusters
        self.reviewCandidates = reviewCandidates
        self.findings = findings
    }
}
