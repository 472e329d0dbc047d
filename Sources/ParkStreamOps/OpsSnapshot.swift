import ParkRules

/// An immutable copy of what the ops port reports, taken under ``OpsState``'s lock.
public struct OpsSnapshot: Sendable {
    /// Whether every assigned partition's state has been restored (`/readyz`).
    public var ready = false
    /// Input events read since start.
    public var events: Int64 = 0
    /// Events sent to the DLQ since start, by reason (`late` is one of them).
    public var rejected: [String: Int64] = [:]
    /// Duplicates ignored since start.
    public var duplicates: Int64 = 0
    /// Alert transitions published since start, by state (`firing`, `resolved`).
    public var transitions: [AlertTransition.State: Int64] = [:]
    /// Checkpoints written since start.
    public var checkpoints: Int64 = 0
    /// Batches recorded since start.
    public var batches: Int64 = 0
    /// Consumer lag per assigned input partition, in messages.
    public var lag: [Int: Int64] = [:]
    /// Time since the last checkpoint per assigned input partition (at the snapshot's instant).
    public var checkpointAge: [Int: Duration] = [:]
    /// The alerts firing now, across partitions, ordered by event time then alert id.
    public var firing: [AlertEvent] = []

    /// Late events since start (the `late` DLQ reason).
    public var late: Int64 { rejected["late"] ?? 0 }
}
