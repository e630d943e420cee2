import CatalogTestSupport
import Foundation
import Testing
@testable import CatalogCore

/// Every licence string in the shared fixtures (CKAN license_id/title/url, resource licences, extras terms_of_use,
/// ODM CSV `Lizenz`, DCAT dct:license), collected by a scan independent of the registry.
enum FixtureLicences {
    static let licenceKeys: Set<String> = ["license_id", "license_title", "license_url", "license", "licence"]

    static func strings(in file: String) throws -> [String] {
        let url = Fixtures.shared(file)
        var out: [String] = []
        if file.hasSuffix(".json") {
            func walk(_ o: Any) {
                if let d = o as? [String: Any] {
                    for (k, v) in d {
                        if licenceKeys.contains(k), let s = v as? String { out.append(s) }
                        if licenceKeys.contains(k), v is NSNull { out.append("") }
                        if k == "key", let key = v as? String, licenceKeys.contains(key), let s = d["value"] as? String { out.append(s) }
                        if k == "terms_of_use", let s = v as? String, let inner = try? JSONSerialization.jsonObject(with: Data(s.utf8)) { walk(inner) }
                        if k == "key", let key = v as? String, key == "terms_of_use" || key == "license",
                           let s = d["value"] as? String, let inner = try? JSONSerialization.jsonObject(with: Data(s.utf8)) { walk(inner) }
                        walk(v)
                    }
                } else if let a = o as? [Any] { a.forEach(walk) }
            }
            walk(try JSONSerialization.jsonObject(with: Data(contentsOf: url)))
        } else if file.hasSuffix(".csv") {
            let lines = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline)
            // The Lizenz column is the third from the end (…,URL,Lizenz,Format,Quelle); Format may be quoted with commas.
            for line in lines.dropFirst() {
                var cells: [String] = [], cur = "", quoted = false
                for ch in line {
                    if ch == "\"" { quoted.toggle() } else if ch == "," && !quoted { cells.append(cur); cur = "" } else { cur.append(ch) }
                }
                cells.append(cur)
                if cells.count >= 3 { out.append(cells[cells.count - 3]) }
            }
        } else {
            let text = try String(contentsOf: url, encoding: .utf8)
            let regex = try NSRegularExpression(pattern: #":license\s+(?:rdf:resource="([^"]*)"|<([^>]*)>)"#)
            for m in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                for g in 1...2 { if let r = Range(m.range(at: g), in: text) { out.append(String(text[r])) } }
            }
        }
        return out
    }

    static let files = [
        "aachen/odm-inventory-aachen-2015.csv", "nrw-inventories/odm-inventory-koeln-2015.csv", "nrw-inventories/odm-inventory-moers-2015.csv",
        "ckan-messy/odm-inventory-alsdorf-name-collision.csv", "ckan-messy/govdata-dataset_response-licence-title-only.json",
        "ckan-messy/govdata-dcatap-dataset-unknown-licence.json", "ckan-messy/ogd-de-1x-moers-record.json",
        "ckan/govdata/govdata-dcatap-dataset.json", "ckan/govdata/govdata-package_show-hamburg-stadtgruen-2020.json",
        "ckan/govdata/govdata-package_show-lgb-rlp.json", "ckan/nrw-municipal/koeln-offenedaten-dkan-current_package_list_with_resources-2015-01.json",
        "ckan/other-german/berlin-datenregister-ckan-packages-2014-12.json", "ckan/ckanext-dcat-examples/ckan_full_dataset_dcat_ap.json",
        "ckan/ckanext-dcat-examples/ckan_full_dataset_dcat_ap_vocabularies.json", "ckan/ckanext-dcat-examples/full_ckan_dataset_legacy.json",
        "dcat-rdf/real-portals/bremen-transparenz-catalog.rdf", "dcat-rdf/real-portals/brandenburg-catalog-govdata-dashboard.rdf",
        "dcat-rdf/real-portals/destatis-catalog.rdf", "dcat-rdf/real-portals/ckanext-dcatde-catalog-endpoint-example.rdf",
        "dcat-rdf/spec-examples/ckanext-dcat-dataset.ttl", "dcat-rdf/spec-examples/ckanext-dcatde-metadata_max.rdf",
        "dcat-rdf/spec-examples/dcatde-2.0-dcat_ap_de-RefImp_TTL_ADVANCED.ttl", "dcat-rdf/spec-examples/dcatde-3.0-UAG-Beispieldatensatz-2024-02-22.ttl",
        "dcat-rdf/spec-examples/dcat-ap-hvd-3.0-example-dataset_2_licenses.ttl", "dcat-rdf/spec-examples/ckanext-dcat-catalog.rdf",
    ]
    /// Placeholder IRIs of spec examples that no vocabulary knows (they must stay `unknown`).
    static let genuinelyUnknown: Set<String> = [
        "https://data.some.org/link/to/license", "https://data.exampleMS.gov/resource/FreeAndOpen",
        "https://data.exampleMS.gov/resource/NoCommercialUseWithFees",
    ]
}

