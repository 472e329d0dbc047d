import ParkMetrics

/// The aggregation state of one input partition: every park × metric × window it has seen.
///
/// Pure and deterministic: the same events in the same order give the same state, outcomes and
/// aggregates, live or replayed, and a checkpoint restored gives back the same state exactly.
/// Events must be valid (`MetricEvent` guarantees it). Memory is O(parks × metrics × (buckets +
/// months of history) + ids inside the dedup horizon), never O(events).
///
/// Event time (ARCHITECTURE.md §5): each park has a clock, its latest accepted telemetry
/// `observed_at`; its watermark is the clock minus `allowedLateness`. Telemetry behind the watermark
/// is `.late` and changes nothing. Monthly events are never late and do not move the clock.
///
/// Hook for rules (issue 5): after `ingest(_:)` returns `.accepted`, call
/// `aggregate(park:metric:window:)` for each rule on the event's park and metric (and on the
/// derived ratios in `affectedRatios(of:)`), and evaluate at the event's `observed_at`; sliding and
/// `day` windows end at the park's clock, which an out-of-order event does not move back.
/// Completeness rules run on `streamTime`: `absent` compares it with `lastObserved(park:metric:)`,
/// `due_day` asks `calendarAggregate(park:metric:window:month:)` whether a month has arrived.
public struct PartitionEngine: Sendable {
    /// How time is cut; fixed for the engine's life and saved in checkpoints.
    public let configuration: EngineConfiguration
    let layout: SeriesLayout
    /// `configuration.zone`, kept apart so the hot path reads no array-holding struct.
    let zone: ParkZone
    /// `allowedLateness` in µs.
    let lateness: Int64
    /// `Metric.allCases.count` and each metric's kind by raw value: stored, so the hot path makes
    /// no cross-module call and no lazy-global check.
    let metricCount: Int
    let kinds: [MetricKind]
    /// Park ids, interned: a park's position here is its park index.
    var parkTable = StringSet()
    /// The index of the park last ingested: a cache for the rules' queries after an event, which ask
    /// for that park (an index, so that ingest only stores an integer). Indices never change.
    var recentPark = 0
    /// Per park index: the park.
    var ids: [ParkID] = []
    /// Per park index: its clock, the latest accepted telemetry `observed_at` (µs); `Int64.min`
    /// before the first.
    var clocks: [Int64] = []
    /// Per park index: the local day of its latest placed event (a cache: derived data).
    var dayCache: [LocalDayCache] = []
    /// Per park index: recently accepted telemetry ids.
    var dedups: [DedupWindow] = []
    /// Per park index × `Metric.rawValue` (`seriesIndex`); only telemetry metrics' entries are used.
    var telemetry: [TelemetrySeries] = []
    /// Per park index × `Metric.rawValue` (`seriesIndex`); only monthly metrics' entries are used.
    var monthly: [MonthlySeries] = []
    /// Per park index × `Metric.rawValue` (`seriesIndex`): how often the series' months changed
    /// other than by an add to its newest month (telemetry), or at all (monthly). Derived data for
    /// `ratioMemos`, never saved: a restored engine starts at 0 with every memo empty.
    var historyStamps: [Int] = []
    /// Per park index × `Metric.rawValue` × `RatioMemo.windows`: live calendar values of derived
    /// ratios (a cache; see `liveAggregate(parkIndex:metric:window:)`).
    var ratioMemos: [RatioMemo] = []
    /// Latest `observed_at` (µs) of any accepted event; `Int64.min` before the first.
    var streamClock: Int64 = .min

    /// An empty partition.
    public init(configuration: EngineConfiguration = EngineConfiguration()) {
        self.configuration = configuration
        layout = SeriesLayout(configuration)
        zone = configuration.zone
        lateness = configuration.latenessMicroseconds
        metricCount = Metric.allCases.count
        kinds = Metric.allCases.map(\.kind)
    }

    // MARK: - Ingest

    /// Applies one validated event and says what happened to it.
    @inline(__always)
    public mutating func ingest(_ event: borrowing MetricEvent) -> IngestOutcome {
        let metric = Int(event.metric.rawValue)
        let kind = kinds[metric]
        switch kind {
        case .telemetryRate, .telemetrySum, .telemetryGauge: if event.period != nil { return .invalid }
        case .monthlyAmount, .monthlyGauge: if event.period == nil { return .invalid }
        case .derivedRatio: return .invalid
        }
        let park = parkIndex(event.parkID)
        let instant = event.observedAt.microseconds
        switch kind {
        case .telemetryRate, .telemetrySum, .telemetryGauge:
            let clock = clocks[park]
            if clock != .min, instant < clock - lateness { return .late }
            let now = max(clock, instant)
            guard dedups[park].insert(event.eventID, now: now, horizon: max(lateness, 1)) else {
                return .duplicate
            }
            clocks[park] = now
            let weight = kind == .telemetryRate ? event.weight : 1
            let month = localMonth(park, instant)
            let series = seriesIndex(park, metric)
            if !telemetry[series].isAllocated { telemetry[series].allocate(layout) }
            if telemetry[series].add(value: event.value, weight: weight, at: instant, month: month) {
                historyStamps[series] &+= 1
            }
        case .monthlyAmount, .monthlyGauge, .derivedRatio:
            let period = event.period.map { Int32($0.ordinal) } ?? 0
            let series = seriesIndex(park, metric)
            if monthly[series].add(month: period, observedAt: instant, value: event.value) {
                historyStamps[series] &+= 1
            }
        }
        if instant > streamClock { streamClock = instant }
        return .accepted
    }

