public import Foundation
package import CatalogCore

/// Runs the official SHACL shapes (shipped in `catalog/shacl/`) over an RDF file with pyshacl.
///
/// pyshacl is the reference SHACL engine; there is no Swift one. It runs from a pinned Python venv under the
/// user's cache folder, created on first use (`python3 -m venv` + `pip install rdflib==7.6.0 pyshacl==0.40.1`),
/// or from the current `python3` when it already has exactly those versions.
package struct SHACLValidator: Sendable {
    package static let pins = ["rdflib==7.6.0", "pyshacl==0.40.1"]
    /// The profiles, in the order `all` runs them (catalog/shacl/README.md says which files make up each).
    package static let profiles = ValidationReport.profiles
    /// The default: GovData's DCAT-AP.de 3.0 profile (for a 2.0 catalogue, `defaultProfiles(forCatalogue:)`).
    package static let defaultProfile = "v30_de_spec"
    /// Older names of `opendata validate --shapes`, still accepted.
    package static let aliases = ["dcat-ap-de": "v20_de_spec", "dcat-ap-3": "dcat-ap-3.0.0"]

    /// The profile a name stands for (its own name or an alias), nil for an unknown name.
    package static func profile(named name: String) -> String? {
        profiles.contains(name) ? name : aliases[name]
    }

    /// The default profile for a catalogue file: `v20_de_spec` when the `catalog.model.json` beside it names
    /// profile `dcat-ap.de-2.0` (`[catalog] profile`), else `v30_de_spec`. A 3.0 catalogue cannot pass the 2.0
    /// shapes (byteSize and locn:geometry forms differ), nor a 2.0 one the 3.0 deprecations.
    package static func defaultProfiles(forCatalogue file: URL) -> [String] {
        let model = file.deletingLastPathComponent().appendingPathComponent(Catalog.modelFileName)
        guard let handle = try? FileHandle(forReadingFrom: model) else { return [defaultProfile] }
        defer { try? handle.close() }
        // The catalogue's own keys are sorted after `datasets`: `profile` is in the last bytes.
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: size > 4096 ? size - 4096 : 0)
        let tail = String(decoding: (try? handle.readToEnd()) ?? Data(), as: UTF8.self)
        return [ValidationReport.germanProfile(for: tail.contains("\"profile\":\"dcat-ap.de-2.0\"") ? .dcatAPde2 : .dcatAPde3)]
    }

    // The results are Core values (the pipeline reads them for the report, the site and the MQA score).
    package typealias Report = ValidationReport
    package typealias SetResult = ValidationReport.SetResult
    package typealias DatasetResult = ValidationReport.DatasetResult
    package typealias Group = ValidationReport.Group

    package enum Failure: Error, CustomStringConvertible {
        case noShapes(String)
        case noPython(String)
        case validatorFailed(String)

        package var description: String {
            switch self {
            case .noShapes(let folder):
                "the SHACL shapes are not in \(folder) (expected \(folder)/dcat-ap-de-3.0/); set [validation] shacl or --shacl-dir"
            case .noPython(let detail):
                """
                cannot prepare the SHACL validator: \(detail)
                Install it by hand with:  python3 -m pip install \(SHACLValidator.pins.joined(separator: " "))
                """
            case .validatorFailed(let detail): "SHACL validation failed to run: \(detail)"
            }
        }

        /// The reason in German (the site and the run report's German sentence).
        package var german: String {
            switch self {
            case .noShapes(let folder):
                "die SHACL-Regeln liegen nicht in \(folder) (erwartet: \(folder)/dcat-ap-de-3.0/); [validation] shacl prüfen"
            case .noPython(let detail):
                "Python mit pyshacl ließ sich nicht bereitstellen (\(detail)); von Hand: python3 -m pip install \(SHACLValidator.pins.joined(separator: " "))"
            case .validatorFailed(let detail): "pyshacl brach ab (technische Meldung: \(detail))"
            }
        }
    }

    /// Folder with the shape sets, vocabularies and ontologies (`catalog/shacl`).
    package var shaclDirectory: URL
    /// Where the venv lives (`$XDG_CACHE_HOME/opendata` or `~/.cache/opendata`).
    package var cacheDirectory: URL

    package init(shaclDirectory: URL, cacheDirectory: URL? = nil) {
        self.shaclDirectory = shaclDirectory
        let env = ProcessInfo.processInfo.environment
        let base = env["XDG_CACHE_HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")
        self.cacheDirectory = cacheDirectory ?? base.appendingPathComponent("opendata")
    }

    /// Validates `file` against the named profiles (`profiles`).
    package func validate(_ file: URL, sets: [String], log: (String) -> Void = { _ in }) throws -> Report {
        guard FileManager.default.fileExists(atPath: shaclDirectory.appendingPathComponent("dcat-ap-de-3.0").path) else {
            throw Failure.noShapes(shaclDirectory.path)
        }
        let python = try pythonWithPyshacl(log: log)
        let script = cacheDirectory.appendingPathComponent("shacl_validate.py")
        try FileManager.default.createDirectory(at: cacheDirectory, withIntermediateDirectories: true)
        try Data(SHACLScript.source.utf8).write(to: script)
        let result = try Self.execute(python, [script.path, file.path, shaclDirectory.path] + sets)
        guard result.status == 0, let data = result.stdout.data(using: .utf8) else {
            throw Failure.validatorFailed(result.stderr.split(separator: "\n").suffix(5).joined(separator: "\n"))
        }
        do {
            return try JSONDecoder().decode(Report.self, from: data)
        } catch {
            throw Failure.validatorFailed("unreadable validator output: \(error)")
        }
    }

    /// The run's validation step (`[validation] profiles`): validates the rendered catalog.ttl from a temporary
    /// file; a validator that cannot run gives `.unavailable` with the reason, never a failed run.
    package func outcome(for turtle: ExportFile, profiles: [String], log: (String) -> Void = { _ in }) -> ValidationOutcome {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("opendata-validate-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let file = folder.appendingPathComponent("catalog.ttl")
            try Data(turtle.bytes).write(to: file)
            var report = try validate(file, sets: profiles, log: log)
            report.file = turtle.name
            return .report(report)
        } catch let failure as Failure {
            return .unavailable(failure.description, de: failure.german)
        } catch {
            return .unavailable("\(error)", de: "die Prüfung ließ sich nicht starten (technische Meldung: \(error))")
        }
    }

    /// A python3 that imports the pinned rdflib and pyshacl: the system one if it matches, else the venv.
    private func pythonWithPyshacl(log: (String) -> Void) throws -> String {
        let check = "import rdflib, pyshacl, sys; sys.exit(0 if (rdflib.__version__, pyshacl.__version__) == ('7.6.0', '0.40.1') else 1)"
        let venv = cacheDirectory.appendingPathComponent("shacl-venv")
        let venvPython = venv.appendingPathComponent("bin/python3").path
        if FileManager.default.isExecutableFile(atPath: venvPython), (try? Self.execute(venvPython, ["-c", check]))?.status == 0 {
            return venvPython
        }
        if (try? Self.execute("/usr/bin/env", ["python3", "-c", check]))?.status == 0 {
            return "python3"
        }
        log("creating a Python venv for pyshacl in \(venv.path) (once; needs PyPI)")
        let made = try Self.execute("/usr/bin/env", ["python3", "-m", "venv", venv.path])
        guard made.status == 0 else { throw Failure.noPython("python3 -m venv failed: \(made.stderr.prefix(400))") }
        let pip = try Self.execute(venvPython, ["-m", "pip", "install", "-q", "--disable-pip-version-check"] + Self.pins)
        guard pip.status == 0 else { throw Failure.noPython("pip install failed: \(pip.stderr.suffix(400))") }
        return venvPython
    }

    struct Execution {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func execute(_ executable: String, _ arguments: [String]) throws -> Execution {
        let process = Process()
        if executable.hasPrefix("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes to the end before waiting, so a large output cannot block the child. stderr is read
        // on a Dispatch thread, not a Swift task: a run calls this from async code, and blocking the cooperative
        // pool (two threads on two cores) while a task waits for a place in it would deadlock.
        let errBox = ResultBox<Data>()
        let reading = DispatchGroup()
        reading.enter()
        DispatchQueue.global().async {
            errBox.value = err.fileHandleForReading.readDataToEndOfFile()
            reading.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        reading.wait()
        process.waitUntilExit()
        let errData = errBox.value ?? Data()
        return Execution(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}

private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
