import Foundation

// A small trend chart as inline SVG (no script): one figure per figure of the quality history (qualitaet/),
// a step line over the run dates (a value holds until the next recorded date), the dates on the time axis in
// proportion, the first and last date and the smallest and largest value as labels. For screen readers the
// SVG has a title and a description, and the caption says the same in words; the values are in a table under
// it. At most `width` user units wide and scaled down with the page (390 px phones).

package struct TrendChart: Sendable {
    package struct Point: Sendable, Hashable {
        package var date: String  // YYYY-MM-DD
        package var value: Double
        package init(date: String, value: Double) {
            self.date = date
            self.value = value
        }
    }

    /// What the chart shows ("Mittlere Punktzahl"), for the title, axis and table.
    package var label: String
    package var points: [Point]
    /// How a value is written (German): counts as integers, scores with decimals.
    package var format: @Sendable (Double) -> String
    /// The axis spans the smallest to the largest value; a flat line is drawn with room around it, but never
    /// below `floor` (0 for counts).
    package var floor: Double?

    package init(label: String, points: [Point], floor: Double? = nil, format: @escaping @Sendable (Double) -> String) {
        self.label = label
        self.points = points.sorted { $0.date < $1.date }
        self.floor = floor
        self.format = format
    }

    static let width = 360.0, height = 150.0
    static let left = 52.0, right = 346.0, top = 14.0, bottom = 116.0

    /// The figure: SVG with the sentence as caption, then the values as a table (a `details` after the figure:
    /// HTML allows the caption only first or last); only the sentence for fewer than two points.
    package func figure(id: String) -> String {
        guard points.count >= 2 else { return "<p>\(SiteHTML.escape(sentence))</p>\n" }
        var b = "<figure class=\"trend\">\n" + svg(id: id)
        b += "<figcaption>\(SiteHTML.escape(sentence))</figcaption>\n</figure>\n"
        b += "<details class=\"trend-values\"><summary>Werte als Tabelle</summary>\n<table>\n<thead><tr><th scope=\"col\">Datum</th><th scope=\"col\">\(SiteHTML.escape(label))</th></tr></thead>\n<tbody>\n"
        for p in points.reversed() { b += "<tr><td>\(Self.german(p.date))</td><td class=\"n\">\(format(p.value))</td></tr>\n" }
        return b + "</tbody>\n</table>\n</details>\n"
    }

    /// The chart in words: first and last value with their dates, the range.
    package var sentence: String {
        guard let first = points.first, let last = points.last else { return "\(label): noch keine Werte." }
        guard points.count >= 2 else {
            return "\(label): \(format(first.value)) am \(Self.german(first.date)). Erst ein Stand ist verzeichnet; der Verlauf erscheint mit dem nächsten Stand."
        }
        let values = points.map(\.value)
        return "\(label): \(format(first.value)) am \(Self.german(first.date)), zuletzt \(format(last.value)) am \(Self.german(last.date)); "
            + "\(points.count) Stände, zwischen \(format(values.min()!)) und \(format(values.max()!))."
    }

    /// The SVG (role img, labelled by its title and description).
    package func svg(id: String) -> String {
        let values = points.map(\.value)
        // From the smallest to the largest value, so a change shows; a flat line gets room around it (not below
        // `floor`).
        var lo = values.min() ?? 0, hi = values.max() ?? 1
        if hi - lo < 1e-9 { hi += 1; lo = Swift.max(floor ?? (lo - 1), lo - 1) }
        let days = points.map { Self.dayNumber($0.date) }
        let d0 = Double(days.first ?? 0), span = Swift.max(1, Double((days.last ?? 0) - (days.first ?? 0)))
        func x(_ i: Int) -> Double { Self.left + (Double(days[i]) - d0) / span * (Self.right - Self.left) }
        func y(_ v: Double) -> Double { Self.bottom - (v - lo) / (hi - lo) * (Self.bottom - Self.top) }
        let esc = SiteHTML.escape
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.n(Self.width)) \(Self.n(Self.height))\" width=\"\(Self.n(Self.width))\" height=\"\(Self.n(Self.height))\" role=\"img\" aria-labelledby=\"\(id)-t \(id)-d\">\n"
        s += "<title id=\"\(id)-t\">\(esc(label))</title>\n<desc id=\"\(id)-d\">\(esc(sentence))</desc>\n"
        s += "<path class=\"axis\" d=\"M\(Self.n(Self.left)) \(Self.n(Self.top))V\(Self.n(Self.bottom))H\(Self.n(Self.right))\" fill=\"none\" stroke=\"#888\" stroke-width=\"1\"/>\n"
        s += label(x: Self.left - 6, y: Self.top + 4, anchor: "end", format(hi))
        s += label(x: Self.left - 6, y: Self.bottom, anchor: "end", format(lo))
        s += label(x: Self.left, y: Self.bottom + 18, anchor: "start", Self.german(points.first!.date))
        s += label(x: Self.right, y: Self.bottom + 18, anchor: "end", Self.german(points.last!.date))
        var d = "M\(Self.n(x(0))) \(Self.n(y(values[0])))"
        for i in 1..<points.count { d += "H\(Self.n(x(i)))V\(Self.n(y(values[i])))" }
        s += "<path class=\"line\" d=\"\(d)\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\"/>\n"
        if points.count <= 60 {
            for i in points.indices {
                s += "<circle cx=\"\(Self.n(x(i)))\" cy=\"\(Self.n(y(values[i])))\" r=\"3\" fill=\"currentColor\"><title>\(Self.german(points[i].date)): \(esc(format(values[i])))</title></circle>\n"
            }
        }
        return s + "</svg>\n"
    }

    private func label(x: Double, y: Double, anchor: String, _ text: String) -> String {
        "<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" text-anchor=\"\(anchor)\" font-size=\"12\" fill=\"currentColor\">\(SiteHTML.escape(text))</text>\n"
    }

    /// A coordinate with at most one decimal, without a trailing `.0`.
    static func n(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(format: "%.1f", r)
    }

    /// `2027-01-15` → `15.01.2027`.
    package static func german(_ date: String) -> String {
        let p = date.split(separator: "-")
        return p.count == 3 ? "\(p[2]).\(p[1]).\(p[0])" : date
    }

    /// Days since 1970-01-01 of a `YYYY-MM-DD` date (proleptic Gregorian, H. Hinnant's days_from_civil).
    static func dayNumber(_ date: String) -> Int {
        let p = date.split(separator: "-").compactMap { Int($0) }
        guard p.count == 3 else { return 0 }
        let y = p[1] <= 2 ? p[0] - 1 : p[0], m = p[1], d = p[2]
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
