package import Foundation

// catalog.model.json read on every core: one pass over the bytes finds where each dataset of the leading
// "datasets" list starts and ends (only brackets, braces and strings are looked at), then the datasets are read
// in parallel and the catalogue's own members after the list on their own. At 90 000 datasets (683 MB) reading
// the model was 14 s on one core; `opendata serve` cannot answer before it is done.

extension Catalog {
    /// Below this many datasets a snapshot is read and indexed on one thread. `opendata serve` loads snapshots on
    /// a thread of lower priority; worker threads at normal priority would compete with its request threads
    /// during a swap, which for a small catalogue (under a second on one core) is not worth it. Above it, reading
    /// and indexing in parallel halves the time until a new snapshot is served.
    package static let parallelLoadMinimum = 2048

    /// The catalogue from catalog.model.json bytes (as `modelJSON()` writes them), its datasets read in parallel:
    /// the same values and the same errors as the one-pass reader (`init(onePassModelJSON:)`), which it falls back
    /// to for a file of another shape.
    package init(modelJSON data: Data) throws(ModelJSONError) {
        self = try data.withUnsafeBytes { raw -> Result<Catalog, ModelJSONError> in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let split = ModelJSONSplit(bytes) else { return Self.onePass(bytes) }
            return Self.datasets(bytes, split.datasets).flatMap { list in
                // The catalogue's own members, with the list skipped: errors name bytes of the whole file.
                Self.onePass(bytes, datasetsEnd: split.afterList).map { c in
                    var c = c
                    c.datasets = list
                    return c
                }
            }
        }.get()
    }

    /// The datasets at `ranges` of catalog.model.json bytes (where `ModelJSONSplit` or server-index.bin found
    /// them), read in parallel from `parallelLoadMinimum` on; the first error in file order.
    package static func datasets(modelJSON data: Data, ranges: [Range<Int>]) throws(ModelJSONError) -> [Dataset] {
        try data.withUnsafeBytes { raw in Self.datasets(raw.bindMemory(to: UInt8.self), ranges) }.get()
    }

    static func datasets(_ bytes: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>]) -> Result<[Dataset], ModelJSONError> {
        guard ranges.allSatisfy({ $0.lowerBound >= 0 && $0.upperBound <= bytes.count }) else {
            return .failure(ModelJSONError(description: "catalog.model.json: a dataset lies beyond its \(bytes.count) bytes"))
        }
        let shapes = PublishedShape.ReadCache()
        let datasets = ParallelMap.map(ranges, minimum: Catalog.parallelLoadMinimum, chunk: 64) { range in
            Self.dataset(UnsafeBufferPointer(rebasing: bytes[range]), at: range.lowerBound, shapes: shapes)
        }
        var list: [Dataset] = []
        list.reserveCapacity(datasets.count)
        for d in datasets {
            switch d {
            case .success(let d): list.append(d)
            case .failure(let e): return .failure(e)  // the first in file order, as the one-pass reader reports
            }
        }
        return .success(list)
    }

    private static func dataset(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, shapes: PublishedShape.ReadCache) -> Result<Dataset, ModelJSONError> {
        var p = JSONParser(bytes)
        do {
            let d = try Dataset.read(&p, shapes: shapes)
            return .success(d)
        } catch {
            return .failure(ModelJSONError(description: "catalog.model.json: \(p.problem ?? "invalid JSON") at byte \(offset + p.i)"))
        }
    }
}

/// Where each element of the leading `"datasets"` list of a model file lies, found without reading the values.
struct ModelJSONSplit {
    /// Byte ranges of the list's elements.
    var datasets: [Range<Int>] = []
    /// The index just after the list's closing bracket.
    var afterList = 0

    /// Nil when the file does not start `{"datasets":[` or the list's structure is broken (the one-pass reader
    /// then reports where).
    init?(_ b: UnsafeBufferPointer<UInt8>) {
        var i = 0
        func space() { while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 } }
        func expect(_ text: String) -> Bool {
            for c in text.utf8 {
                space()
                guard i < b.count, b[i] == c else { return false }
                i += 1
            }
            return true
        }
        guard expect("{"), expect("\""), b.count - i > 9, Array(b[i..<i + 9]) == Array("datasets\"".utf8) else { return nil }
        i += 9
        guard expect(":"), expect("[") else { return nil }
        space()
        if i < b.count, b[i] == UInt8(ascii: "]") {
            afterList = i + 1
            return
        }
        while i < b.count {
            space()
            let start = i
            guard let end = Self.valueEnd(b, from: i) else { return nil }
            datasets.append(start..<end)
            i = end
            space()
            guard i < b.count else { return nil }
            if b[i] == UInt8(ascii: "]") {
                afterList = i + 1
                return
            }
            guard b[i] == UInt8(ascii: ",") else { return nil }
            i += 1
        }
        return nil
    }

    /// The end of the object or list starting at `start`: brackets and braces counted outside strings.
    static func valueEnd(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < b.count, b[start] == UInt8(ascii: "{") || b[start] == UInt8(ascii: "[") else { return nil }
        var depth = 0
        var i = start
        while i < b.count {
            switch b[i] {
            case UInt8(ascii: "\""):
                i += 1
                while i < b.count, b[i] != UInt8(ascii: "\"") { i += b[i] == UInt8(ascii: "\\") ? 2 : 1 }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return i + 1 }
            default:
                break
            }
            i += 1
        }
        return nil
    }
}
