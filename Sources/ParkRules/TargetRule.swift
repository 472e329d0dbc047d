import ParkMetrics

/// A threshold rule (ARCHITECTURE.md §6): fire when a park's aggregate of `metric` over `window`
/// satisfies `when` for `for`, resolve when it satisfies `clear`.
public struct TargetRule: Hashable, Sendable {
    /// A year-on-year growth of the aggregate instead of the aggregate itself.
    public enum Growth: String, Hashable, Sendable {
        /// (YTD this year / YTD same months last year) − 1 (1–N月累计同比).
        case yoy
    }

    /// Unique in the file; `^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`.
    public var id: String
    /// The metric whose aggregate is checked.
    public var metric: Metric
    /// The window of the aggregate.
    public var window: RuleWindow
    /// When set, the rule checks the growth (window is then `ytd`).
    public var growth: Growth?
    /// Fire when the value satisfies this.
    public var when: Condition
    /// Resolve when the value satisfies this; nil: when `when` no longer holds.
    public var clear: Condition?
    /// How long `when` must hold, in event time, before the alert fires.
    public var forDuration: RuleDuration
    /// The alert's severity.
    public var severity: Severity
    /// The parks the rule applies to.
    public var parks: ParkSelector
    /// Per-park targets.
    public var overrides: [ParkID: RuleOverride]
    /// The rule counts only from this instant (inclusive); nil: always.
    public var activeFrom: Timestamp?

    /// Makes a rule with §6's defaults; the validator (``RuleSet``) checks the combination.
    public init(
        id: String, metric: Metric, window: RuleWindow, growth: Growth? = nil, when: Condition,
        clear: Condition? = nil, forDuration: RuleDuration = .zero, severity: Severity = .warning,
        parks: ParkSelector = .all, overrides: [ParkID: RuleOverride] = [:], activeFrom: Timestamp? = nil
    ) {
        self.id = id
        self.metric = metric
        self.window = window
        self.growth = growth
        self.when = when
        self.clear = clear
        self.forDuration = forDuration
        self.severity = severity
        self.parks = parks
        self.overrides = overrides
        self.activeFrom = activeFrom
    }

    /// The aggregate window the engine evaluates: `yoy` for growth rules, else the window's name
    /// (`24h`, `day`, `month`, `ytd`, `latest`). Also the `window` field of alert events.
    public var aggregateWindow: String {
        growth == nil ? window.description : "yoy"
    }

    /// Whether the rule applies to `park`.
    public func applies(to park: ParkID) -> Bool { parks.contains(park) }

    /// The rule as it applies to `park`, overrides merged.
    public func target(for park: ParkID) -> ParkTarget {
        let override = overrides[park]
        let when = override?.when ?? when
        let clear = override?.when != nil ? override?.clear : (override?.clear ?? clear)
        return ParkTarget(
            ruleID: id, parkID: park, metric: metric, window: aggregateWindow, when: when,
            clear: clear ?? when.negated, forDuration: override?.forDuration ?? forDuration,
            severity: override?.severity ?? severity, activeFrom: activeFrom)
    }
}
