import Foundation
import Testing
@testable import CatalogCore

/// The licence audit as the publishers' to-do list (issue 18 item 1): groups, fixes only where needed, German
/// labels, CKAN license_ids that give the proposed IRI, publisher matching, per-publisher files.
@Suite struct LicenceToDoTests {
    static func dataset(_ id: String, licence: String?, distributions: [(String?, Bool, String?)], publisher: String = "P") -> Dataset {
        var d = LicenceAuditTests.dataset(id, licence: licence, distributions: distributions, publisher: publisher)
        d.contactPoint = ContactPoint(name: "Open-Data-Team", email: "opendata@example.org")
        return d
    }

    static func audit(_ datasets: [Dataset], ckan: Bool = true) -> LicenceAudit {
        LicenceAudit(datasets: datasets, registry: licenceRegistry, ckanSources: ckan ? ["s"] : [])
    }

    @Test func attributionOnlyIsItsOwnGroupOnePerDataset() {
        // dl-de-by-2.0 is open and versioned; both distributions lack the attribution text it requires.
        let a = Self.audit([Self.dataset("a", licence: "dl-de-by-2.0", distributions: [(nil, true, nil), (nil, true, nil)])])
        let items = a.toDo
        #expect(items.map(\.gap) == [.attributionMissing])
        #expect(items[0].field == "resources[0].licenseAttributionByText|resources[1].licenseAttributionByText")
        #expect(items[0].suggestedFix.hasPrefix("Namensnennungstext eintragen"))
        #expect(items[0].targetURI.isEmpty)
        // No row carries a licence gap: the attribution text is not mixed into the licence groups.
        #expect(a.rows.allSatisfy { $0.gap == nil })
        #expect(a.toDoGroups.map(\.gap) == [.attributionMissing])
    }

    @Test func groupsComeInOrderWithAttributionLast() {
        let a = Self.audit([
            Self.dataset("m", licence: nil, distributions: [(nil, false, nil)]),
            Self.dataset("u", licence: "some odd licence", distributions: []),
            Self.dataset("c", licence: "other-closed", distributions: []),
            Self.dataset("v", licence: "cc-by", distributions: [(nil, true, nil)]),
            Self.dataset("k", licence: "dl-de-zero-2.0", distributions: [("dl-de-by-2.0", false, "© X")]),
        ])
        #expect(a.toDoGroups.map(\.gap) == [.missing, .unknown, .notOpen, .conflicting, .versionAssumed, .attributionMissing])
        // The dataset without any licence is one to-do, not one per distribution.
        #expect(a.toDo.filter { $0.datasetID == "m" }.count == 1)
    }

    @Test(arguments: ["dl-de-by-2.0", "http://dcat-ap.de/def/licenses/dl-zero-de/2.0", "cc-by-4.0", "CC-BY-4.0"])
    func noFixWhereTheLicenceIsRight(raw: String) {
        let a = Self.audit([Self.dataset("r", licence: raw, distributions: [(nil, true, "© Stadt")])])
        #expect(a.toDo.isEmpty, "\(a.toDo.map(\.suggestedFix))")
        #expect(a.rows.allSatisfy { $0.suggestedFix.isEmpty && $0.targetURI.isEmpty && $0.gap == nil })
    }

    @Test func unversionedNameGetsTheVersionedIDNotItself() throws {
        let a = Self.audit([Self.dataset("v", licence: "cc-by", distributions: [(nil, true, "© Stadt")])])
        let item = try #require(a.toDo.first)
        #expect(item.gap == .versionAssumed)
        #expect(item.targetURI == "http://dcat-ap.de/def/licenses/cc-by/4.0")
        #expect(item.targetLicenceID == "cc-by-4.0")
        #expect(item.targetLicenceID != item.raw)
        // The proposed license_id gives exactly the proposed IRI, with no version assumed.
        #expect(licenceRegistry.resolve(item.targetLicenceID).uri == item.targetURI)
        #expect(licenceRegistry.family(for: item.targetLicenceID) == nil)
        #expect(item.suggestedFix.contains("„cc-by-4.0“"))
        #expect(item.suggestedFix.contains("3.0-de"))
    }

