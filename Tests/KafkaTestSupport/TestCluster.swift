import Foundation
import KafkaClient
import Logging

/// An embedded cluster per test, with helpers to make clients, unique topic names and reads;
/// shared by the test targets that talk to Kafka.
public final class TestCluster: @unchecked Sendable {  // used from one test at a time
    public let cluster: EmbeddedKafkaCluster
    public let logger: Logger

    public init(brokers: Int = 3) throws {
        var logger = Logger(label: "test")
        logger.logLevel = ProcessInfo.processInfo.environment["PARKSTREAM_TEST_LOG"] == nil ? .critical : .debug
        self.logger = logger
        cluster = try EmbeddedKafkaCluster(brokerCount: brokers, logger: logger)
    }

    public var client: KafkaClientConfiguration {
        KafkaClientConfiguration(bootstrapServers: [cluster.bootstrapServers])
    }

    /// A new topic with a unique name.
    public func topic(_ prefix: String, partitions: Int) throws -> String {
        let name = "\(prefix)-\(UInt32.random(in: 0...UInt32.max))"
        try cluster.createTopic(name, partitions: partitions)
        return name
    }

    public func producer(
        keepsReports: Bool = false, countsDeliveriesPerPartition: Bool = false,
        _ adjust: (inout KafkaProducerConfiguration) -> Void = { _ in }
    )
        throws
        -> KafkaProducer
    {
        var configuration = KafkaProducerConfiguration(client: client)
        configuration.linger = .milliseconds(1)
        adjust(&configuration)
        return try KafkaProducer(
            configuration: configuration, keepsReports: keepsReports,
            countsDeliveriesPerPartition: countsDeliveriesPerPartition, logger: logger)
    }

    public func consumer(
        group: String? = nil, _ adjust: (inout KafkaConsumerConfiguration) -> Void = { _ in },
        hook: KafkaRebalanceHook? = nil
    ) throws -> KafkaConsumer {
        var configuration = KafkaConsumerConfiguration(client: client, groupID: group)
        configuration.sessionTimeout = .seconds(6)
        adjust(&configuration)
        return try KafkaConsumer(configuration: configuration, logger: logger, rebalanceHook: hook)
    }

    /// Every message of `topic`'s `partitions` partitions, polling until `count` arrived (30 s at most).
    public func read(_ topic: String, partitions: Int, count: Int) throws -> [KafkaMessage] {
        let consumer = try KafkaConsumer(configuration: KafkaConsumerConfiguration(client: client), logger: logger)
        let all = (0..<Int32(partitions)).map {
            (KafkaTopicPartition(topic: topic, partition: $0), KafkaOffset.beginning)
        }
        try consumer.assign(Dictionary(uniqueKeysWithValues: all))
        var messages: [KafkaMessage] = []
        let deadline = ContinuousClock.now + .seconds(30)
        while messages.count < count, ContinuousClock.now < deadline {
            messages += try consumer.poll(timeout: .milliseconds(100))
        }
        try consumer.close()
        return messages
    }
}
