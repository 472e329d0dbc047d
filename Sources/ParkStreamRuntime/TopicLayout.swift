import KafkaClient

/// The topics of ARCHITECTURE.md §3, each name configurable.
public struct TopicLayout: Sendable, Hashable {
    /// Metric events in (key park_id).
    public var metrics = "park.metrics"
    /// Bad and late input, with the reason in a header.
    public var deadLetters = "park.metrics.dlq"
    /// Alert transitions (key park_id; partition = input partition).
    public var alerts = "park.alerts"
    /// Latest aggregates, compacted (key `park_id/metric/window`).
    public var aggregates = "park.aggregates"
    /// Every frame the HJ 212 gateway received, valid or not (key MN when known; verdict, peer and
    /// receive time in headers).
    public var hj212Raw = "park.hj212.raw"
    /// The worker group, whose checkpoints topic is `<group>-checkpoints`.
    public var group = "parkstream-workers"
    /// Partitions of every topic; the checkpoints, alerts and aggregates topics mirror the input's.
    public var partitions = 12

    /// The largest message the checkpoints topic takes, and the worker's producer sends: one
    /// partition's checkpoint grows with the parks on it (about 2 MiB for 100 parks, before compression).
    public static let checkpointMaxBytes = 64 * 1024 * 1024

    /// How long the input, dead letters and alerts are kept: 400 days, so that year-on-year windows
    /// (13 months) can be recomputed by replay or by a rebuild after a rules change.
    public static let retentionMilliseconds = 400 * 24 * 3600 * 1000

    public init() {}

    /// `<group>-checkpoints`: engine state and next offset per input partition, compacted.
    public var checkpoints: String { "\(group)-checkpoints" }

    /// Every topic with its settings: compaction where the latest value per key is what counts,
    /// 400 days' retention on the input, dead letters and alerts so that year-on-year replay has
    /// 13 months, checkpoints up to `checkpointMaxBytes`, and with three or more replicas
    /// `min.insync.replicas=2`, so that `acks=all` means two copies.
    public func specs(replicationFactor: Int) -> [KafkaTopicSpec] {
        let durable = replicationFactor >= 3 ? ["min.insync.replicas": "2"] : [:]
        let compacted = durable.merging(["cleanup.policy": "compact"]) { $1 }
        let thirteenMonths = durable.merging(["retention.ms": String(Self.retentionMilliseconds)]) { $1 }
        let checkpointConfigs = compacted.merging(["max.message.bytes": String(Self.checkpointMaxBytes)]) { $1 }
        return [
            KafkaTopicSpec(
                name: metrics, partitions: partitions, replicationFactor: replicationFactor, configs: thirteenMonths),
            KafkaTopicSpec(
                name: deadLetters, partitions: partitions, replicationFactor: replicationFactor, configs: thirteenMonths
            ),
            KafkaTopicSpec(
                name: alerts, partitions: partitions, replicationFactor: replicationFactor, configs: thirteenMonths),
            KafkaTopicSpec(
                name: aggregates, partitions: partitions, replicationFactor: replicationFactor, configs: compacted),
            KafkaTopicSpec(
                name: checkpoints, partitions: partitions, replicationFactor: replicationFactor,
                configs: checkpointConfigs),
            KafkaTopicSpec(
                name: hj212Raw, partitions: partitions, replicationFactor: replicationFactor, configs: thirteenMonths),
        ]
    }
}
