import Foundation
import KafkaClient
import Logging

/// An embedded cluster per test, with helpers to make clients and unique names.
final class TestCluster: @unchecked Sendable {  // used from one test at a time
    let cluster: EmbeddedKafkaCluster
    let logger: Logger

    init(brokers: Int = 3) throws {
        var logger = Logger(label: "test")
        logger.logLevel = ProcessInfo.processInfo.environment["PARKSTREAM_TEST_LOG"] == nil ? .critical : .debug
        self.logger = logger
        cluster = try EmbeddedKafkaCluster(brokerCount: brokers, logger: logger)
    }

    var client: KafkaClientConfiguration {
        KafkaClientConfiguration(bootstrapServers: [cluster.bootstrapServers])
    }

    func topic(_ prefix: String, partitions: Int) throws -> String {
        let name = "\(prefix)-\(UInt32.random(in: 0...UInt32.max))"
        try cluster.createTopic(name, partitions: partitions)
        return name
    }

    func producer(keepsReports: Bool = false, _ adjust: (inout KafkaProducerConfiguration) -> Void = { _ in }) throws
        -> KafkaProducer
    {
        var configuration = KafkaProducerConfiguration(client: client)
        configuration.linger = .milliseconds(1)
        adjust(&configuration)
        return try KafkaProducer(configuration: configuration, keepsReports: keepsReports, logger: logger)
    }

    func consumer(
        group: String? = nil, _ adjust: (inout KafkaConsumerConfiguration) -> Void = { _ in },
        hook: KafkaRebalanceHook? = nil
    ) throws -> KafkaConsumer {
        var configuration = KafkaConsumerConfiguration(client: client, groupID: group)
        configuration.sessionTimeout = .seconds(6)
        adjust(&configuration)
        return try KafkaConsumer(configuration: configuration, logger: logger, rebalanceHook: hook)
    }
}

/// Polls until `count` messages arrived or `timeout` passed.
func drain(_ consumer: KafkaConsumer, count: Int, timeout: Duration = .seconds(30)) throws -> [KafkaMessage] {
    var messages: [KafkaMessage] = []
    let deadline = ContinuousClock.now + timeout
    while messages.count < count, ContinuousClock.now < deadline {
        messages += try consumer.poll(maxMessages: 10_000, timeout: .milliseconds(100))
    }
    return messages
}

/// Polls every consumer in turn until `done` holds or `timeout` passed; returns whether it held.
func pollAll(_ consumers: [KafkaConsumer], timeout: Duration = .seconds(40), until done: () throws -> Bool) throws
    -> Bool
{
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        for consumer in consumers { _ = try consumer.poll(timeout: .milliseconds(20)) }
        if try done() { return true }
    }
    return false
}
