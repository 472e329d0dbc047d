import ParkMetrics
import ParkRules

/// One alert as Alertmanager's v2 API takes it (`POST /api/v2/alerts`, a JSON array of these).
///
/// Labels identify the alert to Alertmanager (grouping, routing, silences): `alertname` = rule id,
/// `park_id`, `metric`, `severity`, `window`. Annotations carry the rest: `summary`, `value`,
/// `threshold`, `condition`, `alert_id`, `started_at` and `event_time` (and `resolved_at`).
///
/// Times are event time, the same instants as the alert event: `startsAt` = `started_at`, and on
/// resolve `endsAt` = `resolved_at`. Alertmanager works in wall-clock time, so both are clamped to
/// the sink's clock (`now`): a park clock running ahead must not leave a resolved alert active
/// until a future instant, and `endsAt` is never before `startsAt`, which Alertmanager refuses
/// ("start time must be before end time"). Firing alerts carry no `endsAt`: Alertmanager then
/// keeps them active for its `resolve_timeout` after each (re-)send.
public struct AlertmanagerAlert: Encodable, Hashable, Sendable {
    public var labels: [String: String]
    public var annotations: [String: String]
    /// RFC 3339 UTC.
    public var startsAt: String
    /// RFC 3339 UTC; resolved alerts only.
    public var endsAt: String?
    public var generatorURL: String?

    /// The alert for `event`, at wall-clock `now`.
    public init(
        _ event: AlertEvent, now: Timestamp, generatorURL: String? = nil,
        offsetSeconds: Int = Int(ParkZone.shanghai.utcOffsetSeconds)
    ) {
        self.init(
            event.transition, summary: event.summary, now: now, generatorURL: generatorURL, offsetSeconds: offsetSeconds
        )
    }

    /// The alert for transition `t` with its `summary`, at wall-clock `now`.
    init(_ t: AlertTransition, summary: String, now: Timestamp, generatorURL: String?, offsetSeconds: Int) {
        labels = [
            "alertname": t.ruleID, "park_id": t.parkID.rawValue, "metric": t.metric.name,
            "severity": t.severity.rawValue, "window": t.window,
        ]
        annotations = [
            "summary": summary, "value": Self.number(t.value), "threshold": Self.number(t.threshold),
            "condition": t.condition, "alert_id": t.alertID,
            "started_at": t.startedAt.rfc3339(offsetSeconds: offsetSeconds),
            "event_time": t.eventTime.rfc3339(offsetSeconds: offsetSeconds),
        ]
        let starts = min(t.startedAt, now)
        startsAt = starts.rfc3339(offsetSeconds: 0)
        if t.state == .resolved {
            let resolved = t.resolvedAt ?? t.eventTime
            annotations["resolved_at"] = resolved.rfc3339(offsetSeconds: offsetSeconds)
            endsAt = max(starts, min(resolved, now)).rfc3339(offsetSeconds: 0)
        }
        self.generatorURL = generatorURL
    }

    /// Whether this alert says the problem is over.
    public var isResolved: Bool { endsAt != nil }

    private static func number(_ value: Double) -> String {
        value.isFinite ? ShortestNumber.format(value) : "NaN"
    }
}
