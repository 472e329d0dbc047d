import KafkaClient
import KafkaTestSupport
import Synchronization
import Testing

/// Records what a consumer's rebalance hook saw.
final class HookRecorder: Sendable {
    let events = Mutex<[KafkaRebalance]>([])
    let owned = Mutex<Set<KafkaTopicPartition>>([])

    var hook: KafkaRebalanceHook {
        { event in
            self.events.withLock { $0.append(event) }
            self.owned.withLock { owned in
                switch event {
                case .assigned(let partitions): owned.formUnion(partitions)
                case .revoked(let partitions), .lost(let partitions): owned.subtract(partitions)
                }
            }
            return [:]
        }
    }

    var partitions: Set<KafkaTopicPartition> { owned.withLock { $0 } }
}

@Suite("consumer groups", .serialized, .timeLimit(.minutes(6)))
struct ConsumerGroupTests {
    @Test func twoConsumersSplitAndAThirdTriggersTheHook() throws {
        let test = try TestCluster()
        let topic = try test.topic("group", partitions: 6)
        let all = Set((0..<6).map { KafkaTopicPartition(topic: topic, partition: Int32($0)) })
        let group = "group-\(UInt32.random(in: 0...UInt32.max))"
        let recorders = [HookRecorder(), HookRecorder(), HookRecorder()]
        let first = try test.consumer(group: group, hook: recorders[0].hook)
        let second = try test.consumer(group: group, hook: recorders[1].hook)
        try first.subscribe([topic])
        try second.subscribe([topic])

        let split = try pollAll([first, second]) {
            let (a, b) = (recorders[0].partitions, recorders[1].partitions)
            return a.count == 3 && b.count == 3 && a.union(b) == all
        }
        #expect(split, "two consumers should split 6 partitions 3 and 3")
        let firstBefore = recorders[0].partitions
        let eventsBefore = recorders[0].events.withLock { $0.count }

        let third = try test.consumer(group: group, hook: recorders[2].hook)
        try third.subscribe([topic])
        let rebalanced = try pollAll([first, second, third]) {
            let sets = recorders.map(\.partitions)
            return sets.allSatisfy { $0.count == 2 } && sets[0].union(sets[1]).union(sets[2]) == all
        }
        #expect(rebalanced, "three consumers should own 2 partitions each")
        // The eager protocol revokes the whole old set, then assigns the new one, through the hook.
        let newEvents = recorders[0].events.withLock { Array($0[eventsBefore...]) }
        #expect(newEvents.first == .revoked(firstBefore.sorted()))
        #expect(newEvents.last == .assigned(recorders[0].partitions.sorted()))
        for consumer in [first, second, third] { try consumer.close() }
    }

    @Test func hookOffsetsChooseWhereAssignedPartitionsStart() throws {
        let test = try TestCluster(brokers: 1)
        let topic = try test.topic("hookstart", partitions: 1)
        let producer = try test.producer()
        for index in 0..<50 {
            try producer.send(KafkaProducerMessage(topic: topic, partition: 0, key: nil, value: [UInt8(index)]))
        }
        try producer.flush(timeout: .seconds(10))
        let partition = KafkaTopicPartition(topic: topic, partition: 0)
        let consumer = try test.consumer(
            group: "hookstart-\(UInt32.random(in: 0...UInt32.max))",
            hook: { event in
                if case .assigned = event { return [partition: KafkaOffset(rawValue: 42)] }
                return [:]
            })
        try consumer.subscribe([topic])
        let messages = try drain(consumer, count: 8)
        #expect(messages.map(\.offset) == Array(42..<50))
        try consumer.close()
    }

    @Test func commitCloseReopenResumesAtTheCommittedOffset() throws {
        let test = try TestCluster(brokers: 1)
        let topic = try test.topic("resume", partitions: 1)
        let producer = try test.producer()
        for index in 0..<100 {
            try producer.send(KafkaProducerMessage(topic: topic, key: nil, value: Array("m\(index)".utf8)))
        }
        try producer.flush(timeout: .seconds(10))
        let group = "resume-\(UInt32.random(in: 0...UInt32.max))"
        let partition = KafkaTopicPartition(topic: topic, partition: 0)

        let first = try test.consumer(group: group)
        try first.subscribe([topic])
        let read = try drain(first, count: 100)
        #expect(read.count == 100)
        try first.commit([partition: 37])
        #expect(try first.committed([partition]) == [partition: KafkaOffset(rawValue: 37)])
        try first.close()

        let second = try test.consumer(group: group)
        try second.subscribe([topic])
        let resumed = try drain(second, count: 63)
        #expect(resumed.first?.offset == 37)
        #expect(resumed.count == 63)
        #expect(resumed.first.map { String(decoding: $0.value, as: UTF8.self) } == "m37")
        try second.close()
    }
}
