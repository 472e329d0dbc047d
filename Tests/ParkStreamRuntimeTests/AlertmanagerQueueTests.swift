import ParkMetrics
import ParkRules
import Testing

@testable import ParkStreamRuntime

@Suite("Alertmanager queue")
struct AlertmanagerQueueTests {
    let start = ContinuousClock.now
    let firing = AlertFixtures.firing()

    func queue(capacity: Int = 100) -> AlertmanagerQueue {
        AlertmanagerQueue(
            capacity: capacity, resendInterval: .seconds(60), initialBackoff: .milliseconds(500),
            maxBackoff: .seconds(30))
    }

    func alert(_ event: AlertEvent) -> AlertmanagerAlert {
        AlertmanagerAlert(event, now: AlertFixtures.now)
    }

    @Test func firingAlertIsSentThenSentAgainEveryResendIntervalUntilResolved() throws {
        var queue = queue()
        _ = queue.add(id: "a", alert: alert(firing))
        let first = try #require(queue.due(now: start, limit: 10))
        queue.accepted(first, at: start)
        #expect(queue.unsentCount == 0)
        #expect(queue.due(now: start + .seconds(59), limit: 10)?.alerts == nil)
        #expect(queue.nextWake(now: start) == start + .seconds(60))
        let resend = try #require(queue.due(now: start + .seconds(60), limit: 10))
        #expect(resend.alerts == [alert(firing)])

        _ = queue.add(id: "a", alert: alert(AlertFixtures.resolved(firing)))
        #expect(queue.firingCount == 0)
        let resolve = try #require(queue.due(now: start + .seconds(61), limit: 10))
        #expect(resolve.alerts.map(\.isResolved) == [true])
        queue.accepted(resolve, at: start + .seconds(61))
        #expect(queue.entries.isEmpty)
        #expect(queue.nextWake(now: start + .seconds(200)) == nil)
    }

    @Test func batchesKeepDeliveryOrderSoAResolvePrecedesTheNextAlert() throws {
        var queue = queue()
        let later = AlertFixtures.firing(startedAt: "2017-06-10T10:00:00+08:00", eventTime: "2017-06-10T10:00:00+08:00")
        _ = queue.add(id: "z-first", alert: alert(firing))
        _ = queue.add(id: "a-second", alert: alert(AlertFixtures.resolved(firing)))
        _ = queue.add(id: "m-third", alert: alert(later))
        let batch = try #require(queue.due(now: start, limit: 10))
        #expect(batch.ids.map(\.id) == ["z-first", "a-second", "m-third"])
        let limited = try #require(queue.due(now: start, limit: 2))
        #expect(limited.ids.map(\.id) == ["z-first", "a-second"])
    }

    @Test func anAlertReplacedWhileInFlightStaysUnsent() throws {
        var queue = queue()
        _ = queue.add(id: "a", alert: alert(firing))
        let inFlight = try #require(queue.due(now: start, limit: 10))
        _ = queue.add(id: "a", alert: alert(AlertFixtures.resolved(firing)))
        queue.accepted(inFlight, at: start)
        #expect(queue.unsentCount == 1)
        let next = try #require(queue.due(now: start, limit: 10))
        #expect(next.alerts.map(\.isResolved) == [true])
    }

    @Test func failuresBackOffExponentiallyUpToTheCapAndKeepEverything() throws {
        var queue = queue()
        _ = queue.add(id: "a", alert: alert(firing))
        let waits = (0..<9).map { _ in queue.failed(at: start) }
        #expect(
            waits == [
                .milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(30),
                .seconds(30), .seconds(30),
            ])
        #expect(queue.due(now: start + .seconds(29), limit: 10)?.alerts == nil)
        #expect(queue.nextWake(now: start) == start + .seconds(30))
        let retry = try #require(queue.due(now: start + .seconds(30), limit: 10))
        queue.accepted(retry, at: start + .seconds(30))
        #expect(queue.consecutiveFailures == 0)
        #expect(queue.failed(at: start) == .milliseconds(500))
    }

    @Test func pastCapacityTheOldestResolveGoesFirstThenTheOldestFiringAlert() {
        var queue = queue(capacity: 3)
        #expect(queue.add(id: "f1", alert: alert(firing)) == 0)
        #expect(queue.add(id: "r1", alert: alert(AlertFixtures.resolved(firing))) == 0)
        #expect(queue.add(id: "f2", alert: alert(firing)) == 0)
        #expect(queue.add(id: "f3", alert: alert(firing)) == 1)
        #expect(Set(queue.entries.keys) == ["f1", "f2", "f3"])
        #expect(queue.add(id: "f4", alert: alert(firing)) == 1)
        #expect(Set(queue.entries.keys) == ["f2", "f3", "f4"])
        #expect(queue.add(id: "f4", alert: alert(AlertFixtures.resolved(firing))) == 0, "a resolve replaces its alert")
    }

    @Test func anAdoptedAlertIsSentAtOnceUnlessTheQueueHoldsItsLatestTransition() throws {
        var queue = queue()
        let other = AlertFixtures.firing(park: "baoshan", severity: .warning)
        _ = queue.add(id: "a", alert: alert(AlertFixtures.resolved(firing)), partition: 1)
        #expect(queue.adopt(id: "a", alert: alert(firing), partition: 1) == 0)
        #expect(queue.entries["a"]?.alert.isResolved == true, "the resolve delivered here is newer than the handover")
        _ = queue.adopt(id: "b", alert: alert(other), partition: 2)
        let batch = try #require(queue.due(now: start, limit: 10))
        #expect(batch.ids.map(\.id) == ["a", "b"])
        queue.accepted(batch, at: start)
        #expect(queue.firingCount == 1)
        #expect(queue.due(now: start + .seconds(60), limit: 10)?.ids.map(\.id) == ["b"], "and re-sent from then on")
    }

    @Test func releasingPartitionsForgetsTheirFiringAlertsButSendsTheirResolves() throws {
        var queue = queue()
        let other = AlertFixtures.firing(park: "baoshan", severity: .warning)
        _ = queue.add(id: "sent", alert: alert(firing), partition: 1)
        queue.accepted(try #require(queue.due(now: start, limit: 10)), at: start)
        _ = queue.add(id: "unsent", alert: alert(other), partition: 1)
        _ = queue.add(id: "resolve", alert: alert(AlertFixtures.resolved(firing)), partition: 1)
        _ = queue.add(id: "kept", alert: alert(other), partition: 2)
        _ = queue.add(id: "file", alert: alert(other))
        #expect(queue.release(partitions: [1, 3]) == 2)
        #expect(Set(queue.entries.keys) == ["resolve", "kept", "file"])
        #expect(queue.due(now: start, limit: 10)?.ids.map(\.id) == ["resolve", "kept", "file"])
    }
}
