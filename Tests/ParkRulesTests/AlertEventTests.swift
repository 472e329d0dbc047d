import Foundation
import ParkMetrics
import ParkRules
import Testing

@Suite("Alert event v1")
struct AlertEventTests {
    static func example(state: AlertTransition.State = .firing) -> AlertTransition {
        var transition = AlertTransition(
            ruleID: "wastewater-compliance-24h", parkID: Fixtures.jinshan, metric: .wastewaterCompliance, window: "24h",
            state: .firing, severity: .critical, value: 0.912, threshold: 0.95, condition: "< 0.95",
            startedAt: Fixtures.time("2017-06-08T10:00:00+08:00"), eventTime: Fixtures.time("2017-06-08T11:00:00+08:00")
        )
        if state == .resolved {
            transition.state = .resolved
            transition.value = 0.97
            transition.eventTime = Fixtures.time("2017-06-08T15:30:00.5+08:00")
            transition.resolvedAt = transition.eventTime
        }
        return transition
    }

    @Test("the canonical JSON of §7's example, byte for byte")
    func canonicalBytes() {
        let event = AlertEvent(
            transition: Self.example(), source: .kafka(topic: "park.metrics", partition: 3, offset: 12345))
        let expected =
            #"{"alert_id":"86f31f4e178c13e5","rule_id":"wastewater-compliance-24h","park_id":"jinshan","#
            + #""metric":"wastewater_compliance","window":"24h","state":"firing","severity":"critical","value":0.912,"#
            + #""threshold":0.95,"condition":"< 0.95","started_at":"2017-06-08T10:00:00+08:00","resolved_at":null,"#
            + #""event_time":"2017-06-08T11:00:00+08:00","summary":"jinshan: wastewater_compliance over 24h is 0.912, "#
            + #"target >= 0.95 (rule wastewater-compliance-24h)","source":{"topic":"park.metrics","partition":3,"#
            + #""offset":12345}}"#
        #expect(event.canonicalJSON() == expected)
    }

    @Test("a resolved event from a file replay, with escaping")
    func resolvedFromFile() {
        let event = AlertEvent(
            transition: Self.example(state: .resolved), source: .file(path: "data/\"june\"\n.ndjson", line: 7))
        let json = event.canonicalJSON()
        #expect(json.contains(#""state":"resolved""#))
        #expect(
            json.contains(#""resolved_at":"2017-06-08T15:30:00.5+08:00","event_time":"2017-06-08T15:30:00.5+08:00""#))
        #expect(json.hasSuffix(#""source":{"file":"data/\"june\"\n.ndjson","line":7}}"#))
        #expect(event.summary.hasSuffix("(rule wastewater-compliance-24h, resolved)"))
    }

    @Test("JSON round trip through Foundation's JSONSerialization, and byte stability")
    func roundTrip() throws {
        for transition in [Self.example(), Self.example(state: .resolved)] {
            let event = AlertEvent(
                transition: transition, source: .kafka(topic: "park.metrics", partition: 0, offset: 0))
            let json = event.canonicalJSON()
            #expect(json == event.canonicalJSON())
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
            let dictionary = try #require(object as? [String: Any])
            #expect(dictionary.count == 15)
            #expect(dictionary["alert_id"] as? String == transition.alertID)
            #expect(dictionary["value"] as? Double == transition.value)
            #expect(dictionary["threshold"] as? Double == 0.95)
            #expect(dictionary["state"] as? String == transition.state.rawValue)
            let resolvedAt = dictionary["resolved_at"]
            if transition.state == .firing {
                #expect(resolvedAt is NSNull)
            } else {
                #expect(Timestamp(rfc3339: try #require(resolvedAt as? String)) == transition.resolvedAt)
            }
            #expect(Timestamp(rfc3339: try #require(dictionary["started_at"] as? String)) == transition.startedAt)
            #expect(Timestamp(rfc3339: try #require(dictionary["event_time"] as? String)) == transition.eventTime)
            let source = try #require(dictionary["source"] as? [String: Any])
            #expect(source["partition"] as? Int == 0)
        }
    }

    @Test("numbers print in shortest round-trip form", arguments: [0.1 + 0.2, 1e-7, 1, -0.034, 123456.789, 0.912])
    func numbers(value: Double) throws {
        var transition = Self.example()
        transition.value = value
        let json = AlertEvent(transition: transition, source: .file(path: "f", line: 1)).canonicalJSON()
        // JSONSerialization reads it as a number (on Linux its decimal parsing is not always exact,
        // so exactness is checked with Swift's own parser on the printed token).
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["value"] is NSNumber)
        let token = ShortestNumber.format(value)
        #expect(json.contains(#""value":\#(token),"#))
        #expect(Double(token) == value)
    }

    @Test("field order is exactly §7's")
    func fieldOrder() {
        let json = AlertEvent(transition: Self.example(), source: .file(path: "f", line: 1)).canonicalJSON()
        let names = [
            "alert_id", "rule_id", "park_id", "metric", "window", "state", "severity", "value", "threshold",
            "condition", "started_at", "resolved_at", "event_time", "summary", "source",
        ]
        let positions = names.compactMap { json.range(of: "\"\($0)\":")?.lowerBound }
        #expect(positions.count == names.count)
        #expect(positions == positions.sorted())
    }

    @Test("absent alerts read well")
    func absentSummary() {
        let transition = AlertTransition(
            ruleID: "ww-absent", parkID: Fixtures.jinshan, metric: .wastewaterCompliance, window: "2h", state: .firing,
            severity: .warning, value: 7500, threshold: 7200, condition: "absent 2h",
            startedAt: Timestamp(seconds: 0), eventTime: Timestamp(seconds: 300))
        #expect(AlertSummary.text(for: transition) == "jinshan: no wastewater_compliance for 2h (rule ww-absent)")
    }

    @Test("summaries round values for people; the value field stays exact")
    func readableSummaries() {
        var transition = Self.example()
        transition.value = 0.9372822299651568
        #expect(AlertSummary.text(for: transition).contains("over 24h is 0.9373, target >= 0.95"))
        #expect(
            AlertEvent(transition: transition, source: .file(path: "f", line: 1)).canonicalJSON().contains(
                #""value":0.9372822299651568"#))
        var silence = AlertTransition(
            ruleID: "ww-absent", parkID: Fixtures.jinshan, metric: .wastewaterCompliance, window: "2h",
            state: .resolved,
            severity: .warning, value: 130_200, threshold: 7200, condition: "absent 2h",
            startedAt: Timestamp(seconds: 0), eventTime: Timestamp(seconds: 130_200))
        silence.resolvedAt = silence.eventTime
        #expect(AlertSummary.text(for: silence).contains("back after 36h10m of silence"))
    }
}
