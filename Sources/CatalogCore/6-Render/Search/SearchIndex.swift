import Foundation

/// A full-text index with BM25F relevance over the fields people search a catalogue by: title, keywords,
/// publisher, distribution titles and the full description (each normalised by `SearchText`).
///
/// Every posting stores its finished score contribution as an integer (thousandths), so the server's ranking
/// and the static site's (which reads the same postings from `suche/index/`) are the same integers summed the
/// same way. Matching: every query term must match; a term matches an index term that equals it (full score) or
/// starts with it (half score, so `minigolf` finds `Minigolfanlagen`); per term the best match of a document counts.
/// Compound endings that are index terms themselves are indexed too (`compoundEndings`).
/// Ties keep document order.
package struct SearchIndex: Sendable {
    package enum Field: Int, Sendable, CaseIterable {
        case title, keywords, publisher, distributions, description

        /// Title > keywords > publisher and distribution titles > description.
        package var weight: Double {
            switch self {
            case .title: 4
            case .keywords: 2.5
            case .publisher, .distributions: 1.5
            case .description: 1
            }
        }
    }

    /// The searchable text of one document, by field.
    package struct Document: Sendable {
        package var fields: [Field: String]

        package init(fields: [Field: String]) { self.fields = fields }

        /// A dataset's title, keywords, publisher name (as published), distribution titles and full description.
        package init(_ d: Dataset) {
            fields = [
                .title: d.title, .keywords: d.keywords.joined(separator: "\n"), .publisher: d.facts.publisher.name,
                .distributions: d.distributions.compactMap(\.title).joined(separator: "\n"), .description: d.description,
            ]
        }
    }

    package struct Posting: Sendable, Hashable {
        package var doc: Int32
        /// The term's BM25F contribution for this document, in thousandths (at least 1).
        package var score: Int32
    }

    /// BM25 saturation and length normalisation.
    static let k1 = 1.2
    static let b = 0.75

    /// The index terms, sorted (byte order).
    package let terms: [String]
    /// Postings of `terms[i]`, by document.
    package internal(set) var postings: [[Posting]]
    package let documentCount: Int

    package init(datasets: [Dataset]) {
        self.init(count: datasets.count) { Document(datasets[$0]) }
    }

    package init(_ documents: [Document]) {
        self.init(count: documents.count) { documents[$0] }
    }

    /// Documents per chunk: each chunk's documents and term counts are made in parallel and folded into the
    /// occurrences before the next chunk, so only one chunk of them is ever held (at 90,000 datasets every
    /// document's counts at once were a third of a gigabyte).
    static let documentsPerChunk = 4096

    /// The index of `count` documents, document `i` being `document(i)` (called once per document, in parallel).
    init(count: Int, document: @escaping (Int) -> Document) {
        let fields = Field.allCases
        // Occurrences per term: (document, field, count), in document order and within a document in field order,
        // each packed into 8 bytes (`Occurrence`; as a tuple 12: at 100 k datasets the lists are ~150 MB).
        var occurrences: [String: [Occurrence]] = [:]
        // Terms per document and field (document `d`'s fields at `d * fields.count`).
        var lengths = [Int](repeating: 0, count: count * fields.count)
        for chunk in stride(from: 0, to: count, by: Self.documentsPerChunk) {
            let range = chunk..<min(count, chunk + Self.documentsPerChunk)
            let counted: [[[String: Int]]] = ParallelMap.map(Array(range), minimum: 256, chunk: 64) { i in
                let doc = document(i)
                return fields.map { f in
                    var counts: [String: Int] = [:]
                    for t in SearchText.terms(doc.fields[f] ?? "") { counts[t, default: 0] += 1 }
                    return counts
                }
            }
            for (k, perField) in counted.enumerated() {
                let d = range.lowerBound + k
                for f in fields {
                    lengths[d * fields.count + f.rawValue] = perField[f.rawValue].values.reduce(0, +)
                    for (t, c) in perField[f.rawValue] { occurrences[t, default: []].append(Occurrence(doc: d, field: f.rawValue, count: c)) }
                }
            }
        }
        let n = max(1, count)
        let averages = fields.map { f in
            max(1, Double(stride(from: f.rawValue, to: lengths.count, by: fields.count).reduce(0) { $0 + lengths[$1] }) / Double(n))
        }
        // Weighted, length-normalised term frequency per document of one term's occurrences: the fields'
        // contributions summed in field order. Made when a term is scored (and for compounds when their endings
        // are), so no list of them all is kept beside the occurrences (at 100 k datasets the two were ~130 MB of
        // the run's heap peak together).
        let weigh = { (list: [Occurrence]) -> [(doc: Int32, tf: Double)] in
            var postings: [(doc: Int32, tf: Double)] = []
            for o in list {
                let f = fields[o.field]
                let norm = 1 - Self.b + Self.b * Double(lengths[Int(o.doc) * fields.count + f.rawValue]) / averages[f.rawValue]
                let part = f.weight * Double(o.count) / norm
                if let last = postings.last, last.doc == o.doc {
                    postings[postings.count - 1].tf += part
                } else {
                    postings.append((o.doc, 0 + part))
                }
            }
            return postings
        }
        let endings = Self.compoundEndings(occurrences, weigh: weigh)
        let sorted = occurrences.keys.sorted { $0.utf8Precedes($1) }
        terms = sorted
        postings = sorted.map { t in
            var list = weigh(occurrences.removeValue(forKey: t)!)  // let go as it is scored
            if let extra = endings[t] {
                var merged: [Int32: Double] = [:]
                for p in list { merged[p.doc] = p.tf }
                for (d, v) in extra { merged[d, default: 0] += v }
                list = merged.map { (doc: $0.key, tf: $0.value) }.sorted { $0.doc < $1.doc }
            }
            let df = Double(list.count)
            let idf = log(1 + (Double(count) - df + 0.5) / (df + 0.5))
            return list.map { p in
                let s = idf * p.tf * (Self.k1 + 1) / (p.tf + Self.k1)
                return Posting(doc: p.doc, score: Int32(max(1, (s * 1000).rounded())))
            }
        }
        documentCount = count
    }

    /// German compounds: a term of letters that ends with another index term of four or more letters (after at
    /// least three) counts for that term too, at half its frequency, so `Wahl` finds `Landtagswahl` as the
    /// substring search did. Returns the extra frequency per ending and document, to add to the ending's own.
    /// Terms are visited in sorted order so the sums, and the scores, are byte-stable.
    static func compoundEndings(
        _ occurrences: [String: [Occurrence]], weigh: ([Occurrence]) -> [(doc: Int32, tf: Double)]
    ) -> [String: [Int32: Double]] {
        var endings: [String: [Int32: Double]] = [:]
        for t in occurrences.keys.sorted(by: { $0.utf8Precedes($1) }) where t.utf8.count >= 7 {
            let bytes = Array(t.utf8)
            guard bytes.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { continue }
            var weighted: [(doc: Int32, tf: Double)]?
            for cut in 3...(bytes.count - 4) {
                let ending = String(decoding: bytes[cut...], as: UTF8.self)
                guard occurrences[ending] != nil else { continue }
                if weighted == nil { weighted = weigh(occurrences[t]!) }
                for p in weighted! { endings[ending, default: [:]][p.doc, default: 0] += 0.5 * p.tf }
            }
        }
        return endings
    }

    /// Renumbers the documents: document `order[i]` becomes document `i` (`order` holds every document once).
    /// A score is one document's own sums, made in field order and, for compound endings, in term order, never
    /// depending on the document's number; so this gives the index `init` would build over the documents in
    /// the new order, without splitting their texts into terms again (the site's list order, from the
    /// server index's catalogue order).
    package mutating func renumber(to order: [Int]) {
        precondition(order.count == documentCount, "renumber: \(order.count) documents given, the index has \(documentCount)")
        var number = [Int32](repeating: -1, count: order.count)
        for (new, old) in order.enumerated() { number[old] = Int32(new) }
        precondition(!number.contains(-1), "renumber: the order leaves out a document")
        for i in postings.indices {
            postings[i].withUnsafeMutableBufferPointer { list in
                for k in list.indices { list[k].doc = number[Int(list[k].doc)] }
                list.sort { $0.doc < $1.doc }
            }
        }
    }

    /// The range of `terms` that start with `prefix`.
    package func termRange(prefix: String) -> Range<Int> {
        var lo = 0, hi = terms.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if terms[mid].utf8Precedes(prefix) { lo = mid + 1 } else { hi = mid }
        }
        var end = lo
        while end < terms.count && terms[end].hasPrefix(prefix) { end += 1 }
        return lo..<end
    }

    /// Score per matching document (every term must match); nil when the query has no terms (no text filter).
    package func scores(_ queryTerms: [String]) -> [Int: Int]? {
        guard !queryTerms.isEmpty else { return nil }
        var total: [Int: Int]?
        for q in queryTerms {
            var best: [Int: Int] = [:]
            for i in termRange(prefix: q) {
                let exact = terms[i] == q
                for p in postings[i] {
                    let s = exact ? Int(p.score) : Int(p.score) / 2
                    if s > best[Int(p.doc), default: -1] { best[Int(p.doc)] = s }
                }
            }
            if let sum = total {
                var next: [Int: Int] = [:]
                for (d, s) in sum { if let add = best[d] { next[d] = s + add } }
                total = next
            } else {
                total = best
            }
            if total?.isEmpty == true { break }
        }
        return total ?? [:]
    }

    /// Matching documents, best first (ties in document order); nil when `query` has no search terms.
    package func ranked(_ query: String) -> [(doc: Int, score: Int)]? {
        guard let scores = scores(SearchText.queryTerms(query)) else { return nil }
        return scores.map { (doc: $0.key, score: $0.value) }.sorted { $0.score != $1.score ? $0.score > $1.score : $0.doc < $1.doc }
    }
}

extension SearchIndex {
    /// One term's occurrence in one field of one document, in 8 bytes: the document (32 bits), the field
    /// (8 bits) and how often the term occurs there (24 bits; more than 16 million times in one field is counted
    /// as 16,777,215).
    struct Occurrence {
        private let bits: UInt64

        init(doc: Int, field: Int, count: Int) {
            bits = UInt64(UInt32(doc)) << 32 | UInt64(UInt8(field)) << 24 | UInt64(min(count, 0xFF_FFFF))
        }

        var doc: Int32 { Int32(truncatingIfNeeded: bits >> 32) }
        var field: Int { Int(bits >> 24 & 0xFF) }
        var count: Int { Int(bits & 0xFF_FFFF) }
    }
}
