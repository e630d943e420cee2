import Foundation
import Testing
import CatalogCore
import CatalogTestSupport
@testable import CatalogIO

/// The Köln package dicts, copied into Tests/Fixtures.
private let koelnLocal = Fixtures.packageRoot.appendingPathComponent("Tests/Fixtures/ckan/nrw-municipal/koeln-offenedaten-dkan-current_package_list_with_resources-2015-01.json")

private func koelnPackages() throws -> [[String: Any]] {
    try JSONSerialization.jsonObject(with: Data(contentsOf: koelnLocal)) as! [[String: Any]]
}

private func object(_ data: Data) -> [String: Any]? { (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] }

/// Case 3 of issue 15: one bad record is repaired or rejected on its own; its source does not fail.
@Suite struct BadRecordTests {
    @Test func invalidUTF8InOneRecordNoLongerFailsTheCKANSource() async throws {
        var packages = try koelnPackages()
        let victim = try #require(packages[10]["id"] as? String)
        packages[10]["title"] = "Abfallkalender MARKER-UTF8"
        packages[20]["notes"] = "Text MARKER-NUL Ende"
        packages[30]["notes"] = String(repeating: "Beschreibung ", count: 10_000)  // 130 KB
        let nulVictim = try #require(packages[20]["id"] as? String)
        let longVictim = try #require(packages[30]["id"] as? String)
        let fake = try FakeCKAN(packages: packages)
        fake.corruptions = [("MARKER-UTF8", [0xFF, 0xC3, 0x28]), ("MARKER-NUL", [0x00])]
        let outcome = await makeClient(retries: 0).harvest(source: ckanSource(fake.baseURL), rows: 50)
        #expect(outcome.error == nil)
        #expect(outcome.records.count == 137)
        #expect(outcome.requests == 3)  // nothing was retried as "truncated"
        let byID = Dictionary(uniqueKeysWithValues: outcome.records.compactMap { r in object(r.json).map { ($0["id"] as! String, $0) } })
        #expect(byID[victim]?["title"] as? String == "Abfallkalender \u{FFFD}\u{FFFD}(")
        #expect(byID[nulVictim]?["notes"] as? String == "Text  Ende")
        #expect(((byID[longVictim]?["notes"] as? String)?.utf8.count ?? .max) <= 64 * 1024 + 3)
        let repairs = outcome.findings.filter { $0.code.hasPrefix("record.") }
        let named: Set<String> = Set(repairs.map { "\($0.code) \($0.recordID ?? "-") \($0.field ?? "-")" })
        let expected: Set<String> = ["record.invalid-utf8 \(victim) title", "record.nul \(nulVictim) notes", "record.field-cut \(longVictim) notes"]
        #expect(named == expected)
        #expect(repairs.count == 3)
    }

