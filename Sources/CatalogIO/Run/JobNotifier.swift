package import CatalogCore
package import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Tells someone when a run fails and when the next one recovers (`[harvest] notify_webhook` /
/// `notify_command`), and keeps `status.json` beside the snapshots for monitoring.
///
/// - failure: this run's status is not `done` (a source failed or is stale, withdrawals were held, nothing
///   published); sent every failing run, so a silent night is a good night;
/// - recovery: this run is `done` and the previous run (status.json) was not.
/// The webhook gets a POST with the JSON body below; the command runs under `/bin/sh -c` with the same JSON on
/// stdin and `OPENDATA_EVENT` / `OPENDATA_SUBJECT` in its environment (for sendmail: see docs/operations.md).
/// A notification that cannot be delivered is a warning on stderr, never a failed run.
package struct JobNotifier: Sendable {
    package var webhook: URL?
    package var command: String?
    package var timeoutSeconds: Double = 10

    package init(webhook: URL?, command: String?) {
        self.webhook = webhook
        self.command = command
    }

    /// The status of the last run, kept in `status.json` in the snapshot root (the lock's folder).
    package struct Status: Codable, Sendable, Equatable {
        package var status: String
        package var finishedAt: String
        package var startedAt: String
        package var durationSeconds: Double
        /// The last run that ended `done` (nil: none yet).
        package var lastSuccessAt: String?
        package var snapshot: String?
        package var datasets: Int
        package var datasetsPerSource: [String: Int]
        package var staleSources: [String: String]
        package var failedSources: [String: String]
        package var job: Int64?

        /// A failed run with nothing known about it (no status.json yet).
        package static func unknown() -> Status {
            Status(status: RunStatus.failed.rawValue, finishedAt: "", startedAt: "", durationSeconds: 0, lastSuccessAt: nil, snapshot: nil,
                   datasets: 0, datasetsPerSource: [:], staleSources: [:], failedSources: [:], job: nil)
        }
    }

    package static func statusURL(_ layout: PublishLayout) -> URL { layout.root.appendingPathComponent("status.json") }

    package static func readStatus(_ layout: PublishLayout) -> Status? { readStatus(at: statusURL(layout)) }

    /// The status in a `status.json` file (nil: missing or unreadable).
    package static func readStatus(at url: URL) -> Status? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(Status.self, from: data)
    }

    /// This run's status (carrying the last success over from `previous` when this run did not succeed).
    package static func status(_ report: RunReport, finished: Date, started: Date, snapshot: String?, job: Int64?, previous: Status?) -> Status {
        let finishedAt = CatalogRunner.timestamp(finished)
        var stale: [String: String] = [:]
        var failed: [String: String] = [:]
        for s in report.sources {
            if s.incremental?.harvest == .stale { stale[s.id] = s.incremental?.staleSince ?? "unknown" }
            if let error = s.error ?? s.incremental?.problem { failed[s.id] = error }
        }
        let done = report.status == .done && snapshot != nil
        return Status(
            status: snapshot == nil ? "failed" : report.status.rawValue, finishedAt: finishedAt, startedAt: report.startedAt,
            durationSeconds: (finished.timeIntervalSince(started) * 10).rounded() / 10,
            lastSuccessAt: done ? finishedAt : previous?.lastSuccessAt, snapshot: snapshot, datasets: report.totals.datasets,
            datasetsPerSource: Dictionary(uniqueKeysWithValues: report.sources.filter { $0.mode != .skipped }.map { ($0.id, $0.mapped) }),
            staleSources: stale, failedSources: failed, job: job)
    }

    package static func writeStatus(_ status: Status, layout: PublishLayout) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(status) else { return }
        let url = statusURL(layout)
        let temp = url.deletingLastPathComponent().appendingPathComponent(".status.json.tmp")
        guard (try? data.write(to: temp)) != nil else { return }
        _ = rename(temp.path, url.path)
    }

    /// "failure", "recovery" or nil (nothing to say).
    package static func event(_ status: Status, previous: Status?) -> String? {
        if status.status != RunStatus.done.rawValue { return "failure" }
        if let previous, previous.status != RunStatus.done.rawValue { return "recovery" }
        return nil
    }

    /// Sends the event, if any; returns the problems (for stderr).
    package func notify(_ event: String, status: Status, output: URL) async -> [String] {
        guard webhook != nil || command != nil else { return [] }
        var body = (try? JSONSerialization.jsonObject(with: JSONEncoder().encode(status))) as? [String: Any] ?? [:]
        body["event"] = event
        body["output"] = output.path
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data("{}".utf8)
        let subject = event == "failure"
            ? "opendata: run \(status.status) (\(status.failedSources.keys.sorted().joined(separator: ", ")))"
            : "opendata: recovered, \(status.datasets) datasets published"
        var problems: [String] = []
        if let webhook {
            var request = URLRequest(url: webhook, timeoutInterval: timeoutSeconds)
            request.httpMethod = "POST"
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = data
            do {
                let (_, response) = try await URLSession.shared.data(for: request)
                if let http = response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
                    problems.append("notify_webhook \(webhook.absoluteString) answered HTTP \(http.statusCode)")
                }
            } catch {
                problems.append("notify_webhook \(webhook.absoluteString): \(error.localizedDescription)")
            }
        }
        if let command, let problem = run(command, input: data, environment: ["OPENDATA_EVENT": event, "OPENDATA_SUBJECT": subject]) {
            problems.append(problem)
        }
        return problems
    }

    func run(_ command: String, input: Data, environment: [String: String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let stdin = Pipe()
        process.standardInput = stdin
        do {
            try process.run()
        } catch {
            return "notify_command: cannot start /bin/sh: \(error.localizedDescription)"
        }
        stdin.fileHandleForWriting.write(input)
        try? stdin.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeoutSeconds * 6)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            return "notify_command did not finish within \(Int(timeoutSeconds * 6)) s; stopped"
        }
        return process.terminationStatus == 0 ? nil : "notify_command exited \(process.terminationStatus): \(command)"
    }

    /// Removes job reports (`reports/<job>.json` + `.html`) beyond the newest `keepJobs` or older than `keepDays`
    /// (0: no age limit); never the newest. Returns the job ids removed.
    package static func pruneReports(_ folder: URL, keepJobs: Int, keepDays: Double, now: Date) -> [Int64] {
        let fm = FileManager.default
        let names = (try? fm.contentsOfDirectory(atPath: folder.path)) ?? []
        let jobs = Set(names.compactMap { name -> Int64? in
            guard name.hasSuffix(".json") || name.hasSuffix(".html") else { return nil }
            return Int64(name.split(separator: ".").first ?? "")
        }).sorted(by: >)
        var removed: [Int64] = []
        for (index, job) in jobs.enumerated() where index > 0 {
            let json = folder.appendingPathComponent("\(job).json")
            let modified = (try? fm.attributesOfItem(atPath: json.path)[.modificationDate] as? Date) ?? now
            let tooOld = keepDays > 0 && now.timeIntervalSince(modified) > keepDays * 86_400
            guard index >= keepJobs || tooOld else { continue }
            try? fm.removeItem(at: json)
            try? fm.removeItem(at: folder.appendingPathComponent("\(job).html"))
            removed.append(job)
        }
        return removed
    }
}

