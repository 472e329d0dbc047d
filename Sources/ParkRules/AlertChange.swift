import ParkMetrics

/// One difference between a baseline alert and a candidate alert.
public struct AlertChange: Hashable, Sendable {
    /// What changed.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// Only the candidate rules raise it.
        case added
        /// Only the baseline raised it.
        case dropped
        /// Both raise it, but it starts, fires or resolves at another time.
        case shifted
    }

    /// What changed.
    public let kind: Kind
    /// The baseline's alert (nil when added).
    public let baseline: AlertInterval?
    /// The candidate's alert (nil when dropped).
    public let candidate: AlertInterval?
    /// The side that exists (the candidate's when both do): rule, park, metric and window.
    public let alert: AlertInterval

    /// An alert only the candidate raises.
    public static func added(_ alert: AlertInterval) -> AlertChange {
        AlertChange(kind: .added, baseline: nil, candidate: alert, alert: alert)
    }

    /// An alert only the baseline raised.
    public static func dropped(_ alert: AlertInterval) -> AlertChange {
        AlertChange(kind: .dropped, baseline: alert, candidate: nil, alert: alert)
    }

    /// The same alert at other times.
    public static func shifted(from baseline: AlertInterval, to candidate: AlertInterval) -> AlertChange {
        AlertChange(kind: .shifted, baseline: baseline, candidate: candidate, alert: candidate)
    }

    /// Candidate start − baseline start, µs (shifted only).
    public var startDelta: Int64? { Self.delta(baseline?.startedAt, candidate?.startedAt) }
    /// Candidate firing − baseline firing, µs (shifted only, both fired within the input).
    public var firedDelta: Int64? { Self.delta(baseline?.firedAt, candidate?.firedAt) }
    /// Candidate resolution − baseline resolution, µs (shifted only, both resolved).
    public var resolvedDelta: Int64? { Self.delta(baseline?.resolvedAt, candidate?.resolvedAt) }

    private static func delta(_ old: Timestamp?, _ new: Timestamp?) -> Int64? {
        guard let old, let new else { return nil }
        return new.microseconds - old.microseconds
    }

    static func precedes(_ lhs: AlertChange, _ rhs: AlertChange) -> Bool {
        (lhs.alert.ruleID, lhs.alert.parkID.rawValue, lhs.earliestStart, lhs.kind.rawValue, lhs.alert.alertID)
            < (rhs.alert.ruleID, rhs.alert.parkID.rawValue, rhs.earliestStart, rhs.kind.rawValue, rhs.alert.alertID)
    }

    private var earliestStart: Int64 {
        min(baseline?.startedAt.microseconds ?? .max, candidate?.startedAt.microseconds ?? .max)
    }
}
