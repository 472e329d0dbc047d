import ParkMetrics

extension PartitionEngine {
    /// The final per-month table of everything ingested (`parkstream replay --aggregates`).
    ///
    /// For each park, metric (derived ratios included) and calendar month with data (derived: both
    /// sides have data that month and the denominator is not 0): a `month` and a `ytd` row, and a
    /// `yoy` row where yoy is defined (see `calendarAggregate(park:metric:window:month:)`). Values
    /// are as of the end of the input, revisions applied. Memory and time are O(rows).
    public func aggregateTable() -> AggregateTable {
        var rows: [AggregateRow] = []
        for park in ids.indices {
            for metric in Metric.allCases {
                let months =
                    metric.kind == .derivedRatio ? derivedMonths(park, metric) : monthsWithData(park, metric)
                for month in months {
                    let yearMonth = YearMonth(ordinal: Int(month))
                    let end = configuration.zone.startOfMonth(ordinal: Int(month) + 1)
                    for window in [Window.month, .ytd, .yoy] {
                        guard let aggregate = calendarAggregate(park, metric, window, month: month) else { continue }
                        rows.append(
                            AggregateRow(
                                parkID: ids[park], metric: metric, window: window, month: yearMonth, windowEnd: end,
                                aggregate: aggregate))
                    }
                }
            }
        }
        return AggregateTable(rows: rows, zone: configuration.zone)
    }
}
