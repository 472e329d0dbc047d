import HJ212
import Prometheus
import Synchronization

/// The gateway's series, in the registry `/metrics` serves, mirrored in a statistics value for
/// programs and tests. Thread-safe: counters are swift-prometheus's, the mirror is behind a Mutex.
final class HJ212GatewayMetrics: Sendable {
    let openConnections: Gauge
    let connections: Counter
    let packets: [FrameVerdict: Counter]
    let replies: Counter
    let events: Counter
    let deliveryFailures: Counter
    let abandonedSplits: Counter
    let replyLatency: DurationHistogram
    private let mirror = Mutex(HJ212GatewayStatistics())

    static let latencyBuckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(20), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .seconds(2), .seconds(5),
    ]

    init(registry: PrometheusCollectorRegistry) {
        func name(_ name: String, _ unit: String = "", _ help: String) -> MetricNameDescriptor {
            MetricNameDescriptor(
                namespace: "parkstream", subsystem: "hj212", metricName: name, unitName: unit, helpText: help)
        }
        openConnections = registry.makeGauge(descriptor: name("connections", "", "Device connections open now."))
        connections = registry.makeCounter(
            descriptor: name("connections_accepted", "total", "Device connections accepted."))
        let packetName = name("packets", "total", "Frames received from devices, by verdict.")
        packets = Dictionary(
            uniqueKeysWithValues: FrameVerdict.allCases.map {
                ($0, registry.makeCounter(descriptor: packetName, labels: [("verdict", $0.rawValue)]))
            })
        replies = registry.makeCounter(
            descriptor: name("replies", "total", "Data replies (CN 9014) sent after the packet was archived."))
        events = registry.makeCounter(descriptor: name("events", "total", "wastewater_compliance events published."))
        deliveryFailures = registry.makeCounter(
            descriptor: name("delivery_failures", "total", "Raw records or events Kafka did not acknowledge."))
        abandonedSplits = registry.makeCounter(
            descriptor: name("splits_abandoned", "total", "Split uploads given up incomplete."))
        replyLatency = registry.makeDurationHistogram(
            descriptor: name("reply_latency", "seconds", "From a Flag-A packet's arrival to its reply."),
            buckets: Self.latencyBuckets)
    }

    var statistics: HJ212GatewayStatistics { mirror.withLock { $0 } }

    func connectionOpened() {
        openConnections.increment()
        connections.increment()
        mirror.withLock {
            $0.openConnections += 1
            $0.connections += 1
        }
    }

    func connectionClosed() {
        openConnections.decrement()
        mirror.withLock { $0.openConnections -= 1 }
    }

    func received(_ verdict: FrameVerdict, event: Bool, abandonedSplits abandoned: Int) {
        packets[verdict]?.increment()
        if event { events.increment() }
        if abandoned > 0 { abandonedSplits.increment(by: Int64(abandoned)) }
        mirror.withLock {
            $0.packets[verdict, default: 0] += 1
            if event { $0.events += 1 }
            $0.abandonedSplits += abandoned
        }
    }

    func replied(after latency: Duration) {
        replies.increment()
        replyLatency.record(latency)
        mirror.withLock { $0.replies += 1 }
    }

    func deliveryFailed() {
        deliveryFailures.increment()
        mirror.withLock { $0.deliveryFailures += 1 }
    }
}
