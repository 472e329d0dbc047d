import CRdKafka
import Logging
import Synchronization

/// Produces messages through librdkafka: idempotent, `acks=all` and LZ4 by default.
///
/// `send` only enqueues; delivery reports are served by `poll` and `flush`, on the calling thread.
/// Every method may be called from any thread; `flush` blocks, so call it off the cooperative pool.
///
/// `@unchecked Sendable`: librdkafka producers are thread-safe, and our own state is behind `Mutex`es.
public final class KafkaProducer: @unchecked Sendable {
    let client: RDKafkaClient
    private let topicHandles = Mutex<[String: RDKafkaTopicHandle]>([:])
    private let ledger: KafkaDeliveryLedger
    /// Per-partition sent and reported counts (`countsDeliveriesPerPartition`).
    var marks: KafkaDeliveryMarks? { ledger.marks }

    /// - Parameter keepsReports: keep every delivery report (with its offset) for `takeDeliveryReports()`.
    /// - Parameter countsDeliveriesPerPartition: count messages sent to explicit partitions and
    ///   their reports, for `deliveryMark(_:)` and `waitForDeliveries(through:timeout:)`.
    public init(
        configuration: KafkaProducerConfiguration, keepsReports: Bool = false,
        countsDeliveriesPerPartition: Bool = false, logger: Logger
    ) throws {
        let ledger = KafkaDeliveryLedger(
            keepsReports: keepsReports, countsDeliveriesPerPartition: countsDeliveriesPerPartition)
        let callbacks = RDKafkaCallbacks(logger: logger, deliveries: ledger)
        self.client = try RDKafkaClient(kind: .producer, properties: configuration.properties, callbacks: callbacks)
        self.ledger = ledger
    }

    deinit {
        topicHandles.withLock { $0.removeAll() }
    }

    // MARK: - Sending

    /// Enqueues a message. When librdkafka's queue is full it serves delivery reports until there is
    /// room, so a fast producer slows down instead of failing.
    public func send(_ message: KafkaProducerMessage, tag: UInt64 = 0) throws {
        try message.value.withUnsafeBytes { (value) throws in
            if let key = message.key {
                try key.withUnsafeBytes { (key) throws in
                    try send(
                        topic: message.topic, partition: message.partition, key: key, value: value,
                        headers: message.headers, timestamp: message.timestamp, tag: tag)
                }
            } else {
                try send(
                    topic: message.topic, partition: message.partition, key: nil, value: value,
                    headers: message.headers, timestamp: message.timestamp, tag: tag)
            }
        }
    }

    /// Enqueues a message from borrowed bytes (librdkafka copies them).
    public func send(
        topic: String, partition: Int32?, key: UnsafeRawBufferPointer?, value: UnsafeRawBufferPointer,
        headers: [KafkaHeader] = [], timestamp: Int64? = nil, tag: UInt64 = 0
    ) throws {
        try send(
            to: self.topic(topic), partition: partition, key: key, value: value, headers: headers,
            timestamp: timestamp, tag: tag)
    }

    /// A topic to send to, looked up once: the hot path of `publish` and the worker's outputs.
    public func topic(_ name: String) throws -> KafkaProducerTopic {
        KafkaProducerTopic(name: name, handle: try handle(for: name))
    }

    /// Enqueues a message to a topic looked up with `topic(_:)`, from borrowed bytes.
    public func send(
        to topic: KafkaProducerTopic, partition: Int32?, key: UnsafeRawBufferPointer?, value: UnsafeRawBufferPointer,
        headers: [KafkaHeader] = [], timestamp: Int64? = nil, tag: UInt64 = 0
    ) throws {
        let counted = marks != nil && partition != nil
        while true {
            let error = produce(
                topic.handle, partition, key, value, headers, timestamp,
                counted ? tag | KafkaDeliveryMarks.countedBit : tag)
            guard let error else {
                if counted, let partition { marks?.sent(KafkaTopicPartition(topic: topic.name, partition: partition)) }
                return
            }
            let failure = KafkaError(consuming: error, "produce to \(topic.name)")
            guard failure.code == .queueFull else {
                try client.checkFatal()
                throw failure
            }
            rd_kafka_poll(client.handle, 10)
        }
    }

