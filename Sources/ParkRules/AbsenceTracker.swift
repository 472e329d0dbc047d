import ParkMetrics

/// Watches an `absent` rule over the parks of one input partition (ARCHITECTURE.md §5, §6).
///
/// For each applicable park it keeps the latest `observed_at` of the rule's metric. When the
/// partition's stream time (its max `observed_at`) passes `last seen + absent`, the alert fires;
/// the next event of that park and metric observed after the last one seen resolves it (an older
/// one is not news, and would give the next alert the same start and id).
///
/// - Parks are known once one of their events of the metric was observed; parks named in `parks`
///   are known from the tracker's first stream time (as if last seen then), so a park that never
///   reports is caught too.
/// - `started_at` = `max(last seen + absent, active_from)`; `event_time` = the stream time at which
///   the silence was noticed. Nothing fires while stream time is before `active_from`.
/// - `value` is the silence in seconds (stream time − last seen; on resolve, the new event's time −
///   last seen), `threshold` the `absent` duration in seconds.
public struct AbsenceTracker: Hashable, Sendable {
    struct ParkState: Hashable, Sendable {
        var lastSeen: Timestamp
        var firing: AlertTransition?
    }

    /// The rule watched.
    public let rule: CompletenessRule
    private let absent: RuleDuration
    var parks = SlottedTable<ParkID, ParkState>()
    /// The latest stream time seen.
    public internal(set) var streamTime: Timestamp?
    /// At most the earliest `last seen + absent` (µs) of the parks not firing: before it, stream time
    /// fires nothing, and `advance(streamTime:)` returns at once.
    private var nextDue = Hint<Int64>()

    /// A tracker for `rule`; nil unless its check is `absent`.
    public init?(rule: CompletenessRule) {
        guard case .absent(let duration) = rule.check else { return nil }
        self.rule = rule
        self.absent = duration
    }

    /// An event of the rule's metric for `park`, observed at `time`: remembers it and resolves the
    /// park's alert if one is firing.
    public mutating func observe(park: ParkID, at time: Timestamp) -> AlertTransition? {
        var resolved: [AlertTransition] = []
        observe(park: park, at: time, into: &resolved)
        return resolved.first
    }

    /// ``observe(park:at:)`` appending the alert it resolves, if any, to `transitions` (the hot path
    /// returns no optional transition, which is copied whole even when nil); returns ``quietUntil``
    /// after it (read here, it costs no copy of the tracker).
    @discardableResult
    package mutating func observe(park: ParkID, at time: Timestamp, into transitions: inout [AlertTransition])
        -> Int64
    {
        guard rule.parks.contains(park) else { return quietUntil }
        if let slot = parks.slot(of: park) { return observe(slot: slot, at: time, into: &transitions) }
        _ = parks.slot(of: park) { ParkState(lastSeen: time) }
        lowerNextDue(lastSeen: time)
        return quietUntil
    }

    /// Where `park`'s state is kept, for ``observe(slot:at:into:)``: nil until the park is known
    /// (``observe(park:at:into:)`` adds it). Slots never change, so a caller can keep them and hash
    /// no park id per event.
    package func slot(of park: ParkID) -> Int? { parks.slot(of: park) }

    /// ``observe(park:at:into:)`` for the known park whose slot is `slot`.
    package mutating func observe(slot: Int, at time: Timestamp, into transitions: inout [AlertTransition]) -> Int64 {
        // Changed in place (through inout: reading the state would copy it, its firing transition
        // included).
        if Self.observe(&parks[slot: slot], at: time, into: &transitions) { lowerNextDue(lastSeen: time) }
        return quietUntil
    }

