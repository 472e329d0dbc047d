import Foundation
import KafkaClient
import Logging
import ParkMetrics
import ParkRules
import ParkStreamRuntime
import Synchronization
import Testing

@Suite("parkstream alerts", .serialized, .timeLimit(.minutes(6)))
struct AlertsCommandTests {
    static func event(
        park: String, partition: Int32, offset: Int64, state: AlertTransition.State = .firing,
        severity: Severity = .critical
    ) -> AlertEvent {
        let started = Timestamp(rfc3339: "2017-06-08T10:00:00+08:00")!
        let ended = Timestamp(rfc3339: "2017-06-09T08:00:00+08:00")!
        let transition = AlertTransition(
            ruleID: "wastewater-compliance-24h", parkID: ParkID(rawValue: park)!, metric: .wastewaterCompliance,
            window: "24h", state: state, severity: severity, value: state == .firing ? 0.912 : 0.971,
            threshold: 0.95, condition: "< 0.95", startedAt: started, eventTime: state == .firing ? started : ended,
            resolvedAt: state == .firing ? nil : ended)
        return AlertEvent(
            transition: transition, source: .kafka(topic: "park.metrics", partition: partition, offset: offset))
    }

    static let events = [
        event(park: "jinshan", partition: 2, offset: 10),
        event(park: "baoshan", partition: 0, offset: 3, severity: .warning),
        event(park: "jinshan", partition: 2, offset: 20, state: .resolved),
    ]

    /// Writes `events` to the broker's alerts topic through the Kafka alert sink.
    func publish(_ events: [AlertEvent], to bootstrap: String) throws {
        let logger = Logger(label: "test")
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(client: KafkaClientConfiguration(bootstrapServers: [bootstrap])),
            logger: logger)
        let sink = KafkaAlertSink(producer: producer, topic: "park.alerts", partitions: 4, logger: logger)
        for event in events { try sink.deliver(event) }
        try sink.close(timeout: .seconds(20))
    }

    @Test func printsTheTopicToItsEndAsCanonicalJSONOrLinesAndExits() throws {
        let broker = try BrokerProcess(arguments: ["--partitions", "4", "--brokers-count", "1"])
        try publish(Self.events, to: broker.bootstrap)

        let json = try ChildProcess.run(
            ChildProcess.parkstream.path, ["alerts", "--brokers", broker.bootstrap, "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let jsonLines = json.stdout.split(separator: "\n").map(String.init)
        #expect(jsonLines.sorted() == Self.events.map { $0.canonicalJSON() }.sorted())
        #expect(
            jsonLines.filter { $0.contains("\"jinshan\"") }
                == [Self.events[0], Self.events[2]].map {
                    $0.canonicalJSON()
                }, "a partition's transitions in order")

        let text = try ChildProcess.run(ChildProcess.parkstream.path, ["alerts", "--brokers", broker.bootstrap])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(
            text.stdout.split(separator: "\n").map(String.init).sorted()
                == Self.events.map { AlertLine.format($0) }.sorted())
        #expect(!text.stdout.contains("\u{1B}["), "no colours when stdout is not a terminal")
        #expect(
            text.stdout.contains(
                "FIRING critical jinshan wastewater_compliance 24h = 0.912 (< 0.95) since 2017-06-08T10:00:00+08:00 "
                    + "[wastewater-compliance-24h]"))

        let fresh = try ChildProcess.run(
            ChildProcess.parkstream.path, ["alerts", "--brokers", broker.bootstrap, "--no-from-beginning"])
        #expect(fresh.status == 0)
        #expect(fresh.stdout.isEmpty, "nothing new without --follow")
        _ = broker.stop()
    }

    @Test func followKeepsPrintingNewTransitionsUntilSIGINT() throws {
        let broker = try BrokerProcess(arguments: ["--partitions", "4", "--brokers-count", "1"])
        try publish([Self.events[0]], to: broker.bootstrap)
        let follower = Process()
        follower.executableURL = ChildProcess.parkstream
        follower.arguments = ["alerts", "--brokers", broker.bootstrap, "--follow", "--json"]
        let out = Pipe()
        follower.standardOutput = out
        follower.standardError = FileHandle.nullDevice
        let received = Received()
        out.fileHandleForReading.readabilityHandler = { handle in received.append(handle.availableData) }
        try follower.run()
        defer { if follower.isRunning { follower.terminate() } }

        #expect(received.waitForLines(1), "the transition already there")
        try publish([Self.events[1], Self.events[2]], to: broker.bootstrap)
        #expect(received.waitForLines(3), "new transitions as they arrive")
        follower.interrupt()
        follower.waitUntilExit()
        out.fileHandleForReading.readabilityHandler = nil
        #expect(follower.terminationStatus == 0, "SIGINT ends it cleanly")
        #expect(received.lines.sorted() == Self.events.map { $0.canonicalJSON() }.sorted())
        _ = broker.stop()
    }
}

/// Output of a running child, collected as it arrives.
final class Received: Sendable {
    private let text = Mutex("")

    func append(_ data: Data) {
        text.withLock { $0 += String(decoding: data, as: UTF8.self) }
    }

    var lines: [String] { text.withLock { $0 }.split(separator: "\n").map(String.init) }

    /// Waits (30 s at most) until `count` complete lines arrived.
    func waitForLines(_ count: Int) -> Bool {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if text.withLock({ $0.filter { $0 == "\n" }.count }) >= count { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }
}
