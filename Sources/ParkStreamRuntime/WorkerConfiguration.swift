import KafkaClient
import ParkRules
import StreamEngine

/// How a worker runs (ARCHITECTURE.md §2): where Kafka is, which topics, which rules, how often it
/// checkpoints.
public struct WorkerConfiguration: Sendable {
    public var client: KafkaClientConfiguration
    public var layout: TopicLayout
    public var rules: RuleSet
    /// Identifies the rules a checkpoint was written with.
    public var rulesFingerprint: String
    public var engine: EngineConfiguration
    /// How often each assigned partition that moved is checkpointed, one partition at a time spread
    /// over the interval (also every partition on revoke and on shutdown).
    public var checkpointInterval: Duration = .seconds(5)
    /// How long a revoke may take to get the revoked partitions' outputs acknowledged and their
    /// checkpoints written. Past it the worker drops every output not yet acknowledged (none is
    /// written after the partitions are released; the next owner recomputes them from the previous
    /// checkpoint) and releases the partitions without a new checkpoint. A group goes on without a
    /// member that is slow to rejoin: Kafka after `max.poll.interval.ms`, the embedded cluster
    /// after `session.timeout.ms` less a second (9 s by default), counting from the start of the
    /// rebalance, which a member learns of at its next heartbeat (2 s at most). A member still
    /// writing after that writes alerts its partitions' new owner writes again.
    public var revokeTimeout: Duration = .seconds(4)
    /// Most messages handled per poll. Large enough that a batch taken from a backlog holds several
    /// partitions' records, whose slices run in parallel (834 k events caught up: 10,000 → 0.89 s,
    /// 40,000 → 0.83 s, 80,000 → 0.84 s, medians of 7–9 runs); a live stream's batches are what
    /// came since the last poll.
    public var batchSize = 40_000
    /// A name for this process in logs and the group (`group.instance.id` is not used).
    public var instanceID: String
    /// Stop once every assigned partition has been processed up to its end (a catch-up or backfill
    /// run, and the benchmark); otherwise run until told to stop.
    public var stopWhenCaughtUp = false

    public init(
        client: KafkaClientConfiguration, rules: RuleSet, rulesFingerprint: String, instanceID: String,
        layout: TopicLayout = TopicLayout(), engine: EngineConfiguration = EngineConfiguration()
    ) {
        self.client = client
        self.rules = rules
        self.rulesFingerprint = rulesFingerprint
        self.instanceID = instanceID
        self.layout = layout
        self.engine = engine
    }
}
