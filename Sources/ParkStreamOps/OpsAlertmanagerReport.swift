/// How the worker's Alertmanager sink is doing, as the ops port exposes it: cumulative counts and
/// what it holds now. Read at each scrape (``OpsState/watchAlertmanager(_:)``).
public struct OpsAlertmanagerReport: Sendable, Hashable {
    /// Alerts Alertmanager accepted, re-sends included.
    public var accepted: Int
    /// Alerts in batches Alertmanager refused for good (HTTP 400).
    public var refused: Int
    /// POSTs that failed (Alertmanager down, 5xx, timeouts) and were retried.
    public var failedPosts: Int
    /// Alerts dropped because the queue was full.
    public var dropped: Int
    /// Transitions not yet accepted.
    public var pending: Int
    /// Firing alerts kept alive by re-sending.
    public var firing: Int

    public init(accepted: Int, refused: Int, failedPosts: Int, dropped: Int, pending: Int, firing: Int) {
        self.accepted = accepted
        self.refused = refused
        self.failedPosts = failedPosts
        self.dropped = dropped
        self.pending = pending
        self.firing = firing
    }
}
