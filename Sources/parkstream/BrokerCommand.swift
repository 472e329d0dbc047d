import ArgumentParser
import Foundation
import KafkaClient
import Logging
import ParkStreamRuntime

/// `parkstream broker`: the embedded Kafka cluster, with ParkStream's topics, until SIGINT/SIGTERM.
struct BrokerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "broker",
        abstract: "Run an embedded Kafka cluster (librdkafka's mock brokers) with ParkStream's topics.",
        discussion: """
            Prints the bootstrap server list as the first line on stdout, then runs until SIGINT or \
            SIGTERM. For development, demos and tests: it keeps about 5 MiB per partition in memory. \
            Production uses a real Kafka cluster (see deploy/).
            """)

    @Option(name: .customLong("brokers-count"), help: "Number of brokers.")
    var brokersCount = 3

    @Option(help: "Partitions of each ParkStream topic.")
    var partitions = 12

    @Option(help: "Consumer group of the workers (names the checkpoints topic).")
    var group = "parkstream-workers"

    func validate() throws {
        guard (1...32).contains(brokersCount) else { throw ValidationError("--brokers-count must be 1…32") }
        guard (1...1024).contains(partitions) else { throw ValidationError("--partitions must be 1…1024") }
    }

    func run() throws {
        let logger = Logger(label: "parkstream.broker")
        let signals = SignalWaiter([SIGINT, SIGTERM])
        let cluster = try EmbeddedKafkaCluster(brokerCount: brokersCount, logger: logger)
        var layout = TopicLayout()
        layout.partitions = partitions
        layout.group = group
        for spec in layout.specs(replicationFactor: min(3, brokersCount)) {
            try cluster.createTopic(spec.name, partitions: spec.partitions, replicationFactor: spec.replicationFactor)
            // Leaders round-robin over the brokers, as a real cluster balances them (the mock picks
            // at random, so a run could put every busy partition on one broker).
            for partition in 0..<Int32(spec.partitions) {
                try cluster.setLeader(
                    topic: spec.name, partition: partition, broker: partition % Int32(brokersCount) + 1)
            }
        }
        // Unbuffered, so a script reading the first line gets it at once.
        FileHandle.standardOutput.write(Data((cluster.bootstrapServers + "\n").utf8))
        let topics = layout.specs(replicationFactor: 1).map(\.name).joined(separator: ", ")
        logger.info(
            "embedded Kafka cluster up: \(brokersCount) brokers, topics \(topics) with \(partitions) partitions each; Ctrl-C stops it"
        )
        let signal = signals.wait()
        logger.info("signal \(signal): stopping the embedded cluster")
        withExtendedLifetime(cluster) {}
    }
}
