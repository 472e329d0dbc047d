import Foundation
import KafkaClient
import Logging
import Testing

@Suite("workers under failure", .serialized, .timeLimit(.minutes(6)))
struct WorkerChaosTests {
    /// kill -9 of a worker and its restart, a third worker joining, a broker down for 5 s: the alerts
    /// topic still holds exactly what replay computes, each alert once. (Nine months over 12
    /// partitions, zstd: the embedded cluster keeps only about 5 MiB per partition.)
    @Test func crashesRebalancesAndABrokerOutageLoseAndDuplicateNothing() throws {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let cluster = try EmbeddedKafkaCluster(brokerCount: 3, logger: logger)
        let brokers = cluster.bootstrapServers
        for topic in [
            "park.metrics", "park.metrics.dlq", "park.alerts", "park.aggregates", "parkstream-workers-checkpoints",
        ] {
            try cluster.createTopic(topic, partitions: 12, replicationFactor: 3)
        }
        let file = try temporaryFile("year.ndjson", "")
        let simulate = try ChildProcess.run(
            ChildProcess.parkstream.path,
            [
                "simulate", "--until", "2017-10-01", "--wastewater-interval", "30m", "--energy-interval", "1h",
                "--output", file,
            ])
        #expect(simulate.status == 0)
        let rules = repositoryRoot.appendingPathComponent("rules/hebi-2017.yaml").path
        let expected = try replayedAlerts(file, rules: rules, partitions: 12)

        let first = try WorkerProcess(brokers: brokers, rules: rules)
        let second = try WorkerProcess(brokers: brokers, rules: rules)
        let publish = try ChildProcess.run(
            ChildProcess.parkstream.path, ["publish", "--brokers", brokers, "-X", "compression.codec=zstd", file])
        #expect(publish.status == 0)
        Thread.sleep(forTimeInterval: 2)
        kill(first.process.processIdentifier, SIGKILL)
        first.process.waitUntilExit()
        let restarted = try WorkerProcess(brokers: brokers, rules: rules)
        let third = try WorkerProcess(brokers: brokers, rules: rules)
        try cluster.takeDown(broker: 1)
        Thread.sleep(forTimeInterval: 5)
        try cluster.bringUp(broker: 1)

        var seen: [String] = []
        let deadline = ContinuousClock.now + .seconds(120)
        while seen.count < expected.count, ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 1)
            seen = try alertsOnTopic(brokers)
        }
        Thread.sleep(forTimeInterval: 3)  // anything written twice would show up by now
        let written = try alertLinesOnTopic(brokers)
        let final = written.map(withoutSource).sorted()
        // On failure: every copy of a repeated or unexpected alert with its source, and the logs.
        let extra = written.filter { line in
            let alert = withoutSource(line)
            return final.filter { $0 == alert }.count > expected.filter { $0 == alert }.count
        }
        let missing = expected.filter { !final.contains($0) }
        let logs = [first, second, restarted, third].map(\.log)
        #expect(
            final == expected,
            """
            same set, same count; \(extra.count) extra or repeated: \(extra.prefix(6).joined(separator: "\n")); \
            \(missing.count) missing: \(missing.prefix(3)); worker logs: \(logs)
            """)
        for worker in [second, restarted, third] { #expect(worker.terminate() == 0) }
    }
}
