import ParkMetrics

/// A monitor the gateway knows: its MN, the park it reports for, and the limits it is judged by.
public struct HJ212Device: Hashable, Sendable {
    /// The MN in its packets.
    public var mn: String
    public var parkID: ParkID
    /// The monitor's name in the park (`ww01`), for logs and raw-record headers.
    public var monitor: String?
    public var limits: LimitSet

    public init(mn: String, parkID: ParkID, monitor: String? = nil, limits: LimitSet = .gb18918Class1A) {
        self.mn = mn
        self.parkID = parkID
        self.monitor = monitor
        self.limits = limits
    }
}
