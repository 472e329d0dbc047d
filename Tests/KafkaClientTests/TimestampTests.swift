import KafkaClient
import KafkaTestSupport
import Testing

@Suite("offsets for timestamps", .serialized, .timeLimit(.minutes(6)))
struct TimestampTests {
    /// Partition p holds messages stamped base + i·1000 ms (+ p·500 on partition 1), i = 0..<200.
    private func fixture() throws -> (TestCluster, String, Int64) {
        let test = try TestCluster()
        let topic = try test.topic("stamps", partitions: 2)
        let base: Int64 = 1_496_887_200_000
        let producer = try test.producer()
        for index in 0..<200 {
            for partition: Int32 in 0..<2 {
                let stamp = base + Int64(index) * 1000 + Int64(partition) * 500
                try producer.send(
                    KafkaProducerMessage(topic: topic, partition: partition, key: nil, value: [1], timestamp: stamp))
            }
        }
        try producer.flush(timeout: .seconds(10))
        return (test, topic, base)
    }

    @Test func seekByTimestampLandsOnTheFirstMessageAtOrAfterIt() throws {
        let (test, topic, base) = try fixture()
        let consumer = try test.consumer()
        let partitions = [
            KafkaTopicPartition(topic: topic, partition: 0), KafkaTopicPartition(topic: topic, partition: 1),
        ]
        // Partition 0: 50_000 → offset 50. Partition 1: stamps end in 500, so 50_000 → offset 50 too
        // (49_500 is before), and 50_600 → 51 on both.
        #expect(
            try consumer.offsets(forTimestamp: base + 50_000, partitions: partitions) == [
                partitions[0]: 50, partitions[1]: 50,
            ])
        #expect(
            try consumer.offsets(forTimestamp: base + 50_600, partitions: partitions) == [
                partitions[0]: 51, partitions[1]: 51,
            ])
        // Before everything → 0; after everything → the end offset.
        #expect(
            try consumer.offsets(forTimestamp: base - 1, partitions: partitions) == [
                partitions[0]: 0, partitions[1]: 0,
            ])
        #expect(
            try consumer.offsets(forTimestamp: base + 999_999, partitions: partitions) == [
                partitions[0]: 200, partitions[1]: 200,
            ])

        let offsets = try consumer.offsets(forTimestamp: base + 120_000, partitions: partitions)
        try consumer.assign(Dictionary(uniqueKeysWithValues: offsets.map { ($0.key, KafkaOffset(rawValue: $0.value)) }))
        let messages = try drain(consumer, count: 160)
        #expect(messages.count == 160)
        #expect(messages.allSatisfy { ($0.timestamp ?? 0) >= base + 120_000 })
    }

    @Test func theEmbeddedBrokerCannotAnswerSoTheScanIsWhatWorks() throws {
        let (test, topic, base) = try fixture()
        let partition = KafkaTopicPartition(topic: topic, partition: 0)
        let brokerOnly = try test.consumer { $0.timestampLookup = .broker }
        let scanOnly = try test.consumer { $0.timestampLookup = .scan }
        // librdkafka 2.0.2's mock answers -1 (end) whatever the timestamp: the fallback is needed.
        #expect(try brokerOnly.offsets(forTimestamp: base + 10_000, partitions: [partition]) == [partition: 200])
        #expect(try scanOnly.offsets(forTimestamp: base + 10_000, partitions: [partition]) == [partition: 10])
    }
}
