import KafkaClient
import KafkaTestSupport
import Testing

@Suite("produce and consume", .serialized, .timeLimit(.minutes(6)))
struct RoundTripTests {
    @Test func tenThousandKeyedMessagesRoundTripExactly() throws {
        let test = try TestCluster()
        let partitions: Int32 = 8
        let topic = try test.topic("roundtrip", partitions: Int(partitions))
        var generator = SystemRandomNumberGenerator()
        var sent: [Int: KafkaProducerMessage] = [:]
        let producer = try test.producer()
        for index in 0..<10_000 {
            let value = (0..<Int.random(in: 0...200, using: &generator)).map { _ in
                UInt8.random(in: 0...255, using: &generator)
            }
            let message = KafkaProducerMessage(
                topic: topic,
                // Every third message names its partition; the rest go by key, as the Java client would.
                partition: index % 3 == 0 ? Int32(index) % partitions : nil,
                key: Array("park-\(index % 97)".utf8),
                value: value + Array("#\(index)".utf8),
                headers: [
                    KafkaHeader(name: "index", string: String(index)),
                    KafkaHeader(name: "binary", value: [0, 255, UInt8(index & 0xff)]),
                    KafkaHeader(name: "empty", value: nil),
                ],
                timestamp: 1_496_887_200_000 + Int64(index))
            sent[index] = message
            try producer.send(message, tag: UInt64(index))
        }
        let summary = try producer.flush(timeout: .seconds(30))
        #expect(summary.delivered == 10_000)
        #expect(summary.failed.isEmpty)

        let consumer = try test.consumer()
        try consumer.assign(
            Dictionary(
                uniqueKeysWithValues: (0..<partitions).map {
                    (KafkaTopicPartition(topic: topic, partition: $0), .beginning)
                }))
        let received = try drain(consumer, count: 10_000)
        #expect(received.count == 10_000)
        var seen = Set<Int>()
        for message in received {
            let index = try #require(message.header("index").flatMap { Int(String(decoding: $0, as: UTF8.self)) })
            let original = try #require(sent[index])
            seen.insert(index)
            #expect(Array(message.value) == original.value)
            #expect(message.key.map(Array.init) == original.key)
            #expect(message.headers == original.headers)
            #expect(message.timestamp == original.timestamp)
            let expectedPartition =
                original.partition ?? KafkaPartitioner.partition(forKey: original.key ?? [], partitions: partitions)
            #expect(message.partition == expectedPartition)
        }
        #expect(seen.count == 10_000)
        // Offsets are dense per partition: nothing lost or duplicated.
        for partition in 0..<partitions {
            let offsets = received.filter { $0.partition == partition }.map(\.offset).sorted()
            #expect(offsets == Array(0..<Int64(offsets.count)))
        }
    }

    @Test func aConsumerThatSkipsHeadersGetsEverythingElse() throws {
        let test = try TestCluster()
        let topic = try test.topic("no-headers", partitions: 1)
        let producer = try test.producer()
        let headers = [KafkaHeader(name: "source", string: "a/0/1")]
        for index in 0..<10 {
            try producer.send(
                KafkaProducerMessage(
                    topic: topic, partition: 0, key: Array("k\(index)".utf8), value: Array("v\(index)".utf8),
                    headers: headers, timestamp: 1_496_887_200_000 + Int64(index)))
        }
        #expect(try producer.flush(timeout: .seconds(30)).delivered == 10)
        for readsHeaders in [true, false] {
            let consumer = try test.consumer { $0.readsHeaders = readsHeaders }
            try consumer.assign([KafkaTopicPartition(topic: topic, partition: 0): .beginning])
            let received = try drain(consumer, count: 10)
            #expect(received.map { String(decoding: $0.value, as: UTF8.self) } == (0..<10).map { "v\($0)" })
            #expect(received.map(\.offset) == Array(0..<10))
            #expect(received.map(\.timestamp) == (0..<10).map { 1_496_887_200_000 + Int64($0) })
            #expect(received.allSatisfy { $0.headers == (readsHeaders ? headers : []) })
        }
    }

    @Test func metadataListsBrokersAndTopics() throws {
        let test = try TestCluster(brokers: 3)
        let topic = try test.topic("meta", partitions: 12)
        let consumer = try test.consumer()
        let metadata = try consumer.metadata(topic: topic)
        #expect(metadata.brokers.map(\.id).sorted() == [1, 2, 3])
        #expect(metadata.topic(topic)?.partitions == Array(0..<12))
    }
}
