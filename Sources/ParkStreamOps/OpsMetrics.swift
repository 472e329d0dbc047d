import Prometheus

/// The Prometheus series of the ops port, registered in one registry.
///
/// Series with a label whose values appear at run time (DLQ reason, partition) are made on first
/// use and cached by ``OpsState`` under its lock; the metric objects themselves are thread-safe.
struct OpsMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    let events: Counter
    let duplicates: Counter
    let droppedOutputs: Counter
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

    /// `parkstream_[<subsystem>_]<name>_<unit>` (no unit suffix when `unit` is empty).
    static func name(_ name: String, subsystem: String? = nil, unit: String = "", help: String)
        -> MetricNameDescriptor
    {
        MetricNameDescriptor(
            namespace: "parkstream", subsystem: subsystem, metricName: name, unitName: unit, helpText: help)
    }

    static var transitions: MetricNameDescriptor {
        name("alert_transitions", unit: "total", help: "Alert transitions published, by state.")
    }
    static var rejected: MetricNameDescriptor {
        name(
            "rejected", unit: "total",
            help: "Input sent to the DLQ, by reason (late included), or deleted unread (retention_gap).")
    }
    static var lag: MetricNameDescriptor {
        name("partition_lag", help: "Consumer lag per input partition, in messages.")
    }
    static var checkpointAge: MetricNameDescriptor {
        name(
            "checkpoint_age", unit: "seconds",
            help: "Seconds since the last checkpoint of each assigned input partition.")
    }

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        events = registry.makeCounter(descriptor: Self.name("events", unit: "total", help: "Input events read."))
        duplicates = registry.makeCounter(
            descriptor: Self.name("duplicates", unit: "total", help: "Events ignored as duplicates."))
        droppedOutputs = registry.makeCounter(
            descriptor: Self.name(
                "outputs_dropped", unit: "total",
                help: "Outputs dropped unacknowledged when partitions were released; their next owner writes them."))
        checkpoints = registry.makeCounter(
            descriptor: Self.name("checkpoints", unit: "total", help: "Checkpoints written."))
        firingTransitions = registry.makeCounter(descriptor: Self.transitions, labels: [("state", "firing")])
        resolvedTransitions = registry.makeCounter(descriptor: Self.transitions, labels: [("state", "resolved")])
        alertsFiring = registry.makeGauge(descriptor: Self.name("alerts_firing", help: "Alerts firing now."))
        batchDuration = registry.makeDurationHistogram(
            descriptor: Self.name(
                "batch_duration", unit: "seconds", help: "Time from a batch's poll to its last output written."),
            buckets: Self.durationBuckets)
    }

    func rejected(reason: String) -> Counter {
        registry.makeCounter(descriptor: Self.rejected, labels: [("reason", reason)])
    }

    func lag(partition: Int) -> Gauge {
        registry.makeGauge(descriptor: Self.lag, labels: [("partition", String(partition))])
    }

    func checkpointAge(partition: Int) -> Gauge {
        registry.makeGauge(descriptor: Self.checkpointAge, labels: [("partition", String(partition))])
    }
}
