import ParkMetrics

/// What `publish` did with an input.
public struct PublishSummary: Sendable {
    /// Lines (or CSV records) read, blank lines not counted.
    public var read = 0
    /// Valid events handed to Kafka (or, in a dry run, found valid).
    public var accepted = 0
    /// Events Kafka acknowledged.
    public var delivered = 0
    /// Invalid lines, each with its reason.
    public var rejected: [MetricEventDecoder.LineError] = []
    /// Lines whose delivery failed, with the reason.
    public var undelivered: [(line: Int, reason: String)] = []

    public init() {}

    /// ARCHITECTURE.md §8: 0 all valid and delivered; 2 some rejected (the valid ones delivered);
    /// 1 delivery failed.
    public var exitCode: Int32 {
        if !undelivered.isEmpty { return 1 }
        return rejected.isEmpty ? 0 : 2
    }
}
