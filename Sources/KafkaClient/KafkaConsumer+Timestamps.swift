import CRdKafka

extension KafkaConsumer {
    /// For each partition, the earliest offset whose message timestamp is at or after `timestamp`
    /// (milliseconds since the epoch), or the end offset when there is none: Kafka's ListOffsets
    /// semantics.
    ///
    /// Brokers answer this from their time index. librdkafka 2.0.2's embedded cluster answers -1 (the
    /// end) for every partition, so with `.automatic` an answer of "end" for a non-empty partition is
    /// checked against the newest message's timestamp, and when it contradicts the broker, the
    /// partition's timestamps are scanned instead.
    public func offsets(
        forTimestamp timestamp: Int64, partitions: [KafkaTopicPartition], timeout: Duration = .seconds(30)
    ) throws -> [KafkaTopicPartition: Int64] {
        switch configuration.timestampLookup {
        case .scan:
            return try scanOffsets(forTimestamp: timestamp, partitions: partitions, timeout: timeout)
        case .broker:
            return try brokerOffsets(forTimestamp: timestamp, partitions: partitions, timeout: timeout)
        case .automatic:
            var result = try brokerOffsets(forTimestamp: timestamp, partitions: partitions, timeout: timeout)
            var doubtful: [KafkaTopicPartition] = []
            for (partition, offset) in result {
                let (low, high) = try watermarks(partition, timeout: timeout)
                if offset == KafkaOffset.end.rawValue || offset == high {
                    result[partition] = high
                    if high > low { doubtful.append(partition) }
                }
            }
            guard !doubtful.isEmpty else { return result }
            let scanner = try makeScanner()
            for partition in doubtful.sorted() {
                let (_, high) = try watermarks(partition, timeout: timeout)
                let newest = try scanner.timestamp(of: partition, at: high - 1, timeout: timeout)
                if let newest, newest >= timestamp {
                    logger.debug(
                        "broker offsets-for-times unusable; scanning", metadata: ["kafka.partition": "\(partition)"])
                    result[partition] = try scanner.firstOffset(
                        in: partition, atOrAfter: timestamp, until: high, timeout: timeout)
                }
            }
            return result
        }
    }

    private func brokerOffsets(
        forTimestamp timestamp: Int64, partitions: [KafkaTopicPartition], timeout: Duration
    ) throws -> [KafkaTopicPartition: Int64] {
        let list = RDKafkaPartitionList(partitions.map { ($0, timestamp) })
        try KafkaError.check(
            rd_kafka_offsets_for_times(client.handle, list.pointer, timeout.kafkaMilliseconds), "offsets for times")
        try list.checkErrors("offsets for times of")
        var result: [KafkaTopicPartition: Int64] = [:]
        for (partition, offset, _) in list.entries {
            result[partition] = offset >= 0 ? offset : try watermarks(partition, timeout: timeout).high
        }
        return result
    }

    private func scanOffsets(
        forTimestamp timestamp: Int64, partitions: [KafkaTopicPartition], timeout: Duration
    ) throws -> [KafkaTopicPartition: Int64] {
        let scanner = try makeScanner()
        var result: [KafkaTopicPartition: Int64] = [:]
        for partition in partitions {
            let (_, high) = try watermarks(partition, timeout: timeout)
            result[partition] = try scanner.firstOffset(
                in: partition, atOrAfter: timestamp, until: high, timeout: timeout)
        }
        return result
    }

    private func makeScanner() throws -> KafkaTimestampScanner {
        var scanConfiguration = KafkaConsumerConfiguration(client: configuration.client)
        scanConfiguration.timestampLookup = .broker
        scanConfiguration.isolationLevel = configuration.isolationLevel
        return KafkaTimestampScanner(consumer: try KafkaConsumer(configuration: scanConfiguration, logger: logger))
    }
}

/// Reads message timestamps with a private assign-only consumer.
struct KafkaTimestampScanner {
    let consumer: KafkaConsumer

    /// The timestamp of the message at `offset`, or nil when that offset holds none (compacted, gone).
    func timestamp(of partition: KafkaTopicPartition, at offset: Int64, timeout: Duration) throws -> Int64? {
        guard offset >= 0 else { return nil }
        try consumer.assign([partition: KafkaOffset(rawValue: offset)])
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            for message in try consumer.poll(maxMessages: 1, timeout: .milliseconds(100)) where message.offset >= offset
            {
                return message.timestamp
            }
        }
        throw KafkaError(code: .timedOut, reason: "reading the message at \(partition)@\(offset) timed out")
    }

    /// The first offset in `partition` below `end` whose timestamp is at or after `timestamp`, else `end`.
    func firstOffset(in partition: KafkaTopicPartition, atOrAfter timestamp: Int64, until end: Int64, timeout: Duration)
        throws -> Int64
    {
        try consumer.assign([partition: .beginning])
        var lastProgress = ContinuousClock.now
        while ContinuousClock.now - lastProgress < timeout {
            let messages = try consumer.poll(maxMessages: 10_000, timeout: .milliseconds(100))
            if !messages.isEmpty { lastProgress = ContinuousClock.now }
            for message in messages {
                if message.offset >= end { return end }
                if let stamp = message.timestamp, stamp >= timestamp { return message.offset }
                if message.offset == end - 1 { return end }
            }
        }
        throw KafkaError(code: .timedOut, reason: "scanning \(partition) for timestamp \(timestamp) timed out")
    }
}

extension KafkaConsumer {
    /// The partition's watermarks as last seen in fetch responses, without asking the broker (cheap
    /// enough for every batch); nil before the first fetch.
    public func cachedWatermarks(_ partition: KafkaTopicPartition) -> (low: Int64, high: Int64)? {
        var low: Int64 = -1
        var high: Int64 = -1
        let err = rd_kafka_get_watermark_offsets(client.handle, partition.topic, partition.partition, &low, &high)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR, high >= 0 else { return nil }
        return (low, high)
    }
}
