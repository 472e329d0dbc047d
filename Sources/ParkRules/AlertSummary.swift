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
                return "\(park): \(t.metric.name) back after \(ShortestNumber.format(t.value))s of silence \(tail)"
            }
            return "\(park): no \(t.metric.name) for \(duration) \(tail)"
        }
        if t.condition.hasPrefix("due_day "), let period = t.period {
            let due = t.startedAt.rfc3339(offsetSeconds: offsetSeconds).prefix(10)
            let verb = t.state == .resolved ? "reported after" : "not reported by"
            return "\(park): \(t.metric.name) for \(period) \(verb) \(due) \(tail)"
        }
        let target = Condition(parsing: t.condition)?.negated.description ?? "not " + t.condition
        return "\(park): \(t.metric.name) \(phrase(window: t.window)) is \(ShortestNumber.format(t.value)), "
            + "target \(target) \(tail)"
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
