import CRdKafka
import Synchronization

/// How many messages a producer has sent to and had reported from each partition, for waiting on
/// exactly the messages sent before a moment while other threads keep sending (a flush would wait
/// for theirs too, and under a steady stream might never end).
///
/// librdkafka reports deliveries of one partition in the order they were sent, so once a
/// partition's reported count reaches its sent count of that moment, every message sent to it
/// before then is reported. Only messages sent to an explicit partition are counted.
final class KafkaDeliveryMarks: Sendable {
    struct Counts: Sendable {
        var sent: Int64 = 0
        var reported: Int64 = 0
        var failed: Int64 = 0
    }

    /// The tag bit that marks a message counted here (tags are the caller's otherwise).
    static let countedBit: UInt64 = 1 << 63

    private let counts = Mutex<[KafkaTopicPartition: Counts]>([:])

    func sent(_ partition: KafkaTopicPartition) {
        counts.withLock { $0[partition, default: Counts()].sent += 1 }
    }

    func reported(_ partition: KafkaTopicPartition, failed: Bool) {
        counts.withLock { counts in
            counts[partition, default: Counts()].reported += 1
            if failed { counts[partition, default: Counts()].failed += 1 }
        }
    }

    func snapshot(_ partitions: some Sequence<KafkaTopicPartition>) -> [KafkaTopicPartition: Counts] {
        counts.withLock { counts in
            Dictionary(partitions.map { ($0, counts[$0] ?? Counts()) }, uniquingKeysWith: { first, _ in first })
        }
    }
}

/// A moment in a producer's sending: per partition, the messages sent until then.
public struct KafkaDeliveryMark: Sendable {
    let counts: [KafkaTopicPartition: KafkaDeliveryMarks.Counts]

    /// The partitions it covers.
    public var partitions: [KafkaTopicPartition] { Array(counts.keys) }
}

extension KafkaProducer {
    /// Whether this producer counts deliveries per partition (`deliveryMark`).
    public var countsDeliveriesPerPartition: Bool { marks != nil }

    /// The messages sent so far to `partitions` (each sent with an explicit partition), to wait for
    /// with `waitForDeliveries(through:timeout:)`. Needs `countsDeliveriesPerPartition`.
    public func deliveryMark(_ partitions: some Sequence<KafkaTopicPartition>) -> KafkaDeliveryMark {
        KafkaDeliveryMark(counts: marks?.snapshot(partitions) ?? [:])
    }

    /// Waits until every message counted in `mark` is reported, serving delivery reports meanwhile;
    /// other threads may go on sending. Throws when one of those partitions had a delivery fail
    /// since the mark, or `timedOut`.
    public func waitForDeliveries(through mark: KafkaDeliveryMark, timeout: Duration) throws {
        guard let marks else { return }
        let deadline = ContinuousClock.now + timeout
        while true {
            let now = marks.snapshot(mark.counts.keys)
            if let failed = now.first(where: { $0.value.failed > mark.counts[$0.key]?.failed ?? 0 }) {
                let report = deliverySummary.failed.last { $0.topicPartition == failed.key }
                throw report?.error
                    ?? KafkaError(
                        code: .state, reason: "deliveries to \(failed.key) were purged before their acknowledgement")
            }
            if now.allSatisfy({ $0.value.reported >= mark.counts[$0.key]?.sent ?? 0 }) { return }
            try client.checkFatal()
            guard ContinuousClock.now < deadline else {
                throw KafkaError(code: .timedOut, reason: "deliveries still unreported after \(timeout)")
            }
            rd_kafka_poll(client.handle, 5)
        }
    }
}
