/// RFC 3339 `date-time` reading and writing (ARCHITECTURE.md §4: an offset is required, `T`/`Z` in
/// either case, fractional seconds allowed and kept to the microsecond, no leap second).
extension Timestamp {
    /// Why a text is not an RFC 3339 instant.
    enum RFC3339Failure: Error {
        case malformed, missingOffset, notRealDate, notRealTime, leapSecond, badOffset
    }

    /// Reads `2017-06-08T10:00:00+08:00`; nil when the text breaks any rule of §4.
    public init?(rfc3339 text: String) {
        var text = text
        let parsed = text.withUTF8 { bytes -> Timestamp? in
            guard let base = bytes.baseAddress else { return nil }
            var days = DayCache()
            return try? Timestamp.parseRFC3339(base, start: 0, end: bytes.count, days: &days).get()
        }
        guard let parsed else { return nil }
        self = parsed
    }

    /// The last valid date read and its day number: events of a stream share dates, so most
    /// timestamps skip the calendar arithmetic.
    struct DayCache: Sendable {
        var year = -1
        var month = -1
        var day = -1
        var days: Int64 = 0
    }

    static func parseRFC3339(
        _ base: UnsafePointer<UInt8>, start: Int, end: Int, days cache: inout DayCache
    ) -> Result<Timestamp, RFC3339Failure> {
        let text = base + start
        let length = end - start
        guard length >= 19 else { return .failure(.malformed) }
        // Fixed positions first, without bounds checks: `YYYY-MM-DDThh:mm:ss`.
        var bad: UInt8 = 0
        @inline(__always) func digit(_ index: Int) -> Int {
            let value = text[index] &- UInt8(ascii: "0")
            bad |= value > 9 ? 1 : 0
            return Int(value)
        }
        let year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3)
        let month = digit(5) * 10 + digit(6)
        let day = digit(8) * 10 + digit(9)
        let hour = digit(11) * 10 + digit(12)
        let minute = digit(14) * 10 + digit(15)
        let second = digit(17) * 10 + digit(18)
        guard bad == 0, text[4] == UInt8(ascii: "-"), text[7] == UInt8(ascii: "-"),
            text[10] | 0x20 == UInt8(ascii: "t"), text[13] == UInt8(ascii: ":"), text[16] == UInt8(ascii: ":")
        else { return .failure(.malformed) }
        var index = 19
        var micros = 0
        if index < length, text[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 100_000
            let fractionStart = index
            while index < length, text[index] &- UInt8(ascii: "0") < 10 {
                micros += Int(text[index] &- UInt8(ascii: "0")) * scale
                scale /= 10
                index += 1
            }
            guard index > fractionStart else { return .failure(.malformed) }
        }
        guard index < length else { return .failure(.missingOffset) }
        var offsetSeconds = 0
        if text[index] | 0x20 == UInt8(ascii: "z") {
            index += 1
        } else if text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") {
            guard index + 6 == length, text[index + 3] == UInt8(ascii: ":") else { return .failure(.malformed) }
            let offsetHour = digit(index + 1) * 10 + digit(index + 2)
            let offsetMinute = digit(index + 4) * 10 + digit(index + 5)
            guard bad == 0 else { return .failure(.malformed) }
            guard offsetHour <= 23, offsetMinute <= 59 else { return .failure(.badOffset) }
            let magnitude = offsetHour * 3600 + offsetMinute * 60
            offsetSeconds = text[index] == UInt8(ascii: "-") ? -magnitude : magnitude
            index += 6
        } else {
            return .failure(.malformed)
        }
        guard index == length else { return .failure(.malformed) }
        let days: Int64
        if day == cache.day, month == cache.month, year == cache.year {
            days = cache.days
        } else {
            guard month >= 1, month <= 12, day >= 1, day <= Self.daysIn(month: month, year: year) else {
                return .failure(.notRealDate)
            }
            days = Self.daysFromCivil(year: year, month: month, day: day)
            cache = DayCache(year: year, month: month, day: day, days: days)
        }
        if second == 60 { return .failure(.leapSecond) }
        guard hour <= 23, minute <= 59, second <= 59 else { return .failure(.notRealTime) }
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second - offsetSeconds)
        return .success(Timestamp(microseconds: seconds * 1_000_000 + Int64(micros)))
    }

    /// `2017-06-08T10:00:00+08:00` (or `…Z` for offset 0), with the fraction when there is one.
    public func rfc3339(offsetSeconds: Int = 8 * 3600) -> String {
        let local = microseconds + Int64(offsetSeconds) * 1_000_000
        let seconds = local.floorDivided(by: 1_000_000)
        let micros = Int(local - seconds * 1_000_000)
        let days = seconds.floorDivided(by: 86_400)
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = Self.civilFromDays(days)
        var text = Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2) + "T"
        text += Self.pad(secondOfDay / 3600, 2) + ":" + Self.pad(secondOfDay / 60 % 60, 2) + ":"
        text += Self.pad(secondOfDay % 60, 2)
        if micros != 0 {
            var fraction = Self.pad(micros, 6)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        if offsetSeconds == 0 { return text + "Z" }
        let magnitude = abs(offsetSeconds)
        text += offsetSeconds < 0 ? "-" : "+"
        return text + Self.pad(magnitude / 3600, 2) + ":" + Self.pad(magnitude / 60 % 60, 2)
    }

    // MARK: - Calendar

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = Int64((153 * ((month + 9) % 12) + 2) / 5 + day - 1)
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` after 1970-01-01.
    public static func civilFromDays(_ days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * shifted + 2) / 5 + 1)
        let month = Int(shifted < 10 ? shifted + 3 : shifted - 9)
        let year = Int(yearOfEra + era * 400) + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
