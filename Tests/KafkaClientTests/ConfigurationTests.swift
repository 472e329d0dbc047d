import KafkaClient
import Logging
import Testing

@Suite("configuration")
struct ConfigurationTests {
    @Test func unknownPropertiesAreRefusedWithTheirName() {
        var configuration = KafkaProducerConfiguration(
            client: KafkaClientConfiguration(bootstrapServers: ["127.0.0.1:1"]))
        configuration.client.properties["no.such.property"] = "1"
        let error = #expect(throws: KafkaError.self) {
            _ = try KafkaProducer(configuration: configuration, logger: Logger(label: "test"))
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.reason.contains("no.such.property") == true)
    }

    @Test func secretValuesNeverAppearInErrors() {
        var configuration = KafkaConsumerConfiguration(
            client: KafkaClientConfiguration(bootstrapServers: ["127.0.0.1:1"]))
        configuration.client.properties["sasl.mechanisms"] = "SCRAM-SHA-512"
        configuration.client.properties["ssl.key.password"] = "hunter2-secret"
        configuration.client.properties["sasl.password"] = "hunter2-secret"
        configuration.client.properties["queued.min.messages"] = "not-a-number"
        let error = #expect(throws: KafkaError.self) {
            _ = try KafkaConsumer(configuration: configuration, logger: Logger(label: "test"))
        }
        #expect(error?.description.contains("hunter2") == false)
    }

    @Test func secretPropertiesAreRecognised() {
        #expect(KafkaClientConfiguration.isSecret("sasl.password"))
        #expect(KafkaClientConfiguration.isSecret("ssl.key.password"))
        #expect(KafkaClientConfiguration.isSecret("sasl.oauthbearer.client.secret"))
        #expect(!KafkaClientConfiguration.isSecret("bootstrap.servers"))
    }
}
