@testable import CatalogCore
import Foundation
import Testing

@Suite struct SearchTextTests {
    @Test func foldsGermanLettersAndAccents() {
        #expect(SearchText.tokens("Straßen-Bäume, Öl über Café; GROẞ") == ["strassen", "baeume", "oel", "ueber", "cafe", "gross"])
        // Decomposed umlauts (a + U+0308) fold like precomposed ones.
        #expect(SearchText.tokens("Ba\u{0308}ume") == ["baeume"])
        #expect(SearchText.tokens("COVID-19 (2020)") == ["covid", "19", "2020"])
        #expect(SearchText.tokens("Ærø Łódź") == ["aero", "lodz"])
    }

    @Test func stemsGermanEndingsLightly() {
        #expect(SearchText.stem("minigolfanlagen") == "minigolfanlag")
        #expect(SearchText.stem("minigolf") == "minigolf")
        #expect(SearchText.stem("strasse") == "strass")
        #expect(SearchText.stem("strassen") == "strass")
        #expect(SearchText.stem("verkehrs") == "verkehr")
        #expect(SearchText.stem("kindergaerten") == SearchText.stem("kindergaerte"))
        #expect(SearchText.stem("schulen") == SearchText.stem("schule"))
        #expect(SearchText.stem("daten") == "dat")
        #expect(SearchText.stem("haus") == "hau")
        #expect(SearchText.stem("bus") == "bus")  // three letters stay
        #expect(SearchText.stem("2020") == "2020")
    }

    @Test func termsDropStopWordsAndSingleLetters() {
        #expect(SearchText.terms("Die Bäume und der Park in Köln, Teil a") == ["baeum", "park", "koel", "teil"])
        #expect(SearchText.queryTerms("Schulen schule SCHULE") == ["schul"])
        #expect(SearchText.queryTerms("der die das").isEmpty)
    }
}

@Suite struct SearchIndexTests {
    static func doc(title: String = "", keywords: String = "", publisher: String = "", files: String = "", description: String = "") -> SearchIndex.Document {
        SearchIndex.Document(fields: [.title: title, .keywords: keywords, .publisher: publisher, .distributions: files, .description: description])
    }

    /// Real titles and descriptions from the demo's Hamburg and Köln records.
    static let index = SearchIndex([
        doc(title: "Kundenzentren Köln Wartezeiten", publisher: "Stadt Köln", description: "Auflistung der Kölner Kundenzentren inklusive der Darstellung der aktuellen Wartezeit."),
        doc(title: "100 Jahre Stadtgrün - Stadtpark und Volkspark", keywords: "Parks\nFreizeit", publisher: "Behörde für Umwelt und Energie",
            description: "Dazu zählen zum einen die Standorte von Restaurants, Minigolfanlagen, StadtRAD-Stationen, Grillwiese, öffentliche Toilette etc."),
        doc(title: "Minigolf in Köln", publisher: "Stadt Köln", files: "Minigolfplätze (CSV)", description: "Standorte."),
        doc(title: "Bundestagswahl 2013", keywords: "Wahlen", publisher: "Stadt Köln", description: "Ergebnisse der Bundestagswahl in Köln."),
        doc(title: "Landtagswahl 2012", publisher: "Stadt Köln", description: "Ergebnisse."),
    ])

    @Test func titleMatchOutranksDescriptionMatch() throws {
        let ranked = try #require(Self.index.ranked("Minigolf"))
        #expect(ranked.map(\.doc) == [2, 1])
        #expect(ranked[0].score > ranked[1].score)
    }

    @Test func everyTermMustMatchAndPrefixesCount() throws {
        #expect(try #require(Self.index.ranked("Minigolf Köln")).map(\.doc) == [2])
        #expect(try #require(Self.index.ranked("minigolf zzzqqq")).isEmpty)
        // "Wartezeit" is in doc 0's description, "Wartezeiten" in its title: the stem matches both.
        #expect(try #require(Self.index.ranked("wartezeit")).map(\.doc) == [0])
        // A whole-term match scores more than a match of a longer term's beginning.
        let exact = try #require(Self.index.scores(["park"]))
        let prefix = try #require(Self.index.scores(["par"]))
        #expect(exact[1]! > prefix[1]!)
    }

    @Test func compoundEndingsAreFound() throws {
        // "Wahl" ends "Landtagswahl" (a word of the index on its own, from "Wahlen"): both election datasets.
        #expect(Set(try #require(Self.index.ranked("Wahl")).map(\.doc)) == [3, 4])
        // An ending that is no word of the index on its own is not split off.
        #expect(try #require(Self.index.ranked("Anlagen")).isEmpty)
    }

    @Test func noTermsMeansNoTextFilter() {
        #expect(Self.index.ranked("die und") == nil)
        #expect(Self.index.scores([]) == nil)
    }

    @Test func buildingTwiceGivesTheSameIndex() {
        let docs = (0..<5).map { i in Self.doc(title: "Datensatz \(i) Wahl", description: String(repeating: "Straße Bäume ", count: i + 1)) }
        let a = SearchIndex(docs), b = SearchIndex(docs)
        #expect(a.terms == b.terms)
        #expect(a.postings == b.postings)
        #expect(a.terms == a.terms.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(a.postings.allSatisfy { p in p.allSatisfy { $0.score >= 1 } && p.map(\.doc) == p.map(\.doc).sorted() })
    }
}
