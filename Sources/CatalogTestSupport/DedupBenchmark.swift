// A deterministic synthetic catalogue for measuring the deduplicator (no clock here: a benchmark command times
// `Deduplicator.run` around `syntheticDatasets`). See docs/dedup.md "Benchmark".

package import CatalogCore

/// SplitMix64 (Steele, Lea, Flood 2014): a tiny seeded generator for deterministic test data.
package struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    package init(seed: UInt64) { state = seed }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in 0..<bound (bound > 0).
    package mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

package enum DedupBenchmark {
    static let words = [
        "bevoelkerung", "haushalt", "wahlen", "schulen", "kitas", "verkehr", "baustellen", "parkplaetze", "radwege",
        "baeume", "spielplaetze", "bebauungsplaene", "luftqualitaet", "laerm", "abfall", "wasser", "energie", "strom",
        "solar", "sport", "baeder", "museen", "bibliotheken", "friedhoefe", "haltestellen", "fahrplan", "unfaelle",
        "gewerbe", "arbeitsmarkt", "tourismus", "hotels", "denkmaeler", "gruenflaechen", "wahlbezirke", "stadtteile",
        "strassen", "hausnummern", "postleitzahlen", "einwohner", "geburten", "sterbefaelle", "zuzuege", "wegzuege",
        "sozialhilfe", "wohngeld", "mieten", "grundstuecke", "katasterkarte", "luftbilder", "orthophotos", "ladesaeulen",
        "carsharing", "taxistaende", "ampeln", "blitzer", "feuerwehr", "rettungswachen", "polizei", "krankenhaeuser",
        "apotheken", "aerzte", "pflegeheime", "jugendzentren", "senioren", "integration", "fluechtlinge", "vereine",
        "veranstaltungen", "maerkte", "wochenmarkt", "kirmes", "karneval", "domplatz", "rathaus", "ratsbeschluesse",
        "sitzungen", "ausschuesse", "haushaltsplan", "steuern", "gebuehren", "satzungen", "ortsrecht", "hochwasser",
        "pegel", "niederschlag", "temperatur", "wetter", "klima", "emissionen", "lärmkarte", "brunnen", "toiletten",
    ]

    /// `count` datasets from 5 sources; about `duplicateShare` of them are copies of another dataset in another
    /// source, linked by one of the five rules (identifier, origin link, landing page, URL set, fuzzy title).
    /// Some datasets share generic URLs (a WMS capabilities endpoint, a portal home page). Same seed → same data.
    package static func syntheticDatasets(count: Int, duplicateShare: Double, seed: UInt64) -> [Dataset] {
        var rng = SplitMix64(seed: seed)
        let sources = ["stadt", "kreis", "land", "govdata", "portal"]
        let originals = max(1, Int(Double(count) * (1 - min(0.9, max(0, duplicateShare)))))
        var out: [Dataset] = []
        out.reserveCapacity(count)
        func hex(_ n: Int) -> String {
            var s = ""
            while s.count < n { s += String(rng.next(), radix: 16) }
            return String(s.prefix(n))
        }
        func uuid() -> String { "\(hex(8))-\(hex(4))-\(hex(4))-\(hex(4))-\(hex(12))" }
        func title() -> String {
            var t = (0..<(3 + rng.below(4))).map { _ in words[rng.below(words.count)] }
            if rng.below(3) == 0 { t.append(String(2000 + rng.below(25))) }
            return t.joined(separator: " ")
        }
        for i in 0..<originals {
            let source = sources[rng.below(sources.count)]
            let id = uuid()
            let pub = rng.below(300)
            let host = "daten\(pub).example.de"
            var dists: [Distribution] = []
            for k in 0..<(1 + rng.below(4)) {
                let u = "https://\(host)/\(id)/file\(k).csv"
                dists.append(Distribution(uri: "urn:dist:\(id):\(k)", accessURL: u, downloadURL: u))
            }
            if rng.below(5) == 0 {
                dists.append(Distribution(uri: "urn:dist:\(id):wms", accessURL: "https://geo.example.de/wms?SERVICE=WMS&REQUEST=GetCapabilities"))
            }
            let landing = rng.below(10) == 0 ? "https://\(source).example.de/" : "https://\(source).example.de/dataset/ds-\(i)"
            out.append(Dataset(
                uri: "https://opendata.example/dataset/\(source)/ds-\(i)",
                identifier: rng.below(2) == 0 ? id : "DE-\(pub)-\(i)",
                provenance: [Provenance(sourceID: source, remoteID: id, remoteName: "ds-\(i)", url: "https://\(source).example.de/dataset/ds-\(i)")],
                title: title(), description: "", keywords: ["k\(rng.below(50))"],
                modified: .date("20\(10 + rng.below(15))-0\(1 + rng.below(9))-1\(rng.below(10))"),
                landingPage: landing, publisher: Agent(name: "Amt \(pub)"),
                politicalGeocoding: ["http://dcat-ap.de/def/politicalGeocoding/regionalKey/05334\(1000000 + pub)"],
                distributions: dists))
        }
        var d = 0
        while out.count < count {
            let o = out[rng.below(originals)]
            let source = sources.filter { $0 != o.sourceID }[rng.below(sources.count - 1)]
            let id = uuid()
            var c = o
            c.uri = "https://opendata.example/dataset/\(source)/copy-\(d)"
            c.identifier = id
            c.provenance = [Provenance(sourceID: source, remoteID: id, remoteName: "copy-\(d)")]
            c.landingPage = "https://\(source).example.de/dataset/copy-\(d)"
            c.modified = .date("2024-0\(1 + rng.below(9))-1\(rng.below(10))")
            let ownHost = "mirror\(rng.below(1000)).example.org"
            let moved = o.distributions.map { x -> Distribution in
                var y = x
                y.accessURL = "https://\(ownHost)/\(id)/\(y.uri.count)"
                y.downloadURL = y.accessURL
                return y
            }
            switch rng.below(5) {
            case 0: c.identifier = o.identifier; c.distributions = moved
            case 1: c.derivedFrom = [o.landingPage ?? o.uri]; c.distributions = moved
            case 2: c.landingPage = o.landingPage; c.distributions = moved
            case 3:
                c.distributions = o.distributions.map { x in
                    var y = x
                    y.accessURL = x.accessURL.replacingHTTPS() + "?utm_source=harvest"
                    y.downloadURL = nil
                    return y
                }
            default:
                c.title = o.title + " " + words[rng.below(words.count)]
                c.distributions = moved + [Distribution(uri: "urn:x", accessURL: o.distributions[0].accessURL + "x")]
            }
            out.append(c)
            d += 1
        }
        return out
    }
}

extension String {
    fileprivate func replacingHTTPS() -> String {
        hasPrefix("https://") ? "http://" + dropFirst(8) : self
    }
}
