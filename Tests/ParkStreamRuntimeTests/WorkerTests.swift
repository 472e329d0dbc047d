import Foundation
import KafkaClient
import KafkaTestSupport
import Logging
import ParkMetrics
import ParkRules
import ParkSimulator
import ParkStreamRuntime
import Synchronization
import Testing

/// Two weeks of June 2017 (jinshan's compliance sag is in it), with a year of history.
let june: [MetricEvent] = {
    var configuration = SimulationConfiguration(
        start: Timestamp(rfc3339: "2017-06-01T00:00:00+08:00") ?? Timestamp(seconds: 0),
        end: Timestamp(rfc3339: "2017-06-15T00:00:00+08:00") ?? Timestamp(seconds: 0))
    configuration.wastewaterInterval = .seconds(1800)
    configuration.energyInterval = .seconds(3600)
    return Array(ParkSimulation(configuration: configuration))
}()

/// A worker over an embedded cluster with its own topics, run on a thread of its own.
final class WorkerHarness: @unchecked Sendable {  // the flag is the only state shared across threads.
    let kafka: TestCluster
    var layout = TopicLayout()
    let rules: RuleSet
    let partitions = 4

    init(rules: RuleSet, brokers: Int = 1) throws {
        kafka = try TestCluster(brokers: brokers)
        self.rules = rules
        let suffix = UInt32.random(in: 0...UInt32.max)
        layout.metrics = "metrics-\(suffix)"
        layout.alerts = "alerts-\(suffix)"
        layout.deadLetters = "dlq-\(suffix)"
        layout.aggregates = "aggregates-\(suffix)"
        layout.group = "workers-\(suffix)"
        layout.partitions = partitions
        for spec in layout.specs(replicationFactor: 1) {
            try kafka.cluster.createTopic(spec.name, partitions: spec.partitions)
        }
    }

    /// Publishes events keyed by park, as `parkstream publish` does.
    func publish(_ events: some Sequence<MetricEvent>, extra: [(key: String, value: String)] = []) throws -> Int {
        let producer = try kafka.producer()
        let topic = try producer.topic(layout.metrics)
        let encoder = MetricEventEncoder()
        var count = 0
        for event in events {
            try Array(event.parkID.rawValue.utf8).withUnsafeBytes { key in
                try encoder.encode(event).withUnsafeBytes { value in
                    try producer.send(
                        to: topic, partition: nil, key: key, value: value, timestamp: event.observedAt.milliseconds)
                }
            }
            count += 1
        }
        for (key, value) in extra {
            try producer.send(
                KafkaProducerMessage(topic: layout.metrics, key: Array(key.utf8), value: Array(value.utf8)))
            count += 1
        }
        try producer.flush(timeout: .seconds(60))
        return count
    }

    /// A worker over this cluster's topics (checkpoints every second), and its producer.
    func makeWorker(
        instance: String = "test", rules: RuleSet? = nil, revokeTimeout: Duration = .seconds(4),
        otherSinks: [any AlertSink] = []
    ) throws -> (Worker, KafkaProducer) {
        let producer = try kafka.producer(countsDeliveriesPerPartition: true)
        var configuration = WorkerConfiguration(
            client: kafka.client, rules: rules ?? self.rules, rulesFingerprint: "test", instanceID: instance,
            layout: layout)
        configuration.checkpointInterval = .seconds(1)
        configuration.revokeTimeout = revokeTimeout
        let sink = KafkaAlertSink(
            producer: producer, topic: layout.alerts, partitions: partitions, logger: kafka.logger)
        let worker = try Worker(
            configuration: configuration, producer: producer, sinks: [sink] + otherSinks, logger: kafka.logger)
        return (worker, producer)
    }

    /// An Alertmanager sink for `baseURL` that retries quickly (100 ms doubling to 500 ms).
    func alertmanagerSink(_ baseURL: URL, resendInterval: Duration = .seconds(60)) -> AlertmanagerSink {
        var configuration = AlertmanagerConfiguration(baseURL: baseURL)
        configuration.resendInterval = resendInterval
        configuration.initialBackoff = .milliseconds(100)
        configuration.maxBackoff = .milliseconds(500)
        return AlertmanagerSink(configuration: configuration, logger: kafka.logger)
    }

