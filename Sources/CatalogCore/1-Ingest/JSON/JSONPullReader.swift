// Pull reading on top of `JSONParser`: the caller walks the document in the shape it expects and builds its own
// values (ModelJSONReader.swift), instead of materialising a `JSONValue` tree first. Same grammar and string
// rules as the tree parser, since both use its `string()`, `number()` and `value()`.
extension JSONParser {
    /// Records what was expected (the first problem wins) and returns the error to throw.
    mutating func fail(_ message: String) -> Failure {
        if problem == nil { problem = message }
        return Failure()
    }

    /// Calls `body` with each member name of the object that starts here; `body` must read or skip the value.
    mutating func members(_ body: (inout JSONParser, String) throws(Failure) -> Void) throws(Failure) {
        skipSpace()
        guard i < b.count, b[i] == UInt8(ascii: "{") else { throw fail("expected an object") }
        i += 1
        depth += 1
        guard depth <= 512 else { throw fail("nested too deeply") }
        skipSpace()
        if i < b.count, b[i] == UInt8(ascii: "}") {
            i += 1; depth -= 1
            return
        }
        while true {
            skipSpace()
            guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw fail("expected a member name") }
            let key = try string()
            skipSpace()
            guard i < b.count, b[i] == UInt8(ascii: ":") else { throw fail("expected ':' after \"\(key)\"") }
            i += 1
            try body(&self, key)
            skipSpace()
            guard i < b.count else { throw fail("unterminated object") }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            if b[i] == UInt8(ascii: "}") { i += 1; depth -= 1; return }
            throw fail("expected ',' or '}'")
        }
    }

    /// The elements of the array that starts here, each read by `element`.
    mutating func list<T>(_ element: (inout JSONParser) throws(Failure) -> T) throws(Failure) -> [T] {
        skipSpace()
        guard i < b.count, b[i] == UInt8(ascii: "[") else { throw fail("expected an array") }
        i += 1
        depth += 1
        guard depth <= 512 else { throw fail("nested too deeply") }
        var out: [T] = []
        skipSpace()
        if i < b.count, b[i] == UInt8(ascii: "]") {
            i += 1; depth -= 1
            return out
        }
        while true {
            out.append(try element(&self))
            skipSpace()
            guard i < b.count else { throw fail("unterminated array") }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            if b[i] == UInt8(ascii: "]") { i += 1; depth -= 1; return out }
            throw fail("expected ',' or ']'")
        }
    }

    mutating func text() throws(Failure) -> String {
        skipSpace()
        guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw fail("expected a string") }
        return try string()
    }

    mutating func texts() throws(Failure) -> [String] {
        try list { p throws(Failure) in try p.text() }
    }

    /// nil for `null`, else the value `read` reads.
    mutating func optional<T>(_ read: (inout JSONParser) throws(Failure) -> T) throws(Failure) -> T? {
        skipSpace()
        if i < b.count, b[i] == UInt8(ascii: "n") {
            try literal("null")
            return nil
        }
        return try read(&self)
    }

    mutating func optionalText() throws(Failure) -> String? {
        try optional { p throws(Failure) in try p.text() }
    }

    mutating func double() throws(Failure) -> Double {
        skipSpace()
        return try number()
    }

    mutating func integer() throws(Failure) -> Int {
        let d = try double()
        guard d == d.rounded(), abs(d) < 9e15 else { throw fail("expected an integer") }
        return Int(d)
    }

    mutating func boolean() throws(Failure) -> Bool {
        skipSpace()
        guard i < b.count else { throw fail("expected true or false") }
        switch b[i] {
        case UInt8(ascii: "t"): try literal("true"); return true
        case UInt8(ascii: "f"): try literal("false"); return false
        default: throw fail("expected true or false")
        }
    }

    /// Reads over a value this reader does not use.
    mutating func skipValue() throws(Failure) {
        skipSpace()
        _ = try value()
    }

    /// Fails naming the first of `keys` that did not occur.
    mutating func require(_ keys: [String], in seen: Set<String>, of what: String) throws(Failure) {
        for key in keys where !seen.contains(key) { throw fail("\(what) without \"\(key)\"") }
    }
}
