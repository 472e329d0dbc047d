/// Interns park IDs: a stream carries few parks, so most `park_id` values are matched against a
/// small table by their bytes and reuse one `String`, instead of making a new one per event.
struct ParkIDCache: Sendable {
    /// Parks kept; beyond this, new IDs are made afresh (still correct, only slower).
    static let capacity = 64

    private var entries: [(bytes: [UInt8], id: ParkID)] = []
    private var last = 0

    /// The park ID spelled by `base[start..<end]`, which must already match the ParkID pattern.
    mutating func parkID(_ base: UnsafePointer<UInt8>, start: Int, end: Int) -> ParkID {
        let length = end - start
        if last < entries.count, matches(entries[last].bytes, base + start, length) { return entries[last].id }
        for index in entries.indices where matches(entries[index].bytes, base + start, length) {
            last = index
            return entries[index].id
        }
        let bytes = UnsafeBufferPointer(start: base + start, count: length)
        let id = ParkID(validated: String(decoding: bytes, as: UTF8.self))
        if entries.count < Self.capacity {
            entries.append((Array(bytes), id))
            last = entries.count - 1
        }
        return id
    }

    @inline(__always)
    private func matches(_ bytes: [UInt8], _ pointer: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        guard bytes.count == length else { return false }
        return bytes.withUnsafeBufferPointer { stored in
            for index in 0..<length where stored[index] != pointer[index] { return false }
            return true
        }
    }
}

extension ParkID {
    /// For text already checked against the pattern.
    init(validated rawValue: String) {
        self.rawValue = rawValue
    }
}
