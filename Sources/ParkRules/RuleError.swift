/// Why a rules file was refused (ARCHITECTURE.md §6).
///
/// `description` is the message for people: it names the rule (`rule "x"`, or `rule 3` when the rule
/// has no usable id), the field and why, e.g. `rule "x": metric: unknown metric "foo"`. YAML syntax
/// errors read `rules file: line 3, column 7: <problem>`.
public struct RuleError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, machine-readable category.
    public enum Code: String, Hashable, Sendable {
        /// The file is not YAML (syntax).
        case syntax
        /// The file is YAML but breaks the rules schema.
        case invalid
        /// The file could not be read.
        case io
    }

    /// The category of the error.
    public var code: Code
    /// The full message, naming the rule, the field and why.
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

    /// The message, as `reason`.
    public var description: String { reason }

    /// Reading may succeed later (a file being replaced); a bad rules file never does as is.
    public var isRetriable: Bool { code == .io }

    /// A bad rules file stops the command that was given it: rules are never applied in part.
    public var isFatal: Bool { code != .io }
}
