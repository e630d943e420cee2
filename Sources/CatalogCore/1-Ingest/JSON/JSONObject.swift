/// The members of a JSON object, in document order, each key once (for a duplicate key in the input the first
/// one is kept, as JSONDecoder does).
///
/// Not a `Dictionary`: a CKAN record has about 30 keys per object, and building a hash table for each object
/// (a SipHash per key on insert, another per look-up) cost the bulk JSON ingestion a fifth of its time. A look-up
/// here is a scan that compares lengths first, which for objects this size is as fast as hashing the key once.
/// Equality and hashing ignore the order of members, as they did for the dictionary.
package struct JSONObject: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    package typealias Element = (key: String, value: JSONValue)
    package typealias Key = String
    package typealias Value = JSONValue

    package struct Member: Sendable, Hashable {
        package var key: String
        package var value: JSONValue
    }

    package private(set) var members: [Member]

    package init() { members = [] }

    /// Members whose keys are known to be distinct (the parser checks; nothing else should call this).
    init(distinct members: [Member]) { self.members = members }

    /// A literal's members in the order written; for a repeated key the first one is kept.
    package init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(pairs: elements)
    }

    /// Pairs in their order; for a repeated key the first one is kept.
    package init(pairs: some Sequence<(String, JSONValue)>) {
        members = []
        for (k, v) in pairs where self[k] == nil { members.append(Member(key: k, value: v)) }
    }

    /// A dictionary's entries, sorted by key (a dictionary has no order of its own; this one is byte-stable).
    package init(_ dictionary: [String: JSONValue]) {
        members = dictionary.sorted { $0.key.utf8Precedes($1.key) }.map { Member(key: $0.key, value: $0.value) }
    }

    package var count: Int { members.count }
    package var isEmpty: Bool { members.isEmpty }
    package var keys: [String] { members.map(\.key) }
    package var values: [JSONValue] { members.map(\.value) }

    /// The member's index, or nil. Lengths are compared before contents (cheap for Swift strings).
    package func index(of key: String) -> Int? {
        let n = key.utf8.count
        for i in members.indices where members[i].key.utf8.count == n && members[i].key == key { return i }
        return nil
    }

    /// A member's value; setting nil removes the member, setting a new key appends it.
    package subscript(key: String) -> JSONValue? {
        get { index(of: key).map { members[$0].value } }
        set {
            switch (index(of: key), newValue) {
            case (let i?, let v?): members[i].value = v
            case (let i?, nil): members.remove(at: i)
            case (nil, let v?): members.append(Member(key: key, value: v))
            case (nil, nil): break
            }
        }
    }

    package func makeIterator() -> some IteratorProtocol<Element> {
        members.lazy.map { (key: $0.key, value: $0.value) }.makeIterator()
    }

    package static func == (a: JSONObject, b: JSONObject) -> Bool {
        a.count == b.count && a.members.allSatisfy { b[$0.key] == $0.value }
    }

    package func hash(into hasher: inout Hasher) {
        // Order-independent: the members' own hashes combined commutatively.
        var combined = 0
        for m in members { combined ^= m.hashValue }
        hasher.combine(count)
        hasher.combine(combined)
    }
}

extension JSONObject: Encodable {
    private struct MemberName: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Encodes the members as an object, in their order (encoders that sort keys sort them).
    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: MemberName.self)
        for m in members { try c.encode(m.value, forKey: MemberName(stringValue: m.key)) }
    }
}
