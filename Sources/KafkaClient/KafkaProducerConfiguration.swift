/// Settings of a `KafkaProducer`. Defaults follow ARCHITECTURE.md §2: idempotent, `acks=all`.
public struct KafkaProducerConfiguration: Sendable {
    /// How many replicas must have a message before it counts as delivered.
    public enum Acks: String, Sendable {
        case none = "0"
        case leader = "1"
        case all = "all"
    }

    /// Batch compression codec.
    public enum Compression: String, Sendable {
        case none, gzip, snappy, lz4, zstd
    }

    public var client: KafkaClientConfiguration
    /// Idempotent delivery: retries never duplicate or reorder messages on brokers that check sequences.
    public var idempotent = true
    public var acks = Acks.all
    /// LZ4 by default: cheap on CPU, and it stretches the embedded cluster's bounded log.
    public var compression = Compression.lz4
    /// How long to wait for more messages before sending a batch.
    public var linger = Duration.milliseconds(5)
    /// How long a message may wait for delivery, retries included, before it fails.
    public var deliveryTimeout = Duration.seconds(120)
    /// Messages librdkafka may hold in its send queue before `send` waits for room.
    public var queueCapacity = 1_000_000
    /// The Java client's partitioner for keyed messages, so producers in any language agree.
    public var partitioner = "murmur2_random"

    public init(client: KafkaClientConfiguration) {
        self.client = client
    }

    var properties: [(String, String)] {
        client.baseProperties + [
            ("enable.idempotence", idempotent ? "true" : "false"),
            ("acks", acks.rawValue),
            ("compression.codec", compression.rawValue),
            ("linger.ms", String(linger.kafkaMilliseconds)),
            ("message.timeout.ms", String(deliveryTimeout.kafkaMilliseconds)),
            ("queue.buffering.max.messages", String(queueCapacity)),
            ("queue.buffering.max.kbytes", "2097151"),
            ("batch.size", "1000000"),
            ("partitioner", partitioner),
        ] + client.properties.sorted { $0.key < $1.key }
    }
}
