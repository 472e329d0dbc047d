import Foundation
import KafkaClient
import KafkaTestSupport
import ParkMetrics
import ParkRules
import ParkStreamRuntime
import Testing

@Suite("baseline alerts", .serialized, .timeLimit(.minutes(6)))
struct BaselineAlertsTests {
    static let events: [AlertEvent] = {
        let sag = AlertFixtures.firing()
        return [
            sag, AlertFixtures.firing(park: "qibin", severity: .warning, startedAt: "2017-06-08T12:00:00+08:00"),
            AlertFixtures.resolved(sag),
        ]
    }()

    @Test func anAlertsFileReadsBackWhatReplayWrote() throws {
        let text = Self.events.map { $0.canonicalJSON() + "\n" }.joined() + "\n"
        let read = try BaselineAlerts.read(ndjson: Array(text.utf8), path: "base.ndjson")
        #expect(read == Self.events)
    }

    @Test func aBadLineFailsTheFileNamingItsLineAndField() throws {
        let good = Self.events[0].canonicalJSON()
        let bad = good.replacingOccurrences(of: #""park_id":"jinshan""#, with: #""park_id":"Jinshan""#)
        #expect(bad != good)
        let text = good + "\n\n" + bad + "\n"
        #expect {
            try BaselineAlerts.read(ndjson: Array(text.utf8), path: "base.ndjson")
        } throws: { error in
            "\(error)" == "base.ndjson:3: park_id: invalid value"
        }
    }

    @Test func theAlertsTopicReadsWhole() throws {
        let kafka = try TestCluster(brokers: 1)
        let topic = try kafka.topic("alerts", partitions: 3)
        let producer = try kafka.producer()
        for event in Self.events {
            try producer.send(
                KafkaProducerMessage(
                    topic: topic, key: Array(event.transition.parkID.rawValue.utf8),
                    value: Array(event.canonicalJSON().utf8)))
        }
        try producer.flush(timeout: .seconds(30))
        let read = try BaselineAlerts.read(topic: topic, client: kafka.client, logger: kafka.logger)
        // Partitions interleave; each event arrives once.
        #expect(read.count == Self.events.count)
        #expect(Set(read) == Set(Self.events))
        let pairs = AlertInterval.pairing(read.map(\.transition))
        #expect(pairs.count == 2)
        #expect(pairs.filter { $0.resolvedAt != nil }.count == 1)
    }
}
