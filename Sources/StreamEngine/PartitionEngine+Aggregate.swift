import ParkMetrics

extension PartitionEngine {
    // MARK: - Live aggregates

    /// The current value of a park × metric × window, or nil when undefined or without data.
    ///
    /// - Sliding windows (telemetry only) end at the park's clock `now` and hold the whole buckets
    ///   `⌊now/b⌋ − (n−1) … ⌊now/b⌋` (bucket width `b = window/n`, `n = bucketsPerWindow`): the
    ///   events observed in `[⌊now/b⌋·b − (n−1)·b, now]`. That span starts inside
    ///   `(now − window, now − window + b]`, so it misses at most the events of the window's oldest
    ///   `b` (1 minute of `1h`, 24 minutes of `24h` by default) and never holds one outside it.
    ///   (When the window is not a whole number of µs per bucket, `b` rounds down and the span
    ///   starts up to `window − n·b` µs later still.)
    ///   The window's duration must be one of `EngineConfiguration.slidingWindows`.
    /// - `day` (telemetry only): the park's current local day.
    /// - `month`, `ytd`, `yoy` are anchored at the latest month with data: the month of the park's
    ///   clock for telemetry, the latest `period` for monthly metrics, and for a derived ratio the
    ///   latest month in which both sides have data and the denominator is not 0. See
    ///   `calendarAggregate(park:metric:window:month:)` for their definitions.
    ///   Chinese statistics publish 1–N月累计 after month N closes, so yoy compares whole months.
    ///   A live telemetry-sum yoy during month N therefore sets a partial month N against last
    ///   year's whole month N and rises towards its final value as the month fills; the replay
    ///   table, built after all input, holds the final figure. Derived ratios are anchored where the
    ///   denominator's monthly statistic has arrived, by which time the month has closed.
    /// - `latest`: gauges only, the latest value (by `observed_at`; monthly: the latest period).
    public func aggregate(park: ParkID, metric: Metric, window: Window) -> Aggregate? {
        guard let park = index(of: park) else { return nil }
        return aggregate(parkIndex: park, metric: metric, window: window)
    }

    /// ``aggregate(park:metric:window:)`` of the park at `park` in ``parks``.
    public func aggregate(parkIndex park: Int, metric: Metric, window: Window) -> Aggregate? {
        let kind = metric.kind
        let series = seriesIndex(park, Int(metric.rawValue))
        let clock = clocks[park]
        switch window {
        case .sliding(let duration):
            guard kind.isTelemetry, clock != .min,
                let window = configuration.keptWindowIndex(of: duration),
                telemetry[series].isAllocated
            else { return nil }
            let rings = telemetry[series].rings
            let high = rings.index(ring: 1 + window, of: clock)
            let low = high - Int64(layout.bucketsPerWindow) + 1
            return rings.total(ring: 1 + window, from: low, through: high).aggregate(kind)
        case .day:
            guard kind.isTelemetry, clock != .min else { return nil }
            let rings = telemetry[series].rings
            let day = configuration.zone.localDay(of: Timestamp(microseconds: clock))
            return rings.total(ring: 0, from: day, through: day).aggregate(kind)
        case .latest:
            switch kind {
            case .telemetryGauge: return telemetry[series].latest.aggregate(kind)
            case .monthlyGauge:
                guard let last = monthly[series].periods.last else { return nil }
                return Aggregate(value: last.value, count: 1)
            default: return nil
            }
        case .month, .ytd, .yoy:
            guard let anchor = anchorMonth(park, metric) else { return nil }
            return calendarAggregate(park, metric, window, month: anchor)
        }
    }

    /// ``aggregate(park:metric:window:)`` for rules evaluated after each event, on the park at
    /// `index` in ``parks``: the same value bit for bit, from kept partial results.
    /// - A sliding window keeps the merge of all its buckets but the newest between queries (until
    ///   an event lands in one of them), so a query merges one bucket instead of all of them.
    /// - A derived ratio's calendar window keeps its value while the month history it reads stands
    ///   still (see `ratioInputs(_:_:)`): telemetry of the current month does not move a ratio
    ///   anchored at the last month with both sides reported, so most events reuse it.
    public mutating func liveAggregate(parkIndex index: Int, metric: Metric, window: Window) -> Aggregate? {
        if case .sliding(let duration) = window { return liveSliding(index, metric, duration) }
        if window.isMonthly, metric.kind == .derivedRatio { return liveRatio(index, metric, window) }
        return aggregate(parkIndex: index, metric: metric, window: window)
    }

