import CRdKafka
import Synchronization

/// A producer's record of delivery reports: how many were delivered, which failed, how many were
/// purged, and (when asked for) every report and the per-partition counts of `KafkaDeliveryMarks`
/// (where a purged message counts as failed: whoever waits for it must not take it as written).
///
/// librdkafka's delivery callback reaches it directly through the client's callbacks, once per
/// message, with no closure or reference counting in between.
final class KafkaDeliveryLedger: Sendable {
    private let delivered = Atomic<Int>(0)
    private let purged = Atomic<Int>(0)
    private let failures = Mutex<[KafkaDeliveryReport]>([])
    private let keepsReports: Bool
    private let reports = Mutex<[KafkaDeliveryReport]>([])
    /// Per-partition sent and reported counts, when counted.
    let marks: KafkaDeliveryMarks?

    init(keepsReports: Bool, countsDeliveriesPerPartition: Bool) {
        self.keepsReports = keepsReports
        self.marks = countsDeliveriesPerPartition ? KafkaDeliveryMarks() : nil
    }

    /// Delivered and failed counts so far.
    var summary: KafkaDeliverySummary {
        var summary = KafkaDeliverySummary()
        summary.delivered = delivered.load(ordering: .acquiring)
        summary.failed = failures.withLock { $0 }
        summary.purged = purged.load(ordering: .acquiring)
        return summary
    }

    /// The reports kept since the last call (only with `keepsReports`).
    func takeReports() -> [KafkaDeliveryReport] {
        reports.withLock { kept in
            defer { kept.removeAll(keepingCapacity: true) }
            return kept
        }
    }

    /// Records one delivery report.
    func record(_ message: UnsafePointer<rd_kafka_message_t>) {
        let err = message.pointee.err
        let failed = err != RD_KAFKA_RESP_ERR_NO_ERROR
        let tag = UInt64(UInt(bitPattern: message.pointee._private))
        let counted = tag & KafkaDeliveryMarks.countedBit != 0
        guard failed || keepsReports || counted else {
            delivered.add(1, ordering: .releasing)
            return
        }
        let topicName = message.pointee.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
        defer {
            // After the failure is kept, so that a waiter seeing the count finds the failure too.
            if counted {
                marks?.reported(
                    KafkaTopicPartition(topic: topicName, partition: message.pointee.partition), failed: failed)
            }
        }
        guard failed || keepsReports else {
            delivered.add(1, ordering: .releasing)
            return
        }
        let report = KafkaDeliveryReport(
            tag: tag & ~KafkaDeliveryMarks.countedBit,
            topicPartition: KafkaTopicPartition(topic: topicName, partition: message.pointee.partition),
            offset: failed ? -1 : message.pointee.offset,
            error: failed ? KafkaError(err, "delivery to \(topicName)") : nil)
        if err == RD_KAFKA_RESP_ERR__PURGE_QUEUE || err == RD_KAFKA_RESP_ERR__PURGE_INFLIGHT {
            purged.add(1, ordering: .releasing)
        } else if failed {
            failures.withLock { $0.append(report) }
        } else {
            delivered.add(1, ordering: .releasing)
        }
        if keepsReports { reports.withLock { $0.append(report) } }
    }
}
