// Dataset series (DCAT 3 `dcat:DatasetSeries`, ckanext-dcat `type = dataset_series` with `in_series` on the
// members): the members' references are resolved to the series' dataset IRIs before deduplication, and
// deduplication never merges two members of one series (nor a series with a member): yearly editions of the
// same statistics share title, publisher and often URLs, and are still different datasets.

package enum DatasetSeries {
    /// Replaces each `inSeries` reference by the IRI of the series dataset it names: a CKAN id or name, or the
    /// source's own IRI or identifier of the series, looked up among the datasets of the same source. A
    /// reference that names no series of the run is kept when it is an absolute IRI (the series may be
    /// published elsewhere) and otherwise dropped with a finding naming it.
    package static func resolve(_ datasets: inout [Dataset]) -> [Finding] {
        var byKey: [String: String] = [:]
        for d in datasets where d.isSeries {
            for key in keys(d) { byKey[d.sourceID + "\u{1F}" + key] = d.uri }
        }
        var findings: [Finding] = []
        for i in datasets.indices where !datasets[i].inSeries.isEmpty {
            let d = datasets[i]
            var resolved: [String] = []
            for ref in d.inSeries {
                if let uri = byKey[d.sourceID + "\u{1F}" + ref] {
                    resolved.append(uri)
                } else if ref.hasPrefix("http://") || ref.hasPrefix("https://") {
                    resolved.append(ref)
                    findings.append(Finding(.note, source: d.sourceID, record: d.remoteID, field: "in_series", .seriesExternal, [ref]))
                } else {
                    findings.append(Finding(.warning, source: d.sourceID, record: d.remoteID, field: "in_series", .seriesUnknown, [ref]))
                }
            }
            var seen = Set<String>()
            datasets[i].inSeries = resolved.filter { seen.insert($0).inserted }
        }
        return findings
    }

    /// The names a series is referred to by in its source: CKAN id and name, identifier, other identifiers.
    private static func keys(_ d: Dataset) -> [String] {
        var out = [d.identifier, d.uri] + d.otherIdentifiers
        for p in d.provenance where p.sourceID == d.sourceID {
            out.append(p.remoteID)
            if let name = p.remoteName { out.append(name) }
        }
        return out
    }

    /// Forbids merging two members of one series, and a series with its members (`order[i]`: the input index
    /// of union-find element i).
    static func keepApart(_ uf: inout UnionFind, input: UnsafeBufferPointer<Dataset>, order: [Int]) {
        var groups: [String: [Int]] = [:]
        for i in order.indices {
            let d = input[order[i]]
            for s in d.inSeries { groups[s, default: []].append(i) }
            if d.isSeries { groups[d.uri, default: []].append(i) }
        }
        for members in groups.values where members.count > 1 {
            for x in members { for y in members where x < y { uf.forbid(x, y) } }
        }
    }
}

extension FindingTemplate {
    /// Arguments: [series IRI]
    static let seriesExternal = FindingTemplate("series.external", { "Series \($0[0]) is not among this run's datasets; dcat:inSeries points to it as given." },
                                                de: { "Die Datenreihe \($0[0]) ist in diesem Lauf nicht enthalten; dcat:inSeries verweist auf sie wie angegeben." })
    /// Arguments: [reference as given]
    static let seriesUnknown = FindingTemplate("series.unknown", { "in_series names \($0[0]), which is no dataset series of this source; the reference is left out." },
                                               de: { "in_series nennt \($0[0]); das ist keine Datenreihe dieser Quelle, der Verweis entfällt." })
}
