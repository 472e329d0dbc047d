/// The value of one park × metric × window.
public struct Aggregate: Hashable, Sendable {
    /// The aggregate: a rate, sum, gauge value, ratio of sums, or growth (0.18 = 18 %).
    public var value: Double
    /// Accepted events that count toward `value`: a replaced revision does not; a derived ratio
    /// counts both sides; `yoy` counts this year's side; a gauge counts every event in the window
    /// (its value being the latest of them); a monthly metric counts one event per period.
    public var count: Int64

    /// An aggregate of `value` over `count` counting events.
    public init(value: Double, count: Int64) {
        self.value = value
        self.count = count
    }
}
