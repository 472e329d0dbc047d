/// Reads what `BinaryWriter` wrote, failing with `.truncated` or `.corrupt` rather than trapping.
struct BinaryReader {
    private let bytes: [UInt8]
    private(set) var offset: Int
    private let end: Int

    init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        self.offset = start
        self.end = end ?? bytes.count
    }

    var remaining: Int { end - offset }

    mutating func byte() throws(StreamEngineError) -> UInt8 {
        guard offset < end else { throw StreamEngineError(.truncated, "checkpoint ends at byte \(offset)") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func fixed16() throws(StreamEngineError) -> UInt16 {
        let low = UInt16(try byte())
        return low | UInt16(try byte()) << 8
    }

    mutating func fixed32() throws(StreamEngineError) -> UInt32 {
        var value: UInt32 = 0
        for shift in stride(from: 0, to: 32, by: 8) { value |= UInt32(try byte()) << UInt32(shift) }
        return value
    }

    mutating func fixed64() throws(StreamEngineError) -> UInt64 {
        var value: UInt64 = 0
        for shift in stride(from: 0, to: 64, by: 8) { value |= UInt64(try byte()) << UInt64(shift) }
        return value
    }

    mutating func varint() throws(StreamEngineError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64, shift < 63 || next <= 1 else {
                throw StreamEngineError(.corrupt, "varint too long at byte \(offset)")
            }
            value |= UInt64(next & 0x7F) << shift
            if next < 0x80 { return value }
            shift += 7
        }
    }

    /// A count of items that each take at least `minimumBytes`: more than the bytes left is corrupt.
    mutating func count(minimumBytes: Int = 1, limit: Int = .max) throws(StreamEngineError) -> Int {
        let value = try varint()
        guard value <= UInt64(limit), value <= UInt64(remaining / max(1, minimumBytes)) else {
            throw StreamEngineError(.corrupt, "impossible count \(value) at byte \(offset)")
        }
        return Int(value)
    }

    mutating func signed() throws(StreamEngineError) -> Int64 {
        let raw = try varint()
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }

    mutating func double() throws(StreamEngineError) -> Double { Double(bitPattern: try fixed64()) }

    mutating func string(limit: Int = 4096) throws(StreamEngineError) -> String {
        let length = try count(limit: limit)
        defer { offset += length }
        return String(decoding: bytes[offset..<offset + length], as: UTF8.self)
    }
}
