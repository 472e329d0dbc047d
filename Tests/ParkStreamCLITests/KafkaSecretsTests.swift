import Foundation
import Testing

/// Secrets given to `parkstream` (`-X`, `--kafka-config`, `--http-token-file`) never reach its
/// output, even at debug level with librdkafka's own debug logs on, and errors about them name the
/// property, not the value.
@Suite("secrets", .serialized, .timeLimit(.minutes(6)))
struct KafkaSecretsTests {
    static let rules = repositoryRoot.appendingPathComponent("rules/hebi-2017.yaml").path

    @Test func aWorkerLogsNeitherKafkaSecretsNorItsOpsTokenAndTheTokenGuardsTheAPI() throws {
        let broker = try BrokerProcess(arguments: ["--partitions", "2"])
        let properties = try temporaryFile(
            "kafka.properties", "# SCRAM credentials\nsasl.username = alice\nsasl.password=file-pw-41c7\n")
        let token = try temporaryFile("ops-token", "tok-93be0d\n")
        // The embedded cluster speaks no SASL, so every connection fails authentication and
        // librdkafka logs about it, with its configuration dump (debug=conf) first.
        let worker = try WorkerProcess(
            brokers: broker.bootstrap, rules: Self.rules,
            extra: [
                "--kafka-config", properties, "--http-token-file", token,
                "-X", "security.protocol=SASL_PLAINTEXT", "-X", "sasl.mechanisms=PLAIN",
                "-X", "ssl.key.password=x-keypw-58aa", "-X", "debug=security,conf,broker",
            ],
            environment: ["PARKSTREAM_LOG_LEVEL": "debug"])
        let port = try #require(worker.opsPort())
        func status(_ path: String, token: String?) throws -> Int {
            let result = try ChildProcess.run(
                "/usr/bin/env", ["python3", "-c", Self.httpStatus, "http://127.0.0.1:\(port)\(path)", token ?? ""])
            return Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        }
        #expect(try status("/api/alerts", token: nil) == 401)
        #expect(try status("/api/alerts", token: "tok-93be0") == 401)
        #expect(try status("/api/alerts", token: "tok-93be0d") == 200)
        #expect(try status("/healthz", token: nil) == 200)
        #expect(try status("/metrics", token: nil) == 200)

        var log = ""
        let deadline = ContinuousClock.now + .seconds(30)
        while !log.contains("SASL"), ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.2)
            log = (try? String(contentsOfFile: worker.log, encoding: .utf8)) ?? ""
        }
        #expect(worker.terminate() == 0)
        log = try String(contentsOfFile: worker.log, encoding: .utf8)
        let stdout = String(decoding: worker.output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("SASL"), "librdkafka logged the failing authentication")
        #expect(log.contains("sasl.password = [redacted]"), "the configuration dump was logged, the property named")
        #expect(log.contains("token for /api: set"))
        for secret in ["file-pw-41c7", "x-keypw-58aa", "tok-93be0d"] {
            #expect(!log.contains(secret), "\(secret) in the log")
            #expect(!stdout.contains(secret), "\(secret) on stdout")
        }
        _ = broker.stop()
    }

    @Test func errorsNameThePropertyOrLineNeverTheSecret() throws {
        let noColon = try temporaryFile("bad.properties", "sasl.username=alice\nsasl.password file-pw-1d2e\n")
        let notAKey = try temporaryFile("client.key", "not a PEM key\n")
        let cases: [(arguments: [String], expected: String, secret: String)] = [
            (["-X", "sasl.password=pw-0a1b", "-X", "security.protocol=BOGUS"], "security.protocol", "pw-0a1b"),
            (
                ["-X", "security.protocol=SSL", "-X", "ssl.key.location=\(notAKey)", "-X", "ssl.key.password=kp-6a7b"],
                "ssl.key.location", "kp-6a7b"
            ),
            (["-X", "sasl.password:pw-2c3d"], "expected key=value", "pw-2c3d"),
            (["-X", "=pw-4e5f"], "expected key=value", "pw-4e5f"),
            (["--kafka-config", noColon], "bad.properties line 2: expected key=value", "file-pw-1d2e"),
            (["--kafka-config", "/nonexistent/kafka.properties"], "cannot read --kafka-config", "nonexistent-secret"),
        ]
        for (arguments, expected, secret) in cases {
            let result = try ChildProcess.run(
                ChildProcess.parkstream.path, ["alerts", "--brokers", "127.0.0.1:1", "--timeout", "2"] + arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.contains(expected), "\(arguments): \(result.stderr)")
            #expect(!(result.stdout + result.stderr).contains(secret), "\(arguments): \(result.stderr)")
        }
    }

    @Test func aPropertiesFileFromTheFlagOrTheEnvironmentIsApplied() throws {
        let broker = try BrokerProcess(arguments: ["--partitions", "2"])
        // bootstrap.servers in the file stands in for --brokers; -X wins over the file. Windows
        // line ends and both comment styles are read as kcat and the Java client read them.
        let file = try temporaryFile(
            "client.properties",
            "# ops\r\n! tools\r\nbootstrap.servers = \(broker.bootstrap)\r\n\r\nsecurity.protocol=BOGUS\r\nclient.id=ops\r\n"
        )
        let alerts = try ChildProcess.run(
            ChildProcess.parkstream.path,
            ["alerts", "--kafka-config", file, "-X", "security.protocol=PLAINTEXT", "--timeout", "5"])
        #expect(alerts.status == 0, "\(alerts.stderr)")
        let withoutOverride = try ChildProcess.run(
            ChildProcess.parkstream.path, ["alerts", "--kafka-config", file, "--timeout", "5"])
        #expect(withoutOverride.status != 0)
        #expect(withoutOverride.stderr.contains("security.protocol"), "\(withoutOverride.stderr)")

        let unknown = try temporaryFile("unknown.properties", "no.such.property=1\n")
        let fromEnvironment = try ChildProcess.run(
            ChildProcess.parkstream.path, ["alerts", "--brokers", broker.bootstrap, "--timeout", "5"],
            environment: ["PARKSTREAM_KAFKA_CONFIG": unknown])
        #expect(fromEnvironment.status != 0)
        #expect(fromEnvironment.stderr.contains("no.such.property"), "\(fromEnvironment.stderr)")
        _ = broker.stop()
    }

    @Test func anEmptyTokenFileIsRefusedRatherThanLeavingTheAPIOpen() throws {
        let empty = try temporaryFile("ops-token", "\n")
        let result = try ChildProcess.run(
            ChildProcess.parkstream.path,
            ["worker", "--brokers", "127.0.0.1:1", "--rules", Self.rules, "--http-token-file", empty])
        #expect(result.status == 1)
        #expect(result.stderr.contains("--http-token-file \(empty) is empty"), "\(result.stderr)")
    }

    /// Prints an HTTP GET's status; the second argument, when not empty, is the bearer token.
    static let httpStatus = """
        import sys, urllib.request, urllib.error
        request = urllib.request.Request(sys.argv[1])
        if sys.argv[2]:
            request.add_header("Authorization", "Bearer " + sys.argv[2])
        try:
            print(urllib.request.urlopen(request, timeout=10).status)
        except urllib.error.HTTPError as e:
            print(e.code)
        """
}
