import ArgumentParser
import Foundation
import KafkaClient
import Logging
import ParkMetrics
import ParkSimulator
import ParkStreamRuntime

/// `parkstream demo`: the whole system on the embedded cluster.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole system on an embedded Kafka cluster: simulated Hebi parks, workers, live alerts.",
        discussion: """
            Starts librdkafka's mock brokers with ParkStream's topics, two `parkstream worker` processes \
            in one consumer group, and the simulator at a high speed-up; alerts are printed as the \
            workers raise them. Ctrl-C ends it cleanly.
            """)

    @Option(help: "Rules file.")
    var rules = "rules/hebi-2017.yaml"

    @Option(help: "Worker processes.")
    var workers = 2

    @Option(help: "Start of the simulated span (date or RFC 3339).")
    var start = TimeArgument(year: 2017, month: 1, day: 1)

    @Option(help: "End of the simulated span.")
    var until = TimeArgument(year: 2017, month: 12, day: 1)

    @Option(help: "Simulated seconds per wall-clock second.")
    var speed: Double = 432_000

    @Option(help: "Stop after this many wall-clock seconds.")
    var duration: Double?

    func validate() throws {
        guard (1...12).contains(workers) else { throw ValidationError("--workers must be 1…12") }
        guard FileManager.default.fileExists(atPath: rules) else {
            throw ValidationError("--rules: no file \(rules) (run from the repository root, or name the file)")
        }
    }

    func run() throws {
        var logger = Logger(label: "parkstream.demo")
        logger.logLevel = .warning
        let signals = SignalFlag([SIGINT, SIGTERM])
        let cluster = try EmbeddedKafkaCluster(brokerCount: 3, logger: logger)
        let layout = TopicLayout()
        for spec in layout.specs(replicationFactor: 3) {
            try cluster.createTopic(spec.name, partitions: spec.partitions, replicationFactor: spec.replicationFactor)
        }
        let brokers = cluster.bootstrapServers
        say("embedded Kafka cluster: 3 brokers at \(brokers), topics \(layout.metrics), \(layout.alerts), …")
        let children = try (1...workers).map { number in
            try spawnWorker(number: number, brokers: brokers)
        }
        defer { for child in children where child.isRunning { child.terminate() } }
        say("\(workers) workers in consumer group \(layout.group); they take a few seconds to join")
        say(
            "simulating the eight Hebi parks from \(ParkZone.shanghai.format(start.timestamp).prefix(10)) at \(Int(speed)) simulated seconds per second"
        )
        say(
            "ops ports: "
                + (1...workers).map { "http://127.0.0.1:\(9463 + $0)/ (worker \($0))" }.joined(separator: ", ")
                + ": /metrics, /api/alerts, /api/aggregates?park=jinshan&metric=wastewater_compliance")
        say("alert transitions appear below as the workers raise them; in another terminal:")
        say(
            "  kcat -C -b \(brokers) -t \(layout.alerts)     or     .build/release/parkstream alerts --brokers \(brokers) --follow"
        )

        var configuration = SimulationConfiguration(start: start.timestamp, end: until.timestamp)
        configuration.wastewaterInterval = .seconds(1800)
        let sink = try KafkaSink(
            client: KafkaClientConfiguration(bootstrapServers: [brokers], clientID: "parkstream-demo"),
            topic: layout.metrics)
        let progress = Progress()
        var driver = SimulationDriver(
            pacer: Pacer(speed: speed, rate: nil, liveStart: start.timestamp), duration: duration, signals: signals,
            progress: progress)
        let count = try driver.drive(ParkSimulation(configuration: configuration), into: sink)
        progress.finish()
        _ = try sink.finish()
        say("simulation done: \(Progress.count(count)) events published; waiting for the workers to catch up")
        try waitForWorkers(brokers: brokers, layout: layout, logger: logger, signals: signals)
        for child in children { child.terminate() }
        for child in children { child.waitUntilExit() }
        say(
            "workers stopped (exit status \(children.map { String($0.terminationStatus) }.joined(separator: ", "))); demo over"
        )
        withExtendedLifetime(cluster) {}
    }

    /// Waits until the group's committed offsets reach the end of every metrics partition (the
    /// workers commit at each checkpoint), two minutes at most.
    private func waitForWorkers(brokers: String, layout: TopicLayout, logger: Logger, signals: SignalFlag) throws {
        // A consumer with the group's id that never subscribes only reads the group's offsets.
        let client = KafkaClientConfiguration(bootstrapServers: [brokers], clientID: "parkstream-demo")
        let reader = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(client: client, groupID: layout.group), logger: logger)
        let partitions = (0..<Int32(layout.partitions)).map {
            KafkaTopicPartition(topic: layout.metrics, partition: $0)
        }
        let ends = try Dictionary(uniqueKeysWithValues: partitions.map { ($0, try reader.watermarks($0).high) })
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline, !signals.isRaised {
            let committed = try reader.committed(partitions)
            let caughtUp = partitions.allSatisfy { partition in
                let end = ends[partition] ?? 0
                return end == 0 || (committed[partition]?.rawValue ?? -1) >= end
            }
            if caughtUp { return }
            Thread.sleep(forTimeInterval: 0.5)
        }
        say("the workers have not caught up after two minutes; stopping them anyway")
    }

    private func spawnWorker(number: Int, brokers: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        if !FileManager.default.isExecutableFile(atPath: process.executableURL?.path ?? "") {
            process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        }
        process.arguments = [
            "worker", "--brokers", brokers, "--rules", rules, "--print-alerts", "--instance", "demo-\(number)",
            "--http", "127.0.0.1:\(9463 + number)",
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["PARKSTREAM_LOG_LEVEL"] = environment["PARKSTREAM_LOG_LEVEL"] ?? "warning"
        // The embedded cluster, not the settings (SASL, TLS) of a real one this shell may name.
        environment["PARKSTREAM_KAFKA_CONFIG"] = nil
        process.environment = environment
        try process.run()
        return process
    }

    private func say(_ text: String) {
        printError("demo: " + text)
    }
}
