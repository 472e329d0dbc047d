import ParkMetrics

/// One line of the replay aggregates table: a park × metric × calendar window × month.
public struct AggregateRow: Hashable, Sendable {
    /// The park (CSV `park_id`).
    public var parkID: ParkID
    /// The metric, derived ratios included (CSV `metric`).
    public var metric: Metric
    /// `.month`, `.ytd` or `.yoy`.
    public var window: Window
    /// The calendar month the window ends with.
    public var month: YearMonth
    /// The first instant of the next month in the park's zone (the CSV's `window_end`).
    public var windowEnd: Timestamp
    /// The value and count (CSV `value`, `count`).
    public var aggregate: Aggregate

    /// A row as given; `AggregateTable` sorts rows.
    public init(
        parkID: ParkID, metric: Metric, window: Window, month: YearMonth, windowEnd: Timestamp, aggregate: Aggregate
    ) {
        self.parkID = parkID
        self.metric = metric
        self.window = window
        self.month = month
        self.windowEnd = windowEnd
        self.aggregate = aggregate
    }

    /// The table's order: park id, metric (catalog order), month, then `month`, `ytd`, `yoy`.
    static func precedes(_ lhs: AggregateRow, _ rhs: AggregateRow) -> Bool {
        if lhs.parkID != rhs.parkID { return lhs.parkID < rhs.parkID }
        if lhs.metric != rhs.metric { return lhs.metric.rawValue < rhs.metric.rawValue }
        if lhs.month != rhs.month { return lhs.month < rhs.month }
        return lhs.window.tableRank < rhs.window.tableRank
    }
}

extension Window {
    fileprivate var tableRank: Int {
        switch self {
        case .month: 0
        case .ytd: 1
        case .yoy: 2
        default: 3
        }
    }
}
