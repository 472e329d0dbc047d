import ParkMetrics
import StreamEngine

/// The parks and metrics whose aggregates changed since a partition's last checkpoint: a bit per
/// metric for each of the engine's park indexes. Every accepted event marks its metric and the
/// derived ratios over it; with a set of park × metric that cost four hash insertions per event.
struct TouchedAggregates: Sendable {
    /// Per park index: bit `Metric.rawValue` set when that metric changed.
    private var masks: [UInt64] = []

    /// The metric's bit and those of the derived ratios it feeds, by `Metric.rawValue` (held by each
    /// value: a static is reached through a lazy-initialization check per event).
    private let affected: [UInt64] = Metric.allCases.map { metric in
        precondition(Metric.allCases.count <= 64, "a metric per bit of a UInt64")
        return PartitionEngine.affectedRatios(of: metric).reduce(UInt64(1) << metric.rawValue) { $0 | 1 << $1.rawValue }
    }

    /// Marks an accepted event's metric, and the ratios over it, for the park at `parkIndex`.
    @inline(__always)
    mutating func touch(parkIndex: Int, metric: Metric) {
        while masks.count <= parkIndex { masks.append(0) }
        masks[parkIndex] |= affected[Int(metric.rawValue)]
    }

    /// What changed, ordered by park and metric; `parks` are the engine's parks by index.
    func items(parks: [ParkID]) -> [ParkMetric] {
        var items: [ParkMetric] = []
        for (index, mask) in masks.enumerated() where mask != 0 && index < parks.count {
            for metric in Metric.allCases where mask & 1 << metric.rawValue != 0 {
                items.append(ParkMetric(park: parks[index], metric: metric))
            }
        }
        return items.sorted { ($0.park, $0.metric.rawValue) < ($1.park, $1.metric.rawValue) }
    }

    mutating func removeAll() {
        for index in masks.indices { masks[index] = 0 }
    }
}
