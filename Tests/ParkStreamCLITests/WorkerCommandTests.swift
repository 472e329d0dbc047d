import Foundation
import KafkaTestSupport
import Testing

/// `parkstream worker` in the background for one test.
final class WorkerProcess {
    let process = Process()
    let output = Pipe()
    /// The worker's log (stderr).
    let log: String

    init(brokers: String, rules: String, extra: [String] = [], environment: [String: String] = [:]) throws {
        log = try temporaryFile("worker.log", "")
        process.executableURL = ChildProcess.parkstream
        process.environment = ChildProcess.environment(environment)
        process.arguments =
            ["worker", "--brokers", brokers, "--rules", rules, "--checkpoint-interval", "1s", "--http", "127.0.0.1:0"]
            + extra
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: log)
        try process.run()
    }

    /// Waits until the worker has logged restoring `count` partitions; returns whether it did.
    func waitForRestores(_ count: Int, timeout: Duration = .seconds(60)) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            if text.components(separatedBy: "partition restored").count - 1 >= count { return true }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return false
    }

    /// The ops port the worker bound, from its log.
    func opsPort(timeout: Duration = .seconds(30)) -> Int? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: "ops port: http://127.0.0.1:") {
                return Int(text[range.upperBound...].prefix { $0.isNumber })
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return nil
    }

    /// Waits for the worker to exit by itself; its status, or nil if it still runs at the deadline.
    func waitForExit(timeout: Duration = .seconds(60)) -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.1) }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// Sends SIGTERM and waits; returns the exit status.
    func terminate() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

/// The alerts `parkstream replay` computes for `file` over `partitions` partitions, each without its
/// source (live alerts name a topic offset, replayed ones a file line), sorted.
func replayedAlerts(_ file: String, rules: String, partitions: Int) throws -> [String] {
    let replay = try ChildProcess.run(
        ChildProcess.parkstream.path,
        ["replay", "--input", file, "--partitions", String(partitions), "--rules", rules, "--alerts", file + ".alerts"])
    #expect(replay.status == 0, "\(replay.stderr)")
    return try String(contentsOfFile: file + ".alerts", encoding: .utf8).split(separator: "\n").map(withoutSource)
        .sorted()
}