    /// Moves a known park's last seen time to `time` and resolves its alert if one is firing;
    /// returns whether it resolved one.
    private static func observe(
        _ state: inout ParkState, at time: Timestamp, into transitions: inout [AlertTransition]
    ) -> Bool {
        // An event older than the last one seen is not news: it neither ends a silence nor moves it.
        guard time > state.lastSeen else { return false }
        let lastSeen = state.lastSeen
        state.lastSeen = time
        guard let firing = state.firing else { return false }
        let gap = Double(time.microseconds - lastSeen.microseconds) / 1_000_000
        transitions.append(firing.resolved(at: max(time, firing.eventTime), value: gap))
        state.firing = nil
        return true
    }

    /// Moves the partition's stream time to `time` (it never goes back); returns the alerts that
    /// fire, ordered by park id.
    public mutating func advance(streamTime time: Timestamp) -> [AlertTransition] {
        var fired: [AlertTransition] = []
        advance(streamTime: time, into: &fired)
        return fired
    }

    /// ``advance(streamTime:)`` appending what fires to `transitions`; returns ``quietUntil`` after
    /// it (read here, it costs no copy of the tracker).
    @discardableResult
    package mutating func advance(streamTime time: Timestamp, into fired: inout [AlertTransition]) -> Int64 {
        if streamTime == nil {
            for park in rule.parks.listed { _ = parks.slot(of: park) { ParkState(lastSeen: time) } }
            nextDue.value = nil
        }
        let now = max(time, streamTime ?? time)
        streamTime = now
        if let activeFrom = rule.activeFrom, now < activeFrom { return quietUntil }
        if let due = nextDue.value, now.microseconds < due { return quietUntil }
        var earliestDue = Int64.max
        for slot in parks.keys.indices.sorted(by: { parks.keys[$0] < parks.keys[$1] }) {
            let park = parks.keys[slot]
            var state = parks[slot: slot]
            guard state.firing == nil else { continue }
            let silence = now.microseconds - state.lastSeen.microseconds
            guard silence >= absent.microseconds else {
                earliestDue = min(earliestDue, state.lastSeen.microseconds + absent.microseconds)
                continue
            }
            let due = Timestamp(microseconds: state.lastSeen.microseconds + absent.microseconds)
            let transition = AlertTransition(
                ruleID: rule.id, parkID: park, metric: rule.metric, window: rule.window, state: .firing,
                severity: rule.severity, value: Double(silence) / 1_000_000, threshold: Double(absent.seconds),
                condition: rule.conditionText, startedAt: max(due, rule.activeFrom ?? due), eventTime: now)
            state.firing = transition
            parks[slot: slot] = state
            fired.append(transition)
        }
        nextDue.value = earliestDue
        return quietUntil
    }

    /// The stream time (µs) before which ``advance(streamTime:)`` fires nothing and changes nothing
    /// but the tracker's stream time; `Int64.min` when unknown. It falls only when an event is
    /// observed, so a caller that keeps what advancing and observing return may skip advancing
    /// until then (and bring the tracker up to date with ``catchUp(to:)`` before saving it).
    package var quietUntil: Int64 {
        guard streamTime != nil else { return .min }
        let due = nextDue.value ?? .min
        guard let activeFrom = rule.activeFrom else { return due }
        return max(due, activeFrom.microseconds)
    }

    /// What ``advance(streamTime:)`` does to a quiet tracker (`time` before ``quietUntil``, or not
    /// after its stream time): moves its stream time, and nothing else.
    package mutating func catchUp(to time: Timestamp) {
        assert(time <= streamTime ?? time || time.microseconds < quietUntil, "catching up past a due time")
        if let previous = streamTime, time > previous { streamTime = time }
    }

    /// Keeps `nextDue` a lower bound when a park starts a silence (first seen, or resolved) at
    /// `lastSeen`; a later event of a silent park only moves its due time later.
    private mutating func lowerNextDue(lastSeen: Timestamp) {
        guard let due = nextDue.value else { return }
        nextDue.value = min(due, lastSeen.microseconds + absent.microseconds)
    }

    /// The parks whose alert is firing, in order.
    public var firingParks: [ParkID] {
        parks.dictionary.filter { $0.value.firing != nil }.keys.sorted()
    }
}
