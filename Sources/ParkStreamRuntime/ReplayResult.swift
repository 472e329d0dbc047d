import ParkMetrics
import ParkRules
import StreamEngine

/// What a replay computed.
public struct ReplayResult: Sendable {
    /// Final calendar aggregates of every partition (ARCHITECTURE.md §8 columns).
    public var aggregates: AggregateTable
    /// Alert events v1 in event-time order (ties: partition, then order within it).
    public var alerts: [AlertEvent]
    /// Lines read (blank lines not counted).
    public var read = 0
    /// Events the engine counted.
    public var accepted = 0
    /// Repeats of an event already counted.
    public var duplicates = 0
    /// Telemetry behind its park's watermark (the worker sends these to the DLQ as `late`).
    public var late: [(line: Int, event: MetricEvent)] = []
    /// Events outside `--from`/`--to`.
    public var outsideSelection = 0
    /// Lines that are not valid metric events.
    public var rejected: [MetricEventDecoder.LineError] = []
    /// The aggregates the threshold rules judged, per day (only when the replay was asked to
    /// record them, for `--report`).
    public var series: RuleSeries?

    public init(aggregates: AggregateTable, alerts: [AlertEvent]) {
        self.aggregates = aggregates
        self.alerts = alerts
    }
}
