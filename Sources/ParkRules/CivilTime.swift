import ParkMetrics

/// Calendar arithmetic on ``Timestamp`` in a fixed UTC offset, without Foundation.
///
/// Days ↔ civil dates use Howard Hinnant's `days_from_civil` / `civil_from_days` algorithms
/// (proleptic Gregorian calendar).
public enum CivilTime {
    /// Asia/Shanghai's offset, the parks' default zone: +08:00 (no daylight saving since 1991).
    public static let defaultOffsetSeconds = 8 * 3600

    /// Days since 1970-01-01 of a civil date.
    public static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of a day count since 1970-01-01.
    public static func date(days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    /// Days in a month of the proleptic Gregorian calendar.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The instant of 00:00 on `day` of `month`, in the zone `offsetSeconds` east of UTC.
    public static func midnight(of month: YearMonth, day: Int, offsetSeconds: Int) -> Timestamp {
        let seconds = days(year: month.year, month: month.month, day: day) * 86_400 - Int64(offsetSeconds)
        return Timestamp(seconds: seconds)
    }

    /// The calendar month `instant` falls in, in the zone `offsetSeconds` east of UTC.
    public static func month(of instant: Timestamp, offsetSeconds: Int) -> YearMonth {
        let local = instant.microseconds.floorDivided(by: 1_000_000) + Int64(offsetSeconds)
        let civil = date(days: local.floorDivided(by: 86_400))
        return YearMonth(ordinal: civil.year * 12 + civil.month - 1)
    }
}
