import KafkaClient
import Logging
import ParkMetrics
import ParkRules
import Synchronization

/// Writes alert events v1 to the alerts topic (ARCHITECTURE.md §2, §3): value = canonical JSON,
/// key = park_id, timestamp = the transition's event time, and an explicit partition: the input
/// partition the triggering event was read from, so a worker restoring input partition p finds its
/// alerts at the tail of alerts partition p. Events replayed from a file have no input partition;
/// they go where the metrics topic's partitioner puts their park (murmur2 of park_id over
/// `partitions`), which is where `publish` would have put the park's events.
///
/// Headers: `parkstream-source` = `topic/partition/offset` (files: `path:line`) and, for Kafka
/// sources, `parkstream-source-offset` = the input offset in decimal, which a restoring worker
/// compares with its checkpoint to suppress transitions already written.
///
/// `deliver` only enqueues in librdkafka (idempotent, `acks=all`); `flush` waits for the acks and
/// reports failed deliveries to this sink's topic.
public final class KafkaAlertSink: AlertSink {
    /// Header with the source of the triggering event.
    public static let sourceHeader = "parkstream-source"
    /// Header with the input offset of the triggering event (Kafka sources only).
    public static let sourceOffsetHeader = "parkstream-source-offset"

    private let producer: KafkaProducer
    private let topic: String
    private let partitions: Int32
    private let offsetSeconds: Int
    private let logger: Logger
    /// Failed deliveries to this topic already reported, and whether the sink is closed.
    private let state = Mutex((reportedFailures: 0, closed: false))

    /// A sink over a producer the caller may share with other outputs (one flush covers them all).
    /// - Parameters:
    ///   - topic: the alerts topic.
    ///   - partitions: partitions of the alerts topic (= the metrics topic's), for file sources.
    ///   - offsetSeconds: the zone of the JSON's times (+08:00 by default, as replay writes them).
    public init(
        producer: KafkaProducer, topic: String = "park.alerts", partitions: Int = 12,
        offsetSeconds: Int = Int(ParkZone.shanghai.utcOffsetSeconds), logger: Logger
    ) {
        self.producer = producer
        self.topic = topic
        self.partitions = Int32(clamping: max(1, partitions))
        self.offsetSeconds = offsetSeconds
        self.logger = logger
    }

    /// The partition an event goes to: its Kafka source partition, else murmur2 of its park id.
    public static func partition(for event: AlertEvent, partitions: Int32) -> Int32 {
        switch event.source {
        case .kafka(_, let partition, _): partition
        case .file:
            KafkaPartitioner.partition(of: event.transition.parkID, partitions: partitions)
        }
    }

    /// The headers that say where the triggering event was read.
    public static func headers(for source: AlertSource) -> [KafkaHeader] {
        switch source {
        case .kafka(let topic, let partition, let offset):
            [
                KafkaHeader(name: sourceHeader, value: Array("\(topic)/\(partition)/\(offset)".utf8)),
                KafkaHeader(name: sourceOffsetHeader, value: Array(String(offset).utf8)),
            ]
        case .file(let path, let line):
            [KafkaHeader(name: sourceHeader, value: Array("\(path):\(line)".utf8))]
        }
    }

    public func deliver(_ event: AlertEvent) throws {
        if state.withLock({ $0.closed }) {
            throw AlertSinkError(code: .closed, reason: "the Kafka alert sink for \(topic) is closed")
        }
        let message = KafkaProducerMessage(
            topic: topic, partition: Self.partition(for: event, partitions: partitions),
            key: Array(event.transition.parkID.rawValue.utf8),
            value: Array(event.canonicalJSON(offsetSeconds: offsetSeconds).utf8),
            headers: Self.headers(for: event.source), timestamp: event.transition.eventTime.milliseconds)
        try producer.send(message)
    }

    /// Waits for Kafka's acknowledgements; throws `deliveryFailed` naming the first failure when
    /// deliveries to the alerts topic failed since the last flush, `timedOut` when some are still
    /// unacknowledged.
    public func flush(timeout: Duration) throws {
        let summary: KafkaDeliverySummary
        do {
            summary = try producer.flush(timeout: timeout)
        } catch let error as KafkaError where error.code == .timedOut {
            throw AlertSinkError(code: .timedOut, reason: error.reason)
        }
        let failures = summary.failed.filter { $0.topicPartition.topic == topic }
        let fresh = state.withLock { state -> ArraySlice<KafkaDeliveryReport> in
            defer { state.reportedFailures = failures.count }
            return failures.dropFirst(state.reportedFailures)
        }
        guard let first = fresh.first else { return }
        logger.error(
            "alert events not delivered",
            metadata: ["kafka.topic": "\(topic)", "alerts.failed": "\(fresh.count)"])
        throw AlertSinkError(
            code: .deliveryFailed,
            reason: "\(fresh.count) alert events not delivered to \(topic): \(first.error?.description ?? "unknown")")
    }

    public func close(timeout: Duration) throws {
        state.withLock { $0.closed = true }
        try flush(timeout: timeout)
    }
}
