import ParkRules

/// Where alert transitions go: the alerts topic (``KafkaAlertSink``), Prometheus Alertmanager
/// (``AlertmanagerSink``) or a terminal (``StdoutAlertSink``).
///
/// `deliver` hands an event over and returns without waiting for the destination, so a slow or
/// absent destination never holds up the stream. `flush` and `close` block the calling thread:
/// call them from the worker's own thread (or another dedicated one), never from the cooperative pool.
public protocol AlertSink: AnyObject, Sendable {
    /// Hands over one alert event (a firing or resolved transition) without waiting for the destination.
    /// Throws only when the sink can never deliver it (closed, or a fatal client error).
    func deliver(_ event: AlertEvent) throws

    /// Waits up to `timeout` until every event delivered so far has reached the destination;
    /// throws ``AlertSinkError`` (`timedOut`, `deliveryFailed`) when some have not.
    func flush(timeout: Duration) throws

    /// Flushes for up to `timeout`, then stops the sink's own work. Later `deliver` calls throw
    /// `closed`. Throws what `flush` throws; the sink is closed either way.
    func close(timeout: Duration) throws

    /// The worker has taken over input partition `partition` and caught up with what its previous
    /// owner wrote: these alerts are firing there. A sink that keeps firing alerts alive (by
    /// re-sending them) takes on those it does not hold yet.
    func adopt(firing: [AlertTransition], partition: Int32)

    /// The worker has given up these input partitions: a sink that keeps firing alerts alive stops
    /// doing so for theirs (their next owner adopts them; a re-send from here would revive an alert
    /// the next owner resolves).
    func release(partitions: [Int32])
}

extension AlertSink {
    /// Sinks that only pass transitions on keep nothing alive.
    public func adopt(firing: [AlertTransition], partition: Int32) {}
    public func release(partitions: [Int32]) {}
}
