public import Foundation

/// Turtle 1.1 reader (also reads N-Triples, which is a subset). Works on UTF-8 bytes, tracks line/column.
package enum TurtleParser {
    package static func parse(_ data: Data, baseIRI: String?, limits: RDFLimits = .default) throws(RDFParseError) -> RDFGraph {
        guard data.count <= limits.maxBytes else {
            throw RDFParseError(.inputTooLarge, "document has \(data.count) bytes, limit is \(limits.maxBytes)")
        }
        var reader = TurtleReader(bytes: [UInt8](data), base: baseIRI, limits: limits)
        try reader.document()
        return reader.graph
    }
}

private struct TurtleReader {
    let bytes: [UInt8]
    var pos = 0
    var line = 1
    var lineStart = 0
    var base: String?
    let limits: RDFLimits
    var prefixes: [String: String] = [:]
    var graph = RDFGraph()
    var blankLabels: [String: RDFTerm] = [:]
    var blankCounter = 0
    var depth = 0

    init(bytes: [UInt8], base: String?, limits: RDFLimits) {
        self.bytes = bytes
        self.base = base
        self.limits = limits
        // Skip a UTF-8 byte-order mark.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { pos = 3 }
    }

    // MARK: errors and low-level scanning

    func error(_ message: String, _ kind: RDFParseError.Kind = .syntax) -> RDFParseError {
        let col = String(decoding: bytes[lineStart..<min(pos, bytes.count)], as: UTF8.self).count + 1
        return RDFParseError(kind, message, line: line, column: col)
    }

    var atEnd: Bool { pos >= bytes.count }
    var peek: UInt8? { pos < bytes.count ? bytes[pos] : nil }
    func peek(_ offset: Int) -> UInt8? { pos + offset < bytes.count ? bytes[pos + offset] : nil }

    mutating func advance() {
        if bytes[pos] == 10 { line += 1; lineStart = pos + 1 }
        pos += 1
    }

    mutating func skipWS() {
        while let c = peek {
            if c == 32 || c == 9 || c == 10 || c == 13 {
                advance()
            } else if c == UInt8(ascii: "#") {
                while let d = peek, d != 10 { pos += 1 }
            } else {
                break
            }
        }
    }

    mutating func expect(_ c: Character) throws(RDFParseError) {
        skipWS()
        guard peek == c.asciiValue else {
            throw error("expected '\(c)'" + (peek.map { " but found '\(Character(UnicodeScalar($0)))'" } ?? " but the document ended"))
        }
        advance()
    }

    func matchesKeyword(_ word: String, caseInsensitive: Bool) -> Bool {
        let w = Array(word.utf8)
        guard pos + w.count <= bytes.count else { return false }
        for i in 0..<w.count {
            var b = bytes[pos + i]
            if caseInsensitive, b >= 97, b <= 122 { b -= 32 }
            var e = w[i]
            if caseInsensitive, e >= 97, e <= 122 { e -= 32 }
            if b != e { return false }
        }
        // Must be followed by a delimiter.
        if pos + w.count < bytes.count {
            let n = bytes[pos + w.count]
            if ttlIsNameChar(n) || n == UInt8(ascii: ":") { return false }
        }
        return true
    }

    mutating func emit(_ s: RDFTerm, _ p: String, _ o: RDFTerm) throws(RDFParseError) {
        graph.insert(RDFTriple(s, p, o))
        if graph.count > limits.maxTriples { throw error("more than \(limits.maxTriples) triples", .tooManyTriples) }
    }

    mutating func newBlank() -> RDFTerm {
        blankCounter += 1
        return .blank("t\(blankCounter)")
    }

    // MARK: grammar

    mutating func document() throws(RDFParseError) {
        while true {
            skipWS()
            if atEnd { return }
            try statement()
        }
    }

    mutating func statement() throws(RDFParseError) {
        if peek == UInt8(ascii: "@") {
            if matchesKeyword("@prefix", caseInsensitive: false) {
                pos += 7
                try prefixDecl()
                try expect(".")
            } else if matchesKeyword("@base", caseInsensitive: false) {
                pos += 5
                skipWS()
                base = try iriRef()
                try expect(".")
            } else {
                throw error("unknown directive")
            }
            return
        }
        if matchesKeyword("PREFIX", caseInsensitive: true) {
            pos += 6
            try prefixDecl()
            return
        }
        if matchesKeyword("BASE", caseInsensitive: true) {
            pos += 4
            skipWS()
            base = try iriRef()
            return
        }
        try triples()
        try expect(".")
    }

