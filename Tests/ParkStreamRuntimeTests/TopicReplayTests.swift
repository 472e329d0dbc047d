import Foundation
import KafkaClient
import KafkaTestSupport
import ParkMetrics
import ParkRules
import ParkSimulator
import ParkStreamRuntime
import Testing

/// The first half of June 2017 with a year of history, as events and as NDJSON.
private let juneEvents: [MetricEvent] = {
    var configuration = SimulationConfiguration(
        start: Timestamp(rfc3339: "2017-06-01T00:00:00+08:00") ?? Timestamp(seconds: 0),
        end: Timestamp(rfc3339: "2017-06-15T00:00:00+08:00") ?? Timestamp(seconds: 0))
    configuration.wastewaterInterval = .seconds(1800)
    configuration.energyInterval = .seconds(3600)
    return Array(ParkSimulation(configuration: configuration))
}()

private func withoutSource(_ alerts: [AlertEvent]) -> [String] {
    alerts.map {
        AlertEvent(transition: $0.transition, summary: $0.summary, source: .file(path: "", line: 0)).canonicalJSON()
    }
}

@Suite("topic replay", .serialized, .timeLimit(.minutes(6)))
struct TopicReplayTests {
    @Test func topicReplayOverATimeRangeEqualsFileReplayOfTheSameEvents() throws {
        let kafka = try TestCluster(brokers: 1)
        let topic = try kafka.topic("metrics", partitions: 4)
        let producer = try kafka.producer()
        let encoder = MetricEventEncoder()
        var file: [UInt8] = []
        for event in juneEvents {
            try producer.send(
                KafkaProducerMessage(
                    topic: topic, key: Array(event.parkID.rawValue.utf8), value: encoder.encode(event),
                    timestamp: event.observedAt.milliseconds))
            encoder.appendLine(event, to: &file)
        }
        try producer.flush(timeout: .seconds(60))
        let rules = try hebiRules()

        for from in [nil, Timestamp(rfc3339: "2017-06-08T00:00:00+08:00")] {
            let selection = ReplaySelection(from: from)
            let fromTopic = try TopicReplay(
                client: kafka.client, topic: topic, rules: rules, selection: selection, logger: kafka.logger
            ).run()
            let fromFile = FileReplay(rules: rules, partitions: 4, selection: selection).run(file, path: "june.ndjson")
            #expect(fromTopic.read == (from == nil ? juneEvents.count : fromTopic.read))
            #expect(fromTopic.accepted == fromFile.accepted)
            #expect(fromTopic.aggregates.csv == fromFile.aggregates.csv)
            #expect(withoutSource(fromTopic.alerts) == withoutSource(fromFile.alerts))
            #expect(fromTopic.alerts.allSatisfy { if case .kafka(topic, _, _) = $0.source { true } else { false } })
            if from != nil {
                // The embedded cluster cannot answer offsets for times: the scan fallback found where 8 June starts.
                #expect(fromTopic.read < juneEvents.count)
                #expect(fromTopic.accepted > 0)
            }
        }
    }
}
