import Prometheus

/// The Prometheus series of the ops port, registered in one registry.
///
/// Series with a label whose values appear at run time (DLQ reason, partition) are made on first
/// use and cached by ``OpsState`` under its lock; the metric objects themselves are thread-safe.
struct OpsMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    let events: Counter
    let duplicates: Counter
    let checkpoints: Counter
    let firingTransitions: Counter
    let resolvedTransitions: Counter
    let alertsFiring: Gauge
    let batchDuration: DurationHistogram

    /// Histogram buckets from 1 ms to 10 s: a batch is a few ms; seconds mean trouble.
    static let durationBuckets: [Duration] = [
        .milliseconds(1), .microseconds(2500), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .microseconds(2_500_000), .seconds(5), .seconds(10),
    ]

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        events = registry.makeCounter(name: "parkstream_events_total", help: "Input events read.")
        duplicates = registry.makeCounter(
            name: "parkstream_duplicates_total", help: "Events ignored as duplicates (park and event id).")
        checkpoints = registry.makeCounter(name: "parkstream_checkpoints_total", help: "Checkpoints written.")
        let transitionsHelp = "Alert transitions published, by state."
        firingTransitions = registry.makeCounter(
            name: "parkstream_alert_transitions_total", labels: [("state", "firing")], help: transitionsHelp)
        resolvedTransitions = registry.makeCounter(
            name: "parkstream_alert_transitions_total", labels: [("state", "resolved")], help: transitionsHelp)
        alertsFiring = registry.makeGauge(name: "parkstream_alerts_firing", help: "Alerts firing now.")
        batchDuration = registry.makeDurationHistogram(
            name: "parkstream_batch_duration_seconds", buckets: Self.durationBuckets,
            help: "Time to process one batch, poll excluded.")
    }

    func rejected(reason: String) -> Counter {
        registry.makeCounter(
            name: "parkstream_rejected_total", labels: [("reason", reason)],
            help: "Events sent to the DLQ, by reason (late included).")
    }

    func lag(partition: Int) -> Gauge {
        registry.makeGauge(
            name: "parkstream_partition_lag", labels: [("partition", String(partition))],
            help: "Consumer lag per input partition, in messages.")
    }

    func checkpointAge(partition: Int) -> Gauge {
        registry.makeGauge(
            name: "parkstream_checkpoint_age_seconds", labels: [("partition", String(partition))],
            help: "Seconds since the last checkpoint of each assigned input partition.")
    }
}
