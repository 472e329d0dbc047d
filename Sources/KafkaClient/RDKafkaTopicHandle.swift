import CRdKafka

/// A `rd_kafka_topic_t` kept open for fast produce calls; destroyed with this object.
final class RDKafkaTopicHandle: @unchecked Sendable {  // rd_kafka_topic_t is thread-safe.
    let pointer: OpaquePointer
    private let client: RDKafkaClient  // the topic must not outlive its rd_kafka_t

    init?(client: RDKafkaClient, name: String) {
        guard let pointer = rd_kafka_topic_new(client.handle, name, nil) else { return nil }
        self.pointer = pointer
        self.client = client
    }

    deinit {
        rd_kafka_topic_destroy(pointer)
    }
}

/// Builds `rd_kafka_headers_t` lists.
enum RDKafkaHeaders {
    /// A new header list (the caller owns it), or nil when there are no headers.
    static func make(_ headers: [KafkaHeader]) -> OpaquePointer? {
        guard !headers.isEmpty, let list = rd_kafka_headers_new(headers.count) else { return nil }
        for header in headers {
            if let value = header.value {
                value.withUnsafeBytes { _ = rd_kafka_header_add(list, header.name, -1, $0.baseAddress, $0.count) }
            } else {
                _ = rd_kafka_header_add(list, header.name, -1, nil, 0)
            }
        }
        return list
    }

    /// The headers of a consumed message.
    static func read(_ message: UnsafeMutablePointer<rd_kafka_message_t>) -> [KafkaHeader] {
        var list: OpaquePointer?
        guard rd_kafka_message_headers(message, &list) == RD_KAFKA_RESP_ERR_NO_ERROR, let list else { return [] }
        var headers: [KafkaHeader] = []
        var index = 0
        var name: UnsafePointer<CChar>?
        var value: UnsafeRawPointer?
        var size = 0
        while rd_kafka_header_get_all(list, index, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR {
            let bytes = value.map { Array(UnsafeRawBufferPointer(start: $0, count: size)) }
            headers.append(KafkaHeader(name: name.map { String(cString: $0) } ?? "", value: bytes))
            index += 1
        }
        return headers
    }
}
