/// What one batch of the worker did, handed to ``OpsState/record(_:)`` after the batch.
///
/// Counts are deltas for this batch; `lag` is the latest consumer lag per input partition as the
/// worker measured it (high watermark − next offset), replacing the previous figure.
public struct OpsBatchReport: Sendable {
    /// Batches the report covers (a worker reports the batches whose outputs it wrote together).
    public var batches = 1
    /// Input events read in the batch (valid or not).
    public var events: Int
    /// Events that went to the DLQ, by reason (`late` included, as on the DLQ header).
    public var rejected: [String: Int]
    /// Events ignored as duplicates (same park and event id).
    public var duplicates: Int
    /// Outputs dropped unacknowledged when partitions were released (their next owner writes them).
    public var droppedOutputs = 0
    /// Alert transitions to `firing` published.
    public var firing: Int
    /// Alert transitions to `resolved` published.
    public var resolved: Int
    /// Wall-clock time from the (latest) batch's poll to its last output written.
    public var duration: Duration
    /// Consumer lag per input partition, in messages.
    public var lag: [Int: Int64]

    /// A report; everything but `events` and `duration` defaults to nothing.
    public init(
        events: Int, duration: Duration, rejected: [String: Int] = [:], duplicates: Int = 0, firing: Int = 0,
        resolved: Int = 0, lag: [Int: Int64] = [:]
    ) {
        self.events = events
        self.duration = duration
        self.rejected = rejected
        self.duplicates = duplicates
        self.firing = firing
        self.resolved = resolved
        self.lag = lag
    }
}
