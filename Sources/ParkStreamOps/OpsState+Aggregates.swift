import ParkMetrics
import StreamEngine

extension OpsState {
    /// Every window of `park` × `metric` that has a value, from the published engine copy holding
    /// the park; nil when no published partition has seen the park.
    ///
    /// Windows in order: the engine's sliding windows (shortest first), `day`, `month`, `ytd`,
    /// `yoy`, `latest`; a window undefined for the metric's kind or without data is left out.
    public func aggregates(park: ParkID, metric: Metric) -> [WindowAggregate]? {
        // A park is one Kafka key, so exactly one partition holds it; copy that engine out (O(1)).
        let engine = storage.withLock { storage in
            storage.engines.values.first { $0.parks.contains(park) }
        }
        guard let engine else { return nil }
        let sliding = engine.configuration.slidingWindows.sorted().map { Window.sliding($0) }
        return (sliding + [.day, .month, .ytd, .yoy, .latest]).compactMap { window in
            engine.aggregate(park: park, metric: metric, window: window).map {
                WindowAggregate(window: window, aggregate: $0)
            }
        }
    }

    /// The parks of every published engine, sorted.
    public var parks: [ParkID] {
        storage.withLock { storage in storage.engines.values.flatMap(\.parks) }.sorted()
    }
}
