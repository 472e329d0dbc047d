import ParkMetrics

/// A park's own responsibility target inside a threshold rule (`overrides: {baoshan: {when: "< 0.98"}}`).
///
/// Each field left nil keeps the rule's value, with one exception: an override that sets `when` but
/// not `clear` gets the default `clear` (not the override's `when`), since the rule's `clear` was
/// written for the rule's `when` (with §6's example, `clear: ">= 0.97"` would overlap baoshan's
/// `when: "< 0.98"`).
public struct RuleOverride: Hashable, Sendable {
    /// Replaces the rule's `when`.
    public var when: Condition?
    /// Replaces the rule's `clear`.
    public var clear: Condition?
    /// Replaces the rule's `for`.
    public var forDuration: RuleDuration?
    /// Replaces the rule's severity.
    public var severity: Severity?

    /// Makes an override; every field defaults to "keep the rule's".
    public init(
        when: Condition? = nil, clear: Condition? = nil, forDuration: RuleDuration? = nil, severity: Severity? = nil
    ) {
        self.when = when
        self.clear = clear
        self.forDuration = forDuration
        self.severity = severity
    }
}
