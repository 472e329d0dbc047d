/// The messages of one poll, stored flat: keys and values share one byte buffer and each message's
/// coordinates are a plain `KafkaRecord`, so a batch costs a few allocations however many
/// messages it holds, and iterating `records` retains nothing.
///
/// As a collection it yields `KafkaMessage` values (made on access) for convenience; hot loops use
/// `records` with `withUnsafeBytes`.
public struct KafkaMessageBatch: RandomAccessCollection, Sendable {
    /// The bytes that `KafkaRecord.key` and `.value` index.
    let bytes: [UInt8]
    /// One per message, in the order librdkafka returned them (per partition: offset order).
    public let records: [KafkaRecord]
    /// Topic names; `KafkaRecord.topicIndex` indexes this.
    public let topics: [String]
    /// Headers of the messages that have any; `KafkaRecord.headersIndex` indexes this.
    let headerLists: [[KafkaHeader]]

    init(bytes: [UInt8], records: [KafkaRecord], topics: [String], headerLists: [[KafkaHeader]]) {
        self.bytes = bytes
        self.records = records
        self.topics = topics
        self.headerLists = headerLists
    }

    /// An empty batch.
    public init() {
        self.init(bytes: [], records: [], topics: [], headerLists: [])
    }

    public var startIndex: Int { records.startIndex }
    public var endIndex: Int { records.endIndex }

    /// The message at `index`, copied out as a `KafkaMessage`.
    public subscript(index: Int) -> KafkaMessage {
        let record = records[index]
        return KafkaMessage(
            topic: topics[Int(record.topicIndex)], partition: record.partition, offset: record.offset,
            timestamp: record.timestamp, key: record.key.map { bytes[$0] }, value: bytes[record.value],
            headers: headers(of: record))
    }

    /// The headers of a record (empty when it has none).
    public func headers(of record: KafkaRecord) -> [KafkaHeader] {
        record.headersIndex < 0 ? [] : headerLists[Int(record.headersIndex)]
    }

    /// Lends the buffer that records' `key` and `value` ranges index, for reading without copies.
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBytes(body)
    }
}

/// Where one consumed message sits, and where its bytes are in its batch's buffer.
public struct KafkaRecord: Sendable, Hashable {
    /// Index into the batch's `topics`.
    public var topicIndex: Int32
    public var partition: Int32
    public var offset: Int64
    /// Milliseconds since the epoch, when the message has a timestamp.
    public var timestamp: Int64?
    /// The key's bytes in the batch buffer, nil for a null key.
    public var key: Range<Int>?
    /// The value's bytes in the batch buffer (empty for a null value).
    public var value: Range<Int>
    /// Index into the batch's header lists, or -1 when the message has no headers.
    var headersIndex: Int32
}
