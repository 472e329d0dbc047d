import ParkMetrics

/// An alert event v1 (ARCHITECTURE.md §7, `schemas/alert-event.v1.schema.json`): a transition,
/// a summary for people and where it came from.
///
/// ``canonicalJSON(offsetSeconds:)`` is its wire form: byte-stable, fields in §7's order.
public struct AlertEvent: Hashable, Sendable {
    /// The transition.
    public var transition: AlertTransition
    /// One line for people, e.g.
    /// `jinshan: wastewater_compliance over 24h is 0.912, target >= 0.95 (rule wastewater-compliance-24h)`.
    public var summary: String
    /// Where the triggering event was read.
    public var source: AlertSource

    /// An event for `transition` read from `source`, with the standard summary.
    public init(
        transition: AlertTransition, source: AlertSource, offsetSeconds: Int = Int(ParkZone.shanghai.utcOffsetSeconds)
    ) {
        self.transition = transition
        self.summary = AlertSummary.text(for: transition, offsetSeconds: offsetSeconds)
        self.source = source
    }

    /// An event with a summary of your own.
    public init(transition: AlertTransition, summary: String, source: AlertSource) {
        self.transition = transition
        self.summary = summary
        self.source = source
    }

    /// The JSON object on one line, no trailing newline:
    /// `alert_id, rule_id, park_id, metric, window, state, severity, value, threshold, condition,
    /// started_at, resolved_at, event_time, summary, source`. Numbers in shortest round-trip form
    /// (``ShortestNumber``), times RFC 3339 in the zone `offsetSeconds` east of UTC (+08:00 by
    /// default), `resolved_at` null while firing, strings escaped minimally (`"`, `\`, control
    /// characters; everything else as UTF-8).
    public func canonicalJSON(offsetSeconds: Int = Int(ParkZone.shanghai.utcOffsetSeconds)) -> String {
        let t = transition
        var json = JSONWriter()
        json.field("alert_id", string: t.alertID, first: true)
        json.field("rule_id", string: t.ruleID)
        json.field("park_id", string: t.parkID.rawValue)
        json.field("metric", string: t.metric.name)
        json.field("window", string: t.window)
        json.field("state", string: t.state.rawValue)
        json.field("severity", string: t.severity.rawValue)
        json.field("value", number: t.value)
        json.field("threshold", number: t.threshold)
        json.field("condition", string: t.condition)
        json.field("started_at", string: t.startedAt.rfc3339(offsetSeconds: offsetSeconds))
        if let resolvedAt = t.resolvedAt {
            json.field("resolved_at", string: resolvedAt.rfc3339(offsetSeconds: offsetSeconds))
        } else {
            json.field("resolved_at", raw: "null")
        }
        json.field("event_time", string: t.eventTime.rfc3339(offsetSeconds: offsetSeconds))
        json.field("summary", string: summary)
        var source = JSONWriter()
        switch self.source {
        case .kafka(let topic, let partition, let offset):
            source.field("topic", string: topic, first: true)
            source.field("partition", raw: String(partition))
            source.field("offset", raw: String(offset))
        case .file(let path, let line):
            source.field("file", string: path, first: true)
            source.field("line", raw: String(line))
        }
        json.field("source", raw: source.object)
        return json.object
    }
}
