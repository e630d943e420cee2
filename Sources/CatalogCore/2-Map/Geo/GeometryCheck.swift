// Validity (OGC simple features, as PostGIS ST_IsValid / shapely is_valid judge it) and RFC 7946 winding of a
// geometry, with the repairs that keep its meaning: repeated positions and duplicate rings or polygons removed,
// rings re-oriented (exterior counter-clockwise, holes clockwise). Anything else (self-intersections, holes
// outside their polygon, overlapping polygons, rings without area) makes it invalid; the caller reports it.

package enum GeometryCheck {
    package enum Outcome: Sendable, Hashable {
        /// Valid as returned (possibly repaired); `repairs` says what was changed (sorted), empty if nothing.
        case valid(ExportGeometry, repairs: [Repair])
        /// Not valid and not repairable without guessing.
        case invalid(Problem)
    }

    /// What a repair changed, in both languages of the findings.
    package enum Repair: Sendable, Hashable, Comparable {
        case duplicatePoints, duplicateRings, duplicatePolygons, reoriented

        package var english: String {
            switch self {
            case .duplicatePoints: "repeated points removed"
            case .duplicateRings: "duplicate rings removed"
            case .duplicatePolygons: "duplicate polygons removed"
            case .reoriented: "rings oriented by the right-hand rule (RFC 7946)"
            }
        }

        package var german: String {
            switch self {
            case .duplicatePoints: "doppelte Punkte entfernt"
            case .duplicateRings: "doppelte Ringe entfernt"
            case .duplicatePolygons: "doppelte Polygone entfernt"
            case .reoriented: "Ringe nach der Rechte-Hand-Regel (RFC 7946) ausgerichtet"
            }
        }

        /// In the order of the German sentences (the order the findings have always listed them in).
        package static func < (a: Repair, b: Repair) -> Bool { a.german < b.german }
    }

    /// Why a geometry is not valid, in both languages of the findings.
    package enum Problem: Error, Sendable, Hashable {
        case lineWithoutLength, ringWithTooFewPoints, ringWithoutArea, polygonWithoutRing, holeOutsidePolygon,
             polygonsOverlap, ringCrossesItself, ringsCross

        package var english: String {
            switch self {
            case .lineWithoutLength: "line without length"
            case .ringWithTooFewPoints: "ring with fewer than three distinct points"
            case .ringWithoutArea: "ring without area"
            case .polygonWithoutRing: "polygon without a ring"
            case .holeOutsidePolygon: "hole outside its polygon"
            case .polygonsOverlap: "polygons overlap"
            case .ringCrossesItself: "ring crosses itself"
            case .ringsCross: "rings cross each other"
            }
        }

        package var german: String {
            switch self {
            case .lineWithoutLength: "Linie ohne Länge"
            case .ringWithTooFewPoints: "Ring mit weniger als drei verschiedenen Punkten"
            case .ringWithoutArea: "Ring ohne Fläche"
            case .polygonWithoutRing: "Polygon ohne Ring"
            case .holeOutsidePolygon: "Loch außerhalb des Polygons"
            case .polygonsOverlap: "Polygone überlappen sich"
            case .ringCrossesItself: "Ring überschneidet sich selbst"
            case .ringsCross: "Ringe überschneiden sich"
            }
        }
    }

    package static func check(_ g: ExportGeometry) -> Outcome {
        var repairs: Set<Repair> = []
        do {
            let fixed = try repair(g, &repairs)
            return .valid(fixed, repairs: repairs.sorted())
        } catch {
            return .invalid(error)
        }
    }


    private static func repair(_ g: ExportGeometry, _ repairs: inout Set<Repair>) throws(Problem) -> ExportGeometry {
        switch g {
        case .point, .multiPoint:
            return g
        case .lineString(let l):
            return .lineString(try line(l, &repairs))
        case .multiLineString(let m):
            var lines: [[[Double]]] = []
            for l in m { lines.append(try line(l, &repairs)) }
            return .multiLineString(lines)
        case .polygon(let rings):
            return .polygon(try polygon(rings, &repairs))
        case .multiPolygon(let m):
            return try multiPolygon(m, &repairs)
        case .collection(let gs):
            var out: [ExportGeometry] = []
            for x in gs { out.append(try repair(x, &repairs)) }
            return .collection(out)
        }
    }

    private static func line(_ l: [[Double]], _ repairs: inout Set<Repair>) throws(Problem) -> [[Double]] {
        let d = dedupe(l)
        if d.count != l.count { repairs.insert(.duplicatePoints) }
        guard d.count >= 2 else { throw .lineWithoutLength }
        return d
    }

    /// A polygon's rings, repaired: exterior first and counter-clockwise, holes clockwise.
    static func polygon(_ input: [[[Double]]], _ repairs: inout Set<Repair>) throws(Problem) -> [[[Double]]] {
        var rings: [[[Double]]] = []
        for r in input {
            let d = dedupe(r)
            if d.count != r.count { repairs.insert(.duplicatePoints) }
            guard d.count >= 4 else { throw .ringWithTooFewPoints }
            guard signedArea(d) != 0 else { throw .ringWithoutArea }
            if rings.contains(where: { sameRing($0, d) }) {
                repairs.insert(.duplicateRings)
                continue
            }
            rings.append(d)
        }
        guard !rings.isEmpty else { throw .polygonWithoutRing }
        if let problem = crossing(rings.enumerated().map { ($0.offset, $0.element) }) { throw problem }
        for hole in rings.dropFirst() where hole.contains(where: { locate($0, in: rings[0]) < 0 }) {
            throw .holeOutsidePolygon
        }
        for i in rings.indices {
            let ccw = signedArea(rings[i]) > 0
            if ccw != (i == 0) {
                rings[i].reverse()
                repairs.insert(.reoriented)
            }
        }
        return rings
    }

    private static func multiPolygon(_ m: [[[[Double]]]], _ repairs: inout Set<Repair>) throws(Problem) -> ExportGeometry {
        var polys: [[[[Double]]]] = []
        for p in m {
            let fixed = try polygon(p, &repairs)
            if polys.contains(where: { sameRing($0[0], fixed[0]) }) {
                repairs.insert(.duplicatePolygons)
                continue
            }
            polys.append(fixed)
        }
        // Polygons of a MultiPolygon may touch at points only: no crossing edges, none inside another.
        var tagged: [(Int, [[Double]])] = []
        var id = 0
        for p in polys {
            for r in p { tagged.append((id, r)); id += 1 }
        }
        if let problem = crossing(tagged) { throw problem }
        for (i, a) in polys.enumerated() {
            for (j, b) in polys.enumerated() where i != j && a[0].contains(where: { locate($0, in: b[0]) > 0 && !inHole($0, b) }) {
                throw .polygonsOverlap
            }
        }
        return polys.count == 1 ? .polygon(polys[0]) : .multiPolygon(polys)
    }

    private static func inHole(_ p: [Double], _ poly: [[[Double]]]) -> Bool {
        poly.dropFirst().contains { locate(p, in: $0) >= 0 }
    }

    // MARK: geometry primitives

    /// Consecutive repeated positions removed (a closed ring stays closed).
    static func dedupe(_ l: [[Double]]) -> [[Double]] {
        var out: [[Double]] = []
        out.reserveCapacity(l.count)
        for p in l where out.last != p { out.append(p) }
        return out
    }

    /// Shoelace area (positive: counter-clockwise in lon/lat).
    package static func signedArea(_ ring: [[Double]]) -> Double {
        var s = 0.0
        for i in 0..<(ring.count - 1) { s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1] }
        return s / 2
    }

    /// The same closed ring (same positions in the same cyclic order, either direction).
    static func sameRing(_ a: [[Double]], _ b: [[Double]]) -> Bool {
        guard a.count == b.count else { return false }
        let x = Array(a.dropLast()), y = Array(b.dropLast())
        guard let start = y.firstIndex(of: x[0]) else { return false }
        let n = x.count
        let forward = (0..<n).allSatisfy { x[$0] == y[(start + $0) % n] }
        let backward = (0..<n).allSatisfy { x[$0] == y[(start - $0 + n) % n] }
        return forward || backward
    }

    /// 1 inside, 0 on the boundary, -1 outside (even-odd rule).
    static func locate(_ p: [Double], in ring: [[Double]]) -> Int {
        var inside = false
        for i in 0..<(ring.count - 1) {
            let a = ring[i], b = ring[i + 1]
            if orientation(a, b, p) == 0, within(p, a, b) { return 0 }
            if (a[1] > p[1]) != (b[1] > p[1]) {
                let x = a[0] + (p[1] - a[1]) / (b[1] - a[1]) * (b[0] - a[0])
                if p[0] < x { inside.toggle() }
            }
        }
        return inside ? 1 : -1
    }

    static func orientation(_ a: [Double], _ b: [Double], _ c: [Double]) -> Double {
        let v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
        return v == 0 ? 0 : (v > 0 ? 1 : -1)
    }

    /// `p` (collinear with a–b) lies on the segment.
    static func within(_ p: [Double], _ a: [Double], _ b: [Double]) -> Bool {
        min(a[0], b[0]) <= p[0] && p[0] <= max(a[0], b[0]) && min(a[1], b[1]) <= p[1] && p[1] <= max(a[1], b[1])
    }

    private struct Segment {
        var ring: Int, index: Int, count: Int
        var a: [Double], b: [Double]
        var minX: Double, maxX: Double, minY: Double, maxY: Double
    }

    /// The first intersection that makes rings invalid: within a ring, any contact of non-adjacent edges; between
    /// rings, crossing or overlapping edges (touching at a point is allowed). Sweep over edges sorted by west end.
    static func crossing(_ rings: [(Int, [[Double]])]) -> Problem? {
        var segs: [Segment] = []
        for (id, r) in rings {
            let n = r.count - 1
            for i in 0..<n {
                let a = r[i], b = r[i + 1]
                segs.append(Segment(ring: id, index: i, count: n, a: a, b: b, minX: min(a[0], b[0]), maxX: max(a[0], b[0]),
                                    minY: min(a[1], b[1]), maxY: max(a[1], b[1])))
            }
        }
        segs.sort { $0.minX < $1.minX }
        for i in segs.indices {
            let s = segs[i]
            var j = i + 1
            while j < segs.count, segs[j].minX <= s.maxX {
                let t = segs[j]
                j += 1
                guard t.minY <= s.maxY, s.minY <= t.maxY else { continue }
                if s.ring == t.ring {
                    let d = abs(s.index - t.index)
                    if d == 1 || d == s.count - 1 {
                        // Adjacent edges share one vertex; they must not fold back onto each other.
                        if orientation(s.a, s.b, t.a) == 0, orientation(s.a, s.b, t.b) == 0, overlapLength(s, t) { return .ringCrossesItself }
                        continue
                    }
                    if intersects(s, t) { return .ringCrossesItself }
                } else if crosses(s, t) {
                    return .ringsCross
                }
            }
        }
        return nil
    }

    private static func intersects(_ s: Segment, _ t: Segment) -> Bool {
        let o1 = orientation(s.a, s.b, t.a), o2 = orientation(s.a, s.b, t.b)
        let o3 = orientation(t.a, t.b, s.a), o4 = orientation(t.a, t.b, s.b)
        if o1 * o2 < 0, o3 * o4 < 0 { return true }
        return (o1 == 0 && within(t.a, s.a, s.b)) || (o2 == 0 && within(t.b, s.a, s.b))
            || (o3 == 0 && within(s.a, t.a, t.b)) || (o4 == 0 && within(s.b, t.a, t.b))
    }

    /// A proper crossing, or collinear edges sharing more than a point.
    private static func crosses(_ s: Segment, _ t: Segment) -> Bool {
        let o1 = orientation(s.a, s.b, t.a), o2 = orientation(s.a, s.b, t.b)
        let o3 = orientation(t.a, t.b, s.a), o4 = orientation(t.a, t.b, s.b)
        if o1 * o2 < 0, o3 * o4 < 0 { return true }
        return o1 == 0 && o2 == 0 && overlapLength(s, t)
    }

    /// Collinear segments overlapping in more than one point.
    private static func overlapLength(_ s: Segment, _ t: Segment) -> Bool {
        let horizontal = s.maxX - s.minX >= s.maxY - s.minY
        let (a0, a1, b0, b1) = horizontal ? (s.minX, s.maxX, t.minX, t.maxX) : (s.minY, s.maxY, t.minY, t.maxY)
        return min(a1, b1) - max(a0, b0) > 0
    }
}
