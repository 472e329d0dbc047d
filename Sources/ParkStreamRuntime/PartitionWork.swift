import KafkaClient
import ParkMetrics
import ParkRules

/// What a worker keeps for one assigned input partition.
struct PartitionWork {
    var pipeline: PartitionPipeline
    /// The next input offset to process (what a checkpoint records).
    var nextOffset: Int64
    /// Alerts already in the alerts topic for this partition: every transition caused by an input
    /// offset below `suppressBelow`, and the first `suppressAtCount` caused by offset
    /// `suppressBelow` itself, were written before a crash and must not be written again.
    var suppressBelow: Int64 = -1
    var suppressAtCount = 0
    /// The newest input offset already in the dead-letter partition: after a restore, bad input up
    /// to it is not written there again (one dead letter per offset, written in offset order).
    var deadLettersThrough: Int64 = -1
    /// The offset the latest checkpoint recorded: a periodic checkpoint skips a partition that has
    /// not moved since.
    var checkpointedOffset: Int64 = -1
    /// Whether the sinks have taken on the alerts firing here (`AlertSink.adopt`): done once the
    /// partition is processed past the last alert its previous owner wrote (`suppressBelow`), when
    /// its firing alerts are the ones that owner kept alive.
    var firingAdopted = false
    /// Parks and metrics whose aggregates changed since the last checkpoint.
    var touched = TouchedAggregates()
    /// This partition's decoder (its caches are per partition, so partitions decode in parallel).
    var decoder = MetricEventDecoder()

    /// Whether the partition was processed past its latest checkpoint.
    var hasMovedSinceCheckpoint: Bool { nextOffset != checkpointedOffset }

    /// Whether the partition is processed past every alert its previous owner wrote.
    var isPastWrittenAlerts: Bool { nextOffset > suppressBelow }

    /// Whether the `index`-th transition caused by input `offset` was already written.
    func isWritten(offset: Int64, index: Int) -> Bool {
        offset < suppressBelow || (offset == suppressBelow && index < suppressAtCount)
    }
}

/// A park and one of its metrics.
struct ParkMetric: Hashable, Sendable {
    var park: ParkID
    var metric: Metric
}
