import CatalogCore
import Foundation
import Hummingbird

/// Hydra paging of `/catalog` (and `/catalog.ttl|.rdf|.jsonld`): `?page=N&pageSize=M`.
///
/// A page is the catalogue with only its slice of the datasets (in the order of the published catalogue), built
/// with the same `DCATGraph` and serialisers as the files, plus one paging node whose IRI is the page's own URL,
/// typed `hydra:PartialCollectionView` and `hydra:PagedCollection` (ckanext-dcat's form, which its harvester
/// looks for): `hydra:first` / `previous` / `next` / `last` as IRIs, ckanext-dcat's `hydra:firstPage` /
/// `previousPage` / `nextPage` / `lastPage` as literals, and `hydra:totalItems` / `hydra:itemsPerPage`.
/// Links are absolute (`http://<Host>/catalog.<ext>?page=…&pageSize=…`) and name the serialisation, so a harvester
/// stays in one format. The same links go into an RFC 8288 `Link` header.
///
/// Without `page` and `pageSize` the whole published file is served, however large (see docs/serving.md).
enum CatalogPages {
    static let defaultPageSize = 1000
    static let maxPageSize = 10_000
    static let hydra = "http://www.w3.org/ns/hydra/core#"
    static let xsdInteger = "http://www.w3.org/2001/XMLSchema#integer"
    static let linkField = HTTPFields.Element.Name("Link")!  // HTTPTypes has no named constant for Link

    enum Query: Equatable {
        /// No paging parameter: the whole catalogue.
        case whole
        case page(Int, size: Int)
        /// A parameter that is not a valid number; the message says which.
        case invalid(String)
    }

    /// Reads `page` and `pageSize` from a query string. Either one switches paging on (page 1, default size).
    static func query(_ query: String?) -> Query {
        let params = Routes.queryParameters(query)
        let rawPage = params["page"].map { $0.text ?? "" }
        let rawSize = params["pageSize"].map { $0.text ?? "" }
        if rawPage == nil && rawSize == nil { return .whole }
        var page = 1
        if let rawPage {
            guard let n = Int(rawPage), n >= 1 else { return .invalid("page must be a whole number ≥ 1, not \"\(rawPage.prefix(40))\"") }
            page = n
        }
        var size = defaultPageSize
        if let rawSize {
            guard let n = Int(rawSize), (1...maxPageSize).contains(n) else {
                return .invalid("pageSize must be a whole number from 1 to \(maxPageSize), not \"\(rawSize.prefix(40))\"")
            }
            size = n
        }
        return .page(page, size: size)
    }

    /// Number of pages (at least 1: an empty catalogue still has its catalogue node on page 1).
    static func lastPage(total: Int, size: Int) -> Int { max(1, (total + size - 1) / size) }

    /// The paging controls of one page.
    struct Controls {
        var base: String
        var suffix: String
        var page: Int
        var size: Int
        var total: Int

        var last: Int { CatalogPages.lastPage(total: total, size: size) }
        func url(_ n: Int) -> String { "\(base)/catalog.\(suffix)?page=\(n)&pageSize=\(size)" }
        var current: String { url(page) }

        /// (relation, page number) for first, previous, next, last; previous/next only where they exist.
        var links: [(String, Int)] {
            var out = [("first", 1)]
            if page > 1 { out.append(("previous", page - 1)) }
            if page < last { out.append(("next", page + 1)) }
            out.append(("last", last))
            return out
        }

        /// `Link: <…>; rel="first", …` (RFC 8288 relation names: `prev`, not `previous`).
        var linkHeader: String {
            links.map { "<\(url($0.1))>; rel=\"\($0.0 == "previous" ? "prev" : $0.0)\"" }.joined(separator: ", ")
        }

        /// ckanext-dcat's deprecated literal-valued predicates for the same links.
        static let literalPredicates = ["first": "firstPage", "previous": "previousPage", "next": "nextPage", "last": "lastPage"]

        /// The paging node as triples, written after the page's other nodes by the same serialisers as the rest
        /// of the document (hydra has no prefix of ours: Turtle and JSON-LD name its terms by full IRI, RDF/XML
        /// declares a namespace on each element); sorted like any block.
        var triples: [DCATTriple] {
            let node = current, type = ExportNS.rdf + "type"
            var out = [
                DCATTriple(node, type, .iri(hydra + "PagedCollection")),
                DCATTriple(node, type, .iri(hydra + "PartialCollectionView")),
            ]
            for (rel, n) in links {
                out.append(DCATTriple(node, hydra + rel, .iri(url(n))))
                out.append(DCATTriple(node, hydra + Self.literalPredicates[rel]!, .text(url(n))))
            }
            out.append(DCATTriple(node, hydra + "itemsPerPage", .typed(String(size), xsdInteger)))
            out.append(DCATTriple(node, hydra + "totalItems", .typed(String(total), xsdInteger)))
            return out.sorted()
        }
    }

    /// The page's document, laid out like catalog.ttl (DCATDocument): the catalogue node, the page's datasets in
    /// order, the nodes they share, then the paging node. `datasets`: the page's (`controls` says which page of
    /// how many); `head`: the catalogue's part, built once per snapshot.
    static func render(_ datasets: [Dataset], head: DCATGraph.Head, format: DCAT.Format, controls c: Controls) -> [UInt8] {
        var layout = DCATDocument.layout(datasets, head: head)
        layout.rest += c.triples
        switch format.suffix {
        case "ttl": return DCATDocument.bytes(layout, as: TurtleSerializer.self)
        case "rdf": return DCATDocument.bytes(layout, as: RDFXMLSerializer.self)
        default: return DCATDocument.bytes(layout, as: JSONLDSerializer.self)
        }
    }

    /// The response for one page: 404 beyond the last page, else 200 with validators and gzip.
    /// Rendered pages are kept in the snapshot's cache (keyed by base URL, format, page and size).
    static func respond(page: Int, size: Int, format: DCAT.Format, negotiated: Bool, base: String, request: Request, snapshot: Snapshot) -> Response {
        let controls = Controls(base: base, suffix: format.suffix, page: page, size: size, total: snapshot.datasetCount)
        guard page <= controls.last else {
            return plain(.notFound, "page \(page) does not exist: the catalogue has \(controls.last) page(s) of \(size) datasets")
        }
        let key = "page|\(base)|\(format.suffix)|\(page)|\(size)"
        let from = min((page - 1) * size, snapshot.datasetCount), to = min(from + size, snapshot.datasetCount)
        guard let body = snapshot.cache.value(key, make: {
            (try? snapshot.model.datasets(from..<to)).map { ByteBuffer(bytes: render($0, head: snapshot.rdfHead, format: format, controls: controls)) }
        }) else {
            return plain(.internalServerError, "the catalogue page could not be rendered\n")
        }
        var headers: HTTPFields = [
            .contentType: format.mediaType + "; charset=utf-8", .cacheControl: "public, max-age=60", linkField: controls.linkHeader,
        ]
        if negotiated {
            headers[.vary] = "Accept"
            headers[.contentLocation] = "/catalog.\(format.suffix)?page=\(page)&pageSize=\(size)"
        }
        let etag = "\"\(snapshot.id)-catalog-\(page)-\(size)-\(format.suffix)\""
        return Representation(headers: headers, body: body, etag: etag, cacheKey: key).response(to: request, cache: snapshot.cache)
    }

    static func plain(_ status: HTTPResponse.Status, _ message: String) -> Response {
        let text = message.hasSuffix("\n") ? message : message + "\n"
        return Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
