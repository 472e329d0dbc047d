/// What every ParkStream Kafka client shares: where the cluster is and raw librdkafka properties.
public struct KafkaClientConfiguration: Sendable {
    /// `host:port` pairs of the bootstrap brokers.
    public var bootstrapServers: [String]
    /// The `client.id` brokers see in their logs and quotas.
    public var clientID: String
    /// Raw librdkafka properties (`-X key=value`), applied after the typed settings so they win.
    /// Use them for SASL_SSL, SCRAM, mTLS and tuning; values of secret properties are never logged.
    public var properties: [String: String]

    public init(bootstrapServers: [String], clientID: String = "parkstream", properties: [String: String] = [:]) {
        self.bootstrapServers = bootstrapServers
        self.clientID = clientID
        self.properties = properties
    }

    /// The properties every client sets, typed settings first.
    var baseProperties: [(String, String)] {
        [
            ("bootstrap.servers", bootstrapServers.joined(separator: ",")),
            ("client.id", clientID),
            // Logs go to a queue that our own poll calls serve, so no Swift runs on librdkafka threads.
            ("log.queue", "true"),
            // Requests go out at once. With Nagle's algorithm (librdkafka's default) a small request
            // sent while the previous one on the connection is unacknowledged waits for the
            // broker's delayed ACK, 40 ms on Linux: a checkpoint's or an alert's ProduceRequest
            // right behind another one took 40 ms instead of 0.1 ms.
            ("socket.nagle.disable", "true"),
        ]
    }

    /// Whether a property holds a secret whose value must never reach logs or error messages.
    public static func isSecret(_ key: String) -> Bool {
        let lowered = key.lowercased()
        return [
            "password", "secret", "jaas", "token", "ssl.key.pem", "ssl_key", "private", "credential",
            "oauthbearer.config",
        ]
        .contains { lowered.contains($0) }
    }
}

/// How long a blocking Kafka call may wait, in librdkafka's milliseconds.
extension Duration {
    var kafkaMilliseconds: Int32 {
        let (seconds, attoseconds) = components
        let ms = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return Int32(clamping: max(0, ms))
    }
}

// MARK: - Descriptions without secrets

/// Printing a configuration, or any value holding one (a producer's or worker's configuration,
/// a service that swift-service-lifecycle logs), shows secret properties as `[redacted]`.
extension KafkaClientConfiguration: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        let properties = properties.sorted { $0.key < $1.key }.map { key, value in
            "\(key)=\(Self.isSecret(key) ? "[redacted]" : value)"
        }
        return "KafkaClientConfiguration(bootstrapServers: \(bootstrapServers.joined(separator: ",")), "
            + "clientID: \(clientID), properties: [\(properties.joined(separator: ", "))])"
    }

    public var debugDescription: String { description }
}
