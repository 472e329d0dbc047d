import ParkMetrics

/// RFC 3339 times to and from ``Timestamp``, without Foundation.
public enum RFC3339 {
    /// Formats `instant` in the zone `offsetSeconds` east of UTC: `2017-06-08T10:00:00+08:00`.
    ///
    /// Fractional seconds appear only when the instant has them, as few digits as needed (at most 6),
    /// so the text is byte-stable. Offset 0 prints `+00:00`.
    public static func format(_ instant: Timestamp, offsetSeconds: Int = CivilTime.defaultOffsetSeconds) -> String {
        let micros = instant.microseconds + Int64(offsetSeconds) * 1_000_000
        let seconds = micros.floorDivided(by: 1_000_000)
        let fraction = micros - seconds * 1_000_000
        let days = seconds.floorDivided(by: 86_400)
        let secondOfDay = seconds - days * 86_400
        let civil = CivilTime.date(days: days)
        var text = pad(civil.year, 4) + "-" + pad(civil.month, 2) + "-" + pad(civil.day, 2)
        text += "T" + pad(Int(secondOfDay / 3600), 2) + ":" + pad(Int(secondOfDay / 60 % 60), 2)
        text += ":" + pad(Int(secondOfDay % 60), 2)
        if fraction != 0 {
            var digits = pad(Int(fraction), 6)
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        let offsetMinutes = abs(offsetSeconds) / 60
        text += (offsetSeconds < 0 ? "-" : "+") + pad(offsetMinutes / 60, 2) + ":" + pad(offsetMinutes % 60, 2)
        return text
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.frac](Z|±hh:mm)` (`T`, `Z` in either case; fraction digits past
    /// the sixth are truncated; no leap second). Nil when it is not one.
    public static func parse(_ text: String) -> Timestamp? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20 else { return nil }
        func number(_ start: Int, _ count: Int) -> Int? {
            var value = 0
            for index in start..<(start + count) {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0, 4), bytes[4] == 45, let month = number(5, 2), bytes[7] == 45,
            let day = number(8, 2), bytes[10] == 84 || bytes[10] == 116, let hour = number(11, 2), bytes[13] == 58,
            let minute = number(14, 2), bytes[16] == 58, let second = number(17, 2)
        else { return nil }
        guard (1...12).contains(month), (1...CivilTime.daysInMonth(year: year, month: month)).contains(day),
            hour < 24, minute < 60, second < 60
        else { return nil }
        var index = 19
        var micros: Int64 = 0
        if bytes[index] == 46 {
            index += 1
            var count = 0
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                if count < 6 { micros = micros * 10 + Int64(bytes[index] - 48) }
                count += 1
                index += 1
            }
            guard count > 0 else { return nil }
            for _ in count..<max(count, 6) { micros *= 10 }
        }
        var offset = 0
        guard index < bytes.count else { return nil }
        if bytes[index] == 90 || bytes[index] == 122 {
            guard index + 1 == bytes.count else { return nil }
        } else {
            guard index + 6 == bytes.count, bytes[index] == 43 || bytes[index] == 45, bytes[index + 3] == 58,
                let hours = number(index + 1, 2), let minutes = number(index + 4, 2), hours < 24, minutes < 60
            else { return nil }
            offset = (hours * 60 + minutes) * 60 * (bytes[index] == 45 ? -1 : 1)
        }
        let days = CivilTime.days(year: year, month: month, day: day)
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second - offset)
        return Timestamp(microseconds: seconds * 1_000_000 + micros)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
