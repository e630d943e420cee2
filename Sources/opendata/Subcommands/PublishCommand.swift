import ArgumentParser
import CatalogIO
import Foundation

/// `opendata publish --rollback [--to ID]`: switch the published link to an earlier snapshot — `<out>/current`
/// (nightly mode) or `<out>` itself (plain runs: `<out>` → `<out>.snapshots/snapshots/<n>`).
struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Show or switch the published snapshot: --rollback goes back one, --to ID to a given one.",
        discussion: "Exit status: 0 done; 1 no such snapshot / nothing to roll back to.")

    @Option(name: .long, help: ArgumentHelp("The output: a nightly folder holding snapshots/ and current, or a plain run's link (public → public.snapshots/…).", valueName: "dir"))
    var out: String = "public"

    @Flag(name: .long, help: "Point current at the previous snapshot (or at --to).")
    var rollback = false

    @Option(name: .long, help: ArgumentHelp("The snapshot (job id) to switch to.", valueName: "id"))
    var to: String?

    func run() throws {
        let dir = PublishLayout.detect(URL(fileURLWithPath: out))
        guard rollback || to != nil else {
            let current = Publisher.current(dir)
            for id in Publisher.snapshots(dir) { print(id == current ? "\(id)\tcurrent" : id) }
            return
        }
        do {
            let result = try Publisher.rollback(dir, to: to)
            FileHandle.standardError.write(Data("current: \(result.from ?? "none") → \(result.to)\n".utf8))
        } catch {
            FileHandle.standardError.write(Data("\(error.description)\n".utf8))
            throw ExitCode(1)
        }
    }
}
