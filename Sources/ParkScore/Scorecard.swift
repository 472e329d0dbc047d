import ParkMetrics

/// The assessment of one year: every park's points per content and indicator, its score and rank.
public struct Scorecard: Sendable, Hashable {
    /// The assessment year.
    public var year: Int
    /// The weights used.
    public var weights: AssessmentWeights
    /// The cut-off month of each content id (absent: no park has data).
    public var through: [String: YearMonth]
    /// Ranked parks first (by score, highest first; equal scores share a rank and go by park id),
    /// then parks without any data, by park id.
    public var parks: [ParkResult]
}

/// One park's result.
public struct ParkResult: Sendable, Hashable {
    public var parkID: ParkID
    /// 1 for the best; nil when the park has no data at all (it is not ranked).
    public var rank: Int?
    /// The points earned, out of 100; nil when the park has no data at all.
    public var score: Double?
    /// In the order of `Indicator.all`.
    public var indicators: [IndicatorResult]

    /// The ids of the contents without a value, in indicator order.
    public var missing: [String] {
        indicators.flatMap(\.contents).filter { $0.value == nil }.map(\.content.id)
    }
}

/// One indicator of one park.
public struct IndicatorResult: Sendable, Hashable {
    public var indicator: Indicator
    /// The indicator's weight, in points.
    public var weight: Double
    /// The sum of the points of its contents that have a value; nil when none has.
    public var points: Double?
    /// In the order of `indicator.contents`.
    public var contents: [ContentResult]
}

/// One content of one park.
public struct ContentResult: Sendable, Hashable {
    public var content: IndicatorContent
    /// The measured value (a sum in 10k yuan, a ratio, a growth rate, persons); nil when missing.
    public var value: Double?
    /// Points earned; nil when the value is missing (a missing value earns nothing, and is not 0).
    public var points: Double?
}
