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
    /// digits and separators (at least 16 characters).
    static func isIdentifier(_ s: String) -> Bool {
        guard !s.contains(" ") else { return false }
        if s.range(of: "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", options: .regularExpression) != nil {
            return true
        }
        let hex = s.unicodeScalars.filter { CharacterSet(charactersIn: "0123456789abcdefABCDEF").contains($0) }.count
        let separators = s.unicodeScalars.filter { "-_/.:".unicodeScalars.contains($0) }.count
        return hex >= 16 && hex + separators == s.unicodeScalars.count
    }

    /// Extensions of pages and scripts, whose names say nothing about the data (`gsi_odp.asp`, `index.html`).
    static let pageExtensions: Set<String> = ["asp", "aspx", "cfm", "cgi", "do", "htm", "html", "jsf", "jsp", "php", "pl", "py", "shtml", "xhtml"]

    /// The last path segment of `url` when it looks like a file name (`name.ext`, extension of 1–5 letters or
    /// digits, not a page or script), percent-decoded.
    static func fileName(_ url: String) -> String? {
        guard let components = URLComponents(string: url.trimmedBlanks()) else { return nil }
        let path = components.percentEncodedPath
        guard let last = path.split(separator: "/").last else { return nil }
        let name = String(last).removingPercentEncoding ?? String(last)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let ext = name[name.index(after: dot)...].lowercased()
        guard (1...5).contains(ext.count), ext.allSatisfy({ $0.isLetter || $0.isNumber }), !pageExtensions.contains(ext),
              !isIdentifier(String(name[..<dot])) || name.count <= 12
        else { return nil }
        return name
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
