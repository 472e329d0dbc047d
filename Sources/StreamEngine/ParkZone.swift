import ParkMetrics

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

    /// RFC 3339 in the zone, e.g. `2017-07-01T00:00:00+08:00`; microseconds only when not zero.
    public func format(_ instant: Timestamp) -> String {
        let local = instant.microseconds + offsetMicroseconds
        let day = local.floorDivided(by: Self.microsecondsPerDay)
        let inDay = local - day * Self.microsecondsPerDay
        let date = Self.civil(fromDays: day)
        let seconds = inDay / 1_000_000
        let fraction = inDay % 1_000_000
        var text = Self.pad(date.year, 4) + "-" + Self.pad(date.month, 2) + "-" + Self.pad(date.day, 2)
        text += "T" + Self.pad(Int(seconds / 3600), 2) + ":" + Self.pad(Int(seconds / 60 % 60), 2)
        text += ":" + Self.pad(Int(seconds % 60), 2)
        if fraction != 0 { text += "." + Self.pad(Int(fraction), 6) }
        return text + description
    }

    /// The offset as RFC 3339 writes it: `+08:00`.
    public var description: String {
        let minutes = Int(abs(utcOffsetSeconds)) / 60
        return (utcOffsetSeconds < 0 ? "-" : "+") + Self.pad(minutes / 60, 2) + ":" + Self.pad(minutes % 60, 2)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    // MARK: - Civil calendar (proleptic Gregorian)

    /// Days since 1970-01-01 of a civil date.
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = Int64(month > 2 ? month - 3 : month + 9)
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of a day number (days since 1970-01-01).
    @inlinable
    public static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }
}

extension Int {
    /// Division rounding toward negative infinity.
    @usableFromInline
    func floorDivided(by divisor: Int) -> Int {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
