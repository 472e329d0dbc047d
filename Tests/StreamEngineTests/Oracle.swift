import ParkMetrics
import StreamEngine

/// The naive model the engine must agree with: it keeps every event and recomputes every answer
/// from the full list of accepted events, with Foundation's calendar for Asia/Shanghai.
struct Oracle {
    let lateness: Int64
    let bucketsPerWindow: Int64
    private(set) var accepted: [(event: MetricEvent, arrival: Int)] = []
    private var arrivals = 0

    init(lateness: Duration = .minutes(10), bucketsPerWindow: Int = 60) {
        self.lateness = lateness.microsecondsRoundedDown
        self.bucketsPerWindow = Int64(bucketsPerWindow)
    }

    // MARK: - Outcomes

    mutating func ingest(_ event: MetricEvent) -> IngestOutcome {
        arrivals += 1
        if event.metric.kind.isTelemetry {
            if let clock = clock(event.parkID), event.observedAt.microseconds < clock - lateness { return .late }
            let seen = accepted.contains {
                $0.event.parkID == event.parkID && $0.event.eventID == event.eventID && $0.event.metric.kind.isTelemetry
            }
            if seen { return .duplicate }
        }
        accepted.append((event, arrivals))
        return .accepted
    }

    func clock(_ park: ParkID) -> Int64? {
        accepted.filter { $0.event.parkID == park && $0.event.metric.kind.isTelemetry }
            .map(\.event.observedAt.microseconds).max()
    }

    // MARK: - Values

    /// Telemetry events of a park and metric that pass `include`.
    private func events(_ park: ParkID, _ metric: Metric, _ include: (Timestamp) -> Bool) -> [MetricEvent] {
        accepted.map(\.event).filter { $0.parkID == park && $0.metric == metric && include($0.observedAt) }
    }

    /// Aggregates telemetry by definition (Σv·w/Σw, Σv, latest by time then arrival).
    private func telemetryValue(_ metric: Metric, _ list: [MetricEvent]) -> Aggregate? {
        guard !list.isEmpty else { return nil }
        let count = Int64(list.count)
        switch metric.kind {
        case .telemetryRate:
            let top = list.reduce(0.0) { $0 + $1.value * $1.weight }
            return Aggregate(value: top / list.reduce(0.0) { $0 + $1.weight }, count: count)
        case .telemetrySum:
            return Aggregate(value: list.reduce(0.0) { $0 + $1.value }, count: count)
        default:
            // `list` is in arrival order: the last of the latest instant wins.
            let latest = list.map(\.observedAt).max()!
            return Aggregate(value: list.last { $0.observedAt == latest }!.value, count: count)
        }
    }

    /// The counting revision per period of a monthly metric: latest observed_at, ties the later arrival.
    func periods(_ park: ParkID, _ metric: Metric) -> [Int: Double] {
        var best: [Int: (at: Timestamp, value: Double)] = [:]
        for (event, _) in accepted where event.parkID == park && event.metric == metric {
            let month = event.period!.ordinal
            if let current = best[month], current.at > event.observedAt { continue }
            best[month] = (event.observedAt, event.value)
        }
        return best.mapValues(\.value)
    }

    /// A publishable metric over the months `low...high`.
    func months(_ park: ParkID, _ metric: Metric, _ low: Int, _ high: Int) -> Aggregate? {
        if metric.kind.isTelemetry {
            return telemetryValue(metric, events(park, metric) { (low...high).contains(Shanghai.month($0)) })
        }
        let inside = periods(park, metric).filter { (low...high).contains($0.key) }
        guard !inside.isEmpty else { return nil }
        let count = Int64(inside.count)
        if metric.kind == .monthlyAmount {
            return Aggregate(value: inside.keys.sorted().reduce(0.0) { $0 + inside[$1]! }, count: count)
        }
        return Aggregate(value: inside[inside.keys.max()!]!, count: count)
    }

