import Testing
@testable import CatalogCore

@Suite struct DuplicatesCSVTests {
    @Test func quotingAndFormulaInjection() {
        #expect(DuplicatesCSV.field("plain") == "plain")
        #expect(DuplicatesCSV.field("a,b") == "\"a,b\"")
        #expect(DuplicatesCSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(DuplicatesCSV.field("line\nbreak") == "\"line\nbreak\"")
        #expect(DuplicatesCSV.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(DuplicatesCSV.field("+1") == "'+1")
        #expect(DuplicatesCSV.field("-1") == "'-1")
        #expect(DuplicatesCSV.field("@SUM(A1)") == "'@SUM(A1)")
        #expect(DuplicatesCSV.field("\tx") == "'\tx")
        #expect(DuplicatesCSV.field("\rx") == "\"'\rx\"")
    }

    @Test func rendersMergedAndReviewRows() {
        let a = DD.ds("s1", "a", title: "=cmd|' /C calc'!A0", landing: "https://x.de/p")
        let b = DD.ds("s2", "b", title: "Bäume, Straßen", landing: "https://x.de/p")
        let c = DD.ds("s1", "c", title: "Haltestellen Bus", urls: ["https://y.de/1.csv"], publisher: "Stadt")
        let d = DD.ds("s2", "d", title: "Haltestellen Bus", urls: ["https://y.de/2.csv"], publisher: "Stadt")
        let csv = DuplicatesCSV.render(Deduplicator(settings: DedupSettings()).run([a, b, c, d]))
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0] == "cluster_id,status,rule,rules,score,survivor,members,member_uris,titles,conflicts")
        #expect(lines.count == 4 && lines[3].isEmpty)
        // Lists use the one list separator of every CSV; a conflict names each member's value.
        #expect(lines[1].contains(",merged,landing-page,landing-page,,s1:a,s1:a|s2:b,"))
        #expect(lines[1].contains("\"title: s1:a==cmd|' /C calc'!A0, s2:b=Bäume, Straßen\""))
        #expect(lines[2].contains(",review,fuzzy-title,fuzzy-title,1.00,s1:c,s1:c|s2:d,"))
        #expect(!csv.contains(",=") && !csv.contains("\"="))
    }
}
