extension Metric {
    /// The wire names as bytes, indexed by raw value, for matching without making strings.
    private static let wireNames: [[UInt8]] = Metric.allCases.map { Array($0.name.utf8) }

    /// Slot per hash of a wire name: the metric's raw value, `empty`, or `collision` (then a
    /// linear search decides). Built from the catalog, so it stays right when the catalog changes.
    private static let slots: [Int8] = {
        var slots = [Int8](repeating: empty, count: 64)
        for (index, name) in wireNames.enumerated() {
            let slot = name.withUnsafeBufferPointer { buffer in buffer.baseAddress.map { hash($0, name.count) } ?? 0 }
            slots[slot] = slots[slot] == empty ? Int8(index) : collision
        }
        return slots
    }()

    private static let empty: Int8 = -1
    private static let collision: Int8 = -2

    @inline(__always)
    private static func hash(_ name: UnsafePointer<UInt8>, _ length: Int) -> Int {
        (length &* 31 &+ Int(name[0]) &+ Int(name[length - 1]) &* 3 &+ Int(name[length / 2]) &* 7) & 63
    }

    /// The metric with wire name `name`, or nil when the catalog has none (derived metrics included).
    public init?(name: String) {
        guard let metric = Metric.allCases.first(where: { $0.name == name }) else { return nil }
        self = metric
    }

    /// The metric whose wire name is `base[start..<end]`.
    static func matching(_ base: UnsafePointer<UInt8>, start: Int, end: Int) -> Metric? {
        let length = end - start
        guard length > 0 else { return nil }
        let slot = slots[hash(base + start, length)]
        if slot >= 0 {
            return equals(wireNames[Int(slot)], base + start, length) ? Metric(rawValue: UInt8(slot)) : nil
        }
        guard slot == collision else { return nil }
        for (index, name) in wireNames.enumerated() where equals(name, base + start, length) {
            return Metric(rawValue: UInt8(index))
        }
        return nil
    }

    @inline(__always)
    private static func equals(_ name: [UInt8], _ pointer: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        name.count == length
            && name.withUnsafeBufferPointer { buffer in
                buffer.baseAddress.map { Bytes.equal($0, pointer, count: length) } ?? (length == 0)
            }
    }
}
