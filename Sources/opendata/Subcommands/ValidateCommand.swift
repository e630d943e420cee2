import ArgumentParser
import CatalogIO
import Foundation

/// `opendata validate`: SHACL conformance of a catalogue file against the official shapes.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a catalogue against the official SHACL shapes GovData and data.europa.eu use (DCAT-AP.de 3.0 by default).",
        discussion: """
            Runs pyshacl with the shapes, controlled vocabularies and ontologies shipped in catalog/shacl/ \
            (catalog/shacl/README.md lists the files of each profile). pyshacl comes from a pinned Python venv \
            created under ~/.cache/opendata on first use (or from python3 when it already has rdflib 7.6.0 and \
            pyshacl 0.40.1).
            Profiles: v30_de_spec (GovData, DCAT-AP.de 3.0; default), v20_de_spec (GovData, DCAT-AP.de 2.0), \
            dcat-ap-3.0.1 and dcat-ap-3.0.0 (SEMIC), dashboard_live (GovData's quality dashboard: failed checks, \
            not violations), hvd (DCAT-AP HVD 3.0.0: only the datasets that declare themselves high-value datasets, by \
            the regulation in dcatap:applicableLegislation or a dcatap:hvdCategory), all. Messages are German where the shapes carry German ones.
            Exit status: 0 no violations; 1 violations found (dashboard checks do not count); 2 the check could \
            not run.
            """
    )

    @Option(name: [.customLong("profile"), .customLong("shapes")], help: ArgumentHelp(
        "Profile to check against; repeat for several, or all. (default: the catalogue's, v30_de_spec or, for a dcat-ap.de-2.0 catalogue, v20_de_spec; dcat-ap-de and dcat-ap-3 are the older names of v20_de_spec and dcat-ap-3.0.0)",
        valueName: "profile"))
    var profile: [String] = []

    @Option(name: .long, help: ArgumentHelp("Folder with the shapes, vocabularies and ontologies.", valueName: "dir"))
    var shaclDir: String = "catalog/shacl"

    @Option(name: .long, help: "Groups to list per profile (most frequent first).")
    var top: Int = 15

    @Flag(name: .long, help: "Print the full result as JSON on stdout (with the results per dataset).")
    var json = false

    @Argument(help: ArgumentHelp("The catalogue file (.ttl, .rdf, .jsonld, .nt).", valueName: "file"))
    var file: String = "public/catalog.ttl"

    /// The profiles asked for, in the order given (`all` expands), without repeats; none given: the catalogue's
    /// own (v20_de_spec when catalog.model.json beside the file names dcat-ap.de-2.0, else v30_de_spec).
    func profiles() throws(ValidationError) -> [String] {
        var out: [String] = []
        for name in profile.isEmpty ? SHACLValidator.defaultProfiles(forCatalogue: URL(fileURLWithPath: file)) : profile {
            let names: [String]
            if name == "all" {
                names = SHACLValidator.profiles
            } else if let p = SHACLValidator.profile(named: name) {
                names = [p]
            } else {
                throw ValidationError("unknown profile \"\(name)\"; known: \((SHACLValidator.profiles + ["all"]).joined(separator: ", "))")
            }
            for n in names where !out.contains(n) { out.append(n) }
        }
        return out
    }

    func validate() throws {
        _ = try profiles()
    }

    func run() throws {
        let console = Console()
        let sets = try profiles()
        guard FileManager.default.fileExists(atPath: file) else {
            console.error("\(file): no such file. Run `opendata run` first or name a catalogue file.")
            throw ExitCode(2)
        }
        let validator = SHACLValidator(shaclDirectory: URL(fileURLWithPath: shaclDir))
        let report: SHACLValidator.Report
        do {
            report = try validator.validate(URL(fileURLWithPath: file), sets: sets) { console.info($0) }
        } catch {
            console.error("\(error)")
            throw ExitCode(2)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        }
        var violations = 0
        for name in sets {
            guard let result = report.sets[name] else { continue }
            if name != "dashboard_live" { violations += result.violations }
            summarise(name, result, triples: report.triples, console: console)
        }
        if violations > 0 { throw ExitCode(1) }
    }

    private func summarise(_ name: String, _ result: SHACLValidator.SetResult, triples: Int, console: Console) {
        let failed = name == "dashboard_live" ? " failed-checks=\(result.failed)" : ""
        console.summary("\(name): violations=\(result.violations) warnings=\(result.warnings) infos=\(result.infos)\(failed)  (\(file), \(triples) triples)")
        let withViolations = result.datasets.filter { !$0.dataset.isEmpty && $0.violations > 0 }.count
        let withOther = result.datasets.filter { !$0.dataset.isEmpty && ($0.warnings > 0 || $0.failed > 0) }.count
        if !result.datasets.isEmpty {
            console.summary("  datasets: \(withViolations) with violations, \(withOther) with warnings or failed checks (per dataset: --json)")
        }
        for group in result.groups.prefix(top) {
            let shape = group.shape.hasPrefix("_:") || group.shape.isEmpty || !group.shape.contains(":") ? "" : " shape \(group.shape)"
            console.summary("  \(String(group.count).leftPad(5)) \(group.severity.padding(toLength: max(9, group.severity.count), withPad: " ", startingAt: 0)) \(group.path.isEmpty ? "(node)" : group.path)\(shape)")
            if !group.message.isEmpty { console.summary("        \(group.message.prefix(160))") }
            if let example = group.example { console.summary("        e.g. \(example)") }
        }
        if result.groups.count > top { console.summary("  … \(result.groups.count - top) more groups (--top N or --json)") }
    }
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
