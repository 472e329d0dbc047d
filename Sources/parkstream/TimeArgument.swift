import ArgumentParser
import ParkMetrics

/// An instant on the command line: RFC 3339 (`2017-06-08T10:00:00+08:00`) or a date
/// (`2017-06-08`, midnight in Hebi's zone, +08:00).
struct TimeArgument: ExpressibleByArgument {
    let timestamp: Timestamp

    /// How `--help` shows a default.
    var defaultValueDescription: String { ParkZone.shanghai.format(timestamp) }

    /// Midnight of a date in Hebi's zone (+08:00).
    init(year: Int, month: Int, day: Int) {
        timestamp = ParkZone.shanghai.startOfDay(ParkZone.daysFromCivil(year: year, month: month, day: day))
    }

    init?(argument: String) {
        if let instant = Timestamp(rfc3339: argument) {
            timestamp = instant
            return
        }
        let parts = argument.split(separator: "-").map { Int($0) }
        guard parts.count == 3, let year = parts[0], let month = parts[1], let day = parts[2],
            Timestamp(rfc3339: argument + "T00:00:00+08:00") != nil
        else { return nil }
        timestamp = ParkZone.shanghai.startOfDay(ParkZone.daysFromCivil(year: year, month: month, day: day))
    }
}
