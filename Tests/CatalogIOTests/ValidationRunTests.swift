import CatalogCore
import CatalogTestSupport
import Foundation
import Testing

@testable import CatalogIO

/// SHACL validation inside a run (`[validation] profiles`, `opendata run --validate`), with the real pyshacl
/// and the shipped shapes: the counts in validierung.json, report.json, the page and the standalone
/// `opendata validate` agree, and the MQA "DCAT-AP compliance" indicator is scored from them.
@Suite(.serialized) struct ValidationRunTests {
    /// Two small real inputs: GovData's Hamburg record (CKAN) and the ckanext-dcatde example catalogue (DCAT).
    static func sources(_ bench: PlainBench) throws -> String {
        let hamburg = try bench.copy("demo/govdata-hamburg-2020.json")
        let dcat = try bench.copy("demo/ckanext-dcatde-catalog-endpoint-example.rdf")
        return PlainBench.dump(hamburg, id: "hamburg") + "[[source]]\nid = \"dcatde\"\ntitle = \"dcatde\"\nkind = \"dcat\"\npath = \"\(dcat.path)\"\n"
    }

    static let profiles = #"profiles = ["v30_de_spec", "dcat-ap-3.0.1", "dashboard_live"]"#

    @Test func runValidatesItsCatalogueAndEveryOutputStatesTheSameCounts() async throws {
        let bench = try PlainBench()
        let config = try bench.config(try Self.sources(bench), extra: "[validation]\n\(Self.profiles)\nshacl = \"\(Fixtures.catalog("shacl").path)\"")
        let summary = try await bench.run(config)
        #expect(summary.exitCode == 0)
        let json = try Data(contentsOf: bench.out.appendingPathComponent("validierung.json"))
        let inRun = try JSONDecoder().decode(ValidationReport.self, from: json)
        #expect(inRun.file == "catalog.ttl" && Set(inRun.sets.keys) == ["v30_de_spec", "dcat-ap-3.0.1", "dashboard_live"])
        // The standalone command on the published file gives the same results.
        let standalone = try SHACLValidator(shaclDirectory: Fixtures.catalog("shacl"))
            .validate(bench.out.appendingPathComponent("catalog.ttl"), sets: ["v30_de_spec", "dcat-ap-3.0.1", "dashboard_live"])
        for (name, set) in standalone.sets {
            #expect(inRun.sets[name]?.violations == set.violations && inRun.sets[name]?.warnings == set.warnings && inRun.sets[name]?.failed == set.failed, "\(name)")
        }
        // report.json carries the counts.
        let sections = try #require(try bench.report()["sections"] as? [String: Any])
        let section = try #require(sections["validation"] as? [String: Any])
        let profiles = try #require(section["profiles"] as? [String: [String: Any]])
        #expect(profiles["v30_de_spec"]?["violations"] as? Int == inRun.sets["v30_de_spec"]?.violations)
        #expect(profiles["dashboard_live"]?["failedChecks"] as? Int == inRun.sets["dashboard_live"]?.failed)
        // The page, linked from every page.
        let page = try String(contentsOf: bench.out.appendingPathComponent("validierung/index.html"), encoding: .utf8)
        #expect(page.contains("DCAT-AP.de 3.0 (GovData-Validator)") && page.contains("GovData-Qualitätsdashboard"))
        #expect(try String(contentsOf: bench.out.appendingPathComponent("index.html"), encoding: .utf8).contains("href=\"validierung/index.html\""))
        // The DCAT-AP indicator is scored from DCAT-AP 3.0.1: each dataset's quality.csv row agrees with it.
        let quality = try String(contentsOf: bench.out.appendingPathComponent("quality.csv"), encoding: .utf8)
        let rows = quality.split(separator: "\r\n").filter { $0.contains(",dcat-ap,") }
        #expect(!rows.isEmpty && !rows.contains { $0.contains("not-checked") })
        let withViolations = inRun.sets["dcat-ap-3.0.1"]!.datasetsWithViolations
        #expect(rows.count { $0.contains(",0,30,missing,") } == withViolations)
        #expect((sections["quality"] as? [String: Any])?["notChecked"] as? Int == 80)
    }

    @Test func aValidatorThatCannotRunIsAFindingNotAFailedRun() async throws {
        let bench = try PlainBench()
        let missing = bench.dir.appendingPathComponent("no-shapes-here")
        let config = try bench.config(try Self.sources(bench), extra: "[validation]\n\(Self.profiles)\nshacl = \"\(missing.path)\"")
        let summary = try await bench.run(config)
        #expect(summary.exitCode == 0)
        #expect(summary.report.findings.contains { $0.code == "validation.unavailable" && $0.severity == .warning })
        let page = try String(contentsOf: bench.out.appendingPathComponent("validierung/index.html"), encoding: .utf8)
        #expect(page.contains("Die Prüfung lief bei dieser Ernte nicht: die SHACL-Regeln liegen nicht in \(missing.path)"))
        #expect(summary.report.findings.contains { $0.message.contains("the SHACL shapes are not in \(missing.path)") })
        let quality = try String(contentsOf: bench.out.appendingPathComponent("quality.csv"), encoding: .utf8)
        #expect(quality.split(separator: "\r\n").filter { $0.contains(",dcat-ap,") }.allSatisfy { $0.contains("not-checked") })
    }

    @Test func unknownProfileInTheConfigIsAClearError() throws {
        let bench = try PlainBench()
        let config = try bench.config(try Self.sources(bench), extra: "[validation]\nprofiles = [\"v31_de_spec\"]")
        #expect {
            try ConfigLoader.load(config)
        } throws: { error in
            "\(error)".contains("unknown SHACL profile \"v31_de_spec\"") && "\(error)".contains("dashboard_live")
        }
    }
}
