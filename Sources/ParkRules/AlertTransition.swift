import ParkMetrics

/// A change of an alert's state that goes out as an alert event (ARCHITECTURE.md §7).
public struct AlertTransition: Hashable, Sendable {
    /// The two states that are published.
    public enum State: String, Hashable, Sendable {
        /// The condition has held for `for`.
        case firing
        /// The clear condition held (or, for completeness, the data arrived).
        case resolved
    }

    /// Deterministic from rule, park and start (``AlertID``).
    public var alertID: String
    /// The rule's id.
    public var ruleID: String
    /// The park.
    public var parkID: ParkID
    /// The metric.
    public var metric: Metric
    /// The aggregate window (`24h`, `ytd`, `yoy`, …; completeness: the absent duration or `month`).
    public var window: String
    /// Firing or resolved.
    public var state: State
    /// After overrides.
    public var severity: Severity
    /// The value that caused the transition.
    public var value: Double
    /// The number in the condition.
    public var threshold: Double
    /// The condition text (`< 0.95`; completeness: `absent 2h`, `due_day 10`).
    public var condition: String
    /// When the condition began to hold (the start of `for`), never before `active_from`.
    public var startedAt: Timestamp
    /// When the transition happened: when `for` was met (firing), when `clear` held (resolved).
    public var eventTime: Timestamp
    /// Set on resolved transitions (equal to `eventTime`).
    public var resolvedAt: Timestamp?
    /// For `due_day` alerts, the month whose statistic is missing.
    public var period: YearMonth?

    /// Makes a transition from its parts; `alertID` is derived from rule, park and start
    /// (`repeat`: the k-th alert of the same rule and park starting at the same instant, see ``AlertID``).
    public init(
        ruleID: String, parkID: ParkID, metric: Metric, window: String, state: State, severity: Severity,
        value: Double, threshold: Double, condition: String, startedAt: Timestamp, eventTime: Timestamp,
        resolvedAt: Timestamp? = nil, period: YearMonth? = nil, repeat: Int = 0
    ) {
        self.alertID = AlertID.make(ruleID: ruleID, parkID: parkID, startedAt: startedAt, repeat: `repeat`)
        self.ruleID = ruleID
        self.parkID = parkID
        self.metric = metric
        self.window = window
        self.state = state
        self.severity = severity
        self.value = value
        self.threshold = threshold
        self.condition = condition
        self.startedAt = startedAt
        self.eventTime = eventTime
        self.resolvedAt = resolvedAt
        self.period = period
    }

    /// The same alert, resolved at `time` with `value`.
    func resolved(at time: Timestamp, value: Double) -> AlertTransition {
        var copy = self
        copy.state = .resolved
        copy.value = value
        copy.eventTime = time
        copy.resolvedAt = time
        return copy
    }
}
