import ParkMetrics

/// The one-line summary of an alert event, for people (e-mail subjects, Alertmanager annotations).
///
/// Threshold rules: `jinshan: wastewater_compliance over 24h is 0.912, target >= 0.95 (rule
/// wastewater-compliance-24h)`; the target is the negation of `when`. Resolved transitions end in
/// `, resolved`. Completeness rules: `jinshan: no wastewater_compliance for 2h (rule x)` and
/// `jinshan: fixed_asset_investment for 2017-06 not reported by 2017-07-10 (rule x)`.
public enum AlertSummary {
    /// The summary of `transition`; dates in the zone `offsetSeconds` east of UTC.
    public static func text(
        for transition: AlertTransition, offsetSeconds: Int = Int(ParkZone.shanghai.utcOffsetSeconds)
    )
        -> String
    {
        let t = transition
        let tail = "(rule \(t.ruleID)" + (t.state == .resolved ? ", resolved)" : ")")
        let park = t.parkID.rawValue
        if t.condition.hasPrefix("absent ") {
            let duration = String(t.condition.dropFirst("absent ".count))
            if t.state == .resolved {
                return "\(park): \(t.metric.name) back after \(readable(seconds: t.value)) of silence \(tail)"
            }
            return "\(park): no \(t.metric.name) for \(duration) \(tail)"
        }
        if t.condition.hasPrefix("due_day "), let period = t.period {
            let due = t.startedAt.rfc3339(offsetSeconds: offsetSeconds).prefix(10)
            let verb = t.state == .resolved ? "reported after" : "not reported by"
            return "\(park): \(t.metric.name) for \(period) \(verb) \(due) \(tail)"
        }
        let target = Condition(parsing: t.condition)?.negated.description ?? "not " + t.condition
        return "\(park): \(t.metric.name) \(phrase(window: t.window)) is \(readable(t.value)), "
            + "target \(target) \(tail)"
    }

    /// A value as people read it: four decimals at most, whole numbers from 1,000 on (the event's
    /// `value` field keeps the exact number).
    public static func readable(_ value: Double) -> String {
        guard value.isFinite else { return ShortestNumber.format(value) }
        return ShortestNumber.format(abs(value) >= 1000 ? value.rounded() : (value * 10_000).rounded() / 10_000)
    }

    /// `36h10m`, `2h`, `45m`, `30s`.
    static func readable(seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        if hours > 0 { return "\(hours)h" + (minutes > 0 ? "\(minutes)m" : "") }
        if minutes > 0 { return "\(minutes)m" + (rest > 0 ? "\(rest)s" : "") }
        return "\(rest)s"
    }

    private static func phrase(window: String) -> String {
        switch window {
        case "day": "for the day"
        case "month": "for the month"
        case "ytd": "year to date"
        case "yoy": "year-on-year growth, year to date,"
        case "latest": "latest"
        default: "over " + window
        }
    }
}
