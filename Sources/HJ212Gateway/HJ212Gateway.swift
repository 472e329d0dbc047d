import HJ212
import KafkaClient
import Logging
import NIOCore
import NIOPosix
import Prometheus
import Synchronization

/// The HJ 212-2017 gateway: a TCP server (SwiftNIO) holding many long-lived device connections,
/// each cut into frames, parsed and judged by its own ``DeviceSession``; frames go to the raw
/// topic, compliance events to the metrics topic, data replies back once archived.
///
/// Call ``start()`` and ``stop(timeout:)`` from a plain thread (they block while binding and
/// closing), not from an event loop of the gateway's own group.
public final class HJ212Gateway: Sendable {
    public let configuration: HJ212GatewayConfiguration
    let archiver: HJ212Archiver
    let metrics: HJ212GatewayMetrics
    let logger: Logger
    private let tracker = ConnectionTracker()
    private let running = Atomic<Bool>(false)
    private let state = Mutex<State>(State())

    private struct State: Sendable {
        var group: MultiThreadedEventLoopGroup?
        var server: (any Channel)?
        var poller: NIOThreadPool?
    }

    /// A gateway writing through `producer` (create it with `keepsReports: true`: replies wait
    /// for delivery reports). Its series go to `registry` (serve it on `/metrics`).
    public init(
        configuration: HJ212GatewayConfiguration, producer: KafkaProducer,
        registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), logger: Logger
    ) throws {
        self.configuration = configuration
        self.logger = logger
        self.metrics = HJ212GatewayMetrics(registry: registry)
        self.archiver = try HJ212Archiver(
            producer: producer, rawTopic: configuration.rawTopic, metricsTopic: configuration.metricsTopic,
            metrics: metrics, logger: logger)
    }

    /// Counts since start.
    public var statistics: HJ212GatewayStatistics { metrics.statistics }

    /// Starts serving delivery reports and listening; returns the bound port.
    public func start() throws -> Int {
        running.store(true, ordering: .releasing)
        let poller = NIOThreadPool(numberOfThreads: 1)
        poller.start()
        let archiver = self.archiver
        poller.submit { _ in
            while self.running.load(ordering: .acquiring) { archiver.serveDeliveries(timeout: .milliseconds(20)) }
        }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, configuration.threads))
        state.withLock {
            $0.poller = poller
            $0.group = group
        }
        let configuration = self.configuration
        let tracker = self.tracker
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: Int32(configuration.backlog))
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.so_keepalive), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let session = DeviceSession(
                        registry: configuration.registry, judge: configuration.judge,
                        maxPendingSplits: configuration.maxPendingSplits)
                    try channel.pipeline.syncOperations.addHandler(
                        HJ212ConnectionHandler(session: session, archiver: archiver, tracker: tracker))
                }
            }
        let server: any Channel
        do {
            server = try bootstrap.bind(host: configuration.host, port: configuration.port).wait()
        } catch {
            stop()
            throw HJ212GatewayError(
                code: .bindFailed, reason: "--listen \(configuration.host):\(configuration.port): \(error)")
        }
        state.withLock { $0.server = server }
        let port = server.localAddress?.port ?? configuration.port
        logger.info(
            "hj212 gateway listening",
            metadata: [
                "hj212.host": "\(configuration.host)", "hj212.port": "\(port)",
                "hj212.devices": "\(configuration.registry.count)",
            ])
        return port
    }

    /// Stops accepting, closes every connection (pending bytes archived as `truncated`), waits up
    /// to `timeout` for Kafka to acknowledge what was sent (and sends the replies that become
    /// due), then stops the threads. Calling it again does nothing.
    public func stop(timeout: Duration = .seconds(10)) {
        let (server, group, poller) = state.withLock { state in
            defer { state = State() }
            return (state.server, state.group, state.poller)
        }
        try? server?.close().wait()
        for channel in tracker.all { try? channel.close().wait() }
        let deadline = ContinuousClock.now + timeout
        while archiver.producer.outstanding > 0 || archiver.pendingReplies > 0, ContinuousClock.now < deadline {
            // The poller thread serves the reports; give it time.
            usleepMilliseconds(10)
            if poller == nil { archiver.serveDeliveries(timeout: .milliseconds(10)) }
        }
        running.store(false, ordering: .releasing)
        try? poller?.syncShutdownGracefully()
        try? group?.syncShutdownGracefully()
        if archiver.producer.outstanding > 0 {
            logger.error("hj212: \(archiver.producer.outstanding) records not acknowledged at stop")
        }
    }

    private func usleepMilliseconds(_ milliseconds: Int) {
        var request = timespec(tv_sec: 0, tv_nsec: milliseconds * 1_000_000)
        nanosleep(&request, nil)
    }
}
