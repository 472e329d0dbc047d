import KafkaClient
import KafkaTestSupport
import Testing

@Suite("faults", .serialized, .timeLimit(.minutes(6)))
struct FaultTests {
    @Test func brokerDownDuringProduceStillDeliversEveryMessageOnce() throws {
        let test = try TestCluster(brokers: 3)
        let topic = try test.topic("down", partitions: 6)
        // The mock picks leaders at random: spread them so broker 1 leads partitions 0 and 3.
        for partition: Int32 in 0..<6 {
            try test.cluster.setLeader(topic: topic, partition: partition, broker: partition % 3 + 1)
        }
        let producer = try test.producer()
        let total = 20_000
        var stuckDuringOutage = 0
        for index in 0..<total {
            if index == total / 3 { try test.cluster.takeDown(broker: 1) }
            if index == 2 * total / 3 {
                // Serve delivery reports for a while: broker 1's partitions cannot be written.
                let until = ContinuousClock.now + .seconds(2)
                while ContinuousClock.now < until { producer.poll(timeout: .milliseconds(50)) }
                stuckDuringOutage = producer.outstanding
                try test.cluster.bringUp(broker: 1)
            }
            try producer.send(
                KafkaProducerMessage(topic: topic, key: Array("k\(index % 50)".utf8), value: Array(String(index).utf8)))
        }
        #expect(stuckDuringOutage > 0, "the outage should hold back broker 1's messages")
        let summary = try producer.flush(timeout: .seconds(60))
        #expect(summary.delivered == total)
        #expect(summary.failed.isEmpty)

        let consumer = try test.consumer()
        try consumer.assign(
            Dictionary(
                uniqueKeysWithValues: (0..<6).map {
                    (KafkaTopicPartition(topic: topic, partition: Int32($0)), .beginning)
                }))
        let received = try drain(consumer, count: total, timeout: .seconds(30))
        let values = received.map { Int(String(decoding: $0.value, as: UTF8.self)) ?? -1 }
        #expect(values.count == total, "no duplicates, nothing lost")
        #expect(Set(values) == Set(0..<total))
    }

    /// What a worker does with the outputs of partitions it must release while a broker is down:
    /// the purged messages never appear, not even once the broker is back, and the producer goes on.
    @Test func purgedMessagesAreNeverWrittenAndTheProducerGoesOn() throws {
        let test = try TestCluster(brokers: 3)
        let topic = try test.topic("purge", partitions: 6)
        for partition: Int32 in 0..<6 {
            try test.cluster.setLeader(topic: topic, partition: partition, broker: partition % 3 + 1)
        }
        let producer = try test.producer(countsDeliveriesPerPartition: true)
        func send(_ range: Range<Int>) throws {
            for index in range {
                try producer.send(
                    KafkaProducerMessage(
                        topic: topic, partition: Int32(index % 6), key: nil, value: Array("\(index)".utf8)))
            }
        }
        try send(0..<600)
        try producer.flush(timeout: .seconds(30))
        try test.cluster.takeDown(broker: 1)
        let mark = producer.deliveryMark([KafkaTopicPartition(topic: topic, partition: 0)])
        try send(600..<1200)
        // Broker 1 leads partitions 0 and 3: their 200 messages cannot be acknowledged.
        let stuck = ContinuousClock.now + .seconds(1)
        while ContinuousClock.now < stuck { producer.poll(timeout: .milliseconds(50)) }
        #expect(producer.purge() == 200)
        #expect(throws: KafkaError.self) { try producer.waitForDeliveries(through: mark, timeout: .seconds(5)) }
        try test.cluster.bringUp(broker: 1)
        try send(1200..<1800)
        let summary = try producer.flush(timeout: .seconds(60))
        #expect(summary.delivered == 1600)
        #expect(summary.purged == 200)
        #expect(summary.failed.isEmpty)

        let consumer = try test.consumer()
        let ends = try (0..<Int32(6)).map {
            try consumer.watermarks(KafkaTopicPartition(topic: topic, partition: $0)).high
        }
        #expect(ends.reduce(0, +) == 1600, "the topic holds the acknowledged messages and nothing else")
        let values = try test.read(topic, partitions: 6, count: 1600).map {
            Int(String(decoding: $0.value, as: UTF8.self))
        }
        let purged = (600..<1200).filter { $0 % 3 == 0 }
        #expect(Set(values) == Set(0..<1800).subtracting(purged))
    }

