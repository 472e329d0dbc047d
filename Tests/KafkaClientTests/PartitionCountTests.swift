import KafkaClient
import KafkaTestSupport
import Logging
import Testing

/// `publish` sends each park to its murmur2 partition itself, so it asks the topic's partition
/// count once at the start; an answer it cannot get must say which topic and why.
@Suite("partition count", .serialized, .timeLimit(.minutes(6)))
struct PartitionCountTests {
    @Test func aTopicsPartitionsAreCounted() throws {
        let test = try TestCluster(brokers: 3)
        let topic = try test.topic("counted", partitions: 7)
        #expect(try test.producer().partitionCount(of: topic) == 7)
    }

    @Test func aMissingTopicIsCreatedWhereTheClusterAllowsIt() throws {
        let test = try TestCluster(brokers: 1)
        let count = try test.producer().partitionCount(of: "created-on-request-\(UInt32.random(in: 0...UInt32.max))")
        #expect(count > 0, "the embedded cluster creates topics on request, with its default count")
    }

    @Test func noClusterIsAnErrorNamingTheTopic() throws {
        let configuration = KafkaProducerConfiguration(
            client: KafkaClientConfiguration(bootstrapServers: ["127.0.0.1:1"]))
        var quiet = Logger(label: "test")
        quiet.logLevel = .critical  // connection refused, again and again
        let producer = try KafkaProducer(configuration: configuration, logger: quiet)
        #expect {
            try producer.partitionCount(of: "park.metrics", timeout: .seconds(1))
        } throws: { error in
            (error as? KafkaError)?.reason.contains("cannot learn the partitions of park.metrics") == true
        }
    }
}
