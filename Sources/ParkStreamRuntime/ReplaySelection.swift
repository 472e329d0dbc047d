import ParkMetrics

/// Which events a replay takes: by `observed_at` for telemetry, by the first instant of the period
/// for monthly statistics (ARCHITECTURE.md §8); `from` inclusive, `to` exclusive.
public struct ReplaySelection: Sendable {
    public var from: Timestamp?
    public var to: Timestamp?
    public var zone: ParkZone

    public init(from: Timestamp? = nil, to: Timestamp? = nil, zone: ParkZone = .shanghai) {
        self.from = from
        self.to = to
        self.zone = zone
    }

    /// Whether `event` falls in the selection.
    public func contains(_ event: MetricEvent) -> Bool {
        let time = event.period.map { zone.startOfMonth(ordinal: $0.ordinal) } ?? event.observedAt
        if let from, time < from { return false }
        if let to, time >= to { return false }
        return true
    }
}
