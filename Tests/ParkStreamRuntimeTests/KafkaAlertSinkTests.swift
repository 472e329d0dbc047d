import KafkaClient
import KafkaTestSupport
import ParkRules
import ParkStreamRuntime
import Testing

@Suite("Kafka alert sink", .timeLimit(.minutes(6)))
struct KafkaAlertSinkTests {
    @Test func alertsLandOnTheirInputPartitionWithTheSourceHeaders() throws {
        let kafka = try TestCluster(brokers: 1)
        let topic = try kafka.topic("alerts", partitions: 6)
        let sink = KafkaAlertSink(producer: try kafka.producer(), topic: topic, partitions: 6, logger: kafka.logger)
        let firing = AlertFixtures.firing(source: .kafka(topic: "park.metrics", partition: 4, offset: 77))
        let resolved = AlertFixtures.resolved(firing, source: .kafka(topic: "park.metrics", partition: 4, offset: 90))
        let other = AlertFixtures.firing(
            park: "baoshan", source: .kafka(topic: "park.metrics", partition: 0, offset: 5))
        let replayed = AlertFixtures.firing(park: "qixian", source: .file(path: "year.ndjson", line: 12))
        let events = [firing, resolved, other, replayed]
        for event in events { try sink.deliver(event) }
        try sink.flush(timeout: .seconds(20))

        let messages = try kafka.read(topic, partitions: 6, count: events.count)
        #expect(messages.count == events.count)
        let qixianPartition = KafkaPartitioner.partition(forKey: Array("qixian".utf8), partitions: 6)
        let expected: [(AlertEvent, Int32, String, String?)] = [
            (firing, 4, "park.metrics/4/77", "77"), (resolved, 4, "park.metrics/4/90", "90"),
            (other, 0, "park.metrics/0/5", "5"), (replayed, qixianPartition, "year.ndjson:12", nil),
        ]
        for (event, partition, source, offset) in expected {
            let json = event.canonicalJSON()
            let message = try #require(messages.first { String(decoding: $0.value, as: UTF8.self) == json })
            #expect(message.partition == partition)
            #expect(message.key.map { String(decoding: $0, as: UTF8.self) } == event.transition.parkID.rawValue)
            #expect(message.header(KafkaAlertSink.sourceHeader).map { String(decoding: $0, as: UTF8.self) } == source)
            #expect(
                message.header(KafkaAlertSink.sourceOffsetHeader).map { String(decoding: $0, as: UTF8.self) } == offset)
            #expect(message.timestamp == event.transition.eventTime.milliseconds)
        }
        let jinshan = messages.filter { $0.key.map { Array($0) } == Array("jinshan".utf8) }
        #expect(
            jinshan.map { String(decoding: $0.value, as: UTF8.self) } == [
                firing.canonicalJSON(), resolved.canonicalJSON(),
            ], "in delivery order")

        try sink.close(timeout: .seconds(5))
        #expect(throws: AlertSinkError.self) { try sink.deliver(firing) }
    }

    @Test func fileSourcesFollowThePartitionerOfTheMetricsTopic() {
        for park in ["jinshan", "baoshan", "qixian", "xunxian"] {
            let event = AlertFixtures.firing(park: park, source: .file(path: "f", line: 1))
            #expect(
                KafkaAlertSink.partition(for: event, partitions: 12)
                    == KafkaPartitioner.partition(forKey: Array(park.utf8), partitions: 12))
        }
    }
}
