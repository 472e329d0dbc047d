import ParkMetrics

/// Everything the engine knows about one park.
struct ParkState: Hashable, Sendable {
    let id: ParkID
    /// The park's latest accepted telemetry `observed_at` (µs); `Int64.min` before the first.
    var clock: Int64 = .min
    var dedup = DedupWindow()
    /// Indexed by `Metric.rawValue`; only telemetry metrics' entries are used.
    var telemetry: [TelemetrySeries]
    /// Indexed by `Metric.rawValue`; only monthly metrics' entries are used.
    var monthly: [MonthlySeries]

    init(id: ParkID) {
        self.id = id
        telemetry = Array(repeating: TelemetrySeries(), count: Metric.allCases.count)
        monthly = Array(repeating: MonthlySeries(), count: Metric.allCases.count)
    }

    /// The tally of a publishable metric over the months `low...high`.
    func total(_ metric: Metric, fromMonth low: Int32, through high: Int32) -> Tally {
        let index = Int(metric.rawValue)
        return metric.kind.isTelemetry
            ? telemetry[index].total(fromMonth: low, through: high)
            : monthly[index].total(fromMonth: low, through: high)
    }

    /// The months in which a publishable metric has data, oldest first.
    func monthsWithData(_ metric: Metric) -> [Int32] {
        let index = Int(metric.rawValue)
        return metric.kind.isTelemetry ? telemetry[index].months.map(\.month) : monthly[index].periods.map(\.month)
    }
}
