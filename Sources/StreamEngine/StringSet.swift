#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An insertion-ordered set of strings kept as one UTF-8 byte arena, with a fast 64-bit fingerprint
/// hash (open addressing, linear probing). No per-member allocation or reference counting, so it is
/// cheap on the hot path and does not fragment the heap. Positions are stable, so it also interns
/// strings to small integers; insertion order makes checkpoints deterministic.
///
/// Fingerprints only route the lookup: membership always compares the bytes themselves, so a
/// fingerprint collision costs a probe, never a wrong answer.
struct StringSet: Hashable, Sendable {
    /// The members' UTF-8 bytes, back to back, in insertion order.
    private(set) var bytes: [UInt8] = []
    /// The end offset of each member in `bytes`.
    private(set) var ends: [Int32] = []
    /// The hash table: a miss (the common case for a new id) reads one slot. Power-of-two capacity.
    private var slots: [Slot] = Array(repeating: Slot(), count: 16)

    var count: Int { ends.count }

    static func == (lhs: StringSet, rhs: StringSet) -> Bool { lhs.bytes == rhs.bytes && lhs.ends == rhs.ends }

    func hash(into hasher: inout Hasher) {
        hasher.combine(bytes)
        hasher.combine(ends)
    }

    /// The member at `position`.
    func member(at position: Int) -> String {
        let start = position == 0 ? 0 : Int(ends[position - 1])
        return String(decoding: bytes[start..<Int(ends[position])], as: UTF8.self)
    }

    /// The position of `member`, or nil (for queries; the hot path uses `insert`). Reads the arrays
    /// through borrowed buffers: copying the set to call `find` retained and released all three.
    func position(of member: String) -> Int? {
        Self.withBytes(member) { utf8 in
            let fingerprint = Self.fingerprint(utf8)
            return slots.withUnsafeBufferPointer { slots in
                ends.withUnsafeBufferPointer { ends in
                    bytes.withUnsafeBufferPointer { bytes in
                        Self.position(of: utf8, fingerprint: fingerprint, slots: slots, ends: ends, bytes: bytes)
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func position(
        of utf8: UnsafeBufferPointer<UInt8>, fingerprint: UInt64, slots: UnsafeBufferPointer<Slot>,
        ends: UnsafeBufferPointer<Int32>, bytes: UnsafeBufferPointer<UInt8>
    ) -> Int? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: fingerprint) & mask
        while true {
            let entry = slots[slot]
            if entry.position == 0 { return nil }
            let position = Int(entry.position) - 1
            if entry.fingerprint == fingerprint {
                let start = position == 0 ? 0 : Int(ends[position - 1])
                if Int(ends[position]) - start == utf8.count, sameBytes(bytes, from: start, utf8) { return position }
            }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always)
    private static func sameBytes(
        _ stored: UnsafeBufferPointer<UInt8>, from start: Int, _ other: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        guard let base = stored.baseAddress, let otherBase = other.baseAddress else { return other.isEmpty }
        return memcmp(base + start, otherBase, other.count) == 0
    }

    /// The position of `member`, or nil. Mutating only so that callers reach the arrays in place:
    /// a non-mutating call from inside a closure copies (retains) them, which costs more than the
    /// lookup itself.
    @inline(__always)
    mutating func find(_ member: String) -> Int? {
        Self.withBytes(member) { position(of: $0, fingerprint: Self.fingerprint($0)) }
    }

    /// Inserts `member` unless present; returns whether it was inserted and its position.
    @inline(__always)
    mutating func insert(_ member: String) -> (inserted: Bool, position: Int) {
        Self.withBytes(member) { utf8 in
            let fingerprint = Self.fingerprint(utf8)
            if let found = position(of: utf8, fingerprint: fingerprint) { return (false, found) }
            return (true, append(utf8, fingerprint: fingerprint))
        }
    }

    @inline(__always)
    mutating func position(of utf8: UnsafeBufferPointer<UInt8>, fingerprint: UInt64) -> Int? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: fingerprint) & mask
        while true {
            let entry = slots[slot]
            if entry.position == 0 { return nil }
            if entry.fingerprint == fingerprint, equals(Int(entry.position) - 1, utf8) {
                return Int(entry.position) - 1
            }
            slot = (slot + 1) & mask
        }
    }

    /// Appends bytes that are not a member yet; returns their position.
    @discardableResult
    mutating func append(_ utf8: UnsafeBufferPointer<UInt8>, fingerprint: UInt64) -> Int {
        if (ends.count + 1) * 2 > slots.count { grow() }
        bytes.append(contentsOf: utf8)
        ends.append(Int32(bytes.count))
        place(Slot(fingerprint: fingerprint, position: Int32(ends.count)))
        return ends.count - 1
    }

    /// Empties the set, keeping its capacity.
    mutating func removeAll() {
        guard !ends.isEmpty else { return }
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        slots.withUnsafeMutableBufferPointer { $0.update(repeating: Slot()) }
    }

    @inline(__always)
    private mutating func equals(_ position: Int, _ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = position == 0 ? 0 : Int(ends[position - 1])
        let length = Int(ends[position]) - start
        guard length == utf8.count else { return false }
        return bytes.withUnsafeBufferPointer { stored in
            guard let base = stored.baseAddress, let other = utf8.baseAddress else { return length == 0 }
            return memcmp(base + start, other, length) == 0
        }
    }

    private mutating func place(_ entry: Slot) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: entry.fingerprint) & mask
        while slots[slot].position != 0 { slot = (slot + 1) & mask }
        slots[slot] = entry
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(), count: slots.count * 2)
        for entry in old where entry.position != 0 { place(entry) }
    }

    /// A member's fingerprint and position + 1 (0: empty slot).
    private struct Slot: Hashable, Sendable {
        var fingerprint: UInt64 = 0
        var position: Int32 = 0
    }

    // MARK: - Bytes and fingerprint

    /// Runs `body` over the string's UTF-8 bytes, in place when the string is native. Through
    /// `utf8Span` where available: it borrows the storage without retaining it.
    @inline(__always)
    static func withBytes<Result>(_ string: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if #available(macOS 26, iOS 26, tvOS 26, watchOS 26, visionOS 26, *) {
            return string.utf8Span.span.withUnsafeBufferPointer(body)
        }
        if let result = string.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(string.utf8).withUnsafeBufferPointer(body)
    }

    /// A 64-bit hash of UTF-8 bytes (8 bytes per step, then a murmur3 finalizer).
    @inline(__always)
    static func fingerprint(_ utf8: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(utf8.count)
        var index = 0
        if let base = UnsafeRawPointer(utf8.baseAddress) {
            while index + 8 <= utf8.count {
                let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                hash = (hash ^ word) &* 0x0000_0100_0000_01B3
                hash ^= hash >> 29
                index += 8
            }
        }
        // The last 1–7 bytes as a little-endian word; from a whole word ending at the last byte when
        // there is one (the same value as assembling them byte by byte).
        var tail: UInt64 = 0
        let remaining = utf8.count - index
        if remaining > 0, utf8.count >= 8, let base = UnsafeRawPointer(utf8.baseAddress) {
            tail =
                base.loadUnaligned(fromByteOffset: utf8.count - 8, as: UInt64.self).littleEndian
                >> UInt64(64 - 8 * remaining)
        } else {
            var shift: UInt64 = 0
            while index < utf8.count {
                tail |= UInt64(utf8[index]) << shift
                shift += 8
                index += 1
            }
        }
        hash = (hash ^ tail) &* 0x0000_0100_0000_01B3
        hash ^= hash >> 33
        hash &*= 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        hash &*= 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 33
        return hash
    }
}