@Suite struct LicenceFixtureTests {
    @Test(arguments: FixtureLicences.files)
    func noFixtureLicenceEndsUnknown(file: String) throws {
        let values = try FixtureLicences.strings(in: file)
        #expect(!values.isEmpty, "the scan found licence values in \(file)")
        for v in Set(values) {
            let l = licenceRegistry.resolve(v)
            if FixtureLicences.genuinelyUnknown.contains(v) {
                #expect(l.status == .unknown)
            } else {
                #expect(l.status != .unknown, "\(file): \"\(v)\" → \(l.reason ?? "")")
            }
            #expect(l.raw == v)
        }
    }

    // The messy CKAN records, each field as the mapper would hand it over.
    @Test(arguments: [
        // The title names no version: the family's current version (a source may choose 1.0, CKANLicenceResolutionTests).
        ("ckan-messy/govdata-dataset_response-licence-title-only.json", ["license_title"], LicenceStatus.open, "http://dcat-ap.de/def/licenses/dl-by-de/2.0"),
        ("ckan-messy/govdata-dataset_response-licence-title-only.json", ["license_id"], .open, "http://dcat-ap.de/def/licenses/dl-by-de/1.0"),
        ("ckan-messy/govdata-dataset_response-licence-title-only.json", ["license_url"], .open, "http://dcat-ap.de/def/licenses/dl-by-de/1.0"),
        ("ckan-messy/govdata-dcatap-dataset-unknown-licence.json", ["resources", "0", "license"], .invalid, "http://dcat-ap.de/def/licenses/dl-by-de/2.0"),
        ("ckan-messy/govdata-dcatap-dataset-unknown-licence.json", ["license_id"], .missing, ""),
        ("ckan-messy/ogd-de-1x-moers-record.json", ["extras", "terms_of_use", "license_id"], .open, "http://dcat-ap.de/def/licenses/dl-by-de/1.0"),
        ("ckan/govdata/govdata-package_show-lgb-rlp.json", ["result", "license_id"], .restricted, "http://dcat-ap.de/def/licenses/cc-by-nc/4.0"),
    ])
    func messyRecords(file: String, path: [String], status: LicenceStatus, uri: String) throws {
        var node: Any? = try JSONSerialization.jsonObject(with: Data(contentsOf: Fixtures.shared(file)))
        for p in path {
            if let i = Int(p), let a = node as? [Any] { node = a[i] } else { node = (node as? [String: Any])?[p] }
        }
        let raw = node as? String   // JSON null → nil
        let l = licenceRegistry.resolve(raw)
        #expect(l.status == status, "\(l.reason ?? "")")
        #expect((l.uri ?? "") == uri)
    }
}

@Suite struct LicenceAuditTests {
    static func dataset(_ id: String, licence: String?, distributions: [(String?, Bool, String?)], publisher: String = "P", source: String = "s") -> Dataset {
        let dsLicence = licence.map { licenceRegistry.resolve($0) }
        let dists = distributions.enumerated().map { i, d -> Distribution in
            let inherited = d.0 == nil && dsLicence != nil && d.1
            return Distribution(uri: "https://x/\(id)/\(i)", accessURL: "https://x/\(id)/\(i)",
                                licence: inherited ? dsLicence : d.0.map { licenceRegistry.resolve($0) },
                                licenceInherited: inherited, attributionText: d.2)
        }
        return Dataset(uri: "https://x/\(id)", identifier: id, provenance: [Provenance(sourceID: source, remoteID: id, url: "https://portal/dataset/\(id)")],
                       title: "T \(id)", description: "", publisher: Agent(name: publisher), licence: dsLicence, distributions: dists)
    }

    struct ConflictCase: Sendable, CustomTestStringConvertible {
        var name: String
        var dataset: Dataset
        var datasetStatus: LicenceStatus
        var distributionStatuses: [LicenceStatus]
        var testDescription: String { name }
    }

