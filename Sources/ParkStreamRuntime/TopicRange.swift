import KafkaClient
import Logging
import ParkMetrics

/// Reads one topic's messages from the first offset at or after `from` (offsets for times, with
/// the scan fallback the embedded cluster needs) up to the end offsets seen when it starts, with an
/// assign-only consumer: no group, nothing committed.
struct TopicRange {
    let consumer: KafkaConsumer
    let topic: String
    /// Where each partition stops (exclusive), for partitions with something to read.
    private(set) var ends: [Int32: Int64] = [:]
    /// Messages to read in all.
    private(set) var total: Int64 = 0

    init(client: KafkaClientConfiguration, topic: String, from: Timestamp?, logger: Logger) throws {
        consumer = try KafkaConsumer(configuration: KafkaConsumerConfiguration(client: client), logger: logger)
        self.topic = topic
        guard let numbers = try consumer.metadata(topic: topic).topic(topic)?.partitions else {
            throw KafkaError(code: .unknownTopicOrPartition, reason: "topic \(topic) does not exist")
        }
        let partitions = numbers.map { KafkaTopicPartition(topic: topic, partition: $0) }
        let firsts = try from.map { try consumer.offsets(forTimestamp: $0.milliseconds, partitions: partitions) }
        var starts: [KafkaTopicPartition: KafkaOffset] = [:]
        for partition in partitions {
            let (low, high) = try consumer.watermarks(partition)
            let start = max(low, firsts?[partition] ?? low)
            guard high > start else { continue }
            ends[partition.partition] = high
            starts[partition] = KafkaOffset(rawValue: start)
            total += high - start
        }
        try consumer.assign(starts)
    }

    /// Hands every message in the range to `body` (per partition in offset order), then closes.
    mutating func read(_ body: (KafkaRecord, KafkaMessageBatch, KafkaRecordBytes) throws -> Void) throws {
        while !ends.isEmpty {
            let batch = try consumer.poll(maxMessages: 10_000, timeout: .milliseconds(200))
            try batch.withUnsafeBytes { bytes in
                for record in batch.records {
                    guard let end = ends[record.partition], record.offset < end else { continue }
                    try body(record, batch, bytes)
                    if record.offset + 1 >= end { ends[record.partition] = nil }
                }
            }
        }
        try consumer.close()
    }
}
