import Yams

/// Turns the YAML of a weights file into ``AssessmentWeights``, refusing it at the first problem.
enum WeightsParser {
    /// The largest difference from 100 that still counts as 100 (decimal weights such as 33.3333).
    static let tolerance = 1e-9

    static func parse(yaml: String) throws(ScoreError) -> AssessmentWeights {
        guard let root = try compose(yaml), case .mapping(let top) = root else {
            throw ScoreError(code: .invalid, reason: "expected a mapping with a \"weights\" mapping")
        }
        var weightsNode: Node?
        for (key, value) in top {
            guard key.scalar?.string == "weights" else {
                throw error("unknown key \"\(key.scalar?.string ?? "?")\" (the file has one key, weights)", at: key)
            }
            if weightsNode != nil { throw error("duplicate key \"weights\"", at: key) }
            weightsNode = value
        }
        guard let weightsNode else { throw ScoreError(code: .invalid, reason: "weights: required") }
        guard case .mapping(let mapping) = weightsNode else {
            throw error("weights: expected a mapping of indicator id to points", at: weightsNode)
        }
        let known = Indicator.all.map(\.id)
        var points: [String: Double] = [:]
        for (key, value) in mapping {
            guard case .scalar(let name) = key else { throw error("weights: an indicator id must be text", at: key) }
            let id = name.string
            guard known.contains(id) else {
                throw error(
                    "weights: unknown indicator \"\(id)\" (indicators: \(known.joined(separator: ", ")))", at: key)
            }
            if points[id] != nil { throw error("weights: \(id): given twice", at: key) }
            guard case .scalar(let scalar) = value, let number = Double(scalar.string), number.isFinite else {
                let shown = value.scalar.map { "\"\($0.string)\"" } ?? "a list or mapping"
                throw error("weights: \(id): \(shown) is not a number", at: value)
            }
            guard number >= 0 else {
                throw error("weights: \(id): \(scalar.string) is negative (a weight must be >= 0)", at: value)
            }
            points[id] = number
        }
        for id in known where points[id] == nil {
            throw error("weights: \(id): required (every indicator needs a weight; 0 leaves one out)", at: weightsNode)
        }
        // Summed in indicator order, so the same file always gives the same total.
        let total = known.reduce(0.0) { $0 + (points[$1] ?? 0) }
        guard abs(total - 100) <= tolerance else {
            throw error("weights: the weights add up to \(format(total)), not 100", at: weightsNode)
        }
        return AssessmentWeights(checked: points)
    }

    private static func compose(_ yaml: String) throws(ScoreError) -> Node? {
        do {
            return try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            switch error {
            case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
                .composer(let context, let problem, let mark, _):
                let prefix = context.map { $0.text + " " } ?? ""
                throw ScoreError(
                    code: .syntax, reason: "not YAML: \(prefix)\(problem)", line: mark.line, column: mark.column)
            default:
                throw ScoreError(code: .syntax, reason: "not YAML: \(error)")
            }
        } catch {
            throw ScoreError(code: .syntax, reason: "not YAML: \(error)")
        }
    }

    private static func error(_ reason: String, at node: Node?) -> ScoreError {
        ScoreError(code: .invalid, reason: reason, line: node?.mark?.line, column: node?.mark?.column)
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
