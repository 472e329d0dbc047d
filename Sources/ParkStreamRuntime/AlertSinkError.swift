/// A failure of an alert sink: a stable code, a reason for people, and whether trying again may help.
public struct AlertSinkError: Error, CustomStringConvertible, Sendable, Hashable {
    /// Stable codes, for code that reacts to a failure and for log searches.
    public enum Code: String, Sendable, Hashable {
        /// `flush` or `close` ran out of time with events still undelivered (they are kept).
        case timedOut = "timed_out"
        /// The destination refused or lost events for good.
        case deliveryFailed = "delivery_failed"
        /// The sink was closed; it accepts nothing more.
        case closed
    }

    /// What kind of failure.
    public var code: Code
    /// What went wrong, with counts and the destination's own words where there are any.
    public var reason: String

    /// Whether trying again may succeed: a flush that timed out may finish later.
    public var isRetriable: Bool { code == .timedOut }

    /// Whether the sink is unusable.
    public var isFatal: Bool { code == .closed }

    public init(code: Code, reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { "\(code.rawValue): \(reason)" }
}
