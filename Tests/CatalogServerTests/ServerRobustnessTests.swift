import CatalogCore
import CatalogIO
import Foundation
import Hummingbird
import Logging
import Testing

@testable import CatalogServer

#if canImport(Glibc)
import Glibc
#endif

/// Everything the server sends until it closes (or 10 s pass).
private func readAll(_ fd: Int32) -> String {
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = recv(fd, &buffer, buffer.count, 0)
        if n <= 0 { break }
        bytes += buffer[0..<n]
    }
    return String(decoding: bytes, as: UTF8.self)
}

func quietLogger() -> Logger {
    var logger = Logger(label: "test")
    logger.logLevel = .critical
    return logger
}

/// Case 5 of issue 15: the server stays up.
@Suite struct ServerRobustnessTests {
    @Test func htmlGetsSecurityHeadersAndEverythingNosniff() async throws {
        let h = try await Harness()
        try await h.app.test(.router) { client in
            try await client.execute(uri: "/", method: .get) { r in
                #expect(r.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(r.headers[.contentSecurityPolicy] == Routes.contentSecurityPolicy)
                #expect(r.headers[.xContentTypeOptions] == "nosniff")
                #expect(r.headers[Routes.referrerPolicy] == "strict-origin-when-cross-origin")
            }
            try await client.execute(uri: "/api/3/action/status_show", method: .get) { r in
                #expect(r.headers[.xContentTypeOptions] == "nosniff")
                #expect(r.headers[.contentSecurityPolicy] == nil)
            }
        }
    }

