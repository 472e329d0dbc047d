/// Why a weights file was refused.
///
/// `description` names the place, the field and the rule, e.g.
/// `weights file: line 4, column 3: weights: energy_intensity: -2 is negative (a weight must be >= 0)`.
public struct ScoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, machine-readable category.
    public enum Code: String, Hashable, Sendable {
        /// The file is not YAML.
        case syntax
        /// The file is YAML but breaks the weights format (unknown or missing indicator, not a
        /// number, negative, not adding up to 100).
        case invalid
        /// The file could not be read.
        case io
    }

    public var code: Code
    /// The message without the place.
    public var reason: String
    /// The 1-based line the problem is on, when known.
    public var line: Int?
    /// The 1-based column the problem is on, when known.
    public var column: Int?

    /// Makes an error from its parts.
    public init(code: Code, reason: String, line: Int? = nil, column: Int? = nil) {
        self.code = code
        self.reason = reason
        self.line = line
        self.column = column
    }

    /// `weights file: line L, column C: <reason>`, or `weights file: <reason>` without a place.
    public var description: String {
        guard let line else { return "weights file: \(reason)" }
        return "weights file: line \(line)" + (column.map { ", column \($0)" } ?? "") + ": \(reason)"
    }

    /// Reading may succeed later (a file being replaced); a bad weights file never does as it is.
    public var isRetriable: Bool { code == .io }

    /// A bad weights file stops the command: a ranking is never computed with weights in part.
    public var isFatal: Bool { code != .io }
}
