/// Interns short strings that repeat across events (`park_id`, `source`): a stream carries few
/// parks and monitors, so most values are found in a small table by their bytes and reuse one
/// `String`, instead of being validated and built again for every event.
///
/// An open-addressed table: a value hashes to a home slot and may sit in it or the next
/// `probes - 1` slots; bytes live in one flat buffer. When those slots are full, a new value
/// replaces the one at home. Memory is bounded whatever the input.
struct StringInterner: Sendable {
    static let slotCount = 256
    static let probes = 4
    /// Longer strings are not interned: they are unlikely to repeat.
    static let maxLength = 48

    private var bytes = [UInt8](repeating: 0, count: slotCount * maxLength)
    private var lengths = [Int](repeating: -1, count: slotCount)
    private var strings = [String](repeating: "", count: slotCount)

    /// The string spelled by the valid UTF-8 `base[start..<end]`.
    @inline(__always)
    mutating func string(_ base: UnsafePointer<UInt8>, start: Int, end: Int) -> String {
        find(base, start: start, end: end) ?? add(base, start: start, end: end)
    }

    /// The interned string spelled by `base[start..<end]`, if the table holds it. Only strings that
    /// were added are found, so a caller that validates before adding may skip validating a hit.
    @inline(__always)
    func find(_ base: UnsafePointer<UInt8>, start: Int, end: Int) -> String? {
        let length = end - start
        guard length <= Self.maxLength, length > 0 else { return nil }
        let pointer = base + start
        let home = Self.slot(pointer, length)
        for probe in 0..<Self.probes {
            let slot = (home + probe) & (Self.slotCount - 1)
            guard lengths[slot] >= 0 else { return nil }
            let offset = slot * Self.maxLength
            let found =
                lengths[slot] == length
                && bytes.withUnsafeBufferPointer { stored in
                    stored.baseAddress.map { Bytes.equal($0 + offset, pointer, count: length) } ?? false
                }
            if found { return strings[slot] }
        }
        return nil
    }

    /// Makes the string spelled by the valid UTF-8 `base[start..<end]` and keeps it for `find`.
    mutating func add(_ base: UnsafePointer<UInt8>, start: Int, end: Int) -> String {
        let length = end - start
        let pointer = base + start
        let string = Self.make(pointer, length)
        guard length <= Self.maxLength, length > 0 else { return string }
        let home = Self.slot(pointer, length)
        var slot = home
        for probe in 0..<Self.probes where lengths[(home + probe) & (Self.slotCount - 1)] < 0 {
            slot = (home + probe) & (Self.slotCount - 1)
            break
        }
        let offset = slot * Self.maxLength
        bytes.withUnsafeMutableBufferPointer { stored in
            stored.baseAddress.map { ($0 + offset).update(from: pointer, count: length) }
        }
        lengths[slot] = length
        strings[slot] = string
        return string
    }

    /// A slot from a few word loads (first and last bytes, and the length): O(1) whatever the length.
    @inline(__always)
    private static func slot(_ pointer: UnsafePointer<UInt8>, _ length: Int) -> Int {
        let raw = UnsafeRawPointer(pointer)
        var mixed = UInt64(length)
        if length >= 8 {
            mixed ^= raw.loadUnaligned(as: UInt64.self) &* 0x9E37_79B9_7F4A_7C15
            mixed ^= raw.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self) &* 0xC2B2_AE3D_27D4_EB4F
        } else if length >= 4 {
            mixed ^= UInt64(raw.loadUnaligned(as: UInt32.self)) &* 0x9E37_79B9_7F4A_7C15
            mixed ^= UInt64(raw.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)) &* 0xC2B2_AE3D_27D4_EB4F
        } else {
            for index in 0..<length { mixed = (mixed << 8 | UInt64(pointer[index])) &* 0x9E37_79B9_7F4A_7C15 }
        }
        return Int(truncatingIfNeeded: ((mixed ^ (mixed >> 29)) &* 0xBF58_476D_1CE4_E5B9) >> 56)  // 256 slots
    }

    private static func make(_ pointer: UnsafePointer<UInt8>, _ length: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }
}
