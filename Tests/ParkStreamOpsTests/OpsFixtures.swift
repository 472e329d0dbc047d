import ParkMetrics
import ParkRules
import StreamEngine

/// Engines and alert events for the ops tests.
enum OpsFixtures {
    static let jinshan = ParkID(rawValue: "jinshan")!

    static func time(_ text: String) -> Timestamp {
        Timestamp(rfc3339: text)!
    }

    /// An engine that has seen an hour of jinshan's wastewater compliance, one sample a minute, a quarter of them 0.
    static func engine() -> PartitionEngine {
        var engine = PartitionEngine()
        for minute in 0..<60 {
            let event = MetricEvent(
                eventID: "ww-\(minute)", parkID: jinshan, metric: .wastewaterCompliance,
                observedAt: time("2017-06-08T10:00:00+08:00") + .seconds(60 * minute), value: minute % 4 == 0 ? 0 : 1)
            _ = engine.ingest(event)
        }
        return engine
    }

    /// A firing alert on jinshan.
    static func firing(startedAt: String = "2017-06-08T10:00:00+08:00") -> AlertEvent {
        let transition = AlertTransition(
            ruleID: "wastewater-compliance-24h", parkID: jinshan, metric: .wastewaterCompliance, window: "24h",
            state: .firing, severity: .critical, value: 0.75, threshold: 0.95, condition: "< 0.95",
            startedAt: time(startedAt), eventTime: time("2017-06-08T11:00:00+08:00"))
        return AlertEvent(transition: transition, source: .kafka(topic: "park.metrics", partition: 3, offset: 12_345))
    }
}
