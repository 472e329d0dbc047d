/// Why the ops port could not start.
public struct OpsServerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable codes for scripts and tests.
    public enum Code: String, Sendable, Hashable {
        /// The address could not be bound (in use, not local, bad host).
        case bindFailed = "bind-failed"
        /// The server did not report listening within the start timeout.
        case startTimedOut = "start-timed-out"
    }

    /// The stable code.
    public var code: Code
    /// For people: what and where.
    public var reason: String

    /// Starting again later may work (the port may be freed); a bad host will not.
    public var isRetriable: Bool { true }

    /// An error with its code and reason.
    public init(code: Code, reason: String) {
        self.code = code
        self.reason = reason
    }

    /// `ops port: <reason>`.
    public var description: String { "ops port: " + reason }
}