    /// The audit writes each fix once and hands it to every row that needs the same (`LicenceFixer.written`): a
    /// row still gets its own field, and a DCAT source its own terms, where the licence is the same.
    @Test func aRepeatedFixNamesItsOwnFieldAndSourceTerms() {
        var dcat = Self.dataset("w", licence: nil, distributions: [("cc-by", false, "©")])
        dcat.provenance = [Provenance(sourceID: "t", remoteID: "w", url: "https://portal/dataset/w")]
        let datasets = [Self.dataset("v", licence: nil, distributions: [("cc-by", false, "©"), ("cc-by", false, "©")]), dcat]
        let audit = Self.audit(datasets)
        let fixes = audit.distributionRows.map { ($0.datasetID, $0.field, $0.suggestedFix) }
        #expect(fixes.count == 3)
        for (id, field, fix) in fixes {
            #expect(fix.contains("Version angeben: \(field) auf "), "\(id) \(field): \(fix)")
        }
        #expect(fixes.map(\.1) == ["resources[0].license", "resources[1].license", "dct:license (Distribution 1)"])
        #expect(fixes[0].2.contains("„cc-by-4.0“") && fixes[2].2.contains("<http://dcat-ap.de/def/licenses/cc-by/4.0>"))
        // Each row's fix is the one a fixer of its own writes.
        for ds in datasets {
            let fixer = LicenceFixer(registry: licenceRegistry, proposals: nil, ckan: ds.sourceID == "s")
            for row in audit.distributionRows where row.datasetID == ds.identifier {
                let l = ds.distributions[row.distributionIndex!].licence!
                #expect(row.suggestedFix == fixer.fix(for: l, field: row.field).text)
            }
        }
        // Two CKAN sources with proposals of their own: the same licence at the same field, two fixes.
        var other = Self.dataset("x", licence: "cc-nc", distributions: [])
        other.provenance = [Provenance(sourceID: "u", remoteID: "x", url: "https://portal/dataset/x")]
        let proposing = LicenceAudit(datasets: [Self.dataset("y", licence: "cc-nc", distributions: []), other], registry: licenceRegistry,
                                     proposals: ["u": ["http://dcat-ap.de/def/licenses/cc-zero"]], ckanSources: ["s", "u"])
        let targets = proposing.datasetRows.map { ($0.field, $0.targetURI) }
        #expect(targets.map(\.0) == ["license_id", "license_id"])
        #expect(targets[0].1 != targets[1].1 && targets[1].1 == "http://dcat-ap.de/def/licenses/cc-zero", "\(targets)")
    }

    @Test func everyProposedLicenceIDGivesItsIRI() {
        let a = Self.audit([
            Self.dataset("m", licence: nil, distributions: []), Self.dataset("c", licence: "other-closed", distributions: []),
            Self.dataset("n", licence: "cc-nc", distributions: []), Self.dataset("s", licence: "cc-by-sa", distributions: []),
        ])
        for r in a.toDo where !r.targetURI.isEmpty {
            #expect(licenceRegistry.resolve(r.targetLicenceID).uri == r.targetURI, "\(r.targetLicenceID)")
            #expect(r.suggestedFix.contains(r.targetURI))
        }
    }

    @Test func dcatSourcesNameDCATPropertiesAndNoLicenceID() throws {
        let a = Self.audit([Self.dataset("c", licence: "other-closed", distributions: [])], ckan: false)
        let item = try #require(a.toDo.first)
        #expect(item.field == "dct:license")
        #expect(item.targetLicenceID.isEmpty && !item.targetURI.isEmpty)
        #expect(item.editURL == nil)
    }

