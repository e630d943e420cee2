import ArgumentParser
import CatalogIO
import Foundation

/// `opendata notify --unit NAME`: the failure notification for a job that could not send its own (killed,
/// out of memory, stopped by TimeoutStartSec). systemd runs it from `opendata-notify@.service` via `OnFailure=`.
struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: "Send the failure notification configured in [harvest] (notify_webhook / notify_command).",
        discussion: "For systemd OnFailure= (scripts/opendata-notify@.service). Exit status: 0 sent or nothing configured; 1 not delivered; 2 configuration error.")

    @OptionGroup var configOptions: ConfigOptions

    @Option(name: .long, help: ArgumentHelp("The failed unit or job, named in the message.", valueName: "name"))
    var unit: String = "opendata"

    @Option(name: .long, help: ArgumentHelp("The output folder of the failed job (for its status.json).", valueName: "dir"))
    var out: String?

    func run() async throws {
        let config: AppConfig
        do {
            config = try ConfigLoader.load(URL(fileURLWithPath: configOptions.config))
        } catch {
            FileHandle.standardError.write(Data("\(error.description)\n".utf8))
            throw ExitCode(2)
        }
        let output = URL(fileURLWithPath: out ?? "/srv/opendata")
        let layout = PublishLayout.detect(output)
        let now = Date()
        // A job that ended with exit 1 has notified itself and written status.json moments ago: no second message.
        if let recent = JobNotifier.readStatus(layout), recent.status != "done",
           let finished = ISO8601DateFormatter().date(from: recent.finishedAt), now.timeIntervalSince(finished) < 600 {
            FileHandle.standardError.write(Data("\(unit): the job notified itself (status.json, \(recent.finishedAt)); nothing more to send\n".utf8))
            return
        }
        var status = JobNotifier.readStatus(layout) ?? JobNotifier.Status.unknown()
        status.status = "failed"
        status.finishedAt = ISO8601DateFormatter().string(from: now)
        status.failedSources["run"] = "\(unit) failed (systemd OnFailure=); see journalctl -u \(unit)"
        // The killed job could not record itself: status.json (and so /metrics and the next run's recovery
        // notification) now says it failed; the last success and the served snapshot stay as they were.
        JobNotifier.writeStatus(status, layout: layout)
        let notifier = JobNotifier(webhook: config.harvest.notifyWebhook, command: config.harvest.notifyCommand)
        let problems = await notifier.notify("failure", status: status, output: output)
        for problem in problems { FileHandle.standardError.write(Data("notification not delivered: \(problem)\n".utf8)) }
        if !problems.isEmpty { throw ExitCode(1) }
    }
}
