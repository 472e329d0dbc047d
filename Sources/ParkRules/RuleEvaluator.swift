import ParkMetrics

/// The threshold rules of a ``RuleSet`` over the parks of one input partition: one
/// ``AlertLifecycle`` per rule × park, created when the park's first relevant event arrives.
///
/// The engine calls ``evaluate(park:metric:at:aggregate:)`` after each accepted event, at the
/// event's `observed_at` (ARCHITECTURE.md §5), handing over a function that reads a rule's
/// aggregate for the park (nil when undefined). Pure and deterministic.
public struct RuleEvaluator: Hashable, Sendable {
    struct Key: Hashable, Sendable {
        var rule: Int
        var park: ParkID
    }

    /// The rules evaluated.
    public let rules: RuleSet
    var lifecycles = SlottedTable<Key, AlertLifecycle>()
    /// Per `Metric.rawValue`: the positions in `rules.targets` of the rules an event of that metric
    /// can change, in file order (derived from `rules`, so each event reads only its own rules).
    private let affected: [[Int]]

    /// An evaluator with every alert inactive.
    public init(rules: RuleSet) {
        self.rules = rules
        var affected = Array(repeating: [Int](), count: Int(Metric.allCases.map(\.rawValue).max() ?? 0) + 1)
        for (position, rule) in rules.targets.enumerated() {
            for metric in Set([rule.metric, rule.metric.numerator, rule.metric.denominator].compactMap({ $0 })) {
                affected[Int(metric.rawValue)].append(position)
            }
        }
        self.affected = affected
    }

    /// Evaluates every threshold rule that an event of `metric` for `park` can change (rules on the
    /// metric and on derived ratios over it), in file order, at event time `time`.
    public mutating func evaluate(
        park: ParkID, metric: Metric, at time: Timestamp, aggregate: (TargetRule) -> Double?
    ) -> [AlertTransition] {
        var transitions: [AlertTransition] = []
        for position in rulePositions(affectedBy: metric) where appliesRule(at: position, to: park) {
            let value = aggregate(rules.targets[position])
            if let transition = observe(ruleAt: position, park: park, value: value, at: time) {
                transitions.append(transition)
            }
        }
        return transitions
    }

    // MARK: - One rule at a time

    /// The positions in `rules.targets` of the threshold rules that an event of `metric` can change
    /// (rules on the metric and on derived ratios over it), in file order. With
    /// ``appliesRule(at:to:)`` and ``observe(ruleAt:park:value:at:)`` this is
    /// ``evaluate(park:metric:at:aggregate:)`` taken apart, for callers that read aggregates
    /// themselves.
    public func rulePositions(affectedBy metric: Metric) -> [Int] {
        affected[Int(metric.rawValue)]
    }

    /// Whether the rule at `position` in `rules.targets` applies to `park`.
    public func appliesRule(at position: Int, to park: ParkID) -> Bool {
        rules.targets[position].parks.contains(park)
    }

    /// Feeds the aggregate `value` (nil: undefined) of the rule at `position` in `rules.targets` for
    /// `park`, evaluated at event time `time`; returns the transition to publish, if any.
    public mutating func observe(ruleAt position: Int, park: ParkID, value: Double?, at time: Timestamp)
        -> AlertTransition?
    {
        lifecycles[slot: lifecycleSlot(position, park)].observe(value: value, at: time)
    }

    /// ``observe(ruleAt:park:value:at:)`` appending the transition, if any, to `transitions`: the
    /// hot path returns no optional transition, which is copied whole even when nil.
    package mutating func observe(
        ruleAt position: Int, park: ParkID, value: Double?, at time: Timestamp,
        into transitions: inout [AlertTransition]
    ) {
        observe(slot: lifecycleSlot(position, park), value: value, at: time, into: &transitions)
    }

    /// Where the state of the rule at `position` for `park` is kept, for
    /// ``observe(slot:value:at:into:)``, adding it (inactive) if the park has none yet, as observing
    /// does; nil when the rule does not apply to the park. Slots never change, so a caller can keep
    /// them and hash no park id per event.
    package mutating func slot(ruleAt position: Int, park: ParkID) -> Int? {
        appliesRule(at: position, to: park) ? lifecycleSlot(position, park) : nil
    }

    /// ``observe(ruleAt:park:value:at:into:)`` for the rule and park whose slot is `slot`.
    package mutating func observe(
        slot: Int, value: Double?, at time: Timestamp, into transitions: inout [AlertTransition]
    ) {
        lifecycles[slot: slot].observe(value: value, at: time, into: &transitions)
    }

    private mutating func lifecycleSlot(_ position: Int, _ park: ParkID) -> Int {
        lifecycles.slot(of: Key(rule: position, park: park)) {
            AlertLifecycle(rule: rules.targets[position], park: park)
        }
    }

    /// The alerts firing now, ordered by rule (file order), then park.
    public var firing: [AlertTransition] {
        lifecycles.keys.sorted { ($0.rule, $0.park) < ($1.rule, $1.park) }.compactMap { key in
            guard case .firing(let transition) = lifecycles[key]?.phase else { return nil }
            return transition
        }
    }

    /// The lifecycle of rule `ruleID` on `park`, if that park has been evaluated for it.
    public func lifecycle(ruleID: String, park: ParkID) -> AlertLifecycle? {
        guard let index = rules.targets.firstIndex(where: { $0.id == ruleID }) else { return nil }
        return lifecycles[Key(rule: index, park: park)]
    }
}