    static let conflictCases: [ConflictCase] = [
        ConflictCase(name: "distributions disagree with each other", dataset: dataset("a", licence: nil, distributions: [("dl-zero-de/2.0", false, nil), ("cc-zero", false, nil)]),
                     datasetStatus: .conflicting, distributionStatuses: [.open, .open]),
        ConflictCase(name: "distribution disagrees with dataset", dataset: dataset("b", licence: "dl-de-zero-2.0", distributions: [("cc-nc", false, nil), ("dl-zero-de/2.0", false, nil)]),
                     datasetStatus: .conflicting, distributionStatuses: [.conflicting, .open]),
        ConflictCase(name: "same licence in different spellings agrees", dataset: dataset("c", licence: "dl-de-zero-2.0", distributions: [("http://dcat-ap.de/def/licenses/dl-zero-de/2.0", false, nil), ("https://www.govdata.de/dl-de/zero-2-0", false, nil)]),
                     datasetStatus: .open, distributionStatuses: [.open, .open]),
        ConflictCase(name: "invalid spelling of the same licence is invalid, not conflicting", dataset: dataset("d", licence: "dl-de-by-2.0", distributions: [("http://dcat-ap.de/def/licenses/dl-by-de/2_0", false, "Stadt")]),
                     datasetStatus: .open, distributionStatuses: [.invalid]),
        ConflictCase(name: "inherited licence", dataset: dataset("e", licence: "dl-de-zero-2.0", distributions: [(nil, true, nil)]),
                     datasetStatus: .open, distributionStatuses: [.open]),
        ConflictCase(name: "licence only on distributions", dataset: dataset("f", licence: nil, distributions: [("cc-nc", false, "x"), (nil, false, nil)]),
                     datasetStatus: .restricted, distributionStatuses: [.restricted, .missing]),
    ]

    @Test(arguments: conflictCases)
    func classification(_ c: ConflictCase) {
        let audit = LicenceAudit(datasets: [c.dataset], registry: licenceRegistry)
        #expect(audit.datasetRows.map(\.status) == [c.datasetStatus], "\(audit.datasetRows.first?.reason ?? "")")
        #expect(audit.distributionRows.map(\.status) == c.distributionStatuses)
        #expect(audit.rows.count == 1 + c.dataset.distributions.count)
    }

