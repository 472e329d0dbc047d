import ParkStreamOps
import ParkStreamRuntime

/// Feeds a worker's progress to the ops port's state.
final class OpsBridge: WorkerObserver {
    let state: OpsState

    init(state: OpsState) {
        self.state = state
    }

    func workerAssigned(_ partitions: [Int32]) {
        state.setReady(true)
    }

    /// Partitions revoked or lost: not ready until the group's next assignment is restored.
    func workerReleased(_ partitions: [Int32]) {
        state.setReady(false)
        for partition in partitions { state.removePartition(Int(partition)) }
    }

    func workerProcessed(_ report: WorkerBatchReport) {
        if !report.isIdleUpdate { record(report) }
        for (partition, engine) in report.engines { state.publish(engine: engine, partition: Int(partition)) }
        for (partition, alerts) in report.firing { state.setFiring(alerts, partition: Int(partition)) }
    }

    private func record(_ report: WorkerBatchReport) {
        var batch = OpsBatchReport(
            events: report.events, duration: report.duration, rejected: report.rejected,
            duplicates: report.duplicates, firing: report.fired, resolved: report.resolved,
            lag: Dictionary(uniqueKeysWithValues: report.lag.map { (Int($0.key), $0.value) }))
        batch.droppedOutputs = report.droppedOutputs
        batch.batches = report.batches
        state.record(batch)
    }

    func workerCheckpointed(_ partitions: [Int32]) {
        for partition in partitions { state.recordCheckpoint(partition: Int(partition)) }
    }

    /// Exposes the Alertmanager sink's figures on the ops port (`parkstream_alertmanager_*`).
    static func watch(_ sink: AlertmanagerSink, on state: OpsState) {
        state.watchAlertmanager {
            let figures = sink.statistics
            return OpsAlertmanagerReport(
                accepted: figures.accepted, refused: figures.refused, failedPosts: figures.failedAttempts,
                dropped: figures.dropped, pending: figures.pending, firing: figures.firing)
        }
    }
}
