/// How the events of a metric aggregate (ARCHITECTURE.md §4).
public enum MetricKind: String, Sendable, Hashable, CaseIterable {
    /// Streamed samples: Σ(value·weight) / Σweight.
    case telemetryRate = "telemetry_rate"
    /// A streamed level: the latest by `observed_at` (ties: the later arrival).
    case telemetryGauge = "telemetry_gauge"
    /// A streamed quantity: Σ value.
    case telemetrySum = "telemetry_sum"
    /// A monthly statistic summed over months; a later event for the same period replaces the earlier.
    case monthlyAmount = "monthly_amount"
    /// A monthly statistic whose value is that of the latest period.
    case monthlyGauge = "monthly_gauge"
    /// Not publishable: Σ numerator / Σ denominator over the same window.
    case derivedRatio = "derived_ratio"

    /// Whether events of this kind carry `observed_at` as their window time (not a `period`).
    public var isTelemetry: Bool {
        switch self {
        case .telemetryRate, .telemetryGauge, .telemetrySum: true
        case .monthlyAmount, .monthlyGauge, .derivedRatio: false
        }
    }

    /// Whether events of this kind need a `period` (`YYYY-MM`).
    public var isMonthly: Bool {
        self == .monthlyAmount || self == .monthlyGauge
    }

    /// Whether park systems may publish events of this kind.
    public var isPublishable: Bool { self != .derivedRatio }
}
