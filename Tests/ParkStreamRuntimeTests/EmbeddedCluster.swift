import Foundation
import KafkaClient
import Logging

/// An embedded Kafka cluster for one test, with a producer and an assign-mode reader.
final class EmbeddedCluster {
    let cluster: EmbeddedKafkaCluster
    let logger: Logger

    init(brokers: Int = 1) throws {
        var logger = Logger(label: "test.kafka")
        logger.logLevel = ProcessInfo.processInfo.environment["PARKSTREAM_TEST_LOG"] == nil ? .critical : .debug
        self.logger = logger
        cluster = try EmbeddedKafkaCluster(brokerCount: brokers, logger: logger)
    }

    var client: KafkaClientConfiguration {
        KafkaClientConfiguration(bootstrapServers: [cluster.bootstrapServers])
    }

    /// A new topic with a unique name.
    func topic(_ prefix: String, partitions: Int) throws -> String {
        let name = "\(prefix)-\(UInt32.random(in: 0...UInt32.max))"
        try cluster.createTopic(name, partitions: partitions)
        return name
    }

    func producer() throws -> KafkaProducer {
        var configuration = KafkaProducerConfiguration(client: client)
        configuration.linger = .milliseconds(1)
        return try KafkaProducer(configuration: configuration, logger: logger)
    }

    /// Every message of `topic`'s `partitions` partitions, polling until `count` arrived (30 s at most).
    func read(_ topic: String, partitions: Int, count: Int) throws -> [KafkaMessage] {
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
