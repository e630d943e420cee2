// Reading one TOML table of sources.toml: typed getters that name the key path and line on error, unknown keys
// refused with a "did you mean" hint, and the line lookup behind every ConfigError.

package import Foundation
import TOMLKit
package import CatalogCore

/// A `[header]` or `[[header]]` block, for finding line numbers.
struct Section {
    /// `""` (top level), `catalog`, `catalog.publisher`, `harvest`, `source`, `source.defaults`.
    var name: String
    /// For `source` blocks: which one.
    var index: Int?
}

struct Context {
    let file: String
    let lines: [String]

    func error(_ section: Section, key: String?, path: String, _ message: String) -> ConfigError {
        ConfigError(file: file, line: line(section, key: key), keyPath: path, message: message)
    }

    /// Best-effort line of `key` in `section` (or of the section header when `key` is nil or not found).
    func line(_ section: Section, key: String?) -> Int? {
        var header = ""
        // Which block of each `[[array]]` we are in; a `[array.sub]` table belongs to the array's current block.
        var arrayIndex: [String: Int] = [:]
        var headerLine: Int?
        let arrayName = section.name.split(separator: ".").first.map(String.init) ?? ""
        for (number, raw) in lines.enumerated() {
            let line = raw.trimmedBlanks()
            if line.hasPrefix("[") {
                let isArray = line.hasPrefix("[[")
                let inner = line.drop(while: { $0 == "[" }).prefix(while: { $0 != "]" }).trimmedBlanks()
                if isArray { arrayIndex[inner, default: -1] += 1 }
                header = inner
                if header == section.name, section.index == nil || section.index == arrayIndex[arrayName], headerLine == nil, isArray || section.index == nil || header != arrayName {
                    headerLine = number + 1
                }
                continue
            }
            guard let key, header == section.name, section.index == nil || section.index == arrayIndex[arrayName], line.hasPrefix(key) else { continue }
            let rest = line.dropFirst(key.count).drop(while: { $0 == " " || $0 == "\t" })
            if rest.hasPrefix("=") { return number + 1 }
        }
        return headerLine
    }
}

/// One TOML table being read; remembers which keys were used so `finish()` can reject unknown ones.
final class Table {
    let toml: TOMLTable
    let path: String?
    let section: Section
    let context: Context
    var used: Set<String> = []

    init(_ toml: TOMLTable, path: String?, section: Section, context: Context) {
        self.toml = toml
        self.path = path
        self.section = section
        self.context = context
    }

    func keyPath(_ key: String) -> String { path.map { "\($0).\(key)" } ?? key }

    func error(_ key: String, _ message: String) -> ConfigError {
        context.error(section, key: key, path: keyPath(key), message)
    }

    func has(_ key: String) -> Bool { toml[key] != nil }

    private func value(_ key: String) -> (any TOMLValueConvertible)? {
        used.insert(key)
        return toml[key]
    }

    func string(_ key: String) throws(ConfigError) -> String? {
        guard let value = value(key) else { return nil }
        guard let string = value.string else { throw error(key, "expected a string, found \(ConfigLoader.describe(value))") }
        return string
    }

    func requiredString(_ key: String) throws(ConfigError) -> String {
        guard let string = try string(key) else {
            throw context.error(section, key: nil, path: keyPath(key), "missing; a string is required")
        }
        guard !string.trimmedBlanks().isEmpty else { throw error(key, "must not be empty") }
        return string
    }

    func bool(_ key: String) throws(ConfigError) -> Bool? {
        guard let value = value(key) else { return nil }
        guard let bool = value.bool else { throw error(key, "expected true or false, found \(ConfigLoader.describe(value))") }
        return bool
    }

    func int(_ key: String) throws(ConfigError) -> Int? {
        guard let value = value(key) else { return nil }
        guard let int = value.int else { throw error(key, "expected an integer, found \(ConfigLoader.describe(value))") }
        return int
    }

    func number(_ key: String) throws(ConfigError) -> Double? {
        guard let value = value(key) else { return nil }
        if let int = value.int { return Double(int) }
        guard let double = value.double else { throw error(key, "expected a number, found \(ConfigLoader.describe(value))") }
        return double
    }

    func stringArray(_ key: String) throws(ConfigError) -> [String]? {
        guard let value = value(key) else { return nil }
        if let single = value.string { return [single] }
        guard let array = value.array else { throw error(key, "expected an array of strings, found \(ConfigLoader.describe(value))") }
        var result: [String] = []
        for index in 0..<array.count {
            guard let string = array[index].string else {
                throw error(key, "expected an array of strings, but element \(index) is \(ConfigLoader.describe(array[index]))")
            }
            result.append(string)
        }
        return result
    }

    func httpURL(_ key: String, required: Bool) throws(ConfigError) -> String? {
        let text = required ? try requiredString(key) : try string(key)
        guard let text else { return nil }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty
        else {
            throw error(key, "expected an absolute http(s) URL such as \"https://example.org\", found \"\(text)\"")
        }
        return text
    }

    func table(_ key: String) throws(ConfigError) -> Table? {
        guard let value = value(key) else { return nil }
        guard let table = value.table else { throw error(key, "expected a table, found \(ConfigLoader.describe(value))") }
        let name = section.name.isEmpty ? key : "\(section.name).\(key)"
        // Inline tables (`publisher = { … }`) live on their parent's line; header tables get their own section.
        let child = Section(name: table.inline ? section.name : name, index: section.index)
        return Table(table, path: keyPath(key), section: table.inline ? section : child, context: context)
    }

    /// Rejects keys that were never read: a typo must not silently do nothing.
    func finish() throws(ConfigError) {
        let unknown = toml.keys.filter { !used.contains($0) }.sorted()
        guard let key = unknown.first else { return }
        let known = used.sorted()
        var message = "unknown key \"\(key)\""
        if let suggestion = known.min(by: { distance($0, key) < distance($1, key) }), distance(suggestion, key) <= max(2, key.count / 3) {
            message += "; did you mean \"\(suggestion)\"?"
        }
        message += " Allowed here: \(known.joined(separator: ", "))"
        throw error(key, message)
    }
}

/// Levenshtein distance, for "did you mean" hints.
private func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