    private func produce(
        _ topic: RDKafkaTopicHandle, _ partition: Int32?, _ key: UnsafeRawBufferPointer?,
        _ value: UnsafeRawBufferPointer,
        _ headers: [KafkaHeader], _ timestamp: Int64?, _ tag: UInt64
    ) -> OpaquePointer? {
        let headerList = RDKafkaHeaders.make(headers)
        let error = withUnsafeTemporaryAllocation(of: rd_kafka_vu_t.self, capacity: 8) { buffer -> OpaquePointer? in
            guard let fields = buffer.baseAddress else { return nil }
            var count = 0
            func add(_ type: rd_kafka_vtype_t, _ fill: (inout rd_kafka_vu_t) -> Void) {
                var field = rd_kafka_vu_t()
                field.vtype = type
                fill(&field)
                (fields + count).initialize(to: field)
                count += 1
            }
            add(RD_KAFKA_VTYPE_RKT) { $0.u.rkt = topic.pointer }
            add(RD_KAFKA_VTYPE_PARTITION) { $0.u.i32 = partition ?? RD_KAFKA_PARTITION_UA }
            add(RD_KAFKA_VTYPE_MSGFLAGS) { $0.u.i = RD_KAFKA_MSG_F_COPY }
            add(RD_KAFKA_VTYPE_VALUE) {
                $0.u.mem = .init(ptr: UnsafeMutableRawPointer(mutating: value.baseAddress), size: value.count)
            }
            add(RD_KAFKA_VTYPE_OPAQUE) { $0.u.ptr = UnsafeMutableRawPointer(bitPattern: UInt(tag)) }
            if let key {
                add(RD_KAFKA_VTYPE_KEY) {
                    $0.u.mem = .init(ptr: UnsafeMutableRawPointer(mutating: key.baseAddress), size: key.count)
                }
            }
            if let timestamp { add(RD_KAFKA_VTYPE_TIMESTAMP) { $0.u.i64 = timestamp } }
            if let headerList { add(RD_KAFKA_VTYPE_HEADERS) { $0.u.headers = headerList } }
            return rd_kafka_produceva(client.handle, fields, count)
        }
        // On success the message owns the headers; on failure they are still ours.
        if error != nil, let headerList { rd_kafka_headers_destroy(headerList) }
        return error
    }

    /// How many partitions `topic` has. A producer's request creates a missing topic where the
    /// cluster allows that; while a new topic has no leaders yet, asks again until `timeout`.
    public func partitionCount(of topic: String, timeout: Duration = .seconds(30)) throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while true {
            let remaining = max(.milliseconds(1), deadline - ContinuousClock.now)
            let metadata: KafkaClusterMetadata
            do {
                metadata = try client.metadata(topic: topic, timeout: remaining)
            } catch let error as KafkaError {
                throw KafkaError(
                    code: error.code,
                    reason: "cannot learn the partitions of \(topic) within \(timeout): \(error.reason)")
            }
            let known = metadata.topics.first { $0.name == topic }
            if let known, known.error == nil, !known.partitions.isEmpty { return Int32(known.partitions.count) }
            let code = known?.error ?? .unknownTopicOrPartition
            guard code == .leaderNotAvailable || code == .unknownTopicOrPartition, ContinuousClock.now < deadline
            else {
                throw KafkaError(code: code, reason: "topic \(topic): no partitions to send to")
            }
            rd_kafka_poll(client.handle, 100)  // serves delivery reports while it waits
        }
    }

    private func handle(for topic: String) throws -> RDKafkaTopicHandle {
        let result = topicHandles.withLock { handles -> RDKafkaTopicHandle? in
            if let existing = handles[topic] { return existing }
            guard let created = RDKafkaTopicHandle(client: client, name: topic) else { return nil }
            handles[topic] = created
            return created
        }
        guard let result else {
            throw KafkaError(rd_kafka_last_error(), "cannot open topic \(topic)")
        }
        return result
    }

    // MARK: - Delivery

    /// Serves delivery reports waiting now, or for up to `timeout` when none are.
    public func poll(timeout: Duration = .zero) {
        rd_kafka_poll(client.handle, timeout.kafkaMilliseconds)
    }

    /// Messages enqueued or in flight whose delivery is not yet reported.
    public var outstanding: Int { Int(rd_kafka_outq_len(client.handle)) }

    /// Waits until every message sent so far is delivered or failed, then returns the summary.
    /// Throws `timedOut` when messages are still outstanding after `timeout`.
    @discardableResult
    public func flush(timeout: Duration) throws -> KafkaDeliverySummary {
        let err = rd_kafka_flush(client.handle, timeout.kafkaMilliseconds)
        try client.checkFatal()
        if err == RD_KAFKA_RESP_ERR__TIMED_OUT {
            throw KafkaError(
                code: .timedOut, reason: "flush: \(outstanding) messages still undelivered after \(timeout)")
        }
        try KafkaError.check(err, "flush")
        return deliverySummary
    }

    /// Drops every message not yet acknowledged, queued or in flight: librdkafka sends none of them
    /// again and ignores any late acknowledgement. A message a broker appended before its connection
    /// failed stays where it is. Waits until the drops are reported (they fail with
    /// `_PURGE_QUEUE`/`_PURGE_INFLIGHT`, count as `purged` in the summary, not as failures, and end
    /// `waitForDeliveries` with an error) and returns how many messages were dropped.
    ///
    /// For a worker giving up partitions whose outputs it cannot get acknowledged in time: once the
    /// partitions are released, nothing of theirs may still be written on their behalf.
    @discardableResult
    public func purge() -> Int {
        let before = ledger.summary.purged
        rd_kafka_purge(client.handle, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT)
        // The reports of the purged messages arrive on the next polls.
        let deadline = ContinuousClock.now + .seconds(5)
        while rd_kafka_outq_len(client.handle) > 0, ContinuousClock.now < deadline {
            rd_kafka_poll(client.handle, 10)
        }
        return ledger.summary.purged - before
    }

    /// Delivered, failed and purged counts so far.
    public var deliverySummary: KafkaDeliverySummary { ledger.summary }

    /// The reports kept since the last call (only with `keepsReports`).
    public func takeDeliveryReports() -> [KafkaDeliveryReport] { ledger.takeReports() }
}

/// A topic a producer sends to, looked up once so that sending skips the lookup.
public struct KafkaProducerTopic: Sendable {
    public let name: String
    let handle: RDKafkaTopicHandle
}
