import KafkaClient

/// Writes bad and late input to the dead-letter topic (ARCHITECTURE.md §3): original key and bytes,
/// headers `parkstream-error` (the reason) and `parkstream-source` (`topic/partition/offset`), on
/// the partition numbered like the input's.
struct DeadLetterWriter {
    static let errorHeader = "parkstream-error"
    static let sourceHeader = "parkstream-source"

    let producer: KafkaProducer
    let topic: KafkaProducerTopic

    func write(_ record: KafkaRecord, in batch: KafkaMessageBatch, bytes: KafkaRecordBytes, reason: String) throws {
        let source = "\(batch.topics[Int(record.topicIndex)])/\(record.partition)/\(record.offset)"
        let headers = [
            KafkaHeader(name: Self.errorHeader, string: reason), KafkaHeader(name: Self.sourceHeader, string: source),
        ]
        try producer.send(
            to: topic, partition: record.partition, key: bytes.key(of: record),
            value: bytes.value(of: record), headers: headers, timestamp: record.timestamp)
    }

    /// The input offset in a `parkstream-source` header (`topic/partition/offset`), when it names
    /// `topic` and `partition`.
    static func offset(inSource source: String, topic: String, partition: Int32) -> Int64? {
        guard let slash = source.lastIndex(of: "/") else { return nil }
        guard source[..<slash] == "\(topic)/\(partition)" else { return nil }
        return Int64(source[source.index(after: slash)...])
    }
}
