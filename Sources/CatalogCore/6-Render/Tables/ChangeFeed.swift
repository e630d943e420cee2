// Change feeds: which datasets are new, changed or withdrawn, per run, as Atom (RFC 4287) for the whole
// catalogue (`feeds/aenderungen.atom`) and per publisher (`feeds/herausgeber-<key>.atom`, the key of the
// publisher's facet page), so hackday participants and downstream portals can follow the catalogue.
//
// A run compares each dataset's fingerprint (a hash of its model JSON, published facts included) with the
// previous published snapshot's `feeds/stand.tsv`; the feed keeps the newest `maxEntries` changes, carried over
// from the previous `feeds/eintraege.tsv`. The first run (no previous state) records the state and lists no
// changes. Pure: IO reads the previous files and passes them in (`ChangeFeed.State`).

package enum ChangeFeed {
    package enum Kind: String, Sendable, CaseIterable {
        case new = "neu", changed = "geaendert", withdrawn = "zurueckgezogen"

        var label: String {
            switch self {
            case .new: "Neu"
            case .changed: "Geändert"
            case .withdrawn: "Zurückgezogen"
            }
        }
    }

    /// What a dataset looked like in a run: enough to name it in a later "withdrawn" entry.
    package struct Known: Sendable, Hashable {
        package var fingerprint: String
        package var title: String
        package var publisher: String
        package var slug: String
    }

    package struct Entry: Sendable, Hashable {
        package var time: String
        package var kind: Kind
        package var iri: String
        package var title: String
        package var publisher: String
        package var slug: String
    }

    /// The previous run's state: fingerprints by dataset IRI, and the entries of its feed (newest first).
    package struct State: Sendable {
        package var known: [String: Known]
        package var entries: [Entry]

        package init(known: [String: Known], entries: [Entry]) {
            self.known = known
            self.entries = entries
        }
    }

    /// Entries kept in a feed (and carried from run to run).
    package static let maxEntries = 500
    package static let stateFile = "feeds/stand.tsv"
    package static let entriesFile = "feeds/eintraege.tsv"
    package static let mainFeed = "feeds/aenderungen.atom"

    /// The feeds and state files for `catalog` (published view applied) after `previous` (nil on a first run);
    /// `fingerprints` are its datasets' (`Catalog.modelJSON(chunk:write:)`, which serialises them anyway).
    package static func files(_ catalog: Catalog, fingerprints: [String], previous: State?, runTime: String) -> [ExportFile] {
        let known = state(catalog, fingerprints: fingerprints)
        let changes = previous.map { diff(from: $0.known, to: known, time: runTime) } ?? []
        let entries = Array((changes + (previous?.entries ?? [])).prefix(maxEntries))
        let keys = SiteModel.publisherKeys(catalog.datasets.map { $0.facts.publisher.name })
        var files = [
            ExportFile(name: stateFile, text: stateTSV(known)),
            ExportFile(name: entriesFile, text: entriesTSV(entries)),
            ExportFile(name: mainFeed, text: atom(catalog, entries: entries, runTime: runTime, path: mainFeed, publisher: nil)),
        ]
        for (name, key) in keys.sorted(by: { $0.value < $1.value }) {
            let path = publisherFeed(key)
            files.append(ExportFile(name: path, text: atom(catalog, entries: entries.filter { $0.publisher == name }, runTime: runTime, path: path, publisher: name)))
        }
        return files
    }

    package static func publisherFeed(_ key: String) -> String { "feeds/herausgeber-\(key).atom" }

    /// Fingerprint, title, publisher and page of every dataset, by IRI (a later dataset with the same IRI wins).
    /// A fingerprint is the stable hash of the dataset's model JSON, so any change of any field shows.
    static func state(_ catalog: Catalog, fingerprints: [String]) -> [String: Known] {
        precondition(fingerprints.count == catalog.datasets.count, "one fingerprint per dataset")
        var known: [String: Known] = [:]
        known.reserveCapacity(catalog.datasets.count)
        for (d, fingerprint) in zip(catalog.datasets, fingerprints) {
            let f = d.facts
            known[f.iri] = Known(fingerprint: fingerprint, title: d.title, publisher: f.publisher.name, slug: f.slug)
        }
        return known
    }

    /// New, changed and withdrawn datasets, each kind sorted by title then IRI.
    static func diff(from old: [String: Known], to new: [String: Known], time: String) -> [Entry] {
        var out: [Entry] = []
        for (iri, k) in new {
            guard let before = old[iri] else {
                out.append(Entry(time: time, kind: .new, iri: iri, title: k.title, publisher: k.publisher, slug: k.slug))
                continue
            }
            if before.fingerprint != k.fingerprint {
                out.append(Entry(time: time, kind: .changed, iri: iri, title: k.title, publisher: k.publisher, slug: k.slug))
            }
        }
        for (iri, k) in old where new[iri] == nil {
            out.append(Entry(time: time, kind: .withdrawn, iri: iri, title: k.title, publisher: k.publisher, slug: k.slug))
        }
        let order = Dictionary(uniqueKeysWithValues: Kind.allCases.enumerated().map { ($1, $0) })
        return out.sorted { (order[$0.kind]!, $0.title, $0.iri) < (order[$1.kind]!, $1.title, $1.iri) }
    }

    // MARK: Atom

    static func atom(_ catalog: Catalog, entries: [Entry], runTime: String, path: String, publisher: String?) -> String {
        let esc = SiteHTML.escape
        let title = publisher.map { "Änderungen: \($0) – \(catalog.title)" } ?? "Änderungen – \(catalog.title)"
        let base = catalog.uri.hasSuffix("/catalog") ? String(catalog.uri.dropLast("/catalog".count)) : catalog.uri
        var x = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"de\">\n"
        x += "<id>\(esc(base + "/" + path))</id>\n<title>\(esc(title))</title>\n"
        x += "<subtitle>Neue, geänderte und zurückgezogene Datensätze, je Ernte; die neuesten \(maxEntries).</subtitle>\n"
        // Without entries, the catalogue's last modification (not the run time): unchanged runs give identical feeds.
        x += "<updated>\(esc(atomTime(entries.first?.time ?? catalog.modified?.lexical ?? runTime)))</updated>\n"
        x += "<author><name>\(esc(catalog.publisher.name))</name></author>\n"
        x += "<link rel=\"self\" type=\"application/atom+xml\" href=\"\(esc(path.split(separator: "/").last.map(String.init) ?? path))\"/>\n"
        x += "<link rel=\"alternate\" type=\"text/html\" href=\"../index.html\"/>\n"
        x += "<generator>opendata</generator>\n"
        for e in entries {
            x += "<entry>\n<id>\(esc(e.iri))#\(e.kind.rawValue)-\(esc(atomTime(e.time)))</id>\n"
            x += "<title>\(e.kind.label): \(esc(e.title))</title>\n<updated>\(esc(atomTime(e.time)))</updated>\n"
            if e.kind != .withdrawn { x += "<link rel=\"alternate\" type=\"text/html\" href=\"../datensatz/\(esc(e.slug)).html\"/>\n" }
            x += "<link rel=\"related\" href=\"\(esc(e.iri))\"/>\n"
            x += "<category term=\"\(e.kind.rawValue)\" label=\"\(e.kind.label)\"/>\n"
            x += "<summary>\(e.kind.label) bei \(esc(e.publisher)): \(esc(e.title))</summary>\n</entry>\n"
        }
        return x + "</feed>\n"
    }

    /// RFC 3339 for Atom: a date becomes midnight UTC; a date-time without zone is taken as UTC.
    static func atomTime(_ s: String) -> String {
        if s.count == 10 { return s + "T00:00:00Z" }
        return TabularExport.timestamp(.dateTime(s))
    }

    // MARK: state files (tab-separated; tabs and line breaks in values become spaces)

    /// `s` with every tab, LF and CR replaced by a space, byte for byte (so a CR LF is two spaces: as one
    /// `Character` it used to stay in the file, a line break for any reader of the TSV but this one).
    static func clean(_ s: String) -> String {
        if s.allUTF8({ $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) { return s }
        return String(decoding: s.utf8.map { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 }, as: UTF8.self)
    }

    /// One line per dataset, by IRI, written into one buffer of the file's exact size (at 100 k datasets a line per
    /// dataset and their join were about 100 MB beside the file).
    static func stateTSV(_ known: [String: Known]) -> String {
        let iris = known.keys.sorted()
        func fields(_ iri: String) -> [String] {
            let k = known[iri]!
            return [iri, k.fingerprint, k.title, k.publisher, k.slug]
        }
        // Cleaning keeps the byte count: four tabs and a newline per line besides the fields.
        var size = 0
        for iri in iris { size += fields(iri).reduce(5) { $0 + $1.utf8.count } }
        var out = ""
        out.reserveCapacity(size)
        for iri in iris {
            for (i, field) in fields(iri).enumerated() {
                if i > 0 { out += "\t" }
                out += clean(field)
            }
            out += "\n"
        }
        return out
    }

    static func entriesTSV(_ entries: [Entry]) -> String {
        entries.map { e in [e.time, e.kind.rawValue, e.iri, e.title, e.publisher, e.slug].map(clean).joined(separator: "\t") + "\n" }.joined()
    }

    /// The state a previous run wrote (`stand.tsv`, `eintraege.tsv`); malformed lines are skipped.
    package static func state(stateTSV: String, entriesTSV: String) -> State {
        var known: [String: Known] = [:]
        for line in stateTSV.split(separator: "\n") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 5 else { continue }
            known[f[0]] = Known(fingerprint: f[1], title: f[2], publisher: f[3], slug: f[4])
        }
        var entries: [Entry] = []
        for line in entriesTSV.split(separator: "\n") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 6, let kind = Kind(rawValue: f[1]) else { continue }
            entries.append(Entry(time: f[0], kind: kind, iri: f[2], title: f[3], publisher: f[4], slug: f[5]))
        }
        return State(known: known, entries: entries)
    }
}
