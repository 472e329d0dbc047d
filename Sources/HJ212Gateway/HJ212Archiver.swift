import HJ212
import KafkaClient
import Logging
import NIOCore
import ParkMetrics
import Synchronization

/// Writes what the device sessions produce to Kafka and sends each data reply once its packet is
/// safely archived: every frame to the raw topic (key MN when known, verdict and peer headers,
/// timestamp = receive time), every event to the metrics topic (key park_id, murmur2 partitioner,
/// timestamp = observed_at, canonical JSON, as `parkstream publish` writes them).
///
/// A reply tells the device its data arrived; so it leaves only after Kafka acknowledged the raw
/// record (acks=all). A record Kafka refuses gets no reply, and the device sends it again, which
/// the event id deduplicates downstream. Delivery reports are served by ``serveDeliveries(timeout:)``
/// on one dedicated thread (blocking poll, never on an event loop).
final class HJ212Archiver: Sendable {
    static let verdictHeader = "hj212-verdict"
    static let reasonHeader = "hj212-reason"
    static let peerHeader = "hj212-peer"
    static let receivedHeader = "hj212-received-at"
    static let parkHeader = "hj212-park"
    static let monitorHeader = "hj212-monitor"
    static let commandHeader = "hj212-cn"

    let producer: KafkaProducer
    let rawTopic: KafkaProducerTopic
    let metricsTopic: KafkaProducerTopic
    let metrics: HJ212GatewayMetrics
    let logger: Logger
    private let nextTag = Atomic<UInt64>(1)
    private let pending = Mutex<[UInt64: PendingReply]>([:])

    struct PendingReply: Sendable {
        var channel: any Channel
        var bytes: [UInt8]
        var since: ContinuousClock.Instant
    }

    init(producer: KafkaProducer, rawTopic: String, metricsTopic: String, metrics: HJ212GatewayMetrics, logger: Logger)
        throws
    {
        self.producer = producer
        self.rawTopic = try producer.topic(rawTopic)
        self.metricsTopic = try producer.topic(metricsTopic)
        self.metrics = metrics
        self.logger = logger
    }

    /// Replies waiting for their packet's acknowledgement.
    var pendingReplies: Int { pending.withLock { $0.count } }

    /// Archives one record, publishes its event, and schedules its reply on `channel`.
    func archive(
        _ record: SessionRecord, peer: String, receivedAt: Timestamp, since: ContinuousClock.Instant,
        channel: any Channel
    ) {
        metrics.received(record.verdict, event: record.event != nil, abandonedSplits: record.abandonedSplits)
        var headers = [
            KafkaHeader(name: Self.verdictHeader, string: record.verdict.rawValue),
            KafkaHeader(name: Self.peerHeader, string: peer),
            KafkaHeader(name: Self.receivedHeader, string: receivedAt.rfc3339()),
        ]
        if !record.reason.isEmpty { headers.append(KafkaHeader(name: Self.reasonHeader, string: record.reason)) }
        if let cn = record.cn { headers.append(KafkaHeader(name: Self.commandHeader, string: cn)) }
        if let device = record.device {
            headers.append(KafkaHeader(name: Self.parkHeader, string: device.parkID.rawValue))
            if let monitor = device.monitor { headers.append(KafkaHeader(name: Self.monitorHeader, string: monitor)) }
        }
        var tag: UInt64 = 0
        if let reply = record.reply {
            tag = nextTag.add(1, ordering: .relaxed).oldValue
            pending.withLock { $0[tag] = PendingReply(channel: channel, bytes: reply, since: since) }
        }
        do {
            let key = record.mn.map { Array($0.utf8) }
            try record.bytes.withUnsafeBytes { value in
                try send(
                    to: rawTopic, key: key, value: value, headers: headers, timestamp: receivedAt.milliseconds, tag: tag
                )
            }
            if let event = record.event {
                try MetricEventEncoder().encode(event).withUnsafeBytes { value in
                    try send(
                        to: metricsTopic, key: Array(event.parkID.rawValue.utf8), value: value, headers: [],
                        timestamp: event.observedAt.milliseconds, tag: 0)
                }
            }
        } catch {
            if tag != 0 { _ = pending.withLock { $0.removeValue(forKey: tag) } }
            metrics.deliveryFailed()
            logger.error(
                "hj212: cannot enqueue a record", metadata: ["hj212.peer": "\(peer)", "kafka.error": "\(error)"])
        }
    }

    private func send(
        to topic: KafkaProducerTopic, key: [UInt8]?, value: UnsafeRawBufferPointer, headers: [KafkaHeader],
        timestamp: Int64, tag: UInt64
    ) throws {
        if let key {
            try key.withUnsafeBytes { key in
                try producer.send(
                    to: topic, partition: nil, key: key, value: value, headers: headers, timestamp: timestamp, tag: tag)
            }
        } else {
            try producer.send(
                to: topic, partition: nil, key: nil, value: value, headers: headers, timestamp: timestamp, tag: tag)
        }
    }

    /// Serves delivery reports for up to `timeout` and sends the replies of acknowledged packets.
    /// Call from one dedicated thread: it blocks.
    func serveDeliveries(timeout: Duration) {
        producer.poll(timeout: timeout)
        let reports = producer.takeDeliveryReports()
        guard !reports.isEmpty else { return }
        let now = ContinuousClock.now
        for report in reports {
            let reply = report.tag == 0 ? nil : pending.withLock { $0.removeValue(forKey: report.tag) }
            if let error = report.error {
                metrics.deliveryFailed()
                logger.error(
                    "hj212: Kafka did not acknowledge a record; no reply sent, the device will resend",
                    metadata: ["kafka.topic": "\(report.topicPartition.topic)", "kafka.error": "\(error)"])
                continue
            }
            guard let reply else { continue }
            reply.channel.writeAndFlush(ByteBuffer(bytes: reply.bytes), promise: nil)
            metrics.replied(after: now - reply.since)
        }
    }
}
