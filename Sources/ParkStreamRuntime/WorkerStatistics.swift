/// What a worker has done, for its ops port and logs.
public struct WorkerStatistics: Sendable {
    public var eventsIn = 0
    public var duplicates = 0
    /// Rejected events by reason code (`syntax`, `range`, `late`, …).
    public var rejected: [String: Int] = [:]
    public var alerts = 0
    public var fired = 0
    public var resolved = 0
    public var checkpoints = 0
    /// Outputs (alerts, dead letters, aggregates, checkpoints) dropped unacknowledged when partitions
    /// were released: their next owner writes them.
    public var droppedOutputs = 0
    public var restores = 0
    /// Partitions rebuilt from the oldest retained input because the rules changed.
    public var rebuilds = 0
    public var batches = 0
    public var lastBatchDuration = Duration.zero

    mutating func count(rejected reason: String) {
        rejected[reason, default: 0] += 1
    }
}