extension JobNotifier {
    /// After a run (either mode): writes `status.json` and sends the failure / recovery notification.
    /// `report` is nil when the run stopped before it had one (timeout, publishing failed early).
    package static func record(
        _ report: RunReport?, message: String? = nil, layout: PublishLayout, settings: HarvestSettings, started: Date,
        snapshot: String?, job: Int64?, output: URL, console: Console
    ) async {
        let previous = readStatus(layout)
        var status: Status
        if let report {
            status = Self.status(report, finished: Date(), started: started, snapshot: snapshot, job: job, previous: previous)
        } else {
            status = Status(
                status: RunStatus.failed.rawValue, finishedAt: CatalogRunner.timestamp(Date()), startedAt: CatalogRunner.timestamp(started),
                durationSeconds: (Date().timeIntervalSince(started) * 10).rounded() / 10, lastSuccessAt: previous?.lastSuccessAt,
                snapshot: Publisher.current(layout), datasets: previous?.datasets ?? 0, datasetsPerSource: previous?.datasetsPerSource ?? [:],
                staleSources: previous?.staleSources ?? [:], failedSources: [:], job: job)
        }
        if let message { status.failedSources["run"] = message }
        if snapshot == nil, report != nil { status.snapshot = Publisher.current(layout) }
        writeStatus(status, layout: layout)
        guard let event = event(status, previous: previous) else { return }
        let notifier = JobNotifier(webhook: settings.notifyWebhook, command: settings.notifyCommand)
        for problem in await notifier.notify(event, status: status, output: output) {
            console.warning("notification not delivered: \(problem)")
        }
    }
}
