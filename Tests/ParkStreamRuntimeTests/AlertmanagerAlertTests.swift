import Foundation
import ParkMetrics
import ParkRules
import Testing

@testable import ParkStreamRuntime

@Suite("Alertmanager alerts")
struct AlertmanagerAlertTests {
    @Test func labelsIdentifyTheAlertAndAnnotationsExplainIt() {
        let event = AlertFixtures.firing()
        let alert = AlertmanagerAlert(event, now: AlertFixtures.now, generatorURL: "http://127.0.0.1:8080/api/alerts")
        #expect(
            alert.labels == [
                "alertname": "wastewater-compliance-24h", "park_id": "jinshan", "metric": "wastewater_compliance",
                "severity": "critical", "window": "24h",
            ])
        #expect(alert.annotations["summary"] == event.summary)
        #expect(alert.annotations["value"] == "0.912")
        #expect(alert.annotations["threshold"] == "0.95")
        #expect(alert.annotations["condition"] == "< 0.95")
        #expect(alert.annotations["alert_id"] == event.transition.alertID)
        #expect(alert.annotations["started_at"] == "2017-06-08T10:00:00+08:00")
        #expect(alert.startsAt == "2017-06-08T02:00:00Z")
        #expect(alert.endsAt == nil)
        #expect(alert.generatorURL == "http://127.0.0.1:8080/api/alerts")
    }

    @Test func resolveSetsEndsAtToTheResolvedEventTime() {
        let alert = AlertmanagerAlert(AlertFixtures.resolved(AlertFixtures.firing()), now: AlertFixtures.now)
        #expect(alert.startsAt == "2017-06-08T02:00:00Z")
        #expect(alert.endsAt == "2017-06-09T00:00:00Z")
        #expect(alert.annotations["resolved_at"] == "2017-06-09T08:00:00+08:00")
        #expect(alert.isResolved)
    }

    @Test func timesAheadOfTheWallClockAreClampedSoEndsAtIsNeverBeforeStartsAt() {
        let now = AlertFixtures.time("2017-06-08T12:00:00+08:00")
        let early = AlertFixtures.firing(startedAt: "2017-06-08T13:00:00+08:00", eventTime: "2017-06-08T13:00:00+08:00")
        let firing = AlertmanagerAlert(early, now: now)
        #expect(firing.startsAt == "2017-06-08T04:00:00Z")
        let resolved = AlertmanagerAlert(AlertFixtures.resolved(early, at: "2017-06-08T14:00:00+08:00"), now: now)
        #expect(resolved.startsAt == "2017-06-08T04:00:00Z")
        #expect(resolved.endsAt == "2017-06-08T04:00:00Z")
        let mixed = AlertmanagerAlert(
            AlertFixtures.resolved(AlertFixtures.firing(), at: "2017-06-08T14:00:00+08:00"), now: now)
        #expect(mixed.startsAt == "2017-06-08T02:00:00Z")
        #expect(mixed.endsAt == "2017-06-08T04:00:00Z")
    }

    @Test func bodyIsAJSONArrayWithoutEndsAtWhileFiring() throws {
        let body = try AlertmanagerClient.body([AlertmanagerAlert(AlertFixtures.firing(), now: AlertFixtures.now)])
        let parsed = try #require(try JSONSerialization.jsonObject(with: body) as? [[String: Any]])
        #expect(parsed.count == 1)
        #expect(parsed[0]["endsAt"] == nil)
        #expect(parsed[0]["startsAt"] as? String == "2017-06-08T02:00:00Z")
        #expect((parsed[0]["labels"] as? [String: String])?["alertname"] == "wastewater-compliance-24h")
    }

    @Test func alertsURLIsTheV2Endpoint() throws {
        let configuration = AlertmanagerConfiguration(baseURL: try #require(URL(string: "http://127.0.0.1:9093")))
        #expect(configuration.alertsURL.absoluteString == "http://127.0.0.1:9093/api/v2/alerts")
    }
}
