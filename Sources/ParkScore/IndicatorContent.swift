import ParkMetrics

/// One scored content of an indicator: a metric's level or growth over the assessment window, and
/// its share of the indicator's weight.
public struct IndicatorContent: Sendable, Hashable {
    /// What is measured of the metric.
    public enum Measure: String, Sendable, Hashable {
        /// January through the cut-off month: the sum of an amount, the weighted mean of a rate, the
        /// ratio of sums of a derived ratio, the value at the cut-off month of a gauge.
        case level
        /// The level over the level of the same months a year earlier, minus 1 (1–N月累计同比).
        case growth
    }

    /// Which way is better.
    public enum Direction: String, Sendable, Hashable {
        case higherIsBetter = "higher"
        case lowerIsBetter = "lower"
    }

    /// `added_value`, `added_value_yoy`: unique over the whole assessment.
    public let id: String
    /// The catalog metric measured, or nil when the catalog has none (the content is then missing
    /// for every park).
    public let metric: Metric?
    public let measure: Measure
    public let direction: Direction
    /// The share of the indicator's weight, 0…1; the shares of an indicator add up to 1.
    public let share: Double
    /// What the content is, in words.
    public let title: String

    /// A content as given.
    public init(
        id: String, metric: Metric?, measure: Measure = .level, direction: Direction = .higherIsBetter,
        share: Double, title: String
    ) {
        self.id = id
        self.metric = metric
        self.measure = measure
        self.direction = direction
        self.share = share
        self.title = title
    }
}
