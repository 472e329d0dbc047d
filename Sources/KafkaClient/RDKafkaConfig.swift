import CRdKafka

/// Builds a `rd_kafka_conf_t` from properties, keeping secret values out of error messages.
enum RDKafkaConfig {
    static func make(_ properties: [(String, String)]) throws -> OpaquePointer {
        guard let conf = rd_kafka_conf_new() else {
            throw KafkaError(code: .invalidArgument, reason: "cannot allocate a Kafka configuration")
        }
        var errstr = CErrorBuffer()
        for (key, value) in properties {
            let result = rd_kafka_conf_set(conf, key, value, &errstr.bytes, errstr.count)
            guard result == RD_KAFKA_CONF_OK else {
                rd_kafka_conf_destroy(conf)
                let detail =
                    KafkaClientConfiguration.isSecret(key)
                    ? "invalid value for secret property \"\(key)\" (value not shown)"
                    : SecretRedactor(properties).redact(errstr.text)
                let kind = result == RD_KAFKA_CONF_UNKNOWN ? "unknown property" : "invalid property"
                throw KafkaError(code: .invalidArgument, reason: "\(kind): \(detail)", isRetriable: false)
            }
        }
        return conf
    }
}