    /// A value no JSON parser accepts (a bad escape) inside one record: the page is read by structure, the other
    /// records are kept, and only that record is refused — by the mapper, which parses each record once.
    @Test func brokenValueInOneRecordRejectsOnlyThatRecord() async throws {
        var packages = try koelnPackages()
        packages[5]["title"] = "Titel MARKER-ESCAPE"
        let victim = try #require(packages[5]["id"] as? String)
        let fake = try FakeCKAN(packages: packages)
        fake.corruptions = [("MARKER-ESCAPE", Array(#"\x"#.utf8))]
        let outcome = await makeClient(retries: 0).harvest(source: ckanSource(fake.baseURL), rows: 50)
        #expect(outcome.error == nil)
        #expect(outcome.requests == 3)  // no page was retried as "truncated"
        #expect(outcome.records.count == 137)
        let broken = outcome.records.filter { object($0.json) == nil }
        #expect(broken.count == 1)
        #expect(String(decoding: try #require(broken.first).json, as: UTF8.self).contains(victim))
        do {
            _ = try CKANPackage(json: try #require(broken.first).json)
            Issue.record("the broken record was read")
        } catch {
            #expect((error as? CKANDecodingError)?.code == "record.invalidJSON")
        }
    }

    @Test func invalidUTF8InOneDumpRecordIsRepairedNotFatal() throws {
        let file = try Data(contentsOf: koelnLocal)
        let packages = try koelnPackages()
        let title = try #require(packages[7]["title"] as? String)
        let id = try #require(packages[7]["id"] as? String)
        // Latin-1 "ß" (0xDF) inside one title: what an old export tool writes.
        var broken = file
        let needle = try #require(title.data(using: .utf8).flatMap { t in file.range(of: t) })
        broken.insert(0xDF, at: needle.upperBound)
        for variant in [broken, Data("{\"success\": true, \"result\": {\"count\": 137, \"results\": ".utf8) + broken + Data("}}".utf8)] {
            let result = try DumpReader.parse(variant, path: "koeln.json", sourceID: "koeln")
            #expect(result.records.count == 137)
            let record = try #require(result.records.compactMap { object($0.json) }.first { $0["id"] as? String == id })
            #expect(record["title"] as? String == title + "\u{FFFD}")
            #expect(result.findings.map(\.code) == ["record.invalid-utf8"])
            #expect(result.findings.first?.recordID == id)
        }
    }

    @Test func jsonLinesWithNULAndAGiantValue() throws {
        var lines = try koelnPackages().prefix(5).map { try JSONSerialization.data(withJSONObject: $0) }
        lines[1] = FakeCKAN.replacing(Data("\"title\":\"".utf8), with: Data("\"title\":\"\u{0}".utf8), in: lines[1])
        var giant = try koelnPackages()[3]
        giant["notes"] = String(repeating: "ä", count: 100_000)
        lines[3] = try JSONSerialization.data(withJSONObject: giant)
        let text = lines.reduce(Data()) { $0 + $1 + Data("\n".utf8) }
        let result = try DumpReader.parse(text, path: "dump.jsonl", sourceID: "koeln")
        #expect(result.format == .jsonLines)
        #expect(result.records.count == 5)
        #expect(Set(result.findings.map(\.code)) == ["record.nul", "record.field-cut"])
        #expect(result.findings.first { $0.code == "record.field-cut" }?.recordID == giant["id"] as? String)
    }

    @Test func dcatDocumentWithInvalidBytesIsReadWithAFinding() throws {
        let rdf = Fixtures.packageRoot.appendingPathComponent("Tests/Fixtures/dcat-rdf/real-portals/brandenburg-catalog-govdata-dashboard.rdf")
        var data = try Data(contentsOf: rdf)
        // A 100 KB description (both languages) in the same dataset as well.
        for start in ["Die Adresssammlung beinhaltet", "The address collection contains"] {
            let at = try #require(data.range(of: Data(start.utf8)))
            data.insert(contentsOf: Data(String(repeating: "Beschreibung ", count: 8_000).utf8), at: at.lowerBound)
        }
        let title = try #require(data.range(of: Data("<default1:title xml:lang=\"de\">Katasterbeh".utf8)))
        data.insert(contentsOf: [0xFF, 0x00], at: title.upperBound)
        let folder = TestFolder.path("robust-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("brandenburg.rdf")
        try data.write(to: file)
        let outcome = makeHarvester().read(source: dcatSource(path: file.path), file: file)
        #expect(outcome.error == nil)
        #expect(outcome.results.compactMap(\.dataset).count == 112)
        let finding = try #require(outcome.findings.first { $0.code == "record.invalid-text" })
        #expect(finding.message.contains("1 invalid UTF-8") && finding.message.contains("1 NUL"))
        let cut = outcome.results.flatMap(\.findings).filter { $0.code == "record.field-cut" }
        #expect(cut.count == 1 && cut.first?.field == "description")
        #expect(outcome.results.compactMap(\.dataset).allSatisfy { $0.description.utf8.count <= 64 * 1024 })
    }
}

/// Case 4 of issue 15: bounded fetching.
@Suite struct BoundedFetchTests {
    @Test func gzipBombIsRefusedByTheDecompressedSize() async throws {
        // 64 MB of spaces compress to ~64 KB; the cap is 1 MB.
        let folder = TestFolder.path("bomb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let plain = folder.appendingPathComponent("bomb.json")
        var payload = Data("{\"success\": true, \"result\": {\"count\": 0, \"results\": []}}".utf8)
        payload.append(Data(repeating: 0x20, count: 64 << 20))
        try payload.write(to: plain)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["gzip", "-9", plain.path]
        try gzip.run()
        gzip.waitUntilExit()
        let compressed = try Data(contentsOf: folder.appendingPathComponent("bomb.json.gz"))
        #expect(compressed.count < 1 << 20)
        let server = try TestHTTPServer { _ in
            TestHTTPResponse(status: 200, headers: [("Content-Type", "application/json"), ("Content-Encoding", "gzip")], body: compressed)
        }
        let request = HTTPRequest(url: server.baseURL.appendingPathComponent("bomb"), timeout: 10, maxResponseBytes: 1 << 20)
        await #expect(throws: HTTPTransportError.tooLarge(request.url, limitBytes: 1 << 20)) {
            _ = try await URLSessionTransport().send(request)
        }
    }

    @Test func tricklingServerIsCutAtTheTotalDeadline() async throws {
        let server = try TestHTTPServer { _ in
            TestHTTPResponse.json(#"{"success": true, "result": {"count": 0, "results": []}}"#).with { $0.chunkSize = 1; $0.chunkDelay = 0.2 }
        }
        let request = HTTPRequest(url: server.baseURL.appendingPathComponent("slow"), timeout: 1.5)
        let started = Date()
        await #expect(throws: HTTPTransportError.deadline(request.url, seconds: 1.5)) {
            _ = try await URLSessionTransport().send(request)
        }
        #expect(Date().timeIntervalSince(started) < 4)  // the body alone would take 11 s
    }

    @Test func portalIgnoringStartIsStoppedAfterTwoPages() async throws {
        let fake = try FakeCKAN(fixture: koelnLocal)
        fake.ignoreStart = true
        let outcome = await makeClient(retries: 0).harvest(source: ckanSource(fake.baseURL), rows: 50)
        let error = try #require(outcome.error)
        #expect(error.contains("ignore `start`"))
        #expect(outcome.requests == 2)
        #expect(outcome.findings.contains { $0.code == "harvest.failed" && $0.severity == .error })
    }

    @Test func pageBudgetFollowsTheAnnouncedCount() async throws {
        // A portal whose count always runs ahead of `start` (and never repeats a page) would be paged forever.
        let server = try TestHTTPServer { request in
            let start = Int(request.query["start"] ?? "0") ?? 0
            let rows = Int(request.query["rows"] ?? "10") ?? 10
            let results = (start..<start + rows).map { ["id": "ds-\($0)", "title": "Datensatz \($0)"] }
            return .json(object: ["success": true, "result": ["count": start + 1000, "results": results]])
        }
        let outcome = await makeClient(retries: 0).harvest(source: ckanSource(server.baseURL), rows: 50)
        let error = try #require(outcome.error)
        #expect(error.contains("page budget 24"))  // ⌈1000 / 49⌉ = 21 pages + 3
        #expect(outcome.requests == 24)
        #expect(CKANClient.pageBudget(count: 100_000, rows: 999) == 101 + 10)
    }

    @Test func crossHostRedirectIsRefusedUnlessAllowed() async throws {
        let fake = try FakeCKAN(fixture: koelnLocal)
        let redirector = try TestHTTPServer { request in
            TestHTTPResponse(status: 302, headers: [("Location", "http://localhost:\(fake.baseURL.port!)\(request.target)")])
        }
        let refused = await makeClient(retries: 0).harvest(source: ckanSource(redirector.baseURL), rows: 1000)
        let error = try #require(refused.error)
        #expect(error.contains("redirects to another host (http://localhost:"))
        #expect(error.contains("harvest.allowed_redirect_hosts"))
        #expect(refused.records.isEmpty)
        #expect(fake.requests.isEmpty)

        var client = makeClient(retries: 0)
        client.allowedRedirectHosts = ["localhost"]
        let allowed = await client.harvest(source: ckanSource(redirector.baseURL), rows: 1000)
        #expect(allowed.error == nil)
        #expect(allowed.records.count == 137)
    }

    @Test func sameHostRedirectIsFollowed() async throws {
        let fake = try FakeCKAN(fixture: koelnLocal)
        fake.apiPrefixes = ["/new/api/3/action/"]
        fake.override = { request in
            request.path.hasPrefix("/api/3/action/")
                ? TestHTTPResponse(status: 301, headers: [("Location", "/new\(request.target)")]) : nil
        }
        let outcome = await makeClient(retries: 0).harvest(source: ckanSource(fake.baseURL), rows: 1000)
        #expect(outcome.error == nil)
        #expect(outcome.records.count == 137)
    }

    @Test func bodyCutShortIsNotCalledUnreachable() async throws {
        let server = try TestHTTPServer { _ in
            TestHTTPResponse.json(#"{"success": true, "result": {"count": 0, "results": []}}"#).with { $0.truncateAfter = 10 }
        }
        let outcome = await makeClient(retries: 0).harvest(source: ckanSource(server.baseURL), rows: 50)
        let error = try #require(outcome.error)
        #expect(!error.contains("cannot reach"))
        #expect(error.contains("cut short after 10 bytes"))
    }
}
