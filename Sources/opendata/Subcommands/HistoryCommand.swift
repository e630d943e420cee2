import ArgumentParser
import CatalogIO
import Foundation

/// `opendata history`: past nightly jobs from the state store, newest first.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List past harvest jobs (nightly mode) from the state store, newest first.",
        discussion: "Exit status: 0 listed; 2 no state store.")

    @Option(name: .long, help: ArgumentHelp("The state store.", valueName: "path"))
    var state: String?

    @Option(name: .long, help: ArgumentHelp("Output folder whose default store (<out>/.opendata/state.sqlite) is read when --state is not given.", valueName: "dir"))
    var out: String = "public"

    @Option(name: .long, help: "How many jobs.")
    var last: Int = 20

    @Flag(name: .long, help: "One JSON object per job on stdout.")
    var json = false

    func run() throws {
        let url = state.map { URL(fileURLWithPath: $0) } ?? NightlyRunner.defaultStateURL(URL(fileURLWithPath: out))
        guard FileManager.default.fileExists(atPath: url.path) else {
            FileHandle.standardError.write(Data("no state store at \(url.path) (run `opendata run --nightly` first, or pass --state)\n".utf8))
            throw ExitCode(2)
        }
        let jobs: [JobRecord]
        do {
            jobs = try CatalogStore(url: url).jobs(last: max(1, last))
        } catch {
            FileHandle.standardError.write(Data("cannot read \(url.path): \(error)\n".utf8))
            throw ExitCode(2)
        }
        for job in jobs {
            if json {
                let object: [String: Any] = [
                    "id": job.id, "started": job.started, "finished": job.finished ?? NSNull(), "status": job.status.rawValue,
                    "pid": Int(job.pid), "counts": (try? JSONSerialization.jsonObject(with: Data(job.counts.utf8))) ?? [:],
                    "message": job.message ?? NSNull(),
                ]
                let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
                print(String(decoding: data, as: UTF8.self))
            } else {
                var line = "\(job.id)\t\(job.started)\t\(job.finished ?? "-")\t\(job.status.rawValue)\t\(job.counts)"
                if let message = job.message { line += "\t\(message)" }
                print(line)
            }
        }
    }
}
