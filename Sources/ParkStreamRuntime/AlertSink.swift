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
}
