package import Foundation

/// Golden files: outputs frozen byte for byte under `Tests/Golden/<set>/`.
///
/// `OPENDATA_UPDATE_GOLDEN=1 swift test --filter Golden` rewrites them (and removes golden files no test renders
/// any more); without the variable a difference is reported with the file, the first differing line and the
/// command to regenerate. Every change to a golden file is deliberate and named in its commit.
package enum Golden {
    package static let updateVariable = "OPENDATA_UPDATE_GOLDEN"
    package static let regenerateCommand = "OPENDATA_UPDATE_GOLDEN=1 swift test --filter Golden"

    /// True when the golden files are to be rewritten instead of compared.
    package static var isUpdating: Bool { ProcessInfo.processInfo.environment[updateVariable] == "1" }

    /// `Tests/Golden/<set>` in the repository.
    package static func directory(_ set: String) -> URL {
        Fixtures.packageRoot.appendingPathComponent("Tests/Golden").appendingPathComponent(set)
    }

    /// Compares `actual` with the golden file `name` of `set` (or writes it when `update`). Returns nil when they
    /// are equal (or the file was written), else a short description of the first difference.
    package static func check(_ name: String, _ actual: [UInt8], set: String, update: Bool = isUpdating) -> String? {
        let url = directory(set).appendingPathComponent(name)
        let display = "Tests/Golden/\(set)/\(name)"
        if update {
            let existing = try? Data(contentsOf: url)
            if existing.map({ Array($0) == actual }) == true { return nil }
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(actual).write(to: url, options: .atomic)
                return nil
            } catch {
                return "\(display): cannot write the golden file: \(error)"
            }
        }
        guard let expected = try? Data(contentsOf: url) else {
            return "\(display) is missing; create it with \(regenerateCommand)"
        }
        return difference(expected: Array(expected), actual: actual).map { "\(display) \($0)\nIf the change is intended: \(regenerateCommand)" }
    }

    /// The golden files present for `set`, as paths relative to its directory, sorted.
    package static func files(_ set: String) -> [String] {
        let root = directory(set).resolvingSymlinksInPath()
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        var out: [String] = []
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = walker?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let path = url.resolvingSymlinksInPath().path
            if path.hasPrefix(prefix) { out.append(String(path.dropFirst(prefix.count))) }
        }
        return out.sorted()
    }

    /// When updating: deletes golden files of `set` that are not in `names` (outputs that no longer exist).
    package static func removeStale(_ set: String, keeping names: Set<String>) {
        guard isUpdating else { return }
        for stale in files(set) where !names.contains(stale) {
            try? FileManager.default.removeItem(at: directory(set).appendingPathComponent(stale))
        }
    }

    /// nil when equal; else "differs at line N:" with the expected and actual line (a window around the first
    /// differing column when lines are long, as in one-line JSON).
    package static func difference(expected: [UInt8], actual: [UInt8]) -> String? {
        if expected == actual { return nil }
        let e = lines(expected), a = lines(actual)
        var n = 0
        while n < e.count, n < a.count, e[n] == a[n] { n += 1 }
        // Typed: with CatalogIO in this module, TOMLKit's array subscripts would be candidates too.
        let exp: [UInt8]? = n < e.count ? e[n] : nil
        let act: [UInt8]? = n < a.count ? a[n] : nil
        guard exp != nil || act != nil else {
            return "differs (\(expected.count) bytes expected, \(actual.count) actual; same lines, different line ends)"
        }
        var column = 0
        if let exp, let act {
            while column < exp.count, column < act.count, exp[column] == act[column] { column += 1 }
        }
        func show(_ line: [UInt8]?) -> String {
            guard let line else { return "<end of file>" }
            let window = 100
            let from = max(0, column - window / 2)
            let to = min(line.count, from + window)
            let text = String(decoding: line[from..<to], as: UTF8.self)
            return (from > 0 ? "…" : "") + text + (to < line.count ? "…" : "")
        }
        let at = column > 0 ? ", column \(column + 1)" : ""
        return "differs at line \(n + 1)\(at) (\(e.count) lines expected, \(a.count) actual):\n  expected: \(show(exp))\n  actual:   \(show(act))"
    }

    /// The lines of a file (a final newline ends the last line; it does not start another).
    private static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        var out = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Array($0) }
        if bytes.last == UInt8(ascii: "\n") { out.removeLast() }
        return out
    }
}
