// dcat-ap.de political geocoding IRIs (`http://dcat-ap.de/def/politicalGeocoding/<kind>/<key>`) looked up in the
// official boundaries. The keys are the statistical offices' keys: stateKey (2 digits), governmentDistrictKey
// (3), districtKey (5), municipalAssociationKey (9), municipalityKey (AGS, 8), regionalKey (ARS, 12).

package enum PoliticalGeocoding {
    package enum Kind: String, Sendable, CaseIterable {
        case stateKey, governmentDistrictKey, districtKey, municipalAssociationKey, municipalityKey, regionalKey

        var digits: Int {
            switch self {
            case .stateKey: 2
            case .governmentDistrictKey: 3
            case .districtKey: 5
            case .municipalAssociationKey: 9
            case .municipalityKey: 8
            case .regionalKey: 12
            }
        }
    }

    package struct Key: Sendable, Hashable {
        package var kind: Kind
        package var digits: String

        package init(kind: Kind, digits: String) {
            self.kind = kind
            self.digits = digits
        }
    }

    /// The kind and key of a geocoding IRI (http or https, with or without `www.`, trailing slash ignored);
    /// nil when it is not one with a key of the right length.
    package static func key(_ iri: String) -> Key? {
        var s = Substring(iri.trimmedBlanks())
        for scheme in ["https://", "http://"] where s.hasPrefix(scheme) { s = s.dropFirst(scheme.count) }
        if s.hasPrefix("www.") { s = s.dropFirst(4) }
        let path = "dcat-ap.de/def/politicalGeocoding/"
        guard s.hasPrefix(path) else { return nil }
        s = s.dropFirst(path.count)
        while s.hasSuffix("/") { s = s.dropLast() }
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let kind = Kind(rawValue: String(parts[0])) else { return nil }
        let digits = String(parts[1])
        guard digits.count == kind.digits, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Key(kind: kind, digits: digits)
    }

    /// An area found for a geocoding: the area itself (`exact`), or the smallest known area containing it.
    package struct Match: Sendable, Hashable {
        package var iri: String
        package var area: BoundaryArea
        package var exact: Bool
    }

    /// The area a geocoding IRI names, else the smallest known area containing it; nil when the IRI is not a
    /// geocoding key or the boundaries know no area for it.
    package static func match(_ iri: String, in boundaries: Boundaries) -> Match? {
        guard let k = key(iri) else { return nil }
        // An ARS padded with zeros names the larger area itself (020000000000 = Hamburg, 053150000000 = Köln).
        func exact(_ a: BoundaryArea) -> Bool {
            let rest = k.digits.dropFirst(min(a.key.count, k.digits.count))
            if k.kind == .municipalityKey { return a.level == .gemeinde || rest.allSatisfy { $0 == "0" } }
            return a.key.count >= k.digits.count || rest.allSatisfy { $0 == "0" }
        }
        if k.kind == .municipalityKey, let a = boundaries.area(ags: k.digits) { return Match(iri: iri, area: a, exact: true) }
        if k.kind == .regionalKey, let a = boundaries.area(key: k.digits) { return Match(iri: iri, area: a, exact: true) }
        for level in [BoundaryArea.Level.kreis, .land] where level.keyLength <= k.digits.count {
            if let a = boundaries.area(key: String(k.digits.prefix(level.keyLength))) { return Match(iri: iri, area: a, exact: exact(a)) }
        }
        return nil
    }

    /// The one area for a dataset's geocodings: the most specific match when all matches lie in it (a dataset
    /// may give its Gemeinde and its Land), else the smallest known area containing all of them; nil when none
    /// matches or they have no known area in common (`unmatched` lists IRIs no area was found for).
    package static func area(for iris: [String], in boundaries: Boundaries) -> (match: Match?, unmatched: [String]) {
        var matches: [Match] = []
        var unmatched: [String] = []
        for iri in iris {
            if let m = match(iri, in: boundaries) { matches.append(m) } else { unmatched.append(iri) }
        }
        guard !matches.isEmpty else { return (nil, unmatched) }
        let best = matches.max { ($0.exact ? 1 : 0, $0.area.key.count) < ($1.exact ? 1 : 0, $1.area.key.count) }!
        if matches.allSatisfy({ best.area.key.hasPrefix($0.area.key) }) {
            return (best, unmatched)
        }
        // Several areas: the smallest known area that contains them all (same Kreis, else same Land).
        for level in [BoundaryArea.Level.kreis, .land] {
            let prefixes = Set(matches.map { String($0.area.key.prefix(level.keyLength)) })
            if prefixes.count == 1, let a = boundaries.area(key: prefixes.first!), matches.allSatisfy({ $0.area.key.count >= a.key.count }) {
                return (Match(iri: best.iri, area: a, exact: false), unmatched)
            }
        }
        return (nil, unmatched)
    }
}
