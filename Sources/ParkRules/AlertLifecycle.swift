import ParkMetrics

/// The alert state machine of one threshold rule on one park, in event time (ARCHITECTURE.md §6).
///
/// inactive → pending (`when` holds; waiting for `for`) → firing → resolved (`clear` holds) → inactive.
///
/// - `when` must hold on every defined observation from the first one where it held
///   (`started_at`) until `started_at + for`; the alert fires on the first observation at or after
///   that instant. With `for: 0` it fires on the observation where `when` first holds.
/// - Nothing before `active_from` counts: an observation before it may start pending, but
///   `started_at` is then `active_from`, and firing needs an observation at or after
///   `max(active_from, started_at + for)`.
/// - A firing alert resolves on the first observation where `clear` holds (default: `when` does not
///   hold). Values between `when` and `clear` keep it firing, so a value oscillating around the
///   threshold gives one firing and one resolve, not a storm. A pending alert whose `when` stops
///   holding goes back to inactive silently.
/// - An undefined value (`nil`: the aggregate has no data, or yoy has no base) is no evidence either
///   way: it changes nothing. It never fires, never resolves a firing alert and does not break a
///   pending `for`.
/// - Event time never runs backwards here: an observation older than the latest one seen is
///   evaluated at the latest time seen, so a transition never precedes an earlier one.
///
/// Pure and deterministic: the same observations give the same transitions.
public struct AlertLifecycle: Hashable, Sendable {
    /// Where the machine is.
    public enum Phase: Hashable, Sendable {
        /// Not holding.
        case inactive
        /// `when` holds since `since`; waiting for `for`.
        case pending(since: Timestamp)
        /// Fired; the transition that was published.
        case firing(AlertTransition)
    }

    /// The rule as it applies to this park.
    public let target: ParkTarget
    /// The current phase.
    public internal(set) var phase: Phase = .inactive
    /// The latest event time observed.
    public internal(set) var clock: Timestamp?
    /// The start of the latest alert fired, and how many earlier alerts started at that same instant.
    var lastStart: Timestamp?
    var lastStartRepeats = 0

    /// A machine for `target`, inactive.
    public init(target: ParkTarget) {
        self.target = target
    }

    /// A machine for `rule` on `park` (overrides applied), inactive.
    public init(rule: TargetRule, park: ParkID) {
        self.init(target: rule.target(for: park))
    }

    /// Whether the alert is firing.
    public var isFiring: Bool {
        if case .firing = phase { return true }
        return false
    }

    /// ``observe(value:at:)`` appending the transition to publish, if any, to `transitions`.
    mutating func observe(value: Double?, at time: Timestamp, into transitions: inout [AlertTransition]) {
        // Most observations change nothing: tell them apart before a transition is built or copied.
        let now = max(time, clock ?? time)
        guard let value, value.isFinite else {
            clock = now
            return
        }
        switch phase {
        case .inactive:
            guard target.when.holds(value) else {
                clock = now
                return
            }
        case .pending:
            break
        case .firing:
            guard target.clear.holds(value) else {
                clock = now
                return
            }
        }
        if let transition = observe(value: value, at: time) { transitions.append(transition) }
    }

    /// Feeds the aggregate `value` (nil: undefined) evaluated at event time `time`; returns the
    /// transition to publish, if any.
    public mutating func observe(value: Double?, at time: Timestamp) -> AlertTransition? {
        let now = max(time, clock ?? time)
        clock = now
        guard let value, value.isFinite else { return nil }
        switch phase {
        case .inactive:
            guard target.when.holds(value) else { return nil }
            let since = max(now, target.activeFrom ?? now)
            phase = .pending(since: since)
            return fireIfDue(value: value, since: since, now: now)
        case .pending(let since):
            guard target.when.holds(value) else {
                phase = .inactive
                return nil
            }
            return fireIfDue(value: value, since: since, now: now)
        case .firing(let fired):
            guard target.clear.holds(value) else { return nil }
            phase = .inactive
            return fired.resolved(at: max(now, fired.eventTime), value: value)
        }
    }

    private mutating func fireIfDue(value: Double, since: Timestamp, now: Timestamp) -> AlertTransition? {
        guard now.microseconds - since.microseconds >= target.forDuration.microseconds else { return nil }
        let repeats = lastStart == since ? lastStartRepeats + 1 : 0
        lastStart = since
        lastStartRepeats = repeats
        let transition = AlertTransition(
            ruleID: target.ruleID, parkID: target.parkID, metric: target.metric, window: target.window,
            state: .firing, severity: target.severity, value: value, threshold: target.when.threshold,
            condition: target.when.description, startedAt: since, eventTime: now, repeat: repeats)
        phase = .firing(transition)
        return transition
    }
}
