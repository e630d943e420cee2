import Foundation
import Testing
@testable import CatalogCore
@Test func findingsSortStably() {
    let a = Finding(.warning, "x", source: "a", record: "1", "m", de: "m")
    let b = Finding(.error, "x", source: "a", record: "2", "m", de: "m")
    #expect([b, a].sorted() == [a, b])
}

/// Sorting in place (cycles of moves) gives `sorted()`, with equal findings, templates and text mixed, for sizes
/// below and above the parallel sort's threshold; the array keeps its storage.
@Test func findingsSortInPlaceAsSorted() {
    var generator = SystemRandomNumberGenerator()
    for count in [0, 1, 2, 7, 100, 5_000, 20_011] {
        var findings = (0..<count).map { i -> Finding in
            let record = String(Int.random(in: 0..<max(count / 3, 1), using: &generator))
            return i % 3 == 0
                ? Finding(.note, source: ["a", "b"][i % 2], record: record, .licenceInherited, ["d\(i % 5)", "l"])
                : Finding(i % 2 == 0 ? .warning : .error, "x\(i % 4)", source: ["a", "b"][i % 2], record: record, "m", de: "m")
        }
        let expected = findings.sorted()
        let storage = findings.withUnsafeBufferPointer { $0.baseAddress }
        findings.sortInParallel()
        #expect(findings == expected, "\(count) findings")
        #expect(findings.withUnsafeBufferPointer { $0.baseAddress } == storage)
        #expect(findings.sortedInParallel() == expected)
    }
}

/// Room for the run's last findings: the list keeps its findings, has room for a few more without growing, and a
/// list holding far more room than that is moved into a smaller buffer.
@Test func findingsReserveRoomForTheLastOnes() {
    let one = Finding(.note, "x", source: "s", record: "r", "m", de: "m")
    for count in [0, 10, 40_000] {
        for extra in [0, 200_000] {
            var findings: [Finding] = []
            findings.reserveCapacity(count + extra)
            findings += Array(repeating: one, count: count)
            findings.reserveRoomForLast()
            let wanted = count + count / 32 + 1024
            #expect(findings.count == count && findings.allSatisfy { $0 == one })
            #expect(findings.capacity >= wanted, "\(count) + \(extra)")
            #expect(findings.capacity <= wanted + wanted / 4, "\(count) + \(extra): \(findings.capacity)")
        }
    }
}

/// A finding made from a template keeps its arguments and renders the same sentences the audit wrote before as
/// text; it equals, hashes and encodes like the text finding with those sentences, and reads back from JSON.
@Test func templateFindingsRenderWhenRead() throws {
    let uri = "https://example.org/d/1#dist-2"
    let licence = "http://dcat-ap.de/def/licenses/cc-by/4.0"
    let inherited = Finding(.note, source: "s", record: "r", field: "resources[1].license", .licenceInherited, [uri, licence])
    let asText = Finding(.note, "licence.inherited", source: "s", record: "r", field: "resources[1].license",
                         "Distribution \(uri): no licence of its own; the dataset's licence (\(licence)) was taken over.",
                         de: "Distribution \(uri): keine eigene Lizenz, die Lizenz des Datensatzes (\(licence)) wurde übernommen.")
    #expect(inherited.message == asText.message)
    #expect(inherited.messageDE == asText.messageDE)
    #expect(inherited == asText)
    #expect(Set([inherited, asText]).count == 1)
    let attribution = Finding(.warning, source: "s", record: "r", .attributionMissing, [uri, licence])
    #expect(attribution.message == "Distribution \(uri): \(licence) requires an attribution text (dcatde:licenseAttributionByText); none is given.")
    #expect(attribution.messageDE == "Distribution \(uri): \(licence) verlangt einen Namensnennungstext (dcatde:licenseAttributionByText), es ist keiner angegeben.")
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let json = try encoder.encode([inherited, attribution])
    #expect(json == (try encoder.encode([asText, attribution])))
    #expect(try JSONDecoder().decode([Finding].self, from: json) == [inherited, attribution])
    // Changing a sentence turns the finding into text, keeping the other one.
    var changed = inherited
    changed.messageDE = "anders"
    #expect(changed.message == inherited.message && changed.messageDE == "anders")
}

