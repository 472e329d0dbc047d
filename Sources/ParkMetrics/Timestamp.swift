/// An instant in event time: microseconds since 1970-01-01T00:00:00Z.
///
/// Plain integers keep the engine fast and deterministic; the offset an event was written with is
/// not kept, since windows are computed in the park's zone.
public struct Timestamp: Hashable, Comparable, Sendable {
    public var microseconds: Int64

    public init(microseconds: Int64) {
        self.microseconds = microseconds
    }

    /// Whole seconds since the epoch.
    public init(seconds: Int64) {
        self.microseconds = seconds * 1_000_000
    }

    /// Milliseconds since the epoch (Kafka's timestamp unit), rounded down.
    public var milliseconds: Int64 { microseconds.floorDivided(by: 1000) }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.microseconds < rhs.microseconds }

    public static func + (lhs: Timestamp, rhs: Duration) -> Timestamp {
        Timestamp(microseconds: lhs.microseconds + rhs.microsecondsRoundedDown)
    }

    public static func - (lhs: Timestamp, rhs: Duration) -> Timestamp {
        Timestamp(microseconds: lhs.microseconds - rhs.microsecondsRoundedDown)
    }
}

extension Duration {
    /// The duration in seconds, as Foundation's and the lock APIs' `TimeInterval` takes it.
    public var inSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// The duration in whole microseconds, rounded toward negative infinity.
    public var microsecondsRoundedDown: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000 + attoseconds.floorDivided(by: 1_000_000_000_000)
    }
}

extension Int64 {
    /// Division that rounds toward negative infinity, for instants before the epoch.
    @inlinable
    public func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
