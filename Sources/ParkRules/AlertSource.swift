/// Where the event that triggered an alert transition was read (ARCHITECTURE.md §7).
public enum AlertSource: Hashable, Sendable {
    /// Live: a Kafka record. Encoded `{"topic":…,"partition":…,"offset":…}`.
    case kafka(topic: String, partition: Int32, offset: Int64)
    /// Replay of a file: its path and 1-based line. Encoded `{"file":…,"line":…}`.
    case file(path: String, line: Int)
}
