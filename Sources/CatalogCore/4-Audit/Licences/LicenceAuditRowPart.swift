// A licence audit row's own part: its distribution, field and verdict (LicenceAudit.swift has the row and the
// dataset part its rows share).

extension LicenceAuditRow {
    /// The row's licence, its verdict and fix.
    package struct RowPart: Sendable, Hashable, Codable {
        /// Empty for the dataset row.
        package var distributionURI: String
        /// The distribution had no licence of its own; the dataset licence was used.
        package var inherited: Bool
        /// The licence requires attribution but no `dcatde:licenseAttributionByText` is given.
        package var attributionMissing: Bool
        /// Index of the distribution in the dataset (nil for the dataset row).
        package var distributionIndex: Int?
        /// Where the source sets the licence: `license_id`, `resources[2].license` (CKAN) or `dct:license`.
        package var field: String = ""
        /// The licence, verdict and fix, in one box that rows with the same verdict share (`interned`): most rows
        /// of a run repeat a few licences, reasons and fixes (a 100 k run has 285,792 rows, 184 bytes each with
        /// these inline).
        private var verdict: Shared<Verdict>

        /// What a row says about its licence; equal for many rows.
        struct Verdict: Sendable, Hashable {
            var raw: String
            var uri: String
            var spdx: String
            var status: LicenceStatus
            var reason: String
            var suggestedFix = ""
            var gap: LicenceGap?
            var targetURI = ""
            var targetLicenceID = ""
        }

        package init(distributionURI: String, raw: String, uri: String, spdx: String, status: LicenceStatus, reason: String,
                     suggestedFix: String, inherited: Bool, attributionMissing: Bool, distributionIndex: Int?, gap: LicenceGap? = nil,
                     field: String = "", targetURI: String = "", targetLicenceID: String = "") {
            self.distributionURI = distributionURI
            self.inherited = inherited
            self.attributionMissing = attributionMissing
            self.distributionIndex = distributionIndex
            self.field = field
            verdict = Shared(Verdict(raw: raw, uri: uri, spdx: spdx, status: status, reason: reason, suggestedFix: suggestedFix, gap: gap,
                                     targetURI: targetURI, targetLicenceID: targetLicenceID))
        }

        /// The raw value exactly as the source gave it (empty when missing).
        package var raw: String {
            get { verdict.value.raw }
            set { verdict.value.raw = newValue }
        }
        package var uri: String {
            get { verdict.value.uri }
            set { verdict.value.uri = newValue }
        }
        package var spdx: String {
            get { verdict.value.spdx }
            set { verdict.value.spdx = newValue }
        }
        package var status: LicenceStatus {
            get { verdict.value.status }
            set { verdict.value.status = newValue }
        }
        package var reason: String {
            get { verdict.value.reason }
            set { verdict.value.reason = newValue }
        }
        package var suggestedFix: String {
            get { verdict.value.suggestedFix }
            set { verdict.value.suggestedFix = newValue }
        }
        /// The to-do group of this row's licence (LicenceToDo.swift); nil when nothing needs fixing here: the
        /// licence is open with a version, or the row repeats what its dataset row already asks for (an inherited
        /// licence, a dataset licence taken from its distributions). A missing attribution text is not a group of
        /// the row but `attributionMissing`.
        package var gap: LicenceGap? {
            get { verdict.value.gap }
            set { verdict.value.gap = newValue }
        }
        /// The licence IRI to set (empty when nothing needs setting or no licence can be named).
        package var targetURI: String {
            get { verdict.value.targetURI }
            set { verdict.value.targetURI = newValue }
        }
        /// The CKAN `license_id` that gives `targetURI` (empty for DCAT sources and when `targetURI` is empty).
        package var targetLicenceID: String {
            get { verdict.value.targetLicenceID }
            set { verdict.value.targetLicenceID = newValue }
        }

        /// Takes the box of an equal verdict met before, if there is one in `known` (else adds its own).
        mutating func intern(_ known: MemoCache<Verdict, Shared<Verdict>>) {
            let mine = verdict
            verdict = known.value(for: mine.value) { _ in mine }
        }

        /// Whether both rows share one verdict box.
        func sharesVerdict(with other: RowPart) -> Bool { verdict.isShared(with: other.verdict) }

        /// The verdict box's identity: equal for rows sharing one verdict (`intern`).
        var verdictIdentity: ObjectIdentifier { verdict.identity }

        private enum CodingKeys: String, CodingKey {
            case distributionURI, raw, uri, spdx, status, reason, suggestedFix, inherited, attributionMissing, distributionIndex, gap, field
            case targetURI, targetLicenceID
        }

        /// The members in the order they had when they were stored inline (the JSON is unchanged).
        package func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(distributionURI, forKey: .distributionURI)
            try c.encode(raw, forKey: .raw)
            try c.encode(uri, forKey: .uri)
            try c.encode(spdx, forKey: .spdx)
            try c.encode(status, forKey: .status)
            try c.encode(reason, forKey: .reason)
            try c.encode(suggestedFix, forKey: .suggestedFix)
            try c.encode(inherited, forKey: .inherited)
            try c.encode(attributionMissing, forKey: .attributionMissing)
            try c.encodeIfPresent(distributionIndex, forKey: .distributionIndex)
            try c.encodeIfPresent(gap, forKey: .gap)
            try c.encode(field, forKey: .field)
            try c.encode(targetURI, forKey: .targetURI)
            try c.encode(targetLicenceID, forKey: .targetLicenceID)
        }

        package init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                distributionURI: try c.decode(String.self, forKey: .distributionURI), raw: try c.decode(String.self, forKey: .raw),
                uri: try c.decode(String.self, forKey: .uri), spdx: try c.decode(String.self, forKey: .spdx),
                status: try c.decode(LicenceStatus.self, forKey: .status), reason: try c.decode(String.self, forKey: .reason),
                suggestedFix: try c.decode(String.self, forKey: .suggestedFix), inherited: try c.decode(Bool.self, forKey: .inherited),
                attributionMissing: try c.decode(Bool.self, forKey: .attributionMissing),
                distributionIndex: try c.decodeIfPresent(Int.self, forKey: .distributionIndex),
                gap: try c.decodeIfPresent(LicenceGap.self, forKey: .gap), field: try c.decode(String.self, forKey: .field),
                targetURI: try c.decode(String.self, forKey: .targetURI), targetLicenceID: try c.decode(String.self, forKey: .targetLicenceID))
        }
    }
}
