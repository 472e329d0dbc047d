import KafkaClient
import Logging

/// Reads the newest messages of one partition with a private assign-only consumer: how a worker
/// finds a partition's latest checkpoint and the alerts already written for it.
struct PartitionTail {
    let consumer: KafkaConsumer

    init(client: KafkaClientConfiguration, logger: Logger) throws {
        var configuration = KafkaConsumerConfiguration(client: client)
        configuration.isolationLevel = .readCommitted
        consumer = try KafkaConsumer(configuration: configuration, logger: logger)
    }

    /// The last `count` messages of `partition` (fewer when it holds fewer), oldest first.
    func last(_ count: Int, of partition: KafkaTopicPartition, timeout: Duration = .seconds(30)) throws
        -> [KafkaMessage]
    {
        let (low, high) = try consumer.watermarks(partition, timeout: timeout)
        guard high > low, count > 0 else { return [] }
        let start = max(low, high - Int64(count))
        try consumer.assign([partition: KafkaOffset(rawValue: start)])
        var messages: [KafkaMessage] = []
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            for message in try consumer.poll(maxMessages: count, timeout: .milliseconds(100))
            where message.offset >= start {
                messages.append(message)
                if message.offset >= high - 1 { return messages }
            }
        }
        throw KafkaError(
            code: .timedOut,
            reason: "reading the tail of \(partition) timed out at \(messages.count) of \(high - start) messages")
    }
}
