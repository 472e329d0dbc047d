/// The messages of one poll, read where librdkafka put them: each message's coordinates are a plain
/// `KafkaRecord`, and keys and values are borrowed from librdkafka's own buffers (no copy) until the
/// last copy of the batch is gone, when the messages are destroyed. Iterating `records` retains
/// nothing.
///
/// As a collection it yields `KafkaMessage` values (copied out on access) for convenience; hot
/// loops use `records` with `withUnsafeBytes`.
public struct KafkaMessageBatch: RandomAccessCollection, Sendable {
    /// The messages the records point into (nil for an empty batch).
    let messages: RDKafkaMessages?
    /// One per message, in the order librdkafka returned them (per partition: offset order).
    public let records: [KafkaRecord]
    /// Topic names; `KafkaRecord.topicIndex` indexes this.
    public let topics: [String]
    /// Headers of the messages that have any; `KafkaRecord.headersIndex` indexes this.
    let headerLists: [[KafkaHeader]]

    init(messages: RDKafkaMessages?, records: [KafkaRecord], topics: [String], headerLists: [[KafkaHeader]]) {
        self.messages = messages
        self.records = records
        self.topics = topics
        self.headerLists = headerLists
    }

    /// An empty batch.
    public init() {
        self.init(messages: nil, records: [], topics: [], headerLists: [])
    }

    public var startIndex: Int { records.startIndex }
    public var endIndex: Int { records.endIndex }

    /// The message at `index`, copied out as a `KafkaMessage`.
    public subscript(index: Int) -> KafkaMessage {
        let record = records[index]
        return withUnsafeBytes { bytes in
            KafkaMessage(
                topic: topics[Int(record.topicIndex)], partition: record.partition, offset: record.offset,
                timestamp: record.timestamp, key: bytes.key(of: record).map { Array($0)[...] },
                value: Array(bytes.value(of: record))[...], headers: headers(of: record))
        }
    }

    /// The headers of a record (empty when it has none).
    public func headers(of record: KafkaRecord) -> [KafkaHeader] {
        record.headersIndex < 0 ? [] : headerLists[Int(record.headersIndex)]
    }

    /// Lends the records' keys and values, for reading without copies while `body` runs.
    public func withUnsafeBytes<Result>(_ body: (KafkaRecordBytes) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(messages) { try body(KafkaRecordBytes()) }
    }
}

/// Where one consumed message sits, and where its bytes are (read them with `KafkaRecordBytes`).
public struct KafkaRecord: Sendable, Hashable {
    /// Index into the batch's `topics`.
    public var topicIndex: Int32
    public var partition: Int32
    public var offset: Int64
    /// Milliseconds since the epoch, when the message has a timestamp.
    public var timestamp: Int64?
    /// The value's address in librdkafka's buffer (0 for a null value) and its length.
    let valueAddress: UInt
    public let valueCount: Int
    /// The key's address (0 for a null key) and its length.
    let keyAddress: UInt
    let keyCount: Int
    /// Index into the batch's header lists, or -1 when the message has no headers.
    var headersIndex: Int32
}

/// A batch's keys and values, borrowed inside `KafkaMessageBatch.withUnsafeBytes`; they must not
/// be kept beyond it.
public struct KafkaRecordBytes {
    fileprivate init() {}

    /// The record's value (empty for a null value).
    @inline(__always)
    public func value(of record: KafkaRecord) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: UnsafeRawPointer(bitPattern: record.valueAddress), count: record.valueCount)
    }

    /// The record's key, nil for a null key.
    @inline(__always)
    public func key(of record: KafkaRecord) -> UnsafeRawBufferPointer? {
        guard let start = UnsafeRawPointer(bitPattern: record.keyAddress) else { return nil }
        return UnsafeRawBufferPointer(start: start, count: record.keyCount)
    }
}
