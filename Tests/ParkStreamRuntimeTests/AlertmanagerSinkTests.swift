import Foundation
import KafkaTestSupport
import Logging
import ParkRules
import Testing

@testable import ParkStreamRuntime

/// Against a real Alertmanager (0.25, Debian's), started per test on loopback.
@Suite("Alertmanager sink", .serialized, .timeLimit(.minutes(6)))
struct AlertmanagerSinkTests {
    static let logger: Logger = {
        var logger = Logger(label: "test.alertmanager")
        logger.logLevel = ProcessInfo.processInfo.environment["PARKSTREAM_TEST_LOG"] == nil ? .critical : .debug
        return logger
    }()
    static let resolvedSeries = "alertmanager_alerts_received_total{status=\"resolved\",version=\"v2\"}"

    func sink(_ baseURL: URL, _ adjust: (inout AlertmanagerConfiguration) -> Void = { _ in }) -> AlertmanagerSink {
        var configuration = AlertmanagerConfiguration(baseURL: baseURL)
        configuration.initialBackoff = .milliseconds(100)
        configuration.maxBackoff = .seconds(1)
        configuration.requestTimeout = .seconds(5)
        adjust(&configuration)
        return AlertmanagerSink(configuration: configuration, logger: Self.logger)
    }

    /// The listed alert whose labels include `labels`.
    func listed(_ alertmanager: AlertmanagerProcess, _ labels: [String: String]) throws -> [String: Any]? {
        try alertmanager.alerts().first { alert in
            let have = alert["labels"] as? [String: String] ?? [:]
            return labels.allSatisfy { have[$0.key] == $0.value }
        }
    }

    /// Waits (bounded) until `condition` holds.
    func eventually(_ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return try condition()
    }

    @Test func firingAlertShowsWithItsLabelsAndAnnotationsAndTheResolveEndsIt() throws {
        let alertmanager = try AlertmanagerProcess()
        let sink = sink(alertmanager.baseURL)
        let firing = AlertFixtures.firing()
        let other = AlertFixtures.firing(park: "baoshan", severity: .warning)
        try sink.deliver(firing)
        try sink.deliver(other)
        try sink.flush(timeout: .seconds(20))

        let shown = try #require(try listed(alertmanager, ["park_id": "jinshan"]))
        #expect(
            shown["labels"] as? [String: String] == [
                "alertname": "wastewater-compliance-24h", "park_id": "jinshan", "metric": "wastewater_compliance",
                "severity": "critical", "window": "24h",
            ])
        let annotations = shown["annotations"] as? [String: String] ?? [:]
        #expect(annotations["summary"] == firing.summary)
        #expect(annotations["value"] == "0.912")
        #expect(annotations["threshold"] == "0.95")
        #expect(annotations["condition"] == "< 0.95")
        #expect(annotations["alert_id"] == firing.transition.alertID)
        #expect((shown["status"] as? [String: Any])?["state"] as? String == "active")
        #expect(shown["startsAt"] as? String == "2017-06-08T02:00:00.000Z", "event time, as sent")
        let resolvedBefore = alertmanager.metric(Self.resolvedSeries) ?? -1