/// `licence.versionAssumed` renders the sentences the mapper wrote as text, for the current version, a configured
/// one and a configured one that does not exist.
@Test func versionAssumedSentences() {
    let licence = Licence(raw: "CC-BY", uri: "http://dcat-ap.de/def/licenses/cc-by/4.0", status: .open)
    func finding(_ assumed: AssumedLicenceVersion) -> Finding {
        Finding(.note, source: "s", .licenceVersionAssumed, assumed.arguments(raw: "CC-BY", licence: licence, source: "aachen"))
    }
    let current = finding(AssumedLicenceVersion(family: "cc-by", version: "4.0", configured: false, rejected: nil))
    #expect(current.message == "Licence 'CC-BY' names no version; cc-by 4.0 assumed (the current version; set licence_versions = { cc-by = \"…\" } on source 'aachen' to choose another): http://dcat-ap.de/def/licenses/cc-by/4.0.")
    #expect(current.messageDE == "Die Lizenz „CC-BY“ nennt keine Version; cc-by 4.0 angenommen (die aktuelle Version; mit licence_versions = { cc-by = \"…\" } an der Quelle „aachen“ lässt sich eine andere wählen): http://dcat-ap.de/def/licenses/cc-by/4.0.")
    let configured = finding(AssumedLicenceVersion(family: "cc-by", version: "3.0", configured: true, rejected: nil))
    #expect(configured.message == "Licence 'CC-BY' names no version; cc-by 3.0 assumed (licence_versions of source 'aachen'): http://dcat-ap.de/def/licenses/cc-by/4.0.")
    #expect(configured.messageDE == "Die Lizenz „CC-BY“ nennt keine Version; cc-by 3.0 angenommen (licence_versions der Quelle „aachen“): http://dcat-ap.de/def/licenses/cc-by/4.0.")
    let rejected = finding(AssumedLicenceVersion(family: "cc-by", version: "4.0", configured: false, rejected: "9.9"))
    #expect(rejected.message.hasSuffix("on source 'aachen' to choose another) (configured version '9.9' does not exist for cc-by): http://dcat-ap.de/def/licenses/cc-by/4.0."))
    #expect(rejected.messageDE?.contains(" (die eingestellte Version „9.9“ gibt es für cc-by nicht): ") == true)
}

/// `size.approximate` renders the sentences the mapper wrote as text (Köln DKAN sizes with a unit).
@Test func sizeApproximateSentences() {
    let f = Finding(.note, source: "koeln", record: "r", field: "resources[0].size", .sizeApproximate, ["Baumkataster CSV", "1,2 MB", "1258291"])
    #expect(f.message == "Resource 'Baumkataster CSV': size '1,2 MB' read as about 1258291 bytes (1 KB = 1024 bytes).")
    #expect(f.messageDE == "Ressource „Baumkataster CSV“: die Größe „1,2 MB“ als etwa 1258291 Bytes gelesen (1 KB = 1024 Bytes).")
}

/// Findings with equal severity, code, source and field share one interned head, made anywhere (two threads, a
/// decoder); changing one of those fields gives the finding the head of its new values and keeps the others;
/// the sentences, from text or from a template of two or more arguments, read as made.
@Test func findingsShareInternedHeads() throws {
    let made = ParallelMap.map(Array(0..<64), minimum: 1, chunk: 8) { i in
        Finding(.note, source: "s", record: "r\(i)", field: "resources[1].license", .licenceInherited, ["d\(i)", "l"])
    }
    #expect(made.allSatisfy { $0.sharesHead(with: made[0]) })
    let decoded = try JSONDecoder().decode(Finding.self, from: JSONEncoder().encode(made[5]))
    #expect(decoded == made[5] && decoded.sharesHead(with: made[0]))
    #expect(!made[0].sharesHead(with: Finding(.note, source: "s", record: "r0", field: "resources[2].license", .licenceInherited, ["d0", "l"])))

    var moved = made[3]
    moved.field = "resources[2].license"
    moved.severity = .warning
    #expect(moved.field == "resources[2].license" && moved.severity == .warning && moved.code == "licence.inherited")
    #expect(moved.source == "s" && moved.recordID == "r3" && moved.message == made[3].message)
    #expect(moved.sharesHead(with: Finding(.warning, "licence.inherited", source: "s", field: "resources[2].license", "x", de: "x")))
    #expect(made[3].field == "resources[1].license" && made[3].severity == .note)
    moved.source = "t"
    moved.code = "other"
    #expect(moved.source == "t" && moved.code == "other" && moved.field == "resources[2].license")

    let text = Finding(.error, "x", source: "s", record: "r", "english", de: "deutsch")
    #expect(text.message == "english" && text.messageDE == "deutsch")
    let sized = Finding(.note, source: "s", .sizeApproximate, ["a.csv", "12.5 KB", "12800"])
    #expect(sized.message == "Resource 'a.csv': size '12.5 KB' read as about 12800 bytes (1 KB = 1024 bytes).")
    // A run holds hundreds of thousands of findings: four words and a case, not the seven strings they were.
    #expect(MemoryLayout<Finding>.stride <= 64)
}

