import HJ212

/// Counts since the gateway started (the same figures `/metrics` serves).
public struct HJ212GatewayStatistics: Hashable, Sendable {
    /// Connections open now.
    public var openConnections = 0
    /// Connections accepted since start.
    public var connections = 0
    /// Frames received, by verdict.
    public var packets: [FrameVerdict: Int] = [:]
    /// Data replies (CN 9014) written, each after its packet's raw record was acknowledged.
    public var replies = 0
    /// Compliance events handed to the producer.
    public var events = 0
    /// Raw records or events Kafka did not acknowledge.
    public var deliveryFailures = 0
    /// Split uploads given up incomplete (per-connection bound reached).
    public var abandonedSplits = 0

    public init() {}

    /// Frames received, all verdicts.
    public var frames: Int { packets.values.reduce(0, +) }
}
