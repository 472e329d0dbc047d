/// The errors a ``BinaryReader`` throws: each checkpoint format reports them in its own error type.
package protocol BinaryReadingFailure: Error {
    /// The bytes end before the value does.
    static func truncated(_ reason: String) -> Self
    /// The bytes are well-framed but cannot be what a writer wrote.
    static func corrupt(_ reason: String) -> Self
}

/// Reads what `BinaryWriter` wrote, failing with `Failure.truncated` or `.corrupt` rather than trapping.
package struct BinaryReader<Failure: BinaryReadingFailure> {
    private let bytes: [UInt8]
    /// The position of the next byte.
    package private(set) var offset: Int
    private let end: Int

    /// A reader of `bytes[start..<end]` (`end` nil: to the end).
    package init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        self.offset = start
        self.end = end ?? bytes.count
    }

    /// The bytes left to read.
    package var remaining: Int { end - offset }

    package mutating func byte() throws(Failure) -> UInt8 {
        guard offset < end else { throw .truncated("checkpoint ends at byte \(offset)") }
        defer { offset += 1 }
        return bytes[offset]
    }

    package mutating func fixed16() throws(Failure) -> UInt16 {
        let low = UInt16(try byte())
        return low | UInt16(try byte()) << 8
    }

    package mutating func fixed32() throws(Failure) -> UInt32 {
        var value: UInt32 = 0
        for shift in stride(from: 0, to: 32, by: 8) { value |= UInt32(try byte()) << UInt32(shift) }
        return value
    }

    package mutating func fixed64() throws(Failure) -> UInt64 {
        var value: UInt64 = 0
        for shift in stride(from: 0, to: 64, by: 8) { value |= UInt64(try byte()) << UInt64(shift) }
        return value
    }

    package mutating func varint() throws(Failure) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64, shift < 63 || next <= 1 else {
                throw .corrupt("varint too long at byte \(offset)")
            }
            value |= UInt64(next & 0x7F) << shift
            if next < 0x80 { return value }
            shift += 7
        }
    }

    /// A count of items that each take at least `minimumBytes`: more than the bytes left is corrupt.
    package mutating func count(minimumBytes: Int = 1, limit: Int = .max) throws(Failure) -> Int {
        let value = try varint()
        guard value <= UInt64(limit), value <= UInt64(remaining / max(1, minimumBytes)) else {
            throw .corrupt("impossible count \(value) at byte \(offset)")
        }
        return Int(value)
    }

    package mutating func signed() throws(Failure) -> Int64 {
        let raw = try varint()
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }

    package mutating func double() throws(Failure) -> Double { Double(bitPattern: try fixed64()) }

    /// `count` raw bytes.
    package mutating func bytes(_ count: Int) throws(Failure) -> [UInt8] {
        guard count <= remaining else { throw .truncated("\(count) bytes wanted at byte \(offset), \(remaining) left") }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    package mutating func string(limit: Int = 4096) throws(Failure) -> String {
        let length = try count(limit: limit)
        defer { offset += length }
        return String(decoding: bytes[offset..<offset + length], as: UTF8.self)
    }
}