    mutating func prefixDecl() throws(RDFParseError) {
        skipWS()
        let start = pos
        while let c = peek, c != UInt8(ascii: ":") {
            guard ttlIsNameChar(c) || c == UInt8(ascii: ".") else { throw error("bad prefix name") }
            pos += 1
        }
        guard peek == UInt8(ascii: ":") else { throw error("expected ':' in prefix declaration") }
        let name = String(decoding: bytes[start..<pos], as: UTF8.self)
        pos += 1
        skipWS()
        prefixes[name] = try iriRef()
    }

    mutating func triples() throws(RDFParseError) {
        skipWS()
        if peek == UInt8(ascii: "[") {
            let subject = try blankNodePropertyList()
            skipWS()
            if peek != UInt8(ascii: ".") { try predicateObjectList(subject) }
        } else {
            let subject = try subjectTerm()
            try predicateObjectList(subject)
        }
    }

    mutating func subjectTerm() throws(RDFParseError) -> RDFTerm {
        skipWS()
        switch peek {
        case UInt8(ascii: "<"): return .iri(try iriRef())
        case UInt8(ascii: "("): return try collection()
        case UInt8(ascii: "_") where peek(1) == UInt8(ascii: ":"): return try blankLabel()
        case nil: throw error("expected a subject but the document ended")
        default: return .iri(try prefixedName())
        }
    }

