// The named stages of the pipeline and the values between them (swift-openapi-generator style):
//
//   RawRecord ──(CKANMapper)──► Dataset + [Finding] ──(Deduplicator)──► merged [Dataset]
//             ──(LicenceResolving, inside mapping)──► canonical licences
//             ──(Exporters)──► bytes
//
// Each stage is a pure value type; `Pipeline` wires them. Effects live in CatalogIO.

import Foundation

/// Resolves a raw licence value (id, title, URL, or nil) to a classified `Licence`.
/// Implemented by `LicenceRegistry` (2-Map/Licences/); the mapper calls it for datasets and distributions.
package protocol LicenceResolving: Sendable {
    func resolve(_ raw: String?) -> Licence
}

/// The result of mapping one raw record.
package struct MappingResult: Sendable {
    /// Nil when the record was rejected (then `findings` holds at least one `.error`).
    package var dataset: Dataset?
    package var findings: [Finding]

    package init(dataset: Dataset?, findings: [Finding]) {
        self.dataset = dataset
        self.findings = findings
    }
}

/// Where the files of each dataset (beside its page: `datensatz/<slug>` + `.json`, `.ttl`, `.jsonld`) go when
/// the step that renders them for a catalogue-wide file anyway writes them too: `stem(d)` + the suffix, handed to
/// `emit` (from any thread).
package struct DatasetFiles: Sendable {
    package var stem: @Sendable (Dataset) -> String
    package var emit: @Sendable (ExportFile) -> Void

    package init(stem: @escaping @Sendable (Dataset) -> String, emit: @escaping @Sendable (ExportFile) -> Void) {
        self.stem = stem
        self.emit = emit
    }
}

/// One exported file: a name relative to the output folder and its content. Text is kept as the `String` the
/// exporter built (no second copy as an array); writers read it through `withUnsafeBytes`.
///
/// A large file can be handed over in pieces, in order, so it is never whole in memory: the first piece is an
/// ordinary file, each later one has `continues` set and is appended to it (`SnapshotWriter` appends to the
/// staged file, `FileCollector` joins the pieces). Pieces of one file come from one producer, in order.
package struct ExportFile: Sendable, Hashable {
    package var name: String
    private var content: Content
    /// This is a later piece of the file `name`: append it to what was written before.
    package var continues = false

    private enum Content: Sendable {
        case bytes([UInt8])
        case text(String)
    }

    package init(name: String, bytes: [UInt8]) {
        self.name = name
        self.content = .bytes(bytes)
    }

    package init(name: String, text: String) {
        self.name = name
        self.content = .text(text)
    }

    /// A later piece of the file `name` (see the type's comment).
    package static func piece(_ name: String, bytes: [UInt8]) -> ExportFile {
        var file = ExportFile(name: name, bytes: bytes)
        file.continues = true
        return file
    }

    /// Hands the file `name` to `hand` in the pieces `produce` writes: an empty first piece starts the file (as
    /// findings.jsonl always did), every piece written is a later one. Returns what `produce` returns.
    package static func inPieces<R>(_ name: String, hand: (ExportFile) -> Void, _ produce: (([UInt8]) -> Void) -> R) -> R {
        hand(ExportFile(name: name, bytes: []))
        return withoutActuallyEscaping(hand) { hand in produce { hand(.piece(name, bytes: $0)) } }
    }

    /// A later piece of the file `name`, as text.
    package static func piece(_ name: String, text: String) -> ExportFile {
        var file = ExportFile(name: name, text: text)
        file.continues = true
        return file
    }

    /// The content as a byte array (a copy for text files).
    package var bytes: [UInt8] {
        get {
            switch content {
            case .bytes(let b): b
            case .text(let s): Array(s.utf8)
            }
        }
        set { content = .bytes(newValue) }
    }

    /// The content as text (UTF-8; invalid bytes repaired).
    package var text: String {
        switch content {
        case .bytes(let b): String(decoding: b, as: UTF8.self)
        case .text(let s): s
        }
    }

    /// Size in bytes.
    package var count: Int {
        switch content {
        case .bytes(let b): b.count
        case .text(let s): s.utf8.count
        }
    }

    /// The UTF-8 bytes without copying them (a native Swift string is contiguous).
    package func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        switch content {
        case .bytes(let b):
            return try b.withUnsafeBytes(body)
        case .text(var s):
            return try s.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
        }
    }

    /// Whether `other` holds the same bytes (byte equality, not Unicode equivalence).
    package func sameBytes(as data: UnsafeRawBufferPointer) -> Bool {
        withUnsafeBytes { mine in
            mine.count == data.count && (mine.count == 0 || memcmp(mine.baseAddress!, data.baseAddress!, mine.count) == 0)
        }
    }

    package static func == (a: ExportFile, b: ExportFile) -> Bool {
        a.name == b.name && b.withUnsafeBytes { a.sameBytes(as: $0) }
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}

/// Collects streamed files (thread-safe), joining the pieces of a file; `files(inOrder:)` returns them in a fixed
/// order.
package final class FileCollector: @unchecked Sendable {
    private var collected: [ExportFile] = []
    private let lock = NSLock()

    package init() {}

    private var positions: [String: Int] = [:]

    package func add(_ file: ExportFile) {
        lock.lock()
        defer { lock.unlock() }
        if file.continues, let at = positions[file.name] {
            collected[at].bytes += file.bytes
            return
        }
        var whole = file
        whole.continues = false
        positions[file.name] = collected.count
        collected.append(whole)
    }

    /// Files named in `order` first (in that order), then the rest sorted by name.
    package func files(inOrder order: [String] = []) -> [ExportFile] {
        lock.lock()
        defer { lock.unlock() }
        let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        return collected.sorted { a, b in
            let ra = rank[a.name] ?? Int.max, rb = rank[b.name] ?? Int.max
            return ra != rb ? ra < rb : a.name < b.name
        }
    }
}
