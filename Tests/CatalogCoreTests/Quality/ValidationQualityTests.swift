@testable import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

/// The run's SHACL validation as the score, the pages and the report read it (the validator itself is
/// exercised against real pyshacl in CatalogIOTests/ValidationRunTests).
@Suite struct ValidationQualityTests {
    typealias R = ValidationReport

    /// A report on the worked example's dataset: `violations` under DCAT-AP 3.0.1, two failed dashboard checks.
    static func report(violations: Int, dcatAP: String = "dcat-ap-3.0.1") -> R {
        let uri = QualityScoreTests.example().uri
        let item = R.DatasetResult.Item(severity: "Violation", path: "dcat:accessURL", message: "Mindestens 1 Wert erwartet", count: violations)
        let ap = R.SetResult(violations: violations, warnings: 0, infos: 0, failed: 0,
                             groups: violations == 0 ? [] : [R.Group(severity: "Violation", shape: "dcat:DistributionShape", path: "dcat:accessURL", message: "Mindestens 1 Wert erwartet", count: violations)],
                             datasets: violations == 0 ? [] : [R.DatasetResult(dataset: uri, violations: violations, warnings: 0, failed: 0, results: [item])])
        let failedChecks = [
            R.DatasetResult.Item(severity: "Nicht bestanden", path: "dct:license", message: "Lizenz ist nicht offen", count: 1),
            R.DatasetResult.Item(severity: "Nicht bestanden", path: "dcat:keyword", message: "Schlagwörter fehlen", count: 1),
        ]
        let dashboard = R.SetResult(violations: 0, warnings: 0, infos: 0, failed: 2,
                                    groups: failedChecks.map { R.Group(severity: $0.severity, shape: "", path: $0.path, message: $0.message, count: 1) },
                                    datasets: [R.DatasetResult(dataset: uri, violations: 0, warnings: 0, failed: 2, results: failedChecks)])
        return R(file: "catalog.ttl", triples: 120, sets: [dcatAP: ap, "dashboard_live": dashboard])
    }

    static var catalog: Catalog {
        Catalog(uri: "https://example.org/k", title: "K", description: "K", publisher: Agent(name: "Stadt Aachen"), datasets: [QualityScoreTests.example()])
    }

    @Test func dcatAPIndicatorFollowsTheValidation() throws {
        func dcatAP(_ checks: QualityChecks) throws -> QualityResult {
            let report = QualityReport(Self.catalog, checks: checks)
            return try #require(report.entries[0].quality.results.first { $0.indicator.id == "dcat-ap" })
        }
        // No validation: not checked, as before (the worked example's 222.5).
        #expect(try dcatAP(.none).status == .notChecked)
        // Passing DCAT-AP 3.0.1: the full 30 points; the report no longer counts them as not checked.
        let passed = QualityReport(Self.catalog, checks: QualityChecks(validation: Self.report(violations: 0)))
        #expect(passed.entries[0].quality.total == 252.5)
        #expect(try dcatAP(QualityChecks(validation: Self.report(violations: 0))).status == .met)
        guard case .object(let section) = passed.reportSection() else { Issue.record("not an object"); return }
        #expect(section["notChecked"] == .number(80))
        // A violation on the dataset (or one of its nodes): none, and the fix points at the validation.
        let failed = try dcatAP(QualityChecks(validation: Self.report(violations: 2)))
        #expect(failed.status == .missing && failed.earned == 0)
        // DCAT-AP 3.0.0 decides when 3.0.1 did not run; GovData's profiles alone do not score it.
        #expect(try dcatAP(QualityChecks(validation: Self.report(violations: 0, dcatAP: "dcat-ap-3.0.0"))).status == .met)
        #expect(try dcatAP(QualityChecks(validation: Self.report(violations: 0, dcatAP: "v30_de_spec"))).status == .notChecked)
    }

    static func site(_ outcome: ValidationOutcome) -> RenderedSite {
        var input = SiteInput(catalog: PublishedView.ensure(Self.catalog), downloads: ["catalog.ttl", "quality.csv", "validierung.json"])
        input.validation = outcome
        input.quality = QualityReport(input.catalog, checks: QualityChecks(validation: outcome.report))
        return RenderedSite(input)
    }

    @Test func validationPageAndDashboardBesideTheScore() throws {
        let site = Self.site(.report(Self.report(violations: 2)))
        let page = try #require(site["validierung/index.html"])
        #expect(page.contains("DCAT-AP 3.0.1 (SEMIC, data.europa.eu)") && page.contains("GovData-Qualitätsdashboard"))
        #expect(page.contains("Mindestens 1 Wert erwartet") && page.contains("Verstoß"))
        // The dataset with violations is listed with a link to its page.
        let slug = PublishedView.ensure(Self.catalog).datasets[0].facts.slug
        #expect(page.contains("href=\"../datensatz/\(slug).html\""))
        // Every page links the validation page; the quality page shows the dashboard beside the score.
        #expect(try #require(site["index.html"]).contains("href=\"validierung/index.html\""))
        let quality = try #require(site.files.first { $0.key.hasPrefix("qualitaet/") && $0.key != "qualitaet/index.html" }?.value)
        #expect(quality.contains("Dashboard: nicht bestanden") && quality.contains("Lizenz ist nicht offen"))
        #expect(quality.contains("<h2>GovData-Qualitätsdashboard</h2>"))
        // The intro no longer lists DCAT-AP compliance as not checked, and says which profile decided it.
        #expect(!quality.contains("DCAT-AP-konform (30 Punkte)") && quality.contains("DCAT-AP 3.0.1"))
    }

    @Test func validationThatDidNotRunIsSaidNotHidden() throws {
        let site = Self.site(.unavailable("python3 not found", de: "python3 fehlt"))
        let page = try #require(site["validierung/index.html"])
        #expect(page.contains("Die Prüfung lief bei dieser Ernte nicht: python3 fehlt"))
        let findings = Pipeline.validationFindings(.unavailable("python3 not found", de: "python3 fehlt"))
        #expect(findings.map(\.code) == ["validation.unavailable"] && findings[0].severity == .warning)
        let file = String(decoding: Pipeline.validationFile(.unavailable("python3 not found", de: "python3 fehlt")).bytes, as: UTF8.self)
        #expect(file.contains("\"ran\" : false") && file.contains("python3 not found"))
    }

    @Test func profilesWithViolationsBecomeFindingsAndReportCounts() throws {
        let report = Self.report(violations: 2)
        let findings = Pipeline.validationFindings(.report(report))
        #expect(findings.map(\.field) == ["dcat-ap-3.0.1"])
        #expect(findings[0].message.contains("2 SHACL violations") && (findings[0].messageDE ?? "").contains("DCAT-AP 3.0.1"))
        guard case .object(let section) = report.reportSection(), case .object(let profiles)? = section["profiles"],
              case .object(let ap)? = profiles["dcat-ap-3.0.1"], case .object(let dashboard)? = profiles["dashboard_live"]
        else { Issue.record("unexpected section shape"); return }
        #expect(ap["violations"] == .number(2) && ap["datasetsWithViolations"] == .number(1))
        #expect(dashboard["failedChecks"] == .number(2) && dashboard["datasetsWithRemarks"] == .number(1))
    }
}
