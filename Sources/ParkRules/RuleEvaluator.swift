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
    var lifecycles: [Key: AlertLifecycle] = [:]

    /// An evaluator with every alert inactive.
    public init(rules: RuleSet) {
        self.rules = rules
    }

    /// Evaluates every threshold rule that an event of `metric` for `park` can change (rules on the
    /// metric and on derived ratios over it), in file order, at event time `time`.
    public mutating func evaluate(
        park: ParkID, metric: Metric, at time: Timestamp, aggregate: (TargetRule) -> Double?
    ) -> [AlertTransition] {
        var transitions: [AlertTransition] = []
        for (index, rule) in rules.targets.enumerated() {
            guard rule.metric == metric || rule.metric.numerator == metric || rule.metric.denominator == metric,
                rule.applies(to: park)
            else { continue }
            let key = Key(rule: index, park: park)
            var lifecycle = lifecycles[key] ?? AlertLifecycle(rule: rule, park: park)
            if let transition = lifecycle.observe(value: aggregate(rule), at: time) {
                transitions.append(transition)
            }
            lifecycles[key] = lifecycle
        }
        return transitions
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
