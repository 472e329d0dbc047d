import ArgumentParser
import Foundation
import KafkaClient
import Logging
import ParkMetrics
import ParkRules
import ParkStreamOps
import ParkStreamRuntime

/// `parkstream worker`: a consumer-group member keeping aggregates and raising alerts.
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run a worker: consume metric events, keep aggregates, raise alerts (a Kafka consumer-group member).",
        discussion: """
            Start as many as there are partitions to share; Kafka's consumer group spreads the \
            partitions, and each partition's state moves with it through the checkpoints topic. \
            SIGINT or SIGTERM: finish the batch, checkpoint, leave the group, exit 0.
            """)

    @OptionGroup var kafka: KafkaOptions

    @Option(help: "Rules file (YAML).")
    var rules: String

    @Option(help: "Consumer group (names the checkpoints topic, <group>-checkpoints).")
    var group = "parkstream-workers"

    @Option(help: "This worker's name in logs (default: host and process id).")
    var instance: String?

    @Option(help: "Send alerts to this Prometheus Alertmanager as well (e.g. http://127.0.0.1:9093).")
    var alertmanager: String?

    @Flag(name: .customLong("print-alerts"), help: "Print alert transitions on stdout.")
    var printAlerts = false

    @Option(
        name: .customLong("checkpoint-interval"),
        help: "How often to checkpoint each partition (one at a time, spread over the interval).")
    var checkpointInterval = "5s"

    @Option(
        name: .customLong("revoke-timeout"),
        help: """
            How long a revoke may wait for the revoked partitions' outputs and checkpoints; past it \
            the outputs not yet acknowledged are dropped and the next owner recomputes them.
            """)
    var revokeTimeout = "4s"

    @Option(help: "Partitions of the topics (for alerts of events read from files).")
    var partitions = 12

    @Flag(
        name: .customLong("until-caught-up"),
        help: "Exit (after the final checkpoint) once every assigned partition is processed to its end.")
    var untilCaughtUp = false

    @Option(
        help: "Ops HTTP port (/healthz, /readyz, /metrics, /api/aggregates, /api/alerts), HOST:PORT; \"off\" for none.")
    var http = "127.0.0.1:9464"

    @Option(
        name: .customLong("http-token-file"),
        help: "A file holding the bearer token that /api/* requires (default: $PARKSTREAM_OPS_TOKEN, or none).")
    var httpTokenFile: String?

    func run() throws {
        let logger = Logger(label: "parkstream.worker")
        let interval = try positiveDuration(checkpointInterval, option: "--checkpoint-interval", example: "5s")
        let revokeLimit = try positiveDuration(revokeTimeout, option: "--revoke-timeout", example: "4s")
        guard let text = try? String(contentsOfFile: rules, encoding: .utf8) else {
            throw CommandFailure("cannot read \(rules)")
        }
        let ruleSet: RuleSet
        do {
            ruleSet = try RuleSet(yaml: text)
        } catch {
            throw CommandFailure("\(rules): \(error)")
        }
        var client = try kafka.clientConfiguration(clientID: "parkstream-worker")
        // Checkpoints of many parks pass the 1 MB default; `topics create` lets the topic take them too.
        if client.properties["message.max.bytes"] == nil {
            client.properties["message.max.bytes"] = String(TopicLayout.checkpointMaxBytes)
        }
        var layout = TopicLayout()
        layout.group = group
        layout.partitions = partitions
        var configuration = WorkerConfiguration(
            client: client, rules: ruleSet, rulesFingerprint: RuleSet.fingerprint(of: text),
            instanceID: instance ?? "\(ProcessInfo.processInfo.hostName)-\(getpid())", layout: layout)
        configuration.checkpointInterval = interval
        configuration.revokeTimeout = revokeLimit
        configuration.stopWhenCaughtUp = untilCaughtUp
        // Alerts are few and urgent: they leave after 1 ms rather than the usual 5 (aggregates and
        // checkpoints come in bursts and batch anyway; `-X linger.ms=` overrides).
        var producerConfiguration = KafkaProducerConfiguration(client: client)
        producerConfiguration.linger = .milliseconds(1)
        // Counted per partition: background checkpoints wait for exactly the outputs they cover.
        let producer = try KafkaProducer(
            configuration: producerConfiguration, countsDeliveriesPerPartition: true, logger: logger)
        var sinks: [any AlertSink] = [
            KafkaAlertSink(producer: producer, topic: layout.alerts, partitions: partitions, logger: logger)
        ]
        let alertmanagerSink = try alertmanager.map { text in
            guard let url = URL(string: text) else { throw ValidationError("--alertmanager: not a URL: \(text)") }
            return AlertmanagerSink(configuration: AlertmanagerConfiguration(baseURL: url), logger: logger)
        }
        if let alertmanagerSink { sinks.append(alertmanagerSink) }
        if printAlerts { sinks.append(StdoutAlertSink.standardOutput(json: false)) }
        let signals = SignalFlag([SIGINT, SIGTERM])
        let worker = try Worker(configuration: configuration, producer: producer, sinks: sinks, logger: logger)
        let ops = try startOps(logger: logger)
        if let ops {
            worker.observer = OpsBridge(state: ops.state)
            if let alertmanagerSink { OpsBridge.watch(alertmanagerSink, on: ops.state) }
        }
        logger.info("worker \(configuration.instanceID) joining group \(group)")
        defer { ops?.server.stop() }
        try worker.run { signals.isRaised }
        for sink in sinks {
            // The worker has checkpointed and left: what a sink still holds no longer decides the exit.
            do { try sink.close(timeout: .seconds(1)) } catch { logger.warning("\(error)") }
        }
        logger.info("worker \(configuration.instanceID) stopped after \(worker.statistics.eventsIn) events")
    }

    /// Starts the ops port unless `--http off`; the token comes from a file or the environment and
    /// is never logged.
    private func startOps(logger: Logger) throws -> (state: OpsState, server: RunningOpsServer)? {
        guard http != "off" else { return nil }
        var token = ProcessInfo.processInfo.environment["PARKSTREAM_OPS_TOKEN"]
        if let httpTokenFile {
            guard let text = try? String(contentsOfFile: httpTokenFile, encoding: .utf8) else {
                throw CommandFailure("cannot read --http-token-file \(httpTokenFile)")
            }
            token = text.trimmingCharacters(in: .whitespacesAndNewlines)
            // An empty file would leave /api open without a word: refuse it.
            guard token?.isEmpty == false else { throw CommandFailure("--http-token-file \(httpTokenFile) is empty") }
        }
        guard let address = OpsServerConfiguration(address: http, bearerToken: token?.isEmpty == false ? token : nil)
        else {
            throw ValidationError("--http: expected HOST:PORT, not \(http)")
        }
        let state = OpsState()
        let server = try OpsServer(state: state, configuration: address, logger: logger).start()
        logger.info(
            "ops port: http://\(address.host):\(server.port)/ (token for /api: \(address.bearerToken == nil ? "none" : "set"))"
        )
        return (state, server)
    }
}
