import ParkMetrics

/// A window an aggregate is computed over (ARCHITECTURE.md §5, rules' `window` in §6).
public enum Window: Hashable, Sendable, CustomStringConvertible {
    /// The last `Duration` of event time up to the park's latest telemetry instant, cut into buckets
    /// (see `EngineConfiguration.bucketsPerWindow` for the resolution). Telemetry metrics only.
    case sliding(Duration)
    /// The local calendar day of the park's latest telemetry instant. Telemetry metrics only.
    case day
    /// The calendar month of the metric's latest data (see `PartitionEngine.aggregate`).
    case month
    /// 1 January through the latest month with data, same year.
    case ytd
    /// 1–N月累计同比: YTD through month N over YTD through month N of the year before, minus 1.
    /// Sums, monthly amounts and derived ratios only.
    case yoy
    /// The current value of a gauge.
    case latest

    /// Parses a rule's or a query's window: `day`, `month`, `ytd`, `yoy`, `latest`, or a duration
    /// made of a positive integer and a unit `s`, `m`, `h` or `d` (`90m`, `24h`, `7d`).
    public init?(_ text: String) {
        switch text {
        case "day": self = .day
        case "month": self = .month
        case "ytd": self = .ytd
        case "yoy": self = .yoy
        case "latest": self = .latest
        default:
            guard let duration = RuleDuration(parsing: text), duration.seconds > 0 else { return nil }
            self = .sliding(.seconds(duration.seconds))
        }
    }

    /// The name used in CSV, aggregate keys and rules: `month`, `24h`, `7d`, `90m`: days when a whole
    /// number of days above one, else the largest whole unit.
    public var description: String {
        switch self {
        case .day: return "day"
        case .month: return "month"
        case .ytd: return "ytd"
        case .yoy: return "yoy"
        case .latest: return "latest"
        case .sliding(let duration):
            let micros = duration.microsecondsRoundedDown
            let day: Int64 = 86_400_000_000
            if micros % day == 0, micros > day { return String(micros / day) + "d" }
            for (unit, size) in [("h", Int64(3_600_000_000)), ("m", 60_000_000)] where micros % size == 0 {
                return String(micros / size) + unit
            }
            if micros % 1_000_000 == 0 { return String(micros / 1_000_000) + "s" }
            return String(micros) + "us"
        }
    }

    /// Whether this is a calendar window cut by months (`month`, `ytd`, `yoy`).
    public var isMonthly: Bool { self == .month || self == .ytd || self == .yoy }
}
