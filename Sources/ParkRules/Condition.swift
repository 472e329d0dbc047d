import ParkMetrics

/// A comparison against a number, as written in `when` and `clear`: `< 0.95`, `>= 0.97`, `!= 1`.
///
/// Comparisons are exact on doubles (`== 1` holds only for 1). The number must be finite.
public struct Condition: Hashable, Sendable, CustomStringConvertible {
    /// The comparison operators a condition may use.
    public enum Operator: String, Hashable, Sendable, CaseIterable {
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
        case equal = "=="
        case notEqual = "!="

        /// The operator that holds exactly where this one does not.
        public var negated: Operator {
            switch self {
            case .less: .greaterOrEqual
            case .lessOrEqual: .greater
            case .greater: .lessOrEqual
            case .greaterOrEqual: .less
            case .equal: .notEqual
            case .notEqual: .equal
            }
        }
    }

    /// How the value compares to ``threshold``.
    public let comparison: Operator
    /// The number in the condition.
    public let threshold: Double

    /// Makes a condition; nil unless `threshold` is finite.
    public init?(_ comparison: Operator, _ threshold: Double) {
        guard threshold.isFinite else { return nil }
        self.comparison = comparison
        self.threshold = threshold == 0 ? 0 : threshold
    }

    /// Parses `<op> <number>` (spaces optional around both); nil when it is not a condition.
    public init?(parsing text: String) {
        let trimmed = text.trimmingSpaces
        var comparison: Operator?
        for candidate in [Operator.lessOrEqual, .greaterOrEqual, .equal, .notEqual, .less, .greater]
        where trimmed.hasPrefix(candidate.rawValue) {
            comparison = candidate
            break
        }
        guard let comparison else { return nil }
        let number = String(trimmed.dropFirst(comparison.rawValue.count)).trimmingSpaces
        guard let value = Self.parseNumber(number) else { return nil }
        self.init(comparison, value)
    }

    /// Whether `value` satisfies the condition.
    @inlinable
    public func holds(_ value: Double) -> Bool {
        switch comparison {
        case .less: value < threshold
        case .lessOrEqual: value <= threshold
        case .greater: value > threshold
        case .greaterOrEqual: value >= threshold
        case .equal: value == threshold
        case .notEqual: value != threshold
        }
    }

    /// The condition that holds exactly where this one does not (`< 0.95` → `>= 0.95`).
    public var negated: Condition {
        // The threshold is finite, so the negation is too.
        Condition(unchecked: comparison.negated, threshold)
    }

    /// Canonical text: operator, one space, the number in shortest form (`< 0.95`).
    public var description: String { comparison.rawValue + " " + ShortestNumber.format(threshold) }

    /// Whether some number satisfies both conditions.
    ///
    /// Each condition is a half-line, a point or a line without a point, so checking the two
    /// thresholds, their neighbouring doubles, their midpoint and two far points is exhaustive.
    public func overlaps(_ other: Condition) -> Bool {
        let a = threshold
        let b = other.threshold
        let probes = [
            a, b, a.nextUp, a.nextDown, b.nextUp, b.nextDown, a / 2 + b / 2, -Double.greatestFiniteMagnitude,
            .greatestFiniteMagnitude,
        ]
        return probes.contains { holds($0) && other.holds($0) }
    }

    private init(unchecked comparison: Operator, _ threshold: Double) {
        self.comparison = comparison
        self.threshold = threshold
    }

    /// A JSON-like decimal: optional sign, digits with an optional fraction, optional exponent.
    private static func parseNumber(_ text: String) -> Double? {
        var digits = 0
        var seenDot = false
        var seenExponent = false
        var previous: Character = " "
        for (index, character) in text.enumerated() {
            switch character {
            case "0"..."9": digits += 1
            case "+", "-":
                guard index == 0 || previous == "e" || previous == "E" else { return nil }
            case ".":
                guard !seenDot, !seenExponent else { return nil }
                seenDot = true
            case "e", "E":
                guard !seenExponent, digits > 0 else { return nil }
                seenExponent = true
            default: return nil
            }
            previous = character
        }
        guard digits > 0, previous != "e", previous != "E", previous != "+", previous != "-" else { return nil }
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
