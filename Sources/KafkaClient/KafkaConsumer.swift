import CRdKafka
import Logging

/// Consumes through librdkafka, in a consumer group (`subscribe`) or on chosen partitions (`assign`).
///
/// Drive one consumer from one thread: `poll`, `close` and the rebalance hook run there. Blocking
/// calls take a timeout; run them on a dedicated thread, never on the cooperative pool.
public final class KafkaConsumer: @unchecked Sendable {  // used from one thread at a time, as documented.
    let client: RDKafkaClient
    let configuration: KafkaConsumerConfiguration
    let logger: Logger
    private let queue: OpaquePointer
    private var rebalanceHook: KafkaRebalanceHook?
    private var batch = RDKafkaMessageBatch()
    private var closed = false

    /// - Parameter rebalanceHook: called for every assignment change of a group consumer.
    public init(
        configuration: KafkaConsumerConfiguration, logger: Logger, rebalanceHook: KafkaRebalanceHook? = nil
    ) throws {
        var configuration = configuration
        // librdkafka needs a group id to assign partitions; an assign-only consumer gets a private one
        // and never joins or commits with it.
        if configuration.groupID == nil {
            configuration.groupID = "parkstream-assign-\(UInt64.random(in: 0...UInt64.max))"
            self.isAssignOnly = true
        } else {
            self.isAssignOnly = false
        }
        self.configuration = configuration
        self.logger = logger
        self.rebalanceHook = rebalanceHook
        let callbacks = RDKafkaCallbacks(logger: logger)
        self.client = try RDKafkaClient(kind: .consumer, properties: configuration.properties, callbacks: callbacks)
        try KafkaError.check(rd_kafka_poll_set_consumer(client.handle), "route events to the consumer queue")
        guard let queue = rd_kafka_queue_get_consumer(client.handle) else {
            throw KafkaError(code: .state, reason: "consumer has no queue")
        }
        self.queue = queue
        callbacks.onRebalance = { [unowned self] err, list in self.rebalance(err, list) }
    }

    /// Whether this consumer only assigns partitions (no group of its own).
    public let isAssignOnly: Bool

    deinit {
        if !closed { rd_kafka_consumer_close(client.handle) }
        rd_kafka_queue_destroy(queue)
    }

    // MARK: - Subscription and assignment

    /// Joins the group and follows `topics`; partitions arrive through the rebalance hook.
    public func subscribe(_ topics: [String]) throws {
        let list = RDKafkaPartitionList(topics.map { KafkaTopicPartition(topic: $0, partition: RD_KAFKA_PARTITION_UA) })
        try KafkaError.check(rd_kafka_subscribe(client.handle, list.pointer), "subscribe to \(topics)")
    }

    /// Consumes exactly these partitions from these offsets, replacing any earlier assignment.
    public func assign(_ offsets: [KafkaTopicPartition: KafkaOffset]) throws {
        let list = RDKafkaPartitionList(offsets.sorted { $0.key < $1.key }.map { ($0.key, $0.value.rawValue) })
        try KafkaError.check(rd_kafka_assign(client.handle, list.pointer), "assign \(offsets.count) partitions")
    }

    /// The partitions currently assigned.
    public func assignment() throws -> [KafkaTopicPartition] {
        var list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
        try KafkaError.check(rd_kafka_assignment(client.handle, &list), "read assignment")
        guard let list else { return [] }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        return RDKafkaPartitionList.entries(of: list).map(\.0).sorted()
    }

    private func rebalance(_ err: rd_kafka_resp_err_t, _ list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) {
        let partitions = RDKafkaPartitionList.entries(of: list).map(\.0).sorted()
        let cooperative = isCooperative
        if err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS {
            let starts = rebalanceHook?(.assigned(partitions)) ?? [:]
            for index in 0..<Int(list.pointee.cnt) {
                let element = list.pointee.elems[index]
                let key = KafkaTopicPartition(topic: String(cString: element.topic), partition: element.partition)
                if let start = starts[key] { list.pointee.elems[index].offset = start.rawValue }
            }
            logger.info("partitions assigned", metadata: ["kafka.partitions": "\(partitions)"])
            if cooperative {
                report(rd_kafka_incremental_assign(client.handle, list).map { KafkaError(consuming: $0, "assign") })
            } else {
                report(failure(rd_kafka_assign(client.handle, list), "assign"))
            }
        } else {
            let lost = rd_kafka_assignment_lost(client.handle) != 0
            _ = rebalanceHook?(lost ? .lost(partitions) : .revoked(partitions))
            logger.info(
                lost ? "partitions lost" : "partitions revoked", metadata: ["kafka.partitions": "\(partitions)"])
            if cooperative {
                report(rd_kafka_incremental_unassign(client.handle, list).map { KafkaError(consuming: $0, "unassign") })
            } else {
                report(failure(rd_kafka_assign(client.handle, nil), "unassign"))
            }
        }
    }

