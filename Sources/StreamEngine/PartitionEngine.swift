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
/// derived ratios in `Metric.affectedRatios`), and evaluate at the event's `observed_at`; sliding
/// and `day` windows end at the park's clock, which an out-of-order event does not move back.
/// Completeness rules run on `streamTime`.
public struct PartitionEngine: Hashable, Sendable {
    /// How time is cut; fixed for the engine's life and saved in checkpoints.
    public let configuration: EngineConfiguration
    let layout: SeriesLayout
    /// `allowedLateness` in µs.
    let lateness: Int64
    /// Park ids, interned: a park's position here is its index in `parks`.
    var parkIDs = StringSet()
    var parks: [ParkState] = []
    /// Latest `observed_at` (µs) of any accepted event; `Int64.min` before the first.
    var streamClock: Int64 = .min

    /// An empty partition.
    public init(configuration: EngineConfiguration = EngineConfiguration()) {
        self.configuration = configuration
        layout = SeriesLayout(configuration)
        lateness = max(0, configuration.allowedLateness.microsecondsRoundedDown)
    }

    // MARK: - Ingest

    /// Applies one validated event and says what happened to it.
    public mutating func ingest(_ event: MetricEvent) -> IngestOutcome {
        let park = parkIndex(event.parkID)
        let instant = event.observedAt.microseconds
        let metric = Int(event.metric.rawValue)
        switch event.metric.kind {
        case .telemetryRate, .telemetrySum, .telemetryGauge:
            let clock = parks[park].clock
            if clock != .min, instant < clock - lateness { return .late }
            let now = max(clock, instant)
            guard parks[park].dedup.insert(event.eventID, now: now, horizon: max(lateness, 1)) else {
                return .duplicate
            }
            parks[park].clock = now
            let weight = event.metric.kind == .telemetryRate ? event.weight : 1
            let day = configuration.zone.localDay(of: event.observedAt)
            let date = ParkZone.civil(fromDays: day)
            let month = Int32(date.year * 12 + date.month - 1)
            parks[park].telemetry[metric].add(
                value: event.value, weight: weight, at: instant, month: month, day: day, layout: layout)
        case .monthlyAmount, .monthlyGauge:
            guard let period = event.period else { return .invalid }
            parks[park].monthly[metric].add(month: Int32(period.ordinal), observedAt: instant, value: event.value)
        case .derivedRatio:
            return .invalid
        }
        if instant > streamClock { streamClock = instant }
        return .accepted
    }

    /// The position of a park in `parks`, adding it on first sight.
    @inline(__always)
    mutating func parkIndex(_ id: ParkID) -> Int {
        let fingerprint = StringSet.fingerprint(id.rawValue)
        if let index = parkIDs.position(of: id.rawValue, fingerprint: fingerprint) { return index }
        parks.append(ParkState(id: id))
        return parkIDs.append(id.rawValue, fingerprint: fingerprint)
    }

    // MARK: - Time

    /// The partition's stream time: the latest `observed_at` of any accepted event (telemetry or
    /// monthly); nil before the first. Completeness rules (`absent`, `due_day`) run on it.
    public var streamTime: Timestamp? {
        streamClock == .min ? nil : Timestamp(microseconds: streamClock)
    }

    /// A park's clock: its latest accepted telemetry `observed_at`; nil before its first.
    public func clock(of park: ParkID) -> Timestamp? {
        guard let index = existingIndex(park), parks[index].clock != .min else { return nil }
        return Timestamp(microseconds: parks[index].clock)
    }

    /// A park's watermark: telemetry observed before it is late.
    public func watermark(of park: ParkID) -> Timestamp? {
        clock(of: park).map { Timestamp(microseconds: $0.microseconds - lateness) }
    }

    /// The parks seen so far, in order of first appearance.
    public var parkIDList: [ParkID] { parks.map(\.id) }

    func existingIndex(_ id: ParkID) -> Int? {
        parkIDs.position(of: id.rawValue, fingerprint: StringSet.fingerprint(id.rawValue))
    }
}
