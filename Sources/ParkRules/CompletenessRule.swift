import ParkMetrics

/// A completeness rule (ARCHITECTURE.md §6): data that should have arrived and has not.
public struct CompletenessRule: Hashable, Sendable {
    /// What is checked.
    public enum Check: Hashable, Sendable {
        /// A telemetry stream silent for this long in stream time (`absent: 2h`).
        case absent(RuleDuration)
        /// A month's statistic not in by 00:00 of this day (1–28) of the next month, park time (`due_day: 10`).
        case dueDay(Int)
    }

    /// Unique in the file.
    public var id: String
    /// The metric expected.
    public var metric: Metric
    /// The check.
    public var check: Check
    /// The alert's severity.
    public var severity: Severity
    /// The parks the rule applies to.
    public var parks: ParkSelector
    /// Nothing fires before this instant (inclusive); nil: always.
    public var activeFrom: Timestamp?

    /// Makes a rule with §6's defaults.
    public init(
        id: String, metric: Metric, check: Check, severity: Severity = .warning, parks: ParkSelector = .all,
        activeFrom: Timestamp? = nil
    ) {
        self.id = id
        self.metric = metric
        self.check = check
        self.severity = severity
        self.parks = parks
        self.activeFrom = activeFrom
    }

    /// The `window` field of this rule's alert events: the absent duration (`2h`), or `month`.
    public var window: String {
        switch check {
        case .absent(let duration): duration.text
        case .dueDay: "month"
        }
    }

    /// The condition text of this rule's alert events: `absent 2h`, `due_day 10`.
    public var conditionText: String {
        switch check {
        case .absent(let duration): "absent " + duration.text
        case .dueDay(let day): "due_day " + String(day)
        }
    }
}