    /// The audit's reasons are German. A `licence.<status>` finding's English sentence (the CLI, report.json's
    /// `message`) is made from the row's status and licence; `messageDE` keeps the German reason.
    @Test(arguments: conflictCases + [
        ConflictCase(name: "a closed licence, inherited", dataset: dataset("h", licence: "other-closed", distributions: [(nil, true, nil)]),
                     datasetStatus: .closed, distributionStatuses: [.closed]),
        ConflictCase(name: "an unknown licence", dataset: dataset("j", licence: "kein-bekannter-wert", distributions: []),
                     datasetStatus: .unknown, distributionStatuses: []),
        ConflictCase(name: "no licence anywhere", dataset: dataset("i", licence: nil, distributions: [(nil, true, nil)]),
                     datasetStatus: .missing, distributionStatuses: [.missing]),
    ])
    func licenceFindingsAreEnglishWithTheGermanReasonBeside(_ c: ConflictCase) {
        let audit = LicenceAudit(datasets: [c.dataset], registry: licenceRegistry)
        #expect(audit.rows.map(\.status) == [c.datasetStatus] + c.distributionStatuses)
        let english: [LicenceStatus: String] = [
            .missing: "no licence", .unknown: "not recognised", .invalid: "is not valid", .closed: "not an open licence",
            .restricted: "restricted licence", .conflicting: "conflict",
        ]
        let problems = audit.rows.filter { $0.status != .open }
        let findings = audit.findings(sorted: false).filter { $0.code != "licence.inherited" && $0.code != "licence.attribution-missing" }
        #expect(findings.map(\.code) == problems.map { "licence.\($0.status.rawValue)" })
        for (row, finding) in zip(problems, findings) {
            let subject = row.isDatasetRow ? "Dataset: " : "Distribution \(row.distributionURI): "
            #expect(finding.message.hasPrefix(subject) && finding.message.contains(english[row.status]!), "\(finding.message)")
            // A problem row always has a German reason; an empty one would make `contains` below vacuous.
            #expect(!row.reason.isEmpty, "\(row)")
            #expect(!finding.message.contains("Lizenz") && (row.reason.isEmpty || !finding.message.contains(row.reason)),
                    "\(finding.message)")
            #expect(finding.messageDE == (row.isDatasetRow ? "Datensatz: " : "Distribution \(row.distributionURI): ") + row.reason)
            if !row.uri.isEmpty, row.status != .conflicting || !row.isDatasetRow { #expect(finding.message.contains(row.uri)) }
            if row.uri.isEmpty, !row.raw.isEmpty { #expect(finding.message.contains("'\(row.raw)'")) }
            #expect(finding.message.hasSuffix("(taken over from the dataset).") == (row.inherited && row.status != .missing))
        }
    }

    @Test func inheritedAndAttributionAreRecorded() {
        let ds = Self.dataset("g", licence: "dl-de-by-2.0", distributions: [(nil, true, nil), ("dl-de-by-2.0", false, "© Stadt Aachen")])
        let audit = LicenceAudit(datasets: [ds], registry: licenceRegistry)
        let d = audit.distributionRows
        #expect(d[0].inherited && d[0].attributionMissing)
        #expect(!d[1].inherited && !d[1].attributionMissing)
        #expect(audit.datasetRows[0].attributionMissing)
        let codes = audit.findings().map(\.code)
        #expect(codes.contains("licence.inherited"))
        #expect(codes.filter { $0 == "licence.attribution-missing" }.count == 1)
    }

    @Test(arguments: [(["a1", "a2"], true), (["b1", "b2"], false)])
    func duplicatesThatDisagreeConflict(group: [String], disagree: Bool) {
        let datasets = [
            Self.dataset("a1", licence: "cc-by", distributions: []), Self.dataset("a2", licence: "dl-de-zero-2.0", distributions: [], source: "t"),
            Self.dataset("b1", licence: "cc-zero", distributions: []), Self.dataset("b2", licence: "CC0-1.0", distributions: [], source: "t"),
        ]
        let audit = LicenceAudit(datasets: datasets, duplicateGroups: [group], registry: licenceRegistry)
        let statuses = audit.datasetRows.filter { group.contains($0.datasetID) }.map(\.status)
        #expect(statuses.allSatisfy { ($0 == .conflicting) == disagree })
    }

    @Test(arguments: ["=1+2", "+49 241", "-x", "@SUM(A1)", "\tx", "\rx"])
    func csvIsFormulaSafe(value: String) {
        var ds = Self.dataset("h", licence: nil, distributions: [])
        ds.title = value
        let csv = LicenceAudit(datasets: [ds], registry: licenceRegistry).licencesCSV()
        let line = csv.components(separatedBy: "\r\n")[1]
        // No cell starts with the formula character: it is prefixed with ' (a CR is written as LF, see CSVWriter).
        #expect(!line.contains("," + value.prefix(1)) && !line.contains(",\"" + value.prefix(1)))
        if value.first != "\r" { #expect(line.contains("'" + value.prefix(1))) }
    }

    @Test func htmlEscapesEverything() {
        var ds = Self.dataset("<i>", licence: "<script>alert(1)</script>", distributions: [])
        ds.title = "\"><img src=x onerror=alert(1)>"
        ds.publisher = Agent(name: "A & B")
        let html = LicenceAudit(datasets: [ds], registry: licenceRegistry).html()
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("A &amp; B"))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"de\">"))
        #expect(html.contains("href=\"https://portal/dataset/&lt;i&gt;\""))
    }

    // MARK: Berlin: counts asserted from the raw license_id values

    /// The fields the audit test needs, read straight from the raw JSON.
    struct BerlinPackage: Sendable {
        var id: String, licenseID: String?, author: String, title: String, resources: Int
        subscript(key: String) -> Any? {
            switch key {
            case "id": id
            case "license_id": licenseID
            case "author": author
            case "title": title
            case "resources": resources == 0 ? [Any]() : Array(repeating: 0, count: resources)
            default: nil
            }
        }
    }

    static let berlinPackages: [BerlinPackage] = {
        let data = try! Data(contentsOf: Fixtures.shared("ckan/other-german/berlin-datenregister-ckan-packages-2014-12.json"))
        return (try! JSONSerialization.jsonObject(with: data) as! [[String: Any]]).map {
            BerlinPackage(id: $0["id"] as! String, licenseID: $0["license_id"] as? String, author: ($0["author"] as? String) ?? "",
                          title: ($0["title"] as? String) ?? "", resources: (($0["resources"] as? [Any]) ?? []).count)
        }
    }()

    /// Status of an OGD-DE licence id per the dcat-ap.de mapping (Lizenztyp), with NC/ND as restricted — written out here,
    /// not taken from the registry.
    static let expectedStatus: [String: LicenceStatus] = [
        "cc-by": .open, "cc-by-sa": .open, "odc-odbl": .open, "gfdl": .open, "cc-nc": .restricted, "other-closed": .closed,
    ]
    static let attributionIDs: Set<String> = ["cc-by", "cc-by-sa", "odc-odbl", "cc-nc"]

    static func berlinAudit() -> LicenceAudit {
        let datasets = berlinPackages.map { p -> Dataset in
            let id = p["id"] as! String
            let lic = licenceRegistry.resolve(p["license_id"] as? String)
            let dists = (0..<p.resources).map { i in
                Distribution(uri: "https://x/\(id)/\(i)", accessURL: "https://x/\(id)/\(i)", licence: lic, licenceInherited: true)
            }
            return Dataset(uri: "https://x/\(id)", identifier: id, provenance: [Provenance(sourceID: "berlin", remoteID: id)],
                           title: (p["title"] as? String) ?? "", description: "", publisher: Agent(name: (p["author"] as? String) ?? ""),
                           licence: lic, distributions: dists)
        }
        return LicenceAudit(datasets: datasets, registry: licenceRegistry)
    }

    @Test func berlinTotals() {
        let audit = Self.berlinAudit()
        let ids = Self.berlinPackages.map { ($0["license_id"] as? String) ?? "" }
        #expect(audit.total.datasets == Self.berlinPackages.count)
        for status in LicenceStatus.allCases {
            let expected = ids.filter { (Self.expectedStatus[$0] ?? .missing) == status }.count
            #expect(audit.total.byStatus[status.rawValue] == expected, "\(status)")
        }
        let withResources = Self.berlinPackages.filter { Self.attributionIDs.contains(($0["license_id"] as? String) ?? "") && !(($0["resources"] as? [Any]) ?? []).isEmpty }
        #expect(audit.total.attributionMissing == withResources.count)
        #expect(audit.distributionTotal.datasets == Self.berlinPackages.reduce(0) { $0 + (($1["resources"] as? [Any])?.count ?? 0) })
        let open = ids.filter { Self.expectedStatus[$0] == .open }.count
        #expect(audit.total.openPercent == (Double(open) * 1000 / Double(ids.count)).rounded() / 10)
    }

    static let berlinPublishers: [String] = Array(Set(berlinPackages.map { ($0["author"] as? String) ?? "" })).sorted()

    @Test(arguments: berlinPublishers)
    func berlinPerPublisher(publisher: String) {
        let audit = Self.berlinAudit().filtered(publisher: publisher)
        let ids = Self.berlinPackages.filter { (($0["author"] as? String) ?? "") == publisher }.map { ($0["license_id"] as? String) ?? "" }
        #expect(audit.total.datasets == ids.count)
        for status in [LicenceStatus.open, .restricted, .closed, .missing] {
            #expect(audit.total.byStatus[status.rawValue] == ids.filter { (Self.expectedStatus[$0] ?? .missing) == status }.count)
        }
        let name = publisher.isEmpty ? "(ohne Herausgeber)" : publisher
        #expect(Self.berlinAudit().byPublisher.first { $0.name == name }?.datasets == ids.count)
    }

    @Test func berlinOutputsAreConsistent() throws {
        let audit = Self.berlinAudit()
        let csv = audit.licencesCSV()
        #expect(csv.hasSuffix("\r\n"))
        #expect(csv.components(separatedBy: "\r\n").count - 2 == audit.rows.count)
        let json = try JSONEncoder().encode(audit.reportSection())
        let back = try JSONDecoder().decode(LicenceReportSection.self, from: json)
        #expect(back.datasets == audit.total)
        #expect(back.problems.count == audit.rows.filter(\.isProblem).count)
        // report.json carries the counts and the number of problem rows, not the rows (licences.csv has them).
        let summary = audit.reportSummary()
        #expect(summary.problemRows == back.problems.count && summary.problemRows > 0)
        #expect(summary.datasets == back.datasets && summary.bySource == back.bySource && summary.details == "licences.csv")
        let table = audit.table(width: 100)
        #expect(table.split(separator: "\n").allSatisfy { $0.count <= 100 })
        #expect(audit.filtered(source: "nope").rows.isEmpty)
        #expect(audit.findings().filter { $0.code == "licence.closed" }.count == audit.rows.filter { $0.status == .closed }.count)
        #expect(audit.datasetRows.filter { $0.status == .closed }.count == 4)
    }
}
