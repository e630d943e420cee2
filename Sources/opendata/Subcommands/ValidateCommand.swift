import ArgumentParser
import CatalogIO
import Foundation

/// `opendata validate`: SHACL conformance of a catalogue file against the official shapes.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a catalogue against the official SHACL shapes of its profile (DCAT-AP 3.0 or DCAT-AP.de 2.0).",
        discussion: """
            Runs pyshacl with the shapes, controlled vocabularies and ontologies shipped in catalog/shacl/. \
            pyshacl comes from a pinned Python venv created under ~/.cache/opendata on first use (or from \
            python3 when it already has rdflib 7.6.0 and pyshacl 0.40.1).
            Exit status: 0 no violations; 1 violations found; 2 the check could not run.
            """
    )

    enum ShapeSet: String, ExpressibleByArgument, CaseIterable {
        case dcatApDe = "dcat-ap-de"
        case dcatAp3 = "dcat-ap-3"
        case all
    }

    @Option(name: .long, help: "Shape set: dcat-ap-de (DCAT-AP.de 2.0, GovData), dcat-ap-3 (DCAT-AP 3.0.0, SEMICeu) or all (the catalogue's profile: dcat-ap-de when catalog.model.json beside the file names dcat-ap.de-2.0, else dcat-ap-3).")
    var shapes: ShapeSet = .all

    @Option(name: .long, help: ArgumentHelp("Folder with the shapes, vocabularies and ontologies.", valueName: "dir"))
    var shaclDir: String = "catalog/shacl"

    @Option(name: .long, help: "Groups to list per set (most frequent first).")
    var top: Int = 15

    @Flag(name: .long, help: "Print the full result as JSON on stdout.")
    var json = false

    @Argument(help: ArgumentHelp("The catalogue file (.ttl, .rdf, .jsonld, .nt).", valueName: "file"))
    var file: String = "public/catalog.ttl"

    func run() throws {
        let console = Console()
        guard FileManager.default.fileExists(atPath: file) else {
            console.error("\(file): no such file. Run `opendata run` first or name a catalogue file.")
            throw ExitCode(2)
        }
        guard FileManager.default.fileExists(atPath: shaclDir + "/dcat-ap-de-2.0") else {
            console.error("\(shaclDir): the SHACL shapes are not there (expected \(shaclDir)/dcat-ap-de-2.0/). Use --shacl-dir.")
            throw ExitCode(2)
        }
        let sets = shapes == .all ? SHACLValidator.sets(forCatalogue: URL(fileURLWithPath: file)) : [shapes.rawValue]
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
            violations += result.violations
            console.summary("\(name): violations=\(result.violations) warnings=\(result.warnings) infos=\(result.infos)  (\(file), \(report.triples) triples)")
            for group in result.groups.prefix(top) {
                let shape = group.shape.hasPrefix("_:") || group.shape.isEmpty ? "" : " shape \(group.shape)"
                console.summary("  \(String(group.count).leftPad(5)) \(group.severity.padding(toLength: 9, withPad: " ", startingAt: 0)) \(group.path.isEmpty ? "(node)" : group.path)\(shape)")
                if !group.message.isEmpty { console.summary("        \(group.message.prefix(160))") }
                if let example = group.example { console.summary("        e.g. \(example)") }
            }
            if result.groups.count > top { console.summary("  … \(result.groups.count - top) more groups (--top N or --json)") }
        }
        if violations > 0 { throw ExitCode(1) }
    }
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
