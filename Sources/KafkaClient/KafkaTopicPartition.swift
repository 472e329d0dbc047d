/// One partition of one topic.
public struct KafkaTopicPartition: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var topic: String
    public var partition: Int32

    public init(topic: String, partition: Int32) {
        self.topic = topic
        self.partition = partition
    }

    /// `topic/partition`, as in checkpoint keys and DLQ source headers.
    public var description: String { "\(topic)/\(partition)" }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.topic, lhs.partition) < (rhs.topic, rhs.partition)
    }
}

/// A position in a partition: an absolute offset or one of librdkafka's logical offsets.
public struct KafkaOffset: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: Int64

    public init(rawValue: Int64) {
        self.rawValue = rawValue
    }

    /// The oldest message still in the log.
    public static let beginning = KafkaOffset(rawValue: -2)
    /// After the newest message.
    public static let end = KafkaOffset(rawValue: -1)
    /// The group's committed offset (or `auto.offset.reset` when there is none).
    public static let stored = KafkaOffset(rawValue: -1000)

    /// Whether this is an absolute offset, not a logical one.
    public var isAbsolute: Bool { rawValue >= 0 }

    public var description: String {
        switch self {
        case .beginning: "beginning"
        case .end: "end"
        case .stored: "stored"
        default: String(rawValue)
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A message header: a name and optional bytes.
public struct KafkaHeader: Hashable, Sendable {
    public var name: String
    public var value: [UInt8]?

    public init(name: String, value: [UInt8]?) {
        self.name = name
        self.value = value
    }

    public init(name: String, string: String) {
        self.init(name: name, value: Array(string.utf8))
    }

    /// The value as UTF-8 text, when it has one.
    public var stringValue: String? { value.map { String(decoding: $0, as: UTF8.self) } }
}
