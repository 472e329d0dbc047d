/// Removes the values of secret properties from text that leaves the Kafka wrapper (librdkafka's
/// logs, error callbacks, client-creation errors).
///
/// librdkafka 2.0.2 already prints `[redacted]` for the properties it knows as sensitive in its
/// configuration dump; this is the second line of defence, for any other text that might quote a
/// value (and for properties librdkafka does not mark, such as `sasl.oauthbearer.config`).
struct SecretRedactor: Sendable {
    /// The secret values, longest first so that a value containing another is replaced whole.
    private let secrets: [String]

    init(_ properties: [(String, String)]) {
        secrets = Set(properties.filter { KafkaClientConfiguration.isSecret($0.0) && !$0.1.isEmpty }.map(\.1))
            .sorted { $0.count > $1.count }
    }

    /// `text` with every secret value replaced by `[redacted]`.
    func redact(_ text: String) -> String {
        secrets.reduce(text) { $0.contains($1) ? $0.replacing($1, with: "[redacted]") : $0 }
    }
}
