import CRdKafka
import Logging

/// A topic to create.
public struct KafkaTopicSpec: Sendable, Hashable {
    public var name: String
    public var partitions: Int
    public var replicationFactor: Int
    /// Topic configs, e.g. `cleanup.policy=compact`, `retention.ms`.
    public var configs: [String: String]

    public init(name: String, partitions: Int, replicationFactor: Int = 3, configs: [String: String] = [:]) {
        self.name = name
        self.partitions = partitions
        self.replicationFactor = replicationFactor
        self.configs = configs
    }
}

/// Cluster administration through the Kafka Admin API (real clusters; the embedded cluster has none).
public final class KafkaAdmin: @unchecked Sendable {  // librdkafka handles are thread-safe.
    private let client: RDKafkaClient

    public init(configuration: KafkaClientConfiguration, logger: Logger) throws {
        client = try RDKafkaClient(
            kind: .producer,
            properties: configuration.baseProperties + configuration.properties.sorted { $0.key < $1.key },
            callbacks: RDKafkaCallbacks(logger: logger))
    }

    /// Brokers and topics.
    public func metadata(topic: String? = nil, timeout: Duration = .seconds(10)) throws -> KafkaClusterMetadata {
        try client.metadata(topic: topic, timeout: timeout)
    }

    /// Creates topics; for each, nil on success or the error (`TOPIC_ALREADY_EXISTS` among them).
    public func createTopics(_ specs: [KafkaTopicSpec], timeout: Duration = .seconds(30)) throws -> [String:
        KafkaError?]
    {
        var errstr = CErrorBuffer()
        var newTopics: [OpaquePointer?] = []
        defer { newTopics.forEach { rd_kafka_NewTopic_destroy($0) } }
        for spec in specs {
            guard
                let topic = rd_kafka_NewTopic_new(
                    spec.name, Int32(spec.partitions), Int32(spec.replicationFactor), &errstr.bytes, errstr.count)
            else {
                throw KafkaError(code: .invalidArgument, reason: "topic \(spec.name): \(errstr.text)")
            }
            newTopics.append(topic)
            for (key, value) in spec.configs.sorted(by: { $0.key < $1.key }) {
                try KafkaError.check(
                    rd_kafka_NewTopic_set_config(topic, key, value), "topic \(spec.name) config \(key)")
            }
        }
        guard let queue = rd_kafka_queue_new(client.handle) else {
            throw KafkaError(code: .state, reason: "cannot create an admin result queue")
        }
        defer { rd_kafka_queue_destroy(queue) }
        let options = rd_kafka_AdminOptions_new(client.handle, RD_KAFKA_ADMIN_OP_CREATETOPICS)
        defer { rd_kafka_AdminOptions_destroy(options) }
        _ = rd_kafka_AdminOptions_set_request_timeout(options, timeout.kafkaMilliseconds, &errstr.bytes, errstr.count)
        newTopics.withUnsafeMutableBufferPointer { buffer in
            rd_kafka_CreateTopics(client.handle, buffer.baseAddress, buffer.count, options, queue)
        }
        guard let event = rd_kafka_queue_poll(queue, timeout.kafkaMilliseconds + 1000) else {
            throw KafkaError(code: .timedOut, reason: "create topics: no answer within \(timeout)")
        }
        defer { rd_kafka_event_destroy(event) }
        try KafkaError.check(rd_kafka_event_error(event), "create topics")
        var count = 0
        guard let result = rd_kafka_event_CreateTopics_result(event),
            let topics = rd_kafka_CreateTopics_result_topics(result, &count)
        else { throw KafkaError(code: .state, reason: "create topics: unexpected answer") }
        var outcome: [String: KafkaError?] = [:]
        for index in 0..<count {
            let topic = topics[index]
            let name = String(cString: rd_kafka_topic_result_name(topic))
            let err = rd_kafka_topic_result_error(topic)
            let message = rd_kafka_topic_result_error_string(topic).map { String(cString: $0) } ?? ""
            outcome[name] =
                err == RD_KAFKA_RESP_ERR_NO_ERROR
                ? nil : KafkaError(code: KafkaError.Code(err), reason: "create topic \(name): \(message)")
        }
        return outcome
    }
}
