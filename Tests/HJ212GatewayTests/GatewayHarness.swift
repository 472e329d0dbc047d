import HJ212
import HJ212Gateway
import KafkaClient
import KafkaTestSupport
import NIOPosix
import ParkMetrics
import Prometheus

/// An embedded cluster, a gateway on a loopback port and a client event-loop group, per test.
final class GatewayHarness: @unchecked Sendable {  // used from one test at a time
    let cluster: TestCluster
    let gateway: HJ212Gateway
    let registry = PrometheusCollectorRegistry()
    let port: Int
    let rawTopic: String
    let metricsTopic: String
    let clients = MultiThreadedEventLoopGroup(numberOfThreads: 2)
    static let partitions = 4

    init(devices: DeviceRegistry, judge: ComplianceJudge = ComplianceJudge()) throws {
        cluster = try TestCluster(brokers: 1)
        rawTopic = try cluster.topic("hj212-raw", partitions: Self.partitions)
        metricsTopic = try cluster.topic("metrics", partitions: Self.partitions)
        var configuration = HJ212GatewayConfiguration(host: "127.0.0.1", port: 0, registry: devices)
        configuration.rawTopic = rawTopic
        configuration.metricsTopic = metricsTopic
        configuration.judge = judge
        let producer = try cluster.producer(keepsReports: true)
        gateway = try HJ212Gateway(
            configuration: configuration, producer: producer, registry: registry, logger: cluster.logger)
        port = try gateway.start()
    }

    func connect() throws -> DeviceConnection {
        try DeviceConnection(port: port, group: clients)
    }

    /// Waits until the gateway has taken `frames` frames (30 s at most).
    func waitForFrames(_ frames: Int) {
        let deadline = ContinuousClock.now + .seconds(30)
        while gateway.statistics.frames < frames, ContinuousClock.now < deadline { Thread.sleepMilliseconds(5) }
    }

    /// Stops the gateway (flushing what it sent) and the client threads.
    func stop() {
        gateway.stop()
        try? clients.syncShutdownGracefully()
    }

    func raw(count: Int) throws -> [KafkaMessage] {
        try cluster.read(rawTopic, partitions: Self.partitions, count: count)
    }

    func events(count: Int) throws -> [MetricEvent] {
        var decoder = MetricEventDecoder()
        return try cluster.read(metricsTopic, partitions: Self.partitions, count: count).map {
            try decoder.decode(Array($0.value))
        }
    }
}