    /// Any metric over the months `low...high` (derived: Σ numerator / Σ denominator).
    func calendar(_ park: ParkID, _ metric: Metric, _ low: Int, _ high: Int) -> Aggregate? {
        guard metric.kind == .derivedRatio else { return months(park, metric, low, high) }
        guard let top = months(park, metric.numerator!, low, high),
            let bottom = months(park, metric.denominator!, low, high), bottom.value != 0
        else { return nil }
        return Aggregate(value: top.value / bottom.value, count: top.count + bottom.count)
    }

    func window(_ park: ParkID, _ metric: Metric, _ window: Window, month: Int) -> Aggregate? {
        let january = month - month % 12
        switch window {
        case .month: return calendar(park, metric, month, month)
        case .ytd: return calendar(park, metric, january, month)
        case .yoy:
            guard [.telemetrySum, .monthlyAmount, .derivedRatio].contains(metric.kind),
                let now = calendar(park, metric, january, month),
                let before = calendar(park, metric, january - 12, month - 12), before.value != 0
            else { return nil }
            return Aggregate(value: (now.value - before.value) / before.value, count: now.count)
        default: return nil
        }
    }

    /// Months with a row in the replay table.
    func tableMonths(_ park: ParkID, _ metric: Metric) -> [Int] {
        if metric.kind == .derivedRatio {
            return Set(tableMonths(park, metric.numerator!)).intersection(tableMonths(park, metric.denominator!))
                .filter { calendar(park, metric, $0, $0) != nil }.sorted()
        }
        if metric.kind.isTelemetry {
            return Set(events(park, metric) { _ in true }.map { Shanghai.month($0.observedAt) }).sorted()
        }
        return periods(park, metric).keys.sorted()
    }

    // MARK: - Live

    /// The live value as `PartitionEngine.aggregate` documents it. `slidingSpan` receives the span
    /// of event time a sliding window answers for, for bound checks.
    func live(
        _ park: ParkID, _ metric: Metric, _ window: Window, slidingSpan: ((Int64, Int64) -> Void)? = nil
    ) -> Aggregate? {
        let kind = metric.kind
        switch window {
        case .sliding(let duration):
            guard kind.isTelemetry, let now = clock(park) else { return nil }
            let width = max(1, duration.microsecondsRoundedDown / bucketsPerWindow)
            let start = now.floorDivided(by: width) * width - (bucketsPerWindow - 1) * width
            slidingSpan?(start, now)
            return telemetryValue(metric, events(park, metric) { (start...now).contains($0.microseconds) })
        case .day:
            guard kind.isTelemetry, let now = clock(park) else { return nil }
            let today = Shanghai.day(Timestamp(microseconds: now))
            return telemetryValue(metric, events(park, metric) { Shanghai.day($0) == today })
        case .latest:
            if kind == .telemetryGauge { return telemetryValue(metric, events(park, metric) { _ in true }) }
            guard kind == .monthlyGauge, let last = periods(park, metric).max(by: { $0.key < $1.key }) else {
                return nil
            }
            return Aggregate(value: last.value, count: 1)
        case .month, .ytd, .yoy:
            let anchor: Int?
            switch kind {
            case .telemetryRate, .telemetrySum, .telemetryGauge:
                anchor = clock(park).map { Shanghai.month(Timestamp(microseconds: $0)) }
            default:
                anchor = tableMonths(park, metric).last
            }
            return anchor.flatMap { self.window(park, metric, window, month: $0) }
        }
    }

    /// The replay table's rows, in its documented order.
    func table(parks: [ParkID]) -> [AggregateRow] {
        var rows: [AggregateRow] = []
        for park in parks.sorted() {
            for metric in Metric.allCases {
                for month in tableMonths(park, metric) {
                    let yearMonth = YearMonth(ordinal: month)
                    let next = yearMonth.next
                    let end = Shanghai.instant(next.year, next.month, 1)
                    for window in [Window.month, .ytd, .yoy] {
                        guard let value = self.window(park, metric, window, month: month) else { continue }
                        rows.append(
                            AggregateRow(
                                parkID: park, metric: metric, window: window, month: yearMonth, windowEnd: end,
                                aggregate: value))
                    }
                }
            }
        }
        return rows
    }
}
