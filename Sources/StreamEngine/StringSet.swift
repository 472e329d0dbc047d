/// An insertion-ordered set of strings with a fast 64-bit fingerprint hash (open addressing,
/// linear probing). Positions are stable, so it also interns strings to small integers, and
/// iterating in insertion order makes checkpoints deterministic.
///
/// Fingerprints only route the lookup: membership always compares the strings themselves, so a
/// fingerprint collision costs a probe, never a wrong answer.
struct StringSet: Hashable, Sendable {
    /// The members in insertion order.
    private(set) var members: [String] = []
    private var fingerprints: [UInt64] = []
    /// Member position + 1 per slot; 0 is empty. Capacity is a power of two.
    private var slots: [Int32] = Array(repeating: 0, count: 16)

    var count: Int { members.count }

    static func == (lhs: StringSet, rhs: StringSet) -> Bool { lhs.members == rhs.members }

    func hash(into hasher: inout Hasher) { hasher.combine(members) }

    /// The position of `member`, or nil.
    @inline(__always)
    func position(of member: String, fingerprint: UInt64) -> Int? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: fingerprint) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return nil }
            if fingerprints[entry - 1] == fingerprint, members[entry - 1] == member { return entry - 1 }
            slot = (slot + 1) & mask
        }
    }

    /// Appends `member`, which must not be present yet; returns its position.
    @discardableResult
    mutating func append(_ member: String, fingerprint: UInt64) -> Int {
        if (members.count + 1) * 2 > slots.count { grow() }
        members.append(member)
        fingerprints.append(fingerprint)
        place(members.count - 1)
        return members.count - 1
    }

    /// Empties the set, keeping its capacity.
    mutating func removeAll() {
        guard !members.isEmpty else { return }
        members.removeAll(keepingCapacity: true)
        fingerprints.removeAll(keepingCapacity: true)
        for slot in slots.indices { slots[slot] = 0 }
    }

    private mutating func place(_ position: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: fingerprints[position]) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(position + 1)
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        for position in members.indices { place(position) }
    }

    // MARK: - Fingerprint

    /// A 64-bit hash of the string's UTF-8 bytes (8 bytes per step, then a murmur3 finalizer).
    @inline(__always)
    static func fingerprint(_ string: String) -> UInt64 {
        if let hash = string.utf8.withContiguousStorageIfAvailable({ fingerprint(bytes: $0) }) { return hash }
        return Array(string.utf8).withUnsafeBufferPointer { fingerprint(bytes: $0) }
    }

    @inline(__always)
    private static func fingerprint(bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var index = 0
        let base = UnsafeRawPointer(bytes.baseAddress)
        if let base {
            while index + 8 <= bytes.count {
                let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                hash = (hash ^ word) &* 0x0000_0100_0000_01B3
                hash ^= hash >> 29
                index += 8
            }
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count {
            tail |= UInt64(bytes[index]) << shift
            shift += 8
            index += 1
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
