import ParkMetrics

/// The window a threshold rule reads its aggregate from (ARCHITECTURE.md §5).
///
/// Which windows a metric kind has (the rules validator enforces it):
///
/// | kind | sliding duration, `day` | `month` | `ytd` | `latest` | `growth: yoy` (with `ytd`) |
/// |---|---|---|---|---|---|
/// | telemetry_rate | yes | yes | yes | no | no |
/// | telemetry_gauge | yes | yes | yes | yes | no |
/// | telemetry_sum | yes | yes | yes | no | yes |
/// | monthly_amount | no | yes | yes | no | yes |
/// | monthly_gauge | no | yes | no | yes | no |
/// | derived_ratio | no | yes | yes | no | yes |
///
/// Monthly statistics have no finer time than their month, so sliding and `day` windows are for
/// telemetry only. A monthly gauge's year to date is meaningless (it is a level, and the reported
/// growth rates are already year to date), so it has `latest` (the latest period) and `month`.
public enum RuleWindow: Hashable, Sendable, CustomStringConvertible {
    /// A sliding event-time window ending at the evaluated event (`1h`, `24h`, `7d`).
    case sliding(RuleDuration)
    /// The calendar day of the evaluated event, in the park's zone.
    case day
    /// The calendar month of the evaluated event (monthly metrics: of its period).
    case month
    /// 1 January to the evaluated event (monthly metrics: to its period).
    case ytd
    /// A gauge's current value (monthly gauges: the value of the latest period).
    case latest

    /// Parses `day`, `month`, `ytd`, `latest` or a duration longer than 0.
    public init?(parsing text: String) {
        switch text {
        case "day": self = .day
        case "month": self = .month
        case "ytd": self = .ytd
        case "latest": self = .latest
        default:
            guard let duration = RuleDuration(parsing: text), duration.seconds > 0 else { return nil }
            self = .sliding(duration)
        }
    }

    /// The window's name as in aggregate keys and alert events (`24h`, `month`).
    public var description: String {
        switch self {
        case .sliding(let duration): duration.text
        case .day: "day"
        case .month: "month"
        case .ytd: "ytd"
        case .latest: "latest"
        }
    }

    /// The kinds that have this window, in catalog order.
    public var kinds: [MetricKind] {
        switch self {
        case .sliding, .day: [.telemetryRate, .telemetryGauge, .telemetrySum]
        case .month: MetricKind.allCases
        case .ytd: [.telemetryRate, .telemetryGauge, .telemetrySum, .monthlyAmount, .derivedRatio]
        case .latest: [.telemetryGauge, .monthlyGauge]
        }
    }

    /// Whether metrics of `kind` have this window.
    public func isDefined(for kind: MetricKind) -> Bool { kinds.contains(kind) }

    /// The kinds that have a year-on-year growth (`growth: yoy`): sums, monthly amounts, derived ratios.
    public static let growthKinds: [MetricKind] = [.telemetrySum, .monthlyAmount, .derivedRatio]

    /// Words for the kinds that have this window, for error messages.
    var kindsInWords: String {
        switch self {
        case .sliding, .day: "telemetry"
        case .month: "every kind"
        case .ytd: "telemetry, monthly amounts and derived ratios"
        case .latest: "gauges"
        }
    }
}
