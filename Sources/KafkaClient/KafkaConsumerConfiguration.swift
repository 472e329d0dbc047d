/// Settings of a `KafkaConsumer`.
///
/// The defaults avoid librdkafka 2.0.2's stall of a lagging consumer: whenever its pre-fetch queue
/// passes `queued.min.messages` the fetcher backs off for about a second, so the queue limits are
/// set high and `fetch.wait.max.ms` low.
public struct KafkaConsumerConfiguration: Sendable {
    /// Where a partition without a committed or given offset starts.
    public enum OffsetReset: String, Sendable {
        case earliest, latest, error
    }

    /// Whether transactional messages that were aborted or are still open are hidden.
    public enum IsolationLevel: String, Sendable {
        case readCommitted = "read_committed"
        case readUncommitted = "read_uncommitted"
    }

    /// How a group moves partitions on a rebalance.
    public enum Assignment: Sendable {
        /// Everything is revoked, then the new set assigned (`range,roundrobin`).
        case eager
        /// Only the partitions that move are revoked and assigned (`cooperative-sticky`, KIP-429).
        case cooperative

        var strategy: String {
            switch self {
            case .eager: "range,roundrobin"
            case .cooperative: "cooperative-sticky"
            }
        }
    }

    /// How `offsets(forTimestamp:)` finds offsets.
    public enum TimestampLookup: Sendable {
        /// Ask the broker (ListOffsets by timestamp) and scan message timestamps when the answer
        /// is unusable (the embedded cluster answers -1 for every partition).
        case automatic
        /// Only ask the broker.
        case broker
        /// Always scan message timestamps.
        case scan
    }

    public var client: KafkaClientConfiguration
    /// The consumer group; nil for a consumer that only assigns partitions (replay, tools).
    public var groupID: String?
    public var offsetReset = OffsetReset.earliest
    public var isolationLevel = IsolationLevel.readCommitted
    public var assignment = Assignment.eager
    public var sessionTimeout = Duration.seconds(10)
    public var maxPollInterval = Duration.seconds(300)
    public var fetchWaitMax = Duration.milliseconds(10)
    public var queuedMinMessages = 10_000_000
    public var queuedMaxMessagesKBytes = 2_097_151
    public var timestampLookup = TimestampLookup.automatic
    /// Whether polled messages come with their headers. librdkafka parses a consumed message's
    /// headers on first access, allocating a list even when there are none (an allocation and a
    /// free per message); a consumer that never reads headers (the worker's input) turns this off.
    public var readsHeaders = true

    public init(client: KafkaClientConfiguration, groupID: String? = nil) {
        self.client = client
        self.groupID = groupID
    }

    var properties: [(String, String)] {
        var typed =
            client.baseProperties + [
                ("enable.auto.commit", "false"),
                ("enable.auto.offset.store", "false"),
                ("auto.offset.reset", offsetReset.rawValue),
                ("isolation.level", isolationLevel.rawValue),
                ("partition.assignment.strategy", assignment.strategy),
                ("session.timeout.ms", String(sessionTimeout.kafkaMilliseconds)),
                ("heartbeat.interval.ms", String(max(100, sessionTimeout.kafkaMilliseconds / 5))),
                ("max.poll.interval.ms", String(maxPollInterval.kafkaMilliseconds)),
                ("fetch.wait.max.ms", String(fetchWaitMax.kafkaMilliseconds)),
                ("queued.min.messages", String(queuedMinMessages)),
                ("queued.max.messages.kbytes", String(queuedMaxMessagesKBytes)),
                ("enable.partition.eof", "false"),
            ]
        if let groupID { typed.append(("group.id", groupID)) }
        return typed + client.properties.sorted { $0.key < $1.key }
    }
}
