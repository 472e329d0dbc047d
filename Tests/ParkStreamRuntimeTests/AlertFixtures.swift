import Foundation
import ParkMetrics
import ParkRules

/// Alert events for the sink tests.
enum AlertFixtures {
    /// An instant written as RFC 3339.
    static func time(_ text: String) -> Timestamp {
        Timestamp(rfc3339: text)!
    }

    /// A firing transition of `rule` on `park`, read from `source`.
    static func firing(
        rule: String = "wastewater-compliance-24h", park: String = "jinshan", severity: Severity = .critical,
        value: Double = 0.912, startedAt: String = "2017-06-08T10:00:00+08:00",
        eventTime: String = "2017-06-08T11:00:00+08:00",
        source: AlertSource = .kafka(topic: "park.metrics", partition: 3, offset: 12_345)
    ) -> AlertEvent {
        let transition = AlertTransition(
            ruleID: rule, parkID: ParkID(rawValue: park)!, metric: .wastewaterCompliance, window: "24h",
            state: .firing, severity: severity, value: value, threshold: 0.95, condition: "< 0.95",
            startedAt: time(startedAt), eventTime: time(eventTime))
        return AlertEvent(transition: transition, source: source)
    }

    /// The resolve of `event` at `resolvedAt` with `value`.
    static func resolved(
        _ event: AlertEvent, at resolvedAt: String = "2017-06-09T08:00:00+08:00", value: Double = 0.971,
        source: AlertSource? = nil
    ) -> AlertEvent {
        var transition = event.transition
        transition.state = .resolved
        transition.value = value
        transition.eventTime = time(resolvedAt)
        transition.resolvedAt = time(resolvedAt)
        return AlertEvent(transition: transition, source: source ?? event.source)
    }

    /// Now, as an event-time instant.
    static var now: Timestamp {
        Timestamp(microseconds: Int64(Date().timeIntervalSince1970 * 1_000_000))
    }
}
