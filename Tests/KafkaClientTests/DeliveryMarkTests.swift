import Foundation
import KafkaClient
import KafkaTestSupport
import Synchronization
import Testing

@Suite("delivery marks", .serialized, .timeLimit(.minutes(6)))
struct DeliveryMarkTests {
    /// The worker's background checkpoint waits for the outputs sent before its copy of the state
    /// while the worker goes on sending: the wait must end, and only once those are delivered.
    @Test func aMarkWaitsForTheMessagesSentBeforeItWhileOthersKeepSending() throws {
        let test = try TestCluster(brokers: 1)
        let topic = try test.topic("marks", partitions: 4)
        let producer = try test.producer(keepsReports: true, countsDeliveriesPerPartition: true)
        let partitions = (0..<Int32(4)).map { KafkaTopicPartition(topic: topic, partition: $0) }
        for index in 0..<2_000 {
            try producer.send(
                KafkaProducerMessage(topic: topic, partition: Int32(index % 4), key: nil, value: [UInt8(index & 0xff)]),
                tag: UInt64(index))
        }
        let mark = producer.deliveryMark(partitions)
        #expect(Set(mark.partitions) == Set(partitions))

        // Another thread sends on, without pause, until the wait is over: a flush would not end.
        let stop = Atomic<Bool>(false)
        let sender = Thread {
            var index = 2_000
            while !stop.load(ordering: .relaxed) {
                try? producer.send(
                    KafkaProducerMessage(topic: topic, partition: Int32(index % 4), key: nil, value: [1]),
                    tag: UInt64(index))
                index += 1
            }
        }
        sender.start()
        defer { stop.store(true, ordering: .relaxed) }
        try producer.waitForDeliveries(through: mark, timeout: .seconds(30))
        let reported = Set(producer.takeDeliveryReports().filter { $0.error == nil }.map(\.tag))
        #expect((0..<UInt64(2_000)).allSatisfy { reported.contains($0) }, "every message before the mark is delivered")
        #expect(reported.allSatisfy { $0 < UInt64(1) << 63 }, "reports carry the caller's tags")
    }

    @Test func aFailedDeliveryBeforeTheMarkIsThrown() throws {
        let test = try TestCluster(brokers: 1)
        let topic = try test.topic("marks-denied", partitions: 1)
        test.cluster.injectErrors(Array(repeating: .topicAuthorizationFailed, count: 50), for: .produce)
        let producer = try test.producer(countsDeliveriesPerPartition: true) { $0.idempotent = false }
        let partition = KafkaTopicPartition(topic: topic, partition: 0)
        let before = producer.deliveryMark([partition])
        try producer.send(KafkaProducerMessage(topic: topic, partition: 0, key: nil, value: [1]), tag: 7)
        let mark = producer.deliveryMark([partition])
        let error = #expect(throws: KafkaError.self) {
            try producer.waitForDeliveries(through: mark, timeout: .seconds(30))
        }
        #expect(error?.code == .topicAuthorizationFailed)
        // An older mark sees it too: any failure on its partitions since the mark is thrown (the
        // worker stops rather than checkpoint past a lost output).
        #expect(throws: KafkaError.self) { try producer.waitForDeliveries(through: before, timeout: .seconds(5)) }
    }
}
