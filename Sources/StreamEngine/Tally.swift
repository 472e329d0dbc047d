import ParkMetrics

/// The running totals behind every aggregate kind, so one type serves rates, sums and gauges.
///
/// Sums accumulate in the order events are accepted, which is the same live, replayed and after a
/// checkpoint restore, so results are bit-for-bit deterministic.
struct Tally: Hashable, Sendable {
    /// Σ value·weight (sums and amounts use weight 1).
    var sum: Double = 0
    /// Σ weight.
    var weight: Double = 0
    /// Events (or periods) counted.
    var count: Int64 = 0
    /// Ordering key of `lastValue`: `observed_at` in µs for telemetry, the month ordinal for periods.
    var lastAt: Int64 = .min
    /// The value with the greatest `lastAt` (ties: the later one added).
    var lastValue: Double = 0

    @inline(__always)
    mutating func add(value: Double, weight: Double, at instant: Int64) {
        sum += value * weight
        self.weight += weight
        count += 1
        if instant >= lastAt {
            lastAt = instant
            lastValue = value
        }
    }

    /// Adds a tally of later (or equal) time: call in chronological order.
    @inline(__always)
    mutating func merge(_ other: Tally) {
        guard other.count > 0 else { return }
        sum += other.sum
        weight += other.weight
        count += other.count
        if other.lastAt >= lastAt {
            lastAt = other.lastAt
            lastValue = other.lastValue
        }
    }

    /// The aggregate of a metric of `kind`, or nil when nothing counted.
    func aggregate(_ kind: MetricKind) -> Aggregate? {
        guard count > 0 else { return nil }
        switch kind {
        case .telemetryRate:
            return weight > 0 ? Aggregate(value: sum / weight, count: count) : nil
        case .telemetrySum, .monthlyAmount:
            return Aggregate(value: sum, count: count)
        case .telemetryGauge, .monthlyGauge:
            return Aggregate(value: lastValue, count: count)
        case .derivedRatio:
            return nil
        }
    }
}
