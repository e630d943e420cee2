/// The count and room of a `JSONStack`.
struct JSONStackHeader {
    var count: Int
    var capacity: Int
}

/// Values being read by `JSONParser` (the members of the objects, or the items of the arrays, innermost last),
/// each object's or array's taken off at its end as an array of its own: one allocation of the final size per
/// object or array, and nothing left behind in the stack to destroy (an `Array` used as the stack had to be
/// refilled with placeholders after the move and shrunk, about 4 % of the bulk JSON ingestion).
final class JSONStack<Element>: ManagedBuffer<JSONStackHeader, Element> {
    static func make(capacity: Int) -> JSONStack<Element> {
        let buffer = create(minimumCapacity: capacity) { _ in JSONStackHeader(count: 0, capacity: capacity) }
        return unsafeDowncast(buffer, to: JSONStack<Element>.self)
    }

    deinit {
        _ = withUnsafeMutablePointers { header, elements in elements.deinitialize(count: header.pointee.count) }
    }

    var count: Int { header.count }

    /// Pushes the element; false (and nothing pushed) when the stack is full.
    @inline(__always)
    func push(_ element: Element) -> Bool {
        withUnsafeMutablePointers { header, elements in
            guard header.pointee.count < header.pointee.capacity else { return false }
            (elements + header.pointee.count).initialize(to: element)
            header.pointee.count += 1
            return true
        }
    }

    /// A stack of twice the room holding these elements, which are moved out of this one.
    func grown() -> JSONStack<Element> {
        let bigger = JSONStack.make(capacity: Swift.max(header.capacity * 2, 16))
        withUnsafeMutablePointers { header, elements in
            bigger.withUnsafeMutablePointers { newHeader, newElements in
                newElements.moveInitialize(from: elements, count: header.pointee.count)
                newHeader.pointee.count = header.pointee.count
            }
            header.pointee.count = 0
        }
        return bigger
    }

    /// Moves the elements from `base` on out of the stack into an array of their own.
    func take(from base: Int) -> [Element] {
        withUnsafeMutablePointers { header, elements in
            let n = header.pointee.count - base
            header.pointee.count = base
            return [Element](unsafeUninitializedCapacity: n) { out, count in
                if n > 0 { out.baseAddress!.moveInitialize(from: elements + base, count: n) }
                count = n
            }
        }
    }
}