    /// Runs a worker until it has read `events` messages, then stops it gracefully.
    func runWorker(until events: Int, rules: RuleSet? = nil) throws -> WorkerStatistics {
        let (worker, _) = try makeWorker(rules: rules)
        let deadline = ContinuousClock.now + .seconds(90)
        try worker.run { worker.statistics.eventsIn >= events || ContinuousClock.now > deadline }
        return worker.statistics
    }

    /// A worker running on a thread of its own until `stop()`.
    func startWorker(
        instance: String, revokeTimeout: Duration = .seconds(4), otherSinks: [any AlertSink] = []
    ) throws -> RunningWorker {
        let (worker, producer) = try makeWorker(
            instance: instance, revokeTimeout: revokeTimeout, otherSinks: otherSinks)
        return RunningWorker(worker: worker, producer: producer)
    }

    /// Messages in a topic: the sum of its partitions' end offsets.
    func messageCount(_ topic: String) throws -> Int64 {
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(client: kafka.client), logger: kafka.logger)
        return try (0..<Int32(partitions)).reduce(0) {
            $0 + (try consumer.watermarks(KafkaTopicPartition(topic: topic, partition: $1)).high)
        }
    }

    /// The alerts topic's events, without their sources, sorted.
    func alerts(count: Int) throws -> [String] {
        try kafka.read(layout.alerts, partitions: partitions, count: count).map { message in
            let event = try AlertEvent(canonicalJSON: message.value)
            return AlertEvent(transition: event.transition, summary: event.summary, source: .file(path: "", line: 0))
                .canonicalJSON()
        }.sorted()
    }
}

/// A worker run by `WorkerHarness.startWorker` on a thread of its own.
final class RunningWorker: Sendable {
    let producer: KafkaProducer
    private let stopping = Mutex(false)
    /// The worker's counters after each poll, and how its run ended.
    private let state = Mutex((statistics: nil as WorkerStatistics?, outcome: nil as Result<Void, any Error>?))
    private let done = DispatchSemaphore(value: 0)

    init(worker: Worker, producer: KafkaProducer) {
        self.producer = producer
        let thread = Thread { [self] in
            let outcome = Result {
                try worker.run {
                    state.withLock { $0.statistics = worker.statistics }
                    return stopping.withLock { $0 }
                }
            }
            state.withLock { $0.outcome = outcome }
            done.signal()
        }
        thread.start()
    }

    /// The counters as of the worker's latest poll (nil before its first).
    var statistics: WorkerStatistics? { state.withLock { $0.statistics } }

    /// Waits until `condition` holds for the worker's counters; false after `timeout`.
    func wait(timeout: Duration = .seconds(60), until condition: (WorkerStatistics) -> Bool) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let statistics, condition(statistics) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }

    /// Whether the worker's run is still going.
    var isRunning: Bool { state.withLock { $0.outcome == nil } }

    /// Stops the worker gracefully and rethrows what ended its run.
    func stop() throws {
        stopping.withLock { $0 = true }
        done.wait()
        try state.withLock { $0.outcome }?.get()
    }
}

func replayedAlerts(_ events: [MetricEvent], rules: RuleSet, partitions: Int32) -> [String] {
    var bytes: [UInt8] = []
    let encoder = MetricEventEncoder()
    for event in events { encoder.appendLine(event, to: &bytes) }
    return FileReplay(rules: rules, partitions: partitions).run(bytes, path: "").alerts.map {
        AlertEvent(transition: $0.transition, summary: $0.summary, source: .file(path: "", line: 0)).canonicalJSON()
    }.sorted()
}

/// The ids of the alerts that replay leaves firing at the end of `events`.
func firingAlertIDs(_ events: [MetricEvent], rules: RuleSet, partitions: Int32) -> Set<String> {
    var bytes: [UInt8] = []
    for event in events { MetricEventEncoder().appendLine(event, to: &bytes) }
    var latest: [String: AlertTransition.State] = [:]
    for alert in FileReplay(rules: rules, partitions: partitions).run(bytes, path: "").alerts {
        latest[alert.transition.alertID] = alert.transition.state
    }
    return Set(latest.filter { $0.value == .firing }.keys)
}

