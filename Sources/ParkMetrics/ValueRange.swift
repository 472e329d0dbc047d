/// The values an event of a metric may carry, from the catalog's `range`.
public struct ValueRange: Sendable, Hashable {
    /// One end of a range.
    public enum Bound: Sendable, Hashable {
        case inclusive(Double)
        case exclusive(Double)
    }

    /// The lower end, or nil for none.
    public var lower: Bound?
    /// The upper end, or nil for none.
    public var upper: Bound?

    /// A range with no ends: every finite number.
    public static let unbounded = ValueRange(lower: nil, upper: nil)

    public init(lower: Bound?, upper: Bound?) {
        self.lower = lower
        self.upper = upper
    }

    /// Whether `value` lies inside the range.
    @inlinable
    public func contains(_ value: Double) -> Bool {
        switch lower {
        case .inclusive(let bound)? where value < bound: return false
        case .exclusive(let bound)? where value <= bound: return false
        default: break
        }
        switch upper {
        case .inclusive(let bound)? where value > bound: return false
        case .exclusive(let bound)? where value >= bound: return false
        default: return true
        }
    }

    /// The range in words for error messages: `must be in [0, 1]`, `must be > -1`, `must be >= 0`.
    public var requirement: String {
        switch (lower, upper) {
        case (nil, nil): return "must be a finite number"
        case (let low?, nil): return "must be \(low.lowerText)"
        case (nil, let high?): return "must be \(high.upperText)"
        case (let low?, let high?): return "must be \(low.lowerText) and \(high.upperText)"
        }
    }
}

extension ValueRange.Bound {
    fileprivate var lowerText: String {
        switch self {
        case .inclusive(let value): ">= \(ShortestNumber.format(value))"
        case .exclusive(let value): "> \(ShortestNumber.format(value))"
        }
    }

    fileprivate var upperText: String {
        switch self {
        case .inclusive(let value): "<= \(ShortestNumber.format(value))"
        case .exclusive(let value): "< \(ShortestNumber.format(value))"
        }
    }
}