    private mutating func liveSliding(_ index: Int, _ metric: Metric, _ duration: Duration) -> Aggregate? {
        let kind = metric.kind
        let series = seriesIndex(index, Int(metric.rawValue))
        let clock = clocks[index]
        guard kind.isTelemetry, clock != .min, let ring = configuration.keptWindowIndex(of: duration).map({ $0 + 1 }),
            telemetry[series].isAllocated
        else { return nil }
        let high = telemetry[series].rings.index(ring: ring, of: clock)
        let low = high - Int64(layout.bucketsPerWindow) + 1
        return telemetry[series].rings.windowTotal(ring: ring, from: low, through: high).aggregate(kind)
    }

    private mutating func liveRatio(_ index: Int, _ metric: Metric, _ window: Window) -> Aggregate? {
        guard let inputs = ratioInputs(index, metric) else {
            return aggregate(parkIndex: index, metric: metric, window: window)
        }
        let memo = seriesIndex(index, Int(metric.rawValue)) * RatioMemo.windows + RatioMemo.position(of: window)
        if ratioMemos[memo].inputs == inputs { return ratioMemos[memo].value }
        let value = aggregate(parkIndex: index, metric: metric, window: window)
        ratioMemos[memo] = RatioMemo(inputs: inputs, value: value)
        return value
    }

    /// The history stamps of a derived ratio's numerator and denominator when they pin down every
    /// month its calendar windows can read; nil when they do not, and the value must be computed.
    ///
    /// A ratio reads months up to its anchor, which is at most the denominator's newest month `L`.
    /// A monthly series' stamp changes with every change. A telemetry series' stamp changes with
    /// every change but adds to its newest month, so it pins the months up to `L` only while that
    /// newest month is after `L`.
    private func ratioInputs(_ park: Int, _ metric: Metric) -> RatioMemo.Inputs? {
        guard let numerator = metric.numerator, let denominator = metric.denominator, !denominator.kind.isTelemetry
        else { return nil }
        let top = seriesIndex(park, Int(numerator.rawValue))
        let bottom = seriesIndex(park, Int(denominator.rawValue))
        guard let limit = monthly[bottom].periods.last?.month else { return nil }
        if numerator.kind.isTelemetry {
            guard let newest = telemetry[top].months.last?.month, newest > limit else { return nil }
        }
        return RatioMemo.Inputs(numerator: historyStamps[top], denominator: historyStamps[bottom])
    }

    /// The value of a calendar window of a park × metric as of the end of `month`, as the replay
    /// table reports it; nil when undefined or without data.
    public func calendarAggregate(park: ParkID, metric: Metric, window: Window, month: YearMonth) -> Aggregate? {
        guard let index = index(of: park), window.isMonthly else { return nil }
        return calendarAggregate(index, metric, window, month: Int32(month.ordinal))
    }

    /// The latest accepted `observed_at` of a park's telemetry metric (for `absent` rules); nil for
    /// monthly and derived metrics and before the metric's first event.
    public func lastObserved(park: ParkID, metric: Metric) -> Timestamp? {
        guard metric.kind.isTelemetry, let index = index(of: park) else { return nil }
        let latest = telemetry[seriesIndex(index, Int(metric.rawValue))].latest
        return latest.count > 0 ? Timestamp(microseconds: latest.lastAt) : nil
    }

    /// The derived ratios that use `metric` as numerator or denominator: after an event of
    /// `metric`, rules on these may have a new value too.
    public static func affectedRatios(of metric: Metric) -> [Metric] {
        Metric.allCases.filter { $0.numerator == metric || $0.denominator == metric }
    }

    // MARK: - Calendar windows

