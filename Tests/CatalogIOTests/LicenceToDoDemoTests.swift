import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

@testable import CatalogIO

/// The licence to-do list on the offline demo (issue 18 item 1): only real gaps, in German, grouped with the
/// attribution texts apart, and a to-do CSV for every publisher of the demo.
@Suite(.serialized) struct LicenceToDoDemoTests {
    static func output() async -> Pipeline.Output { await DemoOutput.run.value }

    @Test func onlyRealGapsAreListed() async {
        let audit = await Self.output().audit
        let items = audit.toDo
        #expect(!items.isEmpty)
        for r in items {
            // An open licence with a version is listed only for its missing attribution text.
            if r.status == .open && r.gap != .versionAssumed { #expect(r.gap == .attributionMissing, "\(r.datasetID)") }
            if r.gap == .versionAssumed { #expect(r.targetLicenceID != r.raw && licenceRegistry(r) == r.targetURI) }
        }
        // No row proposes a fix where nothing needs fixing.
        #expect(audit.rows.filter { $0.gap == nil }.allSatisfy { $0.suggestedFix.isEmpty && $0.targetURI.isEmpty })
        // The attribution texts are one to-do per dataset, in their own group, last.
        let attribution = items.filter { $0.gap == .attributionMissing }
        #expect(Set(attribution.map { $0.source + ":" + $0.datasetID }).count == attribution.count)
        #expect(attribution.count == audit.datasetRows.filter(\.attributionMissing).count)
        #expect(audit.toDoGroups.last?.gap == .attributionMissing)
        // Every item names its publisher, title, and portal page.
        #expect(items.allSatisfy { !$0.publisher.isEmpty && !$0.title.isEmpty && ($0.portalURL ?? "").hasPrefix("http") })
        // CKAN sources' items carry an edit link.
        #expect(items.filter { $0.field.hasPrefix("license_id") || $0.field.hasPrefix("resources[") }.allSatisfy { $0.editURL?.contains("/dataset/edit/") == true })
    }

    /// The IRI the audit's own registry gives a licence id (the pipeline's registry, as configured).
    static func resolved(_ id: String) -> String? { DemoOutput.setup.licences.resolve(id).uri }

    @Test func aPublisherFileForEveryDemoPublisher() async throws {
        let output = await Self.output()
        let audit = output.audit
        let publishers = Set(output.catalog.datasets.map { $0.facts.publisher.name })
        let files = audit.publisherFiles()
        #expect(files.count == publishers.count)
        let keys = SiteModel.publisherKeys(Array(publishers))
        #expect(Set(files.map(\.name)) == Set(keys.values.map { "\($0).csv" }))
        for (name, key) in keys {
            let file = try #require(files.first { $0.name == "\(key).csv" })
            let text = String(decoding: file.bytes, as: UTF8.self)
            #expect(text.hasPrefix("\u{FEFF}" + LicenceAudit.csvHeader.joined(separator: ";") + "\r\n"))
            let expected = audit.filtered(publisher: name).toDo.count
            #expect(text.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1 + expected, "\(name)")
        }
    }

    @Test func demoPageIsGermanAndGrouped() async {
        let audit = await Self.output().audit
        let html = audit.html()
        #expect(!html.contains("Zu prüfen:"))
        for (gap, items) in audit.toDoGroups {
            #expect(html.contains("<h2 id=\"gruppe-\(gap.rawValue)\">\(SiteLabels.licenceGap(gap)) (\(items.count))</h2>"))
        }
        for word in ["set license_id", "check whether", "use one licence", "set licenseAttributionByText"] { #expect(!html.contains(word)) }
    }
}

private func licenceRegistry(_ r: LicenceAuditRow) -> String? { LicenceToDoDemoTests.resolved(r.targetLicenceID) }
