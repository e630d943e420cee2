package import CatalogCore
import GRDB

/// The link checker's results in the state store (`link_checks`, one row per URL: its latest check).
extension CatalogStore {
    /// Every stored result. A row whose outcome or time cannot be read (written by a newer version) is skipped:
    /// its URL is then due and checked again.
    package func linkResults() throws -> LinkResults {
        try reader.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM link_checks")
            return LinkResults(rows.compactMap { row -> LinkResult? in
                guard let outcome = LinkOutcome(rawValue: row["outcome"]), let checked = LinkCheck.date(row["checked_at"]) else { return nil }
                return LinkResult(url: row["url"], outcome: outcome, status: row["status"], finalURL: row["final_url"],
                                  checkedAt: checked, message: row["message"])
            })
        }
    }

    /// Stores results, replacing earlier ones for the same URLs, in one transaction.
    package func saveLinkResults(_ results: [LinkResult]) throws {
        guard !results.isEmpty else { return }
        try writer.write { db in
            for r in results {
                try db.execute(
                    sql: """
                        INSERT INTO link_checks (url, status, outcome, final_url, message, checked_at) VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (url) DO UPDATE SET status = excluded.status, outcome = excluded.outcome,
                            final_url = excluded.final_url, message = excluded.message, checked_at = excluded.checked_at
                        """,
                    arguments: [r.url, r.status, r.outcome.rawValue, r.finalURL, r.message, r.checkedAtText])
            }
        }
    }
}
