import StreamEngine

/// One window's aggregate of a park × metric, as `/api/aggregates` reports it.
public struct WindowAggregate: Hashable, Sendable {
    /// The window.
    public var window: Window
    /// Its value and count.
    public var aggregate: Aggregate

    /// A window's aggregate.
    public init(window: Window, aggregate: Aggregate) {
        self.window = window
        self.aggregate = aggregate
    }
}