/// An alert event's canonical JSON up to its `source`.
func withoutSource(_ line: Substring) -> String {
    String(line[..<(line.range(of: #","source":"#)?.lowerBound ?? line.endIndex)])
}

/// The alerts on the alerts topic, read with kcat (each without its source).
func alertsOnTopic(_ brokers: String) throws -> [String] {
    try alertLinesOnTopic(brokers).map(withoutSource).sorted()
}

/// The alerts on the alerts topic as written, partition by partition.
func alertLinesOnTopic(_ brokers: String) throws -> [Substring] {
    let read = try ChildProcess.run("/usr/bin/kcat", ["-C", "-b", brokers, "-t", "park.alerts", "-e", "-q"])
    return read.stdout.split(separator: "\n")
}

@Suite("parkstream worker", .serialized, .timeLimit(.minutes(6)))
struct WorkerCommandTests {
    /// Prints an HTTP GET's status, a newline and the body (Python's standard library only).
    static let httpGet = """
        import sys, urllib.request, urllib.error
        try:
            r = urllib.request.urlopen(sys.argv[1], timeout=10); print(r.status); print(r.read().decode())
        except urllib.error.HTTPError as e:
            print(e.code); print(e.read().decode())
        """

    @Test func aWorkerProcessRaisesWhatReplayRaisesAndStopsCleanlyOnSIGTERM() throws {
        let broker = try BrokerProcess(arguments: ["--partitions", "6"])
        let file = try temporaryFile("june.ndjson", "")
        let simulate = try ChildProcess.run(
            ChildProcess.parkstream.path,
            [
                "simulate", "--start", "2017-10-25", "--until", "2017-11-05", "--wastewater-interval", "30m",
                "--output", file,
            ])
        #expect(simulate.status == 0)
        let publish = try ChildProcess.run(
            ChildProcess.parkstream.path, ["publish", "--brokers", broker.bootstrap, file])
        #expect(publish.status == 0)
        let rules = repositoryRoot.appendingPathComponent("rules/hebi-2017.yaml").path
        let expected = try replayedAlerts(file, rules: rules, partitions: 6)
        #expect(!expected.isEmpty)

        let alertmanager = try AlertmanagerProcess()
        defer { alertmanager.stop() }
        let worker = try WorkerProcess(
            brokers: broker.bootstrap, rules: rules, extra: ["--alertmanager", alertmanager.baseURL.absoluteString])
        var seen: [String] = []
        let deadline = ContinuousClock.now + .seconds(60)
        while seen.count < expected.count, ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.5)
            seen = try alertsOnTopic(broker.bootstrap)
        }
        #expect(seen == expected)

        // The ops port: health, readiness, Prometheus metrics and the firing alerts.
        let port = try #require(worker.opsPort())
        func get(_ path: String) throws -> (status: Int32, body: String) {
            let result = try ChildProcess.run(
                "/usr/bin/env", ["python3", "-c", Self.httpGet, "http://127.0.0.1:\(port)\(path)"])
            let status = Int32(result.stdout.prefix { $0.isNumber }) ?? -1
            return (status, String(result.stdout.drop { $0 != "\n" }.dropFirst()))
        }
        #expect(try get("/healthz").status == 200)
        #expect(try get("/readyz").status == 200)
        let metrics = try get("/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.body.contains("parkstream_events_total"))
        // Alerts still firing at the end of the data (fired, never resolved) are the ones listed.
        let resolvedIDs = Set(expected.filter { $0.contains(#""state":"resolved""#) }.map { $0.prefix(32) })
        let stillFiring = expected.filter { $0.contains(#""state":"firing""#) && !resolvedIDs.contains($0.prefix(32)) }
        let firing = try get("/api/alerts")
        #expect(firing.status == 200)
        #expect(stillFiring.contains { $0.contains(#""rule_id":"heating-coverage-2017","park_id":"xunxian""#) })
        #expect(firing.body.components(separatedBy: #""state":"firing""#).count - 1 == stillFiring.count)
        #expect(firing.body.contains(#""park_id":"xunxian""#), "xunxian has missed the heating deadline")
        // Alertmanager lists the same alerts, and the ops port says the sink is keeping them alive.
        var listed = 0
        let listDeadline = ContinuousClock.now + .seconds(30)
        while listed != stillFiring.count, ContinuousClock.now < listDeadline {
            Thread.sleep(forTimeInterval: 0.2)
            listed = try alertmanager.alerts().count
        }
        #expect(listed == stillFiring.count)
        let sink = try get("/metrics").body.split(separator: "\n").filter { $0.hasPrefix("parkstream_alertmanager_") }
        let accepted = sink.first { $0.hasPrefix("parkstream_alertmanager_accepted_total ") }
        // Each alert at least once (a resolve queued before its firing alert went out replaces it).
        let alertIDs = Set(expected.map { $0.prefix(32) }).count
        #expect(accepted.flatMap { Int($0.split(separator: " ")[1]) } ?? 0 >= alertIDs)
        #expect(sink.contains("parkstream_alertmanager_pending 0.0"))
        #expect(sink.contains("parkstream_alertmanager_firing \(stillFiring.count).0"))
        #expect(sink.contains("parkstream_alertmanager_failed_posts_total 0"))
        let aggregates = try get("/api/aggregates?park=jinshan&metric=wastewater_compliance")
        #expect(aggregates.body.contains(#""window":"month""#))
        #expect(worker.terminate() == 0, "SIGTERM: finish the batch, checkpoint, leave the group, exit 0")
        let checkpoints = try ChildProcess.run(
            "/usr/bin/kcat",
            ["-C", "-b", broker.bootstrap, "-t", "parkstream-workers-checkpoints", "-e", "-q", "-f", "%k\n"])
        #expect(checkpoints.stdout.contains("park.metrics/"), "checkpoints written, keyed topic/partition")

        // A new worker resumes from the checkpoints: once it has restored every partition (its
        // shutdown checkpoints them all), the alerts topic still holds each alert once.
        func checkpointCount() throws -> Int {
            try ChildProcess.run(
                "/usr/bin/kcat", ["-C", "-b", broker.bootstrap, "-t", "parkstream-workers-checkpoints", "-e", "-q"]
            ).stdout.split(separator: "\n").count
        }
        let before = try checkpointCount()
        // With --until-caught-up it exits by itself once all six are processed to their end.
        let second = try WorkerProcess(
            brokers: broker.bootstrap, rules: rules, extra: ["--print-alerts", "--until-caught-up"])
        let output = second.output.fileHandleForReading
        #expect(second.waitForExit() == 0, "--until-caught-up: exits 0 once caught up")
        #expect(second.waitForRestores(6), "the second worker restored all six partitions")
        let secondLog = try String(contentsOfFile: second.log, encoding: .utf8)
        #expect(secondLog.contains("caught up: every assigned partition is processed to its end"))
        #expect(try checkpointCount() >= before + 6, "the second worker owned and checkpointed all six partitions")
        #expect(output.readDataToEndOfFile().isEmpty, "it raised no alert again")
        #expect(try alertsOnTopic(broker.bootstrap) == expected)
        _ = broker.stop()
    }
}
