import CatalogCore
import CompressNIO
import Foundation
import Hummingbird
import Testing

@testable import CatalogServer

func gunzip(_ buffer: ByteBuffer) throws -> ByteBuffer {
    var input = buffer
    return try input.decompress(with: ZlibAlgorithm.gzip)
}

/// Text that compresses well but is not trivially repetitive (every line differs).
func sampleText(lines: Int) -> String {
    (0..<lines).map { "Zeile \($0): Offene Daten der Stadt Köln, Datensatz \($0 * 7919 % 1000), Format CSV\n" }.joined()
}

@Suite struct CompressionTests {
    @Test func staticFilesAreGzippedWhenAcceptedAndWorthIt() async throws {
        let h = try await Harness()
        let big = sampleText(lines: 400)
        try Data(big.utf8).write(to: h.folder.appendingPathComponent("big.csv"))
        try Data(String(repeating: "x", count: 600).utf8).write(to: h.folder.appendingPathComponent("small.txt"))
        try Data(repeating: 0x41, count: 8000).write(to: h.folder.appendingPathComponent("logo.png"))
        try await h.app.test(.router) { client in
            var plainTag = ""
            try await client.execute(uri: "/big.csv", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentEncoding] == nil)
                #expect(r.headers[.vary] == "Accept-Encoding")
                #expect(String(buffer: r.body) == big)
                plainTag = r.headers[.eTag] ?? ""
            }
            var gzipLength = 0
            try await client.execute(uri: "/big.csv", method: .get, headers: [.acceptEncoding: "br, gzip;q=0.8"]) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentEncoding] == "gzip")
                #expect(r.headers[.vary] == "Accept-Encoding")
                #expect(r.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(r.headers[.eTag] == String(plainTag.dropLast()) + "-gz\"")
                #expect(r.headers[.contentLength] == String(r.body.readableBytes))
                #expect(r.body.readableBytes < big.utf8.count / 3)
                let decoded = try gunzip(r.body)
                #expect(String(buffer: decoded) == big)
                gzipLength = r.body.readableBytes
            }
            // HEAD: the same headers as GET (length of the gzip variant), no body.
            try await client.execute(uri: "/big.csv", method: .head, headers: [.acceptEncoding: "gzip"]) { r in
                #expect(r.headers[.contentEncoding] == "gzip")
                #expect(r.headers[.contentLength] == String(gzipLength))
                #expect(r.body.readableBytes == 0)
            }
            // Validators are per variant.
            try await client.execute(uri: "/big.csv", method: .get, headers: [.acceptEncoding: "gzip", .ifNoneMatch: String(plainTag.dropLast()) + "-gz\""]) { r in
                #expect(r.status == .notModified)
                #expect(r.body.readableBytes == 0)
            }
            try await client.execute(uri: "/big.csv", method: .get, headers: [.ifNoneMatch: String(plainTag.dropLast()) + "-gz\""]) { r in
                #expect(r.status == .ok)
                #expect(String(buffer: r.body) == big)
            }
            // No partial responses: a Range request gets the whole (compressed) representation.
            try await client.execute(uri: "/big.csv", method: .get, headers: [.acceptEncoding: "gzip", .range: "bytes=0-99"]) { r in
                #expect(r.status == .ok)
                let decoded = try gunzip(r.body)
                #expect(String(buffer: decoded) == big)
            }
            for (coding, expectGzip) in [("gzip;q=0", false), ("identity", false), ("*", true), ("x-gzip", true), ("*, gzip;q=0", false), ("deflate", false)] {
                try await client.execute(uri: "/big.csv", method: .get, headers: [.acceptEncoding: coding]) { r in
                    #expect((r.headers[.contentEncoding] == "gzip") == expectGzip, "Accept-Encoding: \(coding)")
                }
            }
            // Small bodies and binary types stay as they are.
            try await client.execute(uri: "/small.txt", method: .get, headers: [.acceptEncoding: "gzip"]) { r in
                #expect(r.headers[.contentEncoding] == nil)
                #expect(r.headers[.vary] == nil)
                #expect(r.body.readableBytes == 600)
            }
            try await client.execute(uri: "/logo.png", method: .get, headers: [.acceptEncoding: "gzip"]) { r in
                #expect(r.headers[.contentEncoding] == nil)
                #expect(r.body.readableBytes == 8000)
            }
        }
        // The gzip variant was computed once and is kept in the snapshot's cache.
        #expect(h.store.current?.cache.count == 1)
    }

    @Test func precompressedSidecarWinsOverCompressingOnTheFly() async throws {
        let h = try await Harness()
        let big = sampleText(lines: 100)
        try Data(big.utf8).write(to: h.folder.appendingPathComponent("big.csv"))
        var plain = ByteBuffer(string: "different bytes, to tell the sidecar apart\n")
        let sidecar = try plain.compress(with: ZlibAlgorithm.gzip)
        try Data(buffer: sidecar).write(to: h.folder.appendingPathComponent("big.csv.gz"))
        try await h.app.test(.router) { client in
            try await client.execute(uri: "/big.csv", method: .get, headers: [.acceptEncoding: "gzip"]) { r in
                #expect(r.headers[.contentEncoding] == "gzip")
                #expect(Array(buffer: r.body) == Array(buffer: sidecar))
                #expect(r.headers[.eTag]?.hasSuffix("-gz\"") == true)
            }
        }
        #expect(h.store.current?.cache.count == 0)
    }

    @Test func apiAndDatasetResponsesAreGzipped() async throws {
        let h = try await Harness()
        let d = h.catalog.datasets[1]
        let name = d.provenance[0].remoteName!
        try await h.app.test(.router) { client in
            for uri in ["/api/3/action/package_search?rows=1000", "/api/3/action/package_list", "/dataset/\(name).ttl", "/dataset/\(name).jsonld", "/dataset/\(name).json"] {
                let plain = try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.headers[.contentEncoding] == nil, "\(uri)")
                    return r.body
                }
                #expect(plain.readableBytes > ContentCoding.minimumSize, "\(uri)")
                try await client.execute(uri: uri, method: .get, headers: [.acceptEncoding: "gzip"]) { r in
                    #expect(r.status == .ok)
                    #expect(r.headers[.contentEncoding] == "gzip", "\(uri)")
                    #expect(r.headers[.vary]?.contains("Accept-Encoding") == true, "\(uri)")
                    #expect(r.headers[.contentLength] == String(r.body.readableBytes))
                    let decoded = try gunzip(r.body)
                    #expect(decoded == plain, "\(uri)")
                }
            }
            // The dataset ETag gets its -gz variant, and conditional requests honour it.
            let tag = try await client.execute(uri: "/dataset/\(name).ttl", method: .get, headers: [.acceptEncoding: "gzip"]) { $0.headers[.eTag] ?? "" }
            #expect(tag.hasSuffix("-ttl-gz\""))
            try await client.execute(uri: "/dataset/\(name).ttl", method: .get, headers: [.acceptEncoding: "gzip", .ifNoneMatch: tag]) { r in
                #expect(r.status == .notModified)
            }
            // Small JSON (status_show) and error responses stay identity.
            try await client.execute(uri: "/api/3/action/status_show", method: .get, headers: [.acceptEncoding: "gzip"]) { r in
                #expect(r.headers[.contentEncoding] == nil)
                #expect(json(r.body)["success"] as? Bool == true)
            }
            try await client.execute(uri: "/api/3/action/package_show?id=nope", method: .get, headers: [.acceptEncoding: "gzip"]) { r in
                #expect(r.status == .notFound)
                #expect(r.headers[.contentEncoding] == nil)
            }
            // HEAD on the API: gzip length, no body.
            let length = try await client.execute(uri: "/api/3/action/package_list", method: .get, headers: [.acceptEncoding: "gzip"]) { $0.body.readableBytes }
            try await client.execute(uri: "/api/3/action/package_list", method: .head, headers: [.acceptEncoding: "gzip"]) { r in
                #expect(r.headers[.contentLength] == String(length))
                #expect(r.body.readableBytes == 0)
            }
        }
    }

    @Test func acceptEncodingParsingAndTags() {
        #expect(ContentCoding.gzipTag("\"abc\"") == "\"abc-gz\"")
        #expect(ContentCoding.gzipTag("W/\"abc\"") == "W/\"abc-gz\"")
        #expect(ContentCoding.isCompressible("application/ld+json; charset=utf-8"))
        #expect(ContentCoding.isCompressible("Text/Turtle"))
        #expect(!ContentCoding.isCompressible("application/gzip"))
        // The shortcut for common headers says what the rule says.
        for header in ContentCoding.compressibleHeaders { #expect(ContentCoding.mediaTypeIsCompressible(header), "\(header)") }
        #expect(!ContentCoding.isCompressible(nil))
    }

    @Test func cacheStaysWithinBudget() {
        let cache = ByteCache(budget: 4000)
        for i in 0..<10 { _ = cache.value("k\(i)") { ByteBuffer(repeating: 1, count: 900) } }
        #expect(cache.bytes <= 4000)
        #expect(cache.count == 4)
        // The newest entries survive; a hit does not call `make`.
        #expect(cache.value("k9") { Issue.record("k9 was evicted"); return nil }?.readableBytes == 900)
        // Larger than a quarter of the budget: returned, not kept.
        #expect(cache.value("big") { ByteBuffer(repeating: 2, count: 1500) }?.readableBytes == 1500)
        #expect(cache.count == 4)
    }
}