@Suite("worker", .serialized, .timeLimit(.minutes(6)))
struct WorkerTests {
    @Test func theAlertsTopicHoldsExactlyWhatReplayComputes() throws {
        let rules = try hebiRules()
        let harness = try WorkerHarness(rules: rules)
        let poison = [(key: "jinshan", value: "not json"), (key: "baoshan", value: #"{"event_id":"x"}"#)]
        let published = try harness.publish(june, extra: poison)
        let statistics = try harness.runWorker(until: published)
        #expect(statistics.eventsIn == published)
        #expect(statistics.rejected.values.reduce(0, +) == 2)
        let expected = replayedAlerts(june, rules: rules, partitions: Int32(harness.partitions))
        #expect(!expected.isEmpty)
        #expect(try harness.alerts(count: expected.count) == expected)
        #expect(try harness.messageCount(harness.layout.alerts) == Int64(expected.count), "no duplicates")
        // The aggregates topic holds the live values; June's month equals replay's final June row.
        var bytes: [UInt8] = []
        for event in june { MetricEventEncoder().appendLine(event, to: &bytes) }
        let table = FileReplay(rules: rules, partitions: Int32(harness.partitions)).run(bytes, path: "").aggregates
        let aggregates = try harness.kafka.read(
            harness.layout.aggregates, partitions: harness.partitions,
            count: Int(try harness.messageCount(harness.layout.aggregates)))
        let latest = Dictionary(
            aggregates.map {
                (String(decoding: $0.key ?? [], as: UTF8.self), String(decoding: $0.value, as: UTF8.self))
            },
            uniquingKeysWith: { _, newer in newer })
        let juneRow = try #require(
            table.rows.first {
                $0.parkID.rawValue == "jinshan" && $0.metric == .wastewaterCompliance && $0.window == .month
                    && $0.month == YearMonth(year: 2017, month: 6)
            })
        let live = try #require(latest["jinshan/wastewater_compliance/month"])
        #expect(
            live.contains(
                #""value":\#(ShortestNumber.format(juneRow.aggregate.value)),"count":\#(juneRow.aggregate.count),"#))
        #expect(latest["jinshan/energy_intensity/ytd"] != nil, "derived ratios are published too")
        let dead = try harness.kafka.read(harness.layout.deadLetters, partitions: harness.partitions, count: 2)
        #expect(Set(dead.map { String(decoding: $0.value, as: UTF8.self) }) == Set(poison.map(\.value)))
        #expect(dead.allSatisfy { $0.header("parkstream-error") != nil && $0.header("parkstream-source") != nil })
    }

    @Test func aRestartedWorkerResumesFromItsCheckpointWithoutDuplicates() throws {
        let rules = try hebiRules()
        let harness = try WorkerHarness(rules: rules)
        let half = june.count / 2
        let first = try harness.publish(june[..<half])
        _ = try harness.runWorker(until: first)
        let second = try harness.publish(june[half...])
        let statistics = try harness.runWorker(until: second)
        #expect(statistics.restores > 0)
        #expect(statistics.eventsIn == second, "nothing before the checkpoint is read again")
        let expected = replayedAlerts(june, rules: rules, partitions: Int32(harness.partitions))
        #expect(try harness.alerts(count: expected.count) == expected)
        #expect(try harness.messageCount(harness.layout.alerts) == Int64(expected.count), "no duplicates")
    }

    /// A broker holding the alerts partitions goes down while a worker has alerts in flight, and
    /// a second worker joins: the first cannot get its alerts acknowledged before the group moves
    /// on without it (on the embedded cluster, a member slow to rejoin is left behind after
    /// `session.timeout.ms` less a second), so it drops them when its revoke times out instead of
    /// writing them after the partitions' next owner has read the alerts tail. Each alert is
    /// written once: the dropped ones by whoever recomputes them.
    @Test func alertsThatARevokeCannotWriteInTimeAreWrittenOnceByTheNextOwner() throws {
        let rules = try hebiRules()
        let harness = try WorkerHarness(rules: rules, brokers: 3)
        let cluster = harness.kafka.cluster
        let layout = harness.layout
        for partition in 0..<Int32(harness.partitions) {
            for topic in [layout.metrics, layout.deadLetters, layout.aggregates, layout.checkpoints] {
                try cluster.setLeader(topic: topic, partition: partition, broker: 1)
            }
            try cluster.setLeader(topic: layout.alerts, partition: partition, broker: 2)
        }
        try cluster.setGroupCoordinator(group: layout.group, broker: 1)
        // Split after jinshan's sag fired (5 June) and before it resolves: both halves raise alerts.
        let june8 = Timestamp(rfc3339: "2017-06-08T00:00:00+08:00") ?? Timestamp(seconds: 0)
        let half = june.firstIndex { $0.observedAt >= june8 } ?? june.count / 2
        let expected = replayedAlerts(june, rules: rules, partitions: Int32(harness.partitions))
        let early = replayedAlerts(Array(june[..<half]), rules: rules, partitions: Int32(harness.partitions))
        try #require(early.count > 0 && early.count < expected.count, "alerts in both halves")

        let first = try harness.startWorker(instance: "first", revokeTimeout: .seconds(1))
        let published = try harness.publish(june[..<half])
        #expect(first.wait { $0.eventsIn >= published && $0.alerts >= early.count })
        try cluster.takeDown(broker: 2)
        let all = published + (try harness.publish(june[half...]))
        #expect(first.wait { $0.eventsIn >= all && $0.alerts > early.count }, "alerts stuck for broker 2")
        let second = try harness.startWorker(instance: "second")
        let dropped = first.wait(timeout: .seconds(30)) { _ in first.producer.deliverySummary.purged > 0 }
        try cluster.bringUp(broker: 2)
        #expect(dropped, "the revoke gave up the alerts it could not write in time")
        #expect(first.wait { $0.droppedOutputs > 0 }, "and counted them for the ops port")

        var seen: [String] = []
        let deadline = ContinuousClock.now + .seconds(90)
        while seen.count < expected.count, ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.5)
            seen = try harness.alerts(count: Int(try harness.messageCount(layout.alerts)))
        }
        Thread.sleep(forTimeInterval: 2)  // anything written twice shows up by now
        try first.stop()
        try second.stop()
        let written = try harness.alerts(count: Int(try harness.messageCount(layout.alerts)))
        let repeated = Set(written.filter { alert in written.filter { $0 == alert }.count > 1 })
        #expect(written == expected, "\(written.count) alerts for \(expected.count); written twice: \(repeated)")
    }

