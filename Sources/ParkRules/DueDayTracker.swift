import ParkMetrics

/// Watches a `due_day` rule over the parks of one input partition (ARCHITECTURE.md §5, §6).
///
/// The statistic of month P is due by 00:00 on day N of month P+1 in the park's zone (+08:00 by
/// default). As the partition's stream time passes such a deadline D, each known applicable park
/// without an event for period P fires, with `started_at` = `event_time` = D; the first event for
/// P resolves it (at its `observed_at`, never before D).
///
/// - Only deadlines that stream time passes while the tracker runs are checked (from its first
///   stream time on, exclusive), and none before `active_from`, so there is no judgement without
///   history.
/// - Parks are known once one of their events of the metric was observed, and parks named in
///   `parks` from the start; a park first seen after a deadline is not judged for it.
/// - `value` is the number of reports seen for P (0 firing, 1 resolved); `threshold` is N.
public struct DueDayTracker: Hashable, Sendable {
    struct Key: Hashable, Sendable, Comparable {
        var park: ParkID
        var period: YearMonth

        static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.period, lhs.park) < (rhs.period, rhs.park)
        }
    }

    /// The rule watched.
    public let rule: CompletenessRule
    private let dueDay: Int
    private let zone: ParkZone
    var known: Set<ParkID>
    var seen: Set<Key> = []
    var firing: [Key: AlertTransition] = [:]
    /// The latest stream time seen.
    public internal(set) var streamTime: Timestamp?
    /// The first deadline after `streamTime`: stream time that stays before it passes no deadline.
    private var nextDeadline = Hint<Timestamp>()

    /// A tracker for `rule` in the parks' `zone`; nil unless its check is `due_day`.
    public init?(rule: CompletenessRule, zone: ParkZone = .shanghai) {
        guard case .dueDay(let day) = rule.check else { return nil }
        self.rule = rule
        self.dueDay = day
        self.zone = zone
        self.known = Set(rule.parks.listed)
    }

    /// The deadline of `period`'s statistic: 00:00 on day N of the next month, park time.
    public func deadline(of period: YearMonth) -> Timestamp {
        zone.startOfDay(ParkZone.daysFromCivil(year: period.next.year, month: period.next.month, day: dueDay))
    }

    /// An event of the rule's metric for `park` and `period`, observed at `time`: remembers it and
    /// resolves the alert for that park and period if one is firing.
    public mutating func observe(park: ParkID, period: YearMonth, at time: Timestamp) -> AlertTransition? {
        var resolved: [AlertTransition] = []
        observe(park: park, period: period, at: time, into: &resolved)
        return resolved.first
    }

    /// ``observe(park:period:at:)`` appending the alert it resolves, if any, to `transitions`: the
    /// hot path returns no optional transition, which is copied whole even when nil.
    package mutating func observe(
        park: ParkID, period: YearMonth, at time: Timestamp, into transitions: inout [AlertTransition]
    ) {
        guard rule.parks.contains(park) else { return }
        known.insert(park)
        let key = Key(park: park, period: period)
        seen.insert(key)
        guard let fired = firing.removeValue(forKey: key) else { return }
        transitions.append(fired.resolved(at: max(time, fired.eventTime), value: 1))
    }

    /// Moves the partition's stream time to `time` (it never goes back); returns the alerts whose
    /// deadline it passed, ordered by deadline, then park id.
    public mutating func advance(streamTime time: Timestamp) -> [AlertTransition] {
        var fired: [AlertTransition] = []
        advance(streamTime: time, into: &fired)
        return fired
    }

    /// ``advance(streamTime:)`` appending what fires to `transitions`; returns ``quietUntil`` after
    /// it (read here, it costs no copy of the tracker).
    @discardableResult
    package mutating func advance(streamTime time: Timestamp, into fired: inout [AlertTransition]) -> Int64 {
        guard let previous = streamTime else {
            streamTime = time
            return quietUntil
        }
        guard time > previous else { return quietUntil }
        streamTime = time
        if let next = nextDeadline.value, time < next { return quietUntil }
        // The period whose deadline is the first one after `previous`.
        var period = YearMonth(ordinal: zone.monthOrdinal(of: previous) - 2)
        while deadline(of: period) <= previous { period = period.next }
        while deadline(of: period) <= time {
            let due = deadline(of: period)
            if due >= rule.activeFrom ?? due {
                for park in known.sorted() where !seen.contains(Key(park: park, period: period)) {
                    let transition = AlertTransition(
                        ruleID: rule.id, parkID: park, metric: rule.metric, window: rule.window, state: .firing,
                        severity: rule.severity, value: 0, threshold: Double(dueDay), condition: rule.conditionText,
                        startedAt: due, eventTime: due, period: period)
                    firing[Key(park: park, period: period)] = transition
                    fired.append(transition)
                }
            }
            // Reports of periods already judged are no longer needed, except to resolve alerts.
            seen = seen.filter { $0.period > period }
            period = period.next
        }
        nextDeadline.value = deadline(of: period)
        return quietUntil
    }

    /// The stream time (µs) before which ``advance(streamTime:)`` fires nothing and changes nothing
    /// but the tracker's stream time; `Int64.min` when unknown. Observing events does not move it.
    package var quietUntil: Int64 {
        guard streamTime != nil, let next = nextDeadline.value else { return .min }
        return next.microseconds
    }

    /// What ``advance(streamTime:)`` does to a quiet tracker (`time` before ``quietUntil``, or not
    /// after its stream time): moves its stream time, and nothing else.
    package mutating func catchUp(to time: Timestamp) {
        assert(time <= streamTime ?? time || time.microseconds < quietUntil, "catching up past a deadline")
        if let previous = streamTime, time > previous { streamTime = time }
    }

    /// The (park, period) pairs whose alert is firing, ordered by period, then park.
    public var firingAlerts: [(park: ParkID, period: YearMonth)] {
        firing.keys.sorted().map { ($0.park, $0.period) }
    }
}
