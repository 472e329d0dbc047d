/// The allowed range of one pollutant's value, bounds inclusive (`pH 6–9`, `COD ≤ 50`).
public struct PollutantLimit: Hashable, Sendable, CustomStringConvertible {
    public var min: Double?
    public var max: Double?

    public init(min: Double? = nil, max: Double? = nil) {
        self.min = min
        self.max = max
    }

    /// Whether `value` is within the bounds.
    public func allows(_ value: Double) -> Bool {
        if let min, value < min { return false }
        if let max, value > max { return false }
        return true
    }

    public var description: String {
        switch (min, max) {
        case (let low?, let high?): "\(low)–\(high)"
        case (nil, let high?): "≤ \(high)"
        case (let low?, nil): "≥ \(low)"
        case (nil, nil): "any"
        }
    }
}
