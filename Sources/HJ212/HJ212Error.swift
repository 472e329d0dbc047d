/// Why a data segment, a split upload or a judged packet was refused; `reason` names the field
/// and the rule broken (`MN: missing`, `CP: "w01018-Avg" is not key=value`).
public struct HJ212Error: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable category.
    public enum Code: String, Hashable, Sendable {
        /// The data segment breaks HJ 212's syntax or a required field is missing.
        case malformed
        /// A field has a value HJ 212 does not allow (Flag not a number, PNO beyond PNUM, …).
        case badValue = "bad_value"
        /// A packet to be judged lacks what judging needs (DataTime).
        case unjudgeable
    }

    public var code: Code
    public var reason: String

    public init(code: Code, reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { reason }

    /// Bad input stays bad: sending the same bytes again fails the same way.
    public var isRetriable: Bool { false }

    static func malformed(_ reason: String) -> HJ212Error { HJ212Error(code: .malformed, reason: reason) }
    static func badValue(_ reason: String) -> HJ212Error { HJ212Error(code: .badValue, reason: reason) }
}
