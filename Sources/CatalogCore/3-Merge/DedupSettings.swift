// Settings of the deduplication stage (`[dedup]` in catalog/sources.toml; see docs/dedup.md).

package struct DedupSettings: Sendable, Hashable, Codable {
    /// Source id → priority (higher wins the survivor choice). Filled from each source's `priority`.
    package var sourcePriority: [String: Int]
    /// Title similarity (token Jaccard, 0…1) from which the fuzzy rule reports a candidate. `[dedup] fuzzy_threshold`.
    package var fuzzyThreshold: Double
    /// When false (default) fuzzy candidates only go to the review list. `[dedup] auto_merge_fuzzy`.
    package var autoMergeFuzzy: Bool
    /// Explicit overrides: each list holds `"source:remoteID"` keys that ARE the same dataset. `[[dedup.same]]`.
    package var same: [[String]]
    /// Explicit overrides: keys in one list must never end up in the same cluster. `[[dedup.different]]`.
    package var different: [[String]]
    /// A URL, landing page or URL set used by more than this many datasets of ONE source is treated as generic
    /// (a portal home, a shared service endpoint, a department page) and ignored by the rules. Default 1: inside
    /// one source the record id is the identity, so a landing page two records of one source share cannot tell
    /// them apart (the Berlin dump has five such pairs of different datasets).
    package var maxSharedPerSource: Int
    /// An identifier used by more than this many datasets of one source is a placeholder and ignored. Default 3.
    package static let placeholderIdentifierLimit = 3
    /// Posting lists of the fuzzy index longer than this are not compared (very common tokens in one scope). Default 500.
    package var fuzzyBlockCap: Int

    package init(
        sourcePriority: [String: Int] = [:], fuzzyThreshold: Double = 0.85, autoMergeFuzzy: Bool = false,
        same: [[String]] = [], different: [[String]] = [], maxSharedPerSource: Int = 1, fuzzyBlockCap: Int = 500
    ) {
        self.sourcePriority = sourcePriority
        self.fuzzyThreshold = fuzzyThreshold
        self.autoMergeFuzzy = autoMergeFuzzy
        self.same = same
        self.different = different
        self.maxSharedPerSource = maxSharedPerSource
        self.fuzzyBlockCap = fuzzyBlockCap
    }

    private enum CodingKeys: String, CodingKey {
        case sourcePriority, fuzzyThreshold, autoMergeFuzzy, same, different, maxSharedPerSource, fuzzyBlockCap
    }

    /// Every key is optional when decoding; missing keys take the defaults.
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = DedupSettings()
        sourcePriority = try c.decodeIfPresent([String: Int].self, forKey: .sourcePriority) ?? d.sourcePriority
        fuzzyThreshold = try c.decodeIfPresent(Double.self, forKey: .fuzzyThreshold) ?? d.fuzzyThreshold
        autoMergeFuzzy = try c.decodeIfPresent(Bool.self, forKey: .autoMergeFuzzy) ?? d.autoMergeFuzzy
        same = try c.decodeIfPresent([[String]].self, forKey: .same) ?? d.same
        different = try c.decodeIfPresent([[String]].self, forKey: .different) ?? d.different
        maxSharedPerSource = try c.decodeIfPresent(Int.self, forKey: .maxSharedPerSource) ?? d.maxSharedPerSource
        fuzzyBlockCap = try c.decodeIfPresent(Int.self, forKey: .fuzzyBlockCap) ?? d.fuzzyBlockCap
    }
}

/// The identity rules, strongest first. The raw values are the names used in duplicates.csv and findings.
package enum DedupRule: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case manual
    case identifier
    case originLink = "origin-link"
    case landingPage = "landing-page"
    case downloadURLs = "download-urls"
    case fuzzyTitle = "fuzzy-title"

    /// 0 is strongest.
    package var strength: Int {
        switch self {
        case .manual: 0
        case .identifier: 1
        case .originLink: 2
        case .landingPage: 3
        case .downloadURLs: 4
        case .fuzzyTitle: 5
        }
    }

    package static func < (a: DedupRule, b: DedupRule) -> Bool { a.strength < b.strength }
}
