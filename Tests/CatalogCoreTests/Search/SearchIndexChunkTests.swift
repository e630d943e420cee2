import Foundation
import Testing
@testable import CatalogCore

/// The index is built a chunk of documents at a time; across chunks it must give the postings of BM25F computed
/// over all documents at once (written out here directly from the definition).
@Suite struct SearchIndexChunkTests {
    /// A deterministic corpus larger than two chunks: words from a small vocabulary (some compounds), so terms
    /// recur across chunks and fields.
    static func documents(_ count: Int) -> [SearchIndex.Document] {
        let words = ["baum", "park", "wahl", "landtagswahl", "schule", "grundschule", "wasser", "abwasser", "strasse", "radweg",
                     "haushalt", "kita", "bus", "bahn", "luft", "messstelle", "verkehr", "denkmal", "aachen", "köln"]
        var state: UInt64 = 42
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        func text(_ n: Int) -> String { (0..<n).map { _ in words[next(words.count)] }.joined(separator: " ") }
        return (0..<count).map { _ in
            SearchIndex.Document(fields: [.title: text(1 + next(4)), .keywords: text(next(3)), .publisher: text(1),
                                          .distributions: text(next(3)), .description: text(next(12))])
        }
    }

    static func reference(_ documents: [SearchIndex.Document]) -> [String: [SearchIndex.Posting]] {
        let fields = SearchIndex.Field.allCases
        let counted = documents.map { doc in
            fields.map { f in
                var counts: [String: Int] = [:]
                for t in SearchText.terms(doc.fields[f] ?? "") { counts[t, default: 0] += 1 }
                return counts
            }
        }
        let lengths = counted.map { $0.map { $0.values.reduce(0, +) } }
        let averages = fields.map { f in max(1, Double(lengths.reduce(0) { $0 + $1[f.rawValue] }) / Double(documents.count)) }
        var weighted: [String: [(doc: Int32, tf: Double)]] = [:]
        for (d, perField) in counted.enumerated() {
            var tf: [String: Double] = [:]
            for f in fields {
                let norm = 1 - SearchIndex.b + SearchIndex.b * Double(lengths[d][f.rawValue]) / averages[f.rawValue]
                for (t, c) in perField[f.rawValue] { tf[t, default: 0] += f.weight * Double(c) / norm }
            }
            for (t, v) in tf { weighted[t, default: []].append((Int32(d), v)) }
        }
        // Compounds: a term of seven or more letters counts, at half its frequency, for every index term of four
        // or more letters it ends with after at least three; visited in sorted term order.
        var extra: [String: [Int32: Double]] = [:]
        for t in weighted.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) where t.utf8.count >= 7 {
            let bytes = Array(t.utf8)
            guard bytes.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { continue }
            for cut in 3...(bytes.count - 4) where weighted[String(decoding: bytes[cut...], as: UTF8.self)] != nil {
                for p in weighted[t]! { extra[String(decoding: bytes[cut...], as: UTF8.self), default: [:]][p.doc, default: 0] += 0.5 * p.tf }
            }
        }
        for (ending, more) in extra {
            var merged: [Int32: Double] = [:]
            for p in weighted[ending]! { merged[p.doc] = p.tf }
            for (d, v) in more { merged[d, default: 0] += v }
            weighted[ending] = merged.map { (doc: $0.key, tf: $0.value) }.sorted { $0.doc < $1.doc }
        }
        return weighted.mapValues { list in
            let df = Double(list.count)
            let idf = log(1 + (Double(documents.count) - df + 0.5) / (df + 0.5))
            return list.map { p in
                let s = idf * p.tf * (SearchIndex.k1 + 1) / (p.tf + SearchIndex.k1)
                return SearchIndex.Posting(doc: p.doc, score: Int32(max(1, (s * 1000).rounded())))
            }
        }
    }

    @Test func chunkedIndexEqualsTheWholeComputation() {
        let documents = Self.documents(2 * SearchIndex.documentsPerChunk + 123)
        let index = SearchIndex(documents)
        let expected = Self.reference(documents)
        #expect(index.documentCount == documents.count)
        #expect(index.terms == expected.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(index.terms.count >= 15)
        for (term, postings) in zip(index.terms, index.postings) {
            #expect(postings == expected[term], "term \(term)")
        }
        #expect(index.postings.contains { $0.contains { $0.doc >= Int32(SearchIndex.documentsPerChunk) } })
    }

    /// Renumbering an index (the site's list order from server-index.bin's catalogue order) gives exactly the
    /// index built over the documents in the new order: the same terms and the same integer scores, to the bit.
    @Test func aRenumberedIndexEqualsOneBuiltInTheNewOrder() {
        let documents = Self.documents(SearchIndex.documentsPerChunk + 517)
        var state: UInt64 = 7
        var order = Array(documents.indices)
        for i in order.indices.reversed() where i > 0 {  // Fisher–Yates with a fixed seed
            state = state &* 6364136223846793005 &+ 1442695040888963407
            order.swapAt(i, Int((state >> 33) % UInt64(i + 1)))
        }
        var renumbered = SearchIndex(documents)
        renumbered.renumber(to: order)
        let built = SearchIndex(order.map { documents[$0] })
        #expect(renumbered.documentCount == built.documentCount)
        #expect(renumbered.terms == built.terms)
        #expect(renumbered.postings == built.postings)
        #expect(renumbered.postings != SearchIndex(documents).postings)
        #expect(renumbered.ranked("landtagswahl park")?.map(\.doc) == built.ranked("landtagswahl park")?.map(\.doc))
    }

    /// An occurrence keeps its document, field and count in 8 bytes, at the ends of their ranges too.
    @Test func occurrencesPackIntoEightBytes() {
        #expect(MemoryLayout<SearchIndex.Occurrence>.stride == 8)
        for (doc, field, count) in [(0, 0, 1), (7, 3, 42), (Int(Int32.max), 255, 0xFF_FFFF), (123_456, 1, 70_000)] {
            let o = SearchIndex.Occurrence(doc: doc, field: field, count: count)
            #expect(o.doc == Int32(doc) && o.field == field && o.count == count)
        }
        #expect(SearchIndex.Occurrence(doc: 1, field: 2, count: 20_000_000).count == 0xFF_FFFF)
    }
}
