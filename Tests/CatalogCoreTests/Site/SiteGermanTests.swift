@testable import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

private typealias F = SiteFixtures

/// The site speaks German: finding kinds, geocoding levels and statuses have German names; codes stay beside
/// them as identifiers, and English messages are marked as such.
@Suite struct SiteGermanTests {
    @Test func everyFindingKindOfTheRunHasAGermanName() throws {
        let codes = Set(F.demo.report.findings.map(\.code))
        #expect(codes.count > 5)
        for code in codes { #expect(SiteFindingTexts.titles[code] != nil, "\(code) has no German name") }
        let html = try #require(SiteRendererTests.demoSite["harvest.html"])
        for code in codes { #expect(html.contains(SiteHTML.escape(SiteFindingTexts.title(code)))) }
        // Messages are the report's (English), marked for screen readers and translators.
        #expect(html.contains("<span lang=\"en\" class=\"message\">"))
        // An unknown code still gets a German family name.
        #expect(SiteFindingTexts.title("licence.somethingNew") == "Lizenz: licence.somethingNew")
    }

    @Test func geocodingLevelsAreGerman() {
        let base = "http://dcat-ap.de/def/politicalGeocodingLevel/"
        #expect(SiteLabels.label(base + "state", SiteLabels.geocodingLevels) == "Land")
        #expect(SiteLabels.label(base + "municipality", SiteLabels.geocodingLevels) == "Gemeinde")
        #expect(SiteLabels.label(base + "administrativeDistrict", SiteLabels.geocodingLevels) == "Kreis")
        let site = SiteRendererTests.demoSite
        let pages = site.pages.filter { $0.hasPrefix("datensatz/") }.compactMap { site[$0] }
        #expect(!pages.contains { $0.contains("Ebene: municipality") || $0.contains("Ebene: state") })
        #expect(pages.contains { $0.contains("Ebene: Land") || $0.contains("Ebene: Gemeinde") || $0.contains("Ebene: Kreis") })
    }
}
