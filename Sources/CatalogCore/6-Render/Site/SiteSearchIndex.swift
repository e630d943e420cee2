// The static site's full-text index: what the search script loads for a query, and nothing more.

/// `suche/index/` holds a `SearchIndex` over the site's datasets (document i = the i-th dataset of the list,
/// `SiteModel.entries` order), split so that a query loads only what it needs:
/// - `t-<xy>.json`: the postings of every term starting with the two characters `xy`, as
///   `{"term":[doc,score,doc,score,…],…}` (terms sorted, postings by document, scores the integers of
///   `SearchIndex`); a query loads one file per term.
/// - `d-<n>.json`: the list items of documents `n·100 …` as HTML strings (the same `<li>` the list pages show,
///   with the facet keys in its `data-` attributes); a query loads the files of its hits.
/// Every file is sorted and byte-stable; the script (`SiteSearchScript.js`) normalises the query exactly as
/// `SearchText` does and sums the scores exactly as `SearchIndex.scores` does.
enum SiteSearchIndex {
    static let folder = "suche/index/"
    static let chunkSize = 100

    /// The term files (`t-<xy>.json`) of the index over the site's entries, in their order, each handed to
    /// `hand` as it is written. The site makes them before its list items, so the index (173 MB at
    /// 100 k datasets while it is built) and the list items (121 MB) are not in memory together.
    /// `catalogIndex`: the index over the catalogue in its own order, if made already (a run: server-index.bin's),
    /// renumbered in place and let go of with the term files; without it the site indexes its datasets itself.
    static func shards(_ model: SiteModel, catalogIndex: consuming SearchIndex?, hand: (ExportFile) -> Void) {
        let index: SearchIndex
        // Taken out of the parameter, so the index is held once and its postings are renumbered without a copy.
        if var made = catalogIndex.take(), made.documentCount == model.catalogOrder.count {
            made.renumber(to: model.catalogOrder)
            index = made
        } else {
            index = SearchIndex(datasets: model.entries.map(\.dataset))
        }
        // The terms of one file are a run of the sorted terms; the files are written in parallel, in order.
        var groups: [(prefix: String, terms: Range<Int>)] = []
        for (i, term) in index.terms.enumerated() {
            let p = String(term.utf8.prefix(2).map { Character(Unicode.Scalar($0)) })
            if let last = groups.last, last.prefix == p {
                groups[groups.count - 1].terms = last.terms.lowerBound..<(i + 1)
            } else {
                groups.append((p, i..<(i + 1)))
            }
        }
        groups.removeAll { $0.prefix.isEmpty }  // an empty term has no file
        ParallelMap.inBatches(groups, batch: 256, minimum: 2, chunk: 8, { group -> ExportFile in
            var body = ""
            for i in group.terms {
                if i > group.terms.lowerBound { body += ",\n" }
                body += "\"\(index.terms[i])\":["
                body += index.postings[i].map { "\($0.doc),\($0.score)" }.joined(separator: ",")
                body += "]"
            }
            return ExportFile(name: "\(folder)t-\(group.prefix).json", text: "{\n" + body + "\n}\n")
        }, each: hand)
    }

    /// The list items, `chunkSize` per file.
    static func chunks(_ ctx: SiteContext, hand: (ExportFile) -> Void) {
        let n = ctx.model.entries.count
        // Rendered in parallel, a batch of files at a time, and handed over in order.
        ParallelMap.inBatches(Array(stride(from: 0, to: n, by: chunkSize)), batch: 64, minimum: 2, chunk: 4, { start -> ExportFile in
            var text = "[\n"
            for i in start..<min(n, start + chunkSize) {
                let item = i < ctx.listItems.count ? ctx.listItems[i] : SiteRenderer.listItem(ctx, i)
                if i > start { text += ",\n" }
                ExportJSON.quote(item.beforeLink + item.afterLink, into: &text)
            }
            return ExportFile(name: "\(folder)d-\(start / chunkSize).json", text: text + "\n]\n")
        }, each: hand)
    }
}
