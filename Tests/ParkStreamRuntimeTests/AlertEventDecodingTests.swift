import ParkMetrics
import ParkRules
import ParkStreamRuntime
import Testing

@Suite("Alert event v1 decoding")
struct AlertEventDecodingTests {
    @Test func canonicalJSONRoundTripsByteForByte() throws {
        let events = [
            AlertFixtures.firing(),
            AlertFixtures.resolved(AlertFixtures.firing(), source: .file(path: "data/2017.ndjson", line: 42)),
            AlertFixtures.firing(rule: "heating", park: "qixian", severity: .info, value: 1e-7),
        ]
        for event in events {
            let json = event.canonicalJSON()
            let decoded = try AlertEvent(canonicalJSON: Array(json.utf8))
            #expect(decoded == event)
            #expect(decoded.canonicalJSON() == json)
        }
    }

    @Test func missingValueReadsAsNaNAndWritesNullAgain() throws {
        let json = AlertFixtures.firing(value: .nan).canonicalJSON()
        #expect(json.contains("\"value\":null"))
        let decoded = try AlertEvent(canonicalJSON: Array(json.utf8))
        #expect(decoded.transition.value.isNaN)
        #expect(decoded.canonicalJSON() == json)
    }

    @Test(arguments: [
        ("not json", "not an alert event v1"),
        ("{}", "alert_id: missing"),
        (
            AlertFixtures.firing().canonicalJSON().replacingOccurrences(of: "\"jinshan\"", with: "\"Jin Shan\""),
            "park_id"
        ),
        (AlertFixtures.firing().canonicalJSON().replacingOccurrences(of: "\"firing\"", with: "\"open\""), "state"),
        (
            AlertFixtures.firing().canonicalJSON().replacingOccurrences(
                of: "2017-06-08T10:00:00+08:00", with: "2017-02-30T10:00:00+08:00"), "started_at"
        ),
    ])
    func badInputNamesTheField(input: String, field: String) {
        do {
            _ = try AlertEvent(canonicalJSON: Array(input.utf8))
            Issue.record("accepted \(input)")
        } catch {
            #expect("\(error)".contains(field), "\(error)")
        }
    }
}
