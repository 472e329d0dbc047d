import ParkMetrics
import Yams

extension FieldParser {
    static let windowUsage = "is not a duration (e.g. 30m, 24h, 7d) or one of day, month, ytd, latest"

    func parseTarget(id: String, metric: Metric) throws(RuleError) -> TargetRule {
        let window = try parseWindow(metric: metric)
        let growth = try parseGrowth(metric: metric, window: window)
        guard let when = try parseCondition("when", in: fields, context: context) else {
            throw Self.error("\(context): when: required", at: fields["id"])
        }
        let clear = try parseCondition("clear", in: fields, context: context)
        if let clear, clear.overlaps(when) {
            throw fail("clear", overlapReason(clear: clear, when: when))
        }
        let parks = try parseParks()
        var rule = TargetRule(
            id: id, metric: metric, window: window, growth: growth, when: when, clear: clear,
            forDuration: try parseFor(in: fields, context: context) ?? .zero,
            severity: try parseSeverity(in: fields, context: context) ?? .warning, parks: parks)
        rule.overrides = try parseOverrides(rule: rule)
        rule.activeFrom = try parseActiveFrom()
        return rule
    }

    private func overlapReason(clear: Condition, when: Condition) -> String {
        "\"\(clear)\" overlaps when \"\(when)\" (a value would both fire and clear the alert)"
    }

    private func parseWindow(metric: Metric) throws(RuleError) -> RuleWindow {
        guard let raw = try text("window") else {
            throw Self.error("\(context): window: required for a threshold rule", at: fields["id"])
        }
        guard let window = RuleWindow(parsing: raw) else {
            if let duration = RuleDuration(parsing: raw), duration.seconds == 0 {
                throw fail("window", "a sliding window must be longer than 0 (got \"\(raw)\")")
            }
            throw fail("window", "\"\(raw)\" \(Self.windowUsage)")
        }
        guard window.isDefined(for: metric.kind) else {
            let kinds = window.kinds.map(\.rawValue).joined(separator: ", ")
            throw fail(
                "window",
                "\(window) is defined only for \(window.kindsInWords) (\(kinds)), not \(metric.name) "
                    + "(\(metric.kind.rawValue))")
        }
        return window
    }

    private func parseGrowth(metric: Metric, window: RuleWindow) throws(RuleError) -> TargetRule.Growth? {
        guard let raw = try text("growth") else { return nil }
        guard let growth = TargetRule.Growth(rawValue: raw) else {
            throw fail("growth", "\"\(raw)\" is not a growth (expected yoy)")
        }
        guard RuleWindow.growthKinds.contains(metric.kind) else {
            throw fail("growth", "yoy is defined only for sums, monthly amounts and derived ratios")
        }
        guard window == .ytd else {
            throw fail(
                "growth", "yoy needs window: ytd (year to date against the same months of last year), not \(window)")
        }
        return growth
    }

    private func parseOverrides(rule: TargetRule) throws(RuleError) -> [ParkID: RuleOverride] {
        guard let node = fields["overrides"] else { return [:] }
        let usage = "expected a mapping from park id to {when, clear, for, severity}"
        guard case .mapping(let mapping) = node else { throw fail("overrides", usage) }
        var overrides: [ParkID: RuleOverride] = [:]
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else { throw fail("overrides", usage, at: key) }
            let park = try parkID(scalar.string, field: "overrides", at: key)
            guard overrides[park] == nil else {
                throw fail("overrides", "\"\(park)\" is listed twice", at: key)
            }
            guard rule.parks.contains(park) else {
                throw fail("overrides", "\(park): not in parks", at: key)
            }
            let inner = "\(context): overrides: \(park)"
            guard case .mapping(let fieldsNode) = value else {
                throw Self.error("\(inner): expected a mapping with when, clear, for or severity", at: value)
            }
            let overrideFields = try FieldMap(
                fieldsNode, allowed: ["when", "clear", "for", "severity"], context: inner)
            let override = RuleOverride(
                when: try parseCondition("when", in: overrideFields, context: inner),
                clear: try parseCondition("clear", in: overrideFields, context: inner),
                forDuration: try parseFor(in: overrideFields, context: inner),
                severity: try parseSeverity(in: overrideFields, context: inner))
            var withOverride = rule
            withOverride.overrides = [park: override]
            let target = withOverride.target(for: park)
            if target.clear.overlaps(target.when) {
                let field = overrideFields["clear"] != nil ? "clear" : "when"
                throw Self.error(
                    "\(inner): \(field): " + overlapReason(clear: target.clear, when: target.when),
                    at: overrideFields[field])
            }
            overrides[park] = override
        }
        return overrides
    }
}
