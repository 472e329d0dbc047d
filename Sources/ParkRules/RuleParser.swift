import ParkMetrics
import Yams

/// Turns the YAML of a rules file into a ``RuleSet``, refusing it at the first problem.
///
/// Checks, in order, per rule: the rule is a mapping; `id` (present, well formed, not a duplicate);
/// no field twice and no unknown field; `metric`; exactly one of `when`, `absent`, `due_day`; then
/// the fields of that kind of rule in the order of the schema.
enum RuleParser {
    static let thresholdFields = [
        "id", "metric", "window", "growth", "when", "clear", "for", "severity", "parks", "overrides", "active_from",
    ]
    static let completenessFields = ["id", "metric", "absent", "due_day", "severity", "parks", "active_from"]
    static let allFields = thresholdFields + ["absent", "due_day"]

    static func parse(yaml: String) throws(RuleError) -> RuleSet {
        let root = try compose(yaml)
        guard let root, case .mapping(let top) = root else {
            throw RuleError(code: .invalid, reason: "rules file: expected a mapping with a \"rules\" list")
        }
        let fields = try FieldMap(top, allowed: ["rules"], context: "rules file")
        guard let rulesNode = fields["rules"] else {
            throw RuleError(code: .invalid, reason: "rules file: rules: required")
        }
        guard case .sequence(let sequence) = rulesNode else {
            throw FieldParser.error("rules file: rules: expected a list of rules", at: rulesNode)
        }
        var set = RuleSet()
        var firstIndex: [String: Int] = [:]
        for (offset, node) in sequence.enumerated() {
            let number = offset + 1
            let (id, ruleFields) = try ruleID(node, number: number)
            let context = "rule \"\(id)\""
            if let earlier = firstIndex[id] {
                throw FieldParser.error("\(context): duplicate id (also rule \(earlier))", at: ruleFields["id"])
            }
            firstIndex[id] = number
            let parser = FieldParser(context: context, fields: ruleFields)
            switch try parser.parseRule(id: id) {
            case .target(let rule): set.targets.append(rule)
            case .completeness(let rule): set.completeness.append(rule)
            }
        }
        return set
    }

    /// The YAML node tree, or a syntax error with line and column.
    private static func compose(_ yaml: String) throws(RuleError) -> Node? {
        do {
            return try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw syntaxError(error)
        } catch {
            throw RuleError(code: .syntax, reason: "rules file: not YAML: \(error)")
        }
    }

    private static func syntaxError(_ error: YamlError) -> RuleError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let prefix = context.map { $0.text + " " } ?? ""
            // `when: > 0.95` unquoted starts a YAML block scalar; say how to write it.
            let hint =
                problem.contains("block scalar") || context?.text.contains("block scalar") == true
                ? " (quote a condition that starts with > or |, e.g. when: \"> 0.95\")" : ""
            return RuleError(
                code: .syntax,
                reason: "rules file: line \(mark.line), column \(mark.column): \(prefix)\(problem)\(hint)",
                line: mark.line, column: mark.column)
        case .reader(let problem, let offset, _, _):
            let place = offset.map { " at byte \($0)" } ?? ""
            return RuleError(code: .syntax, reason: "rules file: not readable\(place): \(problem)")
        default:
            return RuleError(code: .syntax, reason: "rules file: not YAML: \(error)")
        }
    }

    /// The rule's id and fields; checks that the rule is a mapping, its id, and its field names.
    private static func ruleID(_ node: Node, number: Int) throws(RuleError) -> (String, FieldMap) {
        guard case .mapping(let mapping) = node else {
            throw FieldParser.error("rule \(number): expected a mapping of fields", at: node)
        }
        // Field names are checked after the id, so that the messages can name the rule.
        let idNode = mapping.first { $0.key.scalar?.string == "id" }?.value
        guard let idNode else {
            throw FieldParser.error("rule \(number): id: required", at: node)
        }
        guard case .scalar(let scalar) = idNode, isValidID(scalar.string) else {
            let shown = idNode.scalar.map { "\"\($0.string)\"" } ?? "a list or mapping"
            throw FieldParser.error(
                "rule \(number): id: \(shown) is not an id (letters, digits, '.', '_', '-', starting with a letter or "
                    + "digit, at most 128 characters)", at: idNode)
        }
        let id = scalar.string
        let fields = try FieldMap(mapping, allowed: allFields, context: "rule \"\(id)\"")
        return (id, fields)
    }

    /// `^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`.
    static func isValidID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, bytes.count <= 128, isAlnum(first) else { return false }
        return bytes.allSatisfy {
            isAlnum($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
        }
    }

    private static func isAlnum(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
    }
}

/// A parsed rule of either kind.
enum ParsedRule {
    case target(TargetRule)
    case completeness(CompletenessRule)
}
