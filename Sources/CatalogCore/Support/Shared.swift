/// A value in one heap box that copies share, copy-on-write: values that hold the same part (a dataset's fields
/// in the stages' lists, the rows of one dataset in the licence audit) keep one copy of it and one retain,
/// however many of them there are. Writing to a shared one copies it first, as an array would.
package struct Shared<Value: Sendable & Hashable>: Sendable, Hashable {
    /// Mutated only while uniquely referenced (`value`'s `_modify`), so sharing it across threads is safe.
    private final class Box: @unchecked Sendable {
        var value: Value
        init(_ value: Value) { self.value = value }
    }

    private var box: Box

    package init(_ value: Value) { box = Box(value) }

    package var value: Value {
        get { box.value }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.value) }
            yield &box.value
        }
    }

    /// Whether both share one box (then they are equal without comparing).
    package func isShared(with other: Shared<Value>) -> Bool { box === other.box }

    /// The box's identity: equal for two values exactly while they share it.
    package var identity: ObjectIdentifier { ObjectIdentifier(box) }

    package static func == (a: Shared<Value>, b: Shared<Value>) -> Bool { a.box === b.box || a.box.value == b.box.value }

    package func hash(into hasher: inout Hasher) { hasher.combine(box.value) }
}

/// Coded as the value itself (the box leaves no trace in JSON).
extension Shared: Codable where Value: Codable {
    package init(from decoder: any Decoder) throws { self.init(try Value(from: decoder)) }

    package func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}

/// An optional value in a box of its own: 8 bytes inline instead of the value's size, for fields most records
/// leave empty (a dataset's creator, maintainer and originator: 80 bytes each inline, in every dataset; its version,
/// legal basis and other rare texts, a distribution's checksum, status and rights: 16-32 bytes each).
/// Coded as the plain optional: the member is left out when nil.
@propertyWrapper
package struct Boxed<Value: Sendable & Hashable>: Sendable, Hashable {
    private var box: Shared<Value>?

    package init(wrappedValue: Value?) { box = wrappedValue.map(Shared.init) }

    package var wrappedValue: Value? {
        get { box?.value }
        set { box = newValue.map(Shared.init) }
    }
}

extension Boxed: Codable where Value: Codable {
    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(wrappedValue: container.decodeNil() ? nil : try container.decode(Value.self))
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value = wrappedValue { try container.encode(value) } else { try container.encodeNil() }
    }
}

// The synthesised coding of a `@Boxed` property calls these: a nil value leaves its member out, and a missing
// member decodes as nil, as for a plain optional.
extension KeyedEncodingContainer {
    package mutating func encode<Value: Codable>(_ value: Boxed<Value>, forKey key: Key) throws {
        try encodeIfPresent(value.wrappedValue, forKey: key)
    }
}

extension KeyedDecodingContainer {
    package func decode<Value: Codable>(_ type: Boxed<Value>.Type, forKey key: Key) throws -> Boxed<Value> {
        Boxed(wrappedValue: try decodeIfPresent(Value.self, forKey: key))
    }
}
