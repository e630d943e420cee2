/// A value in one heap box that copies share, copy-on-write: values that hold the same part (the rows of one
/// dataset in the licence audit) keep one copy of it and one retain, however many of them there are. Writing
/// to a shared one copies it first, as an array would.
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

    package static func == (a: Shared<Value>, b: Shared<Value>) -> Bool { a.box === b.box || a.box.value == b.box.value }

    package func hash(into hasher: inout Hasher) { hasher.combine(box.value) }
}

/// Coded as the value itself (the box leaves no trace in JSON).
extension Shared: Codable where Value: Codable {
    package init(from decoder: any Decoder) throws { self.init(try Value(from: decoder)) }

    package func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}
