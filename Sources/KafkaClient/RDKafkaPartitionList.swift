import CRdKafka

/// A `rd_kafka_topic_partition_list_t` owned by Swift and destroyed with it.
final class RDKafkaPartitionList {
    let pointer: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>

    init(capacity: Int = 8) {
        pointer = rd_kafka_topic_partition_list_new(Int32(clamping: max(1, capacity)))
    }

    convenience init(_ offsets: [(KafkaTopicPartition, Int64)]) {
        self.init(capacity: offsets.count)
        for (topicPartition, offset) in offsets { add(topicPartition, offset: offset) }
    }

    convenience init(_ partitions: [KafkaTopicPartition]) {
        self.init(partitions.map { ($0, KafkaOffset.stored.rawValue) })
    }

    deinit {
        rd_kafka_topic_partition_list_destroy(pointer)
    }

    func add(_ topicPartition: KafkaTopicPartition, offset: Int64) {
        let element = rd_kafka_topic_partition_list_add(pointer, topicPartition.topic, topicPartition.partition)
        element?.pointee.offset = offset
    }

    /// The partitions with their offsets and per-partition errors.
    var entries: [(KafkaTopicPartition, offset: Int64, error: rd_kafka_resp_err_t)] {
        Self.entries(of: pointer)
    }

    static func entries(
        of list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>
    ) -> [(KafkaTopicPartition, offset: Int64, error: rd_kafka_resp_err_t)] {
        (0..<Int(list.pointee.cnt)).map { index in
            let element = list.pointee.elems[index]
            return (
                KafkaTopicPartition(topic: String(cString: element.topic), partition: element.partition),
                element.offset, element.err
            )
        }
    }

    /// Throws the first per-partition error.
    func checkErrors(_ operation: String) throws {
        for (topicPartition, _, error) in entries where error != RD_KAFKA_RESP_ERR_NO_ERROR {
            throw KafkaError(error, "\(operation) \(topicPartition)")
        }
    }
}
