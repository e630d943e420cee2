@testable import CatalogCore
import CatalogTestSupport
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// The change feeds: a run lists what is new, changed and withdrawn since the previous published run, per
/// catalogue and per publisher, as well-formed Atom; the state round-trips through its files.
@Suite struct ChangeFeedTests {
    static func published(_ datasets: [Dataset]) -> Catalog {
        var c = SiteFixtures.catalog(datasets)
        PublishedView.apply(&c, audit: LicenceAudit(datasets: c.datasets, registry: nil))
        return c
    }

    static func text(_ files: [ExportFile], _ name: String) -> String {
        files.first { $0.name == name }.map { String(decoding: $0.bytes, as: UTF8.self) } ?? ""
    }

    /// The feeds of a run, with the fingerprints the run takes from writing the model.
    static func files(_ catalog: Catalog, previous: ChangeFeed.State?, runTime: String) -> [ExportFile] {
        let fingerprints = catalog.modelJSON(chunk: 64) { _ in }.fingerprints
        return ChangeFeed.files(catalog, fingerprints: fingerprints, previous: previous, runTime: runTime)
    }

    /// The state the files of a run hand to the next run (as IO reads it back).
    static func state(_ files: [ExportFile]) -> ChangeFeed.State {
        ChangeFeed.state(stateTSV: text(files, ChangeFeed.stateFile), entriesTSV: text(files, ChangeFeed.entriesFile))
    }

    @Test func listsNewChangedAndWithdrawnSinceThePreviousRun() throws {
        let all = SiteFixtures.koeln.datasets
        #expect(all.count > 10)
        let first = Self.files(Self.published(Array(all.dropLast())), previous: nil, runTime: "2026-12-01T03:00:00Z")
        // A first run records the state and lists nothing.
        #expect(Self.state(first).entries.isEmpty)
        #expect(Self.state(first).known.count == all.count - 1)
        #expect(!Self.text(first, ChangeFeed.mainFeed).contains("<entry>"))

        var next = Array(all.dropFirst())  // the first one withdrawn, the last one new
        next[0].title += " (aktualisiert)"  // one changed
        let second = Self.files(Self.published(next), previous: Self.state(first), runTime: "2026-12-02T03:00:00Z")
        let entries = Self.state(second).entries
        #expect(entries.map(\.kind) == [.new, .changed, .withdrawn])
        #expect(entries[0].title == all.last!.title)
        #expect(entries[1].title == next[0].title)
        #expect(entries[2].title == all[0].title)
        #expect(entries.allSatisfy { $0.time == "2026-12-02T03:00:00Z" })

        // A third run without changes keeps the earlier entries; the feed is byte-identical.
        let third = Self.files(Self.published(next), previous: Self.state(second), runTime: "2026-12-03T03:00:00Z")
        #expect(Self.text(third, ChangeFeed.mainFeed) == Self.text(second, ChangeFeed.mainFeed))
    }

    /// Tabs and line breaks in a value (a CR LF too) become spaces: each dataset stays one line of the state
    /// and reads back with its title.
    @Test func lineBreaksInValuesKeepTheStateOneLinePerDataset() {
        var all = Array(SiteFixtures.koeln.datasets.prefix(3))
        all[0].title = "Erste Zeile\r\nzweite\tZeile\rdritte\nvierte"
        let files = Self.files(Self.published(all), previous: nil, runTime: "2026-12-01T03:00:00Z")
        let tsv = Self.text(files, ChangeFeed.stateFile)
        #expect(tsv.split(separator: "\n").count == 3)
        #expect(Self.state(files).known.values.contains { $0.title == "Erste Zeile  zweite Zeile dritte vierte" })
        #expect(ChangeFeed.clean("ohne Umbruch") == "ohne Umbruch")
    }

    @Test func feedsAreWellFormedAtomPerPublisher() throws {
        let all = SiteFixtures.demo.catalog.datasets
        let first = Self.files(Self.published(Array(all.prefix(20))), previous: nil, runTime: "2026-12-01T03:00:00Z")
        let second = Self.files(Self.published(all), previous: Self.state(first), runTime: "2026-12-02")
        let feeds = second.filter { $0.name.hasSuffix(".atom") }
        let publishers = Set(Self.published(all).datasets.map { $0.facts.publisher.name })
        #expect(feeds.count == publishers.count + 1)
        var entriesInPublisherFeeds = 0
        for feed in feeds {
            let xml = String(decoding: feed.bytes, as: UTF8.self)
            let parser = XMLParser(data: Data(feed.bytes))
            #expect(parser.parse(), "\(feed.name) is not well-formed XML")
            for required in ["<id>", "<title>", "<updated>", "<author><name>"] { #expect(xml.contains(required), "\(feed.name)") }
            let entries = xml.components(separatedBy: "<entry>").count - 1
            if feed.name != ChangeFeed.mainFeed { entriesInPublisherFeeds += entries }
            // RFC 3339 times only.
            for m in xml.matches(of: /<updated>([^<]*)<\/updated>/) {
                #expect(m.output.1.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/) != nil, "\(m.output.1)")
            }
        }
        let main = Self.text(second, ChangeFeed.mainFeed)
        let mainEntries = main.components(separatedBy: "<entry>").count - 1
        #expect(mainEntries == all.count - 20)
        // Every entry is in exactly one publisher's feed.
        #expect(entriesInPublisherFeeds == mainEntries)
        #expect(main.contains("href=\"../datensatz/"))
    }
}
