import ArgumentParser
import Foundation
import KafkaClient
import Logging
import ParkStreamRuntime

/// `parkstream topics`: the topics of ARCHITECTURE.md §3 on a real cluster.
struct TopicsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topics",
        abstract: "Manage ParkStream's Kafka topics.",
        subcommands: [Create.self])

    /// `parkstream topics create`.
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create ParkStream's topics (Admin API); topics that exist are left as they are.")

        @OptionGroup var kafka: KafkaOptions

        @Option(help: "Partitions of each topic (at least the number of workers you plan to run).")
        var partitions = 12

        @Option(name: .customLong("replication-factor"), help: "Replicas of each partition.")
        var replicationFactor = 3

        @Option(help: "Consumer group of the workers (names the checkpoints topic).")
        var group = "parkstream-workers"

        @Option(help: "Seconds to wait for the cluster's answer.")
        var timeout = 15

        func run() throws {
            let logger = Logger(label: "parkstream.topics")
            let admin = try KafkaAdmin(
                configuration: kafka.clientConfiguration(clientID: "parkstream-topics"), logger: logger)
            var layout = TopicLayout()
            layout.partitions = partitions
            layout.group = group
            let specs = layout.specs(replicationFactor: replicationFactor)
            let outcome: [String: KafkaError?]
            do {
                outcome = try admin.createTopics(specs, timeout: .seconds(timeout))
            } catch let error as KafkaError {
                try explainWithoutAdmin(error, admin: admin, specs: specs)
                return
            }
            var failed = false
            for spec in specs {
                switch outcome[spec.name] ?? nil {
                case nil: print("created \(spec.name) (\(spec.partitions) partitions)")
                case let error? where error.code == .topicAlreadyExists: print("exists  \(spec.name)")
                case let error?:
                    failed = true
                    print("failed  \(spec.name): \(error)")
                }
            }
            if failed { throw ExitCode.failure }
        }

        /// The embedded cluster has no Admin API: say so, and check whether the topics are there anyway.
        private func explainWithoutAdmin(_ error: KafkaError, admin: KafkaAdmin, specs: [KafkaTopicSpec]) throws {
            let metadata = try admin.metadata()
            let missing = specs.filter { metadata.topic($0.name) == nil }.map(\.name)
            let limit =
                "the cluster did not create topics (\(error.code.name)): librdkafka's embedded cluster "
                + "(`parkstream broker`) has no Admin API and creates ParkStream's topics itself when it starts"
            if missing.isEmpty {
                print("all \(specs.count) topics exist; \(limit)")
                return
            }
            throw CommandFailure("\(limit); missing: \(missing.joined(separator: ", "))")
        }
    }
}
