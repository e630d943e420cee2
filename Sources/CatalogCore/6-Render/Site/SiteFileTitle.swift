// What a distribution is called on its dataset page. Many sources give no file title or an internal id
// (`dataset/2e44…/resource/2e44…`); people need a name they can recognise, so the page shows the file name of
// the URL or the kind of file instead, and keeps the source's value beside it (nothing is lost; the exports
// keep the source's title unchanged).

import Foundation

enum SiteFileTitle {
    struct Title: Equatable {
        /// The name shown.
        var text: String
        /// The source's title when it was replaced (an id); nil when the source's title is shown or was empty.
        var sourceTitle: String?
    }

    /// The source's title unless it is empty or an id; else the URL's file name; else the kind of file
    /// ("CSV-Datei", "Webseite", "WMS-Dienst"); else "Distribution n".
    static func title(_ x: Distribution, url: String, index: Int) -> Title {
        let given = x.title?.trimmedSpace() ?? ""
        if !given.isEmpty, !isIdentifier(given) { return Title(text: given, sourceTitle: nil) }
        let original = given.isEmpty ? nil : given
        if let name = fileName(url) { return Title(text: name, sourceTitle: original) }
        if let kind = kind(x.format ?? x.rawFormat) { return Title(text: kind, sourceTitle: original) }
        return Title(text: "Distribution \(index + 1)", sourceTitle: original)
    }

    /// True for values that are ids rather than titles: a UUID anywhere in a value without spaces, or only hex
    /// digits and separators (at least 16 characters). On the UTF-8 bytes: every character tested is ASCII.
    static func isIdentifier(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard !u.contains(0x20) else { return false }
        if containsUUID(u) { return true }
        var hex = 0
        for c in u {
            if isHex(c) {
                hex += 1
            } else if !(c == UInt8(ascii: "-") || c == UInt8(ascii: "_") || c == UInt8(ascii: "/") || c == UInt8(ascii: ".") || c == UInt8(ascii: ":")) {
                return false
            }
        }
        return hex >= 16
    }

    /// Whether the bytes contain a UUID: hex groups of 8, 4, 4, 4 and 12 digits joined by hyphens.
    static func containsUUID(_ u: [UInt8]) -> Bool {
        guard u.count >= 36 else { return false }
        let hyphens: Set<Int> = [8, 13, 18, 23]
        return (0...(u.count - 36)).contains { start in
            (0..<36).allSatisfy { k in hyphens.contains(k) ? u[start + k] == UInt8(ascii: "-") : isHex(u[start + k]) }
        }
    }

    static func isHex(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "f"))
    }

    /// Extensions of pages and scripts, whose names say nothing about the data (`gsi_odp.asp`, `index.html`).
    static let pageExtensions: Set<String> = ["asp", "aspx", "cfm", "cgi", "do", "htm", "html", "jsf", "jsp", "php", "pl", "py", "shtml", "xhtml"]

    /// The last path segment of `url` when it looks like a file name (`name.ext`, extension of 1–5 letters or
    /// digits, not a page or script), percent-decoded.
    static func fileName(_ url: String) -> String? {
        let path: String
        if let plain = plainPath(url) {
            path = plain
        } else {
            guard let components = URLComponents(string: url.trimmedBlanks()) else { return nil }
            path = components.percentEncodedPath
        }
        // The last non-empty segment (as `split(separator: "/").last`), decoded when it has a `%`.
        let p = path.utf8
        var end = p.endIndex
        while end > p.startIndex, p[p.index(before: end)] == UInt8(ascii: "/") { end = p.index(before: end) }
        guard end > p.startIndex else { return nil }
        let start = p[..<end].lastIndex(of: UInt8(ascii: "/")).map { p.index(after: $0) } ?? p.startIndex
        let last = String(path[start..<end])
        let name = last.utf8.contains(UInt8(ascii: "%")) ? last.removingPercentEncoding ?? last : last
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let ext = name[name.index(after: dot)...].lowercased()
        guard (1...5).contains(ext.count), ext.allSatisfy({ $0.isLetter || $0.isNumber }), !pageExtensions.contains(ext),
              !isIdentifier(String(name[..<dot])) || name.count <= 12
        else { return nil }
        return name
    }

    /// The path of a plain `http(s)://` URL without parsing it with `URLComponents` (most URLs, read once for
    /// every distribution on the site): a lowercase scheme, a host of ASCII letters, digits, dots and hyphens
    /// (starting with a letter or digit) with an optional port, then only characters RFC 3986 allows unencoded
    /// (no `%`, at most one `#`). Nil for anything else, which `URLComponents` decides.
    static func plainPath(_ url: String) -> String? {
        url.utf8.withContiguousStorageIfAvailable { u -> String? in
            var i: Int
            if u.starts(with: "https://".utf8) { i = 8 } else if u.starts(with: "http://".utf8) { i = 7 } else { return nil }
            guard i < u.count, isAlphanumeric(u[i]) else { return nil }
            while i < u.count, isAlphanumeric(u[i]) || u[i] == UInt8(ascii: ".") || u[i] == UInt8(ascii: "-") { i += 1 }
            if i < u.count, u[i] == UInt8(ascii: ":") {
                let port = i + 1
                i = port
                while i < u.count, u[i] >= 0x30, u[i] <= 0x39 { i += 1 }
                guard (1...5).contains(i - port) else { return nil }
            }
            let start = i
            var end: Int?, fragment = false
            for k in i..<u.count {
                let b = u[k]
                if b == UInt8(ascii: "#") {
                    if fragment { return nil }
                    fragment = true
                } else if !plainURLByte[Int(b)] {
                    return nil
                }
                if end == nil, b == UInt8(ascii: "?") || b == UInt8(ascii: "#") { end = k }
            }
            guard start == u.count || u[start] == UInt8(ascii: "/") || u[start] == UInt8(ascii: "?") || u[start] == UInt8(ascii: "#") else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: u[start..<(end ?? u.count)]), as: UTF8.self)
        } ?? nil
    }

    /// Bytes a URL may hold unencoded after its authority (RFC 3986 unreserved, sub-delims, `:` `@` `/` `?`).
    private static let plainURLByte = IRISafe.byteTable("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?")

    static func isAlphanumeric(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b | 0x20 >= UInt8(ascii: "a") && b | 0x20 <= UInt8(ascii: "z"))
    }

    static let services: Set<String> = ["API", "ATOM", "OGC API", "REST", "RSS", "SOAP", "SPARQL", "WCS", "WFS", "WMS", "WMTS"]

    /// "CSV-Datei", "Webseite", "WMS-Dienst" for a format; nil without one.
    static func kind(_ format: String?) -> String? {
        guard let f = format?.trimmedBlanks().uppercased(), !f.isEmpty else { return nil }
        if f == "HTML" || f == "HTM" { return "Webseite" }
        if f == "MAP_PRVW" { return "Kartenvorschau" }
        // EU file-type codes of services: WMS_SRVC, WFS_SRVC …
        if f.hasSuffix("_SRVC") { return "\(f.dropLast(5))-Dienst" }
        if services.contains(f) { return "\(f)-Dienst" }
        return "\(f)-Datei"
    }
}
