package import Foundation
import CatalogCore
import GRDB

/// A stable 64-bit content hash: FNV-1a 64 over the raw bytes (offset basis 0xcbf29ce484222325, prime
/// 0x100000001b3), written as 16 lower-case hex digits. Not cryptographic: it only tells whether a record's
/// bytes changed between two harvests of the same source, and it is the same on every platform and run.
package enum ContentHash {
    package static func fnv1a64<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The hash of a record: FNV-1a 64 of its canonical JSON (`JSONValue.writeCanonical`: keys sorted, compact,
    /// re-escaped), so a portal that writes the same record with its keys in another order or other whitespace
    /// does not count as a change. Bytes that do not parse are hashed as they are. (Until Nov 2026 the canonical
    /// form came from JSONSerialization with `.sortedKeys`, whose locale-aware key sorting was ~40 % of a
    /// nightly run; a store written before then sees every record as "updated" once.)
    package static func record(_ json: Data) -> String {
        guard let value = JSONValue.parse(json) else { return fnv1a64(json) }
        var w = JSONByteWriter(capacity: json.count)
        value.writeCanonical(&w)
        return fnv1a64(w.bytes)
    }
}

/// Status of one harvest job in the store.
package enum JobStatus: String, Sendable, Hashable, Codable {
    case running
    case done
    case doneWithErrors
    case failed
}

/// One row of `jobs`.
package struct JobRecord: Sendable, Hashable {
    package var id: Int64
    package var started: String
    package var finished: String?
    package var status: JobStatus
    package var pid: Int32
    /// JSON object with the job's counts (datasets, per source new/updated/…), or `{}`.
    package var counts: String
    /// Why the job ended the way it did (failure reason, abandoned, …).
    package var message: String?
}

/// One dataset of a source as last harvested.
package struct StoredItem: Sendable, Hashable {
    package enum Status: String, Sendable, Hashable { case active, withdrawn }
    package var source: String
    package var remoteID: String
    /// `ContentHash.record` of `raw`.
    package var contentHash: String
    package var status: Status
    package var firstSeen: String
    package var lastSeen: String
    /// The record's `metadata_modified` as the portal wrote it.
    package var lastModified: String?
    /// The record's JSON bytes exactly as fetched.
    package var raw: Data
}

/// The last successful harvest of a source.
package struct SourceState: Sendable, Hashable {
    package var source: String
    /// When the last successful harvest ran (ISO 8601 UTC).
    package var lastSuccess: String
    /// The newest `metadata_modified` seen in it (the portal's own text), the high-water mark for the next
    /// incremental harvest.
    package var highWater: String?
}

/// The harvest state: jobs, every dataset ever seen per source (with its raw record, so a failing source can
/// be republished from here), and each source's last successful harvest.
///
/// SQLite through GRDB: a `DatabasePool` in WAL mode for a file (readers such as `opendata history` never
/// block a running harvest), a `DatabaseQueue` in memory for tests. The schema is created by registered
/// migrations; a migration is never edited once shipped — add a new one.
package final class CatalogStore: Sendable {
    let writer: any DatabaseWriter
    var reader: any DatabaseReader { writer }
    /// The database file, or nil in memory.
    package let url: URL?

    /// Opens (creating folder and file when missing) and migrates the store at `url`.
    package init(url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        writer = try DatabasePool(path: url.path, configuration: configuration)
        self.url = url
        try Self.migrator.migrate(writer)
    }

    /// A private in-memory store (tests).
    package init() throws {
        writer = try DatabaseQueue()
        url = nil
        try Self.migrator.migrate(writer)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-sources-jobs-items") { db in
            try db.execute(sql: """
                CREATE TABLE sources (
                    id TEXT PRIMARY KEY NOT NULL,
                    last_success TEXT,
                    high_water TEXT,
                    last_job INTEGER
                );
                CREATE TABLE jobs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    started TEXT NOT NULL,
                    finished TEXT,
                    status TEXT NOT NULL CHECK (status IN ('running', 'done', 'doneWithErrors', 'failed')),
                    pid INTEGER NOT NULL,
                    counts TEXT NOT NULL DEFAULT '{}',
                    message TEXT
                );
                CREATE TABLE items (
                    source TEXT NOT NULL,
                    remote_id TEXT NOT NULL,
                    content_hash TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('active', 'withdrawn')),
                    first_seen TEXT NOT NULL,
                    last_seen TEXT NOT NULL,
                    last_modified TEXT,
                    raw BLOB NOT NULL,
                    PRIMARY KEY (source, remote_id)
                );
                CREATE INDEX items_by_status ON items (source, status);
                """)
        }
        migrator.registerMigration("v2-link-checks") { db in
            try db.execute(sql: """
                CREATE TABLE link_checks (
                    url TEXT PRIMARY KEY NOT NULL,
                    status INTEGER,
                    outcome TEXT NOT NULL,
                    final_url TEXT,
                    message TEXT NOT NULL DEFAULT '',
                    checked_at TEXT NOT NULL
                );
                """)
        }
        return migrator
    }

    // MARK: - Jobs

    /// Records a new running job and returns its id.
    package func startJob(started: String, pid: Int32) throws -> Int64 {
        try writer.write { db in
            try db.execute(sql: "INSERT INTO jobs (started, status, pid) VALUES (?, 'running', ?)", arguments: [started, Int64(pid)])
            return db.lastInsertedRowID
        }
    }

    package func finishJob(_ id: Int64, status: JobStatus, finished: String, counts: String, message: String? = nil) throws {
        try writer.write { db in
            try db.execute(
                sql: "UPDATE jobs SET status = ?, finished = ?, counts = ?, message = ? WHERE id = ?",
                arguments: [status.rawValue, finished, counts, message, id])
        }
    }

    /// Marks every job still `running` as failed: called by the lock holder at start, when no other harvest
    /// can be running, so such a job was left behind by a killed or crashed process. Returns the ids.
    @discardableResult
    package func failAbandonedJobs(now: String) throws -> [Int64] {
        try writer.write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, pid FROM jobs WHERE status = 'running' ORDER BY id")
            for row in rows {
                let id: Int64 = row["id"]
                let pid: Int64 = row["pid"]
                try db.execute(
                    sql: "UPDATE jobs SET status = 'failed', finished = ?, message = ? WHERE id = ?",
                    arguments: [now, "abandoned: process \(pid) ended without finishing the job (killed, crashed or timed out); marked failed by the next run", id])
            }
            return rows.map { $0["id"] }
        }
    }

    /// The newest `limit` jobs, newest first.
    package func jobs(last limit: Int = 20) throws -> [JobRecord] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM jobs ORDER BY id DESC LIMIT ?", arguments: [limit]).map(Self.job)
        }
    }

    package func job(_ id: Int64) throws -> JobRecord? {
        try writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM jobs WHERE id = ?", arguments: [id]).map(Self.job) }
    }

    private static func job(_ row: Row) -> JobRecord {
        JobRecord(
            id: row["id"], started: row["started"], finished: row["finished"],
            status: JobStatus(rawValue: row["status"]) ?? .failed, pid: Int32(truncatingIfNeeded: row["pid"] as Int64),
            counts: row["counts"], message: row["message"])
    }

    // MARK: - Sources and items

    package func sourceState(_ source: String) throws -> SourceState? {
        try writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM sources WHERE id = ?", arguments: [source]),
                  let last: String = row["last_success"] else { return nil }
            return SourceState(source: source, lastSuccess: last, highWater: row["high_water"])
        }
    }

    /// Every item of a source (active and withdrawn), keyed by remote id.
    package func items(_ source: String) throws -> [String: StoredItem] {
        try writer.read { db in
            var items: [String: StoredItem] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM items WHERE source = ?", arguments: [source]) {
                let item = StoredItem(
                    source: row["source"], remoteID: row["remote_id"], contentHash: row["content_hash"],
                    status: StoredItem.Status(rawValue: row["status"]) ?? .withdrawn, firstSeen: row["first_seen"],
                    lastSeen: row["last_seen"], lastModified: row["last_modified"], raw: row["raw"])
                items[item.remoteID] = item
            }
            return items
        }
    }

    /// What one harvest of a source changes in the store, applied in one transaction.
    package struct SourceUpdate: Sendable {
        package var source: String
        /// Records fetched in this harvest: remote id → (bytes, metadata_modified). Inserted or updated.
        package var fetched: [(id: String, raw: Data, modified: String?)] = []
        /// Ids confirmed present (listed) but not fetched: only `last_seen` moves.
        package var seen: [String] = []
        /// Ids to mark withdrawn.
        package var withdrawn: [String] = []
        /// Set when the harvest was complete and successful: becomes the source's last success.
        package var success: (time: String, highWater: String?)?
        package var job: Int64?

        package init(source: String) { self.source = source }
    }

    package func apply(_ update: SourceUpdate, now: String) throws {
        try writer.write { db in
            for record in update.fetched {
                try db.execute(
                    sql: """
                        INSERT INTO items (source, remote_id, content_hash, status, first_seen, last_seen, last_modified, raw)
                        VALUES (?, ?, ?, 'active', ?, ?, ?, ?)
                        ON CONFLICT (source, remote_id) DO UPDATE SET
                            content_hash = excluded.content_hash, status = 'active', last_seen = excluded.last_seen,
                            last_modified = excluded.last_modified, raw = excluded.raw
                        """,
                    arguments: [update.source, record.id, ContentHash.record(record.raw), now, now, record.modified, record.raw])
            }
            for id in update.seen {
                try db.execute(sql: "UPDATE items SET last_seen = ? WHERE source = ? AND remote_id = ?", arguments: [now, update.source, id])
            }
            for id in update.withdrawn {
                try db.execute(sql: "UPDATE items SET status = 'withdrawn' WHERE source = ? AND remote_id = ?", arguments: [update.source, id])
            }
            if let success = update.success {
                try db.execute(
                    sql: """
                        INSERT INTO sources (id, last_success, high_water, last_job) VALUES (?, ?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET last_success = excluded.last_success,
                            high_water = excluded.high_water, last_job = excluded.last_job
                        """,
                    arguments: [update.source, success.time, success.highWater, update.job])
            }
        }
    }
}
