import CatalogCore
import Foundation
import Testing

@testable import CatalogIO

@Suite struct DedupConfigTests {
    static let head = """
        [catalog]
        title = "Katalog"
        description = "Beschreibung"
        base_uri = "https://offenedaten.aachen.de/katalog"
        vocabularies = "vocab"
        [catalog.publisher]
        name = "Stadt Aachen"

        [[source]]
        id = "stadt-aachen"
        title = "Stadt Aachen"
        kind = "ckan"
        url = "https://offenedaten.aachen.de"
        priority = 20

        [[source]]
        id = "open-nrw"
        title = "Open.NRW"
        kind = "ckan"
        url = "https://open.nrw"
        priority = 5

        """

    static func parse(_ text: String) throws(ConfigError) -> AppConfig {
        try ConfigLoader.parse(text, fileURL: URL(fileURLWithPath: "/srv/od/catalog/sources.toml"), displayName: "catalog/sources.toml")
    }

    @Test func dedupSectionAndPrioritiesAreRead() throws {
        let config = try Self.parse(Self.head + """
            [dedup]
            fuzzy_threshold = 0.9
            auto_merge_fuzzy = true
            fuzzy_block_cap = 50

            [[dedup.same]]
            members = ["stadt-aachen:abc", "open-nrw:xyz"]

            [[dedup.different]]
            members = ["stadt-aachen:alsdorf", "open-nrw:alsdorf-rlp"]
            """)
        #expect(config.dedup.fuzzyThreshold == 0.9)
        #expect(config.dedup.autoMergeFuzzy)
        #expect(config.dedup.fuzzyBlockCap == 50)
        #expect(config.dedup.same == [["stadt-aachen:abc", "open-nrw:xyz"]])
        #expect(config.dedup.different == [["stadt-aachen:alsdorf", "open-nrw:alsdorf-rlp"]])
        #expect(config.dedup.sourcePriority == ["stadt-aachen": 20, "open-nrw": 5])
        #expect(config.vocabularies?.path == "/srv/od/catalog/vocab")
    }

    @Test func defaultsWithoutDedupSection() throws {
        let config = try Self.parse(Self.head)
        #expect(config.dedup.fuzzyThreshold == DedupSettings().fuzzyThreshold)
        #expect(!config.dedup.autoMergeFuzzy && config.dedup.same.isEmpty)
    }

    @Test func badValuesNameKeyAndExpectation() {
        #expect {
            try Self.parse(Self.head + "[dedup]\nfuzzy_threshold = 1.5\n")
        } throws: { error in
            "\(error)".contains("dedup.fuzzy_threshold") && "\(error)".contains("between 0 and 1")
        }
        #expect {
            try Self.parse(Self.head + "[dedup]\nfuzzy_block_cap = 1\n")
        } throws: { error in
            "\(error)".contains("dedup.fuzzy_block_cap") && "\(error)".contains("≥ 2")
        }
        #expect {
            try Self.parse(Self.head + "[[dedup.same]]\nmembers = [\"only-one:x\"]\n")
        } throws: { error in
            "\(error)".contains("members") && "\(error)".contains("at least two")
        }
        #expect {
            try Self.parse(Self.head + "[dedup]\nfuzzy_treshold = 0.9\n")
        } throws: { error in
            "\(error)".contains("fuzzy_treshold")
        }
    }
}
