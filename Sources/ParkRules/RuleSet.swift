import Foundation
import ParkMetrics

/// A validated rules file (ARCHITECTURE.md §6, `schemas/rules.v1.schema.json`).
///
/// ```yaml
/// rules:
///   - id: wastewater-compliance-24h
///     metric: wastewater_compliance
///     window: 24h
///     when: "< 0.95"
/// ```
/// Parsing refuses the whole file at the first problem, with a ``RuleError`` naming the rule, the
/// field and why. Unknown fields are refused, so a typo never passes silently.
public struct RuleSet: Hashable, Sendable {
    /// The threshold rules, in file order.
    public var targets: [TargetRule]
    /// The completeness rules (`absent`, `due_day`), in file order.
    public var completeness: [CompletenessRule]

    /// Makes a rule set from rules already built (ids are not checked here).
    public init(targets: [TargetRule] = [], completeness: [CompletenessRule] = []) {
        self.targets = targets
        self.completeness = completeness
    }

    /// Parses and validates the YAML text of a rules file.
    public init(yaml: String) throws(RuleError) {
        self = try RuleParser.parse(yaml: yaml)
    }

    /// Reads, parses and validates the rules file at `path` (the module's only I/O).
    public static func load(path: String) throws(RuleError) -> RuleSet {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw RuleError(code: .io, reason: "rules file \(path): cannot be read as UTF-8 text: \(error)")
        }
        return try RuleSet(yaml: text)
    }

    /// The threshold rules on `metric` that apply to `park`, in file order.
    public func targets(for metric: Metric, park: ParkID) -> [TargetRule] {
        targets.filter { $0.metric == metric && $0.applies(to: park) }
    }

    /// The threshold rules that an event of `metric` for `park` can change: rules on `metric`
    /// itself and rules on a derived ratio with `metric` above or below its fraction bar, in file order.
    public func targets(affectedBy metric: Metric, park: ParkID) -> [TargetRule] {
        targets.filter {
            ($0.metric == metric || $0.metric.numerator == metric || $0.metric.denominator == metric)
                && $0.applies(to: park)
        }
    }

    /// The metrics some threshold rule reads.
    public var metrics: Set<Metric> { Set(targets.map(\.metric)) }
}