        try sink.deliver(AlertFixtures.resolved(firing))
        try sink.flush(timeout: .seconds(20))
        // Alertmanager 0.25 keeps a resolved alert (until its GC) but lists only alerts whose endsAt is
        // in the future: the resolved one drops out, the other stays, and the resolve is counted.
        #expect(try listed(alertmanager, ["park_id": "jinshan"]) == nil)
        #expect(try listed(alertmanager, ["park_id": "baoshan"]) != nil)
        #expect(alertmanager.metric(Self.resolvedSeries) == resolvedBefore + 1)
        #expect(sink.statistics.firing == 1)
        #expect(sink.statistics.pending == 0)
        try sink.close(timeout: .seconds(5))
        #expect(throws: AlertSinkError.self) { try sink.deliver(firing) }
    }

    @Test func firingAlertsAreSentAgainUntilResolved() throws {
        let alertmanager = try AlertmanagerProcess()
        let sink = sink(alertmanager.baseURL) { $0.resendInterval = .milliseconds(200) }
        let firing = AlertFixtures.firing()
        try sink.deliver(firing)
        #expect(eventually { sink.statistics.accepted >= 3 }, "sent, then sent again at least twice")
        #expect(try listed(alertmanager, ["park_id": "jinshan"]) != nil)

        try sink.deliver(AlertFixtures.resolved(firing))
        try sink.flush(timeout: .seconds(20))
        #expect(sink.statistics.firing == 0, "nothing left to re-send")
        #expect(try listed(alertmanager, ["park_id": "jinshan"]) == nil)
        try sink.close(timeout: .seconds(5))
    }

    @Test func alertsWaitWhileAlertmanagerIsDownAndArriveOnceItIsUp() throws {
        let port = try AlertmanagerProcess.freePort()
        let sink = sink(URL(string: "http://127.0.0.1:\(port)")!)
        let first = AlertFixtures.firing()
        let second = AlertFixtures.firing(rule: "wastewater-compliance-7d", park: "qixian", severity: .warning)
        let gone = AlertFixtures.firing(park: "xunxian")
        for event in [first, second, gone, AlertFixtures.resolved(gone)] { try sink.deliver(event) }
        #expect(eventually { sink.statistics.failedAttempts >= 2 }, "retried while down")
        #expect(throws: AlertSinkError.self) { try sink.flush(timeout: .milliseconds(200)) }
        #expect(sink.statistics.pending == 3, "kept: two firing alerts and one resolve")

        let alertmanager = try AlertmanagerProcess(port: port)
        try sink.flush(timeout: .seconds(30))
        #expect(try listed(alertmanager, ["park_id": "jinshan", "alertname": "wastewater-compliance-24h"]) != nil)
        #expect(try listed(alertmanager, ["park_id": "qixian", "alertname": "wastewater-compliance-7d"]) != nil)
        #expect(try listed(alertmanager, ["park_id": "xunxian"]) == nil)
        #expect(alertmanager.metric(Self.resolvedSeries) == 1, "the resolve arrived too")
        #expect(sink.statistics.pending == 0)
        try sink.close(timeout: .seconds(5))
    }

    @Test func closeGivesUpAfterItsTimeoutAndSaysHowManyWereNeverAccepted() throws {
        let port = try AlertmanagerProcess.freePort()
        let sink = sink(URL(string: "http://127.0.0.1:\(port)")!)
        try sink.deliver(AlertFixtures.firing())
        try sink.deliver(AlertFixtures.firing(park: "qixian"))
        do {
            try sink.close(timeout: .milliseconds(300))
            Issue.record("close reported success with Alertmanager down")
        } catch let error as AlertSinkError {
            #expect(error.code == .timedOut)
            #expect(error.reason.hasPrefix("2 alerts never accepted"), "\(error)")
        }
        #expect(throws: AlertSinkError(code: .closed, reason: "the Alertmanager sink is closed")) {
            try sink.deliver(AlertFixtures.firing())
        }
    }

    @Test func aBatchWithAnInvalidAlertIsRefusedForGoodWhileItsValidAlertsAreKept() throws {
        let alertmanager = try AlertmanagerProcess()
        var invalid = AlertmanagerAlert(
            AlertFixtures.resolved(AlertFixtures.firing(park: "qixian")), now: AlertFixtures.now)
        invalid.endsAt = "2017-06-01T00:00:00Z"
        let valid = AlertmanagerAlert(AlertFixtures.firing(), now: AlertFixtures.now)
        let client = AlertmanagerClient(
            url: AlertmanagerConfiguration(baseURL: alertmanager.baseURL).alertsURL, timeout: .seconds(5))
        let outcome = client.post([invalid, valid])
        guard case .refused(let reason) = outcome else {
            Issue.record("expected a refusal, got \(outcome)")
            return
        }
        #expect(reason.contains("start time must be before end time"))
        #expect(try listed(alertmanager, ["park_id": "jinshan"]) != nil)
        #expect(try listed(alertmanager, ["park_id": "qixian"]) == nil)
    }
}
