import ParkMetrics

extension OpsState {
    /// The Prometheus text exposition of the registry, checkpoint ages and the Alertmanager sink's
    /// figures first set as of `now`.
    public func prometheusText(now: ContinuousClock.Instant = .now) -> String {
        let ages = storage.withLock { storage in
            storage.alertmanager?.update()
            return storage.lastCheckpoint.map { partition, instant in
                (storage.ageGauge(partition, metrics), now - instant)
            }
        }
        for (gauge, age) in ages { gauge.set(age.inSeconds) }
        return registry.emitToString()
    }
}
