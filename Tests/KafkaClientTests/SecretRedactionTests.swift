import KafkaClient
import Logging
import Synchronization
import Testing

/// Every line a `Logger` receives, for assertions on what reached the logs.
final class CapturedLog: Sendable {
    private let lines = Mutex<[String]>([])

    var logger: Logger {
        var logger = Logger(label: "capture") { _ in CapturingHandler(log: self) }
        logger.logLevel = .trace
        return logger
    }

    var text: String { lines.withLock { $0.joined(separator: "\n") } }

    fileprivate func append(_ line: String) {
        lines.withLock { $0.append(line) }
    }
}

private struct CapturingHandler: LogHandler {
    let log: CapturedLog
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        log.append("\(event.level) \(event.metadata ?? [:]) \(event.message)")
    }
}

@Suite("secret redaction")
struct SecretRedactionTests {
    @Test("librdkafka's configuration dump (debug=conf) never shows a secret value, wherever it appears")
    func configurationDumpIsRedacted() throws {
        let log = CapturedLog()
        var configuration = KafkaProducerConfiguration(
            client: KafkaClientConfiguration(bootstrapServers: ["127.0.0.1:1"]))
        configuration.client.properties = [
            "debug": "conf",
            "security.protocol": "SASL_PLAINTEXT",
            "sasl.mechanisms": "SCRAM-SHA-512",
            "sasl.username": "alice",
            "sasl.password": "pw-7f3a9c",
            "ssl.key.password": "kp-51d0e2",
            // librdkafka prints client.id as it is: a secret pasted into another property is
            // still caught, because every secret value is removed from the text we log.
            "client.id": "pw-7f3a9c",
        ]
        let producer = try KafkaProducer(configuration: configuration, logger: log.logger)
        producer.poll(timeout: .milliseconds(200))  // serves the queued log lines
        let text = log.text
        #expect(text.contains("sasl.password = [redacted]"), "the dump was logged: \(text.prefix(2000))")
        #expect(text.contains("client.id = [redacted]"))
        #expect(!text.contains("pw-7f3a9c"))
        #expect(!text.contains("kp-51d0e2"))
    }

    @Test("printing a configuration, or one that holds it, shows secret properties as [redacted]")
    func descriptionsHideSecrets() {
        var configuration = KafkaProducerConfiguration(
            client: KafkaClientConfiguration(bootstrapServers: ["kafka-1:9093"]))
        configuration.client.properties = ["sasl.password": "pw-3e8d1f", "security.protocol": "SASL_SSL"]
        for text in [
            String(describing: configuration), String(reflecting: configuration), "\(configuration.client)",
            String(describing: [configuration.client]),
        ] {
            #expect(!text.contains("pw-3e8d1f"), "\(text)")
            #expect(text.contains("sasl.password=[redacted]"), "\(text)")
            #expect(text.contains("security.protocol=SASL_SSL"), "\(text)")
        }
    }

    @Test func secretPropertiesIncludeOAuthBearerConfiguration() {
        #expect(KafkaClientConfiguration.isSecret("sasl.oauthbearer.config"))
        #expect(!KafkaClientConfiguration.isSecret("sasl.mechanisms"))
    }
}
