/// Interns short strings that repeat across events (`park_id`, `source`): a stream carries few
/// parks and monitors, so most values are found in a small table by their bytes and reuse one
/// `String`, instead of being validated and built again for every event.
///
/// A direct-mapped table: each value hashes to one of `slotCount` slots, whose bytes live in one
/// flat buffer; a miss replaces the slot. Memory is bounded whatever the input.
struct StringInterner: Sendable {
    static let slotCount = 64
    /// Longer strings are not interned: they are unlikely to repeat.
    static let maxLength = 48

    private var bytes = [UInt8](repeating: 0, count: slotCount * maxLength)
    private var lengths = [Int](repeating: -1, count: slotCount)
    private var strings = [String](repeating: "", count: slotCount)

    /// The string spelled by the valid UTF-8 `base[start..<end]`.
    @inline(__always)
    mutating func string(_ base: UnsafePointer<UInt8>, start: Int, end: Int) -> String {
        let length = end - start
        let pointer = base + start
        guard length <= Self.maxLength, length > 0 else { return Self.make(pointer, length) }
        var hash: UInt32 = 2_166_136_261
        for index in 0..<length { hash = (hash ^ UInt32(pointer[index])) &* 16_777_619 }
        let slot = Int(hash >> 26)  // 64 slots
        let offset = slot * Self.maxLength
        let found =
            lengths[slot] == length
            && bytes.withUnsafeBufferPointer { stored in
                stored.baseAddress.map { Bytes.equal($0 + offset, pointer, count: length) } ?? false
            }
        if found { return strings[slot] }
        let string = Self.make(pointer, length)
        bytes.withUnsafeMutableBufferPointer { stored in
            stored.baseAddress.map { ($0 + offset).update(from: pointer, count: length) }
        }
        lengths[slot] = length
        strings[slot] = string
        return string
    }

    private static func make(_ pointer: UnsafePointer<UInt8>, _ length: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }
}

extension ParkID {
    /// For text already checked against the pattern.
    init(validated rawValue: String) {
        self.rawValue = rawValue
    }
}

/// The interners a decoder keeps between events.
struct EventInterners: Sendable {
    var parks = StringInterner()
    var sources = StringInterner()
}
