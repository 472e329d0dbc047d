/// A metric event v1 (ARCHITECTURE.md §4, `schemas/metric-event.v1.schema.json`), validated.
///
/// Only `MetricEventDecoder` makes these from bytes, so every instance satisfies the contract.
public struct MetricEvent: Hashable, Sendable {
    /// Unique per park; the deduplication key. 1–128 characters.
    public var eventID: EventID
    public var parkID: ParkID
    // `period` (5 bytes) and `metric` (1) are declared together so that they share one 8-byte
    // slot: events are copied between the decoder, arrays and the pipeline, and every byte counts.
    /// The month a monthly statistic is for; nil on telemetry.
    public var period: YearMonth?
    /// A publishable catalog metric (never a derived one).
    public var metric: Metric
    /// Event time.
    public var observedAt: Timestamp
    /// Finite and inside the metric's range; `-0` is stored as 0.
    public var value: Double
    /// > 0; the sample count or volume behind a rate. 1 when absent.
    public var weight: Double
    /// Where the event came from (a monitor, a system), when given.
    public var source: String?

    public init(
        eventID: EventID, parkID: ParkID, metric: Metric, observedAt: Timestamp, value: Double,
        weight: Double = 1, period: YearMonth? = nil, source: String? = nil
    ) {
        self.eventID = eventID
        self.parkID = parkID
        self.metric = metric
        self.observedAt = observedAt
        self.value = value
        self.weight = weight
        self.period = period
        self.source = source
    }
}