    /// Alertmanager down: each checkpoint waits a checkpoint interval for it to accept the alerts,
    /// then is deferred (nothing written, the changed aggregates kept for the next round) while
    /// the worker goes on. Once Alertmanager is up, the alerts arrive and the checkpoints resume,
    /// the aggregates of the deferred rounds with them.
    @Test func anAlertmanagerOutageDefersCheckpointsWithoutStoppingTheWorker() throws {
        let harness = try WorkerHarness(rules: try hebiRules())
        let port = try AlertmanagerProcess.freePort()
        let alertmanagerSink = harness.alertmanagerSink(URL(string: "http://127.0.0.1:\(port)")!)
        let worker = try harness.startWorker(instance: "one", otherSinks: [alertmanagerSink])
        let published = try harness.publish(june)
        #expect(worker.wait { $0.eventsIn >= published && $0.alerts > 0 })
        Thread.sleep(forTimeInterval: 1.5)  // a round begun before the first alert ends
        let before = worker.statistics?.checkpoints ?? 0
        Thread.sleep(forTimeInterval: 3)  // three checkpoint intervals
        #expect(worker.isRunning, "the outage does not stop the worker")
        #expect(worker.statistics?.checkpoints == before, "nothing is checkpointed past alerts Alertmanager lacks")

        let alertmanager = try AlertmanagerProcess(port: port)
        defer { alertmanager.stop() }
        #expect(worker.wait { $0.checkpoints > before }, "checkpoints resume once it is up")
        #expect(alertmanagerSink.statistics.pending == 0)
        #expect(alertmanagerSink.statistics.accepted > 0)
        // Every park's aggregates, those of the deferred rounds included, once each partition's turn came.
        let wanted: Set = ["jinshan/wastewater_compliance/month", "qibin/energy_intensity/ytd"]
        var keys: Set<String> = []
        let deadline = ContinuousClock.now + .seconds(30)
        while !keys.isSuperset(of: wanted), ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.5)
            let aggregates = try harness.kafka.read(
                harness.layout.aggregates, partitions: harness.partitions,
                count: Int(try harness.messageCount(harness.layout.aggregates)))
            keys = Set(aggregates.map { String(decoding: $0.key ?? [], as: UTF8.self) })
        }
        #expect(keys.isSuperset(of: wanted), "the aggregates of the deferred rounds")
        try worker.stop()
        try alertmanagerSink.close(timeout: .seconds(5))
    }

    /// Firing alerts move with their partitions. A worker fires alerts (jinshan's sag among them)
    /// and Alertmanager lists them; a second worker joins and the first stops: the second, owning
    /// every partition now, keeps them alive (it re-sends them; before, they expired after
    /// Alertmanager's `resolve_timeout` while still firing) and the first keeps none alive (before,
    /// its re-sends revived the sag after the second resolved it). At the end Alertmanager lists
    /// exactly the alerts replay leaves firing.
    @Test func firingAlertsMoveToTheNextOwnerAndNothingRevivesOnesItResolves() throws {
        let rules = try hebiRules()
        let harness = try WorkerHarness(rules: rules)
        let alertmanager = try AlertmanagerProcess()
        defer { alertmanager.stop() }
        let june8 = Timestamp(rfc3339: "2017-06-08T00:00:00+08:00") ?? Timestamp(seconds: 0)
        let half = june.firstIndex { $0.observedAt >= june8 } ?? june.count / 2
        let partitions = Int32(harness.partitions)
        let firingAtHalf = firingAlertIDs(Array(june[..<half]), rules: rules, partitions: partitions)
        let firingAtEnd = firingAlertIDs(june, rules: rules, partitions: partitions)
        try #require(!firingAtHalf.isEmpty && !firingAtHalf.isSubset(of: firingAtEnd), "the second half resolves some")

        let firstSink = harness.alertmanagerSink(alertmanager.baseURL, resendInterval: .milliseconds(300))
        let secondSink = harness.alertmanagerSink(alertmanager.baseURL, resendInterval: .milliseconds(300))
        let first = try harness.startWorker(instance: "first", otherSinks: [firstSink])
        let published = try harness.publish(june[..<half])
        #expect(first.wait { $0.eventsIn >= published })
        #expect(
            first.wait { _ in (try? alertmanager.listedAlertIDs()) == firingAtHalf }, "Alertmanager lists what fires")
        let second = try harness.startWorker(instance: "second", otherSinks: [secondSink])
        #expect(second.wait { $0.restores > 0 }, "the second worker has partitions")
        try first.stop()
        #expect(second.wait { _ in secondSink.statistics.firing == firingAtHalf.count }, "it keeps them all alive")
        #expect(firstSink.statistics.firing == 0, "the first keeps none alive")

        let expected = replayedAlerts(june, rules: rules, partitions: partitions)
        _ = try harness.publish(june[half...])
        #expect(second.wait { _ in (try? harness.messageCount(harness.layout.alerts)) == Int64(expected.count) })
        #expect(
            second.wait { _ in secondSink.statistics.firing == firingAtEnd.count && secondSink.statistics.pending == 0 }
        )
        Thread.sleep(forTimeInterval: 1)  // three re-send intervals: a revived alert would be listed by now
        #expect(try alertmanager.listedAlertIDs() == firingAtEnd)
        try second.stop()
        try firstSink.close(timeout: .seconds(5))
        try secondSink.close(timeout: .seconds(5))
    }

    /// Alertmanager down throughout a rebalance and a shutdown: neither waits for it. The first
    /// worker's revoke and its shutdown checkpoint their partitions all the same (before: the revoke
    /// gave up after the revoke timeout and the shutdown failed after a minute, both without a
    /// checkpoint), so the second worker reads none of the events again; once Alertmanager is up,
    /// the second has it list exactly the alerts replay leaves firing (it adopted them with the
    /// partitions).
    @Test func anAlertmanagerOutageHoldsUpNeitherARebalanceNorAShutdown() throws {
        let rules = try hebiRules()
        let harness = try WorkerHarness(rules: rules)
        let port = try AlertmanagerProcess.freePort()
        let firstSink = harness.alertmanagerSink(URL(string: "http://127.0.0.1:\(port)")!)
        let secondSink = harness.alertmanagerSink(URL(string: "http://127.0.0.1:\(port)")!)
        let first = try harness.startWorker(instance: "first", otherSinks: [firstSink])
        let published = try harness.publish(june)
        #expect(first.wait { $0.eventsIn >= published && $0.alerts > 0 })
        let second = try harness.startWorker(instance: "second", otherSinks: [secondSink])
        #expect(second.wait { $0.restores > 0 }, "the rebalance completes")
        #expect(first.wait { $0.restores > harness.partitions }, "the first worker is assigned again")
        try first.stop()
        #expect(second.wait { $0.restores >= harness.partitions + 1 }, "the second takes over the first's partitions")
        #expect(second.statistics?.eventsIn == 0, "every partition was checkpointed: nothing is read again")

        let alertmanager = try AlertmanagerProcess(port: port)
        defer { alertmanager.stop() }
        let firing = firingAlertIDs(june, rules: rules, partitions: Int32(harness.partitions))
        #expect(
            second.wait { _ in (try? alertmanager.listedAlertIDs()) == firing },
            "Alertmanager lists what replay leaves firing")
        try second.stop()
        try firstSink.close(timeout: .seconds(5))
        try secondSink.close(timeout: .seconds(5))
    }

    @Test func changedRulesRebuildFromTheOldestInputWithoutRewritingAlertsOrDeadLetters() throws {
        let rules = try hebiRules()
        let harness = try WorkerHarness(rules: rules)
        // Split after jinshan's sag has fired (5 June), so the first run writes alerts.
        let june8 = Timestamp(rfc3339: "2017-06-08T00:00:00+08:00") ?? Timestamp(seconds: 0)
        let half = june.firstIndex { $0.observedAt >= june8 } ?? june.count / 2
        let poison = [(key: "jinshan", value: "not json"), (key: "qibin", value: #"{"event_id":"y"}"#)]
        let first = try harness.publish(june[..<half], extra: poison)
        _ = try harness.runWorker(until: first)
        let written = try harness.messageCount(harness.layout.alerts)
        #expect(written > 0)
        #expect(try harness.messageCount(harness.layout.deadLetters) == Int64(poison.count))
        let second = try harness.publish(june[half...])
        var changed = rules
        changed.targets[0].when = try #require(Condition(parsing: "< 0.5"))
        let statistics = try harness.runWorker(until: first + second, rules: changed)
        #expect(statistics.rebuilds > 0, "the checkpoints were written under other rules")
        #expect(statistics.eventsIn == first + second, "every partition is rebuilt from its oldest input")
        let alerts = try harness.kafka.read(
            harness.layout.alerts, partitions: harness.partitions,
            count: Int(try harness.messageCount(harness.layout.alerts)))
        let keys = try alerts.map { message -> String in
            let event = try AlertEvent(canonicalJSON: message.value)
            return "\(event.transition.alertID)/\(event.transition.state)"
        }
        #expect(Set(keys).count == keys.count, "no alert written twice")
        #expect(statistics.rejected.values.reduce(0, +) == poison.count, "the rebuild met the poison again")
        #expect(
            try harness.messageCount(harness.layout.deadLetters) == Int64(poison.count), "no dead letter written twice")
    }

    @Test func inputDeletedBeforeTheGroupReadItIsReportedNotSkippedSilently() throws {
        let harness = try WorkerHarness(rules: try hebiRules())
        let first = try harness.publish(june.prefix(200))
        _ = try harness.runWorker(until: first)
        // The partition holding the most checkpointed events.
        let partitions = Int32(harness.partitions)
        let perPartition = Dictionary(grouping: june.prefix(200)) {
            KafkaPartitioner.partition(forKey: $0.parkID.rawValue.utf8, partitions: partitions)
        }.mapValues(\.count)
        let (number, checkpointed) = try #require(perPartition.max { $0.value < $1.value })
        // The embedded cluster keeps about 5 MiB per partition and drops the oldest message sets
        // past that, as retention would: 6 MB of incompressible lines push that partition's first
        // messages, the checkpointed ones among them, out of the log.
        let producer = try harness.kafka.producer { $0.compression = .none }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<600 {
            let filler = (0..<10_000).map { _ in UInt8.random(in: 97...122, using: &generator) }
            try producer.send(
                KafkaProducerMessage(topic: harness.layout.metrics, partition: number, key: nil, value: filler))
        }
        try producer.flush(timeout: .seconds(60))
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(client: harness.kafka.client), logger: harness.kafka.logger)
        let (low, high) = try consumer.watermarks(KafkaTopicPartition(topic: harness.layout.metrics, partition: number))
        let lost = Int(low) - checkpointed
        #expect(lost > 0, "the filler pushed checkpointed offsets out of the log")
        let statistics = try harness.runWorker(until: Int(high - low))
        #expect(statistics.rejected["retention_gap"] == lost, "every deleted message is counted")
    }
}
