import Foundation
import Testing

@Suite("parkstream export", .serialized, .timeLimit(.minutes(6)))
struct ExportCommandTests {
    @Test func replayOfAnExportedRangeEqualsReplayOfTheTopic() throws {
        let broker = try BrokerProcess(arguments: ["--partitions", "6"])
        let simulate = try ChildProcess.run(
            ChildProcess.parkstream.path,
            [
                "simulate", "--brokers", broker.bootstrap, "--start", "2017-06-01", "--until", "2017-06-15",
                "--wastewater-interval", "30m",
            ])
        #expect(simulate.status == 0)
        let file = try temporaryFile("range.ndjson", "")
        let export = try ChildProcess.run(
            ChildProcess.parkstream.path,
            ["export", "--brokers", broker.bootstrap, "--from", "2017-06-08", "--to", "2017-06-14", "--output", file])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stderr.contains("events exported"))

        let rules = repositoryRoot.appendingPathComponent("rules/hebi-2017.yaml").path
        let fromFile = try ChildProcess.run(
            ChildProcess.parkstream.path,
            [
                "replay", "--input", file, "--partitions", "6", "--rules", rules, "--aggregates", file + ".csv",
                "--alerts", file + ".alerts",
            ])
        let fromTopic = try ChildProcess.run(
            ChildProcess.parkstream.path,
            [
                "replay", "--topic", "park.metrics", "--brokers", broker.bootstrap, "--from", "2017-06-08", "--to",
                "2017-06-14",
                "--rules", rules, "--aggregates", file + ".topic.csv", "--alerts", file + ".topic.alerts",
            ])
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(fromTopic.status == 0, "\(fromTopic.stderr)")
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: file + ".csv"))
                == Data(contentsOf: URL(fileURLWithPath: file + ".topic.csv")))
        func alerts(_ path: String) throws -> [String] {
            try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
                String($0[..<($0.range(of: #","source":"#)?.lowerBound ?? $0.endIndex)])
            }
        }
        let fileAlerts = try alerts(file + ".alerts")
        #expect(!fileAlerts.isEmpty, "jinshan's sag of 5-9 June fires within the range")
        #expect(fileAlerts == (try alerts(file + ".topic.alerts")))
        _ = broker.stop()
    }
}
