package import Foundation
package import CatalogCore

/// What a dump file turned out to be.
package enum DumpFormat: String, Sendable, Hashable {
    /// `[ {package}, … ]` (e.g. `current_package_list_with_resources` saved bare).
    case jsonArray = "JSON array"
    /// One package dict per line (`ckanapi dump datasets`).
    case jsonLines = "JSON lines"
    /// `{"success": true, "result": {"count": …, "results": [ … ]}}`.
    case packageSearch = "package_search response"
    /// `{"success": true, "result": [ … ]}` (`current_package_list_with_resources`).
    case packageList = "package list response"
    /// `{"success": true, "result": {package}}`.
    case packageShow = "package_show response"
    /// A bare package dict.
    case singlePackage = "single package"
}

package struct DumpResult: Sendable {
    package var records: [RawRecord]
    package var findings: [Finding]
    package var format: DumpFormat

    package init(records: [RawRecord], findings: [Finding], format: DumpFormat) {
        self.records = records
        self.findings = findings
        self.format = format
    }
}

/// A dump file that cannot be read as a whole. The message names the file.
package struct DumpError: Error, Sendable, Hashable, CustomStringConvertible {
    package var path: String
    package var message: String

    package init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    package var description: String { "\(path): \(message)" }
}

/// Reads a file of CKAN package dicts: a JSON array, JSON lines (`ckanapi dump datasets`) or an API envelope.
///
/// Each record keeps the exact bytes of its JSON object. One broken JSON line is a finding and the rest is
/// read; a file that is broken as a whole (unreadable, empty, truncated array, `success: false`) throws, so the
/// caller keeps the source's previous state instead of publishing a partial source.
package enum DumpReader {
    package static func read(_ url: URL, sourceID: String) throws(DumpError) -> DumpResult {
        let path = url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read (\(error.localizedDescription))" : "no such file"
            throw DumpError(path: path, message: reason)
        }
        return try parse(data, path: path, sourceID: sourceID)
    }

    /// Parses dump bytes; `path` is only used in messages.
    package static func parse(_ data: Data, path: String, sourceID: String) throws(DumpError) -> DumpResult {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }  // UTF-8 BOM (Windows editors)
        let n = bytes.count
        let first = JSONSlicer.skipSpace(bytes, 0, n)
        guard first < n else { throw DumpError(path: path, message: "the file is empty; expected CKAN package dicts (JSON array, JSON lines or an API response)") }

        func broken(_ failure: JSONSlicer.Failure) -> DumpError {
            DumpError(path: path, message: "not valid JSON at line \(JSONSlicer.line(of: failure.offset, in: bytes)) (byte \(failure.offset)): \(failure.message); nothing was read from this file")
        }

        switch bytes[first] {
        case UInt8(ascii: "["):
            let end: Int
            do { end = try JSONSlicer.valueEnd(bytes, from: first, to: n) } catch { throw broken(error) }
            let rest = JSONSlicer.skipSpace(bytes, end, n)
            guard rest == n else {
                throw DumpError(path: path, message: "unexpected content after the JSON array at line \(JSONSlicer.line(of: rest, in: bytes))")
            }
            return try array(bytes, first..<end, format: .jsonArray, path: path, sourceID: sourceID, broken: broken)

        case UInt8(ascii: "{"):
            let end: Int
            do { end = try JSONSlicer.valueEnd(bytes, from: first, to: n) } catch {
                // A single truncated object, or JSON lines whose first line is broken.
                if bytes[first..<n].contains(0x0A) { return jsonLines(bytes, sourceID: sourceID) }
                throw broken(error)
            }
            if JSONSlicer.skipSpace(bytes, end, n) < n { return jsonLines(bytes, sourceID: sourceID) }
            return try object(bytes, first..<end, path: path, sourceID: sourceID, broken: broken)

        default:
            let start = String(decoding: bytes[first..<min(n, first + 60)], as: UTF8.self)
            let hint = start.lowercased().hasPrefix("<") ? " (it looks like HTML or XML; a DCAT RDF file is not a CKAN dump)" : ""
            throw DumpError(path: path, message: "expected a JSON array, JSON lines or a CKAN API response, found \"\(start.prefix(40))…\"\(hint)")
        }
    }

    private static func object(
        _ b: [UInt8], _ range: Range<Int>, path: String, sourceID: String, broken: (JSONSlicer.Failure) -> DumpError
    ) throws(DumpError) -> DumpResult {
        // The envelope by structure; only its small members are decoded (records are parsed once, by the mapper).
        let members: [(key: String, value: Range<Int>)]
        do { members = try JSONSlicer.members(b, in: range) } catch { throw broken(error) }
        func member(_ key: String) -> Range<Int>? { members.first(where: { $0.key == key })?.value }

        if let success = JSONSlicer.value("success", in: members, of: b) {
            guard success == .bool(true) else {
                throw DumpError(path: path, message: "is a failed CKAN API response (success: false): \(ckanErrorMessage(JSONSlicer.value("error", in: members, of: b)))")
            }
            guard let resultRange = member("result") else {
                throw DumpError(path: path, message: "is a CKAN API response without a \"result\"")
            }
            return try result(b, resultRange, path: path, sourceID: sourceID, broken: broken)
        }
        // A bare package_search result ({"count", "results"}), or one package dict.
        if let resultsRange = member("results"), b[resultsRange.lowerBound] == UInt8(ascii: "[") {
            var result = try array(b, resultsRange, format: .packageSearch, path: path, sourceID: sourceID, broken: broken)
            noteCount(JSONSlicer.value("count", in: members, of: b), &result, sourceID: sourceID)
            return result
        }
        return single(b, range, sourceID: sourceID)
    }

    private static func result(
        _ b: [UInt8], _ range: Range<Int>, path: String, sourceID: String, broken: (JSONSlicer.Failure) -> DumpError
    ) throws(DumpError) -> DumpResult {
        switch b[range.lowerBound] {
        case UInt8(ascii: "["):
            let elements = (try? JSONSlicer.elements(b, in: range)) ?? []
            if !elements.isEmpty, elements.allSatisfy({ b[$0.lowerBound] == UInt8(ascii: "\"") }) {
                throw DumpError(path: path, message: "is a package_list response (\(elements.count) names only, no package dicts); dump the datasets with `ckanapi dump datasets --all` or save a package_search response")
            }
            return try array(b, range, format: .packageList, path: path, sourceID: sourceID, broken: broken)
        case UInt8(ascii: "{"):
            let members: [(key: String, value: Range<Int>)]
            do { members = try JSONSlicer.members(b, in: range) } catch { throw broken(error) }
            if let resultsRange = members.first(where: { $0.key == "results" })?.value, b[resultsRange.lowerBound] == UInt8(ascii: "[") {
                var outcome = try array(b, resultsRange, format: .packageSearch, path: path, sourceID: sourceID, broken: broken)
                noteCount(JSONSlicer.value("count", in: members, of: b), &outcome, sourceID: sourceID)
                return outcome
            }
            var outcome = single(b, range, sourceID: sourceID)
            outcome.format = .packageShow
            return outcome
        default:
            throw DumpError(path: path, message: "\"result\" is \(jsonTypeName(JSONValue.parse(Data(b[range])))), expected package dicts")
        }
    }

    private static func single(_ b: [UInt8], _ range: Range<Int>, sourceID: String) -> DumpResult {
        var findings: [Finding] = []
        let id = JSONSlicer.shape(b[range]).id
        if id == nil {
            findings.append(Finding(.warning, source: sourceID, .dumpSinglePackageWithoutID, []))
        }
        let repair = RecordRepair.repair(b[range])
        let label = id ?? "#0"
        if let size = repair.tooLarge {
            findings.append(RecordRepair.tooLargeFinding(size: size, source: sourceID, record: label))
            return DumpResult(records: [], findings: findings, format: .singlePackage)
        }
        findings += RecordRepair.findings(repair.issues, source: sourceID, record: label)
        let json = repair.bytes.map { Data($0) } ?? Data(b[range])
        return DumpResult(records: [RawRecord(sourceID: sourceID, index: 0, json: json)], findings: findings, format: .singlePackage)
    }

    private static func array(
        _ b: [UInt8], _ range: Range<Int>, format: DumpFormat, path: String, sourceID: String,
        broken: (JSONSlicer.Failure) -> DumpError
    ) throws(DumpError) -> DumpResult {
        let elements: [Range<Int>]
        do { elements = try JSONSlicer.elements(b, in: range) } catch { throw broken(error) }
        var records: [RawRecord] = []
        var findings: [Finding] = []
        var seen: [String: Int] = [:]
        for (position, (element, (checked, repair))) in zip(elements, checkAll(b, elements)).enumerated() {
            guard case .object(let id) = checked else {
                let line = JSONSlicer.line(of: element.lowerBound, in: b)
                findings.append(Finding(.error, source: sourceID, record: "#\(position)", .dumpElementSkipped,
                                        [String(position), String(line), checked == .invalid ? "" : checked.typeName]))
                continue
            }
            guard let json = repaired(id: id, b[element], repair, position: position, &findings, sourceID: sourceID) else { continue }
            record(id: id, json, position: position, where: "element \(position)", into: &records, &findings, &seen, sourceID: sourceID)
        }
        return DumpResult(records: records, findings: findings, format: format)
    }

    private static func jsonLines(_ b: [UInt8], sourceID: String) -> DumpResult {
        // First the lines (cheap byte scan), then every line is checked in parallel, then records and findings
        // are assembled in line order.
        var lines: [(number: Int, range: Range<Int>)] = []
        var lineNumber = 0
        var start = 0
        while start <= b.count {
            let end = b[start...].firstIndex(of: 0x0A) ?? b.count
            lineNumber += 1
            var lo = start, hi = end
            while lo < hi, JSONSlicer.isSpace(b[lo]) { lo += 1 }
            while hi > lo, JSONSlicer.isSpace(b[hi - 1]) { hi -= 1 }
            if lo < hi { lines.append((lineNumber, lo..<hi)) }
            start = end + 1
        }
        var records: [RawRecord] = []
        var findings: [Finding] = []
        var seen: [String: Int] = [:]
        var position = 0
        for (line, (checked, repair)) in zip(lines, checkAll(b, lines.map { $0.range })) {
            let (number, range) = line
            if case .object(let id) = checked {
                if let json = repaired(id: id, b[range], repair, position: position, &findings, sourceID: sourceID) {
                    record(id: id, json, position: position, where: "line \(number)", into: &records, &findings, &seen, sourceID: sourceID)
                }
                position += 1
            } else {
                let preview = String(decoding: b[range.lowerBound..<min(range.upperBound, range.lowerBound + 60)], as: UTF8.self)
                findings.append(Finding(.error, source: sourceID, record: "line \(number)", .dumpLineSkipped,
                                        [String(number), checked == .invalid ? "" : checked.typeName, preview]))
            }
        }
        return DumpResult(records: records, findings: findings, format: .jsonLines)
    }

    /// Repairs every range and says what each holds, by structure (in parallel: this is most of reading a large
    /// dump; see `RecordRepair` and `JSONSlicer.shape`).
    private static func checkAll(_ b: [UInt8], _ ranges: [Range<Int>]) -> [(RecordShape, RecordRepair.Result)] {
        ParallelMap.map(ranges, minimum: 256, chunk: 64) { range -> (RecordShape, RecordRepair.Result) in
            let repair = RecordRepair.repair(b[range])
            return (JSONSlicer.shape(repair.bytes.map { $0[...] } ?? b[range]), repair)
        }
    }

    /// The record's bytes after repair, with a finding per repair; nil (and an error finding) when it is too large.
    private static func repaired(
        id: String?, _ original: ArraySlice<UInt8>, _ repair: RecordRepair.Result, position: Int,
        _ findings: inout [Finding], sourceID: String
    ) -> Data? {
        let label = id ?? "#\(position)"
        if let size = repair.tooLarge {
            findings.append(RecordRepair.tooLargeFinding(size: size, source: sourceID, record: label))
            return nil
        }
        findings += RecordRepair.findings(repair.issues, source: sourceID, record: label)
        return repair.bytes.map { Data($0) } ?? Data(original)
    }

    private static func record(
        id: String?, _ json: Data, position: Int, where place: String,
        into records: inout [RawRecord], _ findings: inout [Finding], _ seen: inout [String: Int], sourceID: String
    ) {
        if let id {
            if let earlier = seen[id] {
                findings.append(Finding(.warning, source: sourceID, record: id, .dumpDuplicateID, [place, String(earlier)]))
            } else {
                seen[id] = position
            }
        }
        records.append(RawRecord(sourceID: sourceID, index: records.count, json: json))
    }

    private static func noteCount(_ count: JSONValue?, _ result: inout DumpResult, sourceID: String) {
        guard case .number(let number)? = count, number >= 0, number < 1e12, Int(number) != result.records.count else { return }
        let count = Int(number)
        result.findings.append(Finding(.warning, "dump.partial-search", source: sourceID,
            "the saved package_search response reports count \(count) but holds \(result.records.count) results (one page only?); only these were read", de: "Die gespeicherte package_search-Antwort nennt count \(count), enthält aber \(result.records.count) Ergebnisse (nur eine Seite?); nur diese wurden gelesen."))
    }
}
