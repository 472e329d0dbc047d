import Foundation
import Testing

@Suite("parkstream simulate", .serialized, .timeLimit(.minutes(6)))
struct SimulateCommandTests {
    @Test func everySimulatedEventValidatesAgainstTheJSONSchema() throws {
        let output = try temporaryFile("sim.ndjson", "")
        // Eleven days across a month end, with a year of history: every metric and kind appears.
        let simulate = try ChildProcess.run(
            ChildProcess.parkstream.path,
            [
                "simulate", "--start", "2017-05-25", "--until", "2017-06-05", "--wastewater-interval", "30m",
                "--output", output,
            ])
        #expect(simulate.status == 0)
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        #expect(lines.count > 10_000)
        let metrics = Set(
            lines.compactMap { line -> Substring? in
                guard let range = line.firstRange(of: "\"metric\":\"") else { return nil }
                return line[range.upperBound...].prefix { $0 != "\"" }
            })
        #expect(metrics.count == 18, "every publishable metric of the catalog")

        let script = repositoryRoot.appendingPathComponent("scripts/validate-events.py").path
        let validation = try ChildProcess.run("/usr/bin/env", ["python3", script, output])
        #expect(validation.status == 0, "\(validation.stdout.prefix(2000))\(validation.stderr.prefix(2000))")
    }

    @Test func theSameSeedWritesTheSameFile() throws {
        let first = try temporaryFile("a.ndjson", "")
        let second = try temporaryFile("b.ndjson", "")
        for path in [first, second] {
            let run = try ChildProcess.run(
                ChildProcess.parkstream.path,
                ["simulate", "--start", "2017-03-01", "--until", "2017-03-02", "--no-history", "--output", path])
            #expect(run.status == 0)
        }
        #expect(FileManager.default.contentsEqual(atPath: first, andPath: second))
    }

    @Test func simulatePublishesToTheEmbeddedCluster() throws {
        let broker = try BrokerProcess(arguments: ["--partitions", "4"])
        let run = try ChildProcess.run(
            ChildProcess.parkstream.path,
            [
                "simulate", "--brokers", broker.bootstrap, "--start", "2017-03-01", "--until",
                "2017-03-01T06:00:00+08:00", "--no-history",
            ])
        #expect(run.status == 0)
        let published =
            Int(run.stderr.split(separator: " ").first.map { $0.replacingOccurrences(of: ",", with: "") } ?? "") ?? -1
        let consumed = try ChildProcess.run(
            "/usr/bin/kcat", ["-C", "-b", broker.bootstrap, "-t", "park.metrics", "-e", "-q"])
        #expect(published > 0)
        #expect(consumed.stdout.split(separator: "\n").count == published)
        _ = broker.stop()
    }
}

/// The repository root, from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
