/// What the engine did with one event.
public enum IngestOutcome: UInt8, Hashable, Sendable {
    /// The event is in the state. A monthly event that an equal or later revision already
    /// outranks is accepted too, but does not count (it has been replaced before it arrived).
    case accepted
    /// The same park and `event_id` was already accepted within the dedup horizon; nothing changed.
    case duplicate
    /// A telemetry event behind its park's watermark: nothing changed; the worker sends it to the
    /// DLQ with reason `late`.
    case late
    /// The event breaks the contract in a way `MetricEvent` cannot express (a derived metric, a
    /// monthly metric without `period`, a telemetry metric with one); nothing changed, and its park
    /// is not registered. Decoded events never get this.
    case invalid
}