    mutating func predicateObjectList(_ subject: RDFTerm) throws(RDFParseError) {
        while true {
            skipWS()
            let predicate: String
            if peek == UInt8(ascii: "a"), let n = peek(1), !ttlIsNameChar(n), n != UInt8(ascii: ":") {
                pos += 1
                predicate = RDFNS.type
            } else if peek == UInt8(ascii: "<") {
                predicate = try iriRef()
            } else {
                predicate = try prefixedName()
            }
            try objectList(subject, predicate)
            skipWS()
            guard peek == UInt8(ascii: ";") else { return }
            while peek == UInt8(ascii: ";") {
                advance()
                skipWS()
            }
            // A trailing ';' may be followed by the end of the statement / property list.
            if let c = peek, c == UInt8(ascii: ".") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}") { return }
            if atEnd { return }
        }
    }

    mutating func objectList(_ subject: RDFTerm, _ predicate: String) throws(RDFParseError) {
        while true {
            let o = try object()
            try emit(subject, predicate, o)
            skipWS()
            guard peek == UInt8(ascii: ",") else { return }
            advance()
        }
    }

    mutating func object() throws(RDFParseError) -> RDFTerm {
        skipWS()
        guard let c = peek else { throw error("expected an object but the document ended") }
        switch c {
        case UInt8(ascii: "<"): return .iri(try iriRef())
        case UInt8(ascii: "_") where peek(1) == UInt8(ascii: ":"): return try blankLabel()
        case UInt8(ascii: "["): return try blankNodePropertyList()
        case UInt8(ascii: "("): return try collection()
        case UInt8(ascii: "\""), UInt8(ascii: "'"): return try rdfLiteral()
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"): return try numeric()
        default:
            if matchesKeyword("true", caseInsensitive: false) {
                pos += 4
                return .literal("true", datatype: RDFNS.xsd + "boolean")
            }
            if matchesKeyword("false", caseInsensitive: false) {
                pos += 5
                return .literal("false", datatype: RDFNS.xsd + "boolean")
            }
            return .iri(try prefixedName())
        }
    }

    mutating func enter() throws(RDFParseError) {
        depth += 1
        if depth > limits.maxDepth { throw error("nested deeper than \(limits.maxDepth)", .tooDeep) }
    }

    mutating func blankNodePropertyList() throws(RDFParseError) -> RDFTerm {
        try enter()
        defer { depth -= 1 }
        advance() // [
        let node = newBlank()
        skipWS()
        if peek == UInt8(ascii: "]") {
            advance()
            return node
        }
        try predicateObjectList(node)
        try expect("]")
        return node
    }

    mutating func collection() throws(RDFParseError) -> RDFTerm {
        try enter()
        defer { depth -= 1 }
        advance() // (
        var items: [RDFTerm] = []
        while true {
            skipWS()
            if peek == UInt8(ascii: ")") {
                advance()
                break
            }
            if atEnd { throw error("unterminated collection") }
            items.append(try object())
        }
        var list = RDFTerm.iri(RDFNS.nil)
        for item in items.reversed() {
            let cell = newBlank()
            try emit(cell, RDFNS.first, item)
            try emit(cell, RDFNS.rest, list)
            list = cell
        }
        return list
    }

    mutating func blankLabel() throws(RDFParseError) -> RDFTerm {
        pos += 2
        let start = pos
        while let c = peek, ttlIsNameChar(c) || c == UInt8(ascii: ".") { pos += 1 }
        while pos > start, bytes[pos - 1] == UInt8(ascii: ".") { pos -= 1 }
        guard pos > start else { throw error("empty blank node label") }
        let label = String(decoding: bytes[start..<pos], as: UTF8.self)
        if let b = blankLabels[label] { return b }
        let b = RDFTerm.blank("l" + label)
        blankLabels[label] = b
        return b
    }

    mutating func iriRef() throws(RDFParseError) -> String {
        guard peek == UInt8(ascii: "<") else { throw error("expected '<'") }
        advance()
        var out: [UInt8] = []
        while true {
            guard let c = peek else { throw error("unterminated IRI") }
            if c == UInt8(ascii: ">") {
                advance()
                break
            }
            if c == 10 || c == 13 || c == 32 || c == UInt8(ascii: "<") || c == UInt8(ascii: "\"") || c == UInt8(ascii: "{")
                || c == UInt8(ascii: "}") || c == UInt8(ascii: "|") || c == UInt8(ascii: "^") || c == UInt8(ascii: "`") {
                throw error("character not allowed in IRI")
            }
            if c == UInt8(ascii: "\\") {
                advance()
                let scalar = try unicodeEscape()
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
                continue
            }
            out.append(c)
            pos += 1
        }
        return resolveIRI(String(decoding: out, as: UTF8.self), base: base)
    }

    mutating func unicodeEscape() throws(RDFParseError) -> UnicodeScalar {
        guard let k = peek else { throw error("unterminated escape") }
        let n: Int
        if k == UInt8(ascii: "u") { n = 4 } else if k == UInt8(ascii: "U") { n = 8 } else { throw error("bad escape in IRI") }
        advance()
        guard pos + n <= bytes.count else { throw error("truncated \\u escape") }
        let hex = String(decoding: bytes[pos..<pos + n], as: UTF8.self)
        guard let v = UInt32(hex, radix: 16), let scalar = UnicodeScalar(v) else { throw error("bad \\u escape '\(hex)'") }
        pos += n
        return scalar
    }

    mutating func prefixedName() throws(RDFParseError) -> String {
        let start = pos
        while let c = peek, c != UInt8(ascii: ":") {
            guard ttlIsNameChar(c) || c == UInt8(ascii: ".") else { break }
            pos += 1
        }
        guard peek == UInt8(ascii: ":") else {
            pos = start
            throw error("expected an IRI, prefixed name or literal")
        }
        let prefix = String(decoding: bytes[start..<pos], as: UTF8.self)
        guard let ns = prefixes[prefix] else {
            pos = start
            throw error("prefix '\(prefix):' is not bound")
        }
        pos += 1
        var local: [UInt8] = []
        while let c = peek {
            if ttlIsNameChar(c) || c == UInt8(ascii: ":") || c == UInt8(ascii: ".") {
                local.append(c)
                pos += 1
            } else if c == UInt8(ascii: "%") {
                guard pos + 2 < bytes.count, ttlIsHex(bytes[pos + 1]), ttlIsHex(bytes[pos + 2]) else { throw error("bad % escape in name") }
                local.append(contentsOf: bytes[pos...pos + 2])
                pos += 3
            } else if c == UInt8(ascii: "\\"), let n = peek(1), "_~.-!$&'()*+,;=/?#@%".utf8.contains(n) {
                local.append(n)
                pos += 2
            } else {
                break
            }
        }
        // A local name never ends with '.': it belongs to the statement.
        while local.last == UInt8(ascii: "."), bytes[pos - 1] == UInt8(ascii: ".") {
            local.removeLast()
            pos -= 1
        }
        return ns + String(decoding: local, as: UTF8.self)
    }

    mutating func rdfLiteral() throws(RDFParseError) -> RDFTerm {
        let lexical = try string()
        if peek == UInt8(ascii: "@") {
            advance()
            let start = pos
            while let c = peek, ttlIsAlpha(c) || c == UInt8(ascii: "-") || (c >= 48 && c <= 57) { pos += 1 }
            guard pos > start else { throw error("empty language tag") }
            return .literal(lexical, lang: String(decoding: bytes[start..<pos], as: UTF8.self).lowercased())
        }
        if peek == UInt8(ascii: "^"), peek(1) == UInt8(ascii: "^") {
            pos += 2
            let dt = peek == UInt8(ascii: "<") ? try iriRef() : try prefixedName()
            return .literal(lexical, datatype: dt)
        }
        return .literal(lexical)
    }

    mutating func string() throws(RDFParseError) -> String {
        let q = bytes[pos]
        let long = peek(1) == q && peek(2) == q
        if long { pos += 3 } else { advance() }
        var out: [UInt8] = []
        while true {
            guard let c = peek else { throw error("unterminated string") }
            if c == q {
                if !long {
                    advance()
                    break
                }
                if peek(1) == q && peek(2) == q {
                    // """" inside: the closing quotes are the last three.
                    var n = 3
                    while peek(n) == q { n += 1 }
                    out.append(contentsOf: Array(repeating: q, count: n - 3))
                    pos += n
                    break
                }
                out.append(c)
                advance()
                continue
            }
            if !long && (c == 10 || c == 13) { throw error("line break in a short string") }
            if c == UInt8(ascii: "\\") {
                advance()
                guard let e = peek else { throw error("unterminated escape") }
                switch e {
                case UInt8(ascii: "t"): out.append(9)
                case UInt8(ascii: "b"): out.append(8)
                case UInt8(ascii: "n"): out.append(10)
                case UInt8(ascii: "r"): out.append(13)
                case UInt8(ascii: "f"): out.append(12)
                case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"): out.append(e)
                case UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let scalar = try unicodeEscape()
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    continue
                default: throw error("unknown escape '\\\(Character(UnicodeScalar(e)))'")
                }
                advance()
                continue
            }
            out.append(c)
            advance()
        }
        return String(decoding: out, as: UTF8.self)
    }

    mutating func numeric() throws(RDFParseError) -> RDFTerm {
        let start = pos
        if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { pos += 1 }
        var digitsBefore = 0, digitsAfter = 0
        var hasDot = false, hasExp = false
        while let c = peek, c >= 48 && c <= 57 { pos += 1; digitsBefore += 1 }
        if peek == UInt8(ascii: "."), let n = peek(1), n >= 48 && n <= 57 {
            hasDot = true
            pos += 1
            while let c = peek, c >= 48 && c <= 57 { pos += 1; digitsAfter += 1 }
        }
        if let e = peek, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            var p = pos + 1
            if p < bytes.count, bytes[p] == UInt8(ascii: "+") || bytes[p] == UInt8(ascii: "-") { p += 1 }
            if p < bytes.count, bytes[p] >= 48 && bytes[p] <= 57 {
                hasExp = true
                pos = p
                while let c = peek, c >= 48 && c <= 57 { pos += 1 }
            }
        }
        guard digitsBefore + digitsAfter > 0 else {
            pos = start
            throw error("expected a number")
        }
        let lexical = String(decoding: bytes[start..<pos], as: UTF8.self)
        let dt = hasExp ? "double" : hasDot ? "decimal" : "integer"
        return .literal(lexical, datatype: RDFNS.xsd + dt)
    }
}

private func ttlIsAlpha(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }
private func ttlIsHex(_ c: UInt8) -> Bool { (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102) }
/// PN_CHARS plus non-ASCII bytes (UTF-8 sequences of letters are accepted as name characters).
private func ttlIsNameChar(_ c: UInt8) -> Bool {
    ttlIsAlpha(c) || (c >= 48 && c <= 57) || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") || c >= 0x80
}
