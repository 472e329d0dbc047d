import ArgumentParser
import Foundation
import KafkaClient
import Logging
import ParkMetrics
import ParkRules
import ParkSimulator
import ParkStreamRuntime

/// `parkstream simulate`: the eight Hebi parks, every catalog metric, with planted shortfalls.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate the Hebi parks' metric events, to Kafka or to an NDJSON file.",
        discussion: """
            Seeded and deterministic. Wastewater monitors sample every few minutes, energy meters \
            every 15 minutes, heating coverage and solid waste daily, statistics monthly (with the \
            year before --start as history, so year-on-year growth is defined). Planted shortfalls \
            (2017): jinshan's compliance sags 5-9 June; xunxian misses the heating deadline; \
            qixian's investment grows about 13 %; shancheng's August report is late; qibin's \
            only monitor, ww01, is silent for 36 hours from 12 September.
            """)

    @OptionGroup var kafka: KafkaOptions

    @Option(help: "Start of live data (date or RFC 3339).")
    var start = TimeArgument(year: 2017, month: 1, day: 1)

    @Option(help: "End of the simulated span, exclusive (date or RFC 3339).")
    var until = TimeArgument(year: 2018, month: 1, day: 1)

    @Option(help: "Random seed.")
    var seed: UInt64 = 2017

    @Option(help: "Simulated seconds per wall-clock second (default: as fast as possible).")
    var speed: Double?

    @Option(help: "At most this many events per second.")
    var rate: Double?

    @Option(help: "Stop after this many wall-clock seconds.")
    var duration: Double?

    @Option(help: "Write the events to this NDJSON file instead of publishing them.")
    var output: String?

    @Option(help: "Topic to publish to.")
    var topic = "park.metrics"

    @Option(name: .customLong("wastewater-interval"), help: "Compliance sample interval per monitor.")
    var wastewaterInterval = "10m"

    @Option(name: .customLong("energy-interval"), help: "Energy reading interval per park.")
    var energyInterval = "15m"

    @Flag(name: .customLong("no-history"), help: "Leave out the year before --start.")
    var noHistory = false

    func validate() throws {
        guard start.timestamp < until.timestamp else { throw ValidationError("--start must be before --until") }
        for (name, text) in [("--wastewater-interval", wastewaterInterval), ("--energy-interval", energyInterval)] {
            _ = try positiveDuration(text, option: name, example: "5m, 15m, 1h")
        }
    }

    func run() throws {
        var configuration = SimulationConfiguration(start: start.timestamp, end: until.timestamp)
        configuration.seed = seed
        configuration.includeHistory = !noHistory
        configuration.wastewaterInterval = try positiveDuration(
            wastewaterInterval, option: "--wastewater-interval", example: "5m, 15m, 1h")
        configuration.energyInterval = try positiveDuration(
            energyInterval, option: "--energy-interval", example: "5m, 15m, 1h")
        let simulation = ParkSimulation(configuration: configuration)
        let sink: any SimulationSink =
            if let output {
                try FileSink(path: output)
            } else {
                try KafkaSink(client: kafka.clientConfiguration(clientID: "parkstream-simulate"), topic: topic)
            }
        let progress = Progress()
        var driver = SimulationDriver(
            pacer: Pacer(speed: speed, rate: rate, liveStart: configuration.start), duration: duration,
            signals: SignalFlag([SIGINT, SIGTERM]), progress: progress)
        let count = try driver.drive(simulation, into: sink)
        progress.finish()
        let delivered = try sink.finish()
        printError(
            "\(Progress.count(delivered)) events \(output == nil ? "published to \(topic)" : "written to \(output ?? "")") in \(String(format: "%.1f", progress.elapsed)) s"
        )
        if delivered != count { throw CommandFailure("\(count - delivered) events were not delivered") }
    }
}

/// Where simulated events go.
protocol SimulationSink {
    func write(_ event: MetricEvent, encoded: [UInt8]) throws
    /// Flushes and returns how many events arrived.
    func finish() throws -> Int
}

/// An NDJSON file.
final class FileSink: SimulationSink {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var count = 0

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw CommandFailure("cannot create \(path)")
        }
        self.handle = handle
        buffer.reserveCapacity(1 << 20)
    }

    func write(_ event: MetricEvent, encoded: [UInt8]) throws {
        buffer += encoded
        buffer.append(0x0A)
        count += 1
        if buffer.count >= 1 << 20 { try flushBuffer() }
    }

    private func flushBuffer() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func finish() throws -> Int {
        try flushBuffer()
        try handle.close()
        return count
    }
}

/// The metrics topic, keyed by park, stamped with observed_at, zstd-compressed (the embedded
/// cluster keeps about 5 MiB per partition).
final class KafkaSink: SimulationSink {
    private let producer: KafkaProducer
    private let topic: String

    init(client: KafkaClientConfiguration, topic: String) throws {
        var configuration = KafkaProducerConfiguration(client: client)
        configuration.compression = .zstd
        configuration.linger = .milliseconds(20)
        producer = try KafkaProducer(configuration: configuration, logger: Logger(label: "parkstream.simulate"))
        self.topic = topic
    }

    func write(_ event: MetricEvent, encoded: [UInt8]) throws {
        var key = event.parkID.rawValue
        try key.withUTF8 { key in
            try encoded.withUnsafeBytes { value in
                try producer.send(
                    topic: topic, partition: nil, key: UnsafeRawBufferPointer(key), value: value,
                    timestamp: event.observedAt.milliseconds)
            }
        }
        producer.poll()
    }

    func finish() throws -> Int {
        let summary = try producer.flush(timeout: .seconds(120))
        for failure in summary.failed.prefix(5) { printError("delivery failed: \(failure.error?.description ?? "")") }
        return summary.delivered
    }
}
