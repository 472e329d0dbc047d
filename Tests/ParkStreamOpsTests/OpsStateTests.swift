import ParkMetrics
import ParkStreamOps
import StreamEngine
import Synchronization
import Testing

@Suite("ops state", .timeLimit(.minutes(1)))
struct OpsStateTests {
    @Test("a worker thread recording while readers snapshot and query loses no count")
    func concurrentWritesAndReads() async throws {
        let state = OpsState()
        let engine = OpsFixtures.engine()
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                try await OpsHTTP.onThread {
                    for batch in 0..<2_000 {
                        state.record(
                            OpsBatchReport(
                                events: 3, duration: .microseconds(500), rejected: ["late": 1], lag: [batch % 4: 9]))
                        state.publish(engine: engine, partition: batch % 4)
                    }
                }
            }
            for _ in 0..<2 {
                tasks.addTask {
                    for _ in 0..<200 {
                        _ = state.snapshot()
                        _ = state.aggregates(park: OpsFixtures.jinshan, metric: .wastewaterCompliance)
                        _ = state.prometheusText()
                    }
                }
            }
            try await tasks.waitForAll()
        }
        let snapshot = state.snapshot()
        #expect(snapshot.events == 6_000)
        #expect(snapshot.late == 2_000)
        #expect(snapshot.batches == 2_000)
        #expect(snapshot.lag == [0: 9, 1: 9, 2: 9, 3: 9])
        #expect(state.parks == [OpsFixtures.jinshan, OpsFixtures.jinshan, OpsFixtures.jinshan, OpsFixtures.jinshan])
    }

    @Test("a report of batches written together counts each of them")
    func reportOfSeveralBatches() {
        let state = OpsState()
        var report = OpsBatchReport(events: 120, duration: .milliseconds(4))
        report.batches = 3
        state.record(report)
        state.record(OpsBatchReport(events: 40, duration: .milliseconds(2)))
        let snapshot = state.snapshot()
        #expect(snapshot.batches == 4)
        #expect(snapshot.events == 160)
    }

    @Test("a revoked partition's engine, alerts and lag are forgotten")
    func removePartition() {
        let state = OpsState()
        state.publish(engine: OpsFixtures.engine(), partition: 2)
        state.setFiring([OpsFixtures.firing()], partition: 2)
        state.record(OpsBatchReport(events: 1, duration: .milliseconds(1), lag: [2: 5]))
        state.recordCheckpoint(partition: 2)
        #expect(state.aggregates(park: OpsFixtures.jinshan, metric: .wastewaterCompliance)?.isEmpty == false)
        state.removePartition(2)
        let snapshot = state.snapshot()
        #expect(state.aggregates(park: OpsFixtures.jinshan, metric: .wastewaterCompliance) == nil)
        #expect(snapshot.firing.isEmpty && snapshot.lag.isEmpty && snapshot.checkpointAge.isEmpty)
        #expect(!state.prometheusText().contains("partition=\"2\""))
    }

    @Test("the Alertmanager sink's figures appear once watched, read at each scrape")
    func alertmanagerSeries() {
        let state = OpsState()
        #expect(!state.prometheusText().contains("parkstream_alertmanager_"), "no sink, no series")
        let figures = Mutex(
            OpsAlertmanagerReport(accepted: 3, refused: 0, failedPosts: 2, dropped: 0, pending: 4, firing: 1))
        state.watchAlertmanager { figures.withLock { $0 } }
        func lines() -> Set<String> { Set(state.prometheusText().split(separator: "\n").map(String.init)) }
        let first = lines()
        for line in [
            "parkstream_alertmanager_accepted_total 3", "parkstream_alertmanager_failed_posts_total 2",
            "parkstream_alertmanager_refused_total 0", "parkstream_alertmanager_dropped_total 0",
            "parkstream_alertmanager_pending 4.0", "parkstream_alertmanager_firing 1.0",
        ] {
            #expect(first.contains(line), "missing \(line)")
        }
        figures.withLock {
            $0 = OpsAlertmanagerReport(accepted: 9, refused: 1, failedPosts: 2, dropped: 0, pending: 0, firing: 2)
        }
        let second = lines()
        for line in [
            "parkstream_alertmanager_accepted_total 9", "parkstream_alertmanager_refused_total 1",
            "parkstream_alertmanager_failed_posts_total 2", "parkstream_alertmanager_pending 0.0",
            "parkstream_alertmanager_firing 2.0",
        ] {
            #expect(second.contains(line), "missing \(line)")
        }
    }
}