    /// Whether the group rebalances incrementally. librdkafka has no answer (NULL) once the consumer
    /// is leaving its group, as in the revoke of a close: the configured protocol then.
    private var isCooperative: Bool {
        guard let name: UnsafePointer<CChar> = rd_kafka_rebalance_protocol(client.handle) else {
            return configuration.assignment == .cooperative
        }
        return String(cString: name) == "COOPERATIVE"
    }

    private func failure(_ err: rd_kafka_resp_err_t, _ operation: String) -> KafkaError? {
        err == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : KafkaError(err, operation)
    }

    private func report(_ error: KafkaError?) {
        if let error { logger.error("rebalance failed: \(error)") }
    }

    // MARK: - Polling

    /// Returns the messages waiting now, up to `maxMessages`; when none are, waits up to `timeout`
    /// for the first and then takes what else has arrived. Serves the rebalance hook and logs.
    public func poll(maxMessages: Int = 10_000, timeout: Duration) throws -> KafkaMessageBatch {
        try client.checkFatal()
        return try batch.consume(
            from: queue, max: maxMessages, timeout: timeout, headers: configuration.readsHeaders, logger: logger)
    }

    // MARK: - Positions

    /// Moves a partition's fetch position.
    public func seek(_ partition: KafkaTopicPartition, to offset: KafkaOffset, timeout: Duration = .seconds(10)) throws
    {
        let list = RDKafkaPartitionList([(partition, offset.rawValue)])
        try KafkaError.check(
            rd_kafka_seek_partitions(client.handle, list.pointer, timeout.kafkaMilliseconds), "seek \(partition)")
        try list.checkErrors("seek")
    }

    /// Commits offsets synchronously; each offset is the next one to read.
    public func commit(_ offsets: [KafkaTopicPartition: Int64]) throws {
        guard !offsets.isEmpty else { return }
        let list = RDKafkaPartitionList(offsets.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        try KafkaError.check(rd_kafka_commit(client.handle, list.pointer, 0), "commit")
        try list.checkErrors("commit")
    }

    /// The group's committed offsets; `.stored` for partitions with none.
    public func committed(_ partitions: [KafkaTopicPartition], timeout: Duration = .seconds(10)) throws
        -> [KafkaTopicPartition: KafkaOffset]
    {
        let list = RDKafkaPartitionList(partitions)
        try KafkaError.check(
            rd_kafka_committed(client.handle, list.pointer, timeout.kafkaMilliseconds), "read committed offsets")
        try list.checkErrors("read committed offset of")
        return Dictionary(uniqueKeysWithValues: list.entries.map { ($0.0, KafkaOffset(rawValue: $0.offset)) })
    }

    /// The oldest offset still in the log and the offset after the newest message, asked of the broker.
    public func watermarks(_ partition: KafkaTopicPartition, timeout: Duration = .seconds(10)) throws -> (
        low: Int64, high: Int64
    ) {
        var low: Int64 = 0
        var high: Int64 = 0
        let err = rd_kafka_query_watermark_offsets(
            client.handle, partition.topic, partition.partition, &low, &high, timeout.kafkaMilliseconds)
        try KafkaError.check(err, "watermarks of \(partition)")
        return (low, high)
    }

    /// Stops fetching these partitions until `resume`.
    public func pause(_ partitions: [KafkaTopicPartition]) throws {
        let list = RDKafkaPartitionList(partitions)
        try KafkaError.check(rd_kafka_pause_partitions(client.handle, list.pointer), "pause")
    }

    /// Fetches paused partitions again.
    public func resume(_ partitions: [KafkaTopicPartition]) throws {
        let list = RDKafkaPartitionList(partitions)
        try KafkaError.check(rd_kafka_resume_partitions(client.handle, list.pointer), "resume")
    }

    /// Brokers and topics (one topic, or all when nil).
    public func metadata(topic: String? = nil, timeout: Duration = .seconds(10)) throws -> KafkaClusterMetadata {
        try client.metadata(topic: topic, timeout: timeout)
    }

    // MARK: - Closing

    /// Leaves the group cleanly: the rebalance hook sees the final revoke, on this thread.
    public func close() throws {
        guard !closed else { return }
        closed = true
        try KafkaError.check(rd_kafka_consumer_close(client.handle), "close consumer")
    }
}
