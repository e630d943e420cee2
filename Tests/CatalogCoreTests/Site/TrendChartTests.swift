@testable import CatalogCore
import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The trend charts of the quality pages: well-formed SVG without script, one point per date, labels, an
/// accessible name, small enough for a 390 px screen.
@Suite struct TrendChartTests {
    /// Elements with their attributes and text, in document order.
    final class Collector: NSObject, XMLParserDelegate {
        var elements: [(name: String, attributes: [String: String])] = []
        var texts: [String] = []
        var current = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            elements.append((name, attributes))
            current = ""
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text" || name == "title" || name == "desc" { texts.append(current) }
            current = ""
        }
    }

    static func parse(_ xml: String) throws -> Collector {
        let parser = XMLParser(data: Data(xml.utf8))
        let collector = Collector()
        parser.delegate = collector
        #expect(parser.parse(), "not well-formed: \(parser.parserError.map { "\($0)" } ?? "")")
        return collector
    }

    static let points = [
        TrendChart.Point(date: "2027-01-01", value: 240.5), TrendChart.Point(date: "2027-01-03", value: 251.25),
        TrendChart.Point(date: "2027-01-10", value: 248),
    ]

    @Test func theChartIsWellFormedSVGWithAPointPerDateAndLabels() throws {
        let chart = TrendChart(label: "Mittlere Punktzahl", points: Self.points.reversed()) { SiteHTML.decimal($0, digits: 2) }
        let svg = chart.svg(id: "t")
        let parsed = try Self.parse(svg)
        let names = parsed.elements.map(\.name)
        #expect(names.first == "svg" && !names.contains("script") && !svg.lowercased().contains("script") && !svg.contains(" on"))
        #expect(names.filter { $0 == "circle" }.count == 3)
        let root = parsed.elements[0].attributes
        #expect(root["role"] == "img" && root["aria-labelledby"] == "t-t t-d")
        #expect(try #require(Double(root["width"] ?? "")) <= 390)
        // Title, description, the value range and the first and last date as labels.
        #expect(parsed.texts.contains("Mittlere Punktzahl"))
        #expect(parsed.texts.contains { $0.contains("240,50 am 01.01.2027, zuletzt 248,00 am 10.01.2027") })
        for label in ["251,25", "240,50", "01.01.2027", "10.01.2027"] { #expect(parsed.texts.contains(label), "\(label)") }
        // The circles follow the dates in proportion (days 0, 2 and 9 of 9) from left to right.
        let xs = parsed.elements.filter { $0.name == "circle" }.compactMap { Double($0.attributes["cx"] ?? "") }
        #expect(xs.count == 3 && xs == xs.sorted())
        let share = (xs[1] - xs[0]) / (xs[2] - xs[0])
        #expect(abs(share - 2.0 / 9.0) < 0.01)
        // The highest value is drawn highest (smallest y).
        let ys = parsed.elements.filter { $0.name == "circle" }.compactMap { Double($0.attributes["cy"] ?? "") }
        #expect(ys[1] < ys[2] && ys[2] < ys[0])
    }

    @Test func theFigureHasACaptionAndATableAndOnePointIsASentence() throws {
        let chart = TrendChart(label: "Lizenzlücken", points: [TrendChart.Point(date: "2027-01-01", value: 5), TrendChart.Point(date: "2027-01-02", value: 5)], floor: 0) {
            SiteHTML.number(Int($0))
        }
        let figure = chart.figure(id: "g")
        _ = try Self.parse("<div>" + figure + "</div>")  // well-formed too; the table follows the figure
        #expect(figure.contains("<figcaption>Lizenzlücken: 5 am 01.01.2027, zuletzt 5 am 02.01.2027; 2 Stände, zwischen 5 und 5.</figcaption>"))
        #expect(figure.contains("<tr><td>02.01.2027</td><td class=\"n\">5</td></tr>"))
        // A flat line of counts gets room around it, but not below 0; a changing one spans its values.
        let flat = try Self.parse(chart.svg(id: "g")).texts
        #expect(flat.contains("4") && flat.contains("6"))
        let zero = TrendChart(label: "Defekte Links", points: [TrendChart.Point(date: "2027-01-01", value: 0), TrendChart.Point(date: "2027-01-02", value: 0)], floor: 0) {
            SiteHTML.number(Int($0))
        }
        let zeroTexts = try Self.parse(zero.svg(id: "z")).texts
        #expect(zeroTexts.contains("0") && zeroTexts.contains("1") && !zeroTexts.contains("-1"))
        let falling = TrendChart(label: "Lizenzlücken", points: [TrendChart.Point(date: "2027-01-01", value: 838), TrendChart.Point(date: "2027-01-09", value: 823)], floor: 0) {
            SiteHTML.number(Int($0))
        }
        let fallingTexts = try Self.parse(falling.svg(id: "f")).texts
        #expect(fallingTexts.contains("838") && fallingTexts.contains("823") && !fallingTexts.contains("0"))
        let one = TrendChart(label: "Lizenzlücken", points: [TrendChart.Point(date: "2027-01-01", value: 5)]) { SiteHTML.number(Int($0)) }.figure(id: "g")
        #expect(!one.contains("<svg") && one.contains("Erst ein Stand ist verzeichnet"))
    }

    @Test func dayNumbersCountCalendarDays() {
        #expect(TrendChart.dayNumber("1970-01-01") == 0)
        #expect(TrendChart.dayNumber("2000-03-01") - TrendChart.dayNumber("2000-02-28") == 2)  // 2000 is a leap year
        #expect(TrendChart.dayNumber("2100-03-01") - TrendChart.dayNumber("2100-02-28") == 1)
        #expect(TrendChart.dayNumber("2027-01-15") == 20_833)
    }
}
