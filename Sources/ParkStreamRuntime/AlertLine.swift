import ParkMetrics
import ParkRules

/// One line per alert transition, for people (the stdout sink and `parkstream alerts`), e.g.
///
///     FIRING critical jinshan wastewater_compliance 24h = 0.912 (< 0.95) since 2017-06-08T10:00:00+08:00 [ww-24h]
///
/// and, once resolved, `RESOLVED critical jinshan … since 2017-06-08T10:00:00+08:00 until
/// 2017-06-09T08:00:00+08:00 [ww-24h]`.
/// State, severity, park, metric, window, the value that caused the transition, the rule's
/// condition, when the condition began to hold (and, resolved, when it cleared), and the rule id.
/// Times are in the zone `offsetSeconds` east of UTC (the parks' +08:00 by default). With
/// `color`, the line is wrapped in ANSI colours: firing by severity (critical bold red, warning
/// yellow, info cyan), resolved green.
public enum AlertLine {
    /// The line for `event`, without a newline.
    public static func format(
        _ event: AlertEvent, color: Bool = false, offsetSeconds: Int = Int(ParkZone.shanghai.utcOffsetSeconds)
    ) -> String {
        let t = event.transition
        var line = t.state == .firing ? "FIRING" : "RESOLVED"
        line += " \(t.severity.rawValue) \(t.parkID.rawValue) \(t.metric.name) \(t.window)"
        line += " = \(number(t.value)) (\(t.condition))"
        line += " since \(t.startedAt.rfc3339(offsetSeconds: offsetSeconds))"
        if let resolvedAt = t.resolvedAt {
            line += " until \(resolvedAt.rfc3339(offsetSeconds: offsetSeconds))"
        }
        line += " [\(t.ruleID)]"
        guard color else { return line }
        return colorCode(for: t) + line + "\u{1B}[0m"
    }

    /// The ANSI escape that starts a line of this transition's colour.
    static func colorCode(for transition: AlertTransition) -> String {
        if transition.state == .resolved { return "\u{1B}[32m" }
        switch transition.severity {
        case .critical: return "\u{1B}[1;31m"
        case .warning: return "\u{1B}[33m"
        case .info: return "\u{1B}[36m"
        }
    }

    /// Four decimals at most, as in summaries (the event keeps the exact number); JSON has no NaN,
    /// so a missing value reads `null` as in the event.
    private static func number(_ value: Double) -> String {
        value.isFinite ? AlertSummary.readable(value) : "null"
    }
}