    /// - `month`: the calendar month `month` (park zone; monthly events by `period`).
    /// - `ytd`: January through `month` of the same year.
    /// - `yoy` (sums, monthly amounts, derived ratios): 1–N月累计同比 with N = `month`: YTD through
    ///   N this year / YTD through N last year − 1, whole calendar months on both sides; nil when last
    ///   year's side has no data or is 0, or this year's has no data. A derived ratio's yoy compares
    ///   the two YTD ratios of sums. Computed as (this − last) / last, which is exact where the
    ///   quotient form is not (120 over 100 gives 0.2, not 0.19999999999999996).
    /// Derived ratios need data on both sides and a denominator ≠ 0; `month` windows also need both
    /// sides to have data in that very month.
    func calendarAggregate(_ park: Int, _ metric: Metric, _ window: Window, month: Int32) -> Aggregate? {
        let kind = metric.kind
        let january = month - month % 12
        switch window {
        case .month:
            return tally(park, metric, from: month, through: month)
        case .ytd:
            return tally(park, metric, from: january, through: month)
        case .yoy:
            guard kind == .telemetrySum || kind == .monthlyAmount || kind == .derivedRatio,
                let current = tally(park, metric, from: january, through: month),
                let base = tally(park, metric, from: january - 12, through: month - 12),
                base.value != 0
            else { return nil }
            return Aggregate(value: (current.value - base.value) / base.value, count: current.count)
        default:
            return nil
        }
    }

    private func tally(_ park: Int, _ metric: Metric, from low: Int32, through high: Int32) -> Aggregate? {
        guard metric.kind == .derivedRatio else {
            return total(park, metric, fromMonth: low, through: high).aggregate(metric.kind)
        }
        guard let numerator = metric.numerator, let denominator = metric.denominator else { return nil }
        let top = total(park, numerator, fromMonth: low, through: high)
        let bottom = total(park, denominator, fromMonth: low, through: high)
        guard top.count > 0, bottom.count > 0, bottom.sum != 0 else { return nil }
        return Aggregate(value: top.sum / bottom.sum, count: top.count + bottom.count)
    }

    /// The month calendar windows of a live query refer to.
    private func anchorMonth(_ park: Int, _ metric: Metric) -> Int32? {
        switch metric.kind {
        case .telemetryRate, .telemetrySum, .telemetryGauge:
            guard clocks[park] != .min else { return nil }
            return Int32(configuration.zone.monthOrdinal(of: Timestamp(microseconds: clocks[park])))
        case .monthlyAmount, .monthlyGauge:
            return monthly[seriesIndex(park, Int(metric.rawValue))].periods.last?.month
        case .derivedRatio:
            return latestDerivedMonth(park, metric)
        }
    }

    /// The last of `derivedMonths(_:_:)`, found from the newest month back (the anchor of every live
    /// query on a ratio, so it must not build the month list).
    private func latestDerivedMonth(_ park: Int, _ metric: Metric) -> Int32? {
        guard let numerator = metric.numerator, let denominator = metric.denominator else { return nil }
        return lastMonthWithData(park, denominator) { month in
            total(park, numerator, fromMonth: month, through: month).count > 0
                && total(park, denominator, fromMonth: month, through: month).sum != 0
        }
    }

    /// Months in which a derived ratio has data on both sides and a denominator ≠ 0, oldest first.
    func derivedMonths(_ park: Int, _ metric: Metric) -> [Int32] {
        guard let numerator = metric.numerator, let denominator = metric.denominator else { return [] }
        let top = Set(monthsWithData(park, numerator))
        return monthsWithData(park, denominator).filter { month in
            top.contains(month) && total(park, denominator, fromMonth: month, through: month).sum != 0
        }
    }

    // MARK: - Month history

    /// The tally of a publishable metric of a park over the months `low...high`.
    func total(_ park: Int, _ metric: Metric, fromMonth low: Int32, through high: Int32) -> Tally {
        let series = seriesIndex(park, Int(metric.rawValue))
        return metric.kind.isTelemetry
            ? telemetry[series].total(fromMonth: low, through: high)
            : monthly[series].total(fromMonth: low, through: high)
    }

    /// The newest month of `monthsWithData(_:_:)` that `matches`, walked from the newest back
    /// without building the list.
    func lastMonthWithData(_ park: Int, _ metric: Metric, where matches: (Int32) -> Bool) -> Int32? {
        let series = seriesIndex(park, Int(metric.rawValue))
        if metric.kind.isTelemetry {
            for entry in telemetry[series].months.reversed() where matches(entry.month) { return entry.month }
        } else {
            for entry in monthly[series].periods.reversed() where matches(entry.month) { return entry.month }
        }
        return nil
    }

    /// The months in which a publishable metric of a park has data, oldest first.
    func monthsWithData(_ park: Int, _ metric: Metric) -> [Int32] {
        let series = seriesIndex(park, Int(metric.rawValue))
        return metric.kind.isTelemetry ? telemetry[series].months.map(\.month) : monthly[series].periods.map(\.month)
    }
}
