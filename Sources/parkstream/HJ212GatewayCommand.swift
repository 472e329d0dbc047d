import ArgumentParser
import Foundation
import HJ212
import HJ212Gateway
import KafkaClient
import Logging
import ParkStreamOps
import ParkStreamRuntime

/// `parkstream hj212-gateway`: wastewater monitors speaking HJ 212-2017 over TCP, straight into Kafka.
struct HJ212GatewayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hj212-gateway",
        abstract: "Accept HJ 212-2017 monitor connections; archive every frame and publish compliance events.",
        discussion: """
            Every frame received, valid or not, goes to the raw topic with its verdict in a header; \
            hourly packets (CN 2061, ST 32) of known devices give wastewater_compliance events on \
            the metrics topic; packets with Flag bit A get a data reply (CN 9014) once archived. \
            SIGINT or SIGTERM: stop accepting, close connections, wait for Kafka's acknowledgements, \
            exit 0. See docs/hj212-gateway.md.
            """)

    @OptionGroup var kafka: KafkaOptions

    @Option(help: "Address for device connections, HOST:PORT (:PORT for every interface).")
    var listen: String

    @Option(help: "Devices file (YAML): MN → park, monitor, limits.")
    var devices: String

    @Option(name: .customLong("event-cn"), help: "A command code whose packets give events (repeatable).")
    var eventCommands: [String] = ["2061"]

    @Option(name: .customLong("event-st"), help: "A system code whose packets are judged (repeatable).")
    var eventSystems: [String] = ["32"]

    @Option(name: .customLong("raw-topic"), help: "Topic for every frame received.")
    var rawTopic = TopicLayout().hj212Raw

    @Option(name: .customLong("metrics-topic"), help: "Topic for compliance events.")
    var metricsTopic = TopicLayout().metrics

    @Option(help: "Event-loop threads for device connections.")
    var threads = 2

    @Option(help: "Ops HTTP port (/healthz, /readyz, /metrics), HOST:PORT; \"off\" for none.")
    var http = "127.0.0.1:9465"

    func validate() throws {
        guard HJ212GatewayConfiguration.address(listen) != nil else {
            throw ValidationError("--listen: expected HOST:PORT, not \(listen)")
        }
        guard (1...256).contains(threads) else { throw ValidationError("--threads must be 1…256") }
        for code in eventCommands + eventSystems where code.isEmpty || !code.allSatisfy(\.isNumber) {
            throw ValidationError("--event-cn/--event-st: \"\(code)\" is not a numeric code")
        }
    }

    func run() throws {
        let logger = Logger(label: "parkstream.hj212")
        let signals = SignalWaiter([SIGINT, SIGTERM])
        guard let text = try? String(contentsOfFile: devices, encoding: .utf8) else {
            throw CommandFailure("cannot read --devices \(devices)")
        }
        let registry: DeviceRegistry
        do {
            registry = try DeviceFile.parse(yaml: text, name: devices)
        } catch {
            throw CommandFailure("\(error)")
        }
        guard let address = HJ212GatewayConfiguration.address(listen) else { throw ExitCode.validationFailure }
        var configuration = HJ212GatewayConfiguration(host: address.host, port: address.port, registry: registry)
        configuration.judge = ComplianceJudge(commands: Set(eventCommands), systems: Set(eventSystems))
        configuration.rawTopic = rawTopic
        configuration.metricsTopic = metricsTopic
        configuration.threads = threads
        let client = try kafka.clientConfiguration(clientID: "parkstream-hj212-gateway")
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(client: client), keepsReports: true, logger: logger)
        let state = OpsState()
        let ops = try startOps(state: state, logger: logger)
        defer { ops?.stop() }
        let gateway = try HJ212Gateway(
            configuration: configuration, producer: producer, registry: state.registry, logger: logger)
        let port = try gateway.start()
        state.setReady(true)
        // Unbuffered, so a script reading the first line gets it at once.
        FileHandle.standardOutput.write(Data("listening on \(address.host):\(port)\n".utf8))
        let signal = signals.wait()
        logger.info("signal \(signal): stopping the hj212 gateway")
        state.setReady(false)
        gateway.stop()
        let statistics = gateway.statistics
        logger.info(
            "hj212 gateway stopped: \(statistics.connections) connections, \(statistics.frames) frames, \(statistics.events) events, \(statistics.replies) replies"
        )
    }

    private func startOps(state: OpsState, logger: Logger) throws -> RunningOpsServer? {
        guard http != "off" else { return nil }
        guard let address = OpsServerConfiguration(address: http) else {
            throw ValidationError("--http: expected HOST:PORT, not \(http)")
        }
        let server = try OpsServer(state: state, configuration: address, logger: logger).start()
        logger.info("ops port: http://\(address.host):\(server.port)/metrics")
        return server
    }
}
