import CRdKafka
import Logging

/// Pulls batches of messages off a queue and copies them into Swift values: keys and values of a
/// batch go into one shared buffer, so a batch costs one allocation rather than two per message.
struct RDKafkaMessageBatch {
    private var slots: [UnsafeMutablePointer<rd_kafka_message_t>?] = []
    private var topicNames: [OpaquePointer: String] = [:]
    private var lastTopic: (handle: OpaquePointer?, name: String) = (nil, "")
    /// Reused between polls: once the caller has dropped the previous batch's messages, the buffer
    /// is uniquely referenced again and refilled in place, without new pages to fault in.
    private var arena: [UInt8] = []
    private var layout: [(message: UnsafeMutablePointer<rd_kafka_message_t>, key: Range<Int>?, value: Range<Int>)] = []

    mutating func consume(from queue: OpaquePointer, max: Int, timeout: Duration, logger: Logger) throws
        -> [KafkaMessage]
    {
        let capacity = Swift.max(1, max)
        if slots.count < capacity { slots = Array(repeating: nil, count: capacity) }
        let count = slots.withUnsafeMutableBufferPointer { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }
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
        defer { for index in 0..<count { rd_kafka_message_destroy(slots[index]) } }
        return try copy(count, logger: logger)
    }

    private mutating func copy(_ count: Int, logger: Logger) throws -> [KafkaMessage] {
        var total = 0
        for index in 0..<count {
            guard let message = slots[index] else { continue }
            total += message.pointee.len + message.pointee.key_len
        }
        arena.removeAll(keepingCapacity: true)
        arena.reserveCapacity(total)
        layout.removeAll(keepingCapacity: true)
        layout.reserveCapacity(count)
        for index in 0..<count {
            guard let message = slots[index] else { continue }
            if message.pointee.err != RD_KAFKA_RESP_ERR_NO_ERROR {
                try report(message, logger: logger)
                continue
            }
            let key = Self.append(message.pointee.key, message.pointee.key_len, to: &arena)
            let value =
                Self.append(message.pointee.payload, message.pointee.len, to: &arena) ?? arena.endIndex..<arena.endIndex
            layout.append((message, message.pointee.key == nil ? nil : key, value))
        }
        let arena = self.arena
        return layout.map { entry in
            let message = entry.message
            var timestampType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
            let timestamp = rd_kafka_message_timestamp(message, &timestampType)
            return KafkaMessage(
                topic: topicName(message.pointee.rkt), partition: message.pointee.partition,
                offset: message.pointee.offset, timestamp: timestamp >= 0 ? timestamp : nil,
                key: entry.key.map { arena[$0] }, value: arena[entry.value],
                headers: RDKafkaHeaders.read(message))
        }
    }

    private static func append(_ pointer: UnsafeMutableRawPointer?, _ length: Int, to arena: inout [UInt8]) -> Range<
        Int
    >? {
        guard let pointer else { return nil }
        let start = arena.endIndex
        arena.append(contentsOf: UnsafeRawBufferPointer(start: pointer, count: length))
        return start..<arena.endIndex
    }

    private mutating func topicName(_ rkt: OpaquePointer?) -> String {
        guard let rkt else { return "" }
        // Consecutive messages nearly always share a topic: skip the hashing then.
        if rkt == lastTopic.handle { return lastTopic.name }
        defer { lastTopic = (rkt, topicNames[rkt] ?? "") }
        if let name = topicNames[rkt] { return name }
        let name = String(cString: rd_kafka_topic_name(rkt))
        topicNames[rkt] = name
        return name
    }

    private func report(_ message: UnsafeMutablePointer<rd_kafka_message_t>, logger: Logger) throws {
        let err = message.pointee.err
        if err == RD_KAFKA_RESP_ERR__PARTITION_EOF { return }
        let error = KafkaError(err, "consume \(topicNameUncached(message.pointee.rkt))/\(message.pointee.partition)")
        if error.isFatal || err == RD_KAFKA_RESP_ERR__FATAL { throw error }
        logger.warning("\(error)")
    }

    private func topicNameUncached(_ rkt: OpaquePointer?) -> String {
        rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? "?"
    }
}
