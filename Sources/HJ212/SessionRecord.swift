import ParkMetrics

/// What a ``DeviceSession`` made of one raw frame: the record to archive (bytes, verdict, key)
/// and, when there is one, the event to publish and the reply to send.
public struct SessionRecord: Hashable, Sendable {
    /// The frame's bytes, verbatim.
    public var bytes: [UInt8]
    public var verdict: FrameVerdict
    /// Why the verdict is not `ok`, or why an `ok` packet gave no event (empty when it gave one).
    public var reason: String
    /// The MN: the packet's own, or for a broken frame the `MN=` text inside it or else the MN
    /// this connection last sent; nil when none is known.
    public var mn: String?
    /// The command code, when the packet parsed.
    public var cn: String?
    /// The device, when the MN is in the registry.
    public var device: HJ212Device?
    /// The compliance event this packet (or the split upload it completed) gave.
    public var event: MetricEvent?
    /// The data reply (CN 9014) owed to a packet with Flag bit A.
    public var reply: [UInt8]?
    /// Split uploads given up while adding this fragment (bounded memory).
    public var abandonedSplits: Int

    public init(
        bytes: [UInt8], verdict: FrameVerdict, reason: String, mn: String? = nil, cn: String? = nil,
        device: HJ212Device? = nil, event: MetricEvent? = nil, reply: [UInt8]? = nil, abandonedSplits: Int = 0
    ) {
        self.bytes = bytes
        self.verdict = verdict
        self.reason = reason
        self.mn = mn
        self.cn = cn
        self.device = device
        self.event = event
        self.reply = reply
        self.abandonedSplits = abandonedSplits
    }
}
