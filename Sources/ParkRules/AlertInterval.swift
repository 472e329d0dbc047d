import ParkMetrics

/// One alert from start to resolution, paired from its firing and resolved transitions (they share
/// an ``AlertID``): what the what-if diff (``AlertDiff``) and the replay report compare and draw.
public struct AlertInterval: Hashable, Sendable {
    /// The alert's id (rule, park and start).
    public var alertID: String
    /// The rule's id.
    public var ruleID: String
    /// The park.
    public var parkID: ParkID
    /// The metric.
    public var metric: Metric
    /// The aggregate window (`24h`, `yoy`, …; completeness: the absent duration or `month`).
    public var window: String
    /// The severity (after overrides).
    public var severity: Severity
    /// The condition text (`< 0.95`, `absent 2h`).
    public var condition: String
    /// The number in the condition.
    public var threshold: Double
    /// When the condition began to hold (the start of `for`).
    public var startedAt: Timestamp
    /// When the alert fired (`for` met); nil when only its resolved event was seen.
    public var firedAt: Timestamp?
    /// When it resolved; nil while it is still firing at the end of the input.
    public var resolvedAt: Timestamp?
    /// The value that made it fire (NaN when only its resolved event was seen).
    public var value: Double

    /// Makes an interval from its parts.
    public init(
        alertID: String, ruleID: String, parkID: ParkID, metric: Metric, window: String, severity: Severity,
        condition: String, threshold: Double, startedAt: Timestamp, firedAt: Timestamp?, resolvedAt: Timestamp?,
        value: Double
    ) {
        self.alertID = alertID
        self.ruleID = ruleID
        self.parkID = parkID
        self.metric = metric
        self.window = window
        self.severity = severity
        self.condition = condition
        self.threshold = threshold
        self.startedAt = startedAt
        self.firedAt = firedAt
        self.resolvedAt = resolvedAt
        self.value = value
    }

    /// The alerts of `transitions` (any order; a repeated transition counts once), sorted by rule
    /// id, park, start and id. A firing and a resolved transition with the same alert id are one
    /// interval; either alone still gives one (a resolved event carries `started_at` too).
    public static func pairing(_ transitions: some Sequence<AlertTransition>) -> [AlertInterval] {
        var byID: [String: AlertInterval] = [:]
        for transition in transitions {
            var interval =
                byID[transition.alertID]
                ?? AlertInterval(
                    alertID: transition.alertID, ruleID: transition.ruleID, parkID: transition.parkID,
                    metric: transition.metric, window: transition.window, severity: transition.severity,
                    condition: transition.condition, threshold: transition.threshold,
                    startedAt: transition.startedAt, firedAt: nil, resolvedAt: nil, value: .nan)
            switch transition.state {
            case .firing:
                interval.firedAt = transition.eventTime
                interval.value = transition.value
            case .resolved:
                interval.resolvedAt = transition.resolvedAt ?? transition.eventTime
            }
            byID[transition.alertID] = interval
        }
        return byID.values.sorted(by: precedes)
    }

    /// Rule id, park, start, then id: the order of ``pairing(_:)`` and of diffs.
    public static func precedes(_ lhs: AlertInterval, _ rhs: AlertInterval) -> Bool {
        (lhs.ruleID, lhs.parkID.rawValue, lhs.startedAt.microseconds, lhs.alertID)
            < (rhs.ruleID, rhs.parkID.rawValue, rhs.startedAt.microseconds, rhs.alertID)
    }

    /// The same alert in time: start, firing and resolution all equal.
    public func hasSameTimes(as other: AlertInterval) -> Bool {
        startedAt == other.startedAt && firedAt == other.firedAt && resolvedAt == other.resolvedAt
    }

    /// Whether the two spans `[startedAt, resolvedAt]` share an instant (an unresolved alert runs
    /// on for ever).
    public func overlaps(_ other: AlertInterval) -> Bool {
        startedAt <= (other.resolvedAt ?? Timestamp(microseconds: .max))
            && other.startedAt <= (resolvedAt ?? Timestamp(microseconds: .max))
    }
}
