import CRdKafka

/// Brokers and topics as a cluster describes them.
public struct KafkaClusterMetadata: Sendable {
    public struct Broker: Sendable, Hashable {
        public var id: Int32
        public var host: String
        public var port: Int32
    }

    public struct Topic: Sendable, Hashable {
        public var name: String
        /// Partition ids, ascending.
        public var partitions: [Int32]
        /// The topic-level error, if the cluster reported one (e.g. unknown topic).
        public var error: KafkaError.Code?
    }

    public var brokers: [Broker]
    public var topics: [Topic]

    init(_ metadata: rd_kafka_metadata) {
        brokers = (0..<Int(metadata.broker_cnt)).map { index in
            let broker = metadata.brokers[index]
            return Broker(id: broker.id, host: String(cString: broker.host), port: broker.port)
        }
        topics = (0..<Int(metadata.topic_cnt)).map { index in
            let topic = metadata.topics[index]
            let partitions = (0..<Int(topic.partition_cnt)).map { topic.partitions[$0].id }.sorted()
            let error = topic.err == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : KafkaError.Code(topic.err)
            return Topic(name: String(cString: topic.topic), partitions: partitions, error: error)
        }
    }

    /// The topic named `name`, when the cluster knows it without error.
    public func topic(_ name: String) -> Topic? {
        topics.first { $0.name == name && $0.error == nil }
    }
}
