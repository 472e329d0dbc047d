import Foundation
import ParkMetrics
import StreamEngine

/// Calendar facts computed with Foundation's time-zone database, independently of `ParkZone`.
enum Shanghai {
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        return calendar
    }()

    static func instant(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0)
        -> Timestamp
    {
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        let date = calendar.date(from: components)!
        return Timestamp(microseconds: Int64((date.timeIntervalSince1970 * 1_000_000).rounded()))
    }

    static func parts(_ instant: Timestamp) -> DateComponents {
        let whole = instant.microseconds.floorDivided(by: 1_000_000)
        return calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(whole)))
    }

    /// `YearMonth.ordinal` of the local month.
    static func month(_ instant: Timestamp) -> Int {
        let parts = parts(instant)
        return parts.year! * 12 + parts.month! - 1
    }

    /// A local date key, comparable for equality.
    static func day(_ instant: Timestamp) -> Int {
        let parts = parts(instant)
        return (parts.year! * 100 + parts.month!) * 100 + parts.day!
    }
}

func park(_ name: String) -> ParkID { ParkID(rawValue: name)! }

func telemetry(
    _ id: String, _ parkName: String, _ metric: Metric, _ at: Timestamp, _ value: Double, weight: Double = 1
) -> MetricEvent {
    MetricEvent(
        eventID: EventID(id), parkID: park(parkName), metric: metric, observedAt: at, value: value, weight: weight)
}

func monthly(
    _ id: String, _ parkName: String, _ metric: Metric, _ year: Int, _ month: Int, _ value: Double, at: Timestamp
) -> MetricEvent {
    MetricEvent(
        eventID: EventID(id), parkID: park(parkName), metric: metric, observedAt: at, value: value,
        period: YearMonth(year: year, month: month))
}

extension Duration {
    static func minutes(_ count: Int64) -> Duration { .seconds(count * 60) }
    static func hours(_ count: Int64) -> Duration { .seconds(count * 3600) }
    static func days(_ count: Int64) -> Duration { .seconds(count * 86_400) }
}
