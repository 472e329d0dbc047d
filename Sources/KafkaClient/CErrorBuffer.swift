/// A buffer for librdkafka's `errstr` out-parameters.
struct CErrorBuffer {
    var bytes = [CChar](repeating: 0, count: 512)

    var count: Int { bytes.count }

    /// The NUL-terminated text librdkafka wrote.
    var text: String {
        String(decoding: bytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
