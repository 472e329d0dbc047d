/// The outcome of one produced message, as librdkafka reported it.
public struct KafkaDeliveryReport: Sendable {
    /// The caller's tag given to `send` (for example an input line number).
    public var tag: UInt64
    public var topicPartition: KafkaTopicPartition
    /// The offset the message was written at; -1 when it failed.
    public var offset: Int64
    /// Why delivery failed; nil when the message was acknowledged.
    public var error: KafkaError?
}

/// Counts of delivered, failed and purged messages since the producer was created.
public struct KafkaDeliverySummary: Sendable {
    public var delivered = 0
    /// Every failed delivery, with its tag and reason.
    public var failed: [KafkaDeliveryReport] = []
    /// Messages dropped on purpose by `KafkaProducer.purge()`.
    public var purged = 0

    public init() {}
}
