package import Foundation

// A small binary layout for files one program writes and another maps (server-index.bin): little-endian
// integers, strings as a length and their UTF-8 bytes, lists as a count and their items. The reader checks every
// length against the bytes left, so a truncated or foreign file is an error, never a crash.

/// Appends values in the layout `ByteRecordReader` reads.
package struct ByteRecordWriter {
    package private(set) var bytes: [UInt8] = []

    package init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    package mutating func u32(_ v: Int) {
        precondition(v >= 0 && v <= Int(UInt32.max), "value \(v) does not fit a u32")
        withUnsafeBytes(of: UInt32(v).littleEndian) { bytes.append(contentsOf: $0) }
    }

    package mutating func u64(_ v: Int) {
        precondition(v >= 0)
        withUnsafeBytes(of: UInt64(v).littleEndian) { bytes.append(contentsOf: $0) }
    }

    package mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }

    package mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { u in
            u32(u.count)
            bytes.append(contentsOf: u)
        }
    }

    /// A string or nothing: a flag byte first.
    package mutating func optional(_ s: String?) {
        bool(s != nil)
        if let s { string(s) }
    }

    package mutating func strings(_ list: [String]) {
        u32(list.count)
        for s in list { string(s) }
    }

    /// Bytes as given, with their count first.
    package mutating func blob<C: Collection<UInt8>>(_ b: C) {
        u32(b.count)
        bytes.append(contentsOf: b)
    }

    /// Raw bytes with no length (the caller records where they are).
    package mutating func append<C: Collection<UInt8>>(contentsOf b: C) { bytes.append(contentsOf: b) }

    /// Once `piece` bytes or more are written, hands them to `hand` and starts over empty: a large section goes
    /// out in pieces of about that size instead of growing one buffer (server-index.bin's full-text postings are
    /// about 100 MB at 100 k datasets).
    package mutating func handOver(every piece: Int, to hand: ([UInt8]) -> Void) {
        guard bytes.count >= piece else { return }
        let full = bytes
        bytes = []
        bytes.reserveCapacity(piece + piece / 8)
        hand(full)
    }
}

/// Why a binary file could not be read: its name, what was expected and where.
package struct ByteRecordError: Error, CustomStringConvertible, Sendable {
    package var description: String

    package init(description: String) { self.description = description }
}

/// Reads what `ByteRecordWriter` wrote, from bytes that must stay alive and unchanged while it reads.
package struct ByteRecordReader {
    let b: UnsafeRawBufferPointer
    package private(set) var offset: Int
    let file: String

    package init(_ bytes: UnsafeRawBufferPointer, file: String, offset: Int = 0) {
        b = bytes
        self.offset = offset
        self.file = file
    }

    package var isAtEnd: Bool { offset == b.count }

    package func failure(_ what: String) -> ByteRecordError {
        ByteRecordError(description: "\(file): \(what) at byte \(offset)")
    }

    private mutating func need(_ n: Int, _ what: String) throws(ByteRecordError) {
        guard n >= 0, b.count - offset >= n else { throw failure("truncated (\(what))") }
    }

    package mutating func u32() throws(ByteRecordError) -> Int {
        try need(4, "number")
        let v = b.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
        offset += 4
        return Int(UInt32(littleEndian: v))
    }

    package mutating func u64() throws(ByteRecordError) -> Int {
        try need(8, "number")
        let v = UInt64(littleEndian: b.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        offset += 8
        guard v <= UInt64(Int.max) else { throw failure("number out of range") }
        return Int(v)
    }

    package mutating func bool() throws(ByteRecordError) -> Bool {
        try need(1, "flag")
        let v = b[offset]
        guard v <= 1 else { throw failure("flag \(v)") }
        offset += 1
        return v == 1
    }

    package mutating func string() throws(ByteRecordError) -> String {
        let n = try u32()
        try need(n, "text")
        let bytes = UnsafeRawBufferPointer(rebasing: b[offset..<offset + n])
        guard let s = String(validating: bytes, as: UTF8.self) else { throw failure("text that is not UTF-8") }
        offset += n
        return s
    }

    package mutating func optional() throws(ByteRecordError) -> String? {
        try bool() ? try string() : nil
    }

    package mutating func strings() throws(ByteRecordError) -> [String] {
        let n = try count(minimumBytesEach: 4)
        var list: [String] = []
        list.reserveCapacity(n)
        for _ in 0..<n { list.append(try string()) }
        return list
    }

    /// A list's count, checked against the bytes left (each item takes at least `minimumBytesEach`).
    package mutating func count(minimumBytesEach: Int) throws(ByteRecordError) -> Int {
        let n = try u32()
        guard n * minimumBytesEach <= b.count - offset else { throw failure("a list of \(n) items longer than the file") }
        return n
    }

    /// The byte range of a blob (`ByteRecordWriter.blob`), skipped.
    package mutating func blobRange() throws(ByteRecordError) -> Range<Int> {
        let n = try u32()
        try need(n, "bytes")
        defer { offset += n }
        return offset..<offset + n
    }

    /// Skips `n` bytes, returning their range.
    package mutating func skip(_ n: Int) throws(ByteRecordError) -> Range<Int> {
        try need(n, "bytes")
        defer { offset += n }
        return offset..<offset + n
    }
}
