// The HJ 212 gateway under many device connections (bench/hj212.sh runs it):
//
//   hj212-bench [--connections 2000] [--packets 50] [--threads 2] [--partitions 12] [--pause-ms 0]
//
// In one process: the embedded Kafka cluster, the gateway on a loopback port, and N simulated
// monitors, each on its own TCP connection. Once all are connected, each monitor sends an hourly
// packet with Flag A, waits for the data reply, then sends the next (at once, or `--pause-ms`
// later). Afterwards the raw topic and the metrics topic are read back through the consumer and
// counted. Prints the reply latency (packet written → reply read, client side; it includes
// Kafka's acknowledgement, since the gateway replies only after the raw record is acknowledged),
// its percentiles, and the throughput.

import Foundation
import HJ212
import HJ212Gateway
import KafkaClient
import Logging
import NIOCore
import NIOPosix
import ParkMetrics

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("hj212-bench: \(message)\n".utf8))
    exit(2)
}

func option(_ name: String, _ fallback: Int, minimum: Int = 1) -> Int {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name) else { return fallback }
    guard index + 1 < arguments.count, let value = Int(arguments[index + 1]), value >= minimum else {
        fail("\(name) needs a number ≥ \(minimum)")
    }
    return value
}

/// Raises the soft limit on open files to the hard limit: each connection is two descriptors here
/// (client and server side in one process).
func raiseFileLimit(needed: Int) {
    var limit = rlimit()
    getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
    if limit.rlim_cur < limit.rlim_max {
        limit.rlim_cur = limit.rlim_max
        setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
    }
    if Int(limit.rlim_cur) < needed {
        fail("open-file limit \(limit.rlim_cur) is below the \(needed) this run needs; raise it (ulimit -n)")
    }
}

func seconds(_ duration: Duration) -> Double {
    let (whole, fraction) = duration.components
    return Double(whole) + Double(fraction) / 1e18
}

func percentile(_ sorted: [Duration], _ fraction: Double) -> Duration {
    guard !sorted.isEmpty else { return .zero }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)]
}

func count(_ topic: String, partitions: Int, expected: Int, client: KafkaClientConfiguration, logger: Logger) throws
    -> Int
{
    let consumer = try KafkaConsumer(configuration: KafkaConsumerConfiguration(client: client), logger: logger)
    try consumer.assign(
        Dictionary(
            uniqueKeysWithValues: (0..<Int32(partitions)).map {
                (KafkaTopicPartition(topic: topic, partition: $0), KafkaOffset.beginning)
            }))
    var seen = 0
    let deadline = ContinuousClock.now + .seconds(60)
    while seen < expected, ContinuousClock.now < deadline {
        seen += try consumer.poll(maxMessages: 10_000, timeout: .milliseconds(100)).count
    }
    try consumer.close()
    return seen
}

let connections = option("--connections", 2000)
let packets = option("--packets", 50)
let threads = option("--threads", 2)
let partitions = option("--partitions", 12)
let pause = option("--pause-ms", 0, minimum: 0)
raiseFileLimit(needed: connections * 2 + 256)

var logger = Logger(label: "hj212-bench")
logger.logLevel = .warning
let parks = ["baoshan", "jinshan", "xunxian", "qixian", "qibin", "shancheng", "kaifaqu", "chengxiang"]
let devices = (0..<connections).map { index in
    HJ212Device(mn: "BENCH-\(100_000 + index)", parkID: ParkID(rawValue: parks[index % parks.count])!)
}

do {
    let cluster = try EmbeddedKafkaCluster(brokerCount: 1, logger: logger)
    try cluster.createTopic("park.hj212.raw", partitions: partitions)
    try cluster.createTopic("park.metrics", partitions: partitions)
    let client = KafkaClientConfiguration(bootstrapServers: [cluster.bootstrapServers])
    let producer = try KafkaProducer(
        configuration: KafkaProducerConfiguration(client: client), keepsReports: true, logger: logger)
    var configuration = HJ212GatewayConfiguration(host: "127.0.0.1", port: 0, registry: DeviceRegistry(devices))
    configuration.threads = threads
    let gateway = try HJ212Gateway(configuration: configuration, producer: producer, logger: logger)
    let port = try gateway.start()

    let results = BenchResults()
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
    let connecting = ContinuousClock.now
    var channels: [any Channel] = []
    for device in devices {
        let bootstrap = ClientBootstrap(group: group)
            .channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        BenchDevice(
                            mn: device.mn, packets: packets, pause: .milliseconds(Int64(pause)), results: results))
                }
            }
        channels.append(try bootstrap.connect(host: "127.0.0.1", port: port).wait())
    }
    // Until the gateway has taken every connection (its accept loop may trail the clients').
    while gateway.statistics.openConnections < connections, ContinuousClock.now - connecting < .seconds(60) {
        Thread.sleep(forTimeInterval: 0.01)
    }
    let connected = ContinuousClock.now
    let peak = gateway.statistics.openConnections
    let start = ContinuousClock.now
    for channel in channels {
        channel.eventLoop.execute { channel.pipeline.fireUserInboundEventTriggered(BenchDevice.Start()) }
    }
    while results.snapshot.done + results.snapshot.errors.count < connections {
        Thread.sleep(forTimeInterval: 0.05)
        if ContinuousClock.now - start > .seconds(600) {
            fail("not done after 600 s: \(results.snapshot.done) devices")
        }
    }
    let elapsed = ContinuousClock.now - start
    for channel in channels { try? channel.closeFuture.wait() }
    try group.syncShutdownGracefully()
    gateway.stop(timeout: .seconds(60))
    let statistics = gateway.statistics

    let total = connections * packets
    let raw = try count("park.hj212.raw", partitions: partitions, expected: total, client: client, logger: logger)
    let events = try count("park.metrics", partitions: partitions, expected: total, client: client, logger: logger)
    let latencies = results.snapshot.latencies.sorted()
    let errors = results.snapshot.errors
    func ms(_ duration: Duration) -> String { String(format: "%.1f ms", seconds(duration) * 1000) }
    print(
        """
        connections            \(connections) (open at once when the first packet left: \(peak))
        packets sent           \(total) (\(packets) per connection, each waits for its reply, then \(pause) ms)
        connect phase          \(String(format: "%.2f s", seconds(connected - connecting)))
        wall time              \(String(format: "%.2f s", seconds(elapsed))) → \(String(format: "%.0f", Double(total) / seconds(elapsed))) packets/s
        replies received       \(latencies.count)
        reply latency          p50 \(ms(percentile(latencies, 0.5))), p90 \(ms(percentile(latencies, 0.9))), p99 \(ms(percentile(latencies, 0.99))), max \(ms(latencies.last ?? .zero))
        gateway                frames \(statistics.frames), ok \(statistics.packets[.ok] ?? 0), replies \(statistics.replies), events \(statistics.events), delivery failures \(statistics.deliveryFailures)
        raw topic              \(raw) records (expected \(total))
        metrics topic          \(events) events (expected \(total))
        client errors          \(errors.count)\(errors.first.map { " (first: \($0))" } ?? "")
        """)
    let ok = raw == total && events == total && latencies.count == total && errors.isEmpty
    print(ok ? "RESULT: every packet archived, every event published, every packet answered" : "RESULT: FAILED")
    exit(ok ? 0 : 1)
} catch {
    fail("\(error)")
}
