@testable import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

private typealias F = SiteFixtures

/// The site speaks German: finding kinds, geocoding levels and statuses have German names; codes stay beside
/// them as identifiers, and each finding's sentence is German (English only for old reports, marked as such).
@Suite struct SiteGermanTests {
    @Test func everyFindingKindOfTheRunHasAGermanName() throws {
        let codes = Set(F.demo.report.findings.map(\.code))
        #expect(codes.count > 5)
        for code in codes { #expect(SiteFindingTexts.titles[code] != nil, "\(code) has no German name") }
        let html = try #require(SiteRendererTests.demoSite["harvest.html"])
        for code in codes { #expect(html.contains(SiteHTML.escape(SiteFindingTexts.title(code)))) }
        // Each finding's own sentence is German too (messageDE, written where the finding is made); none is
        // left English on the page.
        #expect(html.contains("<span class=\"message\">"))
        #expect(!html.contains("lang=\"en\""))
        // An unknown code still gets a German family name.
        #expect(SiteFindingTexts.title("licence.somethingNew") == "Lizenz: licence.somethingNew")
    }

    @Test func everyFindingOfTheRunHasAGermanSentence() throws {
        let findings = F.demo.report.findings
        #expect(findings.count > 100)
        for f in findings { #expect(f.messageDE != nil, "\(f.code) has no German message") }
        // Translated, not copied: apart from the licence audit's verdicts (German in both), the sentences differ.
        let copied = findings.filter { f in
            !f.code.hasPrefix("licence.") && f.messageDE == f.message
        }
        #expect(copied.isEmpty, "\(copied.prefix(3).map(\.code))")
        // One sample per code, spot-checked for German words, so a sentence pasted in the wrong language shows.
        let english = ["could not", " is not ", " dropped", " left out", "Rejected", " used "]
        for f in findings {
            let de = f.messageDE ?? ""
            #expect(!english.contains { de.contains($0) }, "\(f.code): \(de)")
        }
        // report.json carries both sentences.
        let report = String(decoding: F.demo.report.jsonData(), as: UTF8.self)
        #expect(report.contains("\"messageDE\" : "))
    }

    @Test func aFindingWithoutAGermanSentenceIsMarkedEnglish() throws {
        var f = Finding(.warning, "date.unparsable", source: "s", record: "r", field: "modified", "Date 'x' could not be read; left out.", de: "Das Datum „x“ ist nicht lesbar; weggelassen.")
        #expect(f.germanMessage.text == "Das Datum „x“ ist nicht lesbar; weggelassen." && f.germanMessage.isGerman)
        // A report written before German messages existed decodes with messageDE nil; the page marks the English.
        let old = try JSONDecoder().decode(Finding.self, from: Data(#"{"severity":"warning","code":"date.unparsable","source":"s","message":"Date 'x' could not be read; left out."}"#.utf8))
        #expect(old.messageDE == nil && !old.germanMessage.isGerman)
        f.messageDE = nil
        #expect(f.germanMessage.text == f.message)
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