    /// Applies a batch of events in order, appending one outcome per event to `outcomes`: the same
    /// as calling `ingest(_:)` for each.
    public mutating func ingest(contentsOf events: [MetricEvent], outcomes: inout [IngestOutcome]) {
        outcomes.reserveCapacity(outcomes.count + events.count)
        for index in events.indices {
            outcomes.append(ingest(events[index]))
        }
    }

    /// The index of a park, adding it on first sight.
    @inline(__always)
    mutating func parkIndex(_ id: ParkID) -> Int {
        if isRecent(id) { return recentPark }
        let (inserted, index) = parkTable.insert(id.rawValue)
        recentPark = index
        if inserted {
            ids.append(id)
            clocks.append(.min)
            dayCache.append(LocalDayCache())
            dedups.append(DedupWindow())
            telemetry.append(contentsOf: repeatElement(TelemetrySeries(), count: metricCount))
            monthly.append(contentsOf: repeatElement(MonthlySeries(), count: metricCount))
            historyStamps.append(contentsOf: repeatElement(0, count: metricCount))
            ratioMemos.append(contentsOf: repeatElement(RatioMemo(), count: metricCount * RatioMemo.windows))
        }
        return index
    }

    /// The local month ordinal of `instant` (µs), through the park's one-day cache.
    @inline(__always)
    mutating func localMonth(_ park: Int, _ instant: Int64) -> Int32 {
        let cache = dayCache[park]
        let offset = instant &- cache.start
        if offset >= 0, offset < 86_400_000_000 { return cache.month }
        let day = zone.localDay(of: Timestamp(microseconds: instant))
        let date = ParkZone.civil(fromDays: day)
        let month = Int32(date.year * 12 + date.month - 1)
        dayCache[park] = LocalDayCache(start: zone.startOfDay(day).microseconds, month: month)
        return month
    }

    /// Position of a park × metric in `telemetry` and `monthly`.
    @inline(__always)
    func seriesIndex(_ park: Int, _ metric: Int) -> Int { park &* metricCount &+ metric }

    // MARK: - Time

    /// The partition's stream time: the latest `observed_at` of any accepted event (telemetry or
    /// monthly); nil before the first. Completeness rules (`absent`, `due_day`) run on it.
    public var streamTime: Timestamp? {
        streamClock == .min ? nil : Timestamp(microseconds: streamClock)
    }

    /// A park's clock: its latest accepted telemetry `observed_at`; nil before its first.
    public func clock(of park: ParkID) -> Timestamp? {
        index(of: park).flatMap { clock(parkIndex: $0) }
    }

    /// ``clock(of:)`` of the park at `index` in ``parks``.
    public func clock(parkIndex index: Int) -> Timestamp? {
        clocks[index] == .min ? nil : Timestamp(microseconds: clocks[index])
    }

    /// A park's watermark: telemetry observed before it is late.
    public func watermark(of park: ParkID) -> Timestamp? {
        clock(of: park).map { Timestamp(microseconds: $0.microseconds - lateness) }
    }

    /// Telemetry event ids remembered for deduplication, over all parks (for ops metrics; bounded
    /// by the events of ~3 lateness horizons, see `DedupWindow`).
    public var rememberedEventIDs: Int { dedups.reduce(0) { $0 + $1.count } }

    /// The parks seen so far, in order of first appearance.
    public var parks: [ParkID] { ids }

    /// The index of the park of the event `ingest(_:)` last accepted (or found late or a
    /// duplicate), so that a caller asks about it without looking its id up again.
    public var ingestedPark: Int { recentPark }

    /// A park's index: its position in `parks`, which never changes; nil for a park not seen.
    public func index(of park: ParkID) -> Int? {
        isRecent(park) ? recentPark : parkTable.position(of: park.rawValue)
    }

    /// Whether `id` is the park last ingested: the rules ask about it right after, and a park's
    /// events often come in runs.
    @inline(__always)
    private func isRecent(_ id: ParkID) -> Bool { recentPark < ids.count && ids[recentPark] == id }
}

/// A park's latest local day: its first instant (µs) and month ordinal.
struct LocalDayCache: Hashable, Sendable {
    var start: Int64 = .max
    var month: Int32 = 0
}
