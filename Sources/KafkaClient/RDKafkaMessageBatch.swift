import CRdKafka
import Logging

/// Pulls batches of messages off a queue into `KafkaMessageBatch`es that read them in place.
struct RDKafkaMessageBatch {
    private var slots: [UnsafeMutablePointer<rd_kafka_message_t>?] = []
    private var topicIndexes: [OpaquePointer: Int32] = [:]
    private var lastTopic: (handle: OpaquePointer?, index: Int32) = (nil, 0)
    private var topics: [String] = []
    /// The records' arrays, used in turn: when the caller has dropped the batch before the last one
    /// by the next poll, its array is uniquely referenced again and refilled in place (40,000
    /// records are 3 MB of fresh pages otherwise); while it still holds it (the worker can keep two
    /// batches in its lanes), the array is copied on write and the old one goes with that batch.
    private var records: [KafkaRecord] = []
    private var spareRecords: [KafkaRecord] = []

    /// Up to `max` messages, waiting up to `timeout` for the first; `headers`: whether to copy their
    /// headers too.
    mutating func consume(from queue: OpaquePointer, max: Int, timeout: Duration, headers: Bool, logger: Logger)
        throws -> KafkaMessageBatch
    {
        let capacity = Swift.max(1, max)
        if slots.count < capacity { slots = Array(repeating: nil, count: capacity) }
        let count = slots.withUnsafeMutableBufferPointer { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            // Take what is waiting; only when nothing is, wait for the first message, then take the rest.
            var count = rd_kafka_consume_batch_queue(queue, 0, base, capacity)
            if count == 0 {
                count = rd_kafka_consume_batch_queue(queue, timeout.kafkaMilliseconds, base, 1)
                if count == 1, capacity > 1 {
                    count += Swift.max(0, rd_kafka_consume_batch_queue(queue, 0, base + 1, capacity - 1))
                }
            }
            return count
        }
        guard count >= 0 else { throw KafkaError(rd_kafka_last_error(), "consume") }
        return try collect(count, headers: headers, logger: logger)
    }

    /// The batch of the `count` messages in `slots`; the messages go to the batch, which destroys
    /// them (error events are destroyed here).
    private mutating func collect(_ count: Int, headers readsHeaders: Bool, logger: Logger) throws
        -> KafkaMessageBatch
    {
        swap(&records, &spareRecords)
        records.removeAll(keepingCapacity: true)
        records.reserveCapacity(count)
        var kept: [UnsafeMutablePointer<rd_kafka_message_t>] = []
        kept.reserveCapacity(count)
        var headerLists: [[KafkaHeader]] = []
        var failure: (any Error)?
        for index in 0..<count {
            guard let message = slots[index] else { continue }
            slots[index] = nil
            if message.pointee.err != RD_KAFKA_RESP_ERR_NO_ERROR {
                if failure == nil {
                    do { try report(message, logger: logger) } catch { failure = error }
                }
                rd_kafka_message_destroy(message)
                continue
            }
            kept.append(message)
            var timestampType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
            let timestamp = rd_kafka_message_timestamp(message, &timestampType)
            var headersIndex: Int32 = -1
            let headers = readsHeaders ? RDKafkaHeaders.read(message) : []
            if !headers.isEmpty {
                headersIndex = Int32(headerLists.count)
                headerLists.append(headers)
            }
            records.append(
                KafkaRecord(
                    topicIndex: topicIndex(message.pointee.rkt), partition: message.pointee.partition,
                    offset: message.pointee.offset, timestamp: timestamp >= 0 ? timestamp : nil,
                    valueAddress: UInt(bitPattern: message.pointee.payload), valueCount: message.pointee.len,
                    keyAddress: UInt(bitPattern: message.pointee.key), keyCount: message.pointee.key_len,
                    headersIndex: headersIndex))
        }
        let messages = kept.isEmpty ? nil : RDKafkaMessages(kept)
        if let failure { throw failure }
        return KafkaMessageBatch(messages: messages, records: records, topics: topics, headerLists: headerLists)
    }
    private mutating func topicIndex(_ rkt: OpaquePointer?) -> Int32 {
        guard let rkt else { return 0 }
        // Consecutive messages nearly always share a topic: skip the hashing then.
        if rkt == lastTopic.handle { return lastTopic.index }
        let index =
            topicIndexes[rkt]
            ?? {
                topics.append(String(cString: rd_kafka_topic_name(rkt)))
                topicIndexes[rkt] = Int32(topics.count - 1)
                return Int32(topics.count - 1)
            }()
        lastTopic = (rkt, index)
        return index
    }

    private func report(_ message: UnsafeMutablePointer<rd_kafka_message_t>, logger: Logger) throws {
        let err = message.pointee.err
        if err == RD_KAFKA_RESP_ERR__PARTITION_EOF { return }
        let topic = message.pointee.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? "?"
        let error = KafkaError(err, "consume \(topic)/\(message.pointee.partition)")
        if error.isFatal || err == RD_KAFKA_RESP_ERR__FATAL { throw error }
        logger.warning("\(error)")
    }
}

/// The messages of a batch, destroyed with the last copy of the batch (on whichever thread drops it:
/// `rd_kafka_message_destroy` is thread-safe).
final class RDKafkaMessages: @unchecked Sendable {  // never changed after init
    private let messages: [UnsafeMutablePointer<rd_kafka_message_t>]

    init(_ messages: [UnsafeMutablePointer<rd_kafka_message_t>]) {
        self.messages = messages
    }

    deinit {
        for message in messages { rd_kafka_message_destroy(message) }
    }
}
