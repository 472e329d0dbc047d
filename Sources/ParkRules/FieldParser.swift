import ParkMetrics
import Yams

/// Parses the fields of one rule (its id and field names already checked).
struct FieldParser {
    /// `rule "x"`.
    let context: String
    let fields: FieldMap

    static let parkPattern = "^[a-z0-9][a-z0-9-]{0,63}$"

    /// An ``RuleError/Code/invalid`` error, with the node's line and column when known.
    static func error(_ reason: String, at node: Node?) -> RuleError {
        RuleError(code: .invalid, reason: reason, line: node?.mark?.line, column: node?.mark?.column)
    }

    func fail(_ field: String, _ why: String, at node: Node? = nil) -> RuleError {
        Self.error("\(context): \(field): \(why)", at: node ?? fields[field])
    }

    // MARK: - Dispatch

    func parseRule(id: String) throws(RuleError) -> ParsedRule {
        let metric = try parseMetric()
        let kinds = ["when", "absent", "due_day"].filter { fields[$0] != nil }
        if kinds.count > 1 {
            throw Self.error(
                "\(context): \(kinds[0]) and \(kinds[1]) cannot be combined (a rule is either a threshold, with when, "
                    + "or a completeness check, with absent or due_day)", at: fields[kinds[1]])
        }
        switch kinds.first {
        case "when": return .target(try parseTarget(id: id, metric: metric))
        case "absent", "due_day": return .completeness(try parseCompleteness(id: id, metric: metric))
        default:
            throw Self.error(
                "\(context): needs when (a threshold), absent or due_day (a completeness check)", at: fields["id"])
        }
    }

    // MARK: - Scalars

    /// The text of a scalar field, or nil when absent.
    func text(_ field: String) throws(RuleError) -> String? {
        guard let node = fields[field] else { return nil }
        guard case .scalar(let scalar) = node else {
            throw fail(field, "expected a single value, not a list or mapping")
        }
        return scalar.string
    }

    func parseMetric() throws(RuleError) -> Metric {
        guard let name = try text("metric") else {
            throw Self.error("\(context): metric: required", at: fields["id"])
        }
        guard let metric = Metric.allCases.first(where: { $0.name == name }) else {
            throw fail("metric", "unknown metric \"\(name)\"")
        }
        return metric
    }

    func parseCondition(_ field: String, in fields: FieldMap, context: String) throws(RuleError) -> Condition? {
        guard let node = fields[field] else { return nil }
        guard case .scalar(let scalar) = node else {
            throw Self.error("\(context): \(field): expected a condition such as \"< 0.95\"", at: node)
        }
        let tag = scalar.tag.description
        if tag.hasPrefix("!"), tag != "!" {
            // `when: != 1` unquoted: YAML reads `!=` as a local tag and `1` as the value.
            throw Self.error(
                "\(context): \(field): write the condition in quotes (\"\(tag) \(scalar.string)\"); unquoted, YAML "
                    + "reads \"\(tag)\" as a tag", at: node)
        }
        guard let condition = Condition(parsing: scalar.string) else {
            throw Self.error(
                "\(context): \(field): \"\(scalar.string)\" is not a condition (expected an operator <, <=, >, >=, ==, "
                    + "!= and a number)", at: node)
        }
        return condition
    }

    func parseFor(in fields: FieldMap, context: String) throws(RuleError) -> RuleDuration? {
        guard let node = fields["for"] else { return nil }
        guard case .scalar(let scalar) = node, let duration = RuleDuration(parsing: scalar.string) else {
            let shown = node.scalar.map { "\"\($0.string)\"" } ?? "a list or mapping"
            throw Self.error("\(context): for: \(shown) is not a duration (e.g. 30m, 24h, 7d, or 0)", at: node)
        }
        return duration
    }

    func parseSeverity(in fields: FieldMap, context: String) throws(RuleError) -> Severity? {
        guard let node = fields["severity"] else { return nil }
        guard case .scalar(let scalar) = node, let severity = Severity(rawValue: scalar.string) else {
            let shown = node.scalar.map { "\"\($0.string)\"" } ?? "a list or mapping"
            throw Self.error(
                "\(context): severity: \(shown) is not a severity (expected info, warning or critical)", at: node)
        }
        return severity
    }

    func parseActiveFrom() throws(RuleError) -> Timestamp? {
        guard let text = try text("active_from") else { return nil }
        guard let instant = Timestamp(rfc3339: text) else {
            throw fail(
                "active_from", "\"\(text)\" is not an RFC 3339 time with an offset (e.g. 2017-10-31T00:00:00+08:00)")
        }
        return instant
    }

    func parkID(_ text: String, field: String, at node: Node) throws(RuleError) -> ParkID {
        guard let park = ParkID(rawValue: text) else {
            throw fail(field, "\"\(text)\" is not a park id (\(Self.parkPattern))", at: node)
        }
        return park
    }

    func parseParks() throws(RuleError) -> ParkSelector {
        guard let node = fields["parks"] else { return .all }
        let usage = "expected a list of park ids, or [\"*\"] for every park"
        guard case .sequence(let sequence) = node else { throw fail("parks", usage) }
        guard !sequence.isEmpty else { throw fail("parks", "empty; \(usage)") }
        var parks = Set<ParkID>()
        for item in sequence {
            guard case .scalar(let scalar) = item else { throw fail("parks", usage, at: item) }
            if scalar.string == "*" {
                guard sequence.count == 1 else {
                    throw fail("parks", "\"*\" (every park) cannot be listed with park ids", at: item)
                }
                return .all
            }
            let park = try parkID(scalar.string, field: "parks", at: item)
            guard parks.insert(park).inserted else {
                throw fail("parks", "\"\(scalar.string)\" is listed twice", at: item)
            }
        }
        return .only(parks)
    }

    // MARK: - Completeness rules

    func parseCompleteness(id: String, metric: Metric) throws(RuleError) -> CompletenessRule {
        let which = fields["absent"] != nil ? "absent" : "due_day"
        for name in fields.names where !RuleParser.completenessFields.contains(name) {
            throw fail(
                name,
                "not used by a completeness rule (\(which)); its fields: id, metric, \(which), severity, parks, "
                    + "active_from")
        }
        let check: CompletenessRule.Check
        if which == "absent" {
            guard metric.kind.isTelemetry else {
                throw fail(
                    "absent",
                    "defined only for telemetry (telemetry_rate, telemetry_gauge, telemetry_sum), not \(metric.name) "
                        + "(\(metric.kind.rawValue))")
            }
            let raw = try text("absent") ?? ""
            guard let duration = RuleDuration(parsing: raw) else {
                throw fail("absent", "\"\(raw)\" is not a duration (e.g. 30m, 2h, 1d)")
            }
            guard duration.seconds > 0 else { throw fail("absent", "must be longer than 0") }
            check = .absent(duration)
        } else {
            guard metric.kind.isMonthly else {
                throw fail(
                    "due_day",
                    "defined only for monthly statistics (monthly_amount, monthly_gauge), not \(metric.name) "
                        + "(\(metric.kind.rawValue))")
            }
            let raw = try text("due_day") ?? ""
            guard raw.utf8.count <= 2, let day = Int(raw), (1...28).contains(day) else {
                throw fail("due_day", "\"\(raw)\" is not a day of the month from 1 to 28")
            }
            check = .dueDay(day)
        }
        return CompletenessRule(
            id: id, metric: metric, check: check, severity: try parseSeverity(in: fields, context: context) ?? .warning,
            parks: try parseParks(), activeFrom: try parseActiveFrom())
    }
}
