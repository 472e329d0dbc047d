import ParkRules
import StreamEngine

/// Told what a worker does, on the worker's thread, for an ops port or logs. Methods must return
/// quickly: they run inside the batch loop and the rebalance hook.
public protocol WorkerObserver: AnyObject, Sendable {
    /// Partitions restored and ready to process.
    func workerAssigned(_ partitions: [Int32])
    /// Partitions given up (revoked or lost).
    func workerReleased(_ partitions: [Int32])
    /// After each non-empty batch.
    func workerProcessed(_ report: WorkerBatchReport)
    /// Partitions just checkpointed.
    func workerCheckpointed(_ partitions: [Int32])
}

/// One batch, as a `WorkerObserver` sees it.
public struct WorkerBatchReport: Sendable {
    /// Batches whose outputs were all written since the previous report (their partitions' slices
    /// run side by side, so several can end together); the counts below cover them all.
    public var batches = 1
    public var events: Int
    /// How long the latest of them took, from its poll to its last output written.
    public var duration: Duration
    /// Rejected events of this batch by reason (`syntax`, `range`, `late`, …).
    public var rejected: [String: Int]
    public var duplicates: Int
    /// Outputs dropped unacknowledged when partitions were released, since the previous report.
    public var droppedOutputs = 0
    public var fired: Int
    public var resolved: Int
    /// Messages behind the end of each assigned partition, where known.
    public var lag: [Int32: Int64]
    /// Each partition's engine after the batch (a copy: value semantics, copied on write); empty
    /// when the last copies are under a second old and the batch changed no alert.
    public var engines: [Int32: PartitionEngine]
    /// Each partition's firing alerts after the batch; empty like `engines`.
    public var firing: [Int32: [AlertEvent]]
    /// True for the update sent when the worker goes idle with newer state than it last sent: no
    /// batch ran (its counts are zero), only `engines` and `firing` are news.
    public var isIdleUpdate = false
}
