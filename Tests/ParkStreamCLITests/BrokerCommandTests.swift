import Foundation
import Testing

@Suite("parkstream broker", .serialized, .timeLimit(.minutes(6)))
struct BrokerCommandTests {
    @Test func kcatListsProducesAndConsumesThroughTheEmbeddedCluster() throws {
        let broker = try BrokerProcess(arguments: ["--brokers-count", "3", "--partitions", "6"])
        #expect(broker.bootstrap.split(separator: ",").count == 3)

        let listing = try ChildProcess.run("/usr/bin/kcat", ["-L", "-b", broker.bootstrap])
        #expect(listing.status == 0)
        #expect(listing.stdout.contains(" 3 brokers:"))
        for topic in [
            "park.metrics", "park.metrics.dlq", "park.alerts", "park.aggregates", "parkstream-workers-checkpoints",
            "park.hj212.raw",
        ] {
            #expect(listing.stdout.contains("topic \"\(topic)\" with 6 partitions"), "\(topic) listed")
        }

        let lines = (1...20).map { "park-\($0 % 4):{\"n\":\($0)}" }
        let produce = try ChildProcess.run(
            "/usr/bin/kcat", ["-P", "-b", broker.bootstrap, "-t", "park.metrics", "-K:"],
            input: lines.joined(separator: "\n") + "\n")
        #expect(produce.status == 0)
        let consume = try ChildProcess.run(
            "/usr/bin/kcat", ["-C", "-b", broker.bootstrap, "-t", "park.metrics", "-e", "-q", "-f", "%k:%s\n"])
        #expect(consume.status == 0)
        #expect(Set(consume.stdout.split(separator: "\n").map(String.init)) == Set(lines))
        #expect(broker.stop() == 0, "SIGINT ends the broker cleanly")
    }

    @Test func topicsCreateExplainsTheEmbeddedClustersLimit() throws {
        let broker = try BrokerProcess(arguments: ["--partitions", "4"])
        let created = try ChildProcess.run(
            ChildProcess.parkstream.path, ["topics", "create", "--brokers", broker.bootstrap, "--timeout", "3"])
        #expect(created.status == 0)
        #expect(created.stdout.contains("all 6 topics exist"))
        #expect(created.stdout.contains("has no Admin API"))

        let otherGroup = try ChildProcess.run(
            ChildProcess.parkstream.path,
            ["topics", "create", "--brokers", broker.bootstrap, "--timeout", "3", "--group", "other"])
        #expect(otherGroup.status == 1)
        #expect(otherGroup.stderr.contains("missing: other-checkpoints"))
        _ = broker.stop()
    }

    @Test func commandsWithoutBrokersSayHowToNameThem() throws {
        let result = try ChildProcess.run(ChildProcess.parkstream.path, ["topics", "create"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("pass --brokers host:port or set PARKSTREAM_BROKERS"))
    }
}
