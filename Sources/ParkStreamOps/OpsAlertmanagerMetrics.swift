import Prometheus

/// The ops port's `parkstream_alertmanager_*` series, registered once a worker has an Alertmanager
/// sink: ops learn from them that alerts are not reaching Alertmanager (which cannot say so itself).
/// The sink keeps cumulative counts; each scrape moves the counters by what changed since the last.
struct OpsAlertmanagerMetrics: Sendable {
    let read: @Sendable () -> OpsAlertmanagerReport
    let accepted: Counter
    let refused: Counter
    let failedPosts: Counter
    let dropped: Counter
    let pending: Gauge
    let firing: Gauge
    /// The counts the counters stand at.
    var counted = OpsAlertmanagerReport(accepted: 0, refused: 0, failedPosts: 0, dropped: 0, pending: 0, firing: 0)

    init(registry: PrometheusCollectorRegistry, read: @escaping @Sendable () -> OpsAlertmanagerReport) {
        func name(_ name: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
            OpsMetrics.name(name, subsystem: "alertmanager", unit: unit, help: help)
        }
        self.read = read
        accepted = registry.makeCounter(
            descriptor: name("accepted", "total", "Alerts Alertmanager accepted, re-sends included."))
        refused = registry.makeCounter(
            descriptor: name("refused", "total", "Alerts Alertmanager refused for good (HTTP 400)."))
        failedPosts = registry.makeCounter(
            descriptor: name("failed_posts", "total", "POSTs to Alertmanager that failed and were retried."))
        dropped = registry.makeCounter(
            descriptor: name("dropped", "total", "Alerts dropped because the sink's queue was full."))
        pending = registry.makeGauge(
            descriptor: name("pending", "", "Alert transitions Alertmanager has not accepted yet."))
        firing = registry.makeGauge(
            descriptor: name("firing", "", "Firing alerts this worker keeps alive in Alertmanager by re-sending them."))
    }

    /// Reads the sink and moves the series to its figures.
    mutating func update() {
        let now = read()
        accepted.increment(by: Int64(max(0, now.accepted - counted.accepted)))
        refused.increment(by: Int64(max(0, now.refused - counted.refused)))
        failedPosts.increment(by: Int64(max(0, now.failedPosts - counted.failedPosts)))
        dropped.increment(by: Int64(max(0, now.dropped - counted.dropped)))
        pending.set(Int64(now.pending))
        firing.set(Int64(now.firing))
        counted = now
    }
}
