@testable import CatalogCore
import Foundation
import Testing

/// licences.html stays bounded at any catalogue size: each group shows its first page of items, the rest are on
/// `lizenzen/<group>-2.html` …, linked both ways, every item on exactly one page.
@Suite struct LicencePagesTests {
    /// 250 datasets without a licence (group `missing`) and 3 with a closed one (group `not-open`).
    static let audit = LicenceToDoTests.audit(
        (0..<250).map { LicenceToDoTests.dataset(String(format: "m%03d", $0), licence: nil, distributions: []) }
            + (0..<3).map { LicenceToDoTests.dataset("c\($0)", licence: "other-closed", distributions: []) })

    /// Every page `htmlPages` hands on, in order.
    static func pages(_ audit: LicenceAudit, pageSize: Int = LicenceAudit.pageSize) -> [ExportFile] {
        var files: [ExportFile] = []
        audit.htmlPages(pageSize: pageSize) { files.append($0) }
        return files
    }

    static func text(_ file: ExportFile) -> String { String(decoding: file.bytes, as: UTF8.self) }

    /// The dataset titles (`T m001` …) in the rows of a page, in page order.
    static func titles(_ html: String) -> [String] {
        html.matches(of: /<td>(?:<a href="[^"]*">)?(T [mc]\d+)(?:<\/a>)?/).map { String($0.1) }
    }

    @Test func groupsBeyondOnePageContinueOnTheirOwnPages() throws {
        let files = Self.pages(Self.audit, pageSize: 100)
        #expect(files.map(\.name) == ["licences.html", "lizenzen/missing-2.html", "lizenzen/missing-3.html"])
        let main = Self.text(files[0])
        // The heading counts the whole group; the page lists its first 100 and says so.
        #expect(main.contains("<h2 id=\"gruppe-missing\">\(SiteLabels.licenceGap(.missing)) (250)</h2>"))
        #expect(main.contains("Einträge 1–100 von 250"))
        #expect(main.contains("<a href=\"lizenzen/missing-2.html\" rel=\"next\">"))
        #expect(main.contains("<a href=\"lizenzen/missing-3.html\">Letzte »</a>"))
        // A group on one page has no pager and no range line.
        #expect(main.contains("<h2 id=\"gruppe-not-open\">\(SiteLabels.licenceGap(.notOpen)) (3)</h2>"))
        #expect(!main.contains("Einträge 1–3 von 3") && !main.contains("aria-label=\"Seiten: \(SiteLabels.licenceGap(.notOpen))\""))

        let second = Self.text(files[1]), third = Self.text(files[2])
        #expect(second.contains("<title>Lizenzprüfung: \(SiteLabels.licenceGap(.missing)) – Seite 2 von 3</title>"))
        #expect(second.contains("Einträge 101–200 von 250"))
        #expect(second.contains("<a href=\"../licences.html#gruppe-missing\">Zurück zur Lizenzprüfung</a>"))
        #expect(second.contains("<a href=\"../licences.html#gruppe-missing\" rel=\"prev\">"))
        #expect(second.contains("<a href=\"missing-3.html\" rel=\"next\">"))
        #expect(third.contains("Einträge 201–250 von 250"))
        #expect(third.contains("<a href=\"missing-2.html\" rel=\"prev\">"))
        #expect(!third.contains("rel=\"next\""))

        // Every item of the group on exactly one page, in the group's order.
        let missing = Self.audit.toDoGroups.first { $0.gap == .missing }!.items.map(\.title)
        let paged = Self.titles(main).filter { $0.hasPrefix("T m") } + Self.titles(second) + Self.titles(third)
        #expect(paged == missing)
        #expect(Self.titles(main).filter { $0.hasPrefix("T c") }.count == 3)
    }

    @Test func aLaterGroupIsPagedFromItsOwnFirstItem() {
        // Each group is a run of the sorted to-do list: a group after another one pages from its own start.
        let audit = LicenceToDoTests.audit(
            (0..<3).map { LicenceToDoTests.dataset("m\($0)", licence: nil, distributions: []) }
                + (0..<150).map { LicenceToDoTests.dataset(String(format: "c%03d", $0), licence: "other-closed", distributions: []) })
        let files = Self.pages(audit, pageSize: 100)
        #expect(files.map(\.name) == ["licences.html", "lizenzen/not-open-2.html"])
        let closed = audit.toDo.filter { $0.gap == .notOpen }.map(\.title)
        #expect(closed.count == 150)
        let paged = Self.titles(Self.text(files[0])).filter { $0.hasPrefix("T c") } + Self.titles(Self.text(files[1]))
        #expect(paged == closed)
        #expect(Self.titles(Self.text(files[0])).filter { $0.hasPrefix("T m") }.count == 3)
    }

    @Test func everyPageLinksOnlyToPagesThatExist() throws {
        let files = Self.pages(Self.audit, pageSize: 100)
        let names = Set(files.map(\.name))
        for file in files {
            let folder = file.name.contains("/") ? "lizenzen/" : ""
            for link in Self.text(file).matches(of: /href="([^"#:]+\.html)(?:#[^"]*)?"/).map({ String($0.1) }) {
                let target = link.hasPrefix("../") ? String(link.dropFirst(3)) : folder + link
                #expect(names.contains(target), "\(file.name) links to \(link)")
            }
        }
    }

    @Test func pagesStaySmallWithManyItems() {
        // 5,000 to-do items with long values: the default page size keeps every page far below 1 MB.
        let long = String(repeating: "Beschreibung ", count: 20)
        let audit = LicenceToDoTests.audit((0..<5000).map {
            LicenceToDoTests.dataset("m\($0) \(long)", licence: nil, distributions: [], publisher: "Herausgeber \($0 % 40)")
        })
        let files = Self.pages(audit)
        // licences.html holds the first page, so 50 pages of 100 are licences.html and 49 further files.
        #expect(files.count == 5000 / LicenceAudit.pageSize)
        for file in files { #expect(file.bytes.count < 1_000_000, "\(file.name): \(file.bytes.count) bytes") }
    }
}
