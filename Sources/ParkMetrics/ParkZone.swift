/// The time zone in which a park's calendar windows (`day`, `month`, `ytd`) are cut.
///
/// A fixed UTC offset, so calendar math is integer arithmetic (Howard Hinnant's days-from-civil
/// algorithm) with no time-zone database on the hot path. The default, Asia/Shanghai, is exactly
/// +08:00 for every instant the engine can meet: China has observed no daylight saving time since
/// 1991. A zone with daylight saving time cannot be represented and is out of scope for v1.
public struct ParkZone: Hashable, Sendable, CustomStringConvertible {
    /// Seconds east of UTC, −18 h … +18 h.
    public let utcOffsetSeconds: Int32

    /// Asia/Shanghai: +08:00, no DST since 1991.
    public static let shanghai = ParkZone(validOffset: 8 * 3600)

    /// UTC.
    public static let utc = ParkZone(validOffset: 0)

    /// Nil when the offset is beyond ±18 hours.
    public init?(utcOffsetSeconds: Int32) {
        guard (-18 * 3600...18 * 3600).contains(utcOffsetSeconds) else { return nil }
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    private init(validOffset: Int32) {
        self.utcOffsetSeconds = validOffset
    }

    private static let microsecondsPerDay: Int64 = 86_400_000_000

    private var offsetMicroseconds: Int64 { Int64(utcOffsetSeconds) * 1_000_000 }

    // MARK: - Instants to calendar

    /// Days since 1970-01-01 in the zone (the local date's day number).
    @inlinable
    public func localDay(of instant: Timestamp) -> Int64 {
        (instant.microseconds + Int64(utcOffsetSeconds) * 1_000_000).floorDivided(by: 86_400_000_000)
    }

    /// The local calendar month of `instant`, as a `YearMonth.ordinal` (year·12 + month − 1).
    @inlinable
    public func monthOrdinal(of instant: Timestamp) -> Int {
        let date = Self.civil(fromDays: localDay(of: instant))
        return date.year * 12 + date.month - 1
    }

    // MARK: - Calendar to instants

    /// The first instant of the local day `day` (days since 1970-01-01).
    public func startOfDay(_ day: Int64) -> Timestamp {
        Timestamp(microseconds: day * Self.microsecondsPerDay - offsetMicroseconds)
    }

    /// The first instant of the month with `YearMonth.ordinal` `ordinal`, in the zone.
    public func startOfMonth(ordinal: Int) -> Timestamp {
        let year = ordinal.floorDivided(by: 12)
        let month = ordinal - year * 12 + 1
        return startOfDay(Self.daysFromCivil(year: year, month: month, day: 1))
    }

    // MARK: - Formatting

    /// RFC 3339 in the zone, e.g. `2017-07-01T00:00:00+08:00`.
    public func format(_ instant: Timestamp) -> String {
        instant.rfc3339(offsetSeconds: Int(utcOffsetSeconds))
    }

    /// The offset as RFC 3339 writes it: `+08:00`.
    public var description: String {
        let minutes = Int(abs(utcOffsetSeconds)) / 60
        return (utcOffsetSeconds < 0 ? "-" : "+") + Timestamp.pad(minutes / 60, 2) + ":"
            + Timestamp.pad(minutes % 60, 2)
    }

    // MARK: - Civil calendar (proleptic Gregorian)

    /// Days since 1970-01-01 of a civil date.
    @inlinable
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        Timestamp.daysFromCivil(year: year, month: month, day: day)
    }

    /// The civil date of a day number (days since 1970-01-01).
    @inlinable
    public static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        Timestamp.civilFromDays(days)
    }
}

extension Int {
    /// Division rounding toward negative infinity.
    @inlinable
    public func floorDivided(by divisor: Int) -> Int {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
