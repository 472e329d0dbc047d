import ParkRules
import Prometheus
import StreamEngine
import Synchronization

/// What the worker tells the ops port, behind one `Mutex`.
///
/// The worker thread writes after each batch (``record(_:)``, ``publish(engine:partition:)``,
/// ``setFiring(_:partition:)``, ``recordCheckpoint(partition:at:)``); HTTP handlers read copies
/// (``snapshot(now:)``, ``aggregates(park:metric:)``, ``prometheusText(now:)``). Nobody holds the lock
/// while computing: readers copy values out and work on the copies.
///
/// Aggregate queries read `PartitionEngine` copies the worker publishes: an engine is a value whose
/// storage is copy-on-write arrays, so publishing is O(partitions) reference retains, and the HTTP
/// side queries its copy without touching the worker's engine. The cost lands on the worker: its
/// first mutation of each array after a publish copies that array once. Publishing once per batch
/// (or once a second under heavy load) keeps that to one copy of the touched arrays per interval.
public final class OpsState: Sendable {
    /// The registry `/metrics` serves. Other components may register their own series here.
    public let registry: PrometheusCollectorRegistry
    let metrics: OpsMetrics
    let storage = Mutex(Storage())

    struct Storage: Sendable {
        var snapshot = OpsSnapshot()
        var lastCheckpoint: [Int: ContinuousClock.Instant] = [:]
        var firing: [Int: [AlertEvent]] = [:]
        var engines: [Int: PartitionEngine] = [:]
        var rejectedCounters: [String: Counter] = [:]
        var lagGauges: [Int: Gauge] = [:]
        var ageGauges: [Int: Gauge] = [:]
        var alertmanager: OpsAlertmanagerMetrics?
    }

    /// A store whose series go to `registry` (a fresh one by default).
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        self.metrics = OpsMetrics(registry: registry)
    }

    // MARK: - Worker side

    /// Marks the worker ready (every assigned partition restored) or not (rebalancing, shutting down).
    public func setReady(_ ready: Bool) {
        storage.withLock { $0.snapshot.ready = ready }
    }

    /// Adds the counts of the batches reported, the latest one's duration and the latest lag per
    /// partition.
    public func record(_ report: OpsBatchReport) {
        metrics.events.increment(by: Int64(report.events))
        metrics.duplicates.increment(by: Int64(report.duplicates))
        metrics.droppedOutputs.increment(by: Int64(report.droppedOutputs))
        metrics.firingTransitions.increment(by: Int64(report.firing))
        metrics.resolvedTransitions.increment(by: Int64(report.resolved))
        metrics.batchDuration.record(report.duration)
        storage.withLock { storage in
            storage.snapshot.batches += Int64(report.batches)
            storage.snapshot.events += Int64(report.events)
            storage.snapshot.duplicates += Int64(report.duplicates)
            storage.snapshot.transitions[.firing, default: 0] += Int64(report.firing)
            storage.snapshot.transitions[.resolved, default: 0] += Int64(report.resolved)
            for (reason, count) in report.rejected where count > 0 {
                storage.snapshot.rejected[reason, default: 0] += Int64(count)
                storage.rejectedCounter(reason, metrics).increment(by: Int64(count))
            }
            for (partition, lag) in report.lag {
                storage.snapshot.lag[partition] = lag
                storage.lagGauge(partition, metrics).set(lag)
            }
        }
    }

    /// Notes a checkpoint of `partition` written at `instant`.
    public func recordCheckpoint(partition: Int, at instant: ContinuousClock.Instant = .now) {
        metrics.checkpoints.increment()
        storage.withLock { storage in
            storage.snapshot.checkpoints += 1
            storage.lastCheckpoint[partition] = instant
        }
    }

    /// Publishes the current engine of `partition` for aggregate queries (see the type's notes on cost).
    public func publish(engine: PartitionEngine, partition: Int) {
        storage.withLock { $0.engines[partition] = engine }
    }

    /// Replaces the alerts firing on `partition`.
    public func setFiring(_ alerts: [AlertEvent], partition: Int) {
        let total = storage.withLock { storage in
            storage.firing[partition] = alerts.isEmpty ? nil : alerts
            return storage.firing.values.reduce(0) { $0 + $1.count }
        }
        metrics.alertsFiring.set(Int64(total))
    }

    /// Exposes the worker's Alertmanager sink as `parkstream_alertmanager_*`, read by `read` at
    /// each scrape; once (later calls are ignored).
    public func watchAlertmanager(_ read: @escaping @Sendable () -> OpsAlertmanagerReport) {
        storage.withLock { storage in
            guard storage.alertmanager == nil else { return }
            storage.alertmanager = OpsAlertmanagerMetrics(registry: registry, read: read)
        }
    }

    /// Forgets a revoked partition: its engine, alerts, lag and checkpoint age.
    public func removePartition(_ partition: Int) {
        let (lag, age, total) = storage.withLock { storage in
            storage.engines[partition] = nil
            storage.firing[partition] = nil
            storage.lastCheckpoint[partition] = nil
            storage.snapshot.lag[partition] = nil
            let total = storage.firing.values.reduce(0) { $0 + $1.count }
            return (
                storage.lagGauges.removeValue(forKey: partition), storage.ageGauges.removeValue(forKey: partition),
                total
            )
        }
        if let lag { registry.unregisterGauge(lag) }
        if let age { registry.unregisterGauge(age) }
        metrics.alertsFiring.set(Int64(total))
    }

    // MARK: - HTTP side

    /// Whether the worker said it is ready.
    public var isReady: Bool { storage.withLock { $0.snapshot.ready } }

    /// A copy of everything, checkpoint ages measured at `now`.
    public func snapshot(now: ContinuousClock.Instant = .now) -> OpsSnapshot {
        let (base, checkpoints, firing) = storage.withLock { ($0.snapshot, $0.lastCheckpoint, $0.firing) }
        var snapshot = base
        snapshot.checkpointAge = checkpoints.mapValues { now - $0 }
        snapshot.firing = firing.values.joined().sorted { lhs, rhs in
            (lhs.transition.eventTime, lhs.transition.alertID) < (rhs.transition.eventTime, rhs.transition.alertID)
        }
        return snapshot
    }
}

extension OpsState.Storage {
    mutating func rejectedCounter(_ reason: String, _ metrics: OpsMetrics) -> Counter {
        if let counter = rejectedCounters[reason] { return counter }
        let counter = metrics.rejected(reason: reason)
        rejectedCounters[reason] = counter
        return counter
    }

    mutating func lagGauge(_ partition: Int, _ metrics: OpsMetrics) -> Gauge {
        if let gauge = lagGauges[partition] { return gauge }
        let gauge = metrics.lag(partition: partition)
        lagGauges[partition] = gauge
        return gauge
    }

    mutating func ageGauge(_ partition: Int, _ metrics: OpsMetrics) -> Gauge {
        if let gauge = ageGauges[partition] { return gauge }
        let gauge = metrics.checkpointAge(partition: partition)
        ageGauges[partition] = gauge
        return gauge
    }
}