    @Test func retriableProduceErrorsAreRetried() throws {
        let test = try TestCluster(brokers: 1)
        let topic = try test.topic("retry", partitions: 1)
        test.cluster.injectErrors([.notLeaderForPartition, .requestTimedOut, .notEnoughReplicas], for: .produce)
        let producer = try test.producer()
        for index in 0..<100 { try producer.send(KafkaProducerMessage(topic: topic, key: nil, value: [UInt8(index)])) }
        let summary = try producer.flush(timeout: .seconds(30))
        #expect(summary.delivered == 100)
        #expect(summary.failed.isEmpty)
    }

    @Test func permanentProduceErrorsSurfaceAsTypedErrors() throws {
        let test = try TestCluster(brokers: 1)
        let topic = try test.topic("denied", partitions: 1)
        test.cluster.injectErrors(Array(repeating: .topicAuthorizationFailed, count: 50), for: .produce)
        let producer = try test.producer { $0.idempotent = false }
        try producer.send(KafkaProducerMessage(topic: topic, key: nil, value: [1]), tag: 7)
        let summary = try producer.flush(timeout: .seconds(30))
        #expect(summary.delivered == 0)
        let failure = try #require(summary.failed.first)
        #expect(failure.tag == 7)
        #expect(failure.error?.code == .topicAuthorizationFailed)
        #expect(failure.error?.isRetriable == false)
    }

    @Test func commitErrorsSurfaceAsTypedErrors() throws {
        let test = try TestCluster(brokers: 1)
        let topic = try test.topic("commitfail", partitions: 1)
        let consumer = try test.consumer(group: "commitfail-\(UInt32.random(in: 0...UInt32.max))")
        try consumer.subscribe([topic])
        #expect(try pollAll([consumer]) { try !consumer.assignment().isEmpty })
        test.cluster.injectErrors([KafkaError.Code(rawValue: 30)], for: .offsetCommit)  // GROUP_AUTHORIZATION_FAILED
        let error = #expect(throws: KafkaError.self) {
            try consumer.commit([KafkaTopicPartition(topic: topic, partition: 0): 0])
        }
        #expect(error?.code.name == "GROUP_AUTHORIZATION_FAILED")
        try consumer.close()
    }
}

@Suite("cluster changes", .serialized, .timeLimit(.minutes(6)))
struct ClusterChangeTests {
    @Test func leaderAndCoordinatorMovesAndSlowBrokersKeepAGroupConsuming() throws {
        let test = try TestCluster(brokers: 3)
        let topic = try test.topic("moves", partitions: 3)
        for partition: Int32 in 0..<3 { try test.cluster.setLeader(topic: topic, partition: partition, broker: 1) }
        let group = "moves-\(UInt32.random(in: 0...UInt32.max))"
        try test.cluster.setGroupCoordinator(group: group, broker: 1)
        let producer = try test.producer()
        func produce(_ range: Range<Int>) throws {
            for index in range {
                try producer.send(
                    KafkaProducerMessage(topic: topic, key: Array("k\(index)".utf8), value: Array(String(index).utf8)))
            }
            try producer.flush(timeout: .seconds(30))
        }
        try produce(0..<300)
        let consumer = try test.consumer(group: group)
        try consumer.subscribe([topic])
        var values = try drain(consumer, count: 300).map { String(decoding: $0.value, as: UTF8.self) }

        // Everything moves to other brokers, and broker 2 answers slowly.
        for partition: Int32 in 0..<3 {
            try test.cluster.setLeader(topic: topic, partition: partition, broker: partition % 2 + 2)
        }
        try test.cluster.setGroupCoordinator(group: group, broker: 3)
        try test.cluster.setRoundTripTime(broker: 2, .milliseconds(200))
        try produce(300..<600)
        values += try drain(consumer, count: 300).map { String(decoding: $0.value, as: UTF8.self) }
        #expect(values.count == 600)
        #expect(Set(values) == Set((0..<600).map(String.init)))

        let assignment = try consumer.assignment()
        try consumer.commit(
            Dictionary(uniqueKeysWithValues: try assignment.map { ($0, try consumer.watermarks($0).high) }))
        #expect(try consumer.committed(assignment).values.map(\.rawValue).reduce(0, +) == 600)
        try consumer.close()
    }
}
