extension Metric {
    /// The wire names as bytes, indexed by raw value, for matching without making strings.
    private static let wireNames: [[UInt8]] = Metric.allCases.map { Array($0.name.utf8) }

    /// The metric with wire name `name`, or nil when the catalog has none (derived metrics included).
    public init?(name: String) {
        guard let metric = Metric.allCases.first(where: { $0.name == name }) else { return nil }
        self = metric
    }

    /// The metric whose wire name is `base[start..<end]`.
    static func matching(_ base: UnsafePointer<UInt8>, start: Int, end: Int) -> Metric? {
        let length = end - start
        guard length > 0 else { return nil }
        let first = base[start]
        for (index, name) in wireNames.enumerated() where name.count == length && name[0] == first {
            let equal = name.withUnsafeBufferPointer { name in
                for offset in 1..<length where name[offset] != base[start + offset] { return false }
                return true
            }
            if equal { return Metric(rawValue: UInt8(index)) }
        }
        return nil
    }
}
