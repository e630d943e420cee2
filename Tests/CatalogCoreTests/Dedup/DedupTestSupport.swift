import Foundation
@testable import CatalogCore
import CatalogTestSupport

/// Small builders for dedup tests.
enum DD {
    static func ds(
        _ source: String, _ id: String, title: String, identifier: String? = nil, name: String? = nil,
        landing: String? = nil, urls: [String] = [], publisher: String? = nil, geo: [String] = [],
        modified: String? = nil, derivedFrom: [String] = [], keywords: [String] = [], licence: String? = nil,
        provenanceURL: String? = nil, uri: String? = nil
    ) -> Dataset {
        Dataset(
            uri: uri ?? "https://opendata.example/dataset/\(source)/\(name ?? id)",
            identifier: identifier ?? id,
            provenance: [Provenance(sourceID: source, remoteID: id, remoteName: name, url: provenanceURL)],
            title: title, description: "", keywords: keywords,
            modified: modified.map { $0.count > 10 ? .dateTime($0) : .date($0) },
            landingPage: landing,
            publisher: publisher.map { Agent(name: $0) },
            politicalGeocoding: geo,
            licence: licence.map { Licence(raw: $0, uri: $0, status: .open) },
            derivedFrom: derivedFrom,
            distributions: urls.enumerated().map { Distribution(uri: "urn:\(source):\(id):\($0.offset)", accessURL: $0.element) }
        )
    }

    /// A minimal Dataset from a CKAN/DKAN package dict (id, name, title, url, metadata_modified, resources[].url).
    static func fromCKAN(_ p: [String: Any], source: String) -> Dataset {
        let id = p["id"] as? String ?? ""
        let resources = (p["resources"] as? [[String: Any]] ?? []).compactMap { $0["url"] as? String }
        var author = p["author"] as? String
        if author?.isEmpty == true { author = nil }
        return ds(
            source, id, title: p["title"] as? String ?? "", name: p["name"] as? String,
            landing: (p["url"] as? String).flatMap { $0.isEmpty ? nil : $0 }, urls: resources, publisher: author,
            modified: p["metadata_modified"] as? String)
    }

    static func loadArray(_ path: String) throws -> [[String: Any]] {
        let any = try JSONSerialization.jsonObject(with: Fixtures.data(Fixtures.shared(path)))
        if let a = any as? [[String: Any]] { return a }
        if let d = any as? [String: Any], let r = d["result"] as? [[String: Any]] { return r }
        if let d = any as? [String: Any], let r = d["result"] as? [String: Any] { return [r] }
        if let d = any as? [String: Any] { return [d] }
        return []
    }

    /// Fisher–Yates with SplitMix64: a deterministic permutation.
    static func shuffled<T>(_ a: [T], seed: UInt64) -> [T] {
        var rng = SplitMix64(seed: seed)
        var a = a
        if a.count < 2 { return a }
        for i in stride(from: a.count - 1, to: 0, by: -1) { a.swapAt(i, rng.below(i + 1)) }
        return a
    }
}

extension DD {
    /// A platform-independent text of everything a dedup run returns that callers use: duplicates.csv, every
    /// finding, and per output dataset the fields a merge changes. Used to pin results across refactorings.
    static func digestText(_ r: DedupResult, excluding codes: Set<String> = []) -> String {
        var out = baselineCSV(r)
        for f in r.findings where !codes.contains(f.code) {
            out += "F|\(f.severity.rawValue)|\(f.code)|\(f.source)|\(f.recordID ?? "-")|\(f.field ?? "-")|\(f.message)\n"
        }
        for d in r.datasets {
            out += "D|\(d.uri)|\(d.identifier)|\(d.title)|" + d.provenance.map { "\($0.sourceID):\($0.remoteID):\($0.remoteName ?? "")" }.joined(separator: ",")
            out += "|" + d.otherIdentifiers.joined(separator: ",") + "|" + d.distributions.map { $0.uri + "=" + $0.accessURL }.joined(separator: ",")
            out += "|" + d.keywords.joined(separator: ",") + "|" + d.themes.joined(separator: ",") + "|" + d.derivedFrom.joined(separator: ",")
            out += "|" + d.contributorIDs.joined(separator: ",") + "\n"
        }
        return out
    }

    /// The clusters in the CSV layout the baselines were recorded with (lists joined with " | ", conflicts with
    /// " || "): the digests pin dedup behaviour, not duplicates.csv's list separator (now `|`).
    static func baselineCSV(_ r: DedupResult) -> String {
        var out = DuplicatesCSV.row(DuplicatesCSV.header)
        for (status, clusters) in [("merged", r.clusters), ("review", r.reviewCandidates)] {
            for c in clusters {
                let conflicts = c.conflicts.map { f in f.field + ": " + f.values.map { "\($0.member)=\($0.value)" }.joined(separator: " | ") }
                let rules = c.rules.map(\.rawValue).joined(separator: " ")
                let score = c.score.map { DuplicatesCSV.format2($0) } ?? ""
                let members = [c.members.map(\.key), c.members.map(\.uri), c.members.map(\.title)].map { $0.joined(separator: " | ") }
                out += DuplicatesCSV.row([c.id, status, c.rule.rawValue, rules, score, c.survivor] + members + [conflicts.joined(separator: " || ")])
            }
        }
        return out
    }

    /// FNV-1a 64 of `digestText`, with the counts: `datasets/clusters/review/findings#hash`.
    static func digest(_ r: DedupResult, excluding codes: Set<String> = []) -> String {
        let findings = r.findings.filter { !codes.contains($0.code) }.count
        return "\(r.datasets.count)/\(r.clusters.count)/\(r.reviewCandidates.count)/\(findings)#"
            + DedupNormalize.stableHash(digestText(r, excluding: codes))
    }
}