/// A template names its findings' code (`FindingTemplate.code`); the few whose code each finding names take it
/// at the call (a rejected record's decoding error, `licence.<status>`).
@Test func templatesCarryTheCodeOfTheirFindings() {
    #expect(Finding(.note, source: "s", .licenceInherited, ["d", "l"]).code == "licence.inherited")
    #expect(Finding(.note, source: "s", .geocodingUnknownArea, ["X"]).code == "geocoding.unknown-area")
    #expect(FindingTemplate.ckanRecordRejected.code == nil)
    let rejected = Finding(.error, code: "record.invalidJSON", source: "s", .ckanRecordRejected, ["3", "bad", "schlecht"])
    #expect(rejected.code == "record.invalidJSON" && rejected.message == "Record 3 rejected: bad" && rejected.messageDE == "Eintrag 3 abgelehnt: schlecht")
}

/// Templates render the sentences the stages wrote as text before (issue 14 item 7), including their optional
/// parts; findings with no or one argument keep them inline like those with two, and read back the same.
@Test func stageTemplatesRenderTheirSentences() throws {
    func finding(_ template: FindingTemplate, _ arguments: [String]) -> Finding {
        Finding(.warning, source: "s", record: "r", template, arguments)
    }
    let noURL = finding(.ckanDistributionNoURL, ["Baumkataster", "ftp:x"])
    #expect(noURL.message == "Resource 'Baumkataster' has no usable URL ('ftp:x'); distribution dropped.")
    #expect(noURL.messageDE == "Die Ressource „Baumkataster“ hat keine brauchbare URL („ftp:x“); die Distribution entfällt.")
    #expect(finding(.ckanDistributionNoURL, ["B", ""]).message == "Resource 'B' has no usable URL; distribution dropped.")
    #expect(finding(.ckanRecordSchemaWrapped, ["title, notes", ""]).message
        == "Fields were wrapped in JSON-Schema objects; values taken from their `description`: title, notes.")
    #expect(finding(.ckanRecordSchemaWrapped, ["title", "tags"]).messageDE
        == "Felder waren in JSON-Schema-Objekte verpackt; die Werte stammen aus deren `description`: title. Felder ohne Wert entfallen: tags.")
    #expect(finding(.ckanOrganizationUnknown, ["stadt", "aachen", "publisher 'X'", "Herausgeber „X“", "Stadt"]).message
        == "Organisation 'stadt' ('Stadt') is not in [source.organizations] of source 'aachen'; the source's defaults apply (publisher 'X').")
    // Without a title, nothing in brackets; an empty title is quoted, as the sentence written as text did.
    #expect(finding(.ckanOrganizationUnknown, ["stadt", "aachen", "publisher 'X'", "Herausgeber „X“"]).messageDE
        == "Die Organisation „stadt“ steht nicht in [source.organizations] der Quelle „aachen“; es gelten die Vorgaben der Quelle (Herausgeber „X“).")
    #expect(finding(.ckanOrganizationUnknown, ["stadt", "aachen", "p", "H", ""]).message.hasPrefix("Organisation 'stadt' ('') is not"))
    #expect(finding(.dcatMediaTypeInvalid, ["ZIP", ""]).message == "media type 'ZIP' is no IANA media type; left out")
    #expect(finding(.dcatMediaTypeInvalid, ["ZIP", "ZIP"]).messageDE == "Der Medientyp „ZIP“ ist kein IANA-Medientyp; als Dateityp ZIP gelesen.")

    let conflict = finding(.dedupConflict, ["title", "a:1", "a:1", "Bäume", "b:2", "Baeume"])
    #expect(conflict.message == "Duplicates disagree on title: a:1 (kept) “Bäume” vs b:2 “Baeume”; the survivor's value is published.")
    #expect(conflict.messageDE == "Die Dubletten widersprechen sich beim Titel: a:1 (behalten) „Bäume“ gegen b:2 „Baeume“; veröffentlicht wird der Wert des behaltenen Eintrags.")

    let fixed = finding(.ckanPublisherMissing, [])
    let one = finding(.ckanURLEncoded, ["Liste"])
    #expect(fixed.message == "publisher missing, catalogue publisher used" && one.messageDE == "Ressource „Liste“: URL prozentkodiert.")
    let json = try JSONEncoder().encode([fixed, one, conflict])
    #expect(try JSONDecoder().decode([Finding].self, from: json) == [fixed, one, conflict])
}
