/// A change of a group consumer's partitions, handed to the rebalance hook before the consumer goes on.
public enum KafkaRebalance: Sendable, Equatable {
    /// These partitions are now this consumer's. The hook returns where each should start
    /// (a checkpoint's offset, say); partitions it leaves out start at the committed offset.
    case assigned([KafkaTopicPartition])
    /// These partitions are being taken away: flush and checkpoint them before returning.
    case revoked([KafkaTopicPartition])
    /// These partitions were lost (the session expired): another consumer may own them already,
    /// so nothing may be written on their behalf.
    case lost([KafkaTopicPartition])

    /// The partitions this event is about.
    public var partitions: [KafkaTopicPartition] {
        switch self {
        case .assigned(let partitions), .revoked(let partitions), .lost(let partitions): partitions
        }
    }
}

/// Called synchronously, on the thread that polls, for each rebalance event. For `.assigned` the
/// returned offsets are where the partitions start; for other events the result is ignored.
public typealias KafkaRebalanceHook = (KafkaRebalance) -> [KafkaTopicPartition: KafkaOffset]
