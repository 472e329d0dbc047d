import ParkMetrics

/// A threshold rule as it applies to one park: overrides merged, defaults filled in.
public struct ParkTarget: Hashable, Sendable {
    /// The rule's id.
    public var ruleID: String
    /// The park.
    public var parkID: ParkID
    /// The metric checked.
    public var metric: Metric
    /// The aggregate window (`24h`, `ytd`, `yoy`, …).
    public var window: String
    /// Fire when the value satisfies this.
    public var when: Condition
    /// Resolve when the value satisfies this (already the negation of `when` when the file gave none).
    public var clear: Condition
    /// How long `when` must hold before firing.
    public var forDuration: RuleDuration
    /// The alert's severity.
    public var severity: Severity
    /// The first instant that counts, if any.
    public var activeFrom: Timestamp?

    /// Makes a park target from its parts.
    public init(
        ruleID: String, parkID: ParkID, metric: Metric, window: String, when: Condition, clear: Condition,
        forDuration: RuleDuration = .zero, severity: Severity = .warning, activeFrom: Timestamp? = nil
    ) {
        self.ruleID = ruleID
        self.parkID = parkID
        self.metric = metric
        self.window = window
        self.when = when
        self.clear = clear
        self.forDuration = forDuration
        self.severity = severity
        self.activeFrom = activeFrom
    }
}
