import ArgumentParser
import Foundation
import KafkaClient

/// `--brokers`, `-X key=value` and `--kafka-config FILE`, shared by every command that talks to
/// Kafka (ARCHITECTURE.md §8).
struct KafkaOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "Bootstrap brokers, host:port[,host:port…] (default: $PARKSTREAM_BROKERS).")
    var brokers: String?

    @Option(
        name: .customShort("X"),
        help: ArgumentHelp(
            "A librdkafka property, key=value (repeatable), e.g. -X security.protocol=SASL_SSL.", valueName: "key=value"
        ))
    var properties: [String] = []

    @Option(
        name: .customLong("kafka-config"),
        help: ArgumentHelp(
            "A librdkafka properties file (key=value lines, # comments), e.g. SASL credentials kept out of the "
                + "command line; -X wins over it (default: $PARKSTREAM_KAFKA_CONFIG).",
            valueName: "file"))
    var kafkaConfig: String?

    /// The client configuration, or an error naming what is missing or malformed (never a value:
    /// it may be a secret).
    func clientConfiguration(clientID: String) throws -> KafkaClientConfiguration {
        let environment = ProcessInfo.processInfo.environment
        var parsed: [String: String] = [:]
        if let path = kafkaConfig ?? environment["PARKSTREAM_KAFKA_CONFIG"], !path.isEmpty {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw CommandFailure("cannot read --kafka-config \(path)")
            }
            for (key, value) in try KafkaPropertiesFile.parse(text, path: path) { parsed[key] = value }
        }
        for property in properties {
            guard let equals = property.firstIndex(of: "="), equals != property.startIndex else {
                let shown = KafkaClientConfiguration.isSecret(property) ? "(not shown: it may hold a secret)" : property
                throw ValidationError("-X \(property.contains("=") ? "=…" : shown): expected key=value")
            }
            parsed[String(property[..<equals])] = String(property[property.index(after: equals)...])
        }
        // --brokers and PARKSTREAM_BROKERS win over a bootstrap.servers in the file or -X.
        let fallback = parsed.removeValue(forKey: "bootstrap.servers")
        guard let list = brokers ?? environment["PARKSTREAM_BROKERS"] ?? fallback, !list.isEmpty else {
            throw ValidationError(
                "no brokers: pass --brokers host:port or set PARKSTREAM_BROKERS (or bootstrap.servers in --kafka-config)"
            )
        }
        return KafkaClientConfiguration(
            bootstrapServers: list.split(separator: ",").map { String($0) }, clientID: clientID, properties: parsed)
    }
}
