import ParkMetrics

/// The aggregates the threshold rules judged during a replay, one point per park-local day: for
/// the replay report's charts (`parkstream replay --report`). A year of eight parks stays small
/// whatever the event rate. Pure and deterministic.
public struct RuleSeries: Sendable {
    /// One aggregate of one park, as rules read it: the metric over the rule's window (`24h`,
    /// `latest`, `yoy`, …).
    public struct Key: Hashable, Comparable, Sendable {
        public var parkID: ParkID
        public var metric: Metric
        public var window: String

        public init(parkID: ParkID, metric: Metric, window: String) {
            self.parkID = parkID
            self.metric = metric
            self.window = window
        }

        public static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.parkID.rawValue, lhs.metric.rawValue, lhs.window) < (
                rhs.parkID.rawValue, rhs.metric.rawValue, rhs.window
            )
        }
    }

    /// What one day's evaluations saw.
    public struct Point: Hashable, Sendable {
        /// The park-local day (days since 1970-01-01 in the zone).
        public var day: Int64
        /// The latest evaluation of the day.
        public var time: Timestamp
        /// The value at `time`.
        public var last: Double
        /// The lowest and highest value judged that day.
        public var low: Double
        public var high: Double
    }

    /// The zone whose days the points are.
    public let zone: ParkZone
    /// Each aggregate's points, in day order.
    public private(set) var points: [Key: [Point]] = [:]

    /// An empty series in `zone`.
    public init(zone: ParkZone) {
        self.zone = zone
    }

    /// Notes that a rule judged `value` for `key` at event time `time`.
    public mutating func record(_ key: Key, value: Double, at time: Timestamp) {
        guard value.isFinite else { return }
        let day = zone.localDay(of: time)
        let fresh = Point(day: day, time: time, last: value, low: value, high: value)
        var list = points.removeValue(forKey: key) ?? []
        // Almost always the last day or a new one; an event a little late may reach back a day.
        if let index = list.lastIndex(where: { $0.day <= day }) {
            if list[index].day == day {
                list[index].low = min(list[index].low, value)
                list[index].high = max(list[index].high, value)
                if time >= list[index].time {
                    list[index].time = time
                    list[index].last = value
                }
            } else {
                list.insert(fresh, at: index + 1)
            }
        } else {
            list.insert(fresh, at: 0)
        }
        points[key] = list
    }

    /// The points of both (parks of different partitions, so no key is in both).
    public func merged(with other: RuleSeries) -> RuleSeries {
        var merged = self
        merged.points.merge(other.points) { mine, _ in mine }
        return merged
    }

    /// The keys in park, metric (catalog order), window order.
    public var keys: [Key] { points.keys.sorted() }

    /// The latest evaluation of all.
    public var lastTime: Timestamp? { points.values.compactMap { $0.last?.time }.max() }

    /// The earliest evaluation of all.
    public var firstTime: Timestamp? {
        points.values.compactMap { $0.map(\.time).min() }.min()
    }
}