    @Test func rowsNameContactPortalAndEditLink() throws {
        let item = try #require(Self.audit([Self.dataset("c", licence: "other-closed", distributions: [])]).toDo.first)
        #expect(item.portalURL == "https://portal/dataset/c")
        #expect(item.editURL == "https://portal/dataset/edit/c")
        #expect(item.contactName == "Open-Data-Team" && item.contactEmail == "opendata@example.org")
        #expect(item.publisher == "P" && item.title == "T c")
    }

    static let englishWords = ["set ", "check whether", " use ", "agree on", "add [[alias]]"]

    @Test func labelsAndFixesAreGerman() {
        for gap in LicenceGap.allCases {
            #expect(!SiteLabels.licenceGap(gap).isEmpty && SiteLabels.licenceGap(gap) != gap.rawValue)
            #expect(!SiteLabels.licenceGapExplanation(gap).isEmpty)
        }
        let a = Self.audit([
            Self.dataset("m", licence: nil, distributions: []), Self.dataset("u", licence: "x-y-z", distributions: []),
            Self.dataset("c", licence: "other-closed", distributions: []), Self.dataset("v", licence: "cc-by", distributions: [(nil, true, nil)]),
            Self.dataset("k", licence: "dl-de-zero-2.0", distributions: [("dl-de-by-2.0", false, "© X")]),
        ])
        for r in a.toDo {
            for word in Self.englishWords { #expect(!r.suggestedFix.contains(word), "\(r.suggestedFix)") }
        }
        let csv = a.licencesCSV()
        #expect(csv.hasPrefix(LicenceAudit.csvHeader.joined(separator: ",") + "\r\n"))
        #expect(csv.contains(",Keine offene Lizenz,") && csv.contains(",geschlossen,"))
        let html = a.html()
        for gap in a.toDoGroups.map(\.gap) { #expect(html.contains(SiteLabels.licenceGap(gap))) }
        for word in Self.englishWords { #expect(!html.contains(word)) }
    }

    @Test func statusFilterTakesGroupsAndStatuses() {
        let a = Self.audit([
            Self.dataset("c", licence: "other-closed", distributions: []), Self.dataset("v", licence: "cc-by", distributions: [(nil, true, nil)]),
        ])
        #expect(a.filtered(codes: ["not-open"]).datasetRows.map(\.datasetID) == ["c"])
        #expect(a.filtered(codes: ["closed"]).datasetRows.map(\.datasetID) == ["c"])
        #expect(a.filtered(codes: ["version-assumed"]).toDo.map(\.gap) == [.versionAssumed])
        #expect(a.filtered(codes: ["attribution-missing"]).toDo.map(\.gap) == [.attributionMissing])
        #expect(a.filtered(codes: []).rows.count == a.rows.count)
    }

    static let names = ["Senatsverwaltung für Finanzen", "Senatsverwaltung für Wirtschaft, Technologie und Forschung",
                        "Senatsverwaltung für Wirtschaft, Technologie und Frauen", "Stadt Köln"]

    @Test(arguments: [
        ("Stadt Köln", "Stadt Köln"), ("stadt köln", "Stadt Köln"), ("Stadt", "Stadt Köln"),
        ("Senatsverwaltung für Fi…", "Senatsverwaltung für Finanzen"), ("Senatsverwaltung für Wirtschaft, Technologie und Fo...",
         "Senatsverwaltung für Wirtschaft, Technologie und Forschung"),
    ])
    func publisherByNameOrUniquePrefix(query: String, expected: String) throws {
        #expect(try LicenceAudit.matchPublisher(query, in: Self.names).get() == expected)
    }

    @Test func publisherErrorsListTheNames() {
        guard case let .failure(ambiguous) = LicenceAudit.matchPublisher("Senatsverwaltung für Wirtschaft, Technologie und F…", in: Self.names) else {
            Issue.record("an ambiguous prefix matched")
            return
        }
        #expect(ambiguous == .ambiguous(query: "Senatsverwaltung für Wirtschaft, Technologie und F…", names: Array(Self.names[1...2])))
        #expect(ambiguous.description.contains("Senatsverwaltung für Wirtschaft, Technologie und Frauen"))
        guard case let .failure(none) = LicenceAudit.matchPublisher("Bezirksamt", in: Self.names) else {
            Issue.record("a wrong name matched")
            return
        }
        #expect(none == .noMatch(query: "Bezirksamt", names: Self.names))
        for name in Self.names { #expect(none.description.contains(name)) }
    }

    @Test func onePublisherFilePerPublisherWithItsItemsOnly() throws {
        let a = Self.audit([
            Self.dataset("c", licence: "other-closed", distributions: [], publisher: "Stadt Köln"),
            Self.dataset("r", licence: "dl-de-zero-2.0", distributions: [], publisher: "Amt für Statistik"),
        ])
        let files = a.publisherFiles()
        #expect(files.map(\.name) == ["amt-fuer-statistik.csv", "stadt-koeln.csv"])
        let koeln = String(decoding: try #require(files.last).bytes, as: UTF8.self)
        #expect(koeln.hasPrefix("\u{FEFF}group;group_label;publisher;"))
        #expect(koeln.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 2)
        #expect(koeln.contains(";Stadt Köln;"))
        // Nothing to do: the header alone.
        #expect(files.first.map { String(decoding: $0.bytes, as: UTF8.self) }?.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1)
    }

    @Test func aLongPublisherFileComesInPiecesThatJoinUpToTheWholeList() throws {
        // 1,500 items for one publisher (more than one chunk of rows), two for the other; attribution items
        // (dl-de-by-2.0 without a text) are made when read, closed licences are rows.
        let koeln = (0..<1500).map { i in
            Self.dataset(String(format: "k%04d", i), licence: i % 3 == 0 ? "dl-de-by-2.0" : "other-closed",
                         distributions: [(nil, true, nil)], publisher: "Stadt Köln")
        }
        let a = Self.audit(koeln + [Self.dataset("r", licence: "other-closed", distributions: [], publisher: "Amt für Statistik")])
        var pieces: [ExportFile] = []
        a.publisherFiles { pieces.append($0) }
        let mine = pieces.filter { $0.name == "stadt-koeln.csv" }
        #expect(mine.count > 2 && !mine[0].continues && mine.dropFirst().allSatisfy(\.continues))
        #expect(String(decoding: mine[0].bytes, as: UTF8.self) == CSVWriter.headerText(LicenceAudit.csvHeader, dialect: .excel))
        // Joined, the pieces are the list a writer of the whole file gives: the publisher's items in to-do order.
        var whole = CSVWriter(header: LicenceAudit.csvHeader, dialect: .excel)
        for item in a.toDo where item.publisher == "Stadt Köln" { whole.append(LicenceAudit.csvCells(item)) }
        #expect(String(decoding: mine.flatMap(\.bytes), as: UTF8.self) == whole.text)
        #expect(whole.text.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1 + 1500)
        #expect(a.publisherFiles().map(\.name) == ["amt-fuer-statistik.csv", "stadt-koeln.csv"])
    }
}

/// The to-do list follows the audit's rows when the run changes them after the audit was made: a conflict
/// between merged duplicates, and the publisher the published view names.
@Suite struct LicenceToDoRefreshTests {
    @Test func theToDoListFollowsMarkedConflictsAndAdoptedPublishers() throws {
        let datasets = ["a": "dl-de-zero-2.0", "b": "other-closed"].sorted { $0.key < $1.key }.map { id, licence in
            var d = LicenceToDoTests.dataset(id, licence: licence, distributions: [])
            d.publisher = nil  // the source names none
            return d
        }
        var audit = LicenceToDoTests.audit(datasets)
        #expect(audit.toDo.map(\.datasetID) == ["b"])
        // Duplicates merged into "a" disagreed on the licence: "a" becomes a to-do item.
        let cluster = DuplicateCluster(
            id: "dup-1", rule: .identifier, rules: [.identifier],
            members: [DuplicateMember(source: "s", remoteID: "a", uri: "https://x/a", title: "T a"),
                      DuplicateMember(source: "t", remoteID: "a2", uri: "https://y/a", title: "T a")],
            survivor: "s:a",
            conflicts: [FieldConflict(field: "licence", values: [MemberValue(member: "s:a", value: "dl-zero-de/2.0"),
                                                                 MemberValue(member: "t:a2", value: "cc-by/4.0")])])
        audit.markDuplicateConflicts([cluster])
        #expect(Set(audit.toDo.map(\.datasetID)) == ["a", "b"])
        #expect(audit.toDo.first { $0.datasetID == "a" }?.gap == .conflicting)
        // The published view names the catalogue's publisher where the source named none.
        var catalog = Catalog(uri: "https://x/catalog", title: "K", description: "", publisher: Agent(name: "Stadt Aachen"),
                              languages: [], modified: nil)
        catalog.datasets = datasets
        catalog = PublishedView.ensure(catalog)
        audit.adoptPublishers(catalog)
        #expect(audit.toDo.map(\.publisher) == ["Stadt Aachen", "Stadt Aachen"])
        // The same list as an audit made from the final rows, and the publisher's file holds all of it.
        #expect(audit.toDo == LicenceAudit(rows: audit.rows).toDo)
        let file = try #require(audit.publisherFiles().first)
        let lines = String(decoding: file.bytes, as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(file.name == "stadt-aachen.csv" && lines.count == 3)
    }
}

/// A dataset's audit rows share one dataset part (`LicenceAuditRow.dataset`); renaming the publisher renames it
/// once for all of them, and a dataset whose name stays keeps its part.
@Suite struct LicenceRowSharingTests {
    @Test func adoptedPublishersRenameEachDatasetsSharedPartOnce() {
        let datasets = ["a", "b"].map { id in
            var d = LicenceToDoTests.dataset(id, licence: "other-closed", distributions: [(nil, true, nil), ("cc-by-4.0", false, nil)])
            if id == "a" { d.publisher = nil }  // the source names none: the catalogue's publisher is shown
            return d
        }
        var audit = LicenceToDoTests.audit(datasets)
        #expect(audit.rows.count == 6)
        for start in [0, 3] {
            #expect(audit.rows[start + 1].dataset.isShared(with: audit.rows[start].dataset))
            #expect(audit.rows[start + 2].dataset.isShared(with: audit.rows[start].dataset))
        }
        let untouched = audit.rows[3].dataset
        var catalog = Catalog(uri: "https://x/catalog", title: "K", description: "", publisher: Agent(name: "Stadt Aachen"),
                              languages: [], modified: nil)
        catalog.datasets = datasets
        catalog = PublishedView.ensure(catalog)
        audit.adoptPublishers(catalog)
        #expect(audit.rows.map(\.publisher) == ["Stadt Aachen", "Stadt Aachen", "Stadt Aachen", "P", "P", "P"])
        // Still one part per dataset: the renamed one for all rows of "a", the old one for "b".
        #expect(audit.rows[1].dataset.isShared(with: audit.rows[0].dataset) && audit.rows[2].dataset.isShared(with: audit.rows[0].dataset))
        #expect(audit.rows[3...].allSatisfy { $0.dataset.isShared(with: untouched) })
        #expect(audit.toDo.allSatisfy { $0.publisher == ($0.datasetID == "a" ? "Stadt Aachen" : "P") })
    }

    /// Rows that say the same about their licence (licence, status, reason, fix) share one box of it; a row
    /// written to gets its own, and the rows it shared with keep theirs.
    @Test func rowsWithEqualVerdictsShareOneBox() {
        let audit = LicenceToDoTests.audit([
            LicenceToDoTests.dataset("a", licence: "other-closed", distributions: [(nil, true, nil)]),
            LicenceToDoTests.dataset("b", licence: "other-closed", distributions: [(nil, true, nil)]),
            LicenceToDoTests.dataset("c", licence: "cc-nc", distributions: [(nil, true, nil)]),
        ])
        let rows = audit.rows.map(\.row)
        #expect(rows.count == 6)
        #expect(rows[0].sharesVerdict(with: rows[2]) && rows[1].sharesVerdict(with: rows[3]))  // a and b, row by row
        #expect(!rows[0].sharesVerdict(with: rows[1]))  // the dataset row and its distribution's differ
        #expect(!rows[0].sharesVerdict(with: rows[4]) && rows[4].raw == "cc-nc")
        var changed = rows[0]
        changed.status = .open
        changed.reason = "geprüft"
        #expect(!changed.sharesVerdict(with: rows[2]))
        #expect(rows[2].status == rows[0].status && rows[2].status != .open && rows[2].reason != "geprüft")
        #expect(audit.rows[0].status == rows[2].status)
    }

    /// `Shared` is copy-on-write: a copy shares the box until one side writes, which then has its own.
    @Test func sharedCopiesOnWrite() {
        let original = Shared(Agent(name: "Stadt Aachen"))
        var copy = original
        #expect(copy.isShared(with: original) && copy == original)
        copy.value.name = "StädteRegion Aachen"
        #expect(!copy.isShared(with: original))
        #expect(original.value.name == "Stadt Aachen" && copy.value.name == "StädteRegion Aachen" && copy != original)
        var alone = Shared(Agent(name: "Alsdorf"))
        let before = alone.identity
        alone.value.name = "Baesweiler"  // the only reference: written in place
        #expect(alone.identity == before)
    }
}

/// The audit names a distribution's licence fields with one shared string per name: the same text as before, for
/// CKAN and DCAT sources, beyond the shared names too; rows and findings naming a field share its storage.
@Suite struct DistributionFieldNameTests {
    static func storage(_ s: String?) -> UnsafeRawPointer? {
        s?.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
    }

    @Test func namesKeepTheirTextAndShareTheirStorage() {
        for i in [0, 1, 9, DistributionFieldNames.shared - 1, DistributionFieldNames.shared, 500] {
            #expect(DistributionFieldNames.ckanLicence(i) == "resources[\(i)].license")
            #expect(DistributionFieldNames.ckanAttribution(i) == "resources[\(i)].licenseAttributionByText")
            #expect(DistributionFieldNames.dcatLicence(i) == "dct:license (Distribution \(i + 1))")
            #expect(DistributionFieldNames.dcatAttribution(i) == "dcatde:licenseAttributionByText (Distribution \(i + 1))")
        }
        #expect(Self.storage(DistributionFieldNames.ckanLicence(3)) == Self.storage(DistributionFieldNames.ckanLicence(3)))
        #expect(Self.storage(DistributionFieldNames.dcatAttribution(3)) == Self.storage(DistributionFieldNames.dcatAttribution(3)))
    }

    @Test func rowsAndFindingsShareTheFieldNames() throws {
        // Two datasets whose first distributions inherit dl-de-by-2.0 and lack its attribution text.
        let audit = LicenceToDoTests.audit([
            LicenceToDoTests.dataset("a", licence: "dl-de-by-2.0", distributions: [(nil, true, nil)]),
            LicenceToDoTests.dataset("b", licence: "dl-de-by-2.0", distributions: [(nil, true, nil)]),
        ])
        let rows = audit.rows.filter { !$0.isDatasetRow }
        #expect(rows.map(\.field) == ["resources[0].license", "resources[0].license"])
        #expect(Self.storage(rows[0].field) == Self.storage(rows[1].field))
        let findings = audit.findings()
        let inherited = findings.filter { $0.code == "licence.inherited" }.map(\.field)
        let attribution = findings.filter { $0.code == "licence.attribution-missing" }.map(\.field)
        #expect(inherited.count == 2 && attribution.count == 2)
        #expect(Set(inherited.map(Self.storage)).count == 1 && Self.storage(inherited[0]) == Self.storage(rows[0].field))
        #expect(attribution.allSatisfy { $0 == "resources[0].licenseAttributionByText" })
        #expect(Set(attribution.map(Self.storage)).count == 1)
    }
}