    @Test func healthIsUnreadyWhenTheServedFolderIsGone() async throws {
        let h = try await Harness()
        try await h.app.test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { r in
                #expect(r.status == .ok)
                #expect(json(r.body)["datasets"] as? Int == h.catalog.datasets.count)
                #expect(json(r.body)["max_connections"] as? Int == 10_000)
            }
            try FileManager.default.removeItem(at: h.folder.appendingPathComponent(SnapshotStore.modelFile))
            try await client.execute(uri: "/health", method: .get) { r in
                #expect(r.status == .serviceUnavailable)
                #expect(r.headers[.retryAfter] == "5")
                #expect((json(r.body)["message"] as? String)?.contains("is gone") == true)
            }
        }
    }

    @Test func servedSnapshotIsLockedAgainstPruningUntilSwappedOut() async throws {
        let root = KoelnSnapshot.temporaryFolder()
        let a = root.appendingPathComponent("snapshots/a"), b = root.appendingPathComponent("snapshots/b")
        try KoelnSnapshot.write(Harness.catalog, to: a)
        try KoelnSnapshot.write(Harness.catalog, to: b)
        let current = root.appendingPathComponent("current")
        try FileManager.default.createSymbolicLink(atPath: current.path, withDestinationPath: "snapshots/a")
        let store = SnapshotStore(directory: current, logger: quietLogger())
        #expect(await store.reloadIfChanged())
        #expect(SnapshotInUse.isInUse(a))
        #expect(try SnapshotInUse.removeIfUnused(a) == false)  // the pruner skips it
        #expect(FileManager.default.fileExists(atPath: a.path))

        // A request still running on `a` keeps it locked after the swap; when it ends, `a` may go.
        var inFlight: Snapshot? = store.current
        try FileManager.default.removeItem(at: current)
        try FileManager.default.createSymbolicLink(atPath: current.path, withDestinationPath: "snapshots/b")
        #expect(await store.reloadIfChanged())
        #expect(SnapshotInUse.isInUse(a))
        #expect(inFlight?.folder.lastPathComponent == "a")
        inFlight = nil
        #expect(!SnapshotInUse.isInUse(a))
        #expect(SnapshotInUse.isInUse(b))
        #expect(try SnapshotInUse.removeIfUnused(a))
        #expect(!FileManager.default.fileExists(atPath: a.path))
    }

    @Test func snapshotBeingPrunedIsNotLoaded() throws {
        let folder = KoelnSnapshot.temporaryFolder()
        try KoelnSnapshot.write(Harness.catalog, to: folder)
        let fd = open(folder.path, O_RDONLY | O_DIRECTORY)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)  // what the pruner holds while deleting
        #expect(throws: SnapshotInUse.Failure.beingRemoved(folder.path)) { _ = try SnapshotInUse.hold(folder) }
    }

    @Test func idleConnectionIsClosedAndSlowBodyGets408() async throws {
        let folder = KoelnSnapshot.temporaryFolder()
        try KoelnSnapshot.write(Harness.catalog, to: folder)
        let port = try freePort()
        var configuration = ServerConfiguration(port: port, directory: folder)
        configuration.idleTimeout = .seconds(3)
        configuration.requestTimeout = .seconds(1)
        let store = SnapshotStore(directory: folder, logger: quietLogger())
        await store.reloadIfChanged()
        let app = buildApplication(configuration: configuration, store: store, metrics: ServerMetrics(), logger: quietLogger())
        try await app.test(.live(port: port)) { client in
            let port = try #require(client.port)
            // Says nothing at all: closed after the idle timeout.
            let idle = try connectTCP(port: port)
            let started = Date()
            #expect(readAll(idle).isEmpty)
            #expect(Date().timeIntervalSince(started) < 5)
            close(idle)
            // Sends only the head of a request: also closed (the head never completes).
            let slowHead = try connectTCP(port: port)
            _ = "GET /health HTTP/1.1\r\nHost: x\r\n".withCString { send(slowHead, $0, strlen($0), 0) }
            #expect(readAll(slowHead).isEmpty)
            close(slowHead)
            // Announces a body and sends a tenth of it: 408 after the request timeout.
            let slowBody = try connectTCP(port: port)
            let head = "POST /api/3/action/package_search HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"q\": \"a\""
            _ = head.withCString { send(slowBody, $0, strlen($0), 0) }
            let answer = readAll(slowBody)
            #expect(answer.hasPrefix("HTTP/1.1 408"))
            close(slowBody)
            // Others are served all along.
            let other = try connectTCP(port: port)
            _ = "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".withCString { send(other, $0, strlen($0), 0) }
            #expect(readAll(other).hasPrefix("HTTP/1.1 200"))
            close(other)
        }
    }

    @Test func connectionLimitIsCappedToOpenFiles() {
        #expect(ServerLimits.connectionLimit(configured: 10_000, openFiles: 1024) == 1024 - ServerConfiguration.fileReserve)
        #expect(ServerLimits.connectionLimit(configured: 500, openFiles: 1 << 20) == 500)
        var delegate = CountedConnections(gauge: ConnectionGauge(limit: 2))
        delegate.connectionOpened()
        #expect(delegate.isAcceptingNewConnections())
        delegate.connectionOpened()
        #expect(!delegate.isAcceptingNewConnections())
        delegate.connectionClosed()
        #expect(delegate.isAcceptingNewConnections())
    }

    /// The server's JSON log lines (level info and up), kept for a test to read.
    final class CapturedLog: @unchecked Sendable {
        private var data = Data()
        private let lock = NSLock()
        var logger: Logger {
            var logger = Logger(label: "opendata.serve") { JSONLogHandler(label: $0) { d in self.lock.withLock { self.data.append(d) } } }
            logger.logLevel = .info
            return logger
        }
        /// Each line parsed (nil where a line is not a JSON object of strings).
        var lines: [[String: String]?] {
            let text = lock.withLock { String(decoding: data, as: UTF8.self) }
            return text.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String] }
        }
    }

    @Test func jsonLogLinesAreJSON() throws {
        let log = CapturedLog()
        let logger = log.logger
        logger.info("snapshot loaded", metadata: ["snapshot": "a@1", "datasets": "137"])
        logger.debug("not shown")
        let parsed = log.lines
        #expect(parsed.count == 1)
        #expect(parsed.first??["message"] == "snapshot loaded")
        #expect(parsed.first??["datasets"] == "137")
        #expect(parsed.first??["level"] == "info")
        #expect(parsed.first??["label"] == "opendata.serve")
    }

    /// A snapshot whose catalog.model.json was damaged after the run (same size, so its index is still taken):
    /// the damaged dataset is answered with a 500 naming the file, the others are served, and each 500 is
    /// logged as an error with its path, so the team hears of it.
    @Test func unreadableDatasetIsA500AndLogged() async throws {
        let folder = KoelnSnapshot.temporaryFolder()
        try KoelnSnapshot.write(Harness.catalog, to: folder)
        let catalog = PublishedView.ensure(Harness.catalog)
        let modelURL = folder.appendingPathComponent(SnapshotStore.modelFile)
        var model = try Array(Data(contentsOf: modelURL))
        let first = try #require(ServerIndexFile.modelRanges(model, count: catalog.datasets.count)?.first)
        for i in first { model[i] = UInt8(ascii: " ") }
        model[first.lowerBound] = UInt8(ascii: "x")
        try Data(model).write(to: modelURL)

        let log = CapturedLog()
        let store = SnapshotStore(directory: folder, logger: quietLogger())
        await store.reloadIfChanged()
        let app = buildApplication(configuration: ServerConfiguration(directory: folder), store: store, metrics: ServerMetrics(), logger: log.logger)
        let damaged = try #require(catalog.datasets.first?.published?.ckanName)
        let other = try #require(catalog.datasets.last?.published?.ckanName)
        try await app.test(.router) { client in
            try await client.execute(uri: "/dataset/\(damaged).ttl", method: .get) { r in
                #expect(r.status == .internalServerError)
                #expect(String(buffer: r.body).contains(SnapshotStore.modelFile))
            }
            try await client.execute(uri: "/dataset/\(other).ttl", method: .get) { r in #expect(r.status == .ok) }
        }
        let errors = log.lines.compactMap { $0 }.filter { $0["level"] == "error" }
        #expect(errors.count == 1)
        #expect(errors.first?["message"] == "request answered 500")
        #expect(errors.first?["path"] == "/dataset/\(damaged).ttl" && errors.first?["route"] == "dataset")
    }
}
