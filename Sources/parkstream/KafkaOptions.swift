import ArgumentParser
import Foundation
import KafkaClient

/// `--brokers` and `-X key=value`, shared by every command that talks to Kafka (ARCHITECTURE.md §8).
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

    /// The client configuration, or a validation error naming what is missing or malformed.
    func clientConfiguration(clientID: String) throws -> KafkaClientConfiguration {
        guard let list = brokers ?? ProcessInfo.processInfo.environment["PARKSTREAM_BROKERS"], !list.isEmpty else {
            throw ValidationError("no brokers: pass --brokers host:port or set PARKSTREAM_BROKERS")
        }
        var parsed: [String: String] = [:]
        for property in properties {
            guard let equals = property.firstIndex(of: "="), equals != property.startIndex else {
                throw ValidationError("-X \(property.split(separator: "=").first ?? ""): expected key=value")
            }
            parsed[String(property[..<equals])] = String(property[property.index(after: equals)...])
        }
        return KafkaClientConfiguration(
            bootstrapServers: list.split(separator: ",").map { String($0) }, clientID: clientID, properties: parsed)
    }
}
